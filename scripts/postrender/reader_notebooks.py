"""Quarto post-render step: finish the notebook each post offers under "Other Formats".

Quarto 1.10 writes that notebook (_site/posts/<slug>/index.ipynb) with the defects that this
step mends, so that it works wherever a reader saves it:
- it does not say where it comes from or what it needs: under its title it gets a paragraph
  naming the blog and its address, and the line that installs the package versions the posts
  were tested with, the same for every post, so that no post need carry it;
- its figure outputs have no image: each gets the PNG Quarto kept in _freeze/, and a caption
  cell after it, "Figure N: …", anchored where the notebook's cross-references point;
- it keeps `{{< meta published-at >}}` unresolved in code, where the posts use it to find the
  site's data file: it becomes the site's address, `website: site-url` in _quarto.yml;
- its markdown links to other pages and files of the site are relative, and point at the
  posts' .qmd sources: they become addresses on the site, which work from any folder;
- its kernelspec carries the path of the kernel on the machine that rendered it, and its
  markdown cells get new random ids on every render: the path goes, the ids are numbered.

Quarto runs it after every render with the first python3 on PATH; `make render` puts .venv/bin first.
"""

import base64
import os
import re
import sys
import urllib.parse
from pathlib import Path

import yaml

from scripts.postrender.pages_written import files_written

PUBLISHED_AT = re.compile(r"\{\{<\s*meta\s+published-at\s*>\}\}")
LABELLED_CELL_ID = re.compile(r"^cell-(fig-.+)$")
# A markdown link's target, where it is relative: not an anchor, not an address with a scheme.
RELATIVE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)")


# Under the notebook's title. The site serves requirements-notebook.txt (`resources:` in _quarto.yml).
INTRODUCTION = """This notebook is a post of the blog *{title}*, {address}. To install the versions of the
packages it was tested with, run this in a cell:

```
%pip install -r {address}requirements-notebook.txt
```"""


class ReaderNotebookError(Exception):
    """The notebook cannot be finished; the message says why and what to do."""


def site_config(project):
    """_quarto.yml: the site's address is its `published-at`, its name `website: title`."""
    return yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))


def with_introduction(notebook, title, address):
    """notebook with INTRODUCTION under the title that opens its first cell."""
    first = notebook.cells[0] if notebook.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith("# "):
        raise ReaderNotebookError(
            "the notebook does not open with its title, where its introduction goes: Quarto's ipynb output has "
            "changed; see with_introduction in scripts/postrender/reader_notebooks.py."
        )
    introduction = INTRODUCTION.format(title=title, address=address)
    if introduction in first.source:
        return notebook
    heading, _, rest = first.source.partition("\n")
    first.source = "\n\n".join(part for part in (heading, introduction, rest.strip()) if part)
    return notebook


def figure_captions(qmd):
    """fig-cap by label, for each figure cell of the post, in order."""
    from scripts.notebooks import post_notebook  # imports nbformat (see finish)

    options = [post_notebook.cell_options(cell) for cell in post_notebook.code_cells(post_notebook.convert(qmd))]
    return {option["label"]: option["fig-cap"] for option in options if "fig-cap" in option}


def figure_image(frozen_figures, label):
    """The PNG Quarto made of the figure cell's output for the ipynb format, base64-encoded."""
    image = frozen_figures / f"{label}-output-1.png"
    if not image.is_file():
        raise ReaderNotebookError(
            f"{image} is missing, so the downloaded notebook would show no figure for {label}: "
            "render the whole site (`make render`) so that Quarto writes the post's _freeze/."
        )
    return base64.b64encode(image.read_bytes()).decode("ascii")


def caption_cell(label, captions):
    """The markdown of the caption cell after the figure cell label, anchored where cross-references point."""
    return f'<a id="{label}"></a>*Figure {list(captions).index(label) + 1}: {captions[label]}*'


def with_figures(notebook, captions, frozen_figures):
    """notebook with every figure cell's image filled in and its caption in a markdown cell after it."""
    import nbformat  # see finish

    caption_cells = {caption_cell(label, captions) for label in captions}
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source in caption_cells:
            continue  # written by an earlier run, and written again after its figure below
        cells.append(cell)
        match = LABELLED_CELL_ID.match(cell.get("id", ""))
        if cell.cell_type != "code" or not match or match.group(1) not in captions:
            continue
        label = match.group(1)
        for output in cell.outputs:
            if output.output_type == "display_data" and not output.get("data"):
                output["data"] = {"image/png": figure_image(frozen_figures, label), "text/plain": captions[label]}
        cells.append(nbformat.v4.new_markdown_cell(caption_cell(label, captions)))
    notebook.cells = cells
    return notebook


def with_site_address(notebook, address, page):
    """notebook with the site's address in its code, and its relative links made absolute from page, its path on the site."""
    def absolute(match):
        target = re.sub(r"\.qmd(?=$|#)", ".html", match.group(1))
        return f"]({urllib.parse.urljoin(address + page, target)})"

    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = PUBLISHED_AT.sub(address, cell.source)
        elif cell.cell_type == "markdown":
            cell.source = RELATIVE_LINK.sub(absolute, cell.source)
    return notebook


def without_machine_traces(notebook):
    notebook.metadata.get("kernelspec", {}).pop("path", None)
    for number, cell in enumerate(notebook.cells, start=1):
        if not LABELLED_CELL_ID.match(cell.get("id", "")) and cell.cell_type == "markdown":
            cell["id"] = f"markdown-{number}"
    return notebook


def finish(notebook_path, site, project):
    """Mend the notebook at notebook_path, which Quarto rendered into site from project's posts/<slug>/index.qmd."""
    # nbformat is imported here, not with the module, because importing it takes most of a second (jsonschema's
    # format checkers compile their grammars), and a render that wrote no notebook, as a preview's re-render of an
    # edit, has none to mend.
    import nbformat

    source = project / notebook_path.relative_to(site).with_suffix(".qmd")
    frozen_figures = project / "_freeze" / source.parent.relative_to(project) / source.stem / "figure-ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook = with_figures(notebook, figure_captions(source), frozen_figures)
    page = notebook_path.relative_to(site).with_suffix(".html").as_posix()
    config = site_config(project)
    address = config["published-at"]
    notebook = with_introduction(notebook, config["website"]["title"], address)
    notebook = without_machine_traces(with_site_address(notebook, address, page))
    nbformat.validate(notebook)
    nbformat.write(notebook, notebook_path)


def main():
    project = Path.cwd()
    site = project / os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")
    try:
        # Only the notebooks this render wrote: the others were finished by the render that wrote them.
        for notebook_path in files_written(site, ".ipynb"):
            if notebook_path.parent.parent == site / "posts" and notebook_path.name == "index.ipynb":
                finish(notebook_path, site, project)
    except ReaderNotebookError as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    main()
