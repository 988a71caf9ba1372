"""Every post has stored expected outputs, in step with its code cells and holding no failed check."""

import re

import pytest

from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook

POSTS = post_notebook.posts()
# The first post's own check; the other tests here hold for every post.
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
    assert expected_outputs.failed_checks(expected_outputs.load(qmd)) == [], (
        "CONTRIBUTING.md, 'How the tests keep the posts honest': a post's checks print Yes."
    )


def test_a_post_without_expected_outputs_is_named_with_the_command(tmp_path):
    with pytest.raises(expected_outputs.ExpectedOutputsError) as raised:
        expected_outputs.load(tmp_path / "posts" / "new-post" / "index.qmd")
    assert str(raised.value).startswith("posts/new-post/index.qmd has no expected outputs")
    assert "run `make expected POST=new-post`" in str(raised.value)


def test_first_post_expects_both_samplers_to_say_yes():
    stored = {cell["label"]: cell["outputs"] for cell in expected_outputs.load(post_notebook.post(FIRST_POST))["cells"]}
    texts = [output["text"] for label in ("sample-loop", "sample-vectorised") for output in stored[label]]
    assert texts == ["Are the datasets equal? Yes.\n"] * 2


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_refreshing_refuses_to_store_a_failed_check(qmd, tmp_path):
    expectations = expected_outputs.load(qmd)
    first = expectations["cells"][0]
    first["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "Is this check failing? No.\n"}]
    target = tmp_path / "expected.json"
    with pytest.raises(expected_outputs.ExpectedOutputsError, match=rf"{first['label']}: Is this check failing\? No\."):
        expected_outputs.store(expectations, target)
    assert not target.exists()


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_an_edited_cell_is_named_with_the_refresh_command(qmd, scratch_project):
    post = post_notebook.post(post_notebook.slug(qmd), scratch_project)
    source = post.read_text(encoding="utf-8")
    # The first {python} chunk, edited after its options.
    label = re.search(r"^```\{python\}\n(?:#\|.*\n)*?#\|\s*label:\s*(\S+)", source, re.MULTILINE).group(1)
    chunk_end = source.index("\n```\n", source.index("```{python}"))
    post.write_text(source[:chunk_end] + "\n# edited" + source[chunk_end:], encoding="utf-8")
    messages = expected_outputs.stale_cells(post_notebook.convert(post), expected_outputs.load(post))
    slug = post_notebook.slug(qmd)
    assert messages == [
        f"Cell '{label}' of posts/{slug}/index.qmd changed since its expected outputs were stored "
        f"in tests/expected/{slug}.json; run `make expected POST={slug}` to re-execute the post "
        "and store them."
    ]
