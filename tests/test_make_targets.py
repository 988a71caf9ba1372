"""The make targets as a user runs them, on a scratch copy of the project: refusals and what `make clean` keeps."""

import hashlib
import os
import shutil
import subprocess

import pytest

from scripts.notebooks import post_notebook

# A post as CONTRIBUTING.md says to write one, whose only check fails.
FAILING_POST = '''---
title: "A failing check"
description: "Prints a check answered No."
date: "2025-01-01"
categories: [Python]
jupyter: python3
---

```{python}
#| label: check-arithmetic
print("Is one equal to two?", "Yes." if 1 == 2 else "No.")
```
'''


@pytest.fixture
def project(tmp_path):
    """A clone-like copy of the project; .venv is linked, not rebuilt."""
    copy = post_notebook.copy_project(tmp_path / "project")
    (copy / ".venv").symlink_to(post_notebook.ROOT / ".venv")
    return copy


def make(project, *arguments):
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=project, capture_output=True, text=True)


def posts_in(project):
    return sorted(qmd.parent.name for qmd in (project / "posts").glob("*/index.qmd"))


def tree_digest(path):
    """A digest of every file under path, with its name: changes if any file is added, removed or altered."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("target", ["notebook", "expected"])
def test_an_unknown_post_is_refused_listing_the_posts(project, target):
    result = make(project, target, "POST=no-such-post")
    assert result.returncode != 0 and f"the posts are: {', '.join(posts_in(project))}." in result.stderr, result.stderr


def test_make_expected_refuses_to_store_a_run_that_printed_no(project):
    post = project / "posts" / "a-failing-check" / "index.qmd"
    post.parent.mkdir()
    post.write_text(FAILING_POST, encoding="utf-8")
    result = make(project, "expected", "POST=a-failing-check")
    stored = project / "tests" / "expected" / "a-failing-check.json"
    assert (result.returncode != 0, "Is one equal to two? No." in result.stderr, stored.exists()) == (True, True, False), (
        result.stdout + result.stderr
    )


@pytest.fixture
def cleaned(project):
    """The project's _freeze/, .venv and data before and after `make clean`, with build/, _site/ and .quarto/ made first."""
    for made in ("build", "_site", ".quarto"):
        (project / made).mkdir(exist_ok=True)
        (project / made / "file").write_text("made by a build", encoding="utf-8")
    kept = {name: project / name for name in ("_freeze", ".venv/bin/python", "data")}

    def state():
        return {name: tree_digest(path) if path.is_dir() else path.resolve().exists() for name, path in kept.items()}

    before = state()
    result = make(project, "clean")
    assert result.returncode == 0, result.stderr
    return {"project": project, "before": before, "after": state()}


def test_make_clean_removes_build_site_and_quarto(cleaned):
    assert [made for made in ("build", "_site", ".quarto") if (cleaned["project"] / made).exists()] == []


def test_make_clean_keeps_freeze_venv_and_data(cleaned):
    assert cleaned["after"] == cleaned["before"]


def make_setup_without_npm(project):
    """`make setup` in a clone on a machine with no Node.js: .venv is there, node_modules is not, npm is on no PATH."""
    (project / "node_modules").unlink(missing_ok=True)
    return subprocess.run([shutil.which("make"), "--no-print-directory", "setup"], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "PATH": str(project / "no-such-bin")})


def test_make_setup_succeeds_without_npm(project):
    result = make_setup_without_npm(project)
    assert result.returncode == 0, result.stderr


def test_make_setup_without_npm_says_the_lighthouse_checks_are_skipped_and_how_to_install_node(project):
    result = make_setup_without_npm(project)
    assert "npm is not on PATH, so Lighthouse is not installed and make test skips its checks" in result.stderr
    assert "Install Node.js 20 or later with npm" in result.stderr
