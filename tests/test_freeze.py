"""Quarto keeps each post's executed results in _freeze/, with a hash of the source they came from.
A post edited since must be rendered again, or the published site shows stale results."""

import hashlib
import json

import pytest

import post_notebook

ROOT = post_notebook.ROOT
POSTS = sorted(ROOT.glob("posts/*/index.qmd"))
FORMATS = ("html", "ipynb")
FIX = "run `make render` and commit _freeze/"


def quarto_source_hash(qmd):
    """The hash Quarto stores: MD5 of the source with LF line endings."""
    text = qmd.read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.md5(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("qmd", POSTS, ids=lambda qmd: qmd.parent.name)
def test_freeze_matches_the_post(qmd, fmt):
    results = ROOT / "_freeze" / qmd.parent.relative_to(ROOT) / "index" / "execute-results" / f"{fmt}.json"
    assert results.exists(), f"{results.relative_to(ROOT)} is missing; {FIX}."
    stored = json.loads(results.read_text(encoding="utf-8"))["hash"]
    assert stored == quarto_source_hash(qmd), (
        f"{qmd.relative_to(ROOT)} changed since its freeze was written; {FIX}."
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("qmd", POSTS, ids=lambda qmd: qmd.parent.name)
def test_freeze_holds_the_code_the_post_includes(qmd, fmt):
    """Quarto's freeze hashes the post's own text only: an edited include file leaves it stale."""
    results = ROOT / "_freeze" / qmd.parent.relative_to(ROOT) / "index" / "execute-results" / f"{fmt}.json"
    frozen = json.loads(results.read_text(encoding="utf-8"))["result"]["markdown"]
    stale = [
        include for include in post_notebook.INCLUDE.findall(qmd.read_text(encoding="utf-8"))
        if (qmd.parent / include).read_text(encoding="utf-8").rstrip("\n") not in frozen
    ]
    assert stale == [], (
        f"{', '.join(stale)} changed since {results.relative_to(ROOT)} was written, and freeze does not notice: "
        f"delete {results.parent.parent.relative_to(ROOT)}/, run `make render` and commit _freeze/."
    )
