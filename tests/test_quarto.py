"""Quarto-only paths: a clear stop without Quarto, and the same notebook with it."""

import re
import shutil
import subprocess

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from scripts.notebooks import post_notebook

REQUIRE_QUARTO = post_notebook.ROOT / "scripts" / "guards" / "require_quarto.sh"
CI_RUN = post_notebook.ROOT / ".ci" / "run"


def quarto_required():
    """_quarto.yml's quarto-required, a semver range such as ">=1.10.18 <1.11", as a set of Python specifiers."""
    required = yaml.safe_load((post_notebook.ROOT / "_quarto.yml").read_text(encoding="utf-8"))["quarto-required"]
    return SpecifierSet(",".join(required.split()))


def test_the_quarto_ci_tests_with_is_the_quarto_the_site_requires():
    tested = re.search(r"Quarto (\d+\.\d+\.\d+)", CI_RUN.read_text(encoding="utf-8")).group(1)
    assert tested in quarto_required()


def test_the_next_minor_quarto_is_refused_until_it_is_tested():
    tested = re.search(r"Quarto (\d+\.\d+\.\d+)", CI_RUN.read_text(encoding="utf-8")).group(1)
    major, minor, _ = map(int, tested.split("."))
    assert f"{major}.{minor + 1}.0" not in quarto_required()


@pytest.fixture
def path_without_quarto(tmp_path):
    """A PATH holding only the tools the check itself uses."""
    for tool in ("sh", "cat"):
        (tmp_path / tool).symlink_to(shutil.which(tool))
    return str(tmp_path)


def test_quarto_targets_stop_with_how_to_install_and_what_works_without(path_without_quarto):
    result = subprocess.run(
        ["sh", str(REQUIRE_QUARTO)], env={"PATH": path_without_quarto}, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "`quarto` is not on PATH" in result.stderr
    assert "pip install quarto-cli" in result.stderr
    assert "make notebook" in result.stderr


@pytest.mark.skipif(shutil.which("quarto") is None, reason="needs Quarto on PATH to run `quarto convert`")
@pytest.mark.parametrize("qmd", post_notebook.posts(), ids=post_notebook.slug)
def test_quarto_convert_and_jupytext_give_the_same_code_cells(qmd):
    assert code_sources(post_notebook.convert_with_quarto(qmd)) == code_sources(post_notebook.convert(qmd))


def code_sources(notebook):
    return [cell.source for cell in post_notebook.code_cells(notebook)]
