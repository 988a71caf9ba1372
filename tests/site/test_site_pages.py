"""Every page loads cleanly from the site alone and passes axe-core's WCAG 2.1 A and AA rules in both themes; it fetches
the dark theme only when chosen, runs no math script, and gives screen readers each equation as MathML."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import pages, toggle_to_dark

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Quarto's dark Bootstrap theme: bootstrap-dark-<hash>.min.css.
DARK_STYLESHEET = "/bootstrap-dark"


def blocking_violations(page, within=None):
    """axe-core's serious and critical violations on the page, or only within the elements the selector `within` names."""
    # Only the violations are read: axe then builds no selector for each element that passes, which on a long
    # post takes seconds. Each violation still lists every element it found.
    results = Axe().run(page, context=within,
                        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
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
    # What the page fetched before any reader's action: the dark theme's stylesheets are not due yet.
    fetched_up_front = reader.page.evaluate("() => performance.getEntriesByType('resource').map(entry => entry.name)")
    links = reader.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href.split('#')[0])")
    # Each address once: a post's hundreds of links are mostly to its own sections.
    statuses = {link: reader.page.request.get(link).status for link in set(links) if link.startswith(reader.site_url)}
    light = blocking_violations(reader.page)
    toggle_to_dark(reader.page)
    return {
        "problems": reader.problems,
        "dark_fetched_up_front": [name for name in fetched_up_front if DARK_STYLESHEET in name],
        "math_scripts": reader.page.eval_on_selector_all("script[src]", "scripts => scripts.map(s => s.src)"),
        "equations": reader.page.locator("mjx-container").count(),
        "equations_with_mathml": reader.page.locator("mjx-container > mjx-assistive-mml > math").count(),
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


def test_page_fetches_the_dark_theme_only_when_it_is_chosen(checked):
    assert checked["dark_fetched_up_front"] == []


def test_page_runs_no_math_script(checked):
    # The equations are typeset when the site is rendered (scripts/postrender/prerender_math.py).
    assert [src for src in checked["math_scripts"] if "mathjax" in src.lower()] == []


def test_every_equation_carries_mathml_for_screen_readers(checked):
    # Without MathJax in the browser there is no speech or explorer: assistive technology reads this MathML.
    assert checked["equations_with_mathml"] == checked["equations"]
