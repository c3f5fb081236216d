# redress: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON_FOR_VENV := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LOCAL_ENV := var/local.env

.PHONY: install install-dev run test lint typecheck check serve demo worker clean

$(VENV)/bin/python:
	@test -n "$(PYTHON_FOR_VENV)" || { echo "redress needs Python 3.12 or newer"; exit 1; }
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

# Installs the product into .venv (no demo, no server): what a deployment needs.
install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# A local secret key and vault key, made once and kept under var/ (never committed).
$(LOCAL_ENV):
	@mkdir -p var
	@umask 077; { \
	  echo "REDRESS_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  echo "REDRESS_VAULT_KEYS=$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"; \
	} > $(LOCAL_ENV)
	@echo "Wrote new local keys to $(LOCAL_ENV)"

# Installs, migrates, loads the demo (once) and serves on 127.0.0.1:$(PORT).
run: install $(LOCAL_ENV)
	@set -a; source $(LOCAL_ENV); set +a; \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py seed_demo --if-empty && \
	$(PY) manage.py collectstatic --no-input --verbosity 0 && \
	$(PY) manage.py demo_logins --port $(PORT) && \
	exec $(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 2 \
	  --access-logfile - --log-level warning

# The whole test suite, on SQLite unless DATABASE_URL points at PostgreSQL.
test: install-dev
	$(VENV)/bin/pytest

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install-dev
	REDRESS_DEBUG=1 $(VENV)/bin/mypy redress config

check: lint typecheck test

# The deadline worker, for a running installation.
worker: install $(LOCAL_ENV)
	@set -a; source $(LOCAL_ENV); set +a; exec $(PY) manage.py run_clocks

clean:
	rm -rf $(VENV) var/static
