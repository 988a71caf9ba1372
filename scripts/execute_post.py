"""Execute the post's notebook in this Python environment, naming the cell that fails.

Usage: python scripts/execute_post.py OUTPUT_DIR
Writes OUTPUT_DIR/gmm-first-look.ipynb (executed) and OUTPUT_DIR/gmm-first-look.html.
OUTPUT_DIR must sit two folders below the project root, as the post does, so that
its relative path to data/ holds.
"""

import copy
import shutil
import sys
import tempfile
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from jupyter_client.manager import KernelManager
from nbconvert import HTMLExporter
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import post_notebook
from gmm_data import DATA_PATH, DataFileError
from gmm_data import load as load_data

CELL_TIMEOUT_SECONDS = 300
TEMPLATE_DIR = Path(__file__).resolve().parent / "notebook_template"
MATHJAX_ENTRY = "MathJax.js"


class PostExecutionError(Exception):
    """A cell of the post raised; the message names the cell and the error."""


def execute(notebook, workdir):
    """Run every code cell in order with the python3 kernel, in workdir; return the executed notebook."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as sockets:
        # Local sockets, not TCP: over TCP the kernel warns that its traffic is unencrypted.
        kernel = KernelManager(kernel_name=post_notebook.KERNELSPEC["name"], transport="ipc", ip=f"{sockets}/kernel")
        client = NotebookClient(
            notebook, km=kernel, timeout=CELL_TIMEOUT_SECONDS, resources={"metadata": {"path": str(workdir)}}
        )
        try:
            client.execute()
        except CellExecutionError as error:
            raise PostExecutionError(
                f"{_failed_cell(notebook)} of {post_notebook.POST.relative_to(post_notebook.ROOT)} raised "
                f"{error.ename}: {error.evalue}"
            ) from error
        finally:
            # nbclient leaves a kernel it was handed running; one left behind warns that its parent died.
            if kernel.has_kernel:
                kernel.shutdown_kernel(now=True)
    return notebook


def _failed_cell(notebook):
    """The cell whose output is an error, named by its label where it has one."""
    for number, cell in enumerate(post_notebook.code_cells(notebook), start=1):
        if any(output.output_type == "error" for output in cell.get("outputs", [])):
            label = post_notebook.cell_label(cell)
            return f"cell '{label}'" if label else f"code cell {number}"
    return "a cell"


def export_html(notebook, path):
    """Write notebook as one HTML page that needs no network: images inline, MathJax from a copy beside it."""
    path = Path(path)
    mathjax = path.parent / "mathjax"
    if not (mathjax / MATHJAX_ENTRY).exists():
        shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", mathjax, dirs_exist_ok=True)
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR.parent)],
        template_name=TEMPLATE_DIR.name,
        mathjax_url=f"{mathjax.name}/{MATHJAX_ENTRY}?config=TeX-AMS-MML_HTMLorMML-full,Safe",
    )
    body, _ = exporter.from_notebook_node(for_the_page(notebook))
    path.write_text(body, encoding="utf-8")


def for_the_page(notebook):
    """A copy of notebook prepared for its HTML page: titled after the post, figures with their alt text.

    jupytext's notebook opens with the front matter as a raw cell, which Jupyter shows as plain
    text; it becomes the title and description, as Quarto's notebook has them.
    """
    notebook = copy.deepcopy(notebook)
    front_matter = post_notebook.front_matter()
    notebook.metadata["title"] = front_matter["title"]
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "raw" and cell.source.startswith("---"):
            notebook.cells[index] = nbformat.v4.new_markdown_cell(
                f"# {front_matter['title']}\n\n*{front_matter['description']}*"
            )
    figures = [output for cell in post_notebook.code_cells(notebook) for output in cell.get("outputs", [])
               if "image/png" in output.get("data", {})]
    for output, alt in zip(figures, post_notebook.figure_alts()):
        output.metadata["fig-alt"] = alt
    return notebook


def build(outdir):
    """Check the data, execute the post in outdir and write its notebook and HTML page there; return both paths."""
    outdir = Path(outdir).resolve()
    load_data(DATA_PATH)
    executed = execute(post_notebook.for_readers(), outdir)
    name = post_notebook.POST.parent.name
    notebook_path, html_path = outdir / f"{name}.ipynb", outdir / f"{name}.html"
    nbformat.write(executed, notebook_path)
    export_html(executed, html_path)
    return notebook_path, html_path


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__.strip())
    try:
        notebook_path, html_path = build(argv[0])
    except (DataFileError, PostExecutionError) as error:
        sys.exit(f"error: {error}")
    print(f"Executed notebook: {notebook_path.relative_to(post_notebook.ROOT)}")
    print(f"HTML page:         {html_path.relative_to(post_notebook.ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
