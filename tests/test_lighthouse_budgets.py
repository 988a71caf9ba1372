"""The budgets of issue 13 as scripts/lighthouse_budgets.py applies them to a Lighthouse report, and the message
of a page that misses one. The reports here are built by hand, with the fields Lighthouse 12 writes."""

import pytest

import lighthouse_budgets

# Issue 13: performance >= 90; accessibility, best practices and SEO = 100; LCP <= 2.5 s, TBT <= 200 ms, CLS <= 0.1.
WITHIN = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100,
          "largest-contentful-paint": 2500, "total-blocking-time": 200, "cumulative-layout-shift": 0.1}
JUST_OVER = {"performance": 89, "accessibility": 99, "best-practices": 99, "seo": 99,
             "largest-contentful-paint": 2501, "total-blocking-time": 201, "cumulative-layout-shift": 0.11}
SCRIPT = "http://127.0.0.1:8000/your-blog/site_libs/mathjax/tex-chtml-full.js"
FONT = "http://127.0.0.1:8000/your-blog/site_libs/bootstrap/bootstrap-icons.woff"


def report(values):
    """A Lighthouse report with these scores (of 100) and metrics; SEO's one audit fails when SEO is under 100."""
    categories = {
        name: {"score": values[name] / 100, "auditRefs": [{"id": f"{name}-audit", "weight": 1}]}
        for name in ("performance", "accessibility", "best-practices", "seo")
    }
    audits = {f"{name}-audit": {"score": values[name] / 100} for name in categories}
    audits |= {name: {"numericValue": values[name]} for name in
               ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    audits["network-requests"] = {"details": {"items": [
        {"url": FONT, "transferSize": 180 * 1024, "resourceType": "Font"},
        {"url": SCRIPT, "transferSize": 300 * 1024, "resourceType": "Script"},
    ]}}
    audits["total-byte-weight"] = {"numericValue": 921 * 1024}
    return {"categories": categories, "audits": audits}


@pytest.mark.parametrize("budget", WITHIN)
def test_a_page_at_its_budget_meets_it(budget):
    assert lighthouse_budgets.miss(report(WITHIN), budget) is None


@pytest.mark.parametrize("budget", JUST_OVER)
def test_a_page_just_past_its_budget_misses_it(budget):
    assert lighthouse_budgets.miss(report(WITHIN | {budget: JUST_OVER[budget]}), budget) is not None


def test_a_score_lighthouse_could_not_compute_misses_its_budget():
    broken = report(WITHIN)
    broken["categories"]["performance"]["score"] = None
    assert lighthouse_budgets.miss(broken, "performance") is not None


def test_every_budget_of_the_issue_is_checked():
    assert sorted(lighthouse_budgets.BUDGETS) == sorted(WITHIN)


def test_a_miss_names_the_metric_its_value_and_its_budget():
    message = lighthouse_budgets.failure("posts/a-future-post/index.html", report(WITHIN | {"largest-contentful-paint": 4400}),
                                         "largest-contentful-paint")
    assert "largest-contentful-paint 4.4 s (budget: at most 2.5 s)" in message


def test_a_miss_names_the_page():
    message = lighthouse_budgets.failure("about.html", report(WITHIN | {"performance": 73}), "performance")
    assert message.startswith("about.html: ")


def test_a_miss_lists_the_largest_resources_largest_first():
    message = lighthouse_budgets.failure("about.html", report(WITHIN | {"performance": 73}), "performance")
    assert message.index("/your-blog/site_libs/mathjax/tex-chtml-full.js") < message.index(
        "/your-blog/site_libs/bootstrap/bootstrap-icons.woff")


def test_a_category_miss_names_the_audits_that_fail():
    message = lighthouse_budgets.failure("about.html", report(WITHIN | {"seo": 90}), "seo")
    assert "failing audits: seo-audit" in message
