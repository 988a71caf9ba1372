import post_notebook

POST_CODE_CELLS = [
    "setup",
    "fig-data",
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


def test_the_diagram_stays_out_of_the_code_cells():
    notebook = post_notebook.convert()
    assert not [cell for cell in post_notebook.code_cells(notebook) if "flowchart" in cell.source]


def test_the_notebook_runs_on_the_python3_kernel():
    assert post_notebook.convert().metadata["kernelspec"]["name"] == "python3"
