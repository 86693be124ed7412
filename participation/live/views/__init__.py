"""Pages of a live session, by audience: `join` (typing the code), `participant`
(the session page), `moderator` (the console), `projector` (the big screen) and
`organiser` (planning a session, the CSV export); `context` holds what they share.
The live part runs over the WebSocket (docs/live-protocol.md, static/live/); these
views render the first state and everything that works without JavaScript."""
