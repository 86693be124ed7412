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

/* A reply handler that keeps `button` disabled until the answer arrives. */
export function withBusy(button, onReply) {
  if (button) {
    button.dataset.busy = "1";
    button.disabled = true;
  }
  return (frame) => {
    if (button) {
      delete button.dataset.busy;
      button.disabled = false;
    }
    onReply(frame);
  };
}

export function submitting(form, busy) {
  const button = form.querySelector("button[type=submit]");
  if (button) button.disabled = busy;
  form.setAttribute("aria-busy", busy ? "true" : "false");
}

/* "N characters left" under a field with a `maxlength` and a `<id>-counter`. */
export function updateCounter(field) {
  const counter = byId(field.id + "-counter");
  if (!counter) return;
  const left = Number(field.getAttribute("maxlength")) - field.value.length;
  setText(counter, format(gettext("%(n)s characters left"), { n: left }));
}
