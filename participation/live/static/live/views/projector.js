/* The big screen: the pinned question, the top six others by votes, the open poll's
 * results. Read-only: it receives what participants receive. */

import { byId, el, setText, show } from "../lib/dom.js";
import { resultsNode } from "../lib/polls.js";
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

function renderPoll(app) {
  const box = byId("live-poll");
  if (!box || !app.state.synced) return;
  const open = openPoll(app.state);
  show(byId("live-poll-section"), !!open);
  box.textContent = "";
  if (open) {
    box.append(el("h2", { className: "live-poll__question", text: open.question }), resultsNode(open, app.limits));
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
  },
};
