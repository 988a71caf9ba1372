"""Run a post's code cells in this process: a fast way to check, or time, what the post computes, and to see the
figures it draws."""

import contextlib
import io
import os
import tempfile
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, by the post or anyone else

import matplotlib.pyplot as plt  # noqa: E402

import post_notebook  # noqa: E402

# The environment variable that posts/_figure_style.py reads to choose the figures' theme.
FIGURE_THEME = "FIGURE_THEME"


def png_of(figure, pixel_ratio=1):
    """The figure as a notebook shows it: a PNG cut to what is drawn, as IPython's inline backend saves it. With
    pixel_ratio 2, as Quarto's HTML pages show it (their default fig-format, retina: twice the figure's dpi)."""
    image = io.BytesIO()
    figure.savefig(image, format="png", bbox_inches="tight", dpi=figure.dpi * pixel_ratio)
    return image.getvalue()


def run_post_code(qmd, workdir, figures=None, theme="light", pixel_ratio=1):
    """Execute each code cell of qmd in one namespace, in workdir; return (namespace, stdout by cell label).

    Given a dict as figures, fill it with the PNG of each figure a cell shows, as a list by the cell's label. The
    figures are drawn in theme, "light" or "dark", which posts/_figure_style.py reads from FIGURE_THEME, at
    pixel_ratio times their dpi (png_of).
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
    previous_theme = os.environ.get(FIGURE_THEME)
    os.environ[FIGURE_THEME] = theme
    os.chdir(workdir)
    show = plt.show
    if figures is not None:
        plt.show = shown
    try:
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
        if previous_theme is None:
            del os.environ[FIGURE_THEME]
        else:
            os.environ[FIGURE_THEME] = previous_theme
        plt.close("all")
    return namespace, printed


def figures_drawn(qmd, theme="light", pixel_ratio=1):
    """{cell label: [PNG, …]} of every figure the post's code shows in theme, at pixel_ratio times its dpi, run in
    a scratch copy of the posts (the code may write to its folder)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = post_notebook.post(post_notebook.slug(qmd), post_notebook.copy_posts(Path(scratch)))
        figures = {}
        run_post_code(copy, copy.parent, figures, theme, pixel_ratio)
    return figures
