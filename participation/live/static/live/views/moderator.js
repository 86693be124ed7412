/* The moderator console: pending questions to approve or reject; pin, hide and
 * answer published ones; create, open and close polls; start and end the session. */

import { byId, el, setText, show, syncList } from "../lib/dom.js";
import { clearError, showError, showNote, submitting, withBusy } from "../lib/feedback.js";
import { gettext } from "../lib/i18n.js";
import { applyPace, renderPaceMeter, resetPace } from "../lib/pace.js";
import { answerHandled, moderateAnswers } from "../lib/answers.js";
import { resultsNode } from "../lib/polls.js";
import { clockNode, closeWhenTimeIsUp, renderLeaderboard, startClock } from "../lib/quiz.js";
import {
  askedBy,
  currentSort,
  questionNode,
  renderQuestionList,
  sortedQuestions,
  updateQuestion,
  upvote,
} from "../lib/questions.js";
import { applyRejected, key } from "../lib/state.js";

const POLL_KIND_LABELS = {
  single: () => gettext("One choice"),
  multiple: () => gettext("Several choices"),
  scale: () => gettext("Scale 1 to 5"),
  words: () => gettext("Word answers"),
  ranking: () => gettext("Ranking"),
  quiz: () => gettext("Quiz question"),
  text: () => gettext("Open question"),
};

/* Show `first` or `second`; a keyboard user on the one that hides lands on the
 * other (a hidden button would drop focus to the page). */
function swapButtons(first, second, showFirst) {
  const hadFocus = document.activeElement;
  first.hidden = !showFirst;
  second.hidden = showFirst;
  if (hadFocus === first && first.hidden) second.focus();
  else if (hadFocus === second && second.hidden) first.focus();
}

// The kinds whose options the moderator writes, one per line.
const WITH_OPTIONS = ["single", "multiple", "ranking", "quiz"];

/* A button for one protocol action; its ids come with each update. */
function actionButton(action, text, secondary) {
  const className = secondary ? "button--secondary live-small" : "live-small";
  return el("button", { type: "button", className: className, dataset: { action: action }, text: text });
}

// Questions ----------------------------------------------------------------------------

function moderatedQuestionNode(app) {
  const item = questionNode(true);
  const answerId = "live-answer-" + Math.random().toString(36).slice(2, 9);
  const mergeId = "live-merge-" + Math.random().toString(36).slice(2, 9);
  const merge = el("details", { className: "live-merge" }, [
    el("summary", { text: gettext("Merge with another question") }),
    el("form", { className: "live-merge__form", dataset: { action: "question.merge" } }, [
      el("label", { for: mergeId, text: gettext("The question that stays") }),
      el("select", { id: mergeId, name: "into_id" }),
      el("p", { className: "live-error", role: "alert", hidden: true }),
      el("button", { type: "submit", className: "live-small", text: gettext("Merge") }),
    ]),
  ]);
  // The other questions are listed when the moderator opens it, not at every update.
  merge.addEventListener("toggle", () => {
    if (merge.open) fillMergeChoices(app, merge.querySelector("form"));
  });
  item.querySelector(".live-question__body").append(
    el("div", { className: "live-question__actions" }, [
      actionButton("question.pin", null, true),
      actionButton("question.hide", null, true),
      el("details", { className: "live-answer" }, [
        el("summary", { text: gettext("Mark as answered") }),
        el("form", { className: "live-answer__form", dataset: { action: "question.answer" } }, [
          el("label", { for: answerId, text: gettext("Answer (optional)") }),
          el("textarea", { id: answerId, name: "answer", maxlength: String(app.limits.answer), rows: "3" }),
          el("p", { className: "live-error", role: "alert", hidden: true }),
          el("button", { type: "submit", className: "live-small", text: gettext("Save as answered") }),
        ]),
      ]),
      merge,
    ])
  );
  return item;
}

function fillMergeChoices(app, form) {
  const own = form.dataset.questionId;
  const options = sortedQuestions(app.state)
    .filter((q) => String(q.id) !== own)
    .map((q) => el("option", { value: String(q.id), text: q.text.slice(0, 90) }));
  form.elements.into_id.replaceChildren(...options);
}

