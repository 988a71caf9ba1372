import shutil

import pytest
from playwright.sync_api import sync_playwright

import gmm_data
import post_notebook
from browser import launch
from post_code import run_post_code


def copy_project(destination):
    """Copy the posts and the data into destination, laid out as in the project; return the post's path there."""
    for folder in ("posts", "data"):
        shutil.copytree(post_notebook.ROOT / folder, destination / folder)
    return destination / post_notebook.POST.relative_to(post_notebook.ROOT)


@pytest.fixture
def post_copy(tmp_path, regenerated_bytes):
    """A scratch copy of the post, beside a freshly made data file, for tests that break the post."""
    post = copy_project(tmp_path)
    (tmp_path / gmm_data.DATA_PATH.relative_to(post_notebook.ROOT)).write_bytes(regenerated_bytes)
    return post


@pytest.fixture(scope="session")
def regenerated_bytes():
    """The .npy bytes the documented procedure makes, computed once."""
    return gmm_data.npy_bytes(gmm_data.draw_sample())


@pytest.fixture(scope="session")
def post_run(tmp_path_factory):
    """The committed post's code, run once in this process in a scratch copy (it writes thumbnail.png)."""
    post = copy_project(tmp_path_factory.mktemp("project"))
    return run_post_code(post, post.parent)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test: Playwright's sync API allows one driver at a time."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
