"""A tampered data file, or a changed seed for the EM post's initialisation, changes what a named
cell of the post prints, so nbval's comparison with the expected outputs fails on that cell."""

import numpy as np
import pytest

from scripts.notebooks import expected_outputs
from scripts.dataset import gmm_data
from scripts.notebooks import post_notebook
from scripts.notebooks.post_code import run_post_code

SLUG = "gmm-em"
SEED_LINE = "SEED = 1\n"


def printed_unlike_expected(qmd):
    """The labels of the cells whose printed text differs from the stored expected outputs, in order."""
    _, printed = run_post_code(qmd, qmd.parent)
    stored = {cell["label"]: "".join(o.get("text", "") for o in cell["outputs"])
              for cell in expected_outputs.load(qmd)["cells"]}
    return [label for label, text in printed.items() if text != stored[label]]


@pytest.fixture
def post(scratch_project):
    return post_notebook.post(SLUG, scratch_project)


def test_the_untouched_post_prints_what_is_expected(post):
    assert printed_unlike_expected(post) == []


def test_a_tampered_data_file_changes_the_table_of_estimates(post, scratch_project):
    data_file = scratch_project / gmm_data.DATA_PATH.relative_to(post_notebook.ROOT)
    data = gmm_data.load(data_file)
    data[123] += 1.0
    np.save(data_file, data)
    assert "results-table" in printed_unlike_expected(post)


def test_a_changed_seed_changes_the_initialisation_cell(post):
    source = post.read_text(encoding="utf-8")
    assert SEED_LINE in source, f"the post no longer contains {SEED_LINE!r}; update SEED_LINE"
    post.write_text(source.replace(SEED_LINE, "SEED = 2\n", 1), encoding="utf-8")
    assert printed_unlike_expected(post)[:1] == ["em-init"]


def test_a_changed_seed_makes_the_expectations_stale_naming_the_cell(post):
    post.write_text(post.read_text(encoding="utf-8").replace(SEED_LINE, "SEED = 2\n", 1), encoding="utf-8")
    messages = expected_outputs.stale_cells(post_notebook.convert(post), expected_outputs.load(post))
    assert messages == [
        "Cell 'em-init' of posts/gmm-em/index.qmd changed since its expected outputs were stored in "
        "tests/expected/gmm-em.json; run `make expected POST=gmm-em` to re-execute the post and store them."
    ]
