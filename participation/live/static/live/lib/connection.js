/* The WebSocket of a live page (docs/live-protocol.md): `hello` first, resume from
 * the last applied seq, reconnect with backoff, keep-alive pings, and an outbox
 * that sends every action again after a reconnect with the same id (the server
 * applies it once). Frames other than replies go to `onFrame`. */

import { format, gettext } from "./i18n.js";

const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 30000;
const PING_EVERY_MS = 25000;
const SILENCE_LIMIT_MS = 70000;
// Close codes of the protocol ("Limits"), and one of ours.
const CLOSE_UNKNOWN_SESSION = 4404;
const CLOSE_ROLE_WITHDRAWN = 4403; // the person no longer moderates this session
const CLOSE_RESYNC = 4000; // ours: we closed to fetch a gap

export class Connection {
  /* options: url, page (for message ids), hello() -> the hello message,
   * onFrame(frame), onReply(frame) after an ack or error of our own,
   * onStatus(kind, text), lastSeq() -> the seq the state has applied. */
  constructor(options) {
    this.options = options;
    this.socket = null;
    this.attempt = 0;
    this.ready = false; // welcome received
    this.terminal = false;
    this.paused = false; // tests: stay away until resumed
    this.timer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
    this.outbox = new Map(); // id -> {message, onReply}
    this.counter = 0;
    window.addEventListener("online", () => {
      if (!this.socket) this.connectNow();
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && !this.socket && !this.terminal) {
        this.connectNow();
      }
    });
  }

  get lastSeq() {
    return this.options.lastSeq();
  }

  status(kind, text) {
    this.options.onStatus(kind, text);
  }

  isOpen() {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  connect() {
    clearTimeout(this.timer);
    if (this.terminal) return;
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) return;
    this.status("connecting", gettext("Connecting…"));
    let socket;
    try {
      socket = new WebSocket(this.options.url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.ready = false;
    socket.addEventListener("open", () => {
      this.lastHeard = Date.now();
      socket.send(JSON.stringify(this.options.hello()));
    });
    socket.addEventListener("message", (event) => {
      if (socket !== this.socket) return;
      this.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.receive(frame);
    });
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.ready = false;
      this.stopPing();
      this.closed(event.code);
    });
  }

  /* Start again at once, with a fresh backoff. */
  connectNow() {
    this.attempt = 0;
    this.connect();
  }

  closed(code) {
    if (code === CLOSE_UNKNOWN_SESSION) {
      this.terminal = true;
      this.status("ended", gettext("This live session does not exist (any more)."));
    } else if (code === CLOSE_ROLE_WITHDRAWN) {
      this.terminal = true;
      this.status(
        "ended",
        gettext(
          "You can no longer moderate this session. Ask an administrator if this is a mistake."
        )
      );
    } else if (code === CLOSE_RESYNC) {
      this.connectNow();
    } else {
      this.scheduleReconnect();
    }
  }

  scheduleReconnect() {
    if (this.terminal) return;
    if (this.paused) {
      this.status("offline", gettext("No connection."));
      return;
    }
    // Exponential backoff with jitter: half fixed, half random, so that a room full
    // of phones does not come back in the same millisecond after a server restart.
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * Math.pow(2, this.attempt));
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.attempt += 1;
    const seconds = Math.max(1, Math.round(delay / 1000));
    this.status(
      "offline",
      format(gettext("No connection. Trying again in %(seconds)s seconds…"), { seconds: seconds })
    );
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /* Close and connect again: after a gap, to fetch what is missing. */
  reconnectNow() {
    if (this.terminal) return;
    if (this.socket) this.socket.close(CLOSE_RESYNC);
    else this.connectNow();
  }

  /* Stop for good (the page asks for something first, e.g. a nickname). */
  stop() {
    this.terminal = true;
    if (this.socket) this.socket.close();
  }

  /* Drop the connection and stay away until resume(): what a phone in a tunnel does. */
  pause() {
    this.paused = true;
    if (this.socket) this.socket.close();
  }

  resume() {
    this.paused = false;
    this.connectNow();
  }

  /* Say hello again on this socket after `seconds` (a refused hello). */
  helloAgainIn(seconds) {
    const socket = this.socket;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (socket === this.socket && this.isOpen()) {
        socket.send(JSON.stringify(this.options.hello()));
      }
    }, Math.ceil(seconds || 1) * 1000);
  }

  startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.isOpen()) return;
      if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
        this.socket.close(CLOSE_RESYNC); // a half-open socket: start over
        return;
      }
      this.socket.send(JSON.stringify({ type: "ping" }));
    }, PING_EVERY_MS);
  }

  stopPing() {
    clearInterval(this.pingTimer);
  }

  /* Send an action. It gets an id, waits in the outbox until its ack or error, and
   * is sent again with the same id after a reconnect: the server applies it once. */
  send(type, fields, onReply) {
    this.counter += 1;
    const id =
      this.options.page[0] +
      Date.now().toString(36) +
      "-" +
      this.counter +
      "-" +
      Math.random().toString(36).slice(2, 8);
    const message = Object.assign({ type: type, id: id }, fields || {});
    this.outbox.set(id, { message: message, onReply: onReply || null });
    if (this.ready && this.isOpen()) this.socket.send(JSON.stringify(message));
    return id;
  }

  /* After a snapshot or replay: send what still waits for an answer. */
  flushOutbox() {
    this.outbox.forEach((entry) => {
      if (this.isOpen()) this.socket.send(JSON.stringify(entry.message));
    });
  }

  reply(frame) {
    if (!frame.id || !this.outbox.has(frame.id)) return false;
    const entry = this.outbox.get(frame.id);
    this.outbox.delete(frame.id);
    if (entry.onReply) entry.onReply(frame);
    this.options.onReply(frame);
    return true;
  }

  receive(frame) {
    if (frame.type === "welcome") {
      this.ready = true;
      this.attempt = 0;
      this.status("online", gettext("Connected: you see everything live."));
      this.startPing();
    } else if (frame.type === "ack") {
      this.reply(frame);
      return;
    } else if (frame.type === "error" && this.reply(frame)) {
      return;
    } else if (frame.type === "pong") {
      return;
    }
    this.options.onFrame(frame);
  }
}
