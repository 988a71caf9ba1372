"""The dark drawings a render keeps in _freeze/ (scripts/postrender/dark_figures.py): used while nothing they were drawn
from has changed, drawn again once anything has."""

import shutil
from pathlib import Path

import pytest

from scripts.postrender import dark_figures
from scripts.notebooks import figure_store
from scripts.notebooks import post_notebook

KEPT = {"fig-kept": [b"a drawing kept by an earlier render"]}
DRAWN = {"fig-kept": [b"a drawing made now"]}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the posts, their data and requirements.txt, the first post's dark drawings kept as KEPT, and a
    drawing step that returns DRAWN instead of running the post."""
    post_notebook.copy_posts(tmp_path)
    shutil.copy(post_notebook.ROOT / "requirements.txt", tmp_path)
    qmd = post_notebook.post("gmm-first-look", tmp_path)
    dark_figures.keep(qmd, dark_figures.inputs_hash(qmd), KEPT)
    monkeypatch.setattr(dark_figures, "draw", lambda _qmd: DRAWN)
    return qmd


def test_kept_drawings_serve_a_render_of_the_post_they_were_drawn_from(project):
    assert dark_figures.kept_or_drawn(project) == KEPT


def with_code_edited(qmd):
    """qmd with one more line in its first code cell."""
    text = qmd.read_text(encoding="utf-8")
    first_cell = text.index("```{python}\n") + len("```{python}\n")
    qmd.write_text(text[:first_cell] + "answer = 42\n" + text[first_cell:], encoding="utf-8")


def test_a_post_with_edited_code_is_drawn_again(project):
    with_code_edited(project)
    assert dark_figures.kept_or_drawn(project) == DRAWN


def test_a_post_with_edited_prose_is_not_drawn_again(project):
    project.write_text(project.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert dark_figures.kept_or_drawn(project) == KEPT


def test_a_changed_figure_style_draws_the_post_again(project):
    style = project.parents[1] / "_figure_style.py"
    style.write_text(style.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert dark_figures.kept_or_drawn(project) == DRAWN


def test_a_changed_data_file_draws_the_post_again(project):
    data = project.parents[2] / "data" / "gmm-data.npy"
    data.write_bytes(data.read_bytes()[:-8])
    assert dark_figures.kept_or_drawn(project) == DRAWN


def test_drawings_made_again_replace_the_kept_ones(project):
    with_code_edited(project)
    dark_figures.kept_or_drawn(project)
    assert dark_figures.kept(project, dark_figures.inputs_hash(project)) == DRAWN


def test_an_author_set_in_the_posts_metadata_draws_nothing_again(project):
    """The publish guard asks a new blog's author to set their name in posts/_metadata.yml, which no post's code reads."""
    metadata = project.parents[1] / "_metadata.yml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + "\n# author set\n", encoding="utf-8")
    assert dark_figures.kept_or_drawn(project) == KEPT


def test_a_store_cut_short_is_drawn_again(project):
    index = dark_figures.kept_folder(project) / figure_store.FIGURES_INDEX
    index.write_text(index.read_text(encoding="utf-8")[:20], encoding="utf-8")
    assert dark_figures.kept_or_drawn(project) == DRAWN


def test_a_store_missing_a_drawing_is_drawn_again(project):
    next(dark_figures.kept_folder(project).glob("*.png")).unlink()
    assert dark_figures.kept_or_drawn(project) == DRAWN


def test_the_drawing_code_hashed_is_the_code_that_draws():
    from scripts.notebooks import post_code

    assert dark_figures.DRAWING_CODE == Path(post_code.__file__).resolve()
