"""Run a post's code cells in this process: a fast way to check, or time, what the post computes."""

import contextlib
import io
import os
import warnings

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported, by the post or anyone else

import matplotlib.pyplot as plt  # noqa: E402

import post_notebook  # noqa: E402


def run_post_code(qmd, workdir):
    """Execute each code cell of qmd in one namespace, in workdir; return (namespace, stdout by cell label)."""
    namespace = {"__name__": "__post__"}
    printed = {}
    previous = os.getcwd()
    os.chdir(workdir)
    try:
        for cell in post_notebook.code_cells(post_notebook.convert(qmd)):
            stdout = io.StringIO()
            with contextlib.redirect_stdout(stdout), warnings.catch_warnings():
                # plt.show() on the Agg backend warns that it cannot show; the figures are not needed here.
                warnings.filterwarnings("ignore", message=".*non-interactive.*")
                exec(compile(cell.source, post_notebook.cell_label(cell) or "cell", "exec"), namespace)
            printed[post_notebook.cell_label(cell)] = stdout.getvalue()
    finally:
        os.chdir(previous)
        plt.close("all")
    return namespace, printed
