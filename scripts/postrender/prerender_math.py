"""Quarto post-render step: every equation is typeset when the site is built, so pages run no math script.

Quarto leaves each formula as TeX in `<span class="math inline|display">` and has the page load MathJax
from a CDN to typeset it in the reader's browser, which on a phone blocks the page for seconds. This
typesets every formula of the pages the render wrote (pages_written.py), with MathJax 4 in Node (npm `mathjax`,
pinned in package-lock.json, installed by `make setup`), writes MathJax's markup in its place with the MathML
screen readers read, and drops the MathJax script from those pages. Formulas are scaled to Lato's
x-height (115 %), as MathJax scales them in a browser to the text around them. Pages with math link one
stylesheet and the MathJax fonts it names, served from site_libs/mathjax/; a browser fetches only the
fonts of the characters a page shows. Each font is cut down (with fontTools) to the characters the site's
formulas show: the one for upright letters and symbols is 94 KB whole and 9 KB cut down.

A display formula too wide for a phone's column is written twice: as it fits a desktop column and
broken into lines that fit a phone's; styles.css shows the one that fits the screen.

The stylesheet serves every page, so a render of some pages (`quarto render <file>`, `quarto preview`) writes it
from every formula of the site: those of the pages it wrote, and the others' as the render that typeset them kept
them (FORMULAS_KEPT, beside Quarto's cache in .quarto/). Where those are not kept, it adds its pages' rules to the
stylesheet and keeps the others'. The fonts are cut down to the characters every page's formulas draw.

Pages are read with an HTML parser (lighten/markup.py). A formula already typeset is left as it is, so a page run
through twice is the page run through once. A math span of any other form than Quarto's TeX or MathJax's markup
stops the render, naming the page: it would otherwise reach the reader as raw TeX, with no script to typeset it.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.postrender.kept_results import kept_or_made_json
from scripts.postrender.lighten.markup import located, splice
from scripts.postrender.node_packages import NODE_MODULES, node_for
from scripts.postrender.pages_written import pages_written
from scripts.postrender.self_host_assets import lato_directory, subset_to_woff2
from scripts.postrender.step_pages import stop

ROOT = Path(__file__).resolve().parents[2]
TYPESETTER = Path(__file__).resolve().parent / "typeset_math.mjs"
FONTS = NODE_MODULES / "@mathjax" / "mathjax-newcm-font" / "chtml" / "woff2"
LICENCE = NODE_MODULES / "mathjax" / "LICENSE"
MATH_DIR = Path("site_libs") / "mathjax"
STYLESHEET = "mathjax.css"
FONT_DIR = "woff2"

# Quarto's formula: <span class="math inline">\(TeX\)</span> or <span class="math display">\[TeX\]</span>, the TeX
# escaped as HTML text.
DELIMITERS = {"inline": ("\\(", "\\)"), "display": ("\\[", "\\]")}
# What a formula this step typeset starts with: MathJax's container, or a display's wide layout before its narrow one.
CONTAINER = "mjx-container"
WIDE_LAYOUT = "math-wide"
# The element MathJax draws each character in, as its text.
DRAWN_CHARACTER = "mjx-c"
# The only character MathJax's zero-size font maps, which every formula's font list starts with: without
# it the browser discards that font and lays formulas out with the next one's line height, clipping them.
ZERO_FONT_CHARACTER = " "
# The TeX of every formula of the site, by page, as the render that typeset each page read it: a render of some pages
# typesets the others' formulas again from here, so that it writes the stylesheet a render of every page writes.
# Kept with Quarto's own cache of the project, beside _site/, not in it, so it is not published.
FORMULAS_KEPT = Path(".quarto") / "prerender-math" / "formulas.json"
# The html template adds MathJax from a CDN, and a polyfill from cdnjs, whenever the math method is MathJax.
MATH_SCRIPTS = ("https://cdn.jsdelivr.net/npm/mathjax", "https://cdnjs.cloudflare.com/polyfill")
# This module, the typesetter and MathJax's release are among the inputs of each result kept (kept_results.py).
THIS_CODE = Path(__file__).read_bytes()
MATHJAX_PACKAGE = NODE_MODULES / "mathjax" / "package.json"


def text_x_height(text_font):
    """The x-height of the site's text font, Lato, in em: MathJax matches its letters' to it."""
    from fontTools.ttLib import TTFont

    font = TTFont(text_font)
    return font["OS/2"].sxHeight / font["head"].unitsPerEm


def typeset(formulas):
    """MathJax's markup for each (tex, display) formula, wide and (or None) narrow, and the stylesheet. Typeset once
    per list of formulas: a render whose formulas are the last one's, as a preview's re-render of a prose edit is,
    starts no MathJax, and reads no font."""
    node = node_for(NODE_MODULES / "mathjax", "the site's equations are typeset with MathJax in Node")
    request = json.dumps([{"tex": tex, "display": display} for tex, display in formulas])
    text_font = lato_directory() / "Lato-Regular.ttf"

    def run_mathjax():
        arguments = [FONT_DIR, str(text_x_height(text_font))]
        result = subprocess.run([node, str(TYPESETTER), *arguments], input=request, capture_output=True, text=True,
                                cwd=ROOT)
        if result.returncode != 0:
            sys.exit(f"error: MathJax could not typeset the site's equations:\n{result.stderr}")
        return json.loads(result.stdout)

    # The font, where MathJax is handed its x-height: reading that takes fontTools, which a kept result spares.
    inputs = (request, FONT_DIR, text_font.read_bytes(), TYPESETTER.read_bytes(), MATHJAX_PACKAGE.read_bytes(),
              THIS_CODE)
    return kept_or_made_json("mathjax-typeset", inputs, run_mathjax)


def math_of(page, elements):
    """The page's math (its parsed elements): [(span, TeX, display)] of each formula still TeX, in order, and how many
    spans hold a formula typeset already. A math span of another form, neither Quarto's TeX nor MathJax's markup,
    stops the render naming the page."""
    formulas, typeset = [], 0
    for index, element in enumerate(elements):
        if element.tag != "span" or "math" not in element.classes:
            continue
        inside = elements[index + 1] if index + 1 < len(elements) else None
        if inside is not None and element.end is not None and inside.start < element.end:
            if inside.start == element.start_tag_end and (inside.tag == CONTAINER or WIDE_LAYOUT in inside.classes):
                typeset += 1  # by an earlier run of this step
                continue
            stop(__file__, page, f"a math span holds markup that is neither TeX nor MathJax's: {element.outer[:200]!r}")
        kind = element.classes[1] if len(element.classes) == 2 and element.classes[0] == "math" else None
        opening, closing = DELIMITERS.get(kind, (None, None))
        if opening is None or not (element.inner.startswith(opening) and element.inner.endswith(closing)) \
                or len(element.inner) < len(opening) + len(closing):
            stop(__file__, page, f"a math span is not Quarto's <span class=\"math inline|display\"> holding \\(...\\) "
                                 f"or \\[...\\]: {element.outer[:200]!r}")
        formulas.append((element, html.unescape(element.inner[len(opening):-len(closing)]), kind == "display"))
    return formulas, typeset


def math_scripts(page, elements):
    """The scripts that load MathJax, and its polyfill, from a CDN; a script of MathJax's from anywhere else stops the
    render naming the page."""
    scripts = []
    for element in elements:
        source = (element.attrs.get("src") or "") if element.tag == "script" else ""
        if source.startswith(MATH_SCRIPTS):
            scripts.append(element)
        elif "mathjax" in source.lower():
            stop(__file__, page,
                 f"a script loads MathJax from an address this step does not know: {element.start_tag!r}")
    return scripts


def whole_lines(text, element):
    """(start, end) of element in text, with the spaces before it on its line and the line's end after it."""
    start, end = element.start, element.outer_end
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start, end + (text[end:end + 1] == "\n")


