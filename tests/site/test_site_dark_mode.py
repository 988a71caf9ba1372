"""The site opens in the theme the reader's system asks for, without showing the other first, and the colour-scheme
toggle overrides it and is remembered; each figure shows its drawing for the theme the page shows, and a reader
downloads only that one. Saves screenshots of the home page and every post in both themes under build/screenshots/."""

import re
import time

import pytest

from conftest import VIEWPORT, pages, screenshot, site_posts, toggle_to_dark
from test_figures import FIGURE_STYLE_RULE

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
# Each figure's image as the page shows it: the drawing its <picture> chose, and that drawing's corner pixels, with
# their opacity (the figure's own background).
SHOWN_FIGURES = """images => images.map(image => {
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const corners = [[0, 0], [image.naturalWidth - 1, image.naturalHeight - 1]].map(([x, y]) => {
    const [r, g, b, a] = context.getImageData(x, y, 1, 1).data;
    return {luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, alpha: a};
  });
  return {drawing: image.currentSrc.split("/").pop(), corners};
})"""
DARK_DRAWING = "-dark.png"
FIGURE_REQUEST = "/figure-html/"
THEIR_DRAWINGS = {"light": "figure picture > img", "dark": "figure picture > source[data-figure-theme=dark]"}
SOCIAL_CARD = re.compile(r'<meta (?:property="og:image"|name="twitter:image") content="([^"]+)"')
ADDRESSES = "found => found.map(element => element.getAttribute('src') ?? element.getAttribute('srcset'))"


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


def shown_figures(page):
    """Each figure of page as it shows now, scrolled to first, as a reader would: below the first, they load lazily."""
    images = page.locator("figure img")
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
        loaded = "image => image.complete && image.naturalWidth > 0"
        page.wait_for_function(loaded, arg=images.nth(index).element_handle())
    return images.evaluate_all(SHOWN_FIGURES)


@pytest.fixture(scope="module")
def shown(open_page, themed):
    """{theme: {slug: each figure as it shows}}: each post opened in the light theme, and after the toggle to dark."""
    return {
        "light": {slug: shown_figures(open_page(f"posts/{slug}/index.html").page) for slug in site_posts()},
        "dark": {slug: shown_figures(themed[slug]["page"]) for slug in site_posts()},
    }


@pytest.mark.parametrize("slug", site_posts())
def test_figures_show_their_light_drawings_in_the_light_theme(shown, slug):
    figures = shown["light"][slug]
    assert figures and not any(figure["drawing"].endswith(DARK_DRAWING) for figure in figures), figures


# A drawing's corners, its background, as each theme's drawings must show them.
ON_ITS_BACKGROUND = {"light": lambda luminance: luminance > LIGHT_ABOVE,
                     "dark": lambda luminance: luminance < DARK_BELOW}


def off_their_background(slug, figures, theme):
    """Why the post's figures, as shown in theme, are not each on an opaque background of that theme, naming the post,
    each figure that is not and the rule it breaks; None when all are."""
    off = {figure["drawing"]: figure["corners"] for figure in figures if not all(
        corner["alpha"] == 255 and ON_ITS_BACKGROUND[theme](corner["luminance"]) for corner in figure["corners"])}
    if off:
        return (f"posts/{slug}: not drawn on the {theme} theme's opaque background: {', '.join(off)} (each corner's "
                f"luminance and opacity: {off}). {FIGURE_STYLE_RULE}.")
    return None


@pytest.mark.parametrize("slug", site_posts())
def test_light_drawings_have_an_opaque_light_background(shown, slug):
    figures = shown["light"][slug]
    off = off_their_background(slug, figures, "light")
    assert figures and off is None, off or f"posts/{slug} shows no figure"


@pytest.mark.parametrize("slug", site_posts())
def test_toggle_switches_every_figure_to_its_dark_drawing(shown, slug):
    figures = shown["dark"][slug]
    assert figures and all(figure["drawing"].endswith(DARK_DRAWING) for figure in figures), figures


@pytest.mark.parametrize("slug", site_posts())
def test_dark_drawings_have_an_opaque_dark_background(shown, slug):
    figures = shown["dark"][slug]
    off = off_their_background(slug, figures, "dark")
    assert figures and off is None, off or f"posts/{slug} shows no figure"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("slug", site_posts())
def test_a_reader_downloads_only_the_drawings_of_their_theme(browser, site_url, slug, scheme):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: FIGURE_REQUEST in request.url and requested.append(request.url.split("/")[-1]))
    page.goto(site_url + f"posts/{slug}/index.html", wait_until="load")
    shown_figures(page)
    theirs = page.locator(THEIR_DRAWINGS[scheme]).evaluate_all(ADDRESSES)
    context.close()
    assert sorted(requested) == sorted(drawing.split("/")[-1] for drawing in theirs)


def test_the_listing_keeps_the_light_drawings_for_a_dark_reader(open_page):
    page = open_page("index.html", color_scheme="dark").page
    thumbnails = page.locator("img.thumbnail-image").evaluate_all("found => found.map(image => image.currentSrc)")
    assert thumbnails and not any(address.endswith(DARK_DRAWING) for address in thumbnails), thumbnails


@pytest.mark.parametrize("slug", site_posts())
def test_the_social_card_shows_the_light_drawing(site, slug):
    page = (site / "posts" / slug / "index.html").read_text(encoding="utf-8")
    cards = SOCIAL_CARD.findall(page)
    assert cards and not any(card.endswith(DARK_DRAWING) for card in cards), cards


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

