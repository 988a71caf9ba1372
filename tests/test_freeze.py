"""Quarto keeps each post's executed results in _freeze/, with a hash of the source they came from.
A post edited since must be rendered again, or the published site shows stale results; and since
freeze does not notice a changed data file, what the freeze shows is compared with the expected outputs too."""

import hashlib
import json
import re

import pytest

from scripts.postrender import dark_figures
from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook
from scripts.notebooks import qmd_code

ROOT = post_notebook.ROOT
POSTS = post_notebook.posts()
FORMATS = ("html", "ipynb")
FIX = "run `make render` and commit _freeze/"
# Freeze does not notice a changed data file, so `make render` alone would keep the stale results.
STALE_OUTPUT_FIX = "delete _freeze/posts/ (freeze does not notice a changed data file), " + FIX
# In the frozen markdown a code cell opens with its label as id (a figure's prefixed with "cell-"),
# and each printed output is a fenced block inside it.
FROZEN_CELL = re.compile(r"^::: \{#(?:cell-(?=fig-))?([\w-]+) \.cell[ }]", re.MULTILINE)
FROZEN_PRINT = re.compile(r"^::: \{\.cell-output \.cell-output-(?:stdout|stderr)\}\n(`{3,})\n(.*?)\n\1$", re.MULTILINE | re.DOTALL)


def quarto_source_hash(qmd):
    """The hash Quarto stores: MD5 of the source with LF line endings."""
    text = qmd.read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def project_of(qmd):
    """The project holding posts/<slug>/index.qmd: this one, or the site tests' copy with a new post."""
    return qmd.parents[2]


def frozen_results(qmd, fmt):
    return project_of(qmd) / "_freeze" / "posts" / qmd.parent.name / "index" / "execute-results" / f"{fmt}.json"


def printed_in_freeze(markdown):
    """What each cell printed, by label, as the frozen markdown shows it."""
    starts = list(FROZEN_CELL.finditer(markdown))
    printed = {}
    for start, end in zip(starts, starts[1:] + [None]):
        body = markdown[start.end():end.start() if end else len(markdown)]
        blocks = [match.group(2) for match in FROZEN_PRINT.finditer(body)]
        if blocks:
            printed[start.group(1)] = "\n".join(blocks)
    return printed


def printed_expected(expectations):
    """What each cell printed, by label, in the stored expected outputs."""
    printed = {}
    for cell in expectations["cells"]:
        text = "".join(output["text"] for output in cell["outputs"] if output["output_type"] == "stream")
        if text:
            printed[cell["label"]] = text.rstrip("\n")
    return printed


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_freeze_matches_the_post(qmd, fmt):
    results = frozen_results(qmd, fmt)
    assert results.exists(), f"{results.relative_to(project_of(qmd))} is missing; {FIX}."
    stored = json.loads(results.read_text(encoding="utf-8"))["hash"]
    assert stored == quarto_source_hash(qmd), (
        f"{qmd.relative_to(project_of(qmd))} changed since its freeze was written; {FIX}."
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_freeze_shows_what_the_expected_outputs_print(qmd, fmt):
    results = frozen_results(qmd, fmt)
    frozen = printed_in_freeze(json.loads(results.read_text(encoding="utf-8"))["result"]["markdown"])
    expected = printed_expected(expected_outputs.load(qmd))
    stale = [
        f"cell '{label}' shows {frozen.get(label)!r} where {expected_outputs.expected_path(qmd).relative_to(project_of(qmd))} "
        f"holds {expected.get(label)!r}"
        for label in dict.fromkeys([*expected, *frozen])
        if frozen.get(label) != expected.get(label)
    ]
    assert stale == [], (
        f"{results.relative_to(project_of(qmd))}, which the site is built from, is stale: " + "; ".join(stale)
        + f". To publish the expected outputs, {STALE_OUTPUT_FIX}."
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_freeze_holds_the_code_the_post_includes(qmd, fmt):
    """Quarto's freeze hashes the post's own text only: an edited include file leaves it stale."""
    results = frozen_results(qmd, fmt)
    frozen = json.loads(results.read_text(encoding="utf-8"))["result"]["markdown"]
    stale = [
        include for include in qmd_code.INCLUDE.findall(qmd.read_text(encoding="utf-8"))
        if (qmd.parent / include).read_text(encoding="utf-8").rstrip("\n") not in frozen
    ]
    assert stale == [], (
        f"{', '.join(stale)} changed since {results.relative_to(project_of(qmd))} was written, and freeze does not "
        f"notice: delete {results.parent.parent.relative_to(project_of(qmd))}/, run `make render` and commit _freeze/."
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_freeze_holds_no_figure_its_results_do_not_show(qmd, fmt):
    """Quarto keeps a renamed or removed figure's file in _freeze/ after it runs the post again, and every render
    copies it into the site: a file no reader's page shows, published for good."""
    results = frozen_results(qmd, fmt)
    frozen = results.read_text(encoding="utf-8")
    figures = results.parent.parent / f"figure-{fmt}"
    stale = sorted(path.name for path in figures.glob("*") if f"figure-{fmt}/{path.name}" not in frozen)
    assert stale == [], (
        f"{figures.relative_to(project_of(qmd))}/ holds {', '.join(stale)}, which the post no longer makes: delete "
        f"{results.parent.parent.relative_to(project_of(qmd))}/, run `make render` and commit _freeze/."
    )


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_freeze_holds_dark_drawings_made_from_the_post_as_it_is(qmd):
    """The render keeps each post's dark drawings in _freeze/ with a hash of what they were drawn from
    (scripts/postrender/dark_figures.py); kept from an older post, they are drawn again by every render until committed."""
    kept = dark_figures.kept_folder(qmd).relative_to(ROOT)
    kept_from = dark_figures.kept_inputs(qmd)
    assert kept_from is not None, f"{kept}/ holds no dark drawings: {FIX}"
    assert kept_from == dark_figures.inputs_hash(qmd), (
        f"{kept}/ was drawn from an earlier version of the post, its data or its style: {FIX}"
    )
