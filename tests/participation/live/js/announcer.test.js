/* The live client's batched screen-reader announcements (lib/announcer.js), run by
 * Node's test runner from tests/participation/live/test_client_js.py. */

import assert from "node:assert/strict";
import { test } from "node:test";

import { GAP_MS, SETTLE_MS, createAnnouncer, pollResultText, summarise } from "./lib/announcer.js";

/* A clock the test moves by hand. */
function fakeClock() {
  const clock = {
    time: 0,
    timers: [],
    now: () => clock.time,
    later: (fn, ms) => clock.timers.push({ at: clock.time + ms, fn: fn }),
    advance(ms) {
      const until = clock.time + ms;
      for (;;) {
        clock.timers.sort((a, b) => a.at - b.at);
        const next = clock.timers[0];
        if (!next || next.at > until) break;
        clock.timers.shift();
        clock.time = next.at;
        next.fn();
      }
      clock.time = until;
    },
  };
  return clock;
}

function announcer() {
  const said = [];
  const clock = fakeClock();
  return { said: said, clock: clock, batch: createAnnouncer((text) => said.push([clock.time, text]), clock) };
}

test("one piece of news is read in full, after a short wait", () => {
  const { said, clock, batch } = announcer();
  batch.add("question.published", "New question from Sam: Waarom?");
  clock.advance(SETTLE_MS - 1);
  assert.deepEqual(said, []);
  clock.advance(1);
  assert.deepEqual(said, [[SETTLE_MS, "New question from Sam: Waarom?"]]);
});

test("news that arrives together is read as one summary per kind", () => {
  const { said, clock, batch } = announcer();
  batch.add("question.published", "New question from Sam: Een");
  batch.add("question.published", "New question from Noor: Twee");
  batch.add("question.published", "New question from Kim: Drie");
  batch.add("question.answered", "Question answered: Een");
  clock.advance(SETTLE_MS);
  assert.deepEqual(said, [[SETTLE_MS, "3 new questions. Question answered: Een."]]);
});

test("a flood is announced at most once per gap, never once per item", () => {
  const { said, clock, batch } = announcer();
  for (let second = 0; second < 12; second += 1) {
    for (let n = 0; n < 10; n += 1) batch.add("question.published", "New question " + n);
    clock.advance(1000);
  }
  clock.advance(GAP_MS);
  assert.ok(said.length <= 4, JSON.stringify(said));
  for (let i = 1; i < said.length; i += 1) assert.ok(said[i][0] - said[i - 1][0] >= GAP_MS);
  const total = said.reduce((sum, [, text]) => sum + Number(text.split(" ")[0]), 0);
  assert.equal(total, 120); // every question counted once
});

test("news without a summary keeps its latest few texts", () => {
  const groups = new Map([
    ["pace", { n: 2, texts: ["Pace: 5 of 10 think it is too fast", "Pace: 3 of 10 do not get it"] }],
    ["pending", { n: 2, texts: ["New question waiting for approval: Hoi"] }],
  ]);
  assert.equal(
    summarise(groups),
    "Pace: 5 of 10 think it is too fast. Pace: 3 of 10 do not get it. 2 new questions wait for approval."
  );
  const { said, clock, batch } = announcer();
  for (let n = 1; n <= 5; n += 1) batch.add("session.started", "Live " + n);
  clock.advance(SETTLE_MS);
  assert.deepEqual(said, [[SETTLE_MS, "Live 3. Live 4. Live 5."]]);
});

test("empty text is not news", () => {
  const { said, clock, batch } = announcer();
  batch.add("question.hidden", "");
  clock.advance(GAP_MS * 2);
  assert.deepEqual(said, []);
});

test("a closed poll says what won", () => {
  const limits = { scale_values: 5 };
  const poll = { kind: "single", question: "Welke dag?", options: ["Ma", "Za"], results: [1, 4] };
  assert.equal(pollResultText(poll, limits), "Poll closed: Welke dag? Most votes: Za (4 votes).");
  const words = { kind: "words", question: "Eén woord?", options: [], results: { rust: 2, tijd: 3 } };
  assert.equal(pollResultText(words, limits), "Poll closed: Eén woord? Most votes: tijd (3 votes).");
  const empty = { kind: "scale", question: "Hoe?", options: [], results: [0, 0, 0, 0, 0] };
  assert.equal(pollResultText(empty, limits), "Poll closed: Hoe? Nobody voted.");
});
