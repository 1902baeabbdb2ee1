# positions-kg — `make demo` builds the graph from the seeds, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STORE  ?= .kg/store

.PHONY: demo test test-fast install test-deps browser virtuoso bench lint clean notebooks docs screenshot

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

$(VENV)/.notebooks-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[notebooks]'
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
	$(KG) ask --store $(STORE) "who opposes troop deployment and why"
	@echo ""
	@echo "next commands to try (after: . $(VENV)/bin/activate):"
	@echo "  kg ask \"what is Poland's position on troop deployment\""
	@echo "  kg query --name roles --param holder=Latvia"
	@echo "  kg render -o graph.html        # the graph in a browser, offline"
	@echo "  kg export -o positions.gexf    # for Gephi"
	@echo "  make notebooks                 # the tutorials in Jupyter Lab"

test: test-deps
	$(PY) -m pytest -q -rs

# The development lane: no slow, server or browser test (CI runs `make test`, everything).
test-fast: $(VENV)/.test-installed
	$(PY) -m pytest -q -rs -m "not slow and not server and not browser"

# Jupyter Lab on the tutorials (Ctrl-C stops it). JUPYTER_ARGS="--no-browser --port 8899" for a headless start.
JUPYTER_ARGS ?=
notebooks: $(VENV)/.notebooks-installed
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(JUPYTER_ARGS)

# The tutorials executed, with their outputs, as HTML in docs/notebooks/ (the .ipynb stay output-free).
docs: $(VENV)/.notebooks-installed
	$(VENV)/bin/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=600 \
	  --output-dir docs/notebooks notebooks/*.ipynb

# docs/graph.png, the README's picture of the graph page (Playwright + Debian chromium).
screenshot: $(VENV)/.test-installed
	$(KG) build --store $(STORE)
	$(PY) docs/screenshot.py $(STORE) docs/graph.png

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py --quick --json benchmarks/latest.json

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check kg tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf .kg graph.html .pytest_cache
