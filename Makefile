# positions-kg — `make demo` builds the graph from the seeds, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STORE  ?= .kg/store

.PHONY: demo test install test-deps browser bench lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

test-deps: $(VENV)/.test-installed browser

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || { echo "could not install chromium (need root and apt); browser tests will be skipped"; }; \
	fi

demo: $(VENV)/.installed
	$(KG) build --store $(STORE)
	$(KG) stats --store $(STORE)
	$(KG) query --store $(STORE) --name persons-roles

test: test-deps
	$(PY) -m pytest -q -rs

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py --quick --json benchmarks/latest.json

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check kg tests benchmarks

clean:
	rm -rf .kg graph.html .pytest_cache
