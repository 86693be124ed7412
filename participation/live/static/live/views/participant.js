/* The participant's page: a nickname (kept with a signed token per session code),
 * asking, upvoting, voting in the open poll, reactions. */

import { byId, el, setText, show, storage } from "../lib/dom.js";
import {
  announce,
  clearError,
  setStatus,
  showError,
  showNote,
  submitting,
  updateCounter,
  withBusy,
} from "../lib/feedback.js";
import { format, gettext } from "../lib/i18n.js";
import { pollLabels, resultsNode } from "../lib/polls.js";
import {
  currentSort,
  questionNode,
  renderQuestionList,
  sortedQuestions,
  updateQuestion,
  upvote,
} from "../lib/questions.js";
import { renderPaceButtons, restorePace, tapPace } from "../lib/pace.js";
import { rankingOrder } from "../lib/ranking.js";
import { key, openPoll } from "../lib/state.js";
import { renderLeaderboard } from "../lib/quiz.js";
import { onPollClick, onPollSubmit, pollBody, pollSignature } from "./participant_polls.js";

// Identity: nickname and signed token, per session code --------------------------

function storeKey(app) {
  return "inspraak.live." + app.state.session.code;
}

function loadIdentity(app) {
  try {
    return JSON.parse(storage.get(storeKey(app))) || {};
  } catch (e) {
    return {};
  }
}

function saveIdentity(app) {
  storage.set(storeKey(app), JSON.stringify(app.identity));
}

function askNickname(app) {
  const form = byId("live-nickname-form");
  show(form, true);
  show(byId("live-app"), false);
  setStatus("idle", gettext("Choose a nickname to take part."));
  const input = form && form.elements.nickname;
  if (input) {
    if (app.identity.nickname) input.value = app.identity.nickname;
    input.focus();
  }
}

function submitNickname(app, form) {
  const input = form.elements.nickname;
  const errorNode = byId("live-nickname-error");
  const nickname = input.value.trim();
  if (!nickname || nickname.length > app.limits.nickname) {
    showError(errorNode, { code: nickname ? "too_long" : "empty_nickname" });
    input.setAttribute("aria-invalid", "true");
    input.focus();
    return;
  }
  clearError(errorNode);
  input.removeAttribute("aria-invalid");
  app.identity = { nickname: nickname };
  saveIdentity(app);
  takePart(app);
  const ask = byId("live-ask-text");
  if (ask) ask.focus();
}

function takePart(app) {
  show(byId("live-nickname-form"), false);
  show(byId("live-app"), true);
  setText(
    byId("live-you"),
    format(gettext("You take part as %(nickname)s."), { nickname: app.identity.nickname })
  );
  app.conn.terminal = false;
  app.conn.connect();
}

// Asking and voting --------------------------------------------------------------

