"""A page holds still while it loads, on a phone and on a desktop, when its web fonts are the last of it to arrive,
one after another, as a slow connection brings them: after its first paint and after its scripts have set it up.
What moves the page then (equations and code laid out late, the navbar's offset set by script, text re-set in Lato,
icons drawn) moves it by less than Core Web Vitals' "good" layout shift. Fonts that came while the scripts were
moving the page would make one shift of the two, scored as more than their sum; here each is scored on its own.

Lighthouse holds each page to the same budget (test_site_lighthouse.py), on a phone only, and on a loopback server
whose fonts may come before the first paint, so that it can miss what the fonts move.
"""

import re

import pytest

from conftest import pages, scripts_have_run
from scripts.checks import lighthouse_budgets

SCREENS = {
    "phone": {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True},
    "desktop": {"viewport": {"width": 1350, "height": 940}},
}
SHIFT_AT_MOST = lighthouse_budgets.METRIC_AT_MOST["cumulative-layout-shift"]
WEB_FONT = re.compile(r"\.woff2$")
# Every layout shift from the start, with what moved. Chromium marks shifts in an emulated phone as following input
# (hadRecentInput), which no reader gave here, so every one counts.
RECORD_SHIFTS = """window.layoutShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries())
    window.layoutShifts.push([entry.value, entry.sources.map(source => source.node ? source.node.nodeName + "."
      + String(source.node.className || "").split(" ")[0] : "?").join(", ")]);
}).observe({type: "layout-shift", buffered: true});"""
# Text painted: in the fallback font, whose web font has been asked for.
FIRST_CONTENTFUL_PAINT = "performance.getEntriesByName('first-contentful-paint').length > 0"
TWO_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", pages())
def test_page_holds_still_when_its_fonts_arrive_last(browser, site_url, path, screen, color_scheme):
    context = browser.new_context(color_scheme=color_scheme, **SCREENS[screen])
    held, released = [], []

    def hold_until_released(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    try:
        context.route(WEB_FONT, hold_until_released)
        page = context.new_page()
        page.add_init_script(RECORD_SHIFTS)
        page.goto(site_url + path, wait_until="commit")
        page.wait_for_function(FIRST_CONTENTFUL_PAINT)
        scripts_have_run(page)
        page.evaluate(TWO_FRAMES)
        released.append(True)
        for route in held:
            route.continue_()
            page.evaluate(TWO_FRAMES)
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        page.evaluate(TWO_FRAMES)
        shifts = page.evaluate("window.layoutShifts")
    finally:
        context.close()
    assert held, f"{path}: the page asked for no web font before its scripts had run, so none could arrive last"
    moved = sum(value for value, _ in shifts)
    assert moved <= SHIFT_AT_MOST, (
        f"{path} on a {screen} ({color_scheme}): the page moved by {moved:.3f} while loading (at most "
        f"{SHIFT_AT_MOST}): " + "; ".join(f"{value:.3f} {moved_nodes}" for value, moved_nodes in shifts if value >= 0.001))
