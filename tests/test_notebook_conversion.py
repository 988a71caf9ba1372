import post_notebook

POST_CODE_CELLS = [
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


def test_each_python_chunk_becomes_one_labelled_code_cell():
    notebook = post_notebook.convert()
    assert [post_notebook.cell_label(cell) for cell in post_notebook.code_cells(notebook)] == POST_CODE_CELLS


def test_every_figure_cell_has_a_caption_and_alt_text():
    notebook = post_notebook.convert()
    figures = [post_notebook.cell_options(cell) for cell in post_notebook.code_cells(notebook)]
    figures = [options for options in figures if options["label"].startswith("fig-")]
    assert [options["label"] for options in figures if not (options.get("fig-cap") and options.get("fig-alt"))] == []


def test_the_notebook_runs_on_the_python3_kernel():
    assert post_notebook.convert().metadata["kernelspec"]["name"] == "python3"
