/* Texts more than one live page shows: session states, counts and errors. */

import { format, gettext, ngettext } from "./i18n.js";

export function stateLabel(state) {
  switch (state) {
    case "scheduled":
      return gettext("Not started yet");
    case "live":
      return gettext("Live now");
    case "ended":
      return gettext("Ended");
    default:
      return state;
  }
}

export function votes(n) {
  return format(ngettext("%(n)s vote", "%(n)s votes", n), { n: n });
}

export function participants(n) {
  return format(ngettext("%(n)s participant", "%(n)s participants", n), { n: n });
}

/* The text for an `error` frame (docs/live-protocol.md, "Errors") or for one of the
 * client's own checks (`empty_question`, ...). */
export function errorText(error) {
  const again = gettext("Something went wrong. Please try again.");
  switch (error.code) {
    case "bad_json":
    case "not_an_object":
    case "unknown_type":
    case "unknown":
      return again;
    case "too_large":
      return gettext("Your message is too long.");
    case "hello_first":
      return gettext("Still connecting. Please try again in a moment.");
    case "missing_field":
      return gettext("Please fill in this field.");
    case "invalid_field":
      return gettext("This answer is not valid. Please check it.");
    case "too_long":
      return gettext("Your text is too long. Make it shorter.");
    case "not_allowed":
      return gettext("You are not allowed to do this.");
    case "not_found":
      return gettext("This question or poll no longer exists.");
    case "poll_closed":
      return gettext("This poll is closed. Your vote was not counted.");
    case "already_upvoted":
      return gettext("You already voted for this question.");
    case "already_voted":
      return gettext("You already voted in this poll.");
    case "session_ended":
      return gettext("This session has ended.");
    case "rate_limited":
      return format(
        gettext("You are going a bit fast. Try again in %(seconds)s seconds."),
        { seconds: Math.ceil(error.retry_after || 1) }
      );
    case "empty_question":
      return gettext("Type your question first.");
    case "empty_nickname":
      return gettext("Choose a nickname first.");
    case "empty_vote":
      return gettext("Choose an answer first.");
    case "empty_answer":
      return gettext("Type your answer first.");
    case "invalid_ranking":
      return gettext("Put every option in order, each one once.");
    case "too_late":
      return gettext("Time is up: your answer came too late.");
    case "quiz_off":
      return gettext("Quiz questions are not switched on for this session.");
    case "wrong_correct":
      return format(gettext("Give the number of the right option: 1 to %(n)s."), {
        n: error.n,
      });
    case "too_few_options":
      return format(gettext("Give at least %(n)s options, one per line."), {
        n: error.n,
      });
    default:
      return error.message || again;
  }
}
