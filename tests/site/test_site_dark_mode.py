"""The site opens in the theme the reader's system asks for, without showing the other first, and the colour-scheme
toggle overrides it and is remembered; the figures stay legible in the dark theme. Saves screenshots of the home page
and every post in both themes under build/screenshots/."""

import time

import pytest

from conftest import pages, screenshot, site_posts, toggle_to_dark

PAGES = {"home": "index.html", **{slug: f"posts/{slug}/index.html" for slug in site_posts()}}
# Relative luminance: the dark theme's background is below this; the light theme's, and a figure's own, above the next.
DARK_BELOW = 0.2
LIGHT_ABOVE = 0.8
# A transparent background parses as black; its alpha tells it from a real dark one.
BACKGROUND = """element => {
  const [r, g, b, alpha = 1] = getComputedStyle(element).backgroundColor.match(/[\\d.]+/g).map(Number);
  return {luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, alpha};
}"""
# The first paint's time, and when the last of the dark theme's stylesheets had arrived.
FIRST_PAINT_AND_DARK_STYLESHEETS = """() => ({
  firstPaint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
  darkArrived: Math.max(...performance.getEntriesByType("resource")
    .filter(entry => entry.name.includes("-dark")).map(entry => entry.responseEnd)),
})"""
# Long enough that a page which did not wait for the dark stylesheets would have painted before they came.
DARK_STYLESHEET_DELAY_SECONDS = 1.5
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
    """Each page in both themes, screenshotted: its body's background in each, and the page left dark."""
    themed = {}
    for name, path in PAGES.items():
        page = open_page(path).page
        light = page.locator("body").evaluate(BACKGROUND)
        screenshot(page, f"{name}-light")
        toggle_to_dark(page)
        screenshot(page, f"{name}-dark")
        themed[name] = {"light": light, "dark": page.locator("body").evaluate(BACKGROUND), "page": page}
    return themed


@pytest.mark.parametrize("name", PAGES)
def test_light_theme_has_an_opaque_light_background(themed, name):
    background = themed[name]["light"]
    assert background["alpha"] == 1 and background["luminance"] > LIGHT_ABOVE, background


@pytest.mark.parametrize("name", PAGES)
def test_toggle_switches_to_an_opaque_dark_background(themed, name):
    background = themed[name]["dark"]
    assert background["alpha"] == 1 and background["luminance"] < DARK_BELOW, background


@pytest.mark.parametrize("slug", site_posts())
def test_figures_keep_an_opaque_light_background_in_the_dark_theme(themed, slug):
    images = themed[slug]["page"].locator("figure img")
    # Figures below the first load lazily: each is scrolled to, as a reader would, and waited for.
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
        images.nth(index).page.wait_for_function("image => image.complete", arg=images.nth(index).element_handle())
    corners = [corner for figure in images.evaluate_all(FIGURE_CORNERS) for corner in figure]
    assert corners and all(c["alpha"] == 255 and c["luminance"] > LIGHT_ABOVE for c in corners), corners


@pytest.fixture(scope="module")
def preferring_dark(open_page):
    """Every page as a reader whose system prefers the dark scheme opens it: its body's theme and background."""
    opened = {}
    for path in pages():
        page = open_page(path, color_scheme="dark").page
        opened[path] = {
            "dark": page.evaluate("() => document.body.classList.contains('quarto-dark')"),
            "background": page.locator("body").evaluate(BACKGROUND),
        }
    return opened


@pytest.mark.parametrize("path", pages())
def test_a_reader_who_prefers_dark_gets_the_dark_theme(preferring_dark, path):
    opened = preferring_dark[path]
    assert opened["dark"] and opened["background"]["luminance"] < DARK_BELOW, opened


@pytest.mark.parametrize("path", pages())
def test_the_page_waits_for_the_dark_theme_before_it_paints(browser, site_url, path):
    context = browser.new_context(color_scheme="dark")

    def slowly(route):
        time.sleep(DARK_STYLESHEET_DELAY_SECONDS)
        route.continue_()

    context.route("**/*-dark-*.css", slowly)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
    timings = page.evaluate(FIRST_PAINT_AND_DARK_STYLESHEETS)
    context.close()
    assert timings["firstPaint"] >= timings["darkArrived"], timings


def test_the_toggle_overrides_the_readers_preference_and_is_remembered(open_page):
    page = open_page("index.html", color_scheme="dark").page
    page.locator(".quarto-color-scheme-toggle").first.click()
    page.reload(wait_until="load")
    assert page.evaluate("() => document.body.classList.contains('quarto-light')")

