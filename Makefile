# The one front door: `make` lists the targets.

VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-requirements
# npm ci writes this; it changes whenever package-lock.json is installed again.
NODE_INSTALLED := node_modules/.package-lock.json
# The tests write each post's notebook, with its expected outputs, here for nbval.
TEST_NOTEBOOKS := build/test
REQUIRE_QUARTO := scripts/require_quarto.sh
REQUIRE_CHROMIUM := scripts/require_chromium.sh
REQUIRE_SITE_URL := scripts/require_site_url.py
WORKFLOW := .github/workflows/publish.yml
# Two workers, each taking whole test files: nbval's cells share one kernel, in order.
PARALLEL := -n 2 --dist loadfile
# Quarto runs the posts and the post-render script with the first python3 on PATH: the project's.
WITH_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"

.DEFAULT_GOAL := help
.PHONY: help setup test lint expected notebook render preview publish data bench clean

help: ## List the targets and what each does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(INSTALLED) $(NODE_INSTALLED) ## Create .venv from requirements.txt and node_modules from package-lock.json (each re-installs only when its pins change)

$(INSTALLED): requirements.txt requirements-notebook.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Without npm the site cannot be rendered (its equations are typeset in Node), but everything else runs.
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund; else \
	  echo "make setup: npm is not on PATH, so node_modules/ (MathJax, which typesets the site's equations) is not installed;"; \
	  echo "  rendering the site needs it: install Node.js 20 with npm (e.g. apt-get install nodejs npm) and run make setup again."; fi

test: lint $(NODE_INSTALLED) ## Run every test: nbval on every post, data and fault checks, the notebook pages and, with Quarto, the site
	@$(REQUIRE_CHROMIUM)
	$(PYTHON) -m pytest $(PARALLEL) tests $(TEST_NOTEBOOKS)

lint: $(INSTALLED) ## Check the GitHub workflow with actionlint (and shellcheck) and zizmor
	$(WITH_VENV) actionlint $(WORKFLOW)
	$(VENV)/bin/zizmor --offline --quiet $(WORKFLOW)

expected: $(INSTALLED) ## Re-execute every post (or POST=<slug>) and store its outputs as the tests' expectations
	$(PYTHON) scripts/expected_outputs.py refresh $(POST)

notebook: $(INSTALLED) ## Run every post (or POST=<slug>) as a notebook (Quarto's where installed, else jupytext's) into build/notebook/
	$(PYTHON) scripts/execute_post.py build/notebook $(POST)

render: $(INSTALLED) $(NODE_INSTALLED) ## Build the website into _site/ (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto render

preview: $(INSTALLED) $(NODE_INSTALLED) ## Serve the website locally, re-rendering on change (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto preview

publish: $(INSTALLED) $(NODE_INSTALLED) ## Publish the website to GitHub Pages (needs Quarto, and site-url set in _quarto.yml)
	@$(PYTHON) $(REQUIRE_SITE_URL)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto publish gh-pages

data: $(INSTALLED) ## Regenerate data/gmm-data.npy; refuses to replace a different file unless FORCE=1
	$(PYTHON) scripts/make_data.py $(if $(FORCE),--force)

bench: $(INSTALLED) ## Time make test against renders of the site, each post's run, and the posts' speed claims
	$(WITH_VENV) python scripts/bench.py

clean: ## Remove build/ and Quarto's output (keeps .venv, _freeze/ and the data)
	rm -rf build _site .quarto
