# Crossborder: `make demo` to try it, `make test` to check everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
export UV_PYTHON_DOWNLOADS ?= automatic
export PYTHONDONTWRITEBYTECODE := 1
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

# Production-like settings for `check --deploy`, the demo and the benchmark.
PROD_ENV := DEBUG=0 SECRET_KEY=check-deploy-$$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=crossborder.example.org
DEMO_ENV = DEBUG=0 SECRET_KEY="$$(cat var/demo-secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 EMAIL_BACKEND=file \
	SITE_URL=http://127.0.0.1:8000 SERVE_MEDIA=1

.PHONY: help install demo serve totp test lint checks content-check test-sqlite test-postgres test-cluster test-browser \
	bench fmt lock messages clean backup restore

help:
	@echo "make demo   install, migrate the embedded SQLite database, load demo data, serve on http://127.0.0.1:8000"
	@echo "make test   ruff, Django checks, content check, suite on SQLite and PostgreSQL, browser tests"
	@echo "make bench  load-test the app under gunicorn (SQLite and PostgreSQL), print JSON"
	@echo "make backup [TO=folder]  back up the database (DATABASE_URL, else the demo's SQLite) and the uploads"
	@echo "make restore FROM=folder restore a backup into an empty database, then check it row by row"
	@echo "make fmt | lock | messages | totp EMAIL=manager@example.org"

$(UV):
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --user --quiet uv

$(VENV)/.synced: requirements.lock | $(UV)
	$(UV) venv --allow-existing --quiet $(VENV)
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	@touch $@

install: $(VENV)/.synced

var/demo-secret-key:
	@mkdir -p var
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

demo: install var/demo-secret-key
	$(DEMO_ENV) $(PY) manage.py demo
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:8000 with the task worker and the scheduler (Ctrl+C stops all three)"
	$(DEMO_ENV) WEB_CONCURRENCY=2 exec scripts/demo-serve.sh

totp: install var/demo-secret-key
	@$(DEMO_ENV) $(PY) manage.py totp_code $(EMAIL)

# Backups of the database that DATABASE_URL names (the demo's SQLite file otherwise) and of the
# uploads (MEDIA_ROOT): crossborder/backups/archive.py. In production run `manage.py backup`
# with the production environment (docs/deploy.md).
backup: install
	DEBUG=1 $(PY) manage.py backup $(if $(TO),--to "$(TO)")

restore: install
	@test -n "$(FROM)" || { echo "Say which backup: make restore FROM=var/backups/<folder>" >&2; exit 2; }
	DEBUG=1 $(PY) manage.py restore "$(FROM)"

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	scripts/check-repo.sh

checks: install
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) scripts/check_translations.py

# The curriculum's own rules (sources, scenarios, unverified details): crossborder/curriculum/checking.py
content-check: install
	DEBUG=1 $(PY) manage.py check_content

# The suite runs on every core (pytest-xdist), a test file per worker: the content that a
# file's tests share is loaded once. The browser tests run one at a time.
PARALLEL := -n auto --dist loadfile

test-sqlite: install
	$(VENV)/bin/pytest -m "not browser and not cluster" -q $(PARALLEL)

test-postgres: install
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not browser and not cluster" -q $(PARALLEL)

# Faults and several servers with real processes: each test starts its own PostgreSQL and Redis
# servers, app servers, task worker and scheduler (tests/cluster.py), whatever DATABASE_URL says.
test-cluster: install
	@command -v redis-server >/dev/null || { echo "redis-server not found: install Debian's 'redis-server' package." >&2; exit 1; }
	$(VENV)/bin/pytest -m cluster -q $(PARALLEL)

test-browser: install
	@test -x "$(CHROMIUM_PATH)" || { echo "Chromium not found at $(CHROMIUM_PATH): install Debian's 'chromium' package." >&2; exit 1; }
	$(VENV)/bin/pytest -m browser -q

test: lint checks content-check test-sqlite test-postgres test-cluster test-browser
	@echo "make test: all checks passed"

bench: install
	@$(PY) bench/run.py

lock: | $(UV)
	$(UV) lock
	$(UV) export --format requirements-txt --all-groups --no-header --no-emit-project -q -o requirements.lock

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l fr -l de --no-location --no-obsolete --ignore 'static/*' --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf var/staticfiles artifacts