function updateModeratedQuestion(item, q, state) {
  updateQuestion(item, q, state);
  const pin = item.querySelector("[data-action='question.pin'], [data-action='question.unpin']");
  const pinLabel = q.pinned ? gettext("Unpin") : gettext("Pin");
  pin.dataset.action = q.pinned ? "question.unpin" : "question.pin";
  pin.dataset.questionId = q.id;
  setText(pin, pinLabel);
  pin.setAttribute("aria-label", pinLabel + ": " + q.text);
  const hide = item.querySelector("[data-action='question.hide']");
  hide.dataset.questionId = q.id;
  setText(hide, gettext("Hide"));
  hide.setAttribute("aria-label", gettext("Hide") + ": " + q.text);
  item.querySelector(".live-answer__form").dataset.questionId = q.id;
  item.querySelector(".live-merge__form").dataset.questionId = q.id;
  setText(
    item.querySelector(".live-answer summary"),
    q.answered ? gettext("Change the answer") : gettext("Mark as answered")
  );
}

function pendingNode() {
  return el("li", { className: "live-question live-question--pending" }, [
    el("div", { className: "live-question__body" }, [
      el("p", { className: "live-question__text" }),
      el("p", { className: "live-question__meta" }),
      el("div", { className: "live-question__actions" }, [
        actionButton("question.approve", gettext("Approve"), false),
        actionButton("question.reject", gettext("Reject"), true),
      ]),
      el("details", { className: "live-correct" }, [
        el("summary", {}, [gettext("Correct a typo first")]),
        el("form", {
          className: "live-correct__form",
          noValidate: true,
          dataset: { action: "question.approve" },
        }, [
          el("label", {}, [
            gettext("Question"),
            el("textarea", { name: "text", rows: 3, maxLength: 300, required: true }),
          ]),
          el("p", { className: "live-error", role: "alert", hidden: true }),
          el("button", { type: "submit", className: "button" }, [gettext("Approve as corrected")]),
        ]),
      ]),
    ]),
  ]);
}

function updatePending(item, q) {
  setText(item.querySelector(".live-question__text"), q.text);
  const form = item.querySelector(".live-correct__form");
  form.dataset.questionId = q.id;
  const field = form.elements.text;
  // A correction being typed is kept when the list updates.
  if (document.activeElement !== field && !form.closest("details").open) field.value = q.text;
  setText(item.querySelector(".live-question__meta"), askedBy(q));
  item.querySelectorAll(".live-question__actions button").forEach((button) => {
    button.dataset.questionId = q.id;
    const label = button.dataset.action === "question.approve" ? gettext("Approve") : gettext("Reject");
    button.setAttribute("aria-label", label + ": " + q.text);
  });
}

function renderPending(app) {
  const list = byId("live-pending");
  if (!list || !app.state.synced) return;
  const items = Array.from(app.state.pending.values()).sort((a, b) => a.id - b.id);
  syncList(list, items, pendingNode, updatePending);
  show(byId("live-pending-empty"), items.length === 0);
  setText(byId("live-pending-count"), String(app.state.pendingTotal));
  show(byId("live-pending-more"), app.state.pendingTotal > items.length);
}

// Polls --------------------------------------------------------------------------------

function pollNode() {
  return el("li", { className: "live-poll" }, [
    el("h3", { className: "live-poll__question" }),
    el("p", { className: "live-poll__state" }),
    el("div", { className: "live-poll__results" }),
    el("div", { className: "live-poll__actions" }, [
      actionButton("poll.open", gettext("Open poll"), false),
      actionButton("poll.close", gettext("Close poll"), true),
    ]),
    el("p", { className: "live-error", role: "alert", hidden: true }),
  ]);
}

