/* Quiz questions: the answer form with its clock, the results (only how many
 * answered until the question closes; then the counts with the right answer),
 * the leaderboard and the participant's own score and rank. The server's deadline
 * decides; the clock here follows it and redraws the page when time is up. */

import { byId, el, setText, show } from "./dom.js";
import { announce } from "./feedback.js";
import { format, gettext, ngettext } from "./i18n.js";
import { myScore } from "./interaction.js";
import { votes } from "./texts.js";

/* Whole seconds until the deadline (0 when it passed); null without one. */
export function secondsLeft(poll) {
  if (!poll.deadline) return null;
  return Math.max(0, Math.ceil((Date.parse(poll.deadline) - Date.now()) / 1000));
}

export function timeIsUp(poll) {
  return poll.state !== "open" || secondsLeft(poll) === 0;
}

function clockText(poll) {
  const left = secondsLeft(poll);
  if (poll.state !== "open" || left === null) return "";
  if (left === 0) return gettext("Time is up.");
  return format(ngettext("%(n)s second left", "%(n)s seconds left", left), { n: left });
}

/* A clock: role=timer, so screen readers do not read every second; the page
 * announces ten seconds left and time up instead. */
export function clockNode(poll) {
  return el("p", {
    className: "live-timer",
    role: "timer",
    dataset: { deadline: poll.deadline || "", pollState: poll.state },
    text: clockText(poll),
  });
}

let ticking = null;
// The server takes an answer up to a second after the deadline (services/quiz.py,
// GRACE); the console closes the question a little after that.
const CLOSE_AFTER_MS = 1500;

/* Once per page: every half second update the clocks, and redraw the page when a
 * deadline passes (forms close; the console closes the question). */
export function startClock(app) {
  if (ticking) return;
  const said = new Set();
  ticking = setInterval(() => {
    let passed = false;
    document.querySelectorAll(".live-timer[data-deadline]").forEach((node) => {
      const poll = { deadline: node.dataset.deadline, state: node.dataset.pollState };
      const text = clockText(poll);
      if (node.textContent !== text) node.textContent = text;
      const left = secondsLeft(poll);
      if (poll.state !== "open" || left === null) return;
      if (left === 10 && !said.has(node.dataset.deadline + "10")) {
        said.add(node.dataset.deadline + "10");
        announce(gettext("Ten seconds left."));
      }
      if (left === 0 && !said.has(node.dataset.deadline)) {
        said.add(node.dataset.deadline);
        announce(gettext("Time is up."));
        passed = true;
      }
      // Once more when the server stops taking answers (the console closes it).
      const late = Date.now() - Date.parse(node.dataset.deadline) > CLOSE_AFTER_MS;
      if (late && !said.has(node.dataset.deadline + "late")) {
        said.add(node.dataset.deadline + "late");
        passed = true;
      }
    });
    if (passed) app.render();
  }, 500);
}

/* The answer form of an open quiz question: one option, before the clock runs out. */
export function quizForm(poll) {
  const errorId = "live-vote-error-" + poll.id;
  const fieldset = el("fieldset", { className: "live-vote__options" }, [
    el("legend", { className: "visually-hidden", text: poll.question }),
  ]);
  (poll.options || []).forEach((label, index) => {
    const id = "live-vote-" + poll.id + "-" + index;
    fieldset.append(
      el("div", { className: "live-vote__option" }, [
        el("input", { type: "radio", id: id, name: "choice", value: String(index), required: true }),
        el("label", { for: id, text: label }),
      ])
    );
  });
  return el("form", { className: "live-vote live-quiz", dataset: { pollId: poll.id } }, [
    clockNode(poll),
    fieldset,
    el("p", { className: "live-error", id: errorId, role: "alert", hidden: true }),
    el("button", { type: "submit", text: gettext("Answer") }),
  ]);
}

function answered(poll) {
  const counts = Array.isArray(poll.results) ? poll.results : [];
  return counts.reduce((sum, n) => sum + (n || 0), 0);
}

/* While open: how many answered (never which option, so nobody follows the crowd);
 * for moderators also the right answer. Once revealed: counts, the right one marked. */
