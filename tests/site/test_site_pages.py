"""Every page loads cleanly from the site alone and passes axe-core's WCAG 2.1 A and AA rules in both themes."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import pages, toggle_to_dark

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}; "
        f"{len(violation['nodes'])} element(s), first {violation['nodes'][0]['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.fixture(scope="module", params=pages())
def checked(request, open_page):
    """One load of a page: the problems it met, then axe-core's findings in the light theme and the dark."""
    reader = open_page(request.param)
    # With request interception on, Chromium fetches no favicon itself; a reader's browser does.
    favicon = reader.page.evaluate("() => document.querySelector('link[rel~=\"icon\"]')?.href")
    favicon_status = reader.page.request.get(favicon).status if favicon else None
    links = reader.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href.split('#')[0])")
    statuses = {link: reader.page.request.get(link).status for link in links if link.startswith(reader.site_url)}
    light = blocking_violations(reader.page)
    toggle_to_dark(reader.page)
    return {
        "problems": reader.problems,
        "favicon_status": favicon_status,
        "broken_links": sorted(f"{status}: {link}" for link, status in statuses.items() if status != 200),
        "light": light,
        "dark": blocking_violations(reader.page),
    }


def test_page_loads_without_errors_or_third_party_requests(checked):
    assert checked["problems"] == []


def test_page_declares_a_favicon_that_loads(checked):
    assert checked["favicon_status"] == 200


def test_every_link_within_the_site_loads(checked):
    assert checked["broken_links"] == []


def test_page_has_no_serious_accessibility_violation_in_the_light_theme(checked):
    assert checked["light"] == []


def test_page_has_no_serious_accessibility_violation_in_the_dark_theme(checked):
    assert checked["dark"] == []
