import pytest

import expected_outputs
import post_notebook


def test_expected_outputs_are_in_step_with_the_post():
    messages = expected_outputs.stale_cells(post_notebook.convert(), expected_outputs.load())
    assert not messages, "\n".join(messages)


def test_expected_outputs_store_both_samplers_saying_yes():
    stored = {cell["label"]: cell["outputs"] for cell in expected_outputs.load()["cells"]}
    texts = [output["text"] for label in ("sample-loop", "sample-vectorised") for output in stored[label]]
    assert texts == ["Are the datasets equal? Yes.\n"] * 2


def test_refreshing_refuses_to_store_a_failed_check(tmp_path):
    expectations = expected_outputs.load()
    loop = next(cell for cell in expectations["cells"] if cell["label"] == "sample-loop")
    loop["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "Are the datasets equal? No.\n"}]
    target = tmp_path / "expected.json"
    with pytest.raises(expected_outputs.ExpectedOutputsError, match=r"cell\(s\) sample-loop printed .*No\."):
        expected_outputs.store(expectations, target)
    assert not target.exists()


def test_an_edited_cell_is_named_with_the_refresh_command(post_copy):
    source = post_copy.read_text(encoding="utf-8")
    post_copy.write_text(source.replace("grid = np.linspace(7, 23, 200)", "grid = np.linspace(7, 23, 201)"))
    messages = expected_outputs.stale_cells(post_notebook.convert(post_copy), expected_outputs.load())
    assert (
        "Cell 'fig-components' of posts/gmm-first-look/index.qmd changed since its expected outputs were stored "
        "in tests/expected/gmm-first-look.json; run `make expected` to re-execute the post and store them."
    ) in messages