export function quizResults(poll, moderator) {
  const right = poll.correct !== undefined ? (poll.options || [])[poll.correct] : null;
  if (poll.state === "open" || poll.correct === undefined) {
    const n = answered(poll);
    const nodes = [
      el("p", {
        className: "live-quiz__answered",
        text: format(ngettext("%(n)s answer", "%(n)s answers", n), { n: n }),
      }),
    ];
    if (moderator && right !== null) {
      nodes.push(el("p", { className: "live-hint", text: format(gettext("Right answer: %(answer)s"), { answer: right }) }));
    }
    return el("div", { className: "live-quiz__results", dataset: { liveResults: "" } }, nodes);
  }
  const counts = Array.isArray(poll.results) ? poll.results : [];
  const total = answered(poll);
  return el(
    "ul",
    { className: "live-results live-quiz__results", dataset: { liveResults: "" } },
    (poll.options || []).map((label, index) => {
      const n = counts[index] || 0;
      const correct = index === poll.correct;
      return el("li", { className: "live-result" + (correct ? " live-result--correct" : "") }, [
        el("span", { className: "live-result__label" }, [
          label,
          correct ? el("strong", { text: " (" + gettext("the right answer") + ")" }) : null,
        ]),
        el("span", { className: "live-result__count", text: votes(n) }),
        el("progress", {
          className: "live-result__bar",
          max: String(total || 1),
          value: String(n),
          "aria-hidden": "true",
        }),
      ]);
    })
  );
}

/* After answering: what the participant chose, and what comes next. */
export function quizAnsweredNote(state, poll) {
  const mine = (state.mine.quiz || {})[String(poll.id)];
  if (poll.correct === undefined) {
    return gettext("Your answer is in. Wait for the right answer.");
  }
  if (!mine) return gettext("You did not answer this question.");
  if (mine.choice === poll.correct) {
    return format(gettext("Right! You score %(n)s points."), { n: mine.worth });
  }
  return gettext("Not right this time.");
}

/* The top 10 by nickname, and (for a participant) its own score and rank. */
export function leaderboardNode(leaderboard) {
  const top = (leaderboard && leaderboard.top) || [];
  if (!top.length) return el("p", { className: "live-empty", text: gettext("No scores yet.") });
  return el(
    "ol",
    { className: "live-leaderboard" },
    top.map((row) =>
      el("li", { className: "live-leaderboard__row" }, [
        el("span", {
          className: "live-leaderboard__rank",
          text: format(gettext("Place %(rank)s"), { rank: row.rank }),
        }),
        el("span", { className: "live-leaderboard__name", text: row.nickname }),
        el("span", {
          className: "live-leaderboard__score",
          text: format(ngettext("%(n)s point", "%(n)s points", row.score), { n: row.score }),
        }),
      ])
    )
  );
}

export function myScoreText(state) {
  const mine = myScore(state);
  if (!mine) return gettext("Answer a quiz question to get points.");
  return format(
    gettext("You have %(score)s points: place %(rank)s of %(players)s."),
    mine
  );
}

/* The console closes a quiz question once its time is up (the server refuses late
 * answers anyway); each question once per page. */
const closing = new Set();

export function closeWhenTimeIsUp(app, poll) {
  if (poll.kind !== "quiz" || poll.state !== "open" || !poll.deadline) return;
  if (closing.has(poll.id)) return;
  if (Date.now() - Date.parse(poll.deadline) <= CLOSE_AFTER_MS) return;
  closing.add(poll.id);
  app.send("poll.close", { poll_id: poll.id }, (frame) => {
    if (frame.type === "error") closing.delete(poll.id);
  });
}

/* The quiz section of a page (only in quiz mode): the top 10 and, on the
 * participant's page, its own score and rank. */
export function renderLeaderboard(app) {
  const section = byId("live-quiz-section");
  if (!section || !app.state.synced) return;
  const board = app.state.leaderboard;
  show(section, !!board);
  if (!board) return;
  setText(byId("live-my-score"), myScoreText(app.state));
  const holder = byId("live-leaderboard");
  const signature = JSON.stringify(board.top || []);
  if (holder.dataset.signature === signature) return;
  holder.dataset.signature = signature;
  holder.replaceChildren(leaderboardNode(board));
}
