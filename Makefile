# One command surface. The README's two commands are scripts/start and scripts/test.
PY ?= .venv/bin/python

.PHONY: help run test lint format load load-demo migrate messages check backup restore bench audit

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run:  ## Set up and serve the site on http://127.0.0.1:8000/
	./scripts/start

test:  ## ruff + the whole pytest suite
	./scripts/test

lint:  ## ruff check and format check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:  ## ruff fix and format
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

migrate:  ## Apply migrations
	$(PY) manage.py migrate

load:  ## Load (or update) the plan's content
	$(PY) manage.py load_predess

load-demo:  ## Load the content and the example data (marked as examples)
	$(PY) manage.py load_predess --demo

check:  ## Django system checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

backup:  ## Back up the database, media and private media (archive in BACKUP_DIR, backups-archives/ by default)
	$(PY) manage.py backup_site

restore:  ## Restore a backup: make restore FILE=backups-archives/predess-….tar.gz
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups-archives/predess-….tar.gz" && exit 2)
	$(PY) manage.py restore_site "$(FILE)"

bench:  ## The benchmark and load test (bench/README.md); BENCH_ARGS="--quick --lighthouse"
	$(PY) bench/run.py $(BENCH_ARGS)

audit:  ## Known vulnerabilities in the pinned requirements (pip-audit)
	./scripts/audit
