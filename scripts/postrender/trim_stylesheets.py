"""Quarto post-render step: the theme stylesheets keep only the rules the site's pages can use.

Quarto builds the flatly and darkly themes with all of Bootstrap, 510 KB (68 KB gzipped) each, and a
page shows nothing until its theme's stylesheet has loaded. PurgeCSS (npm `purgecss`, pinned in
package-lock.json, installed by `make setup`) keeps each rule whose selector names only classes, ids
and elements that some page of the site, or some script the site serves, spells out: a class that
Bootstrap's or Quarto's scripts add when a reader opens a menu or switches the theme is in the
scripts' text, so it stays. What remains is about 24 KB gzipped a theme.

The stylesheets are those the pages this render wrote (pages_written.py) link as Quarto's theme, read with an
HTML parser (lighten/markup.py): a page that links none stops the render, naming it. Each is cut down against every
page of the site, those of earlier renders too, since every page uses it.

Quarto runs it after `quarto render`, `quarto preview` and `quarto publish`, with the `python3` it finds on PATH;
`make render` puts .venv/bin first on PATH.
"""

import os
import subprocess
import sys
from itertools import groupby
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.postrender.lighten.markup import located
from scripts.postrender.node_packages import NODE_MODULES, node_for
from scripts.postrender.pages_written import pages_written
from scripts.postrender.step_pages import stop

PURGECSS = NODE_MODULES / "purgecss" / "bin" / "purgecss.js"
# How Quarto's html template marks the theme's stylesheets, the light and the dark one (the syntax highlighting's
# stylesheets share their class, quarto-color-scheme, but not their id).
THEME_ID = "quarto-bootstrap"


def is_theme_link(element):
    return element.tag == "link" and element.attrs.get("id") == THEME_ID


def theme_stylesheets(site, page):
    """The files of the theme stylesheets page links; stops the render if it links none, or one not in site."""
    stylesheets = set()
    for link in (element for element in located(page.read_text(encoding="utf-8")) if is_theme_link(element)):
        address = urlsplit(link.attrs.get("href") or "")
        stylesheet = (page.parent / unquote(address.path)).resolve()
        if address.scheme or address.netloc or not address.path or not stylesheet.is_relative_to(site) \
                or not stylesheet.is_file():
            stop(__file__, page,
                 f"the page links a theme stylesheet that is not a file of the site: {link.start_tag!r}")
        stylesheets.add(stylesheet)
    if not stylesheets:
        stop(__file__, page, f"the page links no theme stylesheet (a <link> with id {THEME_ID})")
    return stylesheets


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")).resolve()
    stylesheets = sorted(set().union(*(theme_stylesheets(site, page) for page in pages_written(site))))
    if not stylesheets:
        return
    node = node_for(PURGECSS, "the site's theme stylesheets are cut down with PurgeCSS in Node")
    # PurgeCSS writes each stylesheet it cuts down into one folder, under the name it had.
    for folder, in_folder in groupby(stylesheets, key=lambda stylesheet: stylesheet.parent):
        result = subprocess.run(
            [node, str(PURGECSS), "--css", *map(str, in_folder),
             "--content", str(site / "**" / "*.html"), str(site / "**" / "*.js"), "--output", str(folder)],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            sys.exit(f"error: PurgeCSS could not cut down the theme stylesheets:\n{result.stderr}")


if __name__ == "__main__":
    main()