function updatePoll(app, item, poll) {
  const state = poll.state === "open" ? gettext("open") : gettext("closed");
  setText(item.querySelector(".live-poll__question"), poll.question);
  setText(item.querySelector(".live-poll__state"), POLL_KIND_LABELS[poll.kind]() + " · " + state);
  item.classList.toggle("live-poll--open", poll.state === "open");
  const results = item.querySelector(".live-poll__results");
  if (poll.kind === "text") {
    moderateAnswers(app, results, poll); // nodes reused: focus survives updates
  } else {
    results.textContent = "";
    if (poll.kind === "quiz" && poll.state === "open") {
      startClock(app);
      results.append(clockNode(poll));
      closeWhenTimeIsUp(app, poll);
    }
    results.append(resultsNode(poll, app.limits, app.state, { moderator: true }));
  }
  const open = item.querySelector("[data-action='poll.open']");
  const close = item.querySelector("[data-action='poll.close']");
  open.dataset.pollId = poll.id;
  close.dataset.pollId = poll.id;
  swapButtons(open, close, poll.state !== "open");
  open.setAttribute("aria-label", gettext("Open poll") + ": " + poll.question);
  close.setAttribute("aria-label", gettext("Close poll") + ": " + poll.question);
  open.disabled = app.state.session.state === "ended";
  // A quiz question that ran has been revealed: it cannot run again.
  if (poll.kind === "quiz" && poll.deadline && poll.state !== "open") open.hidden = true;
}

function renderPolls(app) {
  if (!app.state.synced) return;
  const polls = Array.from(app.state.polls.values()).sort((a, b) => b.id - a.id);
  syncList(byId("live-polls"), polls, pollNode, (item, poll) => updatePoll(app, item, poll));
  show(byId("live-polls-empty"), polls.length === 0);
}

function togglePollOptions(form) {
  const kind = form.elements.kind.value;
  const needs = WITH_OPTIONS.includes(kind);
  show(byId("live-poll-options"), needs);
  form.elements.options.required = needs;
  show(byId("live-poll-quiz"), kind === "quiz");
}

function submitPoll(app, form) {
  const errorNode = byId("live-poll-form-error");
  clearError(errorNode);
  const kind = form.elements.kind.value;
  const question = form.elements.question.value.trim();
  const fields = { kind: kind, question: question };
  if (WITH_OPTIONS.includes(kind)) {
    fields.options = form.elements.options.value
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    if (fields.options.length < app.limits.poll_options_min) {
      showError(errorNode, { code: "too_few_options", n: app.limits.poll_options_min });
      form.elements.options.focus();
      return;
    }
  }
  if (!question) {
    showError(errorNode, { code: "missing_field" });
    form.elements.question.focus();
    return;
  }
  if (kind === "quiz") {
    const correct = Number(form.elements.correct.value);
    if (!Number.isInteger(correct) || correct < 1 || correct > fields.options.length) {
      showError(errorNode, { code: "wrong_correct", n: fields.options.length });
      form.elements.correct.focus();
      return;
    }
    fields.correct = correct - 1; // people count from 1, the protocol from 0
    fields.time_limit = Number(form.elements.time_limit.value);
  }
  submitting(form, true);
  app.send("poll.create", fields, (frame) => {
    submitting(form, false);
    if (frame.type === "error") {
      showError(errorNode, frame);
      return;
    }
    form.reset();
    togglePollOptions(form);
    showNote(
      byId("live-poll-form-note"),
      gettext("The poll is ready. Open it when you want people to vote.")
    );
    // A new poll is not an event until it opens: the ack carries it.
    if (frame.poll) app.state.polls.set(key(frame.poll.id), frame.poll);
  });
}

// Actions ------------------------------------------------------------------------------

function submitAnswer(app, form) {
  const errorNode = form.querySelector(".live-error");
  clearError(errorNode);
  submitting(form, true);
  const fields = {
    question_id: Number(form.dataset.questionId),
    answer: form.elements.answer.value.trim(),
  };
  app.send("question.answer", fields, (frame) => {
    submitting(form, false);
    if (frame.type === "error") {
      showError(errorNode, frame);
      return;
    }
    const details = form.closest("details");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus(); // not lost with the closed form
    }
  });
}

/* Approve a waiting question as the moderator corrected it (a typo); the asker's
 * own words stay in the record. */
