/* The client's copy of a session: questions, pending questions, polls and counts,
 * kept by id, and the highest event `seq` applied (docs/live-protocol.md,
 * "Connecting and resuming"). Frames change it here; pages only read it. */

import { format, gettext } from "./i18n.js";
import { applyInteractionEvent, applyInteractionSnapshot, applyReveal } from "./interaction.js";
import { stateLabel } from "./texts.js";

/* Questions and polls are kept by their id as a string (JSON object keys are). */
export function key(id) {
  return String(id);
}

export function createState(root) {
  return {
    role: null,
    session: {
      code: root.dataset.liveCode,
      title: root.dataset.liveTitle || "",
      state: root.dataset.liveState || "scheduled",
      moderation: root.dataset.liveModeration || "pre",
    },
    questions: new Map(),
    pending: new Map(),
    // A snapshot holds at most 200 of each (the pinned, most upvoted and newest
    // published; the oldest pending): these count all of them.
    questionsTotal: 0,
    pendingTotal: 0,
    polls: new Map(),
    // Open questions' answers, the leaderboard (lib/interaction.js).
    answers: new Map(),
    pendingAnswers: new Map(),
    leaderboard: null,
    reactions: {},
    participants: null,
    mine: { upvoted: new Set(), voted: new Set(), quiz: {} },
    synced: false,
    lastSeq: null, // the highest event seq applied; resumes start after it
    snapshots: 0, // how many full snapshots this page applied (resume uses replays)
  };
}

export function applySnapshot(state, snap) {
  state.session = Object.assign(state.session, snap.session || {});
  state.questions = new Map((snap.questions || []).map((q) => [key(q.id), q]));
  state.pending = new Map((snap.pending || []).map((q) => [key(q.id), q]));
  state.questionsTotal = Math.max(snap.questions_total || 0, state.questions.size);
  state.pendingTotal = Math.max(snap.pending_total || 0, state.pending.size);
  state.polls = new Map((snap.polls || []).map((p) => [key(p.id), p]));
  state.reactions = snap.reactions || {};
  if (typeof snap.participants === "number") state.participants = snap.participants;
  const mine = snap.mine || {};
  state.mine.upvoted = new Set((mine.upvoted || []).map(key));
  state.mine.voted = new Set((mine.voted || []).map(key));
  applyInteractionSnapshot(state, snap);
  state.lastSeq = snap.seq;
  state.synced = true;
  state.snapshots += 1;
}

/* After a replay: the client is at `seq` even if the last events were its own. */
export function applySynced(state, seq) {
  if (typeof seq === "number" && (state.lastSeq === null || seq > state.lastSeq)) {
    state.lastSeq = seq;
  }
}

/* An `event` frame, applied only in order. Returns "applied" (with `announce`, a
 * text for screen readers or ""), "ignored" (a duplicate, or before the first
 * snapshot, which includes it) or "gap" (an event is missing: fetch it). */
export function applyEventFrame(state, frame) {
  if (state.lastSeq === null || frame.seq <= state.lastSeq) return { result: "ignored" };
  if (frame.seq > state.lastSeq + 1) return { result: "gap" };
  const announce = applyEvent(state, frame.kind, frame.data || {});
  state.lastSeq = frame.seq;
  return { result: "applied", announce: announce };
}

/* Every kind sets a state, so applying one twice is harmless. */
function applyEvent(state, kind, data) {
  const q = data.question_id !== undefined ? state.questions.get(key(data.question_id)) : null;
  switch (kind) {
    case "question.published": {
      const question = data.question;
      const isNew = !state.questions.has(key(question.id));
      state.questions.set(key(question.id), question);
      if (state.pending.delete(key(question.id))) state.pendingTotal -= 1;
      if (!isNew) return "";
      state.questionsTotal += 1;
      return format(gettext("New question from %(nickname)s: %(text)s"), {
        nickname: question.nickname,
        text: question.text,
      });
    }
    case "question.answered":
      if (q) {
        q.answered = true;
        q.answer = data.answer || "";
      }
      return "";
    case "question.pinned":
      state.questions.forEach((other) => {
        other.pinned = false;
      });
      if (!q) return "";
      q.pinned = true;
      return format(gettext("Pinned question: %(text)s"), { text: q.text });
    case "question.unpinned":
      if (q) q.pinned = false;
      return "";
    case "question.merged": {
      const gone = state.questions.delete(key(data.question_id));
      state.questionsTotal = Math.max(state.questions.size, state.questionsTotal - 1);
      const kept = state.questions.get(key(data.into_id));
      if (kept && typeof data.upvotes === "number") kept.upvotes = data.upvotes;
      // An upvote of the duplicate, or having asked it, now counts for the question
      // that stays.
      const asked =
        state.mine.asked &&
        state.mine.asked.has(key(data.question_id)) &&
        !state.mine.asked.has(key(data.into_id));
      if (asked || state.mine.upvoted.has(key(data.question_id))) state.mine.upvoted.add(key(data.into_id));
      if (!gone || !kept) return "";
      return format(gettext("Two questions were merged into one: %(text)s"), { text: kept.text });
    }
    case "question.hidden":
      state.questions.delete(key(data.question_id));
      state.questionsTotal = Math.max(state.questions.size, state.questionsTotal - 1);
      return "";
    case "poll.opened": {
      const poll = data.poll;
      state.polls.forEach((other) => {
        if (other.state === "open") other.state = "closed";
      });
      state.polls.set(key(poll.id), poll);
      return format(gettext("New poll: %(question)s"), { question: poll.question });
    }
    case "poll.closed": {
      const poll = state.polls.get(key(data.poll_id));
      if (poll) {
        poll.state = "closed";
        if (data.results !== undefined) poll.results = data.results;
      }
      applyReveal(state, poll, data); // a quiz question's answer and leaderboard
      return "";
    }
    case "session.started":
    case "session.ended":
      state.session.state = data.state || (kind === "session.started" ? "live" : "ended");
      return stateLabel(state.session.state);
    default:
      return applyInteractionEvent(state, kind, data);
  }
}

/* A `counts` frame: absolute numbers, only the ones that changed. */
export function applyCounts(state, frame) {
  Object.keys(frame.questions || {}).forEach((id) => {
    const q = state.questions.get(key(id)) || state.pending.get(key(id));
    if (q) q.upvotes = frame.questions[id];
  });
  Object.keys(frame.polls || {}).forEach((id) => {
    const poll = state.polls.get(key(id));
    if (poll) poll.results = frame.polls[id];
  });
  if (frame.reactions) Object.assign(state.reactions, frame.reactions);
  if (typeof frame.participants === "number") state.participants = frame.participants;
}

/* Moderators only: a question waiting for approval, or one a moderator rejected. */
export function applyPending(state, question) {
  if (!state.pending.has(key(question.id))) state.pendingTotal += 1;
  state.pending.set(key(question.id), question);
  return format(gettext("New question waiting for approval: %(text)s"), {
    text: question.text,
  });
}

export function applyRejected(state, questionId) {
  if (state.pending.delete(key(questionId))) state.pendingTotal -= 1;
}

export function openPoll(state) {
  return Array.from(state.polls.values()).find((p) => p.state === "open");
}
