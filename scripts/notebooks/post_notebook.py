"""Find the blog's posts and turn a post's .qmd into an unexecuted notebook.

Every posts/<slug>/index.qmd is a post. `convert` keeps each code cell's `#|` options, which
the tests key expected outputs by; `for_readers` gives the notebooks a reader runs, with
cross-references resolved where Quarto is there.

Usage: python scripts/notebooks/post_notebook.py SLUG OUTPUT.ipynb
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

from scripts.notebooks.qmd_code import with_included_files

ROOT = Path(__file__).resolve().parents[2]
POSTS_DIR = ROOT / "posts"

# What rendering or set-up makes, which a fresh clone does not hold.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".venv", "node_modules", "build", "_site", ".quarto", "__pycache__", ".pytest_cache", "*.quarto_ipynb"
)
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
OPTION_LINE = re.compile(r"^#\|\s?(.*)$")


class NoSuchPostError(Exception):
    """A slug names no post; the message lists the ones there are."""


def posts():
    """Every post's source, posts/<slug>/index.qmd, sorted by slug."""
    return sorted(POSTS_DIR.glob("*/index.qmd"))


def slug(qmd):
    """The post's name: its folder's."""
    return Path(qmd).parent.name


def post(name, project=ROOT):
    """The source of the post called name, in project (a scratch copy, say) or this one."""
    qmd = Path(project) / "posts" / name / "index.qmd"
    if not qmd.is_file():
        known = ", ".join(slug(path) for path in posts()) or "none"
        raise NoSuchPostError(f"there is no post '{name}' (no posts/{name}/index.qmd); the posts are: {known}.")
    return qmd


def convert(qmd):
    """The post as an unexecuted notebook; its {python} chunks become code cells, `#|` options kept.

    jupytext's own qmd format shells out to Quarto; its R Markdown reader parses the same {python}
    chunks in milliseconds, where `quarto convert` takes a second. A test holds the two to the same cells.
    """
    return with_includes(_on_python3(jupytext.reads(Path(qmd).read_text(encoding="utf-8"), fmt="Rmd")), qmd)


def with_includes(notebook, qmd):
    """notebook with each `{{< include FILE >}}` line of its code replaced by FILE, as Quarto does before running it."""
    for cell in code_cells(notebook):
        cell.source = with_included_files(cell.source, qmd)
    return notebook


def _on_python3(notebook):
    """notebook set to run on the python3 kernel, with no other metadata."""
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def convert_with_quarto(qmd):
    """The post as `quarto convert` makes it: the reference `convert` is tested against."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "post.ipynb"
        subprocess.run(["quarto", "convert", str(qmd), "--output", str(output)], check=True, capture_output=True)
        return with_includes(nbformat.read(output, as_version=4), qmd)


def for_readers(qmds):
    """The notebooks `make notebook` runs, by post: where Quarto is installed, the ones the site offers for download."""
    if not shutil.which("quarto"):
        return {qmd: convert(qmd) for qmd in qmds}
    notebooks = {}
    with tempfile.TemporaryDirectory() as scratch:
        # One project render for all: it uses _freeze/, so nothing runs twice, and the work tree is left alone.
        project = copy_project(Path(scratch) / "project")
        render(project, "--to", "ipynb")
        for qmd in qmds:
            downloaded = project / "_site" / Path(qmd).relative_to(ROOT).with_suffix(".ipynb")
            notebooks[qmd] = _on_python3(nbformat.read(downloaded, as_version=4))
    return notebooks


def render(project, *options):
    """`quarto render` of project, as `make render` runs it: this Python first on PATH.

    Quarto runs the posts and the post-render script with the first python3 on PATH.
    """
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(["quarto", "render", *options], cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"quarto render failed in {project}:\n{result.stderr[-4000:]}")


def copy_project(destination):
    """Copy what a fresh clone holds of the project (and .git) into destination; return it.

    node_modules/, which `make setup` installs, is linked rather than copied: it is large, and copies only read it.
    """
    shutil.copytree(ROOT, destination, ignore=NOT_IN_A_CLONE, symlinks=True)
    if (ROOT / "node_modules").is_dir():
        (Path(destination) / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def copy_posts(destination):
    """Copy the posts and the data they share into destination, laid out as here; return destination.

    Enough to run a post's code where it may write a file or be broken on purpose.
    """
    for folder in ("posts", "data"):
        shutil.copytree(ROOT / folder, Path(destination) / folder)
    return Path(destination)


def front_matter(qmd):
    """The post's YAML front matter."""
    return yaml.safe_load(Path(qmd).read_text(encoding="utf-8").split("---", 2)[1])


def figure_alts(qmd):
    """The `#| fig-alt:` of each figure cell, in order."""
    options = [cell_options(cell) for cell in code_cells(convert(qmd))]
    return [option["fig-alt"] for option in options if "fig-alt" in option]


def preview_figure_alt(qmd):
    """The `#| fig-alt:` of the figure Quarto makes the post's card and social image: the first marked
    `#| classes: preview-image`, else the post's first figure; None where the post has no figure."""
    figures = [option for option in map(cell_options, code_cells(convert(qmd))) if "fig-alt" in option]
    marked = [option for option in figures if "preview-image" in str(option.get("classes", "")).split()]
    return (marked or figures or [{"fig-alt": None}])[0]["fig-alt"]


def card_image_alt(qmd):
    """The alt text Quarto gives the post's card and social image: where the front matter names the image with
    `image:` (Quarto's own option), its `image-alt:`, None if it has none; else the fig-alt of the figure Quarto
    takes (preview_figure_alt)."""
    meta = front_matter(qmd)
    return meta.get("image-alt") if meta.get("image") else preview_figure_alt(qmd)


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
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    try:
        write(convert(post(sys.argv[1])), sys.argv[2])
    except NoSuchPostError as error:
        sys.exit(f"error: {error}")
    print(sys.argv[2])
