"""The pages a render wrote, which are the only ones a post-render step may rewrite.

Quarto runs the `post-render:` scripts after every render: a full `quarto render`, a render of one file, and each
re-render `quarto preview` makes when a file is saved. It names the files that render wrote in
QUARTO_PROJECT_OUTPUT_FILES, one a line, relative to the project (quarto-web docs/projects/scripts.qmd; quarto-cli
src/command/render/project.ts). Every other page in _site/ is as the last render left it, already processed: a
step that rewrote it again would process its own output. Run by hand, outside Quarto, a step takes every page.
"""

import os
from pathlib import Path

OUTPUT_FILES = "QUARTO_PROJECT_OUTPUT_FILES"
# Where a user's environment caps the length of a variable, Quarto writes the list to the file this one names instead
# (quarto-cli #10828, src/command/render/project.ts).
OUTPUT_FILES_IN_A_FILE = "QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES"


def files_written(site, suffix):
    """The files with suffix (".ipynb") that this render wrote under site; every such file when Quarto did not say."""
    listed = os.environ.get(OUTPUT_FILES)
    if os.environ.get(OUTPUT_FILES_IN_A_FILE):
        listed = Path(os.environ[OUTPUT_FILES_IN_A_FILE]).read_text(encoding="utf-8")
    if listed is None:
        return sorted(site.rglob(f"*{suffix}"))
    root = site.resolve()
    written = {Path(line).resolve() for line in listed.splitlines() if line.strip()}
    # Named as rglob would name them, under site as the caller gave it.
    return sorted(site / path.relative_to(root) for path in written
                  if path.suffix == suffix and path.is_file() and path.is_relative_to(root))


def pages_written(site):
    """The HTML pages under site that this render wrote, sorted; every page of site when Quarto did not say."""
    return files_written(site, ".html")
