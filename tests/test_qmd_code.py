"""qmd_code reads a post's code cells without jupytext: they must be the cells jupytext reads."""

import pytest

from scripts.notebooks import post_notebook, qmd_code


@pytest.mark.parametrize("qmd", post_notebook.posts(), ids=post_notebook.slug)
def test_code_cells_are_the_cells_jupytext_reads(qmd):
    expected = [cell.source for cell in post_notebook.code_cells(post_notebook.convert(qmd))]
    assert qmd_code.code_cells(qmd) == expected


def test_a_chunk_of_another_language_is_no_python_cell(tmp_path):
    qmd = tmp_path / "index.qmd"
    qmd.write_text("Prose.\n\n```{ojs}\nviewof x = 1\n```\n\n```{python}\n#| label: one\nx = 1\n```\n", encoding="utf-8")
    assert qmd_code.code_cells(qmd) == ["#| label: one\nx = 1"]


def test_an_include_line_is_replaced_by_its_file(tmp_path):
    (tmp_path / "_shared.py").write_text("shared = 2\n", encoding="utf-8")
    qmd = tmp_path / "index.qmd"
    qmd.write_text("```{python}\n{{< include _shared.py >}}\ny = shared\n```\n", encoding="utf-8")
    assert qmd_code.code_cells(qmd) == ["shared = 2\ny = shared"]
