/* The client's copy of what rankings, quiz questions and open questions add to a
 * session (docs/live-protocol.md, "Quiz" and "Open questions"): the answers to
 * open questions (and, for moderators, those waiting), the leaderboard, and this
 * participant's quiz answers, from which it works out its own score and rank. */

import { format, gettext } from "./i18n.js";

function key(id) {
  return String(id);
}

export function applyInteractionSnapshot(state, snap) {
  state.answers = new Map((snap.answers || []).map((a) => [key(a.id), a]));
  state.pendingAnswers = new Map((snap.pending_answers || []).map((a) => [key(a.id), a]));
  state.leaderboard = snap.leaderboard || null;
  state.mine.quiz = Object.assign({}, (snap.mine && snap.mine.quiz) || {});
}

/* An event of the new kinds; returns a text to announce, or "". */
export function applyInteractionEvent(state, kind, data) {
  switch (kind) {
    case "answer.published": {
      const answer = data.answer;
      const isNew = !state.answers.has(key(answer.id));
      state.answers.set(key(answer.id), answer);
      state.pendingAnswers.delete(key(answer.id));
      return isNew ? format(gettext("New answer: %(text)s"), { text: answer.text }) : "";
    }
    case "answer.hidden":
      state.answers.delete(key(data.answer_id));
      return "";
    default:
      return ""; // a kind this client does not know yet: harmless
  }
}

/* A quiz question closed: the correct option and the leaderboard. */
export function applyReveal(state, poll, data) {
  if (poll && data.correct !== undefined) poll.correct = data.correct;
  if (data.leaderboard) state.leaderboard = data.leaderboard;
}

/* Moderators only: an answer waiting for approval, or one a moderator hid. */
export function applyPendingAnswer(state, answer) {
  state.pendingAnswers.set(key(answer.id), answer);
  return format(gettext("New answer waiting for approval: %(text)s"), { text: answer.text });
}

export function applyRejectedAnswer(state, answerId) {
  state.pendingAnswers.delete(key(answerId));
}

/* The published answers to one open question, the newest first. */
export function answersOf(state, pollId) {
  return Array.from(state.answers.values())
    .filter((a) => key(a.poll_id) === key(pollId))
    .sort((a, b) => String(b.published_at).localeCompare(String(a.published_at)) || b.id - a.id);
}

/* This participant's score over the revealed quiz questions and its rank among
 * the players of the leaderboard (1 + the players with a higher score), or null
 * before its first answer was revealed. */
export function myScore(state) {
  let score = 0;
  let revealed = 0;
  Object.keys(state.mine.quiz || {}).forEach((pollId) => {
    const poll = state.polls.get(pollId);
    if (!poll || poll.state !== "closed" || poll.correct === undefined) return;
    const answer = state.mine.quiz[pollId];
    revealed += 1;
    if (answer.choice === poll.correct) score += answer.worth;
  });
  if (!revealed || !state.leaderboard) return null;
  const above = (state.leaderboard.scores || [])
    .filter((entry) => entry[0] > score)
    .reduce((sum, entry) => sum + entry[1], 0);
  return { score: score, rank: above + 1, players: state.leaderboard.players };
}
