"""On a phone's screen (390 × 844, Chromium's mobile emulation) every page fits: nothing scrolls sideways,
and every display equation shows whole, its number included; a post offers its notebook for download and to
open it in Colab. Saves each page's phone screenshot under build/screenshots/."""

import pytest
from playwright.sync_api import expect

from conftest import pages, screenshot, scripts_have_run

SCREEN_WIDTH = 390
PHONE = {"viewport": {"width": SCREEN_WIDTH, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
# A phone widens its layout to a page wider than the screen and zooms out, so window.innerWidth grows with
# the page: the widths below are held to the screen's.
# Where each shown display equation's glyphs reach, its number's included, and the box they must stay in: the
# nearest element around it that clips what overflows it (Quarto's display math scrolls sideways), else the screen.
EQUATION_EXTENTS = """screenWidth => [...document.querySelectorAll("mjx-container[display]")]
  .filter(equation => equation.checkVisibility())
  .map(equation => {
    const glyphs = [...equation.querySelectorAll("mjx-c")].map(glyph => glyph.getBoundingClientRect());
    let clip = equation;
    while (clip && getComputedStyle(clip).overflowX === "visible") clip = clip.parentElement;
    const shown = clip ? clip.getBoundingClientRect() : {left: 0, right: Infinity};
    return {
      equation: equation.closest("[id]")?.id ?? equation.textContent.slice(0, 40),
      left: Math.min(...glyphs.map(box => box.left)),
      right: Math.max(...glyphs.map(box => box.right)),
      shown_from: Math.max(shown.left, 0),
      shown_to: Math.min(shown.right, screenWidth),
    };
  })"""


@pytest.fixture(scope="module", params=pages())
def on_phone(request, browser, site_url):
    """The page as a phone shows it, its fonts loaded; requests to other hosts are refused (test_site_pages reports them)."""
    context = browser.new_context(**PHONE, reduced_motion="reduce")
    context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + request.param, wait_until="load")
    scripts_have_run(page)
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "phone-" + request.param.removesuffix(".html").replace("/", "-"))
    yield page
    context.close()


def test_page_does_not_scroll_sideways_on_a_phone(on_phone):
    width = on_phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= SCREEN_WIDTH, f"the page is {width} px wide on a {SCREEN_WIDTH} px screen"


def test_every_display_equation_shows_whole_with_its_number_on_a_phone(on_phone):
    extents = on_phone.evaluate(EQUATION_EXTENTS, SCREEN_WIDTH)
    cut = [extent for extent in extents if extent["left"] < extent["shown_from"] or extent["right"] > extent["shown_to"]]
    assert cut == [], f"display equations reaching past the box that shows them or a {SCREEN_WIDTH} px screen: {cut}"


@pytest.mark.parametrize("on_phone", [page for page in pages() if page.startswith("posts/")], indirect=True)
def test_post_offers_its_notebook_for_download_on_a_phone(on_phone):
    # Quarto hides the margin that holds the link below 768 px (styles.css shows it under the post).
    link = on_phone.locator(".quarto-alternate-formats a[download]", has_text="Jupyter")
    link.scroll_into_view_if_needed()
    expect(link).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("on_phone", [page for page in pages() if page.startswith("posts/")], indirect=True)
def test_post_offers_to_open_its_notebook_in_colab_on_a_phone(on_phone):
    link = on_phone.locator(".quarto-alternate-formats a[data-colab]", has_text="Open in Colab")
    link.scroll_into_view_if_needed()
    expect(link).to_be_in_viewport(ratio=1)
