"""Benchmark of live sessions (issue 8): not a test suite. Run it with
`.venv/bin/python -m tests.bench.run` (see docs/live-scale.md)."""
