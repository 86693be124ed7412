/* The big screen: the pinned question, the top six others by votes, the open poll's
 * results (average ranks of a ranking, the newest answers to an open question, a
 * quiz question's clock), when no poll is open the quiz question revealed last, and
 * in quiz mode the leaderboard. Read-only: it receives what participants receive. */

import { byId, el, setText, show } from "../lib/dom.js";
import { resultsNode } from "../lib/polls.js";
import { clockNode, renderLeaderboard, startClock } from "../lib/quiz.js";
import {
  askedBy,
  questionNode,
  renderQuestionList,
  sortedQuestions,
  updateQuestion,
} from "../lib/questions.js";
import { openPoll } from "../lib/state.js";
import { votes } from "../lib/texts.js";

function renderPinned(app) {
  const box = byId("live-pinned");
  if (!box || !app.state.synced) return;
  const pinned = Array.from(app.state.questions.values()).find((q) => q.pinned);
  box.hidden = !pinned;
  if (pinned) {
    setText(box.querySelector(".live-pinned__text"), pinned.text);
    setText(box.querySelector(".live-pinned__meta"), askedBy(pinned) + " · " + votes(pinned.upvotes || 0));
  }
}

// The newest answers to an open question that fit on the screen.
const ANSWERS_SHOWN = 8;

/* The open poll; when none is open, the quiz question revealed last. */
function shownPoll(state) {
  const open = openPoll(state);
  if (open) return open;
  const last = Array.from(state.polls.values())
    .filter((p) => p.deadline)
    .sort((a, b) => String(b.deadline).localeCompare(String(a.deadline)))[0];
  return last && last.kind === "quiz" && last.correct !== undefined ? last : null;
}

function renderPoll(app) {
  const box = byId("live-poll");
  if (!box || !app.state.synced) return;
  const poll = shownPoll(app.state);
  show(byId("live-poll-section"), !!poll);
  box.textContent = "";
  if (poll) {
    box.append(el("h2", { className: "live-poll__question", text: poll.question }));
    if (poll.kind === "quiz" && poll.state === "open") {
      startClock(app);
      box.append(clockNode(poll));
    }
    box.append(resultsNode(poll, app.limits, app.state, { answers: ANSWERS_SHOWN }));
  }
}

export const projectorView = {
  hello(app, message) {
    message.role = "projector";
  },

  render(app) {
    const top = sortedQuestions(app.state, "votes")
      .filter((q) => !q.pinned)
      .slice(0, Number(app.root.dataset.liveTop));
    renderPinned(app);
    renderQuestionList(app, top, () => questionNode(false), (item, q) => updateQuestion(item, q, app.state));
    renderPoll(app);
    renderLeaderboard(app);
  },
};
