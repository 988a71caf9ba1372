"""A post's Python code cells, read straight from its .qmd.

post_notebook.convert reads them with jupytext, whose import takes most of a second (nbformat's jsonschema compiles
its format checkers' grammars). The post-render steps that only need a post's code, to tell whether it changed, read
it here instead, in milliseconds; tests/test_qmd_code.py holds the two to the same cells for every post.
"""

import re
from pathlib import Path

# A Python chunk opens with ```{python} (options may follow the name) at a line's start, and closes with a line of
# three backticks and nothing else.
OPENING = "```{python"
CLOSING = "```"
# A line of code that is Quarto's include shortcode, which Quarto replaces by the file's text before running the code.
INCLUDE = re.compile(r"^\{\{<\s*include\s+(\S+)\s*>\}\}$", re.MULTILINE)


def with_included_files(source, qmd):
    """source (code of qmd) with each `{{< include FILE >}}` line replaced by FILE, as Quarto does before running it."""
    def included(match):
        return (Path(qmd).parent / match.group(1)).read_text(encoding="utf-8").rstrip("\n")

    return INCLUDE.sub(included, source)


def code_cells(qmd):
    """The source of each ```{python} chunk of qmd, in order, with its `#|` options and its includes expanded."""
    cells, cell = [], None
    for line in Path(qmd).read_text(encoding="utf-8").splitlines():
        if cell is None:
            if line.startswith(OPENING) and line[len(OPENING):len(OPENING) + 1] in ("}", " ", ","):
                cell = []
        elif line.rstrip() == CLOSING:
            cells.append(with_included_files("\n".join(cell), qmd))
            cell = None
        else:
            cell.append(line)
    return cells
