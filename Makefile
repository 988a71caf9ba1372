# The one front door: `make` lists the targets.

VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-requirements
# npm ci writes this file last: MathJax, the explorables' libraries and Lighthouse, from package-lock.json.
NODE_INSTALLED := node_modules/.package-lock.json
# The tests write each post's notebook, with its expected outputs, here for nbval.
TEST_NOTEBOOKS := build/test
REQUIRE_QUARTO := scripts/guards/require_quarto.sh
REQUIRE_CHROMIUM := scripts/guards/require_chromium.sh
REQUIRE_PUBLISHABLE := scripts/guards/require_publishable.py
REQUIRE_PYTHON := scripts/guards/require_python.py
WORKFLOW := .github/workflows/publish.yml
# Two workers, each taking whole test files (nbval's cells share one kernel, in order), in collection order: the
# site tests come last (tests/site/conftest.py), so each worker runs the others while the site renders.
PARALLEL := -n 2 --dist loadfile --no-loadscope-reorder
# Quarto runs the posts and the post-render script with the first python3 on PATH: the project's.
WITH_VENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"

.DEFAULT_GOAL := help
.PHONY: help setup test lint expected notebook render preview publish lighthouse data bench clean

help: ## List the targets and what each does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(INSTALLED) $(NODE_INSTALLED) ## Create .venv from requirements.txt and node_modules/ from package-lock.json (again only when they change)

# requirements-no-deps.txt holds pins whose declared requirements clash with requirements.txt's (it says which).
$(INSTALLED): requirements.txt requirements-notebook.txt requirements-no-deps.txt
	@python3 $(REQUIRE_PYTHON)
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-no-deps.txt
	touch $@

# Without npm, set-up goes on: rendering the site needs node_modules/, and the site tests skip saying why.
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
	  echo "note: npm is not on PATH, so Lighthouse is not installed and make test skips its checks." >&2; \
	  echo "      Nor are MathJax, which typesets the site's equations, and the explorables' libraries: make render needs both." >&2; \
	  echo "      Install Node.js 20 or later with npm (Debian: apt-get install nodejs npm), then run make setup." >&2; \
	fi

# The render both workers serve (tests/render_cache.py) goes to a temporary folder, deleted when the run ends.
test: lint $(NODE_INSTALLED) ## Run every test: nbval on every post, data and fault checks, the notebook pages and, with Quarto, the site, its publish and Lighthouse's untimed audits
	@$(REQUIRE_CHROMIUM)
	renders=$$(mktemp -d) && trap 'rm -rf "$$renders"' EXIT INT TERM && \
	  SITE_RENDERS="$$renders" $(PYTHON) -m pytest $(PARALLEL) tests $(TEST_NOTEBOOKS)

lint: $(INSTALLED) ## Check the GitHub workflow with actionlint (and shellcheck) and zizmor
	$(WITH_VENV) actionlint $(WORKFLOW)
	$(VENV)/bin/zizmor --offline --quiet $(WORKFLOW)

expected: $(INSTALLED) ## Re-execute every post (or POST=<slug>) and store its outputs as the tests' expectations
	$(PYTHON) -m scripts.notebooks.expected_outputs refresh $(POST)

notebook: $(INSTALLED) $(NODE_INSTALLED) ## Run every post (or POST=<slug>) as a notebook (Quarto's where installed, else jupytext's) into build/notebook/
	$(PYTHON) -m scripts.notebooks.execute_post build/notebook $(POST)

render: $(INSTALLED) $(NODE_INSTALLED) ## Build the website into _site/ (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto render

preview: $(INSTALLED) $(NODE_INSTALLED) ## Serve the website locally, re-rendering on change (needs Quarto)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto preview

# PUBLISH_OPTIONS go to quarto publish: the tests run it with --no-prompt --no-browser.
publish: $(INSTALLED) $(NODE_INSTALLED) ## Publish the committed website to GitHub Pages (needs Quarto, an origin, and site-url and repo-url set)
	@$(PYTHON) $(REQUIRE_PUBLISHABLE)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) quarto publish gh-pages $(PUBLISH_OPTIONS)

lighthouse: $(INSTALLED) $(NODE_INSTALLED) ## Render the site and hold each page's median of Lighthouse runs (RUNS=, default 5) to the timing budgets; REPORT_ONLY=1 reports misses (needs Quarto, Node)
	@$(REQUIRE_QUARTO)
	$(WITH_VENV) python -m scripts.checks.lighthouse_reports $(if $(RUNS),--runs $(RUNS)) $(if $(REPORT_ONLY),--report-only)

data: $(INSTALLED) ## Regenerate data/gmm-data.npy; refuses to replace a different file unless FORCE=1
	$(PYTHON) -m scripts.dataset.make_data $(if $(FORCE),--force)

bench: $(INSTALLED) ## Time make test against renders, what an author waits for (preview edits, one-post renders) beside Quarto alone, each post's run, and the posts' speed claims
	$(WITH_VENV) python -m scripts.checks.bench

clean: ## Remove build/ and Quarto's output (keeps .venv, node_modules, _freeze/ and the data)
	rm -rf build _site .quarto
