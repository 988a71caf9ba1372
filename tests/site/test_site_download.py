"""Each post's "Other Formats" link downloads its notebook: references resolved, and it runs."""

import shutil

import nbformat
import pytest

import expected_outputs
import post_notebook
from conftest import ROOT, posts
from execute_post import execute

UNRESOLVED = ("@fig-", "@eq-", "{#eq-")


@pytest.fixture(scope="module")
def downloads(open_page, tmp_path_factory):
    """Each post's notebook as the Jupyter link downloads it, saved as posts/<slug>/index.ipynb beside data/."""
    folder = tmp_path_factory.mktemp("downloads")
    shutil.copytree(ROOT / "data", folder / "data")
    saved = {}
    for slug in posts():
        page = open_page(f"posts/{slug}/index.html").page
        with page.expect_download() as download:
            page.locator(".quarto-alternate-formats a", has_text="Jupyter").click()
        saved[slug] = folder / "posts" / slug / "index.ipynb"
        saved[slug].parent.mkdir(parents=True)
        download.value.save_as(saved[slug])
    return saved


@pytest.mark.parametrize("slug", posts())
def test_downloaded_notebook_has_its_cross_references_resolved(downloads, slug):
    markdown = "".join(cell.source for cell in nbformat.read(downloads[slug], as_version=4).cells if cell.cell_type == "markdown")
    assert [marker for marker in UNRESOLVED if marker in markdown] == []
    assert "Figure\xa01" in markdown


@pytest.mark.parametrize("slug", posts())
def test_downloaded_notebook_runs_and_prints_the_expected_checks(downloads, slug):
    notebook = execute(nbformat.read(downloads[slug], as_version=4), downloads[slug].parent, name=f"the downloaded {slug}")
    printed = "".join(output.get("text", "") for cell in post_notebook.code_cells(notebook) for output in cell.outputs)
    expected = expected_outputs.printed_checks(expected_outputs.load(post_notebook.post(slug)))
    assert expected_outputs.CHECK.findall(printed) == expected
