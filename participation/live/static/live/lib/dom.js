/* Small DOM helpers shared by the live pages. */

export function byId(id) {
  return document.getElementById(id);
}

/* A new element: `attrs` are attributes, except text, className and dataset;
 * null, undefined and false leave an attribute out, true sets it empty. */
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) return;
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : value);
  });
  (children || []).forEach((child) => {
    if (child !== null && child !== undefined) node.append(child);
  });
  return node;
}

export function show(node, visible) {
  if (node) node.hidden = !visible;
}

export function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

/* Keep a list's children in the order of `items`, reusing the node of each id so
 * that focus, open <details> and typed text survive an update. When the item that
 * holds the focus goes (approved, hidden, merged), the focus moves to the same
 * control of the next item (or the previous one), else to the list's empty note:
 * a keyboard user works down a queue and never lands on the page's start. */
export function syncList(container, items, create, update) {
  if (!container) return;
  const active = document.activeElement;
  const existing = new Map();
  Array.from(container.children).forEach((child) => {
    if (child.dataset.id) existing.set(child.dataset.id, child);
    else child.remove(); // server-rendered placeholders, empty states
  });
  const wanted = new Set(items.map((item) => String(item.id)));
  let leaving = null;
  existing.forEach((node, id) => {
    if (wanted.has(id)) return;
    if (active && node.contains(active)) leaving = { node: node, key: focusKey(active) };
    if (!leaving || leaving.node !== node) node.remove();
  });
  let refocus = null;
  if (leaving) {
    refocus = successor(leaving.node, wanted, leaving.key);
    leaving.node.remove();
    if (refocus === null) queueMicrotask(() => focusEmptyNote(container));
  }
  let cursor = container.firstElementChild;
  items.forEach((item) => {
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
  if (refocus) refocus.focus();
  else if (active && active !== document.activeElement && active.isConnected) {
    active.focus({ preventScroll: true });
  }
}

const FOCUSABLE = "button:not([hidden]):not(:disabled), summary, a[href], textarea, select, input";

/* What the focused control is, so that the next item's counterpart can be found:
 * its action (an action button, or a form's), else the <details> it sits in. */
function focusKey(active) {
  const holder = active.closest("[data-action]");
  const details = active.closest("details");
  return {
    action: holder ? holder.dataset.action : null,
    details: details ? details.className.split(" ")[0] : null,
  };
}

function counterpart(item, key) {
  const action = key.action && item.querySelector("button[data-action='" + key.action + "']");
  if (action && !action.hidden && !action.disabled) return action;
  const summary = key.details && item.querySelector("details." + key.details + " > summary");
  return summary || item.querySelector(FOCUSABLE);
}

/* The control to focus instead, in the next item that stays, else the previous. */
function successor(node, wanted, key) {
  const stays = (sibling) => sibling.dataset.id && wanted.has(sibling.dataset.id);
  for (let next = node.nextElementSibling; next; next = next.nextElementSibling) {
    if (stays(next)) return counterpart(next, key);
  }
  for (let previous = node.previousElementSibling; previous; previous = previous.previousElementSibling) {
    if (stays(previous)) return counterpart(previous, key);
  }
  return null;
}

/* The list emptied under the focus: its note ("No questions are waiting.", shown by
 * the render that is under way), else its section's heading. */
function focusEmptyNote(container) {
  const note = byId(container.id + "-empty");
  const section = container.closest("section");
  const target = note && !note.hidden ? note : section && section.querySelector("h2");
  if (!target) return;
  target.tabIndex = -1;
  target.focus();
}

/* localStorage that never throws (private mode, storage switched off). */
export const storage = {
  get(name) {
    try {
      return localStorage.getItem(name);
    } catch (e) {
      return null;
    }
  },
  set(name, value) {
    try {
      localStorage.setItem(name, value);
    } catch (e) {
      /* not kept: it lasts as long as the page */
    }
  },
};