def typeset_page(page, page_html, elements, formulas, wide, narrow, stylesheet):
    """page_html with MathJax's scripts gone, each formula's TeX replaced, in order, by its markup, and the stylesheet
    linked (if the page has formulas and does not link it already)."""
    replacements = [(*whole_lines(page_html, script), "") for script in math_scripts(page, elements)]
    for (span, _, _), full, broken in zip(formulas, wide, narrow, strict=True):
        if broken is not None:
            full = f'<span class="{WIDE_LAYOUT}">{full}</span><span class="math-narrow">{broken}</span>'
        replacements.append((span.start_tag_end, span.end_tag_start, full))
    linked = any(element.tag == "link" and element.attrs.get("href") == stylesheet for element in elements)
    if formulas and not linked:
        head = next((element for element in elements if element.tag == "head" and element.end_tag_start), None)
        if head is None:
            stop(__file__, page, "the page has formulas but no </head> to link MathJax's stylesheet before")
        replacements.append((head.end_tag_start, head.end_tag_start, f'<link href="{stylesheet}" rel="stylesheet">\n'))
    return splice(page_html, replacements)


def css_blocks(css):
    """The stylesheet's top-level blocks, {(selector or at-rule, how many blocks before had it): whole block}, in order.
    MathJax writes some selectors twice (mjx-stretchy-h's clip-path with its base rules, its display with its
    wrapper's): each is a block of its own."""
    blocks, seen, depth, start = {}, {}, 0, 0
    for index, character in enumerate(css):
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                block = css[start:index + 1].strip()
                selector = block.split("{", 1)[0].strip()
                # Every font has a block of its own under the same at-rule: those are told apart by their text.
                key = block if selector.startswith("@font-face") else selector
                blocks[key, seen.get(key, 0)] = block
                seen[key] = seen.get(key, 0) + 1
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
        drawn.update(kept_or_made_json("math-characters", (page_html, THIS_CODE), lambda: sorted(set().union(
            *(html.unescape(element.inner) for element in located(page_html, inside_formulas=True)
              if element.tag == DRAWN_CHARACTER)))))
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
    unicodes = sorted(map(ord, characters_drawn(pages_html)))
    # The stylesheet (CSS, not markup) names each font in a url().
    for font in sorted(set(re.findall(rf'url\("{FONT_DIR}/([\w.-]+\.woff2)"\)', css))):
        subset_to_woff2(FONTS / font, target / font, unicodes)


