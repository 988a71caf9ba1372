"""The generic checks outside tests/site/, run on the minimal post that the rendered copy adds as CONTRIBUTING.md
says to write one. The site tests check its pages with the other posts'; these check its source, its
expected outputs and the freeze its render wrote."""

import pytest

import test_expected_outputs
import test_freeze
import test_notebook_conversion
from conftest import NEW_POST

SOURCE_CHECKS = [
    test_notebook_conversion.test_each_python_chunk_becomes_one_code_cell_with_its_label,
    test_notebook_conversion.test_every_code_cell_has_a_label_of_its_own,
    test_notebook_conversion.test_every_figure_cell_has_a_caption_and_alt_text,
    test_notebook_conversion.test_the_notebook_runs_on_the_python3_kernel,
    test_expected_outputs.test_expected_outputs_are_in_step_with_the_post,
    test_expected_outputs.test_expected_outputs_hold_no_failed_check,
]
FREEZE_CHECKS = [test_freeze.test_freeze_matches_the_post, test_freeze.test_freeze_shows_what_the_expected_outputs_print]


@pytest.fixture
def new_post(source):
    return source(NEW_POST)


@pytest.mark.parametrize("check", SOURCE_CHECKS, ids=lambda check: check.__name__)
def test_new_post_passes(check, new_post):
    check(new_post)


@pytest.mark.parametrize("fmt", test_freeze.FORMATS)
@pytest.mark.parametrize("check", FREEZE_CHECKS, ids=lambda check: check.__name__)
def test_new_post_freeze_passes(check, fmt, new_post):
    check(new_post, fmt)
