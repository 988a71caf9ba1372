"""Quarto post-render step: the site's fonts come from the site itself, cut down to what its pages use.

The flatly and darkly themes fetch Lato from Google Fonts (theme.scss turns that import off); this
serves Lato from the pinned PyPI package font-lato instead, as WOFF2 without hinting (styles.css
declares it), holding printable ASCII and the other Latin characters the site's pages and search
index use: 8 KB a face instead of 75 KB (14 KB with all of Latin). Every page fetches the three faces
before its first paint, and on a phone's connection each KB is time before the largest paint; a
character a later post adds is in the next render's fonts, and one typed into the search box that
Lato lacks here is drawn in the fallback font. Quarto's Bootstrap Icons font holds some 2,000 icons, of which
the pages show a handful: this keeps only the icons a page or script of the site names, as WOFF2,
and only their rules in bootstrap-icons.css. Subsetting and compression are fontTools'.

Both fonts serve every page, so each is cut down from all the site's pages, those of earlier renders too: each page
read with an HTML parser (lighten/markup.py) for its text and the icon classes its elements name.

Quarto runs it after `quarto render`, `quarto preview` and `quarto publish`, with the
`python3` it finds on PATH; `make render` puts .venv/bin first on PATH.
"""

import importlib.util
import io
import json
import os
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

from scripts.postrender.kept_results import kept_or_made, kept_or_made_json
from scripts.postrender.lighten.markup import located

LATO_DIR = Path("site_libs") / "lato"
# The faces flatly and darkly use; styles.css declares them.
LATO_FACES = ("Lato-Regular", "Lato-Bold", "Lato-Italic")
# Google Fonts' "latin" range, which is what the themes asked it for.
LATIN = ("U+0000-00FF U+0131 U+0152-0153 U+02BB-02BC U+02C6 U+02DA U+02DC U+2000-206F U+2074 U+20AC "
         "U+2122 U+2190-2193 U+2212 U+2215 U+FEFF U+FFFD")
# Typed into the search box and written by Quarto's scripts, whatever the pages hold.
PRINTABLE_ASCII = range(0x20, 0x7F)
# The text of the pages and of the search index, whose results show any page's words.
PAGES = "*.html"
SEARCH_INDEX = "search.json"
ICONS_DIR = Path("site_libs") / "bootstrap"
ICONS_CSS = "bootstrap-icons.css"
ICONS_FONT = "bootstrap-icons.woff"
ICON_RULE = re.compile(r'^\.(bi-[a-z0-9-]+)::before \{ content: "\\([0-9a-f]+)"; \}\n', re.MULTILINE)
ICON_FONT_FACE = re.compile(r'url\("\./bootstrap-icons\.woff\?[0-9a-f]*"\) format\("woff"\)')
ICON_PREFIX = "bi-"
# This module, among the inputs of each result it keeps (kept_results.py): a change to it makes them again.
THIS_CODE = Path(__file__).read_bytes()
# An icon's name in a script (JavaScript, not markup: a script adds an icon's class by its name).
ICON_NAME = re.compile(r"\bbi-[a-z0-9-]+")


def lato_directory():
    """The folder of font-lato's faces, once the packages that cut the fonts down are known to be installed. The
    subsetter itself is imported only to cut a font (subset_to_woff2): a preview's re-render finds its fonts kept and
    cuts none, and each of the two steps that use it would take 80 ms more to import it."""
    try:
        import font_lato
        missing = [name for name in ("fontTools.subset", "brotli") if importlib.util.find_spec(name) is None]
        if missing:  # fontTools writes WOFF2 with brotli
            raise ImportError(f"No module named {missing[0]!r}")
    except ImportError as error:
        sys.exit(
            f"error: the site serves its fonts itself, cut down with Python packages this interpreter lacks "
            f"({error}; {sys.executable}). Run `make setup` and render with `make render`, or put .venv/bin "
            "first on PATH before running quarto."
        )
    return Path(font_lato.font_directory)


