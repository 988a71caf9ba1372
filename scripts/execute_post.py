"""Execute the post's notebook in this Python environment, naming the cell that fails.

Usage: python scripts/execute_post.py OUTPUT_DIR
Writes OUTPUT_DIR/gmm-first-look.ipynb (executed) and OUTPUT_DIR/gmm-first-look.html.
OUTPUT_DIR must sit two folders below the project root, as the post does, so that
its relative path to data/ holds.
"""

import copy
import shutil
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat
import yaml
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
    """A copy of notebook prepared for its HTML page.

    The front matter, a raw cell that Jupyter shows as plain text, becomes the title and
    description, and each figure output carries its cell's `#| fig-alt:` as alt text.
    """
    notebook = copy.deepcopy(notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "raw" and cell.source.startswith("---"):
            front_matter = yaml.safe_load(cell.source.strip().strip("-"))
            notebook.cells[index] = nbformat.v4.new_markdown_cell(
                f"# {front_matter['title']}\n\n*{front_matter['description']}*"
            )
            notebook.metadata["title"] = front_matter["title"]
    for cell in post_notebook.code_cells(notebook):
        alt = post_notebook.cell_options(cell).get("fig-alt")
        for output in cell.get("outputs", []):
            if alt and "image/png" in output.get("data", {}):
                output.metadata["fig-alt"] = alt
    return notebook


def build(outdir):
    """Check the data, execute the post in outdir and write its notebook and HTML page there; return both paths."""
    outdir = Path(outdir).resolve()
    load_data(DATA_PATH)
    executed = execute(post_notebook.convert(), outdir)
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
