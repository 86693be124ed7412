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
 * that focus, open <details> and typed text survive an update. */
export function syncList(container, items, create, update) {
  if (!container) return;
  const active = document.activeElement;
  const existing = new Map();
  Array.from(container.children).forEach((child) => {
    if (child.dataset.id) existing.set(child.dataset.id, child);
    else child.remove(); // server-rendered placeholders, empty states
  });
  const wanted = new Set(items.map((item) => String(item.id)));
  existing.forEach((node, id) => {
    if (!wanted.has(id)) node.remove();
  });
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
  if (active && active !== document.activeElement && active.isConnected) {
    active.focus({ preventScroll: true });
  }
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
