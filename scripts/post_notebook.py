"""Turn the post's .qmd into an unexecuted notebook: with Quarto where it is installed, with jupytext where not.

Usage: python scripts/post_notebook.py OUTPUT.ipynb
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "posts" / "gmm-first-look" / "index.qmd"

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
OPTION_LINE = re.compile(r"^#\|\s?(.*)$")


def convert(qmd=POST):
    """The post as an unexecuted notebook; its {python} chunks become code cells, `#|` options kept."""
    if shutil.which("quarto"):
        notebook = _convert_with_quarto(Path(qmd))
    else:
        # jupytext's own qmd format shells out to Quarto; its R Markdown reader parses the same {python} chunks.
        notebook = jupytext.reads(Path(qmd).read_text(encoding="utf-8"), fmt="Rmd")
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def _convert_with_quarto(qmd):
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "post.ipynb"
        subprocess.run(["quarto", "convert", str(qmd), "--output", str(output)], check=True)
        return nbformat.read(output, as_version=4)


def cell_options(cell):
    """The cell's Quarto options: the YAML in its leading `#|` comment lines."""
    lines = []
    for line in cell.source.splitlines():
        match = OPTION_LINE.match(line)
        if not match:
            break
        lines.append(match.group(1))
    return yaml.safe_load("\n".join(lines)) or {}


def cell_label(cell):
    """The cell's Quarto `#| label:`, or None."""
    return cell_options(cell).get("label")


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def write(notebook, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    write(convert(), sys.argv[1])
    print(sys.argv[1])
