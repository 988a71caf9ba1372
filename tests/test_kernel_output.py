"""The kernels the project starts itself print no warning that could be avoided."""

import re

import nbformat

from scripts.notebooks import execute_post
from scripts.notebooks import post_notebook

# Any case: "WARNING:" from a kernel's logger, and DeprecationWarning, UserWarning, RuntimeWarning, ...
WARNING = re.compile(r"warning", re.IGNORECASE)


def test_executing_a_notebook_prints_no_kernel_warning(tmp_path, capfd):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("#| label: quiet\nprint('done')")], metadata={"kernelspec": post_notebook.KERNELSPEC}
    )
    execute_post.execute(notebook, tmp_path)
    printed = capfd.readouterr()
    assert [line for line in (printed.out + printed.err).splitlines() if WARNING.search(line)] == []
