"""Execute the posts' notebooks in this Python environment, naming the cell that fails.

Usage: python scripts/notebooks/execute_post.py OUTPUT_DIR [SLUG ...]
Runs every post, or the ones named, and writes OUTPUT_DIR/<slug>.ipynb (executed) and
OUTPUT_DIR/<slug>.html for each. OUTPUT_DIR must sit two folders below the project root,
as the posts do, so that their relative path to data/ holds.
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

from scripts.notebooks import post_notebook
from scripts.dataset.gmm_data import DATA_PATH, DataFileError
from scripts.dataset.gmm_data import load as load_data

CELL_TIMEOUT_SECONDS = 300
TEMPLATE_DIR = Path(__file__).resolve().parent / "notebook_template"
MATHJAX_ENTRY = "MathJax.js"


class PostExecutionError(Exception):
    """A cell of the post raised; the message names the cell and the error."""


def execute(notebook, workdir, name="the notebook"):
    """Run every code cell in order with the python3 kernel, in workdir; return the executed notebook.

    name is what an error calls the notebook, such as the post it came from.
    """
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
                f"{_failed_cell(notebook)} of {name} raised "
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


def export_html(notebook, qmd, path):
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
    body, _ = exporter.from_notebook_node(for_the_page(notebook, qmd))
    path.write_text(body, encoding="utf-8")


def for_the_page(notebook, qmd):
    """A copy of notebook prepared for its HTML page: titled after the post, figures with their alt text.

    jupytext's notebook opens with the front matter as a raw cell, which Jupyter shows as plain
    text; it becomes the title and description, as Quarto's notebook has them.
    """
    notebook = copy.deepcopy(notebook)
    front_matter = post_notebook.front_matter(qmd)
    notebook.metadata["title"] = front_matter["title"]
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "raw" and cell.source.startswith("---"):
            notebook.cells[index] = nbformat.v4.new_markdown_cell(
                f"# {front_matter['title']}\n\n*{front_matter['description']}*"
            )
    figures = [output for cell in post_notebook.code_cells(notebook) for output in cell.get("outputs", [])
               if "image/png" in output.get("data", {})]
    for output, alt in zip(figures, post_notebook.figure_alts(qmd)):
        output.metadata["fig-alt"] = alt
    return notebook


def build(outdir, qmds):
    """Check the data, execute each post in outdir and write its notebook and HTML page there; return the paths."""
    outdir = Path(outdir).resolve()
    load_data(DATA_PATH)
    written = []
    for qmd, notebook in post_notebook.for_readers(qmds).items():
        name = post_notebook.slug(qmd)
        executed = execute(notebook, outdir, name=f"posts/{name}/index.qmd")
        notebook_path, html_path = outdir / f"{name}.ipynb", outdir / f"{name}.html"
        nbformat.write(executed, notebook_path)
        export_html(executed, qmd, html_path)
        written += [notebook_path, html_path]
    return written


def main(argv):
    if not argv:
        sys.exit(__doc__.strip())
    try:
        qmds = [post_notebook.post(name) for name in argv[1:]] or post_notebook.posts()
        written = build(argv[0], qmds)
    except (DataFileError, PostExecutionError, post_notebook.NoSuchPostError) as error:
        sys.exit(f"error: {error}")
    for path in written:
        print(f"Written: {path.relative_to(post_notebook.ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