def kept_formulas():
    """{page under the site: [[TeX, display], …]} as FORMULAS_KEPT holds them, or {} where it holds none."""
    try:
        kept = json.loads(FORMULAS_KEPT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def site_formulas(site, math):
    """{page under the site: [[TeX, display], …]} of each page with math: the pages of math ({page: math_of's}) as they
    are now, every other page as FORMULAS_KEPT holds it from the render that typeset it."""
    formulas = {name: found for name, found in kept_formulas().items() if (site / name).is_file()}
    for page, (found, typeset) in math.items():
        name = page.relative_to(site).as_posix()
        if found:
            formulas[name] = [[tex, display] for _, tex, display in found]
        elif not typeset:
            formulas.pop(name, None)
    return formulas


def all_kept(site, formulas, written):
    """Whether formulas holds as many formulas for each page not written as it shows typeset."""
    for page in sorted(set(site.rglob("*.html")) - set(written)):
        text = page.read_text(encoding="utf-8")
        typeset = kept_or_made_json("math-typeset-count", (text, THIS_CODE), lambda: math_of(page, located(text))[1])
        if typeset != len(formulas.get(page.relative_to(site).as_posix(), [])):
            return False
    return True


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    # Only the pages this render wrote: the others were typeset by the render that wrote them.
    pages = {page: page.read_text(encoding="utf-8") for page in pages_written(site)}
    elements = {page: located(text) for page, text in pages.items()}
    math = {page: math_of(page, elements[page]) for page in pages}
    formulas = {page: found for page, (found, _) in math.items()}
    every_formula = site_formulas(site, math)
    markup = {page: ([], []) for page in pages}
    if any(formulas.values()):
        stylesheet = site / MATH_DIR / STYLESHEET
        if all_kept(site, every_formula, pages):
            # Every formula of the site, in the order a render of every page typesets them: the stylesheet is the one
            # that render writes, whichever pages this render wrote.
            names = sorted(every_formula, key=lambda name: site / name)
            typeset_all = typeset([(tex, display) for name in names for tex, display in every_formula[name]])
            css = typeset_all["css"]
        else:
            # Some page's formulas are not kept (its render predates FORMULAS_KEPT): the rules the site's other pages
            # need stay, until a render of the whole site writes the stylesheet afresh.
            names = [page.relative_to(site).as_posix() for page in pages if formulas[page]]
            typeset_all = typeset([(tex, display) for page in pages for _, tex, display in formulas[page]])
            css = typeset_all["css"]
            if os.environ.get("QUARTO_PROJECT_RENDER_ALL") != "1" and stylesheet.exists():
                css = merged_stylesheet(stylesheet.read_text(encoding="utf-8"), css)
        start = 0
        for name in names:
            end = start + len(every_formula[name])
            markup[site / name] = (typeset_all["wide"][start:end], typeset_all["narrow"][start:end])
            start = end
        write_assets(site, css)
    for page, text in pages.items():
        to_root = os.path.relpath(site, page.parent).replace(os.sep, "/")
        wide, narrow = markup[page] if formulas[page] else ([], [])
        typeset_text = typeset_page(page, text, elements[page], formulas[page], wide, narrow,
                                    f"{to_root}/{MATH_DIR.as_posix()}/{STYLESHEET}")
        if typeset_text != text:
            page.write_text(typeset_text, encoding="utf-8")
    if every_formula != kept_formulas():
        FORMULAS_KEPT.parent.mkdir(parents=True, exist_ok=True)
        FORMULAS_KEPT.write_text(json.dumps(every_formula, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    if any(formulas.values()):
        # The fonts serve every page of the site, those earlier renders typeset too.
        write_fonts(site, css, (page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))))


if __name__ == "__main__":
    main()
