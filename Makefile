# The two commands of the README. Both do their own set-up (bin/setup).
.PHONY: run test setup lint

HOST ?= 127.0.0.1
PORT ?= 8000

setup:
	@bin/setup

run: setup
	.venv/bin/python manage.py migrate --noinput
	.venv/bin/python manage.py seed_demo
	@echo "Inspraak runs on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/). Stop with Ctrl+C."
	.venv/bin/daphne -b $(HOST) -p $(PORT) inspraak.asgi:application

# The suite runs in one worker per core (pytest-xdist); the browser journeys share
# one worker. PYTEST_WORKERS=0 runs it in this process.
PYTEST_WORKERS ?= auto

test: setup
	.venv/bin/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
