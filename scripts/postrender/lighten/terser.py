"""Scripts minified with Terser (npm `terser`, pinned in package-lock.json), their licence comments kept: Quarto
ships its own scripts unminified."""

import functools
import json
import subprocess
import sys

from scripts.postrender.node_packages import NODE_MODULES, node_for

TERSER = NODE_MODULES / "terser" / "bin" / "terser"


def minified(script, name, module=False):
    """The script minified by Terser, its licence comments kept."""
    node = node_for(TERSER, "the scripts every page loads are minified with Terser in Node")
    result = subprocess.run([node, str(TERSER), "--compress", "--mangle", "--comments", "some", *(["--module"] if module else [])],
                            input=script, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: Terser could not minify {name}:\n{result.stderr}")
    return result.stdout


@functools.cache
def minified_file(path):
    return minified(path.read_text(encoding="utf-8"), path.name)


def terser_version():
    """The version of Terser installed, which what it writes depends on."""
    return json.loads((TERSER.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]
