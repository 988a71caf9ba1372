"""Changing the sampling procedure in (a scratch copy of) the first post breaks the data check and the expectations."""

import pytest

from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook
from scripts.notebooks.post_code import run_post_code

SLUG = "gmm-first-look"
NOT_EQUAL = "Are the datasets equal? No.\n"

FAULTS = {
    "seed": ("np.random.seed(42)", "np.random.seed(43)", "sample-loop"),
    "weight": ("weights = [0.2, 0.7, 0.1]", "weights = [0.3, 0.6, 0.1]", "parameters"),
    "mean": ('{"loc": 10, "scale": 1}', '{"loc": 11, "scale": 1}', "parameters"),
    "standard deviation": ('{"loc": 15, "scale": 2}', '{"loc": 15, "scale": 2.5}', "parameters"),
}


@pytest.fixture
def broken_post(scratch_project, request):
    """The scratch copy of the post with one fault put in."""
    original, replacement, _ = FAULTS[request.param]
    post = post_notebook.post(SLUG, scratch_project)
    source = post.read_text(encoding="utf-8")
    assert original in source, f"the post no longer contains {original!r}; update FAULTS"
    post.write_text(source.replace(original, replacement, 1), encoding="utf-8")
    return post


@pytest.mark.parametrize("broken_post", FAULTS, indirect=True)
def test_changed_procedure_makes_the_loop_sampler_report_unequal_data(broken_post):
    _, printed = run_post_code(broken_post, broken_post.parent)
    assert printed["sample-loop"] == NOT_EQUAL


@pytest.mark.parametrize("broken_post, changed_cell", [(fault, cell) for fault, (_, _, cell) in FAULTS.items()],
                         indirect=["broken_post"])
def test_changed_procedure_makes_the_expectations_stale_naming_the_cell(broken_post, changed_cell):
    messages = expected_outputs.stale_cells(post_notebook.convert(broken_post), expected_outputs.load(broken_post))
    assert [m for m in messages if f"Cell '{changed_cell}'" in m and "make expected" in m], messages
