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

PurgeCSS's result depends on the pages only through the answers its selectors ask of their words
(selector_vocabulary.mjs lists the questions). It is kept under those answers (kept_results.py): a re-render whose
pages answer them as the last did, as a prose edit that brings no new class name does, takes it without running
PurgeCSS, and gets the same bytes.

Quarto runs it after `quarto render`, `quarto preview` and `quarto publish`, with the `python3` it finds on PATH;
`make render` puts .venv/bin first on PATH.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from itertools import groupby
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.postrender.kept_results import kept_or_made_json
from scripts.postrender.lighten.markup import located
from scripts.postrender.node_packages import NODE_MODULES, node_for
from scripts.postrender.pages_written import pages_written
from scripts.postrender.step_pages import stop

PURGECSS = NODE_MODULES / "purgecss" / "bin" / "purgecss.js"
VOCABULARY = Path(__file__).resolve().parent / "selector_vocabulary.mjs"
# Every npm package's version, as `npm ci` installed them: PurgeCSS's and its parsers' among them.
NPM_INSTALLED = NODE_MODULES / ".package-lock.json"
# Among the inputs of each result kept: a change to this module makes them again.
THIS_CODE = Path(__file__).read_bytes()
# PurgeCSS's default extractor, which it runs over every content file, HTML and JavaScript alike, as text: the words
# whose answers decide what it keeps (purgecss/lib/purgecss.js, defaultExtractor).
WORD = re.compile(r"[A-Za-z0-9_-]+")
# The files PurgeCSS reads as content: the site's pages and scripts (not in a hidden folder, as its globs skip them).
CONTENT_SUFFIXES = (".html", ".js")
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


def content_files(site):
    return sorted(path for path in site.rglob("*") if path.suffix in CONTENT_SUFFIXES and path.is_file()
                  and not any(part.startswith(".") for part in path.relative_to(site).parts))


def words(path):
    """The words PurgeCSS extracts from the file, kept by its bytes."""
    content = path.read_bytes()
    return kept_or_made_json("content-words", (content, THIS_CODE),
                             lambda: sorted(set(WORD.findall(content.decode("utf-8", errors="replace")))))


def answers(vocabulary, found):
    """What the content's words (found) answer to each question PurgeCSS's selectors can ask of them."""
    def holds(operator, value):
        if operator == "$=":
            return any(word.endswith(value) for word in found)
        if operator in ("^=", "|="):
            return any(word.startswith(value) for word in found)
        if operator in ("*=", "~="):
            return all(any(part in word for word in found) for part in value.strip().split(" "))
        return value in found
    present = sorted(name for name in vocabulary["names"] if name in found)
    return present, [holds(operator, value) for operator, value in vocabulary["predicates"]]


def purged(node, stylesheets, files):
    """{name: text} of each stylesheet as PurgeCSS cuts it down against the content files."""
    with tempfile.TemporaryDirectory() as output:
        result = subprocess.run([node, str(PURGECSS), "--css", *map(str, stylesheets), "--content", *map(str, files),
                                 "--output", output], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"error: PurgeCSS could not cut down the theme stylesheets:\n{result.stderr}")
        return {stylesheet.name: (Path(output) / stylesheet.name).read_bytes().decode("utf-8")
                for stylesheet in stylesheets}


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")).resolve()
    stylesheets = sorted(set().union(*(theme_stylesheets(site, page) for page in pages_written(site))))
    if not stylesheets:
        return
    node = node_for(PURGECSS, "the site's theme stylesheets are cut down with PurgeCSS in Node")
    files = content_files(site)
    found = set().union(*(words(path) for path in files))
    tools = (NPM_INSTALLED.read_bytes(), VOCABULARY.read_bytes(), THIS_CODE)
    # PurgeCSS cuts down the stylesheets of one folder at a time, as it writes them under the names they had.
    for folder, in_folder in groupby(stylesheets, key=lambda stylesheet: stylesheet.parent):
        in_folder = list(in_folder)
        sheets = tuple(part for stylesheet in in_folder for part in (stylesheet.name, stylesheet.read_bytes()))

        def vocabulary():
            listed = subprocess.run([node, str(VOCABULARY), *map(str, in_folder)], capture_output=True, text=True)
            if listed.returncode != 0:
                sys.exit(f"error: the theme stylesheets' selectors could not be read:\n{listed.stderr}")
            return json.loads(listed.stdout)

        asked = kept_or_made_json("selector-vocabulary", (*sheets, *tools), vocabulary)
        present, holds = answers(asked, found)
        trimmed = kept_or_made_json("trimmed-stylesheets", (*sheets, *tools, "\0".join(present), json.dumps(holds)),
                                    lambda: purged(node, in_folder, files))
        for stylesheet in in_folder:
            stylesheet.write_bytes(trimmed[stylesheet.name].encode("utf-8"))


if __name__ == "__main__":
    main()
