"""Every page of the site meets Lighthouse's untimed budgets (scripts/checks/lighthouse_budgets.py) in its mobile preset,
served as GitHub Pages serves it: scores other than performance, layout shift, bytes, requests, nothing that blocks
the first paint and nothing from another host. A miss names the page, the audit against its budget and the page's
largest resources.

Lighthouse runs once on every page, in one Chromium, when a test first asks for a report, and runs only what these
budgets read. None of them depends on how busy the CPU is, so they run beside the other tests; the timed ones are
`make lighthouse`'s.
"""

import os

import pytest

from scripts.checks import lighthouse_audit
from scripts.checks import lighthouse_budgets
from conftest import REQUIRED, pages


@pytest.fixture(scope="session")
def lighthouse_runnable():
    reason = lighthouse_audit.why_not_runnable()
    if reason:
        if os.environ.get(REQUIRED):
            pytest.fail(f"{reason}; {REQUIRED} is set, so the Lighthouse checks may not be skipped.")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def lighthouse_report(lighthouse_runnable, site_url, tmp_path_factory):
    """report(page): Lighthouse's report on the served page; every page is audited once per session."""
    outcomes = {}

    def report(page):
        if not outcomes:
            outcomes.update(lighthouse_audit.audit(site_url, pages(), tmp_path_factory.mktemp("lighthouse"),
                                                   lighthouse_budgets.UNTIMED_CATEGORIES, lighthouse_budgets.UNTIMED_AUDITS))
        if isinstance(outcomes[page], RuntimeError):
            pytest.fail(str(outcomes[page]))
        return outcomes[page]

    return report


@pytest.mark.parametrize("budget", lighthouse_budgets.UNTIMED)
@pytest.mark.parametrize("page", pages())
def test_page_meets_lighthouse_budget(lighthouse_report, page, budget):
    report = lighthouse_report(page)
    missed = lighthouse_budgets.miss(report, budget, page)
    assert missed is None, lighthouse_budgets.failure(page, report, budget)
