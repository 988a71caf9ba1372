"""The MathJax stylesheet a render of some pages writes (scripts/postrender/prerender_math.py) keeps what the other pages need."""

from scripts.postrender import prerender_math

EARLIER = """mjx-c.mjx-c1D465 {
  padding: 0.442em 0.572em 0.011em 0;
}

@media (prefers-color-scheme: dark) {
  mjx-container .mjx-selected {
    outline: 2px solid #C8C8C8;
  }
}

@font-face {
  font-family: MJX-NCM-N;
  src: url("woff2/mjx-ncm-n.woff2") format("woff2");
}
"""
LATER = """mjx-c.mjx-c1D465 {
  padding: 0.5em 0.572em 0.011em 0;
}

@font-face {
  font-family: MJX-NCM-I;
  src: url("woff2/mjx-ncm-i.woff2") format("woff2");
}
"""


def test_a_rule_only_another_page_needs_is_kept():
    assert "mjx-container .mjx-selected {\n    outline: 2px solid #C8C8C8;\n  }" in prerender_math.merged_stylesheet(EARLIER, LATER)


def test_a_rule_both_renders_wrote_takes_the_later_version():
    merged = prerender_math.merged_stylesheet(EARLIER, LATER)
    assert ("padding: 0.5em" in merged, "padding: 0.442em" in merged) == (True, False)


def test_every_font_of_both_renders_is_declared():
    merged = prerender_math.merged_stylesheet(EARLIER, LATER)
    assert ("font-family: MJX-NCM-N;" in merged, "font-family: MJX-NCM-I;" in merged) == (True, True)
