"""Each post's {python} chunks become labelled code cells of a python3 notebook."""

import re

import pytest

from scripts.notebooks import post_notebook

POSTS = post_notebook.posts()
PYTHON_CHUNK = re.compile(r"^```\{python\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)
LABEL_OPTION = re.compile(r"^#\|\s*label:\s*(\S+)", re.MULTILINE)


def labels(qmd):
    return [post_notebook.cell_label(cell) for cell in post_notebook.code_cells(post_notebook.convert(qmd))]


def chunk_labels(qmd):
    """The label of each {python} chunk, read from the source as CONTRIBUTING.md describes chunks."""
    return [next(iter(LABEL_OPTION.findall(chunk)), None) for chunk in PYTHON_CHUNK.findall(qmd.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_each_python_chunk_becomes_one_code_cell_with_its_label(qmd):
    assert labels(qmd) == chunk_labels(qmd), (
        "CONTRIBUTING.md, 'Writing a new post': put code only in {python} chunks, with options as `#|` comments"
    )


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_every_code_cell_has_a_label_of_its_own(qmd):
    found = labels(qmd)
    assert None not in found and len(set(found)) == len(found), (
        f"CONTRIBUTING.md, 'Writing a new post': give every code cell a `#| label:` of its own; found {found}"
    )


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_every_figure_cell_has_a_caption_and_alt_text(qmd):
    figures = [post_notebook.cell_options(cell) for cell in post_notebook.code_cells(post_notebook.convert(qmd))]
    figures = [options for options in figures if str(options.get("label")).startswith("fig-")]
    assert [options["label"] for options in figures if not (options.get("fig-cap") and options.get("fig-alt"))] == [], (
        "CONTRIBUTING.md, 'Writing a new post': every figure `fig-…` has a `fig-cap` and a `fig-alt`"
    )


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_the_notebook_runs_on_the_python3_kernel(qmd):
    assert post_notebook.convert(qmd).metadata["kernelspec"]["name"] == "python3", (
        "CONTRIBUTING.md, 'Writing a new post': the front matter says `jupyter: python3`"
    )
