"""Changing the sampling procedure in (a scratch copy of) the post breaks the data check and the expectations."""

import pytest

import expected_outputs
import post_notebook
from post_code import run_post_code

NOT_EQUAL = "Are the datasets equal? No.\n"

FAULTS = {
    "seed": ("np.random.seed(42)", "np.random.seed(43)", "sample-loop"),
    "weight": ("weights = [0.2, 0.7, 0.1]", "weights = [0.3, 0.6, 0.1]", "parameters"),
    "mean": ('{"loc": 10, "scale": 1}', '{"loc": 11, "scale": 1}', "parameters"),
    "standard deviation": ('{"loc": 15, "scale": 2}', '{"loc": 15, "scale": 2.5}', "parameters"),
}


def break_post(post, fault):
    original, replacement, _ = FAULTS[fault]
    source = post.read_text(encoding="utf-8")
    assert original in source, f"the post no longer contains {original!r}; update FAULTS"
    post.write_text(source.replace(original, replacement, 1), encoding="utf-8")


@pytest.mark.parametrize("fault", FAULTS)
def test_changed_procedure_makes_the_loop_sampler_report_unequal_data(post_copy, fault):
    break_post(post_copy, fault)
    _, printed = run_post_code(post_copy, post_copy.parent)
    assert printed["sample-loop"] == NOT_EQUAL


@pytest.mark.parametrize("fault", FAULTS)
def test_changed_procedure_makes_the_expectations_stale_naming_the_cell(post_copy, fault):
    break_post(post_copy, fault)
    messages = expected_outputs.stale_cells(post_notebook.convert(post_copy), expected_outputs.load())
    changed_cell = FAULTS[fault][2]
    assert [m for m in messages if f"Cell '{changed_cell}'" in m and "make expected" in m], messages
