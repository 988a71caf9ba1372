import shutil

import pytest
from playwright.sync_api import sync_playwright

from scripts.notebooks import expected_outputs
from scripts.dataset import gmm_data
from scripts.notebooks import post_notebook
from browser import launch
from scripts.notebooks.post_code import figures_drawn, run_post_code


@pytest.fixture
def scratch_project(tmp_path, regenerated_bytes):
    """A scratch copy of the posts and their expected outputs, beside a freshly made data file, for tests that
    break a post or the data."""
    project = post_notebook.copy_posts(tmp_path)
    (project / gmm_data.DATA_PATH.relative_to(post_notebook.ROOT)).write_bytes(regenerated_bytes)
    expected = expected_outputs.EXPECTED_DIR
    shutil.copytree(expected, project / expected.relative_to(post_notebook.ROOT))
    return project


@pytest.fixture(scope="session")
def regenerated_bytes():
    """The .npy bytes the documented procedure makes, computed once."""
    return gmm_data.npy_bytes(gmm_data.draw_sample())


@pytest.fixture(scope="session")
def post_runs(tmp_path_factory):
    """run(slug): the committed post's code, run in this process in a scratch copy, once per session.

    Returns (namespace, stdout by cell label, the PNGs of the figures it showed by cell label). A post's code runs
    in its folder, which it may write to: hence the copy.
    """
    project = post_notebook.copy_posts(tmp_path_factory.mktemp("project"))
    runs = {}

    def run(slug):
        if slug not in runs:
            qmd = post_notebook.post(slug, project)
            figures = {}
            runs[slug] = (*run_post_code(qmd, qmd.parent, figures), figures)
        return runs[slug]

    return run


@pytest.fixture(scope="session")
def post_run(post_runs):
    """run(slug): (namespace, stdout by cell label) of the post's code, run once per session (post_runs)."""
    return lambda slug: post_runs(slug)[:2]


@pytest.fixture(scope="session")
def post_figures(post_runs):
    """figures(slug, theme="light"): the PNGs of the figures the post's code showed in theme, by cell label: the
    light ones from post_runs, the others drawn in a child process once per session (post_code.figures_drawn)."""
    drawn = {}

    def figures(slug, theme="light"):
        if theme == "light":
            return post_runs(slug)[2]
        if (slug, theme) not in drawn:
            drawn[slug, theme] = figures_drawn(post_notebook.post(slug), theme)
        return drawn[slug, theme]

    return figures


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test: Playwright's sync API allows one driver at a time."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
