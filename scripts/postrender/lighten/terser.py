"""Scripts minified with Terser (npm `terser`, pinned in package-lock.json), their licence comments kept: Quarto
ships its own scripts unminified."""

import functools
import json
import subprocess
import sys
from pathlib import Path

from scripts.postrender.kept_results import kept_or_made
from scripts.postrender.node_packages import NODE_MODULES, node_for

TERSER = NODE_MODULES / "terser" / "bin" / "terser"
# Among the inputs of each minified script kept (kept_results.py), with Terser's own release.
THIS_CODE = Path(__file__).read_bytes()


def minified(script, name, module=False):
    """The script minified by Terser, its licence comments kept. Minified once per script: Quarto writes its own
    scripts afresh on every render, a preview's re-render of an edit too."""
    node = node_for(TERSER, "the scripts every page loads are minified with Terser in Node")

    def run_terser():
        result = subprocess.run([node, str(TERSER), "--compress", "--mangle", "--comments", "some",
                                 *(["--module"] if module else [])], input=script, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"error: Terser could not minify {name}:\n{result.stderr}")
        return result.stdout.encode("utf-8")

    inputs = (script, str(module), (TERSER.parents[1] / "package.json").read_bytes(), THIS_CODE)
    return kept_or_made("terser-minified", inputs, run_terser).decode("utf-8")


@functools.cache
def minified_file(path):
    return minified(path.read_text(encoding="utf-8"), path.name)


def terser_version():
    """The version of Terser installed, which what it writes depends on."""
    return json.loads((TERSER.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]
