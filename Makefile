# Two commands do everything on a fresh machine: `make dev` and `make test`.
PYTHON ?= python3.11
VENV := functions/venv
PY := $(VENV)/bin/python
STAMP_PY := $(VENV)/.installed
STAMP_NODE := node_modules/.installed

.PHONY: dev test lint bench install seed grant-admin scheduled clean

dev: install  ## Run the whole product on the emulator suite with demo data
	$(PY) tools/dev.py

test: install lint  ## Lint, then the whole suite: unit, emulator and browser tests
	tools/ensure_chromium.sh
	node hosting/build.mjs
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check functions tests tools scheduled bench
	$(VENV)/bin/ruff format --check functions tests tools scheduled bench
	$(VENV)/bin/mypy functions/main.py functions/booking

bench: install  ## Benchmarks: prints a table and writes bench-results.json
	tools/ensure_chromium.sh
	$(PY) bench/run.py

seed: install  ## Rebuild emulator-data/ from tools/demo_data.py
	$(PY) tools/seed.py --export

grant-admin: install  ## make grant-admin EMAIL=someone@example.com SITE=demo
	$(PY) tools/grant_admin.py "$(EMAIL)" "$(SITE)"

scheduled: $(STAMP_PY)  ## The local scheduler with the venv's Python: make scheduled ARGS="--list" (or --once NAME)
	$(PY) scheduled/runner.py $(ARGS)

install: $(STAMP_PY) $(STAMP_NODE)

$(STAMP_PY): requirements.txt functions/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(STAMP_NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules .tools hosting/dist