function submitCorrected(app, form) {
  const errorNode = form.querySelector(".live-error");
  clearError(errorNode);
  const text = form.elements.text.value.trim();
  const fields = { question_id: Number(form.dataset.questionId), text: text };
  submitting(form, true);
  app.send("question.approve", fields, (frame) => {
    submitting(form, false);
    if (frame.type === "error") {
      showError(errorNode, frame); // the corrected text stays in the field
      return;
    }
    applyRejected(app.state, fields.question_id); // off the waiting list
  });
}

/* Merge this question (a duplicate) into the one chosen; the event updates the list. */
function submitMerge(app, form) {
  const errorNode = form.querySelector(".live-error");
  clearError(errorNode);
  const fields = {
    question_id: Number(form.dataset.questionId),
    into_id: Number(form.elements.into_id.value),
  };
  submitting(form, true);
  app.send("question.merge", fields, (frame) => {
    submitting(form, false);
    if (frame.type === "error") showError(errorNode, frame);
  });
}

function act(app, button) {
  const action = button.dataset.action;
  const fields = {};
  if (button.dataset.questionId) fields.question_id = Number(button.dataset.questionId);
  if (button.dataset.pollId) fields.poll_id = Number(button.dataset.pollId);
  if (button.dataset.answerId) fields.answer_id = Number(button.dataset.answerId);
  const confirmEnd = gettext("End the session? Participants can then no longer ask or vote.");
  if (action === "session.end" && !window.confirm(confirmEnd)) return;
  const errorNode =
    button.closest("li, section").querySelector(".live-error") || byId("live-general-error");
  clearError(errorNode);
  app.send(
    action,
    fields,
    withBusy(button, (frame) => {
      if (frame.type === "error") {
        showError(errorNode, frame);
        return;
      }
      if (action === "question.approve" || action === "question.reject") {
        applyRejected(app.state, fields.question_id); // off the waiting list
      }
      if (action === "question.hide") app.state.questions.delete(key(fields.question_id));
      if (fields.answer_id) answerHandled(app, action, fields.answer_id);
    })
  );
}

function focusHeading(id) {
  const heading = byId(id);
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

// The view -------------------------------------------------------------------------------

export const moderatorView = {
  start(app) {
    const pollForm = byId("live-poll-form");
    if (pollForm) {
      pollForm.elements.kind.addEventListener("change", () => togglePollOptions(pollForm));
      togglePollOptions(pollForm);
    }
    show(byId("live-app"), true);
    app.conn.connect();
  },

  hello(app, message) {
    const nickname = app.root.dataset.liveNickname;
    if (nickname) message.nickname = nickname.slice(0, app.limits.nickname);
  },

  render(app) {
    const state = app.state;
    const start = app.root.querySelector("[data-action='session.start']");
    const end = app.root.querySelector("[data-action='session.end']");
    if (start && end) {
      const hadFocus = document.activeElement === start || document.activeElement === end;
      swapButtons(start, end, state.session.state === "scheduled");
      end.hidden = state.session.state !== "live";
      if (hadFocus && start.hidden && end.hidden) focusHeading("live-session-heading");
    }
    renderQuestionList(
      app,
      sortedQuestions(state, currentSort(app.root)),
      () => moderatedQuestionNode(app),
      (item, q) => updateModeratedQuestion(item, q, state)
    );
    renderPending(app);
    renderPolls(app);
    renderPaceMeter(app);
    renderLeaderboard(app);
  },

  onSnapshot(app) {
    resetPace(app);
  },

  onFrame(app, frame) {
    if (frame.type !== "pace") return;
    app.announcer.add("pace", applyPace(app, frame));
    app.render();
  },

  onClick(app, button) {
    if (button.dataset.action === "question.upvote") upvote(app, button);
    else act(app, button);
  },

  onSubmit(app, form) {
    if (form.id === "live-poll-form") submitPoll(app, form);
    else if (form.dataset.action === "question.answer") submitAnswer(app, form);
    else if (form.dataset.action === "question.approve") submitCorrected(app, form);
    else if (form.dataset.action === "question.merge") submitMerge(app, form);
    else return false;
    return true;
  },
};
