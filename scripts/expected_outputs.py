"""Keep the expected outputs that nbval compares the post against, in step with the post.

nbval compares a notebook's fresh outputs with the ones stored in that notebook, but the
post's notebook is generated from the .qmd and so holds none. The expected outputs live in
tests/expected/ as JSON, keyed by each code cell's `#| label:` and stored with the cell's
source, so that a cell edited since the last refresh is caught and named.

Usage: python scripts/expected_outputs.py refresh   (re-execute the post and store its outputs)
"""

import json
import sys
from pathlib import Path

import nbformat

import post_notebook
from execute_post import PostExecutionError, execute

EXPECTED = post_notebook.ROOT / "tests" / "expected" / "gmm-first-look.json"
REFRESH_COMMAND = "make expected"
# Two folders below the root, like the post, so its relative data path holds.
REFRESH_WORKDIR = post_notebook.ROOT / "build" / "expected"
FAILED_CHECK = "Are the datasets equal? No."

# nbval skips images and metadata when it compares, so storing them would only bloat tests/.
IMAGE_PREFIX = "image/"
KEPT_OUTPUT_KEYS = ("output_type", "name", "text", "data")


class ExpectedOutputsError(Exception):
    """The stored expectations cannot be used or refreshed; the message says why and what to run."""


def comparable(output):
    """An output reduced to the fields nbval compares."""
    kept = {key: output[key] for key in KEPT_OUTPUT_KEYS if key in output}
    if "data" in kept:
        kept["data"] = {mime: value for mime, value in kept["data"].items() if not mime.startswith(IMAGE_PREFIX)}
    return kept


def record(executed):
    """The expectations for an executed notebook: each labelled code cell's source and outputs."""
    cells = []
    for index, cell in enumerate(post_notebook.code_cells(executed)):
        label = post_notebook.cell_label(cell)
        if label is None:
            raise ExpectedOutputsError(
                f"Code cell {index + 1} of the post has no `#| label:`; give it one so its outputs can be matched."
            )
        cells.append({"label": label, "source": cell.source, "outputs": [comparable(o) for o in cell.outputs]})
    return {"post": str(post_notebook.POST.relative_to(post_notebook.ROOT)), "cells": cells}


def failed_checks(expectations):
    """Labels of the cells whose output says the regenerated data differs from the data file."""
    return [
        cell["label"]
        for cell in expectations["cells"]
        for output in cell["outputs"]
        if FAILED_CHECK in output.get("text", "")
    ]


def stale_cells(notebook, expectations):
    """One message per code cell whose source no longer matches the stored expectations."""
    stored = {cell["label"]: cell["source"] for cell in expectations["cells"]}
    post = expectations["post"]
    messages = []
    current = []
    for index, cell in enumerate(post_notebook.code_cells(notebook)):
        label = post_notebook.cell_label(cell)
        current.append(label)
        if label is None:
            messages.append(f"Code cell {index + 1} of {post} has no `#| label:`; give it one, then run `{REFRESH_COMMAND}`.")
        elif label not in stored:
            messages.append(f"Cell '{label}' of {post} has no expected outputs yet; run `{REFRESH_COMMAND}`.")
        elif stored[label] != cell.source:
            messages.append(
                f"Cell '{label}' of {post} changed since its expected outputs were stored in "
                f"{EXPECTED.relative_to(post_notebook.ROOT)}; run `{REFRESH_COMMAND}` to re-execute the post and store them."
            )
    for label in stored.keys() - set(current):
        messages.append(f"Expected outputs are stored for cell '{label}', which {post} no longer has; run `{REFRESH_COMMAND}`.")
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


def load(path=EXPECTED):
    if not Path(path).exists():
        raise ExpectedOutputsError(f"{path} is missing; run `{REFRESH_COMMAND}` to create it.")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def refresh(path=EXPECTED):
    """Execute the post and store its outputs, refusing to store a failed data check."""
    try:
        executed = execute(post_notebook.convert(), REFRESH_WORKDIR)
    except PostExecutionError as error:
        raise ExpectedOutputsError(f"Not refreshed: {error}") from error
    return store(record(executed), path)


def store(expectations, path=EXPECTED):
    """Write the expectations, unless a cell's output says the data check failed."""
    failed = failed_checks(expectations)
    if failed:
        raise ExpectedOutputsError(
            f"Not refreshed: cell(s) {', '.join(failed)} printed '{FAILED_CHECK}' — the post no longer "
            "regenerates data/gmm-data.npy. Fix the post or the data file first; expectations must never "
            "store a failed check."
        )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(expectations, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv):
    if argv != ["refresh"]:
        sys.exit(__doc__.strip())
    print(f"Stored the post's outputs in {refresh().relative_to(post_notebook.ROOT)}.")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except ExpectedOutputsError as error:
        sys.exit(f"error: {error}")
