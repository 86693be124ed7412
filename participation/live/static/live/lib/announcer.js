/* What screen readers hear of a live page: polite announcements, batched. News that
 * arrives within a few seconds is read as one summary ("3 new questions."), and at
 * most one announcement every GAP_MS; counts (upvotes, votes, reactions, the pace
 * meter's numbers) are never announced. One piece of news alone is read in full.
 * The logic is plain (tests/participation/live/js/announcer.test.js); the page hands
 * `say` (feedback.announce) and the clock. */

import { format, gettext, ngettext } from "./i18n.js";
import { pollLabels } from "./polls.js";

export const SETTLE_MS = 1500; // wait this long for more news to gather
export const GAP_MS = 5000; // at least this long between two announcements

/* A summary per kind of news, for when several arrived together. */
const SUMMARIES = {
  "question.published": (n) =>
    format(ngettext("%(n)s new question.", "%(n)s new questions.", n), { n: n }),
  "question.answered": (n) =>
    format(ngettext("%(n)s question answered.", "%(n)s questions answered.", n), { n: n }),
  "question.merged": (n) =>
    format(ngettext("%(n)s question merged.", "%(n)s questions merged.", n), { n: n }),
  pending: (n) =>
    format(
      ngettext(
        "%(n)s new question waits for approval.",
        "%(n)s new questions wait for approval.",
        n
      ),
      { n: n }
    ),
  "poll.closed": (n) =>
    format(ngettext("%(n)s poll closed.", "%(n)s polls closed.", n), { n: n }),
};

/* A text as a sentence, so that several read as several. */
export function sentence(text) {
  const trimmed = String(text || "").trim();
  if (!trimmed) return "";
  return /[.!?…]$/.test(trimmed) ? trimmed : trimmed + ".";
}

// News of a kind without a summary: at most this many of its latest texts.
const KEEP_TEXTS = 3;

/* What one batch says. `groups`: Map kind -> {n, texts (the latest few)}, in the
 * order the kinds first arrived. */
export function summarise(groups) {
  let total = 0;
  groups.forEach((group) => {
    total += group.n;
  });
  const parts = [];
  groups.forEach((group, kind) => {
    const summary = SUMMARIES[kind];
    if (summary && group.n > 1 && total > 1) parts.push(summary(group.n));
    else group.texts.forEach((text) => parts.push(sentence(text)));
  });
  return parts.filter(Boolean).join(" ");
}

/* A batcher: add(kind, text) gathers news; `say(text)` gets one summary per batch.
 * `clock`: {now() -> ms, later(fn, ms)}; the page passes the real one. */
export function createAnnouncer(say, clock) {
  const time = clock || { now: () => Date.now(), later: (fn, ms) => setTimeout(fn, ms) };
  let groups = new Map();
  let waiting = false;
  let lastSaid = -Infinity;

  function flush() {
    waiting = false;
    const text = summarise(groups);
    groups = new Map();
    lastSaid = time.now();
    if (text) say(text);
  }

  return {
    add(kind, text) {
      if (!text) return;
      const group = groups.get(kind) || { n: 0, texts: [] };
      group.n += 1;
      group.texts = group.texts.concat([text]).slice(-KEEP_TEXTS);
      groups.set(kind, group);
      if (waiting) return;
      waiting = true;
      const now = time.now();
      time.later(flush, Math.max(now + SETTLE_MS, lastSaid + GAP_MS) - now);
    },
  };
}

/* The announcement of an event that the state leaves silent: an answer, and a
 * poll's final results. */
export function eventAnnouncement(state, frame, limits) {
  const data = frame.data || {};
  if (frame.kind === "question.answered") {
    const q = state.questions.get(String(data.question_id));
    return q ? format(gettext("Question answered: %(text)s"), { text: q.text }) : "";
  }
  if (frame.kind === "poll.closed") {
    const poll = state.polls.get(String(data.poll_id));
    return poll ? pollResultText(poll, limits) : "";
  }
  return "";
}

/* "Poll closed: question. Most votes: answer (n votes)." */
export function pollResultText(poll, limits) {
  const closed = format(gettext("Poll closed: %(question)s"), { question: poll.question });
  const results = poll.results;
  let label = null;
  let most = 0;
  if (Array.isArray(results)) {
    const labels = pollLabels(poll, limits);
    results.forEach((n, index) => {
      if (n > most) {
        most = n;
        label = labels[index];
      }
    });
  } else if (results && typeof results === "object") {
    Object.keys(results).forEach((word) => {
      if (results[word] > most) {
        most = results[word];
        label = word;
      }
    });
  }
  if (label === null || label === undefined) {
    return sentence(closed) + " " + gettext("Nobody voted.");
  }
  return (
    sentence(closed) +
    " " +
    format(ngettext("Most votes: %(answer)s (%(n)s vote).", "Most votes: %(answer)s (%(n)s votes).", most), {
      answer: label,
      n: most,
    })
  );
}
