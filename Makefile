# Two commands set up everything:  make demo  (run the app)   make test  (the whole suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO   ?= .demo
PRODUCTS ?= 20000

.PHONY: demo test lint bench screenshots system-deps clean package package-check translations qm

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# The screens' translations (docs/languages.md): .qm built from the .ts sources at every run of
# the two commands (a second, so an edited .ts is never stale); `make translations` extracts
# the tr() texts of pos_app/ui into the .ts files again (kept translations stay).
TS := $(wildcard resources/translations/*.ts)
qm: $(STAMP)
	@for ts in $(TS); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete pos_app/ui/*.py $(foreach ts,$(TS),-ts $(ts))

system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: system-deps $(STAMP) qm lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

demo: system-deps $(STAMP) qm
	@PRODUCTS=$(PRODUCTS) DEMO=$(DEMO) BIN=$(BIN) bash scripts/demo.sh

bench: $(STAMP)
	$(BIN)/python -m tests.bench

screenshots: $(STAMP) qm
	QT_QPA_PLATFORM=offscreen $(BIN)/pos-app screenshots --out docs/screenshots

# The store app as one directory (dist/aisle/, docs/packaging.md), then proof that it runs
# without the virtual environment: --version, and every screen rendered offscreen.
package: $(STAMP) qm
	$(BIN)/python -m pip install -q -e '.[dev,package]'
	$(BIN)/python packaging/build.py

package-check: package
	@BIN=$(BIN) bash scripts/package-check.sh

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache build dist
