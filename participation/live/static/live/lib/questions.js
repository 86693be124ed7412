/* The list of published questions that every live page shows: order, one item per
 * question (reused across updates), and the upvote button. */

import { byId, el, setText, show, storage, syncList } from "./dom.js";
import { clearError, showError, switchOff, withBusy } from "./feedback.js";
import { format, gettext } from "./i18n.js";
import { key } from "./state.js";
import { votes } from "./texts.js";

const SORT_KEY = "inspraak.live.sort";

/* Pinned first, then by votes or newest, as the page's sort buttons say. */
export function sortedQuestions(state, order) {
  const byNewest = (a, b) =>
    String(b.created_at).localeCompare(String(a.created_at)) || b.id - a.id;
  return Array.from(state.questions.values()).sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (order === "votes" && a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
    return byNewest(a, b);
  });
}

export function currentSort(root) {
  const checked = root.querySelector("input[name='live-sort']:checked");
  return checked ? checked.value : "votes";
}

/* The sort the person chose last time, and keep the next choice. */
export function restoreSort(root, onChange) {
  const sort = root.querySelector(
    "input[name='live-sort'][value='" + (storage.get(SORT_KEY) || "votes") + "']"
  );
  if (sort) sort.checked = true;
  root.addEventListener("change", (event) => {
    if (event.target.name !== "live-sort") return;
    storage.set(SORT_KEY, event.target.value);
    onChange();
  });
}

/* A question item; `upvote` adds the button, otherwise a line with the votes. */
export function questionNode(upvote) {
  const item = el("li", { className: "live-question" });
  const body = el("div", { className: "live-question__body" }, [
    el("p", { className: "live-question__badges" }, [
      el("span", { className: "live-badge live-badge--pinned", hidden: true, text: gettext("Pinned") }),
      el("span", { className: "live-badge live-badge--answered", hidden: true, text: gettext("Answered") }),
    ]),
    el("p", { className: "live-question__text" }),
    el("p", { className: "live-question__meta" }),
    el("p", { className: "live-question__answer", hidden: true }),
  ]);
  item.append(body);
  if (!upvote) {
    item.append(el("p", { className: "live-question__votes" }));
    return item;
  }
  const button = el(
    "button",
    { type: "button", className: "live-upvote", dataset: { action: "question.upvote" } },
    [
      el("span", { className: "live-upvote__icon", "aria-hidden": "true", text: "▲" }),
      el("span", { className: "live-upvote__count" }),
      el("span", { className: "visually-hidden live-upvote__label" }),
    ]
  );
  item.append(el("div", { className: "live-question__side" }, [button]));
  return item;
}

export function askedBy(q) {
  return format(gettext("asked by %(nickname)s"), { nickname: q.nickname });
}

export function updateQuestion(item, q, state) {
  item.dataset.questionId = q.id;
  item.classList.toggle("live-question--pinned", !!q.pinned);
  item.classList.toggle("live-question--answered", !!q.answered);
  const badges = item.querySelectorAll(".live-badge");
  badges[0].hidden = !q.pinned;
  badges[1].hidden = !q.answered;
  badges[0].parentNode.hidden = !q.pinned && !q.answered;
  setText(item.querySelector(".live-question__text"), q.text);
  setText(item.querySelector(".live-question__meta"), askedBy(q));
  const answer = item.querySelector(".live-question__answer");
  answer.hidden = !q.answer;
  setText(answer, q.answer ? format(gettext("Answer: %(answer)s"), { answer: q.answer }) : "");
  const count = item.querySelector(".live-question__votes");
  if (count) setText(count, votes(q.upvotes || 0));
  const upvote = item.querySelector(".live-upvote");
  if (upvote) {
    const done = state.mine.upvoted.has(key(q.id));
    const busy = upvote.dataset.busy === "1";
    upvote.dataset.questionId = q.id;
    upvote.disabled = state.session.state === "ended";
    switchOff(upvote, done || busy); // the focus stays on it (feedback.switchOff)
    upvote.setAttribute("aria-pressed", done ? "true" : "false");
    setText(upvote.querySelector(".live-upvote__count"), String(q.upvotes || 0));
    const label = done ? gettext("You voted for this question") : gettext("Vote for this question");
    setText(
      upvote.querySelector(".live-upvote__label"),
      label + ": " + q.text + " (" + votes(q.upvotes || 0) + ")"
    );
  }
}

/* Fill #live-questions with `questions`; the counts and the empty note follow. */
export function renderQuestionList(app, questions, create, update) {
  const list = byId("live-questions");
  if (!list || !app.state.synced) return;
  syncList(list, questions, create, update);
  show(byId("live-questions-empty"), questions.length === 0);
  const count = byId("live-questions-count");
  if (count) setText(count, String(app.state.questionsTotal));
  const more = byId("live-questions-more");
  if (more) show(more, app.state.questionsTotal > app.state.questions.size);
}

export function upvote(app, button) {
  const id = button.dataset.questionId;
  const status = byId("live-questions-error");
  clearError(status);
  app.send(
    "question.upvote",
    { question_id: Number(id) },
    withBusy(button, (frame) => {
      if (frame.type === "ack" || frame.code === "already_upvoted") {
        app.state.mine.upvoted.add(key(id));
      } else {
        showError(status, frame);
      }
    })
  );
  app.render();
}
