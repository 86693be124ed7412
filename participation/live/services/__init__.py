"""What a live session does, as small synchronous database functions, one module per
flow (docs/live-protocol.md, "How it is built"):

- `base`: what every flow shares (`LiveError`, `Outcome`, `dumps`, the caps check);
- `events`: the session's numbered event log (the row lock, appending, replay);
- `session`: finding a session, participants and their tokens, start and end;
- `join`: a participant's `hello` and a catch-up (replay or snapshot);
- `questions`: asking and upvoting, and the shapes of a question;
- `moderation`: approving, rejecting, answering, pinning and hiding questions;
- `polls`: creating, opening, closing, voting and counting polls; `ranking` and
  `quiz` for those kinds (average ranks; the clock, points and leaderboard);
- `open_answers`: answers to open questions, moderated like questions;
- `reactions`: emoji reactions;
- `pace`: pace feedback for the moderators, and its meter;
- `actions`: the runner that applies one client action once (`perform`);
- `snapshot`: the full current state for one client;
- `results`: questions and polls after the session (pages, CSV).

Each action runs in one transaction: it stores the change and, for a sequenced
event, raises `LiveSession.last_seq` under the session's row lock and stores the
`Event`. It returns an `Outcome` with the frames already serialised to JSON text;
the consumer broadcasts them only after the commit.

Lock order, to stay free of deadlocks: the session row first, then a poll or a
question row. Votes and upvotes never take the session lock.
"""
