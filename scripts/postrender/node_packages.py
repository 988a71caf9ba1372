"""Node.js and the npm packages that the post-render steps run in it, or an error that names what is missing and the fix."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


def node_for(needed, purpose):
    """The path of node, when it is on PATH and needed (a path under node_modules/) exists; else exit saying why.

    purpose says what Node does for the site, as in "the site's equations are typeset with MathJax in Node".
    """
    node = shutil.which("node")
    if node is None:
        problem = "Node.js is not on PATH: install Node 20 (e.g. `apt-get install nodejs npm`), then run `make setup`."
    elif not needed.exists():
        problem = f"{needed.relative_to(ROOT)} is missing: run `make setup`, which installs it with `npm ci`."
    else:
        return node
    sys.exit(f"error: {purpose} when the site is rendered, and {problem}")
