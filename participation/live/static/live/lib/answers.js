/* Open questions: the participant's answer form, the approved answers every page
 * shows (without nicknames), and the moderator's list to approve or hide them. */

import { byId, el, setText, syncList } from "./dom.js";
import { clearError, showError, showNote, submitting, updateCounter } from "./feedback.js";
import { format, gettext } from "./i18n.js";
import { answersOf } from "./interaction.js";

/* The approved answers to one open question, the newest first (at most `limit`). */
export function answersNode(state, poll, limit) {
  const answers = answersOf(state, poll.id).slice(0, limit || undefined);
  if (!answers.length) {
    return el("p", { className: "live-empty", dataset: { liveResults: "" }, text: gettext("No answers yet.") });
  }
  return el(
    "ul",
    { className: "live-answers", dataset: { liveResults: "" } },
    answers.map((answer) => el("li", { className: "live-answer-text", text: answer.text }))
  );
}

/* The form of an open question: one answer at a time, as many as the limits allow. */
export function answerForm(app, poll) {
  const id = "live-open-answer-" + poll.id;
  return el("form", { className: "live-open-answer", dataset: { pollId: poll.id } }, [
    el("div", { className: "field" }, [
      el("label", { for: id, text: gettext("Your answer") }),
      el("textarea", {
        id: id,
        name: "text",
        rows: "2",
        maxlength: String(app.limits.open_answer),
        required: true,
        "aria-describedby": id + "-counter " + id + "-error",
      }),
      el("p", { id: id + "-counter", className: "live-counter" }),
      el("p", { id: id + "-error", className: "live-error", role: "alert", hidden: true }),
      el("p", { id: id + "-note", className: "live-note", role: "status", hidden: true }),
    ]),
    el("button", { type: "submit", text: gettext("Send answer") }),
  ]);
}

export function watchCounter(form) {
  const field = form.elements.text;
  field.addEventListener("input", () => updateCounter(field));
  updateCounter(field);
}

function sentNote(frame) {
  if (frame.held) {
    return gettext("Thank you! Your answer waits a moment: a moderator looks at it first.");
  }
  if (frame.status === "published") return gettext("Thank you! Your answer is in the list.");
  return gettext("Thank you! A moderator reads your answer before it appears.");
}

export function submitAnswer(app, form) {
  const field = form.elements.text;
  const errorNode = form.querySelector(".live-error");
  const note = form.querySelector(".live-note");
  const text = field.value.trim();
  clearError(errorNode);
  showNote(note, "");
  if (!text || text.length > app.limits.open_answer) {
    showError(errorNode, { code: text ? "too_long" : "empty_answer" });
    field.focus();
    return;
  }
  submitting(form, true);
  app.send("answer.send", { poll_id: Number(form.dataset.pollId), text: text }, (frame) => {
    submitting(form, false);
    if (frame.type === "error") {
      showError(errorNode, frame); // the typed text stays in the field
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    field.removeAttribute("aria-invalid");
    field.value = "";
    updateCounter(field);
    showNote(note, sentNote(frame));
  });
}

// The moderator's list -------------------------------------------------------------

function moderatedNode() {
  return el("li", { className: "live-answer-item" }, [
    el("p", { className: "live-answer-item__text" }),
    el("p", { className: "live-question__meta" }),
    el("div", { className: "live-question__actions" }, [
      el("button", { type: "button", className: "live-small", dataset: { action: "answer.approve" } }),
      el("button", {
        type: "button",
        className: "button--secondary live-small",
        dataset: { action: "answer.hide" },
      }),
    ]),
  ]);
}

function updateModerated(item, answer) {
  const waiting = answer.status === "pending";
  item.classList.toggle("live-answer-item--pending", waiting);
  setText(item.querySelector(".live-answer-item__text"), answer.text);
  setText(
    item.querySelector(".live-question__meta"),
    waiting
      ? format(gettext("waiting for approval · from %(nickname)s"), { nickname: answer.nickname || "" })
      : gettext("published")
  );
  const approve = item.querySelector("[data-action='answer.approve']");
  const hide = item.querySelector("[data-action='answer.hide']");
  approve.hidden = !waiting;
  [approve, hide].forEach((button) => {
    button.dataset.answerId = answer.id;
  });
  setText(approve, gettext("Approve"));
  setText(hide, gettext("Hide"));
  approve.setAttribute("aria-label", gettext("Approve") + ": " + answer.text);
  hide.setAttribute("aria-label", gettext("Hide") + ": " + answer.text);
}

/* The answers to one open question in the console: those waiting (oldest first),
 * then the published ones (newest first); nodes are reused, so focus survives. */
export function moderateAnswers(app, container, poll) {
  const state = app.state;
  const waiting = Array.from(state.pendingAnswers.values())
    .filter((a) => String(a.poll_id) === String(poll.id))
    .sort((a, b) => a.id - b.id)
    .map((a) => Object.assign({}, a, { status: "pending" }));
  const published = answersOf(state, poll.id).map((a) => Object.assign({}, a, { status: "published" }));
  let list = container.querySelector(".live-answer-items");
  if (!list) {
    list = el("ul", { className: "live-answer-items" });
    container.append(list);
  }
  syncList(list, waiting.concat(published), moderatedNode, updateModerated);
  let empty = container.querySelector(".live-empty");
  if (!empty) {
    empty = el("p", { className: "live-empty", text: gettext("No answers yet.") });
    container.append(empty);
  }
  empty.hidden = waiting.length + published.length > 0;
}

/* After a moderator's approve or hide: the answer leaves the waiting list at once. */
export function answerHandled(app, action, answerId) {
  app.state.pendingAnswers.delete(String(answerId));
  if (action === "answer.hide") app.state.answers.delete(String(answerId));
  const general = byId("live-general-error");
  if (general) clearError(general);
}
