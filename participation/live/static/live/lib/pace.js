/* Pace feedback (docs/live-protocol.md, "Pace feedback"): a participant's three
 * buttons ("too fast", "too slow", "I don't get it"; one current signal, kept for
 * the minute it counts), and the moderators' meter with a text per signal
 * ("12 of 80 think it is too fast"), never colour alone. */

import { byId, setText, storage } from "./dom.js";
import { clearError, showError, showNote, withBusy } from "./feedback.js";
import { format, gettext, ngettext } from "./i18n.js";

export const SIGNALS = ["too_fast", "too_slow", "lost"];
// A signal given by at least this share of the participants is called out (a
// class for the eye, one announcement for screen readers).
const NOTICE_SHARE = 0.25;

// The participant's buttons ----------------------------------------------------------

function paceKey(app) {
  return "inspraak.live.pace." + app.state.session.code;
}

function keep(app, signal, seconds) {
  clearTimeout(app.paceTimer);
  app.pace = signal ? { signal: signal, until: Date.now() + seconds * 1000 } : { signal: null, until: 0 };
  storage.set(paceKey(app), JSON.stringify(app.pace));
  if (signal) {
    app.paceTimer = setTimeout(() => {
      app.pace = { signal: null, until: 0 };
      showNote(byId("live-pace-note"), "");
      app.render();
    }, seconds * 1000);
  }
}

/* The signal this browser gave, while it still counts. */
export function restorePace(app) {
  let kept = null;
  try {
    kept = JSON.parse(storage.get(paceKey(app)));
  } catch (e) {
    kept = null;
  }
  const left = kept && kept.signal ? (kept.until - Date.now()) / 1000 : 0;
  if (left > 0 && SIGNALS.includes(kept.signal)) keep(app, kept.signal, left);
  else app.pace = { signal: null, until: 0 };
}

/* A tap: give this signal, or take it back when it is the current one. */
export function tapPace(app, button) {
  const signal = button.dataset.signal;
  const errorNode = byId("live-pace-error");
  const note = byId("live-pace-note");
  clearError(errorNode);
  const withdrawing = app.pace && app.pace.signal === signal;
  const label = button.dataset.label || signal;
  app.send(
    withdrawing ? "pace.withdraw" : "pace",
    withdrawing ? {} : { signal: signal },
    withBusy(button, (frame) => {
      if (frame.type === "error") {
        showError(errorNode, frame);
        return;
      }
      keep(app, frame.signal || null, frame.expires_in || 0);
      showNote(
        note,
        frame.signal
          ? format(
              ngettext(
                "Sent: %(signal)s. The moderator sees it for %(seconds)s second.",
                "Sent: %(signal)s. The moderator sees it for %(seconds)s seconds.",
                frame.expires_in
              ),
              { signal: label, seconds: frame.expires_in }
            )
          : gettext("Taken back.")
      );
    })
  );
  app.render();
}

export function renderPaceButtons(app) {
  const current = app.pace ? app.pace.signal : null;
  const ended = app.state.session.state === "ended";
  document.querySelectorAll("#live-pace button[data-signal]").forEach((button) => {
    button.setAttribute("aria-pressed", button.dataset.signal === current ? "true" : "false");
    button.disabled = ended;
  });
}

// The moderators' meter -------------------------------------------------------------------

function meterText(signal, n, total) {
  const values = { n: n, total: total };
  switch (signal) {
    case "too_fast":
      return format(
        ngettext("%(n)s of %(total)s thinks it is too fast", "%(n)s of %(total)s think it is too fast", n),
        values
      );
    case "too_slow":
      return format(
        ngettext("%(n)s of %(total)s thinks it is too slow", "%(n)s of %(total)s think it is too slow", n),
        values
      );
    default:
      return format(
        ngettext("%(n)s of %(total)s does not get it", "%(n)s of %(total)s do not get it", n),
        values
      );
  }
}

/* The share of the participants behind each signal: n, of at least n people (a
 * participant who left still counts until their minute is over). */
function rows(app) {
  const signals = app.state.pace || {};
  const participants = app.state.participants || 0;
  return SIGNALS.map((signal) => {
    const n = signals[signal] || 0;
    const total = Math.max(participants, n);
    return { signal: signal, n: n, total: total, high: n > 0 && n >= NOTICE_SHARE * total };
  });
}

/* A `pace` frame; returns what a screen reader should hear (a signal that just
 * became common), or "". */
export function applyPace(app, frame) {
  app.state.pace = Object.assign({}, frame.signals || {});
  const noticed = app.paceNoticed || (app.paceNoticed = new Set());
  const news = [];
  rows(app).forEach((row) => {
    if (row.high && !noticed.has(row.signal)) {
      noticed.add(row.signal);
      news.push(meterText(row.signal, row.n, row.total));
    } else if (!row.high) {
      noticed.delete(row.signal);
    }
  });
  return news.length ? format(gettext("Pace: %(news)s"), { news: news.join("; ") }) : "";
}

/* After a snapshot (a reconnect): the meter starts empty; the server sends it
 * again when it is not. */
export function resetPace(app) {
  app.state.pace = {};
  app.paceNoticed = new Set();
}

export function renderPaceMeter(app) {
  const meter = byId("live-pace-meter");
  if (!meter) return;
  rows(app).forEach((row) => {
    const item = meter.querySelector("[data-signal='" + row.signal + "']");
    if (!item) return;
    setText(item.querySelector(".live-pace-meter__text"), meterText(row.signal, row.n, row.total));
    const bar = item.querySelector("meter");
    const max = Math.max(row.total, 1);
    bar.max = max;
    bar.value = row.n;
    bar.low = max * 0.1;
    bar.high = max * NOTICE_SHARE;
    bar.optimum = 0;
    item.classList.toggle("live-pace-meter__row--high", row.high);
  });
}