def subset_to_woff2(source, target, unicodes):
    """The font at source, cut down to unicodes, as WOFF2 at target (kept_results.py: cut once per font and set)."""
    import fontTools

    def cut():
        from fontTools import subset

        options = subset.Options()
        options.flavor = "woff2"
        # TrueType hinting is 40 % of Lato's bytes, and browsers draw these sizes without it.
        options.hinting = False
        # MathJax's fonts carry language tags (ltag), which fontTools cannot cut down and browsers do not read.
        options.drop_tables += ["ltag"]
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        woff2 = io.BytesIO()
        subset.save_font(font, woff2, options)
        return woff2.getvalue()

    inputs = (Path(source).read_bytes(), ",".join(map(str, sorted(unicodes))), fontTools.version, THIS_CODE)
    Path(target).write_bytes(kept_or_made("woff2-subsets", inputs, cut))


class _Text(HTMLParser):
    """The text of a page, as an HTML parser reads it: its character references read, its tags and comments left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []

    def handle_data(self, data):
        self.text.append(data)


def page_text(page_html):
    parser = _Text()
    parser.feed(page_html)
    parser.close()
    return "".join(parser.text)


def strings(value):
    """Every string in a JSON value, keys too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def characters_used(site):
    """Every character in the text of the site's pages (their scripts' and stylesheets' too) and its search index."""
    used = set()
    for page in site.rglob(PAGES):
        content = page.read_bytes()
        used.update(kept_or_made_json("page-characters", (content, THIS_CODE), lambda: sorted(set(
            page_text(content.decode("utf-8", errors="replace"))))))
    for index in site.rglob(SEARCH_INDEX):
        used.update(*strings(json.loads(index.read_text(encoding="utf-8", errors="replace"))))
    return used


def code_points(unicode_range):
    """The code points of a CSS unicode-range, such as LATIN: U+ and a hexadecimal code point, or two and a hyphen."""
    points = set()
    for item in unicode_range.split():
        first, _, last = item.removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def lato_unicodes(site):
    """Latin's code points that the site uses, and printable ASCII."""
    latin = code_points(LATIN)
    return sorted(latin & ({ord(character) for character in characters_used(site)} | set(PRINTABLE_ASCII)))


def serve_lato(site, lato):
    (site / LATO_DIR).mkdir(parents=True, exist_ok=True)
    unicodes = lato_unicodes(site)
    for face in LATO_FACES:
        subset_to_woff2(lato / f"{face}.ttf", site / LATO_DIR / f"{face}.woff2", unicodes)
    shutil.copy2(lato / "OFL.txt", site / LATO_DIR / "OFL.txt")


def icons_named(page_html):
    """The icons a page names: in its elements' classes, and in its scripts, which add an icon's class by its name."""
    names = set()
    for element in located(page_html):
        names.update(name for name in element.classes if name.startswith(ICON_PREFIX))
        if element.tag == "script":
            names.update(ICON_NAME.findall(element.inner))
    return names


def icon_names_used(site, icons_css):
    names = set()
    for path in site.rglob("*"):
        if path.suffix == ".html":
            content = path.read_bytes()
            names.update(kept_or_made_json("page-icons", (content, THIS_CODE), lambda: sorted(icons_named(
                content.decode("utf-8", errors="replace")))))
        elif path.suffix == ".js" and path != icons_css:
            names.update(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def slim_icons(site):
    icons_css = site / ICONS_DIR / ICONS_CSS
    font = site / ICONS_DIR / ICONS_FONT
    if not font.exists():  # a preview's re-render finds it cut down already
        return
    css = icons_css.read_text(encoding="utf-8")
    used = icon_names_used(site, icons_css)
    kept = [match for match in ICON_RULE.finditer(css) if match.group(1) in used]
    woff2 = font.with_suffix(".woff2")
    subset_to_woff2(font, woff2, [int(match.group(2), 16) for match in kept])
    font.unlink()
    rules = "".join(match.group(0) for match in kept)
    head = ICON_FONT_FACE.sub(f'url("./{woff2.name}") format("woff2")', css[: ICON_RULE.search(css).start()])
    icons_css.write_text(head + rules, encoding="utf-8")


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    serve_lato(site, lato_directory())
    slim_icons(site)


if __name__ == "__main__":
    main()
