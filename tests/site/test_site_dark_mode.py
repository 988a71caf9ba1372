"""The colour-scheme toggle switches to the dark theme, and the figures stay legible on it.
Saves screenshots of the home page and every post in both themes under build/screenshots/."""

import pytest

from conftest import posts, screenshot, toggle_to_dark

PAGES = {"home": "index.html", **{slug: f"posts/{slug}/index.html" for slug in posts()}}
# Relative luminance: the dark theme's background is below this, a figure's own background above the next.
DARK_BELOW = 0.2
LIGHT_ABOVE = 0.8
LUMINANCE = """element => {
  const [r, g, b] = getComputedStyle(element).backgroundColor.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
# The corner pixels of each figure as drawn, with their opacity: the figure's own background.
FIGURE_CORNERS = """images => images.map(image => {
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return [[0, 0], [image.naturalWidth - 1, image.naturalHeight - 1]].map(([x, y]) => {
    const [r, g, b, a] = context.getImageData(x, y, 1, 1).data;
    return {luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, alpha: a};
  });
})"""


@pytest.fixture(scope="module")
def themed(open_page):
    """Each page in both themes, screenshotted; the dark one stays open."""
    dark = {}
    for name, path in PAGES.items():
        page = open_page(path).page
        screenshot(page, f"{name}-light")
        toggle_to_dark(page)
        screenshot(page, f"{name}-dark")
        dark[name] = page
    return dark


@pytest.mark.parametrize("name", PAGES)
def test_toggle_switches_to_a_dark_background(themed, name):
    assert themed[name].locator("body").evaluate(LUMINANCE) < DARK_BELOW


@pytest.mark.parametrize("slug", posts())
def test_figures_keep_an_opaque_light_background_in_the_dark_theme(themed, slug):
    images = themed[slug].locator("figure img")
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
    corners = [corner for figure in images.evaluate_all(FIGURE_CORNERS) for corner in figure]
    assert corners and all(c["alpha"] == 255 and c["luminance"] > LIGHT_ABOVE for c in corners), corners
