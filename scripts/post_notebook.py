"""Turn the post's .qmd into an unexecuted notebook.

`convert` keeps each code cell's `#|` options, which the tests key expected outputs by;
`for_readers` is the notebook a reader runs, with cross-references resolved where Quarto is there.

Usage: python scripts/post_notebook.py OUTPUT.ipynb
"""

import os
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

# What rendering or set-up makes, which a fresh clone does not hold.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".venv", "build", "_site", ".quarto", "__pycache__", ".pytest_cache", "*.quarto_ipynb"
)
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
OPTION_LINE = re.compile(r"^#\|\s?(.*)$")


def convert(qmd=POST):
    """The post as an unexecuted notebook; its {python} chunks become code cells, `#|` options kept.

    jupytext's own qmd format shells out to Quarto; its R Markdown reader parses the same {python}
    chunks in milliseconds, where `quarto convert` takes a second. A test holds the two to the same cells.
    """
    notebook = jupytext.reads(Path(qmd).read_text(encoding="utf-8"), fmt="Rmd")
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def convert_with_quarto(qmd=POST):
    """The post as `quarto convert` makes it: the reference `convert` is tested against."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "post.ipynb"
        subprocess.run(["quarto", "convert", str(qmd), "--output", str(output)], check=True, capture_output=True)
        return nbformat.read(output, as_version=4)


def for_readers(qmd=POST):
    """The notebook `make notebook` runs: where Quarto is installed, the one the site offers for download."""
    if not shutil.which("quarto"):
        return convert(qmd)
    with tempfile.TemporaryDirectory() as scratch:
        # A project render uses _freeze/, so nothing runs twice, and the work tree is left alone.
        project = copy_project(Path(scratch) / "project")
        render(project, "--to", "ipynb")
        notebook = nbformat.read(project / "_site" / Path(qmd).relative_to(ROOT).with_suffix(".ipynb"), as_version=4)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def render(project, *options):
    """`quarto render` of project, as `make render` runs it: this Python first on PATH.

    Quarto runs the posts and the post-render script with the first python3 on PATH.
    """
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(["quarto", "render", *options], cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"quarto render failed in {project}:\n{result.stderr[-4000:]}")


def copy_project(destination):
    """Copy what a fresh clone holds of the project (and .git) into destination; return it."""
    shutil.copytree(ROOT, destination, ignore=NOT_IN_A_CLONE, symlinks=True)
    return destination


def front_matter(qmd=POST):
    """The post's YAML front matter."""
    return yaml.safe_load(Path(qmd).read_text(encoding="utf-8").split("---", 2)[1])


def figure_alts(qmd=POST):
    """The `#| fig-alt:` of each figure cell, in order."""
    options = [cell_options(cell) for cell in code_cells(convert(qmd))]
    return [option["fig-alt"] for option in options if "fig-alt" in option]


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
