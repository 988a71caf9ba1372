"""Each post's {python} chunks become labelled code cells of a python3 notebook."""

import pytest

import post_notebook

POSTS = post_notebook.posts()
FIRST_POST_CODE_CELLS = [
    "setup",
    "fig-data",
    "fig-pgm",
    "parameters",
    "fig-components",
    "marginal-pdf",
    "fig-overlay",
    "sample-loop",
    "sample-vectorised",
]


def labels(qmd):
    return [post_notebook.cell_label(cell) for cell in post_notebook.code_cells(post_notebook.convert(qmd))]


def test_each_python_chunk_of_the_first_post_becomes_one_labelled_code_cell():
    assert labels(post_notebook.post("gmm-first-look")) == FIRST_POST_CODE_CELLS


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_every_code_cell_has_a_label_of_its_own(qmd):
    found = labels(qmd)
    assert None not in found and len(set(found)) == len(found), found


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_every_figure_cell_has_a_caption_and_alt_text(qmd):
    figures = [post_notebook.cell_options(cell) for cell in post_notebook.code_cells(post_notebook.convert(qmd))]
    figures = [options for options in figures if str(options.get("label")).startswith("fig-")]
    assert [options["label"] for options in figures if not (options.get("fig-cap") and options.get("fig-alt"))] == []


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_the_notebook_runs_on_the_python3_kernel(qmd):
    assert post_notebook.convert(qmd).metadata["kernelspec"]["name"] == "python3"
