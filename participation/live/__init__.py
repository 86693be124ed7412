"""Live sessions of a consultation over WebSockets (docs/live-protocol.md)."""
