"""Every post has stored expected outputs, in step with its code cells and holding no failed check."""

import pytest

import expected_outputs
import post_notebook

POSTS = post_notebook.posts()
FIRST_POST = "gmm-first-look"


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_post_has_expected_outputs(qmd):
    path = expected_outputs.expected_path(qmd)
    assert path.exists(), (
        f"posts/{post_notebook.slug(qmd)}/index.qmd has no expected outputs, so nbval cannot check it; "
        f"run `{expected_outputs.refresh_command(qmd)}` and commit {path.relative_to(post_notebook.ROOT)}."
    )


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_expected_outputs_are_in_step_with_the_post(qmd):
    messages = expected_outputs.stale_cells(post_notebook.convert(qmd), expected_outputs.load(qmd))
    assert not messages, "\n".join(messages)


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_expected_outputs_hold_no_failed_check(qmd):
    assert expected_outputs.failed_checks(expected_outputs.load(qmd)) == []


def test_a_post_without_expected_outputs_is_named_with_the_command(tmp_path):
    with pytest.raises(expected_outputs.ExpectedOutputsError) as raised:
        expected_outputs.load(tmp_path / "posts" / "new-post" / "index.qmd")
    assert str(raised.value).startswith("posts/new-post/index.qmd has no expected outputs")
    assert "run `make expected POST=new-post`" in str(raised.value)


def test_first_post_expects_both_samplers_to_say_yes():
    stored = {cell["label"]: cell["outputs"] for cell in expected_outputs.load(post_notebook.post(FIRST_POST))["cells"]}
    texts = [output["text"] for label in ("sample-loop", "sample-vectorised") for output in stored[label]]
    assert texts == ["Are the datasets equal? Yes.\n"] * 2


def test_refreshing_refuses_to_store_a_failed_check(tmp_path):
    expectations = expected_outputs.load(post_notebook.post(FIRST_POST))
    loop = next(cell for cell in expectations["cells"] if cell["label"] == "sample-loop")
    loop["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "Are the datasets equal? No.\n"}]
    target = tmp_path / "expected.json"
    with pytest.raises(expected_outputs.ExpectedOutputsError, match=r"sample-loop: Are the datasets equal\? No\."):
        expected_outputs.store(expectations, target)
    assert not target.exists()


def test_an_edited_cell_is_named_with_the_refresh_command(scratch_project):
    post = post_notebook.post(FIRST_POST, scratch_project)
    source = post.read_text(encoding="utf-8")
    grid = "np.linspace(7, 23, 1000)"
    assert grid in source, f"the first post no longer contains {grid!r}; update the test's edit"
    post.write_text(source.replace(grid, "np.linspace(7, 23, 1001)", 1))
    messages = expected_outputs.stale_cells(post_notebook.convert(post), expected_outputs.load(post))
    assert (
        "Cell 'fig-components' of posts/gmm-first-look/index.qmd changed since its expected outputs were stored "
        "in tests/expected/gmm-first-look.json; run `make expected POST=gmm-first-look` to re-execute the post "
        "and store them."
    ) in messages
