/* Ranking polls: the participant puts the options in order with "move up" and
 * "move down" buttons (keyboard and screen reader friendly, no dragging needed);
 * every page shows the results as the average rank per option, best first. */

import { el } from "./dom.js";
import { announce } from "./feedback.js";
import { format, gettext, ngettext } from "./i18n.js";

export function number(value) {
  const lang = document.documentElement.lang || undefined;
  return Number(value).toLocaleString(lang, { maximumFractionDigits: 2 });
}

function moveButton(action, label) {
  const up = action === "rank.up";
  return el(
    "button",
    {
      type: "button",
      className: "button--secondary live-rank__move",
      dataset: { action: action },
      "aria-label": format(up ? gettext("Move up: %(option)s") : gettext("Move down: %(option)s"), {
        option: label,
      }),
    },
    [el("span", { "aria-hidden": "true", text: up ? "↑" : "↓" })]
  );
}

function rankItem(label, index) {
  return el("li", { className: "live-rank__item", dataset: { option: String(index) } }, [
    el("span", { className: "live-rank__label", text: label }),
    el("span", { className: "live-rank__buttons" }, [
      moveButton("rank.up", label),
      moveButton("rank.down", label),
    ]),
  ]);
}

/* The form of an open ranking, in the order the moderator wrote the options. */
export function rankingForm(poll) {
  const base = "live-rank-" + poll.id;
  const form = el("form", { className: "live-vote live-rank", dataset: { pollId: poll.id } }, [
    el("p", {
      className: "live-hint",
      id: base + "-help",
      text: gettext(
        "Put the options in order, the most important at the top. Move an option with its buttons."
      ),
    }),
    el(
      "ol",
      { className: "live-rank__list", "aria-describedby": base + "-help" },
      (poll.options || []).map(rankItem)
    ),
    el("p", { className: "live-error", id: "live-vote-error-" + poll.id, role: "alert", hidden: true }),
    el("button", { type: "submit", text: gettext("Send my ranking") }),
  ]);
  updateButtons(form);
  return form;
}

/* At the top nothing moves up, at the bottom nothing down: aria-disabled rather
 * than disabled, so that the focus stays on the button that was just used. */
function updateButtons(form) {
  const items = Array.from(form.querySelectorAll(".live-rank__item"));
  items.forEach((item, index) => {
    item.querySelector("[data-action='rank.up']").setAttribute("aria-disabled", String(index === 0));
    item
      .querySelector("[data-action='rank.down']")
      .setAttribute("aria-disabled", String(index === items.length - 1));
  });
}

/* A move button was pressed: the option moves one place and says where it is. */
export function moveOption(button) {
  if (button.getAttribute("aria-disabled") === "true") return;
  const item = button.closest(".live-rank__item");
  const list = item.parentNode;
  const up = button.dataset.action === "rank.up";
  const other = up ? item.previousElementSibling : item.nextElementSibling;
  if (!other) return;
  if (up) list.insertBefore(item, other);
  else list.insertBefore(other, item);
  updateButtons(list.closest("form"));
  button.focus();
  const place = Array.from(list.children).indexOf(item) + 1;
  announce(
    format(gettext("%(option)s is now number %(place)s of %(count)s."), {
      option: item.querySelector(".live-rank__label").textContent,
      place: place,
      count: list.children.length,
    })
  );
}

/* The order the form shows, as `poll.vote` sends it. */
export function rankingOrder(form) {
  return Array.from(form.querySelectorAll(".live-rank__item")).map((item) => Number(item.dataset.option));
}

export function rankings(n) {
  return format(ngettext("%(n)s ranking", "%(n)s rankings", n), { n: n });
}

/* The average rank per option, best (lowest) first; unranked options last. */
export function rankingResults(poll) {
  const results = poll.results || {};
  const average = results.average || [];
  const rows = (poll.options || []).map((label, index) => ({ label: label, average: average[index] }));
  const missing = (value) => value === null || value === undefined;
  rows.sort(
    (a, b) =>
      Number(missing(a.average)) - Number(missing(b.average)) ||
      (a.average || 0) - (b.average || 0) ||
      a.label.localeCompare(b.label)
  );
  return el("div", { className: "live-ranking", dataset: { liveResults: "" } }, [
    el(
      "ol",
      { className: "live-ranking-results" },
      rows.map((row) =>
        el("li", { className: "live-ranking-result" }, [
          el("span", { className: "live-result__label", text: row.label }),
          el("span", {
            className: "live-result__count",
            text: missing(row.average)
              ? gettext("not ranked yet")
              : format(gettext("average rank %(average)s"), { average: number(row.average) }),
          }),
        ])
      )
    ),
    el("p", { className: "live-hint", text: rankings(results.rankings || 0) }),
  ]);
}
