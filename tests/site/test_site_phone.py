"""On a phone's screen (390 × 844, Chromium's mobile emulation) every page fits: nothing scrolls sideways,
and every display equation shows whole, its number included. Saves each page's phone screenshot under
build/screenshots/."""

import pytest

from conftest import pages, screenshot

SCREEN_WIDTH = 390
PHONE = {"viewport": {"width": SCREEN_WIDTH, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
# A phone widens its layout to a page wider than the screen and zooms out, so window.innerWidth grows with
# the page: the widths below are held to the screen's.
# Where each shown display equation's glyphs reach, its number's included, against the screen's width.
EQUATION_EXTENTS = """() => [...document.querySelectorAll("mjx-container[display]")]
  .filter(equation => equation.checkVisibility())
  .map(equation => {
    const glyphs = [...equation.querySelectorAll("mjx-c")].map(glyph => glyph.getBoundingClientRect());
    return {
      equation: equation.closest("[id]")?.id ?? equation.textContent.slice(0, 40),
      left: Math.min(...glyphs.map(box => box.left)),
      right: Math.max(...glyphs.map(box => box.right)),
    };
  })"""


@pytest.fixture(scope="module", params=pages())
def on_phone(request, browser, site_url):
    """The page as a phone shows it, its fonts loaded; requests to other hosts are refused (test_site_pages reports them)."""
    context = browser.new_context(**PHONE, reduced_motion="reduce")
    context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + request.param, wait_until="load")
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "phone-" + request.param.removesuffix(".html").replace("/", "-"))
    yield page
    context.close()


def test_page_does_not_scroll_sideways_on_a_phone(on_phone):
    width = on_phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= SCREEN_WIDTH, f"the page is {width} px wide on a {SCREEN_WIDTH} px screen"


def test_every_display_equation_shows_whole_with_its_number_on_a_phone(on_phone):
    extents = on_phone.evaluate(EQUATION_EXTENTS)
    cut = [extent for extent in extents if extent["left"] < 0 or extent["right"] > SCREEN_WIDTH]
    assert cut == [], f"display equations reaching past a {SCREEN_WIDTH} px screen: {cut}"
