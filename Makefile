# positions-kg — `make demo` builds the graph from the seeds, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STORE  ?= .kg/store

.PHONY: demo test install test-deps browser virtuoso bench lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test,distributed]'
	touch $@

install: $(VENV)/.installed

test-deps: $(VENV)/.test-installed browser virtuoso

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || { echo "could not install chromium (need root and apt); browser tests will be skipped"; }; \
	fi

# Debian's Virtuoso server for the remote lane's second engine (the -bin package: the server and
# isql, without the system service the virtuoso-opensource package would set up and start).
virtuoso:
	@if ! command -v virtuoso-t >/dev/null; then \
	  echo "installing Debian virtuoso-opensource-7-bin for the remote tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    virtuoso-opensource-7-bin >/dev/null) \
	    || { echo "could not install virtuoso (need root and apt); Virtuoso tests will be skipped"; }; \
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
