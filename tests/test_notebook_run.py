"""`make notebook` stops with a message that says what went wrong."""

import nbformat
import pytest

from scripts.notebooks import execute_post
from scripts.notebooks import post_notebook
from scripts.dataset.gmm_data import DataFileError


def test_a_missing_data_file_stops_the_run_before_any_cell(monkeypatch, tmp_path):
    monkeypatch.setattr(execute_post, "DATA_PATH", tmp_path / "gmm-data.npy")
    with pytest.raises(DataFileError, match=r"gmm-data.npy is missing.*`make data`"):
        execute_post.build(tmp_path / "build" / "notebook", post_notebook.posts())


def test_a_raising_cell_is_named_with_its_error(tmp_path):
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("#| label: fine\nx = 1"),
            nbformat.v4.new_code_cell("#| label: divides-by-zero\nx / 0"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    with pytest.raises(execute_post.PostExecutionError, match=r"cell 'divides-by-zero' .* raised ZeroDivisionError"):
        execute_post.execute(notebook, tmp_path)


def test_an_unknown_post_is_refused_with_the_posts_there_are():
    with pytest.raises(post_notebook.NoSuchPostError) as raised:
        post_notebook.post("no-such-post")
    slugs = ", ".join(post_notebook.slug(qmd) for qmd in post_notebook.posts())
    assert str(raised.value) == f"there is no post 'no-such-post' (no posts/no-such-post/index.qmd); the posts are: {slugs}."
