# The one front door: `make` lists the targets.

VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-requirements
POST_NAME := gmm-first-look
TEST_NOTEBOOK := build/test/$(POST_NAME).ipynb
REQUIRE_QUARTO := scripts/require_quarto.sh
REQUIRE_CHROMIUM := scripts/require_chromium.sh
WORKFLOW := .github/workflows/publish.yml
# Two workers, each taking whole test files: nbval's cells share one kernel, in order.
PARALLEL := -n 2 --dist loadfile
# Quarto runs the posts and the post-render script with the first python3 on PATH: the project's.
WITH_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"

.DEFAULT_GOAL := help
.PHONY: help setup test lint expected notebook render preview publish data bench clean

help: ## List the targets and what each does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(INSTALLED) ## Create .venv from requirements.txt (re-installs only when that file changes)

$(INSTALLED): requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

test: lint ## Run every test: nbval on the post, data and fault checks, the notebook page and, with Quarto, the site
	@$(REQUIRE_CHROMIUM)
	$(PYTHON) -m pytest $(PARALLEL) tests $(TEST_NOTEBOOK)

lint: $(INSTALLED) ## Check the GitHub workflow with actionlint (and shellcheck) and zizmor
	$(WITH_VENV) actionlint $(WORKFLOW)
	$(VENV)/bin/zizmor --offline --quiet $(WORKFLOW)

expected: $(INSTALLED) ## Re-execute the post and store its outputs as the tests' expectations
	$(PYTHON) scripts/expected_outputs.py refresh

notebook: $(INSTALLED) ## Run the post as a notebook (Quarto's where installed, else jupytext's); writes build/notebook/
	$(PYTHON) scripts/execute_post.py build/notebook

render: $(INSTALLED) ## Build the website into _site/ (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto render

preview: $(INSTALLED) ## Serve the website locally, re-rendering on change (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto preview

publish: $(INSTALLED) ## Publish the website to GitHub Pages (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto publish gh-pages

data: $(INSTALLED) ## Regenerate data/gmm-data.npy; refuses to replace a different file unless FORCE=1
	$(PYTHON) scripts/make_data.py $(if $(FORCE),--force)

bench: $(INSTALLED) ## Time make test against cold and warm renders of the site, and the two samplers
	$(WITH_VENV) python scripts/bench.py

clean: ## Remove build/ and Quarto's output (keeps .venv, _freeze/ and the data)
	rm -rf build _site .quarto
