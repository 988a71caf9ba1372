"""Quarto post-render step: every equation is typeset when the site is built, so pages run no math script.

Quarto leaves each formula as TeX in `<span class="math inline|display">` and has the page load MathJax
from a CDN to typeset it in the reader's browser, which on a phone blocks the page for seconds. This
typesets every formula of every page once, with MathJax 4 in Node (npm `mathjax`, pinned in
package-lock.json, installed by `make setup`), writes MathJax's markup in its place with the MathML
screen readers read, and drops the MathJax script from every page. Formulas are scaled to Lato's
x-height (115 %), as MathJax scales them in a browser to the text around them. Pages with math link one
stylesheet and the MathJax fonts it names, served from site_libs/mathjax/; a browser fetches only the
fonts of the characters a page shows. Each font is cut down (with fontTools) to the characters the site's
formulas show: the one for upright letters and symbols is 94 KB whole and 9 KB cut down.

A display formula too wide for a phone's column is written twice: as it fits a desktop column and
broken into lines that fit a phone's; styles.css shows the one that fits the screen.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from node_packages import NODE_MODULES, node_for
from self_host_assets import imports, subset_to_woff2

ROOT = Path(__file__).resolve().parents[2]
TYPESETTER = Path(__file__).resolve().parent / "typeset_math.mjs"
FONTS = NODE_MODULES / "@mathjax" / "mathjax-newcm-font" / "chtml" / "woff2"
LICENCE = NODE_MODULES / "mathjax" / "LICENSE"
MATH_DIR = Path("site_libs") / "mathjax"
STYLESHEET = "mathjax.css"
FONT_DIR = "woff2"

FORMULA = re.compile(r'<span class="math (inline|display)">\\[(\[](.*?)\\[)\]]</span>', re.DOTALL)
# MathJax marks every node with its TeX, for its menu and explorer in the browser, which these pages do not run.
NODE_TEX = re.compile(r' data-latex="[^"]*"')
# A character MathJax draws, as the text of an mjx-c element.
DRAWN_CHARACTER = re.compile(r"<mjx-c\b[^>]*>([^<]*)</mjx-c>")
# The only character MathJax's zero-size font maps, which every formula's font list starts with: without
# it the browser discards that font and lays formulas out with the next one's line height, clipping them.
ZERO_FONT_CHARACTER = " "
# The html template adds MathJax from a CDN, and a polyfill from cdnjs, whenever the math method is MathJax.
MATH_SCRIPTS = re.compile(
    r'[ \t]*<script (?:defer="" )?src="https://(?:cdn\.jsdelivr\.net/npm/mathjax|cdnjs\.cloudflare\.com/polyfill)'
    r'[^"]*"[^>]*></script>\n?'
)


def text_x_height():
    """The x-height of the site's text font, Lato, in em: MathJax matches its letters' to it."""
    lato, _ = imports()
    from fontTools.ttLib import TTFont

    font = TTFont(lato / "Lato-Regular.ttf")
    return font["OS/2"].sxHeight / font["head"].unitsPerEm


def typeset(formulas):
    """MathJax's markup for each (tex, display) formula, wide and (or None) narrow, and the stylesheet."""
    node = node_for(NODE_MODULES / "mathjax", "the site's equations are typeset with MathJax in Node")
    request = json.dumps([{"tex": tex, "display": display} for tex, display in formulas])
    result = subprocess.run([node, str(TYPESETTER), FONT_DIR, str(text_x_height())], input=request,
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"error: MathJax could not typeset the site's equations:\n{result.stderr}")
    return json.loads(result.stdout)


def formulas_of(page_html):
    return [(html.unescape(match.group(2)), match.group(1) == "display") for match in FORMULA.finditer(page_html)]


def typeset_page(page_html, wide, narrow, stylesheet):
    """page_html with each formula replaced, in order, by its markup, and the stylesheet linked."""
    markup = iter(zip(wide, narrow))

    def replace(match):
        full, broken = (NODE_TEX.sub("", typeset) if typeset else typeset for typeset in next(markup))
        if broken is not None:
            full = f'<span class="math-wide">{full}</span><span class="math-narrow">{broken}</span>'
        return f'<span class="math {match.group(1)}">{full}</span>'

    typeset_html = FORMULA.sub(replace, page_html)
    return typeset_html.replace("</head>", f'<link href="{stylesheet}" rel="stylesheet">\n</head>', 1)


def css_blocks(css):
    """The stylesheet's top-level blocks, {selector or at-rule: whole block}, in order."""
    blocks, depth, start = {}, 0, 0
    for index, character in enumerate(css):
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                block = css[start:index + 1].strip()
                selector = block.split("{", 1)[0].strip()
                # Every font has a block of its own under the same at-rule: those are told apart by their text.
                blocks[block if selector.startswith("@font-face") else selector] = block
                start = index + 1
    return blocks


def merged_stylesheet(earlier, later):
    """earlier's blocks, each replaced by later's where both have it, then later's others."""
    blocks = css_blocks(earlier) | css_blocks(later)
    return "\n\n".join(blocks.values()) + "\n"


def characters_drawn(pages_html):
    """Every character the typeset formulas of these pages draw, and the zero-size font's."""
    drawn = {ZERO_FONT_CHARACTER}
    for page_html in pages_html:
        for match in DRAWN_CHARACTER.finditer(page_html):
            drawn.update(html.unescape(match.group(1)))
    return drawn


def write_assets(site, css):
    """The stylesheet and MathJax's licence."""
    target = site / MATH_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / STYLESHEET).write_text(css, encoding="utf-8")
    shutil.copy2(LICENCE, target / "LICENSE")


def write_fonts(site, css, pages_html):
    """The fonts the stylesheet names, each cut down to the characters the formulas of the site's pages draw."""
    target = site / MATH_DIR / FONT_DIR
    target.mkdir(parents=True, exist_ok=True)
    _, subset = imports()
    unicodes = sorted(map(ord, characters_drawn(pages_html)))
    for font in sorted(set(re.findall(rf'url\("{FONT_DIR}/([\w.-]+\.woff2)"\)', css))):
        subset_to_woff2(subset, FONTS / font, target / font, unicodes)


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    pages = {page: MATH_SCRIPTS.sub("", page.read_text(encoding="utf-8")) for page in sorted(site.rglob("*.html"))}
    formulas = {page: formulas_of(text) for page, text in pages.items()}
    everything = [formula for found in formulas.values() for formula in found]
    if everything:
        typeset_all = typeset(everything)
        css = typeset_all["css"]
        # A render of some pages (`quarto render <file>`, `quarto preview`) typesets only theirs: the rules the
        # site's other pages need stay, until a render of the whole site writes the stylesheet afresh.
        stylesheet = site / MATH_DIR / STYLESHEET
        if os.environ.get("QUARTO_PROJECT_RENDER_ALL") != "1" and stylesheet.exists():
            css = merged_stylesheet(stylesheet.read_text(encoding="utf-8"), css)
        write_assets(site, css)
    start = 0
    for page, text in pages.items():
        count = len(formulas[page])
        if count:
            end = start + count
            to_root = os.path.relpath(site, page.parent).replace(os.sep, "/")
            text = typeset_page(text, typeset_all["wide"][start:end], typeset_all["narrow"][start:end],
                                f"{to_root}/{MATH_DIR.as_posix()}/{STYLESHEET}")
            start = end
        page.write_text(text, encoding="utf-8")
        pages[page] = text
    if everything:
        write_fonts(site, css, pages.values())


if __name__ == "__main__":
    main()
