"""The figures' colours (posts/_figure_style.py) meet WCAG 2.2's AA contrast in each theme: text 4.5:1 on the
figure's background and on an observed node's shading (1.4.3), axes and grid lines 3:1 (1.4.11, graphics)."""

import ast

import pytest

from scripts.notebooks import post_notebook

STYLE = post_notebook.POSTS_DIR / "_figure_style.py"
TEXT = 4.5
GRAPHICS = 3.0


def figure_themes():
    """The FIGURE_THEMES the style module assigns, read without running it."""
    for node in ast.parse(STYLE.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets] == ["FIGURE_THEMES"]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{STYLE} assigns no FIGURE_THEMES")


def luminance(colour):
    """WCAG's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


THEMES = figure_themes()


def test_contrast_is_computed_as_wcag_defines_it():
    assert (round(contrast("#000000", "#ffffff"), 2), round(contrast("#767676", "#ffffff"), 2)) == (21.0, 4.54)


@pytest.mark.parametrize("theme", THEMES)
def test_text_is_legible_on_the_background(theme):
    assert contrast(THEMES[theme]["ink"], THEMES[theme]["paper"]) >= TEXT


@pytest.mark.parametrize("theme", THEMES)
def test_text_is_legible_on_an_observed_nodes_shading(theme):
    assert contrast(THEMES[theme]["ink"], THEMES[theme]["shade"]) >= TEXT


@pytest.mark.parametrize("theme", THEMES)
def test_axes_and_grid_lines_stand_out_from_the_background(theme):
    assert contrast(THEMES[theme]["rule"], THEMES[theme]["paper"]) >= GRAPHICS


def test_both_themes_are_styled():
    assert sorted(THEMES) == ["dark", "light"]
