"""Pytest plugin: before collection, writes the notebooks that nbval runs, one per post.

nbval collects only .ipynb files and compares against the outputs stored in them. A post's
notebook is generated from its .qmd, so this writes build/test/<slug>.ipynb with the expected
outputs from tests/expected/<slug>.json attached. A post with no expected outputs gets no
notebook here: test_expected_outputs.py fails for it, naming the post and the command.
Doing it here, in the pytest process, spares `make test` a second Python start-up.
"""

from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook

# Two folders below the root, as the posts are, so that their relative data path holds.
NOTEBOOKS = post_notebook.ROOT / "build" / "test"


def pytest_sessionstart(session):
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller wrote the notebooks before starting it
    NOTEBOOKS.mkdir(parents=True, exist_ok=True)
    for stale in NOTEBOOKS.glob("*.ipynb"):
        stale.unlink()  # a post renamed or removed since the last run must not be tested
    for qmd in post_notebook.posts():
        if not expected_outputs.expected_path(qmd).exists():
            continue
        notebook = expected_outputs.with_expected_outputs(post_notebook.convert(qmd), expected_outputs.load(qmd))
        post_notebook.write(notebook, NOTEBOOKS / f"{post_notebook.slug(qmd)}.ipynb")
