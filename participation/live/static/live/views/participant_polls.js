/* The participant's side of rankings, quiz questions and open questions
 * (views/participant.js asks here first for those kinds), and the quiz's
 * leaderboard with the participant's own score and rank. */

import { answerForm, answersNode, submitAnswer, watchCounter } from "../lib/answers.js";
import { el } from "../lib/dom.js";
import { gettext } from "../lib/i18n.js";
import {
  quizAnsweredNote,
  quizForm,
  quizResults,
  startClock,
  timeIsUp,
} from "../lib/quiz.js";
import { moveOption, rankingForm, rankingResults } from "../lib/ranking.js";
import { key } from "../lib/state.js";

const KINDS = ["ranking", "quiz", "text"];

function note(text) {
  return el("p", { className: "live-note", text: text });
}

/* What changes the poll's form (the rest is redrawn in place as counts arrive). */
export function pollSignature(app, poll) {
  if (poll.kind !== "quiz") return "";
  const mine = (app.state.mine.quiz || {})[key(poll.id)];
  return [timeIsUp(poll), poll.correct !== undefined, !!mine].join("|");
}

/* The nodes below the poll's question for the new kinds, or null for the others. */
export function pollBody(app, poll) {
  if (!KINDS.includes(poll.kind)) return null;
  const ended = app.state.session.state === "ended";
  const open = poll.state === "open" && !ended;
  const voted = app.state.mine.voted.has(key(poll.id));
  if (poll.kind === "text") {
    const nodes = [];
    if (open) {
      const form = answerForm(app, poll);
      watchCounter(form);
      nodes.push(form);
    }
    nodes.push(el("h4", { className: "live-answers__heading", text: gettext("Answers") }));
    nodes.push(answersNode(app.state, poll));
    return nodes;
  }
  if (poll.kind === "ranking") {
    if (open && !voted) return [rankingForm(poll)];
    const nodes = open ? [note(gettext("Thank you, your ranking is counted."))] : [];
    return nodes.concat([rankingResults(poll)]);
  }
  startClock(app);
  if (open && !voted && !timeIsUp(poll)) return [quizForm(poll)];
  let text = quizAnsweredNote(app.state, poll);
  if (poll.state === "open" && !voted) text = gettext("Time is up. Wait for the right answer.");
  return [note(text), quizResults(poll, false)];
}

export function onPollClick(app, button) {
  if (button.dataset.action !== "rank.up" && button.dataset.action !== "rank.down") return false;
  moveOption(button);
  return true;
}

export function onPollSubmit(app, form) {
  if (!form.classList.contains("live-open-answer")) return false;
  submitAnswer(app, form);
  return true;
}
