"""Results of the post-render steps' slow work, kept by what they were made from, so that a render does again only what
its inputs changed.

A preview's re-render of a prose edit writes one post's page again, and its figures byte for byte as before; each
step then cuts the same fonts, stores the same figures with a palette, and reads the site's other pages, unchanged, for
what they use. Each of those is a pure function of its inputs: its result is kept under a hash of them, and taken from
here when the same inputs come again. A result is the same bytes as the work would make, so a page built from kept
results is the page a render that did all the work writes.

Kept in Quarto's own cache of the project (.quarto/, beside _site/, never published; `make clean` removes it), a file
per result: one that cannot be read counts as none, and is made again.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

KEPT = Path(".quarto") / "postrender-results"
# Results kept of each kind, the most recently used: a long preview would otherwise keep one more typesetting of the
# site's formulas (about half a MB) for each edit of an equation.
KEEP_OF_EACH_KIND = 64


def made_from(*inputs):
    """A hash of inputs, each bytes or str, told apart from each other: the name a result made from them is kept by."""
    digest = hashlib.sha256()
    for item in inputs:
        data = item.encode("utf-8") if isinstance(item, str) else bytes(item)
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def kept_or_made(kind, inputs, make):
    """The bytes make() returns for inputs (made_from's), as kept from an earlier run, else made now and kept."""
    path = KEPT / kind / made_from(*inputs)
    try:
        result = path.read_bytes()
        os.utime(path)  # used now: the last to go (forget_least_used)
        return result
    except OSError:
        pass
    result = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole or not at all: a render stopped halfway leaves no result cut short under a good name.
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as scratch:
        scratch.write(result)
    os.replace(scratch.name, path)
    forget_least_used(path.parent)
    return result


def forget_least_used(folder):
    """All but the KEEP_OF_EACH_KIND results in folder used most recently, deleted."""
    results = sorted(folder.iterdir(), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for path in results[KEEP_OF_EACH_KIND:]:
        path.unlink(missing_ok=True)


def kept_or_made_json(kind, inputs, make):
    """kept_or_made for a result that is a JSON value; a kept file that is not JSON is made again."""
    def made():
        return json.dumps(make(), ensure_ascii=False).encode("utf-8")

    try:
        return json.loads(kept_or_made(kind, inputs, made))
    except ValueError:
        (KEPT / kind / made_from(*inputs)).unlink(missing_ok=True)
        return json.loads(kept_or_made(kind, inputs, made))