function submitQuestion(app, form) {
  const field = form.elements.text;
  const errorNode = byId("live-ask-error");
  const note = byId("live-ask-note");
  const text = field.value.trim();
  clearError(errorNode);
  showNote(note, "");
  if (!text || text.length > app.limits.question) {
    showError(errorNode, { code: text ? "too_long" : "empty_question" });
    field.focus();
    return;
  }
  submitting(form, true);
  app.send("question.ask", { text: text }, (frame) => {
    submitting(form, false);
    if (frame.type === "error") {
      showError(errorNode, frame); // the typed text stays in the field
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    field.removeAttribute("aria-invalid");
    // Asking supports one's own question: a merge moves that support along.
    app.state.mine.asked = app.state.mine.asked || new Set();
    app.state.mine.asked.add(key(frame.question_id));
    field.value = "";
    updateCounter(field);
    showNote(note, askedNote(frame));
  });
}

/* What a participant reads after asking: in the list, waiting for a moderator,
 * or held by the word filter (kindly, with the reason). */
function askedNote(frame) {
  if (frame.held === "contact") {
    return gettext(
      "Thank you! Your question waits a moment: it seems to hold an e-mail address or phone number. A moderator looks at it first, to protect you."
    );
  }
  if (frame.held === "words") {
    return gettext(
      "Thank you! Your question waits a moment: it holds a word that a moderator looks at first."
    );
  }
  if (frame.status === "published") return gettext("Thank you! Your question is in the list.");
  return gettext("Thank you! A moderator reads your question before it appears.");
}

function submitVote(app, form) {
  const pollId = form.dataset.pollId;
  const poll = app.state.polls.get(key(pollId));
  const errorNode = form.querySelector(".live-error");
  clearError(errorNode);
  if (!poll) return;
  const fields = { poll_id: Number(pollId) };
  if (poll.kind === "ranking") {
    fields.order = rankingOrder(form);
  } else if (poll.kind === "words") {
    const words = form.elements.words.value.trim();
    if (!words) {
      showError(errorNode, { code: "empty_vote" });
      return;
    }
    fields.words = words;
  } else {
    const picked = Array.from(form.querySelectorAll("input[name=choice]:checked")).map(
      (input) => Number(input.value)
    );
    if (!picked.length) {
      showError(errorNode, { code: "empty_vote" });
      return;
    }
    if (poll.kind === "scale") fields.value = picked[0] + 1;
    else fields.choices = picked;
  }
  submitting(form, true);
  app.send("poll.vote", fields, (frame) => {
    submitting(form, false);
    if (frame.type === "error" && frame.code !== "already_voted") {
      showError(errorNode, frame);
      return;
    }
    app.state.mine.voted.add(key(pollId));
    if (frame.worth) {
      // A quiz answer: what it is worth if right (lib/interaction.js, myScore).
      app.state.mine.quiz[key(pollId)] = { choice: fields.choices[0], worth: frame.worth };
    }
    announce(gettext("Thank you, your vote is counted."));
  });
}

function react(app, button) {
  const errorNode = byId("live-reactions-error");
  clearError(errorNode);
  app.send(
    "reaction",
    { emoji: button.dataset.emoji },
    withBusy(button, (frame) => {
      if (frame.type === "error") showError(errorNode, frame);
    })
  );
}

// The poll -------------------------------------------------------------------------

function voteForm(app, poll) {
  const form = el("form", { className: "live-vote", dataset: { pollId: poll.id } });
  const errorId = "live-vote-error-" + poll.id;
  if (poll.kind === "words") {
    const inputId = "live-vote-words-" + poll.id;
    form.append(
      el("label", { for: inputId, text: gettext("Your word or short answer") }),
      el("input", {
        id: inputId,
        name: "words",
        type: "text",
        maxlength: String(app.limits.words),
        required: true,
        autocomplete: "off",
        "aria-describedby": errorId,
      })
    );
  } else {
    const fieldset = el("fieldset", { className: "live-vote__options" }, [
      el("legend", { className: "visually-hidden", text: poll.question }),
    ]);
    const type = poll.kind === "multiple" ? "checkbox" : "radio";
    pollLabels(poll, app.limits).forEach((label, index) => {
      const id = "live-vote-" + poll.id + "-" + index;
      const input = el("input", { type: type, id: id, name: "choice", value: String(index) });
      if (type === "radio") input.required = true;
      fieldset.append(
        el("div", { className: "live-vote__option" }, [input, el("label", { for: id, text: label })])
      );
    });
    if (poll.kind === "scale") {
      fieldset.append(el("p", { className: "live-hint", text: gettext("1 = not at all, 5 = very much") }));
    }
    form.append(fieldset);
  }
  form.append(
    el("p", { className: "live-error", id: errorId, role: "alert", hidden: true }),
    el("button", { type: "submit", text: gettext("Vote") })
  );
  return form;
}

function pollNode(app, poll) {
  const voted = app.state.mine.voted.has(key(poll.id));
  const box = el("div", { className: "live-poll live-poll--" + poll.state, dataset: { pollId: poll.id } }, [
    el("h3", { className: "live-poll__question", text: poll.question }),
  ]);
  const body = pollBody(app, poll); // rankings, quiz and open questions
  if (body) {
    box.append(...body);
    return box;
  }
  if (poll.state === "open" && !voted && app.state.session.state !== "ended") {
    box.append(voteForm(app, poll));
  } else {
    if (poll.state === "open") {
      box.append(el("p", { className: "live-note", text: gettext("Thank you, your vote is counted.") }));
    }
    box.append(resultsNode(poll, app.limits));
  }
  return box;
}

/* The open poll, else the last closed one: rebuilt only when the poll, its state or
 * our vote changes, so a half-filled form survives a counts frame. */
function renderPoll(app) {
  const holder = byId("live-poll");
  if (!holder) return;
  const polls = Array.from(app.state.polls.values());
  const recent = polls.filter((p) => p.state === "closed").sort((a, b) => b.id - a.id)[0];
  const poll = openPoll(app.state) || recent;
  show(byId("live-poll-section"), !!poll);
  if (!poll) {
    holder.textContent = "";
    holder.dataset.signature = "";
    return;
  }
  const voted = app.state.mine.voted.has(key(poll.id));
  const signature = [poll.id, poll.state, voted, app.state.session.state, pollSignature(app, poll)].join("|");
  if (holder.dataset.signature === signature) {
    const old = holder.querySelector("[data-live-results], .live-results, .live-words, .live-empty");
    if (old) old.replaceWith(resultsNode(poll, app.limits, app.state));
    return;
  }
  holder.dataset.signature = signature;
  const hadFocus = holder.contains(document.activeElement);
  holder.textContent = "";
  holder.append(pollNode(app, poll));
  setText(byId("live-poll-heading"), poll.state === "open" ? gettext("Poll") : gettext("Last poll"));
  if (hadFocus) {
    const target = holder.querySelector(".live-note, .live-poll__question");
    if (target) {
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }
  }
}

// The view ---------------------------------------------------------------------------

export const participantView = {
  start(app) {
    app.identity = loadIdentity(app);
    restorePace(app);
    if (app.identity.nickname || app.identity.token) takePart(app);
    else askNickname(app);
  },

  hello(app, message) {
    if (app.identity.token) message.token = app.identity.token;
    if (app.identity.nickname) message.nickname = app.identity.nickname;
  },

  onWelcome(app, frame) {
    if (!frame.token) return;
    app.identity.token = frame.token;
    if (frame.participant && frame.participant.nickname) {
      app.identity.nickname = frame.participant.nickname;
    }
    saveIdentity(app);
  },

  onError(app, frame) {
    if (frame.code !== "missing_field" || app.conn.ready) return false;
    // The token was refused and no nickname is known: ask for it again.
    app.identity = {};
    saveIdentity(app);
    app.conn.stop();
    askNickname(app);
    return true;
  },

  render(app) {
    const upvoteNode = () => questionNode(true);
    const update = (item, q) => updateQuestion(item, q, app.state);
    renderQuestionList(app, sortedQuestions(app.state, currentSort(app.root)), upvoteNode, update);
    if (app.state.synced) renderPoll(app);
    renderPaceButtons(app);
    renderLeaderboard(app);
  },

  onClick(app, button) {
    if (button.dataset.emoji) react(app, button);
    else if (button.dataset.action === "question.upvote") upvote(app, button);
    else if (button.dataset.action === "pace") tapPace(app, button);
    else onPollClick(app, button);
  },

  onSubmit(app, form) {
    if (form.id === "live-nickname-form") submitNickname(app, form);
    else if (form.id === "live-ask-form") submitQuestion(app, form);
    else if (form.classList.contains("live-vote")) submitVote(app, form);
    else if (!onPollSubmit(app, form)) return false;
    return true;
  },
};
