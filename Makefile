# One source, many accessible editions. `make help` lists the targets.
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
SOURCE  ?= source
OUT     ?= outputs

.DEFAULT_GOAL := all
.PHONY: all html epub pdf summary audio braille check test bench images clean help

all: $(STAMP) ## build every edition from source/ into outputs/ (ALLOW_DRAFTS=1: even with DRAFT summaries)
	$(PY) -m pipeline build --source $(SOURCE) --out $(OUT) $(if $(ALLOW_DRAFTS),--allow-drafts)

html epub pdf summary audio braille: $(STAMP) ## build one edition group (e.g. `make pdf`)
	$(PY) -m pipeline build --source $(SOURCE) --out $(OUT) --only $@

check: $(STAMP) ## validate source/ and the editions built in outputs/ (build first with `make`)
	$(PY) -m pipeline readability $(SOURCE)
	$(PY) -m pipeline check $(SOURCE) --outputs $(OUT)

test: $(STAMP) ## run the test suite (installs the checkers it needs, builds the sample, judges it with real tools)
	scripts/install-tools test
	$(PY) -m pytest

bench: $(STAMP) ## time builds of synthetic reports against the bare pandoc chain; writes bench/results.md
	$(PY) bench/run.py $(if $(SIZES),--sizes $(SIZES)) $(if $(RUNS),--runs $(RUNS))

.PHONY: preview
preview: $(STAMP) ## serve the web editions live at http://127.0.0.1:8000/ (PORT=8001: another port); Ctrl-C stops
	$(PY) -m pipeline preview --source $(SOURCE) --port $(or $(PORT),8000)

.PHONY: import
import: $(STAMP) ## make a source folder from a .docx, .odt, .html or .md: FILE=report.docx [OUT=dir] [FORCE=1]
	@test -n "$(FILE)" || { echo "usage: make import FILE=report.docx [OUT=folder] [FORCE=1]" >&2; exit 2; }
	$(PY) -m pipeline import "$(FILE)" $(if $(OUT),--out "$(OUT)") $(if $(FORCE),--force)

images: $(STAMP) ## redraw the sample report's images (source/images/)
	$(PY) scripts/make_sample_images.py

.PHONY: screenshots
screenshots: all ## photograph the web editions' first screen (desktop, phone) into outputs/screenshots/
	$(PY) scripts/screenshots.py --out $(OUT)

clean: ## remove outputs/ (the virtual environment stays)
	rm -rf $(OUT)

help: ## list the targets
	@grep -E '^[a-z ]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 24

$(STAMP): pyproject.toml
	scripts/install-tools build
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@
