/* What a page tells the person: announcements for screen readers, errors, notes,
 * busy buttons and forms, characters left. */

import { byId, setText } from "./dom.js";
import { format, gettext } from "./i18n.js";
import { errorText } from "./texts.js";

export function announce(text) {
  const region = byId("live-announcer");
  if (!region || !text) return;
  // Replace the text so screen readers read each announcement once.
  region.textContent = "";
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export function showError(node, error) {
  if (!node) return;
  node.textContent = errorText(error);
  node.hidden = false;
}

export function clearError(node) {
  if (!node) return;
  node.textContent = "";
  node.hidden = true;
}

export function showNote(node, text) {
  if (!node) return;
  node.textContent = text;
  node.hidden = !text;
}

export function setStatus(kind, text) {
  const node = byId("live-status");
  if (!node) return;
  node.dataset.status = kind;
  setText(node, text);
}

/* Switch a button off or on without taking the keyboard focus from it (a disabled
 * button drops the focus to the page's start): aria-disabled, and the page ignores
 * its clicks (app.js). */
export function switchOff(button, off) {
  if (!button) return;
  if (off) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

export function isOff(button) {
  return button.disabled || button.getAttribute("aria-disabled") === "true";
}

/* A reply handler that keeps `button` switched off until the answer arrives. */
export function withBusy(button, onReply) {
  if (button) {
    button.dataset.busy = "1";
    switchOff(button, true);
  }
  return (frame) => {
    if (button) {
      delete button.dataset.busy;
      switchOff(button, false);
    }
    onReply(frame);
  };
}

/* A form waiting for its answer: not sent twice (app.js ignores the submit), its
 * button switched off but still holding the focus. */
export function submitting(form, busy) {
  switchOff(form.querySelector("button[type=submit]"), busy);
  form.setAttribute("aria-busy", busy ? "true" : "false");
}

/* "N characters left" under a field with a `maxlength` and a `<id>-counter`. */
export function updateCounter(field) {
  const counter = byId(field.id + "-counter");
  if (!counter) return;
  const left = Number(field.getAttribute("maxlength")) - field.value.length;
  setText(counter, format(gettext("%(n)s characters left"), { n: left }));
}
