"""Execute the post's notebook in this Python environment, naming the cell that fails.

Usage: python scripts/execute_post.py OUTPUT_DIR
Writes OUTPUT_DIR/gmm-first-look.ipynb (executed) and OUTPUT_DIR/gmm-first-look.html.
OUTPUT_DIR must sit two folders below the project root, as the post does, so that
its relative path to data/ holds.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import post_notebook
from gmm_data import DATA_PATH, DataFileError
from gmm_data import load as load_data

CELL_TIMEOUT_SECONDS = 300


class PostExecutionError(Exception):
    """A cell of the post raised; the message names the cell and the error."""


def execute(notebook, workdir):
    """Run every code cell in order with the python3 kernel, in workdir; return the executed notebook."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name=post_notebook.KERNELSPEC["name"],
        resources={"metadata": {"path": str(workdir)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        cell = _failed_cell(notebook)
        where = f"cell '{post_notebook.cell_label(cell)}'" if cell is not None else "a cell"
        raise PostExecutionError(
            f"{where} of {post_notebook.POST.relative_to(post_notebook.ROOT)} raised "
            f"{error.ename}: {error.evalue}"
        ) from error
    return notebook


def _failed_cell(notebook):
    for cell in post_notebook.code_cells(notebook):
        if any(output.output_type == "error" for output in cell.get("outputs", [])):
            return cell
    return None


def export_html(notebook, path):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    Path(path).write_text(body, encoding="utf-8")


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__.strip())
    outdir = Path(argv[0]).resolve()
    try:
        load_data(DATA_PATH)
        executed = execute(post_notebook.convert(), outdir)
    except (DataFileError, PostExecutionError) as error:
        sys.exit(f"error: {error}")
    name = post_notebook.POST.parent.name
    notebook_path, html_path = outdir / f"{name}.ipynb", outdir / f"{name}.html"
    nbformat.write(executed, notebook_path)
    export_html(executed, html_path)
    print(f"Executed notebook: {notebook_path.relative_to(post_notebook.ROOT)}")
    print(f"HTML page:         {html_path.relative_to(post_notebook.ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
