/* What the three live pages share: the state, the connection, the frames that
 * change the state, the session's header (state, participants, reactions) and the
 * start. Each page passes its view (views/*.js):
 *   hello(app, message)   adds its fields to `hello`
 *   render(app)           draws its parts of the state
 *   start(app)            optional; by default the page connects at once
 *   onClick(app, button), onSubmit(app, form) -> true when handled
 *   onWelcome(app, frame), onError(app, frame) -> true when handled
 *   onSnapshot(app, frame) after a snapshot was applied
 *   onFrame(app, frame)    a frame type this file does not handle (e.g. `pace`)
 * The root element says which page it is and where the socket is:
 *   <div id="live" data-live-role="participant|moderator|projector"
 *        data-live-code="ABC234" data-live-ws="/ws/live/ABC234/">
 * and the page passes protocol.client_limits() as the json_script "live-limits". */

import { createAnnouncer, eventAnnouncement } from "./announcer.js";
import { Connection } from "./connection.js";
import { byId, setText, show } from "./dom.js";
import { announce, isOff, setStatus, showError, updateCounter } from "./feedback.js";
import { restoreSort } from "./questions.js";
import { applyPendingAnswer, applyRejectedAnswer } from "./interaction.js";
import {
  applyCounts,
  applyEventFrame,
  applyPending,
  applyRejected,
  applySnapshot,
  applySynced,
  createState,
} from "./state.js";
import { participants, stateLabel } from "./texts.js";

function readJson(id) {
  const node = byId(id);
  return node ? JSON.parse(node.textContent) : {};
}

function wsUrl(root) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return scheme + "//" + location.host + (root.dataset.liveWs || "/ws/live/" + root.dataset.liveCode + "/");
}

export function start(view) {
  const root = byId("live");
  if (!root) return;
  const state = createState(root);
  const app = {
    root: root,
    page: root.dataset.liveRole || "participant",
    limits: readJson("live-limits"),
    state: state,
  };
  // Screen readers hear news batched: one summary every few seconds at most.
  app.announcer = createAnnouncer(announce);
  app.render = renderer(() => {
    renderSession(app);
    view.render(app);
    renderReactions(app);
  });
  app.conn = new Connection({
    url: wsUrl(root),
    page: app.page,
    hello: () => {
      const message = { type: "hello" };
      view.hello(app, message);
      // Moderators always start from a snapshot: pending questions are not sequenced.
      if (state.lastSeq !== null && app.page !== "moderator") message.last_seq = state.lastSeq;
      return message;
    },
    lastSeq: () => state.lastSeq,
    onStatus: setStatus,
    onReply: () => app.render(),
    onFrame: (frame) => receive(app, view, frame),
  });
  app.send = (type, fields, onReply) => app.conn.send(type, fields, onReply);

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action], button[data-emoji]");
    if (!button || !root.contains(button) || isOff(button)) return;
    if (view.onClick) view.onClick(app, button);
  });
  root.addEventListener("submit", (event) => {
    if (event.target.getAttribute("aria-busy") === "true") {
      event.preventDefault(); // sent already; its answer is on the way
      return;
    }
    if (view.onSubmit && view.onSubmit(app, event.target)) event.preventDefault();
  });

  root.classList.add("live--js");
  document.querySelectorAll("[data-live-js-only]").forEach((node) => {
    node.hidden = false;
  });
  restoreSort(root, app.render);
  root.querySelectorAll("textarea[maxlength], input[maxlength]").forEach((field) => {
    if (!byId(field.id + "-counter")) return;
    field.addEventListener("input", () => updateCounter(field));
    updateCounter(field);
  });
  renderReactions(app);
  if (view.start) view.start(app);
  else {
    show(byId("live-app"), true);
    app.conn.connect();
  }

  // For tests and the curious: the state of this page's client.
  window.inspraakLive = {
    state: state,
    conn: app.conn,
    reconnect: () => app.conn.reconnectNow(),
    pause: () => app.conn.pause(),
    resume: () => app.conn.resume(),
  };
}

/* Render once per turn of the event loop, however many frames arrived. */
function renderer(renderNow) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      renderNow();
    }, 0);
  };
}

function receive(app, view, frame) {
  const state = app.state;
  switch (frame.type) {
    case "welcome":
      state.role = frame.role;
      if (frame.session) Object.assign(state.session, frame.session);
      if (view.onWelcome) view.onWelcome(app, frame);
      break;
    case "snapshot":
      applySnapshot(state, frame);
      if (view.onSnapshot) view.onSnapshot(app, frame);
      app.conn.flushOutbox();
      app.render();
      break;
    case "synced":
      applySynced(state, frame.seq);
      app.conn.flushOutbox();
      app.render();
      break;
    case "event": {
      const applied = applyEventFrame(state, frame);
      if (applied.result === "gap") app.conn.reconnectNow(); // fetch what is missing
      if (applied.result !== "applied") return;
      app.announcer.add(frame.kind, applied.announce || eventAnnouncement(state, frame, app.limits));
      app.render();
      break;
    }
    case "counts":
      applyCounts(state, frame);
      app.render();
      break;
    case "pending":
      if (frame.question) {
        app.announcer.add("pending", applyPending(state, frame.question));
        app.render();
      } else if (frame.answer) {
        announce(applyPendingAnswer(state, frame.answer));
        app.render();
      }
      break;
    case "rejected":
      if (frame.answer_id !== undefined) applyRejectedAnswer(state, frame.answer_id);
      else applyRejected(state, frame.question_id);
      app.render();
      break;
    case "error":
      // An error that answers none of our actions: about the connection itself.
      if (view.onError && view.onError(app, frame)) return;
      if (frame.code === "rate_limited" && !app.conn.ready) {
        // Too many new participants from this network just now: say hello
        // again when the server says we may.
        app.conn.helloAgainIn(frame.retry_after);
      }
      showError(byId("live-general-error"), frame);
      break;
    default:
      if (view.onFrame) view.onFrame(app, frame);
      break; // otherwise: future types
  }
}

function renderSession(app) {
  const s = app.state.session;
  document.querySelectorAll("[data-live-state-text]").forEach((node) => {
    setText(node, stateLabel(s.state));
    node.dataset.state = s.state;
  });
  app.root.dataset.liveState = s.state;
  const count = byId("live-participants");
  if (count && app.state.participants !== null) setText(count, participants(app.state.participants));
  const ended = s.state === "ended";
  document.querySelectorAll("[data-live-needs-open]").forEach((node) => {
    node.hidden = ended;
  });
  document.querySelectorAll("[data-live-ended-note]").forEach((node) => {
    node.hidden = !ended;
  });
}

function renderReactions(app) {
  const bar = byId("live-reactions");
  if (!bar) return;
  bar.querySelectorAll("[data-emoji]").forEach((node) => {
    setText(node.querySelector(".live-reaction__count"), String(app.state.reactions[node.dataset.emoji] || 0));
    if (node.tagName === "BUTTON") node.disabled = app.state.session.state === "ended";
  });
}
