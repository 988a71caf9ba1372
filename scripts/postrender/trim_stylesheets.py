"""Quarto post-render step: the theme stylesheets keep only the rules the site's pages can use.

Quarto builds the flatly and darkly themes with all of Bootstrap, 510 KB (68 KB gzipped) each, and a
page shows nothing until its theme's stylesheet has loaded. PurgeCSS (npm `purgecss`, pinned in
package-lock.json, installed by `make setup`) keeps each rule whose selector names only classes, ids
and elements that some page of the site, or some script the site serves, spells out: a class that
Bootstrap's or Quarto's scripts add when a reader opens a menu or switches the theme is in the
scripts' text, so it stays. What remains is about 24 KB gzipped a theme.

Quarto runs it after `quarto render`, `quarto preview` and `quarto publish`, with the `python3` it
finds on PATH; `make render` puts .venv/bin first on PATH.
"""

import os
import subprocess
import sys
from pathlib import Path

from node_packages import NODE_MODULES, node_for

PURGECSS = NODE_MODULES / "purgecss" / "bin" / "purgecss.js"
THEMES = Path("site_libs") / "bootstrap"
THEME_STYLESHEETS = "bootstrap-*.min.css"


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")).resolve()
    stylesheets = sorted((site / THEMES).glob(THEME_STYLESHEETS))
    if not stylesheets:
        return
    node = node_for(PURGECSS, "the site's theme stylesheets are cut down with PurgeCSS in Node")
    result = subprocess.run(
        [node, str(PURGECSS), "--css", *map(str, stylesheets),
         "--content", str(site / "**" / "*.html"), str(site / "**" / "*.js"), "--output", str(site / THEMES)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.exit(f"error: PurgeCSS could not cut down the theme stylesheets:\n{result.stderr}")


if __name__ == "__main__":
    main()
