/* Inspraak live sessions: the browser client of docs/live-protocol.md.
 *
 * Plain modern JavaScript, no build step. One file serves the three pages; the page
 * says which it is on its root element:
 *   <div id="live" data-live-role="participant|moderator|projector"
 *        data-live-code="ABC234" data-live-ws="/ws/live/ABC234/">
 * and passes its (translated) texts as a json_script with id "live-strings".
 * Nothing runs inline, so it works under the site's CSP (script-src 'self').
 */
(function () {
  "use strict";

  const root = document.getElementById("live");
  if (!root) return;
  const stringsNode = document.getElementById("live-strings");
  const T = stringsNode ? JSON.parse(stringsNode.textContent) : {};
  const PAGE = root.dataset.liveRole || "participant";
  const CODE = root.dataset.liveCode;
  const STORE_KEY = "inspraak.live." + CODE;
  const SORT_KEY = "inspraak.live.sort";

  // Protocol limits (docs/live-protocol.md, "Limits" and the message table).
  const LIMITS = { nickname: 30, question: 300, answer: 1000, reason: 200, words: 40 };
  const RECONNECT_BASE_MS = 500;
  const RECONNECT_MAX_MS = 30000;
  const PING_EVERY_MS = 25000;
  const SILENCE_LIMIT_MS = 70000;
  const CLOSE_UNKNOWN_SESSION = 4404;
  const CLOSE_ROLE_WITHDRAWN = 4403; // the person no longer moderates this session
  const CLOSE_RESYNC = 4000; // ours: we closed to fetch a gap

  // Texts ----------------------------------------------------------------------

  function t(key, values) {
    let text = Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
    if (values) {
      Object.keys(values).forEach(function (name) {
        text = text.split("%(" + name + ")s").join(String(values[name]));
      });
    }
    return text;
  }

  function plural(key, n) {
    return t(n === 1 ? key + "_one" : key + "_other", { n: n });
  }

  function errorText(error) {
    const key = "error_" + error.code;
    if (Object.prototype.hasOwnProperty.call(T, key)) {
      return t(key, { seconds: Math.ceil(error.retry_after || 1) });
    }
    return error.message || t("error_unknown");
  }

  // Small DOM helpers ------------------------------------------------------------

  function $(selector, scope) {
    return (scope || root).querySelector(selector);
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        const value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === "text") node.textContent = value;
        else if (name === "className") node.className = value;
        else if (name === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(name, value === true ? "" : value);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.append(child);
    });
    return node;
  }

  function show(node, visible) {
    if (node) node.hidden = !visible;
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  /* Keep a list's children in the order of `items`, reusing the node of each id so
   * that focus, open <details> and typed text survive an update. */
  function syncList(container, items, create, update) {
    if (!container) return;
    const active = document.activeElement;
    const existing = new Map();
    Array.from(container.children).forEach(function (child) {
      if (child.dataset.id) existing.set(child.dataset.id, child);
      else child.remove(); // server-rendered placeholders, empty states
    });
    const wanted = new Set(items.map(function (item) { return String(item.id); }));
    existing.forEach(function (node, id) {
      if (!wanted.has(id)) node.remove();
    });
    let cursor = container.firstElementChild;
    items.forEach(function (item) {
      const id = String(item.id);
      let node = existing.get(id);
      if (!node) {
        node = create(item);
        node.dataset.id = id;
      }
      update(node, item);
      if (node !== cursor) container.insertBefore(node, cursor);
      else cursor = cursor.nextElementSibling;
    });
    if (active && active !== document.activeElement && active.isConnected) {
      active.focus({ preventScroll: true });
    }
  }

  // Identity (participants): nickname and signed token, per session code --------

  function loadIdentity() {
    try {
      return JSON.parse(localStorage.getItem(STORE_KEY)) || {};
    } catch (e) {
      return {};
    }
  }

  function saveIdentity(identity) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(identity));
    } catch (e) {
      /* private mode: the identity lasts as long as the page */
    }
  }

  let identity = loadIdentity();

  // State ------------------------------------------------------------------------

  const state = {
    role: null,
    session: {
      code: CODE,
      title: root.dataset.liveTitle || "",
      state: root.dataset.liveState || "scheduled",
      moderation: root.dataset.liveModeration || "pre",
    },
    questions: new Map(),
    pending: new Map(),
    polls: new Map(),
    reactions: {},
    participants: null,
    mine: { upvoted: new Set(), voted: new Set() },
    synced: false,
    snapshots: 0, // how many full snapshots this page applied (resume uses replays)
  };

  function key(id) {
    return String(id);
  }

  function applySnapshot(snap) {
    state.session = Object.assign(state.session, snap.session || {});
    state.questions = new Map();
    (snap.questions || []).forEach(function (q) {
      state.questions.set(key(q.id), q);
    });
    state.pending = new Map();
    (snap.pending || []).forEach(function (q) {
      state.pending.set(key(q.id), q);
    });
    state.polls = new Map();
    (snap.polls || []).forEach(function (p) {
      state.polls.set(key(p.id), p);
    });
    state.reactions = snap.reactions || {};
    if (typeof snap.participants === "number") state.participants = snap.participants;
    const mine = snap.mine || {};
    state.mine.upvoted = new Set((mine.upvoted || []).map(key));
    state.mine.voted = new Set((mine.voted || []).map(key));
    state.synced = true;
    state.snapshots += 1;
  }

  function applyEvent(kind, data) {
    data = data || {};
    const q = data.question_id !== undefined ? state.questions.get(key(data.question_id)) : null;
    switch (kind) {
      case "question.published": {
        const question = data.question;
        const isNew = !state.questions.has(key(question.id));
        state.questions.set(key(question.id), question);
        state.pending.delete(key(question.id));
        if (isNew) announce(t("announce_question", { nickname: question.nickname, text: question.text }));
        break;
      }
      case "question.answered":
        if (q) {
          q.answered = true;
          q.answer = data.answer || "";
        }
        break;
      case "question.pinned":
        state.questions.forEach(function (other) {
          other.pinned = false;
        });
        if (q) {
          q.pinned = true;
          announce(t("announce_pinned", { text: q.text }));
        }
        break;
      case "question.unpinned":
        if (q) q.pinned = false;
        break;
      case "question.hidden":
        state.questions.delete(key(data.question_id));
        break;
      case "poll.opened": {
        const poll = data.poll;
        state.polls.forEach(function (other) {
          if (other.state === "open") other.state = "closed";
        });
        state.polls.set(key(poll.id), poll);
        announce(t("announce_poll", { question: poll.question }));
        break;
      }
      case "poll.closed": {
        const poll = state.polls.get(key(data.poll_id));
        if (poll) {
          poll.state = "closed";
          if (data.results !== undefined) poll.results = data.results;
        }
        break;
      }
      case "session.started":
      case "session.ended":
        state.session.state = data.state || (kind === "session.started" ? "live" : "ended");
        announce(t("state_" + state.session.state));
        break;
      default:
        break; // a kind this client does not know yet: harmless
    }
  }

  function applyCounts(frame) {
    Object.keys(frame.questions || {}).forEach(function (id) {
      const q = state.questions.get(key(id)) || state.pending.get(key(id));
      if (q) q.upvotes = frame.questions[id];
    });
    Object.keys(frame.polls || {}).forEach(function (id) {
      const poll = state.polls.get(key(id));
      if (poll) poll.results = frame.polls[id];
    });
    if (frame.reactions) Object.assign(state.reactions, frame.reactions);
    if (typeof frame.participants === "number") state.participants = frame.participants;
  }

  // The connection ---------------------------------------------------------------

  const conn = {
    socket: null,
    attempt: 0,
    lastSeq: null,
    ready: false, // welcome received
    terminal: false,
    paused: false, // tests: stay away until resumed
    timer: null,
    pingTimer: null,
    lastHeard: 0,
    outbox: new Map(), // id -> {message, onReply}
    counter: 0,
  };

  function wsUrl() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + location.host + (root.dataset.liveWs || "/ws/live/" + CODE + "/");
  }

  function setStatus(kind, text) {
    const node = document.getElementById("live-status");
    if (!node) return;
    node.dataset.status = kind;
    setText(node, text);
  }

  function connect() {
    clearTimeout(conn.timer);
    if (conn.terminal) return;
    if (conn.socket && conn.socket.readyState <= WebSocket.OPEN) return;
    setStatus("connecting", t("status_connecting"));
    let socket;
    try {
      socket = new WebSocket(wsUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    conn.socket = socket;
    conn.ready = false;
    socket.addEventListener("open", function () {
      conn.lastHeard = Date.now();
      socket.send(JSON.stringify(helloMessage()));
    });
    socket.addEventListener("message", function (event) {
      if (socket !== conn.socket) return;
      conn.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      receive(frame);
    });
    socket.addEventListener("close", function (event) {
      if (socket !== conn.socket) return;
      conn.socket = null;
      conn.ready = false;
      stopPing();
      if (event.code === CLOSE_UNKNOWN_SESSION) {
        conn.terminal = true;
        setStatus("ended", t("status_unknown_session"));
        return;
      }
      if (event.code === CLOSE_ROLE_WITHDRAWN) {
        conn.terminal = true;
        setStatus("ended", t("status_role_withdrawn"));
        return;
      }
      if (event.code === CLOSE_RESYNC) {
        conn.attempt = 0;
        connect();
        return;
      }
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (conn.terminal) return;
    if (conn.paused) {
      setStatus("offline", t("status_offline"));
      return;
    }
    // Exponential backoff with jitter: half fixed, half random, so that a room full
    // of phones does not come back in the same millisecond after a server restart.
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * Math.pow(2, conn.attempt));
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    conn.attempt += 1;
    setStatus("offline", t("status_reconnecting", { seconds: Math.max(1, Math.round(delay / 1000)) }));
    clearTimeout(conn.timer);
    conn.timer = setTimeout(connect, delay);
  }

  function reconnectNow() {
    if (conn.terminal) return;
    if (conn.socket) {
      conn.socket.close(CLOSE_RESYNC);
    } else {
      conn.attempt = 0;
      connect();
    }
  }

  function startPing() {
    stopPing();
    conn.pingTimer = setInterval(function () {
      if (!conn.socket || conn.socket.readyState !== WebSocket.OPEN) return;
      if (Date.now() - conn.lastHeard > SILENCE_LIMIT_MS) {
        conn.socket.close(CLOSE_RESYNC); // a half-open socket: start over
        return;
      }
      conn.socket.send(JSON.stringify({ type: "ping" }));
    }, PING_EVERY_MS);
  }

  function stopPing() {
    clearInterval(conn.pingTimer);
  }

  function helloMessage() {
    const message = { type: "hello" };
    if (PAGE === "projector") message.role = "projector";
    if (PAGE === "participant") {
      if (identity.token) message.token = identity.token;
      if (identity.nickname) message.nickname = identity.nickname;
    } else if (root.dataset.liveNickname) {
      message.nickname = root.dataset.liveNickname.slice(0, LIMITS.nickname);
    }
    // Moderators always start from a snapshot: pending questions are not sequenced.
    if (conn.lastSeq !== null && PAGE !== "moderator") message.last_seq = conn.lastSeq;
    return message;
  }

  /* Send an action. It gets an id, waits in the outbox until its ack or error, and
   * is sent again with the same id after a reconnect: the server applies it once. */
  function send(type, fields, onReply) {
    conn.counter += 1;
    const id = PAGE[0] + Date.now().toString(36) + "-" + conn.counter + "-" + Math.random().toString(36).slice(2, 8);
    const message = Object.assign({ type: type, id: id }, fields || {});
    conn.outbox.set(id, { message: message, onReply: onReply || null });
    if (conn.ready && conn.socket && conn.socket.readyState === WebSocket.OPEN) {
      conn.socket.send(JSON.stringify(message));
    }
    return id;
  }

  function flushOutbox() {
    conn.outbox.forEach(function (entry) {
      if (conn.socket && conn.socket.readyState === WebSocket.OPEN) {
        conn.socket.send(JSON.stringify(entry.message));
      }
    });
  }

  function reply(frame) {
    if (!frame.id || !conn.outbox.has(frame.id)) return false;
    const entry = conn.outbox.get(frame.id);
    conn.outbox.delete(frame.id);
    if (entry.onReply) entry.onReply(frame);
    return true;
  }

  function receive(frame) {
    switch (frame.type) {
      case "welcome":
        conn.ready = true;
        conn.attempt = 0;
        state.role = frame.role;
        if (frame.session) Object.assign(state.session, frame.session);
        if (PAGE === "participant" && frame.token) {
          identity.token = frame.token;
          if (frame.participant && frame.participant.nickname) identity.nickname = frame.participant.nickname;
          saveIdentity(identity);
        }
        setStatus("online", t("status_online"));
        startPing();
        break;
      case "snapshot":
        applySnapshot(frame);
        conn.lastSeq = frame.seq;
        flushOutbox();
        render();
        break;
      case "synced":
        if (typeof frame.seq === "number" && (conn.lastSeq === null || frame.seq > conn.lastSeq)) {
          conn.lastSeq = frame.seq;
        }
        flushOutbox();
        render();
        break;
      case "event":
        if (conn.lastSeq === null) return; // the snapshot that follows includes it
        if (frame.seq <= conn.lastSeq) return; // a duplicate
        if (frame.seq > conn.lastSeq + 1) {
          reconnectNow(); // a gap: fetch what is missing
          return;
        }
        applyEvent(frame.kind, frame.data);
        conn.lastSeq = frame.seq;
        render();
        break;
      case "counts":
        applyCounts(frame);
        render();
        break;
      case "pending":
        if (frame.question) {
          state.pending.set(key(frame.question.id), frame.question);
          announce(t("announce_pending", { text: frame.question.text }));
          render();
        }
        break;
      case "rejected":
        state.pending.delete(key(frame.question_id));
        render();
        break;
      case "ack":
        reply(frame);
        render();
        break;
      case "error":
        if (!reply(frame)) {
          if (frame.code === "missing_field" && PAGE === "participant" && !conn.ready) {
            // The token was refused and no nickname is known: ask for it again.
            identity = {};
            saveIdentity(identity);
            conn.terminal = true;
            if (conn.socket) conn.socket.close();
            askNickname();
            return;
          }
          if (frame.code === "rate_limited" && !conn.ready) {
            // Too many new participants from this network just now: say hello
            // again when the server says we may.
            const socket = conn.socket;
            clearTimeout(conn.timer);
            conn.timer = setTimeout(function () {
              if (socket === conn.socket && socket.readyState === WebSocket.OPEN) {
                socket.send(JSON.stringify(helloMessage()));
              }
            }, Math.ceil(frame.retry_after || 1) * 1000);
          }
          showError(document.getElementById("live-general-error"), frame);
        }
        break;
      default:
        break; // pong and future types
    }
  }

  window.addEventListener("online", function () {
    if (!conn.socket) {
      conn.attempt = 0;
      connect();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !conn.socket && !conn.terminal) {
      conn.attempt = 0;
      connect();
    }
  });

  // Announcements and errors -------------------------------------------------------

  function announce(text) {
    const region = document.getElementById("live-announcer");
    if (!region || !text) return;
    // Replace the text so screen readers read each announcement once.
    region.textContent = "";
    setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  function showError(node, error) {
    if (!node) return;
    node.textContent = errorText(error);
    node.hidden = false;
  }

  function clearError(node) {
    if (!node) return;
    node.textContent = "";
    node.hidden = true;
  }

  function showNote(node, text) {
    if (!node) return;
    node.textContent = text;
    node.hidden = !text;
  }

  // Rendering -------------------------------------------------------------------------

  let renderQueued = false;

  function render() {
    if (renderQueued) return;
    renderQueued = true;
    setTimeout(function () {
      renderQueued = false;
      renderNow();
    }, 0);
  }

  function renderNow() {
    renderSession();
    renderQuestions();
    renderPending();
    renderPolls();
    renderReactions();
  }

  function renderSession() {
    const s = state.session;
    document.querySelectorAll("[data-live-state-text]").forEach(function (node) {
      setText(node, t("state_" + s.state));
      node.dataset.state = s.state;
    });
    root.dataset.liveState = s.state;
    const count = document.getElementById("live-participants");
    if (count && state.participants !== null) setText(count, plural("participants", state.participants));
    const ended = s.state === "ended";
    document.querySelectorAll("[data-live-needs-open]").forEach(function (node) {
      node.hidden = ended;
    });
    document.querySelectorAll("[data-live-ended-note]").forEach(function (node) {
      node.hidden = !ended;
    });
    const start = $("[data-action='session.start']");
    const end = $("[data-action='session.end']");
    if (start) start.hidden = s.state !== "scheduled";
    if (end) end.hidden = s.state !== "live";
  }

  function sortedQuestions() {
    const list = Array.from(state.questions.values());
    const byNewest = function (a, b) {
      return String(b.created_at).localeCompare(String(a.created_at)) || b.id - a.id;
    };
    const order = currentSort();
    list.sort(function (a, b) {
      if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
      if (order === "votes" && a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
      return byNewest(a, b);
    });
    return list;
  }

  function currentSort() {
    if (PAGE === "projector") return "votes";
    const checked = $("input[name='live-sort']:checked");
    return checked ? checked.value : "votes";
  }

  function questionNode() {
    const item = el("li", { className: "live-question" });
    const body = el("div", { className: "live-question__body" }, [
      el("p", { className: "live-question__badges" }, [
        el("span", { className: "live-badge live-badge--pinned", hidden: true, text: t("pinned") }),
        el("span", { className: "live-badge live-badge--answered", hidden: true, text: t("answered") }),
      ]),
      el("p", { className: "live-question__text" }),
      el("p", { className: "live-question__meta" }),
      el("p", { className: "live-question__answer", hidden: true }),
    ]);
    item.append(body);
    if (PAGE === "projector") {
      item.append(el("p", { className: "live-question__votes" }));
      return item;
    }
    const upvote = el("button", {
      type: "button",
      className: "live-upvote",
      dataset: { action: "question.upvote" },
    }, [
      el("span", { className: "live-upvote__icon", "aria-hidden": "true", text: "▲" }),
      el("span", { className: "live-upvote__count" }),
      el("span", { className: "visually-hidden live-upvote__label" }),
    ]);
    item.append(el("div", { className: "live-question__side" }, [upvote]));
    if (PAGE === "moderator") {
      const answerId = "live-answer-" + Math.random().toString(36).slice(2, 9);
      const actions = el("div", { className: "live-question__actions" }, [
        el("button", { type: "button", className: "button--secondary live-small", dataset: { action: "question.pin" } }),
        el("button", { type: "button", className: "button--secondary live-small", dataset: { action: "question.hide" } }),
        el("details", { className: "live-answer" }, [
          el("summary", { text: t("answer_action") }),
          el("form", { className: "live-answer__form", dataset: { action: "question.answer" } }, [
            el("label", { for: answerId, text: t("answer_label") }),
            el("textarea", { id: answerId, name: "answer", maxlength: String(LIMITS.answer), rows: "3" }),
            el("p", { className: "live-error", role: "alert", hidden: true }),
            el("button", { type: "submit", className: "live-small", text: t("answer_save") }),
          ]),
        ]),
      ]);
      body.append(actions);
    }
    return item;
  }

  function updateQuestion(item, q) {
    item.dataset.questionId = q.id;
    item.classList.toggle("live-question--pinned", !!q.pinned);
    item.classList.toggle("live-question--answered", !!q.answered);
    const badges = item.querySelectorAll(".live-badge");
    badges[0].hidden = !q.pinned;
    badges[1].hidden = !q.answered;
    badges[0].parentNode.hidden = !q.pinned && !q.answered;
    setText(item.querySelector(".live-question__text"), q.text);
    setText(item.querySelector(".live-question__meta"), t("asked_by", { nickname: q.nickname }));
    const answer = item.querySelector(".live-question__answer");
    answer.hidden = !q.answer;
    setText(answer, q.answer ? t("answer_prefix", { answer: q.answer }) : "");
    const votes = item.querySelector(".live-question__votes");
    if (votes) setText(votes, plural("votes", q.upvotes || 0));
    const upvote = item.querySelector(".live-upvote");
    if (upvote) {
      const done = state.mine.upvoted.has(key(q.id));
      const busy = upvote.dataset.busy === "1";
      upvote.dataset.questionId = q.id;
      upvote.disabled = done || busy || state.session.state === "ended";
      upvote.setAttribute("aria-pressed", done ? "true" : "false");
      setText(upvote.querySelector(".live-upvote__count"), String(q.upvotes || 0));
      setText(
        upvote.querySelector(".live-upvote__label"),
        (done ? t("upvoted") : t("upvote")) + ": " + q.text + " (" + plural("votes", q.upvotes || 0) + ")"
      );
    }
    if (PAGE === "moderator") {
      const pin = item.querySelector("[data-action='question.pin'], [data-action='question.unpin']");
      pin.dataset.action = q.pinned ? "question.unpin" : "question.pin";
      pin.dataset.questionId = q.id;
      setText(pin, q.pinned ? t("unpin") : t("pin"));
      pin.setAttribute("aria-label", (q.pinned ? t("unpin") : t("pin")) + ": " + q.text);
      const hide = item.querySelector("[data-action='question.hide']");
      hide.dataset.questionId = q.id;
      setText(hide, t("hide"));
      hide.setAttribute("aria-label", t("hide") + ": " + q.text);
      item.querySelector(".live-answer__form").dataset.questionId = q.id;
      setText(item.querySelector(".live-answer summary"), q.answered ? t("answer_edit") : t("answer_action"));
    }
  }

  function renderQuestions() {
    const list = document.getElementById("live-questions");
    if (!list || !state.synced) return;
    let questions = sortedQuestions();
    if (PAGE === "projector") {
      questions = questions.filter(function (q) { return !q.pinned; }).slice(0, 6);
      renderPinned();
    }
    syncList(list, questions, questionNode, updateQuestion);
    const empty = document.getElementById("live-questions-empty");
    show(empty, questions.length === 0);
    const count = document.getElementById("live-questions-count");
    if (count) setText(count, String(state.questions.size));
  }

  function renderPinned() {
    const box = document.getElementById("live-pinned");
    if (!box) return;
    const pinned = Array.from(state.questions.values()).find(function (q) { return q.pinned; });
    box.hidden = !pinned;
    if (pinned) {
      setText($(".live-pinned__text", box), pinned.text);
      setText($(".live-pinned__meta", box), t("asked_by", { nickname: pinned.nickname }) + " · " + plural("votes", pinned.upvotes || 0));
    }
  }

  function pendingNode() {
    return el("li", { className: "live-question live-question--pending" }, [
      el("div", { className: "live-question__body" }, [
        el("p", { className: "live-question__text" }),
        el("p", { className: "live-question__meta" }),
        el("div", { className: "live-question__actions" }, [
          el("button", { type: "button", className: "live-small", dataset: { action: "question.approve" }, text: t("approve") }),
          el("button", { type: "button", className: "button--secondary live-small", dataset: { action: "question.reject" }, text: t("reject") }),
        ]),
      ]),
    ]);
  }

  function updatePending(item, q) {
    setText(item.querySelector(".live-question__text"), q.text);
    setText(item.querySelector(".live-question__meta"), t("asked_by", { nickname: q.nickname }));
    item.querySelectorAll("button").forEach(function (button) {
      button.dataset.questionId = q.id;
      const label = button.dataset.action === "question.approve" ? t("approve") : t("reject");
      button.setAttribute("aria-label", label + ": " + q.text);
    });
  }

  function renderPending() {
    const list = document.getElementById("live-pending");
    if (!list || !state.synced) return;
    const items = Array.from(state.pending.values()).sort(function (a, b) { return a.id - b.id; });
    syncList(list, items, pendingNode, updatePending);
    show(document.getElementById("live-pending-empty"), items.length === 0);
    const count = document.getElementById("live-pending-count");
    if (count) setText(count, String(items.length));
  }

  // Polls ---------------------------------------------------------------------------

  function pollLabels(poll) {
    if (poll.kind === "scale") return ["1", "2", "3", "4", "5"];
    return poll.options || [];
  }

  function resultsNode(poll) {
    const results = poll.results;
    if (poll.kind === "words") {
      const words = Object.keys(results || {}).map(function (word) {
        return { word: word, n: results[word] };
      });
      if (!words.length) return el("p", { className: "live-empty", text: t("no_votes") });
      words.sort(function (a, b) { return b.n - a.n || a.word.localeCompare(b.word); });
      const max = words[0].n;
      const min = words[words.length - 1].n;
      // Alphabetical, so the cloud does not jump around as counts change.
      words.sort(function (a, b) { return a.word.localeCompare(b.word); });
      return el("ul", { className: "live-words", "aria-label": t("word_cloud") }, words.map(function (w) {
        const size = max === min ? 3 : 1 + Math.round((4 * (w.n - min)) / (max - min));
        return el("li", { className: "live-word live-word--" + size }, [
          w.word,
          el("span", { className: "visually-hidden", text: " (" + w.n + ")" }),
        ]);
      }));
    }
    const labels = pollLabels(poll);
    const counts = Array.isArray(results) ? results : [];
    const total = counts.reduce(function (sum, n) { return sum + (n || 0); }, 0);
    return el("ul", { className: "live-results" }, labels.map(function (label, index) {
      const n = counts[index] || 0;
      const percent = total ? Math.round((100 * n) / total) : 0;
      return el("li", { className: "live-result" }, [
        el("span", { className: "live-result__label", text: label }),
        el("span", { className: "live-result__count", text: plural("votes", n) + " (" + percent + "%)" }),
        el("progress", { className: "live-result__bar", max: String(total || 1), value: String(n), "aria-hidden": "true" }),
      ]);
    }));
  }

  function voteForm(poll) {
    const form = el("form", { className: "live-vote", dataset: { pollId: poll.id } });
    const errorId = "live-vote-error-" + poll.id;
    if (poll.kind === "words") {
      const inputId = "live-vote-words-" + poll.id;
      form.append(
        el("label", { for: inputId, text: t("your_word") }),
        el("input", { id: inputId, name: "words", type: "text", maxlength: String(LIMITS.words), required: true, autocomplete: "off", "aria-describedby": errorId })
      );
    } else {
      const fieldset = el("fieldset", { className: "live-vote__options" }, [
        el("legend", { className: "visually-hidden", text: poll.question }),
      ]);
      const type = poll.kind === "multiple" ? "checkbox" : "radio";
      pollLabels(poll).forEach(function (label, index) {
        const id = "live-vote-" + poll.id + "-" + index;
        const input = el("input", { type: type, id: id, name: "choice", value: String(index) });
        if (type === "radio") input.required = true;
        fieldset.append(el("div", { className: "live-vote__option" }, [input, el("label", { for: id, text: label })]));
      });
      if (poll.kind === "scale") {
        fieldset.append(el("p", { className: "live-hint", text: t("scale_hint") }));
      }
      form.append(fieldset);
    }
    form.append(
      el("p", { className: "live-error", id: errorId, role: "alert", hidden: true }),
      el("button", { type: "submit", text: t("vote") })
    );
    return form;
  }

  function participantPollNode(poll) {
    const voted = state.mine.voted.has(key(poll.id));
    const box = el("div", { className: "live-poll live-poll--" + poll.state, dataset: { pollId: poll.id } }, [
      el("h3", { className: "live-poll__question", text: poll.question }),
    ]);
    if (poll.state === "open" && !voted && state.session.state !== "ended") {
      box.append(voteForm(poll));
    } else {
      if (poll.state === "open") box.append(el("p", { className: "live-note", text: t("vote_counted") }));
      box.append(resultsNode(poll));
    }
    return box;
  }

  /* The participant's open poll: rebuilt only when the poll, its state or our vote
   * changes, so a half-filled form survives a counts frame. */
  function renderParticipantPoll() {
    const holder = document.getElementById("live-poll");
    if (!holder) return;
    const open = Array.from(state.polls.values()).find(function (p) { return p.state === "open"; });
    const recent = Array.from(state.polls.values())
      .filter(function (p) { return p.state === "closed"; })
      .sort(function (a, b) { return b.id - a.id; })[0];
    const poll = open || recent;
    const section = document.getElementById("live-poll-section");
    show(section, !!poll);
    if (!poll) {
      holder.textContent = "";
      holder.dataset.signature = "";
      return;
    }
    const voted = state.mine.voted.has(key(poll.id));
    const signature = [poll.id, poll.state, voted, state.session.state].join("|");
    if (holder.dataset.signature === signature) {
      const old = holder.querySelector(".live-results, .live-words, .live-empty");
      if (old) old.replaceWith(resultsNode(poll));
      return;
    }
    holder.dataset.signature = signature;
    const hadFocus = holder.contains(document.activeElement);
    holder.textContent = "";
    holder.append(participantPollNode(poll));
    setText(document.getElementById("live-poll-heading"), open ? t("poll_open") : t("poll_last"));
    if (hadFocus) {
      const target = holder.querySelector(".live-note, .live-poll__question");
      if (target) {
        target.tabIndex = -1;
        target.focus({ preventScroll: true });
      }
    }
  }

  function moderatorPollNode() {
    return el("li", { className: "live-poll" }, [
      el("h3", { className: "live-poll__question" }),
      el("p", { className: "live-poll__state" }),
      el("div", { className: "live-poll__results" }),
      el("div", { className: "live-poll__actions" }, [
        el("button", { type: "button", className: "live-small", dataset: { action: "poll.open" }, text: t("poll_open_action") }),
        el("button", { type: "button", className: "button--secondary live-small", dataset: { action: "poll.close" }, text: t("poll_close_action") }),
      ]),
      el("p", { className: "live-error", role: "alert", hidden: true }),
    ]);
  }

  function updateModeratorPoll(item, poll) {
    setText(item.querySelector(".live-poll__question"), poll.question);
    setText(item.querySelector(".live-poll__state"), t("poll_kind_" + poll.kind) + " · " + t("poll_state_" + poll.state));
    item.classList.toggle("live-poll--open", poll.state === "open");
    const results = item.querySelector(".live-poll__results");
    results.textContent = "";
    results.append(resultsNode(poll));
    const open = item.querySelector("[data-action='poll.open']");
    const close = item.querySelector("[data-action='poll.close']");
    open.dataset.pollId = poll.id;
    close.dataset.pollId = poll.id;
    open.hidden = poll.state === "open";
    close.hidden = poll.state !== "open";
    open.setAttribute("aria-label", t("poll_open_action") + ": " + poll.question);
    close.setAttribute("aria-label", t("poll_close_action") + ": " + poll.question);
    open.disabled = state.session.state === "ended";
  }

  function renderPolls() {
    if (!state.synced) return;
    if (PAGE === "participant") {
      renderParticipantPoll();
      return;
    }
    if (PAGE === "moderator") {
      const list = document.getElementById("live-polls");
      const polls = Array.from(state.polls.values()).sort(function (a, b) { return b.id - a.id; });
      syncList(list, polls, moderatorPollNode, updateModeratorPoll);
      show(document.getElementById("live-polls-empty"), polls.length === 0);
      return;
    }
    // Projector: the open poll, big.
    const box = document.getElementById("live-poll");
    if (!box) return;
    const open = Array.from(state.polls.values()).find(function (p) { return p.state === "open"; });
    show(document.getElementById("live-poll-section"), !!open);
    box.textContent = "";
    if (open) {
      box.append(el("h2", { className: "live-poll__question", text: open.question }), resultsNode(open));
    }
  }

  function renderReactions() {
    const bar = document.getElementById("live-reactions");
    if (!bar) return;
    bar.querySelectorAll("[data-emoji]").forEach(function (node) {
      const n = state.reactions[node.dataset.emoji] || 0;
      setText(node.querySelector(".live-reaction__count"), String(n));
      if (node.tagName === "BUTTON") node.disabled = state.session.state === "ended";
    });
  }

  // Actions ---------------------------------------------------------------------------

  function withBusy(button, onReply) {
    if (button) {
      button.dataset.busy = "1";
      button.disabled = true;
    }
    return function (frame) {
      if (button) {
        delete button.dataset.busy;
        button.disabled = false;
      }
      onReply(frame);
      render();
    };
  }

  function onUpvote(button) {
    const id = button.dataset.questionId;
    const status = document.getElementById("live-questions-error");
    clearError(status);
    send("question.upvote", { question_id: Number(id) }, withBusy(button, function (frame) {
      if (frame.type === "ack" || frame.code === "already_upvoted") {
        state.mine.upvoted.add(key(id));
      } else {
        showError(status, frame);
      }
    }));
    render();
  }

  function onModeratorAction(button) {
    const action = button.dataset.action;
    const fields = {};
    if (button.dataset.questionId) fields.question_id = Number(button.dataset.questionId);
    if (button.dataset.pollId) fields.poll_id = Number(button.dataset.pollId);
    if (action === "session.end" && !window.confirm(t("confirm_end"))) return;
    const errorNode = button.closest("li, section").querySelector(".live-error") || document.getElementById("live-general-error");
    clearError(errorNode);
    send(action, fields, withBusy(button, function (frame) {
      if (frame.type === "error") {
        showError(errorNode, frame);
        return;
      }
      if (action === "question.approve" || action === "question.reject") {
        state.pending.delete(key(fields.question_id));
      }
      if (action === "question.hide") state.questions.delete(key(fields.question_id));
    }));
  }

  function onReaction(button) {
    const errorNode = document.getElementById("live-reactions-error");
    clearError(errorNode);
    send("reaction", { emoji: button.dataset.emoji }, withBusy(button, function (frame) {
      if (frame.type === "error") showError(errorNode, frame);
    }));
  }

  root.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-action], button[data-emoji]");
    if (!button || !root.contains(button) || button.disabled) return;
    if (button.dataset.emoji) {
      onReaction(button);
      return;
    }
    if (button.dataset.action === "question.upvote") {
      onUpvote(button);
      return;
    }
    if (PAGE === "moderator") onModeratorAction(button);
  });

  root.addEventListener("change", function (event) {
    if (event.target.name === "live-sort") {
      try {
        localStorage.setItem(SORT_KEY, event.target.value);
      } catch (e) {
        /* not kept */
      }
      render();
    }
  });

  root.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.id === "live-nickname-form") {
      event.preventDefault();
      submitNickname(form);
    } else if (form.id === "live-ask-form") {
      event.preventDefault();
      submitQuestion(form);
    } else if (form.classList.contains("live-vote")) {
      event.preventDefault();
      submitVote(form);
    } else if (form.id === "live-poll-form") {
      event.preventDefault();
      submitPoll(form);
    } else if (form.dataset.action === "question.answer") {
      event.preventDefault();
      submitAnswer(form);
    }
  });

  function submitting(form, busy) {
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = busy;
    form.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function submitQuestion(form) {
    const field = form.elements.text;
    const errorNode = document.getElementById("live-ask-error");
    const note = document.getElementById("live-ask-note");
    const text = field.value.trim();
    clearError(errorNode);
    showNote(note, "");
    if (!text) {
      showError(errorNode, { code: "empty_question" });
      field.focus();
      return;
    }
    if (text.length > LIMITS.question) {
      showError(errorNode, { code: "too_long" });
      field.focus();
      return;
    }
    submitting(form, true);
    send("question.ask", { text: text }, function (frame) {
      submitting(form, false);
      if (frame.type === "error") {
        showError(errorNode, frame); // the typed text stays in the field
        field.setAttribute("aria-invalid", "true");
        field.focus();
        return;
      }
      field.removeAttribute("aria-invalid");
      field.value = "";
      updateCounter(field);
      const published = frame.status === "published" || state.session.moderation === "post";
      showNote(note, published ? t("asked_published") : t("asked_pending"));
      render();
    });
  }

  function submitVote(form) {
    const pollId = form.dataset.pollId;
    const poll = state.polls.get(key(pollId));
    const errorNode = form.querySelector(".live-error");
    clearError(errorNode);
    if (!poll) return;
    const fields = { poll_id: Number(pollId) };
    if (poll.kind === "words") {
      const words = form.elements.words.value.trim();
      if (!words) {
        showError(errorNode, { code: "empty_vote" });
        return;
      }
      fields.words = words;
    } else {
      const picked = Array.from(form.querySelectorAll("input[name=choice]:checked")).map(function (input) {
        return Number(input.value);
      });
      if (!picked.length) {
        showError(errorNode, { code: "empty_vote" });
        return;
      }
      if (poll.kind === "scale") fields.value = picked[0] + 1;
      else fields.choices = picked;
    }
    submitting(form, true);
    send("poll.vote", fields, function (frame) {
      submitting(form, false);
      if (frame.type === "error" && frame.code !== "already_voted") {
        showError(errorNode, frame);
        return;
      }
      state.mine.voted.add(key(pollId));
      announce(t("vote_counted"));
      render();
    });
  }

  function submitPoll(form) {
    const errorNode = document.getElementById("live-poll-form-error");
    clearError(errorNode);
    const kind = form.elements.kind.value;
    const question = form.elements.question.value.trim();
    const fields = { kind: kind, question: question };
    if (kind === "single" || kind === "multiple") {
      fields.options = form.elements.options.value
        .split("\n")
        .map(function (line) { return line.trim(); })
        .filter(Boolean);
      if (fields.options.length < 2) {
        showError(errorNode, { code: "too_few_options" });
        form.elements.options.focus();
        return;
      }
    }
    if (!question) {
      showError(errorNode, { code: "missing_field" });
      form.elements.question.focus();
      return;
    }
    submitting(form, true);
    send("poll.create", fields, function (frame) {
      submitting(form, false);
      if (frame.type === "error") {
        showError(errorNode, frame);
        return;
      }
      form.reset();
      togglePollOptions(form);
      showNote(document.getElementById("live-poll-form-note"), t("poll_created"));
      // A new poll is not an event until it opens: the ack carries it.
      if (frame.poll) {
        state.polls.set(key(frame.poll.id), frame.poll);
        render();
      }
    });
  }

  function submitAnswer(form) {
    const errorNode = form.querySelector(".live-error");
    clearError(errorNode);
    submitting(form, true);
    send(
      "question.answer",
      { question_id: Number(form.dataset.questionId), answer: form.elements.answer.value.trim() },
      function (frame) {
        submitting(form, false);
        if (frame.type === "error") {
          showError(errorNode, frame);
          return;
        }
        const details = form.closest("details");
        if (details) details.open = false;
      }
    );
  }

  function togglePollOptions(form) {
    const kind = form.elements.kind.value;
    const options = document.getElementById("live-poll-options");
    const needs = kind === "single" || kind === "multiple";
    show(options, needs);
    form.elements.options.required = needs;
  }

  function updateCounter(field) {
    const counter = document.getElementById(field.id + "-counter");
    if (!counter) return;
    const left = Number(field.getAttribute("maxlength")) - field.value.length;
    setText(counter, t("chars_left", { n: left }));
  }

  // Nickname (participants) ----------------------------------------------------------

  function askNickname() {
    const form = document.getElementById("live-nickname-form");
    show(form, true);
    show(document.getElementById("live-app"), false);
    setStatus("idle", t("status_nickname"));
    const input = form && form.elements.nickname;
    if (input) {
      if (identity.nickname) input.value = identity.nickname;
      input.focus();
    }
  }

  function submitNickname(form) {
    const input = form.elements.nickname;
    const errorNode = document.getElementById("live-nickname-error");
    const nickname = input.value.trim();
    if (!nickname || nickname.length > LIMITS.nickname) {
      showError(errorNode, { code: nickname ? "too_long" : "empty_nickname" });
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    clearError(errorNode);
    input.removeAttribute("aria-invalid");
    identity = { nickname: nickname };
    saveIdentity(identity);
    startParticipant();
    const ask = document.getElementById("live-ask-text");
    if (ask) ask.focus();
  }

  function startParticipant() {
    show(document.getElementById("live-nickname-form"), false);
    show(document.getElementById("live-app"), true);
    setText(document.getElementById("live-you"), t("you_are", { nickname: identity.nickname }));
    conn.terminal = false;
    connect();
  }

  // Start -----------------------------------------------------------------------------

  function init() {
    root.classList.add("live--js");
    document.querySelectorAll("[data-live-js-only]").forEach(function (node) {
      node.hidden = false;
    });
    const sort = $("input[name='live-sort'][value='" + (safeGet(SORT_KEY) || "votes") + "']");
    if (sort) sort.checked = true;
    const pollForm = document.getElementById("live-poll-form");
    if (pollForm) {
      pollForm.elements.kind.addEventListener("change", function () {
        togglePollOptions(pollForm);
      });
      togglePollOptions(pollForm);
    }
    root.querySelectorAll("textarea[maxlength], input[maxlength]").forEach(function (field) {
      if (!document.getElementById(field.id + "-counter")) return;
      field.addEventListener("input", function () {
        updateCounter(field);
      });
      updateCounter(field);
    });
    renderReactions();
    if (PAGE === "participant") {
      if (identity.nickname || identity.token) startParticipant();
      else askNickname();
    } else {
      show(document.getElementById("live-app"), true);
      connect();
    }
  }

  function safeGet(name) {
    try {
      return localStorage.getItem(name);
    } catch (e) {
      return null;
    }
  }

  // For tests and the curious: the state of this page's client.
  window.inspraakLive = {
    state: state,
    conn: conn,
    reconnect: reconnectNow,
    // Drop the connection and stay away until resume(): what a phone in a tunnel does.
    pause: function () {
      conn.paused = true;
      if (conn.socket) conn.socket.close();
    },
    resume: function () {
      conn.paused = false;
      conn.attempt = 0;
      connect();
    },
  };

  init();
})();
