"""Run a post's code cells in this process: a fast way to check, or time, what the post computes, and to see the
figures it draws. Run as a script, it draws a post's figures for figures_drawn, in the theme its environment names.

Usage: python scripts/notebooks/post_code.py QMD OUTPUT_FOLDER PIXEL_RATIO
"""

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, by the post or anyone else

import matplotlib.pyplot as plt  # noqa: E402

from scripts.notebooks import post_notebook
from scripts.notebooks.figure_store import read_figures, write_figures

# The environment variable that posts/_figure_style.py reads to choose the figures' theme.
FIGURE_THEME = "FIGURE_THEME"


def png_of(figure, pixel_ratio=1):
    """The figure as a notebook shows it: a PNG cut to what is drawn, as IPython's inline backend saves it. With
    pixel_ratio 2, as Quarto's HTML pages show it (their default fig-format, retina: twice the figure's dpi)."""
    image = io.BytesIO()
    figure.savefig(image, format="png", bbox_inches="tight", dpi=figure.dpi * pixel_ratio)
    return image.getvalue()


@contextlib.contextmanager
def fresh_matplotlib_settings():
    """matplotlib's settings as a fresh process has them, for the while; this process's own restored after.

    `make expected` draws each post in a process of its own (figures_drawn), the tests draw the posts' light figures
    one after another in theirs (tests/conftest.py): without this, a post that does not include the blog's style
    would draw there at the size and in the colours the post before it set, and so differ from its baseline.
    """
    with matplotlib.rc_context():
        matplotlib.rc_file_defaults()
        yield


def run_post_code(qmd, workdir, figures=None, pixel_ratio=1):
    """Execute each code cell of qmd in one namespace, in workdir; return (namespace, stdout by cell label).

    Given a dict as figures, fill it with the PNG of each figure a cell shows, as a list by the cell's label, at
    pixel_ratio times the figure's dpi (png_of), in the theme this process's FIGURE_THEME names (light if none).
    """
    namespace = {"__name__": "__post__"}
    printed = {}
    label = None

    def shown(*_args, **_kwargs):
        """plt.show() as a notebook has it: every open figure is an output of the cell being run."""
        for number in plt.get_fignums():
            figures.setdefault(label, []).append(png_of(plt.figure(number), pixel_ratio))
        plt.close("all")

    previous = os.getcwd()
    os.chdir(workdir)
    show = plt.show
    if figures is not None:
        plt.show = shown
    try:
        with fresh_matplotlib_settings():
            for cell in post_notebook.code_cells(post_notebook.convert(qmd)):
                label = post_notebook.cell_label(cell)
                stdout = io.StringIO()
                with contextlib.redirect_stdout(stdout), warnings.catch_warnings():
                    # plt.show() on the Agg backend warns that it cannot show, where no figures are asked for.
                    warnings.filterwarnings("ignore", message=".*non-interactive.*")
                    exec(compile(cell.source, label or "cell", "exec"), namespace)
                printed[label] = stdout.getvalue()
                if figures is not None:
                    shown()  # what a cell leaves open, a notebook shows at its end
    finally:
        plt.show = show
        os.chdir(previous)
        plt.close("all")
    return namespace, printed


def figures_drawn(qmd, theme="light", pixel_ratio=1):
    """{cell label: [PNG, …]} of every figure the post's code shows in theme, at pixel_ratio times its dpi.

    The code runs in a scratch copy of the posts (it may write to its folder), in a child process whose environment
    sets FIGURE_THEME: this process's environment, which every subprocess its other threads start inherits (a
    Quarto render among them), is left as it was. Raises RuntimeError with the post's error if its code fails.
    """
    with tempfile.TemporaryDirectory() as scratch:
        copy = post_notebook.post(post_notebook.slug(qmd), post_notebook.copy_posts(Path(scratch) / "project"))
        drawings = Path(scratch) / "figures"
        child = subprocess.run([sys.executable, "-m", "scripts.notebooks.post_code", str(copy), str(drawings), str(pixel_ratio)],
                               cwd=post_notebook.ROOT,
                               env={**os.environ, FIGURE_THEME: theme}, capture_output=True, text=True)
        if child.returncode != 0:
            last_line = (child.stderr.strip().splitlines() or ["no error printed"])[-1]
            raise RuntimeError(last_line)
        return read_figures(drawings)


def main(qmd, folder, pixel_ratio):
    """Draw the post's figures into folder (write_figures)."""
    figures = {}
    run_post_code(Path(qmd), Path(qmd).parent, figures, pixel_ratio)
    write_figures(figures, folder)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
