"""Every page loads cleanly from the site alone and passes axe-core's WCAG 2.1 A and AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import pages, toggle_to_dark

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.mark.parametrize("path", pages())
def test_page_loads_without_errors_or_third_party_requests(open_page, path):
    assert open_page(path).problems == []


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", pages())
def test_page_has_no_serious_accessibility_violation(open_page, path, theme):
    page = open_page(path).page
    if theme == "dark":
        toggle_to_dark(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}; "
        f"{len(violation['nodes'])} element(s), first {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == []
