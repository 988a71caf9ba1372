"""Keep the expected outputs that nbval compares each post against, in step with the post.

nbval compares a notebook's fresh outputs with the ones stored in that notebook, but a post's
notebook is generated from its .qmd and so holds none. The expected outputs of
posts/<slug>/index.qmd live in tests/expected/<slug>.json, keyed by each code cell's
`#| label:` and stored with the cell's source, so that a cell edited since the last refresh is
caught and named.

Usage: python scripts/notebooks/expected_outputs.py refresh [SLUG ...]
       (re-execute the posts, every one unless named, and store their outputs and their figures' baselines,
       figure_baselines.py)
"""

import json
import re
import sys
from pathlib import Path

import nbformat

from scripts.notebooks import figure_baselines
from scripts.notebooks import post_notebook
from scripts.notebooks.execute_post import PostExecutionError, execute

ROOT = post_notebook.ROOT
EXPECTED_DIR = ROOT / "tests" / "expected"
REFRESH_COMMAND = "make expected"
# Two folders below the root, like the posts, so their relative data path holds.
REFRESH_WORKDIR = ROOT / "build" / "expected"
# A post checks itself by printing a question answered "Yes." or "No."; "No." is a failed check.
CHECK = re.compile(r"^.*\?\s+(?:Yes|No)\.$", re.MULTILINE)
FAILED_CHECK = re.compile(r"^.*\?\s+No\.$", re.MULTILINE)

# nbval skips images and metadata when it compares, so storing them would only bloat tests/.
IMAGE_PREFIX = "image/"
KEPT_OUTPUT_KEYS = ("output_type", "name", "text", "data")


class ExpectedOutputsError(Exception):
    """The stored expectations cannot be used or refreshed; the message says why and what to run."""


def _project(qmd):
    """The project that holds the post qmd, posts/<slug>/index.qmd: this one, or a scratch copy."""
    return Path(qmd).parents[2] if Path(qmd).is_absolute() else ROOT


def expected_path(qmd):
    """Where the expected outputs of the post qmd are stored, in the project that holds it."""
    return _project(qmd) / EXPECTED_DIR.relative_to(ROOT) / f"{post_notebook.slug(qmd)}.json"


def refresh_command(qmd):
    return f"{REFRESH_COMMAND} POST={post_notebook.slug(qmd)}"


def comparable(output):
    """An output reduced to the fields nbval compares."""
    kept = {key: output[key] for key in KEPT_OUTPUT_KEYS if key in output}
    if "data" in kept:
        kept["data"] = {mime: value for mime, value in kept["data"].items() if not mime.startswith(IMAGE_PREFIX)}
    return kept


def record(executed, qmd):
    """The expectations for the executed notebook of qmd: each labelled code cell's source and outputs."""
    cells = []
    for index, cell in enumerate(post_notebook.code_cells(executed)):
        label = post_notebook.cell_label(cell)
        if label is None:
            raise ExpectedOutputsError(
                f"Code cell {index + 1} of {_name(qmd)} has no `#| label:`; give it one so its outputs can be matched."
            )
        cells.append({"label": label, "source": cell.source, "outputs": [comparable(o) for o in cell.outputs]})
    return {"post": _name(qmd), "cells": cells}


def _check_lines(expectations):
    """(label, line) for every check line the stored outputs hold, in order."""
    for cell in expectations["cells"]:
        for output in cell["outputs"]:
            for line in CHECK.findall(output.get("text", "")):
                yield cell["label"], line


def printed_checks(expectations):
    """Every check line the stored outputs hold, in order."""
    return [line for _, line in _check_lines(expectations)]


def failed_checks(expectations):
    """'label: line' for each check a cell printed as failed."""
    return [f"{label}: {line}" for label, line in _check_lines(expectations) if FAILED_CHECK.fullmatch(line)]


def stale_cells(notebook, expectations):
    """One message per code cell whose source no longer matches the stored expectations."""
    stored = {cell["label"]: cell["source"] for cell in expectations["cells"]}
    post = expectations["post"]
    command = refresh_command(post)
    messages = []
    current = []
    for index, cell in enumerate(post_notebook.code_cells(notebook)):
        label = post_notebook.cell_label(cell)
        current.append(label)
        if label is None:
            messages.append(f"Code cell {index + 1} of {post} has no `#| label:`; give it one, then run `{command}`.")
        elif label not in stored:
            messages.append(f"Cell '{label}' of {post} has no expected outputs yet; run `{command}`.")
        elif stored[label] != cell.source:
            messages.append(
                f"Cell '{label}' of {post} changed since its expected outputs were stored in "
                f"{expected_path(post).relative_to(ROOT)}; run `{command}` to re-execute the post and store them."
            )
    for label in stored.keys() - set(current):
        messages.append(f"Expected outputs are stored for cell '{label}', which {post} no longer has; run `{command}`.")
    return messages


def with_expected_outputs(notebook, expectations):
    """The notebook with each labelled cell's stored outputs attached, for nbval to compare against."""
    stored = {cell["label"]: cell["outputs"] for cell in expectations["cells"]}
    for count, cell in enumerate(post_notebook.code_cells(notebook), start=1):
        cell.outputs = [_as_output(output) for output in stored.get(post_notebook.cell_label(cell), [])]
        # nbval compares only cells marked as run; an unrun cell with outputs is an error to it.
        cell.execution_count = count
    return notebook


def _as_output(stored):
    output = nbformat.from_dict(dict(stored))
    if output.output_type == "display_data":
        output.setdefault("metadata", {})
    return output


def _name(qmd):
    """The post as the messages name it: posts/<slug>/index.qmd."""
    return f"posts/{post_notebook.slug(qmd)}/index.qmd"


def load(qmd):
    """The stored expectations of the post qmd."""
    path = expected_path(qmd)
    if not path.exists():
        raise ExpectedOutputsError(
            f"{_name(qmd)} has no expected outputs ({path.relative_to(_project(qmd))} is missing); "
            f"run `{refresh_command(qmd)}` to store them, then commit the file."
        )
    return json.loads(path.read_text(encoding="utf-8"))


def refresh(qmd):
    """Execute the post and store its outputs, refusing to store a failed check."""
    try:
        executed = execute(post_notebook.convert(qmd), REFRESH_WORKDIR, name=_name(qmd))
    except PostExecutionError as error:
        raise ExpectedOutputsError(f"Not refreshed: {error}") from error
    return store(record(executed, qmd), expected_path(qmd))


def store(expectations, path):
    """Write the expectations, unless a cell's output says a check failed."""
    failed = failed_checks(expectations)
    if failed:
        raise ExpectedOutputsError(
            f"Not refreshed: {expectations['post']} printed a failed check ({'; '.join(failed)}). Fix the post "
            "or the data file first; expectations must never store a failed check."
        )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(expectations, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return Path(path)


def main(argv):
    if not argv or argv[0] != "refresh":
        sys.exit(__doc__.strip())
    qmds = [post_notebook.post(name) for name in argv[1:]] or post_notebook.posts()
    for qmd in qmds:
        print(f"Stored the outputs of {_name(qmd)} in {refresh(qmd).relative_to(ROOT)}.")
        print(f"Stored its figures' baselines in {figure_baselines.store(qmd).relative_to(ROOT)}/.")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (ExpectedOutputsError, post_notebook.NoSuchPostError) as error:
        sys.exit(f"error: {error}")
