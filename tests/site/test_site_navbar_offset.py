"""A page's content stays where it is first painted when Quarto's scripts run: the offset theme.scss gives the body
under the fixed navbar is the one quarto-nav.js sets from the navbar's height, on a phone and on a desktop."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import pages, scripts_have_run

SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
# The body's offset as the stylesheets alone set it: read when the document is parsed, before the script bundle,
# which loads after the first paint (scripts/postrender/lighten/script_bundle.py), has run.
OFFSET_AS_FIRST_PAINTED = """document.addEventListener("DOMContentLoaded", () => {
  window.offsetAsFirstPainted = getComputedStyle(document.body).paddingTop;
});"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", pages())
def test_content_does_not_move_when_quartos_scripts_set_the_navbar_offset(browser, site_url, path, screen):
    context = browser.new_context(**SCREENS[screen])
    try:
        page = context.new_page()
        page.add_init_script(OFFSET_AS_FIRST_PAINTED)
        page.goto(site_url + path, wait_until="load")
        scripts_have_run(page)
        try:
            # quarto-nav.js sets it from a DOMContentLoaded listener, which the bundle's loader calls in a task of its own.
            page.wait_for_function("document.body.style.paddingTop !== ''", timeout=10_000)
        except PlaywrightTimeout:
            pytest.fail(f"{path}: quarto-nav.js set no offset under the navbar in 10 s: Quarto's navbar script has changed")
        first, after_scripts = page.evaluate("[window.offsetAsFirstPainted, document.body.style.paddingTop]")
    finally:
        context.close()
    assert first == after_scripts, (
        f"{path} on a {screen}: the body's offset under the navbar is {first} as painted and {after_scripts} once "
        f"Quarto's scripts run, which moves the page; set body.nav-fixed's padding-top in theme.scss to the latter")
