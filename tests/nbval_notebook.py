"""Pytest plugin: before collection, writes the notebook that nbval runs.

nbval collects only .ipynb files and compares against the outputs stored in them. The
post's notebook is generated from the .qmd, so this writes it with the expected outputs
from tests/expected/ attached. Doing it here, in the pytest process, spares `make test`
a second Python start-up.
"""

import expected_outputs
import post_notebook

NOTEBOOK = post_notebook.ROOT / "build" / "test" / f"{post_notebook.POST.parent.name}.ipynb"


def pytest_sessionstart(session):
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller wrote the notebook before starting it
    notebook = expected_outputs.with_expected_outputs(post_notebook.convert(), expected_outputs.load())
    # Two folders below the root, as the post is, so that its relative data path holds.
    post_notebook.write(notebook, NOTEBOOK)
