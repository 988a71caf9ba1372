"""What a post's notebook needs away from the project: the data file's hash it checks downloads
against, and the pinned packages the site offers for `pip install -r`."""

import ast
import hashlib
import importlib.metadata
import re
import sys

import pytest

from scripts.notebooks import post_notebook
from scripts.dataset.gmm_data import DATA_PATH

ROOT = post_notebook.ROOT
PUBLISHED_DATA = ROOT / "posts" / "_published_data.py"
NOTEBOOK_REQUIREMENTS = ROOT / "requirements-notebook.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==\S+$")


def stated(name):
    """The value the posts' data loader assigns to name."""
    for node in ast.parse(PUBLISHED_DATA.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{PUBLISHED_DATA.relative_to(ROOT)} assigns no {name}")


def requirement_lines():
    return [line for line in NOTEBOOK_REQUIREMENTS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(qmd):
    """The top-level modules the post's code imports."""
    modules = set()
    for cell in post_notebook.code_cells(post_notebook.convert(qmd)):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names)


def test_posts_check_downloads_against_the_committed_data_file():
    assert stated("DATA_SHA256") == hashlib.sha256(DATA_PATH.read_bytes()).hexdigest(), (
        f"DATA_SHA256 in {PUBLISHED_DATA.relative_to(ROOT)} is not the hash of data/gmm-data.npy: "
        "after changing the data on purpose, write its new SHA-256 there."
    )


def test_notebook_requirements_are_exact_pins():
    assert [line for line in requirement_lines() if not PIN.match(line)] == []


@pytest.mark.parametrize("qmd", post_notebook.posts(), ids=post_notebook.slug)
def test_notebook_requirements_pin_every_package_the_post_imports(qmd):
    pinned = {normalised(PIN.match(line).group(1)) for line in requirement_lines()}
    distributions = importlib.metadata.packages_distributions()
    needed = {normalised(distribution) for module in imported_modules(qmd) for distribution in distributions[module]}
    assert sorted(needed - pinned) == [], f"add these to {NOTEBOOK_REQUIREMENTS.name}, pinned as in .venv"
