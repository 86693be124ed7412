/* A poll's results, as every live page shows them: bars with counts, or a word
 * cloud for `words` polls; average ranks, quiz results and open answers come from
 * their own modules. */

import { answersNode } from "./answers.js";
import { el } from "./dom.js";
import { gettext } from "./i18n.js";
import { quizResults } from "./quiz.js";
import { rankingResults } from "./ranking.js";
import { votes } from "./texts.js";

export function pollLabels(poll, limits) {
  if (poll.kind === "scale") {
    return Array.from({ length: limits.scale_values }, (_, index) => String(index + 1));
  }
  return poll.options || [];
}

/* `state` and `options` ({moderator, answers: how many to show}) for the new
 * kinds: a quiz shows moderators its answer, an open question the state's answers. */
export function resultsNode(poll, limits, state, options) {
  const opts = options || {};
  if (poll.kind === "ranking") return rankingResults(poll);
  if (poll.kind === "quiz") return quizResults(poll, !!opts.moderator);
  if (poll.kind === "text") return answersNode(state, poll, opts.answers);
  const results = poll.results;
  if (poll.kind === "words") return wordCloud(results || {});
  const counts = Array.isArray(results) ? results : [];
  const total = counts.reduce((sum, n) => sum + (n || 0), 0);
  return el(
    "ul",
    { className: "live-results" },
    pollLabels(poll, limits).map((label, index) => {
      const n = counts[index] || 0;
      const percent = total ? Math.round((100 * n) / total) : 0;
      return el("li", { className: "live-result" }, [
        el("span", { className: "live-result__label", text: label }),
        el("span", { className: "live-result__count", text: votes(n) + " (" + percent + "%)" }),
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

function wordCloud(results) {
  const words = Object.keys(results).map((word) => ({ word: word, n: results[word] }));
  if (!words.length) return el("p", { className: "live-empty", text: gettext("No votes yet.") });
  words.sort((a, b) => b.n - a.n || a.word.localeCompare(b.word));
  const max = words[0].n;
  const min = words[words.length - 1].n;
  // Alphabetical, so the cloud does not jump around as counts change.
  words.sort((a, b) => a.word.localeCompare(b.word));
  return el(
    "ul",
    { className: "live-words", "aria-label": gettext("Word cloud of the answers") },
    words.map((w) => {
      const size = max === min ? 3 : 1 + Math.round((4 * (w.n - min)) / (max - min));
      return el("li", { className: "live-word live-word--" + size }, [
        w.word,
        el("span", { className: "visually-hidden", text: " (" + w.n + ")" }),
      ]);
    })
  );
}
