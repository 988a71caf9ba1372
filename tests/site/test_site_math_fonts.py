"""The MathJax fonts the site serves are cut down to what its formulas draw, and still draw all of it."""

import html
import re

from fontTools.ttLib import TTFont

from scripts.postrender.prerender_math import FONTS as ORIGINAL_FONTS

DRAWN = re.compile(r"<mjx-c\b[^>]*>([^<]*)</mjx-c>")
# Every formula's font list starts with MathJax's zero-size font, which maps the space alone.
SPACE = " "


def characters_drawn(site):
    drawn = {SPACE}
    for page in site.rglob("*.html"):
        for text in DRAWN.findall(page.read_text(encoding="utf-8")):
            drawn.update(html.unescape(text))
    return drawn


def mapped(font):
    return set(map(chr, (TTFont(font).getBestCmap() or {})))


def test_each_math_font_keeps_every_character_it_draws_on_the_site(site):
    drawn = characters_drawn(site)
    served = sorted((site / "site_libs" / "mathjax" / "woff2").glob("*.woff2"))
    lost = {font.name: sorted((mapped(ORIGINAL_FONTS / font.name) & drawn) - mapped(font)) for font in served}
    assert served, "the site serves no MathJax font"
    assert not any(lost.values()), f"characters the pages draw that a served font lost: { {k: v for k, v in lost.items() if v} }"
