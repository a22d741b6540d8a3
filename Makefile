# newsevents: two commands set everything up on a fresh machine.
#   make demo   install into .venv, process examples/ into demo.duckdb, print what was found
#   make test   install into .venv (with test tools) and run the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
DB     ?= demo.duckdb

.PHONY: demo test install lint models bench web serve

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[dev]'
	@# setuptools leaves build metadata (with the README) in src/; the installed metadata is in .venv
	rm -rf src/*.egg-info
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(VENV)/bin/newsevents run examples/ --db $(DB) || true
	$(VENV)/bin/newsevents articles --db $(DB)
	$(VENV)/bin/newsevents events --db $(DB) --limit 25
	$(VENV)/bin/newsevents stats --db $(DB)
	@echo
	@echo "Look closer:   $(VENV)/bin/newsevents show <article id> --db $(DB)"
	@echo "Filter:        $(VENV)/bin/newsevents events --db $(DB) --type ACCUSE --format csv"
	@echo "Export:        $(VENV)/bin/newsevents export --db $(DB) --format plover --out events.plover.jsonl"
	@echo "Dashboard:     $(VENV)/bin/newsevents serve --db $(DB)   then open http://127.0.0.1:8000/"

test: $(STAMP)
	-bash scripts/install_chromium.sh
	$(VENV)/bin/pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench training

models: $(STAMP)
	bash training/build_models.sh

bench: $(STAMP)
	$(PY) bench/ingest.py
	$(PY) bench/events.py
	$(PY) bench/quotes.py
	$(PY) bench/api.py

web:   ## rebuild web/ into src/newsevents/api/static (commit the result)
	cd web && npm ci --no-audit --no-fund && npm run build

serve: $(STAMP)
	$(VENV)/bin/newsevents serve --db $(DB)
