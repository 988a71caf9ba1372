"""The budgets every page of the site must meet in Lighthouse's mobile preset, and how a page misses one.

This is the one place the budgets live. They are of two kinds:
- UNTIMED budgets do not depend on how busy the CPU is: the accessibility, best-practices and SEO scores, layout
  shift, and what a page downloads and from where. `make test` holds every page to them, from one run.
- TIMED budgets are times Lighthouse takes on this machine's CPU at that moment, and the performance score made
  from them. `make lighthouse` holds the median of several runs of each page to them.
"""

import statistics
from urllib.parse import urlsplit

# Category scores, out of 100: a page scores at least this.
SCORE_AT_LEAST = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
# Metrics, in Lighthouse's units (milliseconds; layout shift has none) or counts: a page takes at most this.
METRIC_AT_MOST = {
    "largest-contentful-paint": 2500, "total-blocking-time": 200, "cumulative-layout-shift": 0.1,
    "render-blocking-requests": 0, "third-party-requests": 0,
}
# What a page transfers (bytes, gzipped as GitHub Pages serves it) and how many requests it makes, at most: the
# figures of 2026-12-01 (home 194 KiB in 17 requests, about 144 KiB in 13, the first post 206 KiB in 22, the EM post
# 248 KiB in 24) with about a fifth of headroom. A post not named here is held to ANY_POST's, the EM post's.
# The home page's, with the third post's card and every card's thumbnail scaled down (lighten/listing_thumbnails.py):
# 210 KiB in 17 requests on 2026-12-06, and a fifth more.
ANY_POST = "posts/*/index.html"
PAGE_AT_MOST = {
    "transfer-size": {"index.html": 255 * 1024, "about.html": 175 * 1024,
                      "posts/gmm-first-look/index.html": 250 * 1024, ANY_POST: 300 * 1024},
    "request-count": {"index.html": 20, "about.html": 16, "posts/gmm-first-look/index.html": 27, ANY_POST: 29},
}
UNTIMED = ["accessibility", "best-practices", "seo", "cumulative-layout-shift", *PAGE_AT_MOST,
           "render-blocking-requests", "third-party-requests"]
# What Lighthouse must run for the untimed budgets alone: these categories, and the audits `measure` reads for the
# rest. The simulations of the timed metrics, and the gatherers only performance's other audits use, stay out.
UNTIMED_CATEGORIES = ["accessibility", "best-practices", "seo"]
UNTIMED_AUDITS = ["cumulative-layout-shift", "total-byte-weight", "network-requests", "render-blocking-resources"]
TIMED = ["performance", "largest-contentful-paint", "total-blocking-time"]
# Printed beside the timed budgets by `make lighthouse`, held to none.
TIMED_SHOWN = ["first-contentful-paint", "speed-index"]
BUDGETS = UNTIMED + TIMED
LARGEST_COUNT = 5


def _requests(report):
    return report["audits"]["network-requests"]["details"]["items"]


def third_party_urls(report):
    """The URLs of the page's requests to any other origin than the page's own."""
    origin = urlsplit(report["finalDisplayedUrl"])[:2]
    return [request["url"] for request in _requests(report)
            if not request["url"].startswith("data:") and urlsplit(request["url"])[:2] != origin]


def render_blocking_urls(report):
    """The URLs of the requests that held the page's first paint back."""
    details = report["audits"]["render-blocking-resources"].get("details") or {}
    return [item["url"] for item in details.get("items", [])]


def measure(report, budget):
    """The report's value for budget: a score out of 100, a metric's numeric value or a count; None if Lighthouse
    gave none."""
    if budget in SCORE_AT_LEAST:
        score = report["categories"][budget]["score"]
        return None if score is None else round(score * 100)
    if budget == "transfer-size":
        return report["audits"]["total-byte-weight"]["numericValue"]
    if budget == "request-count":
        return len(_requests(report))
    if budget == "render-blocking-requests":
        return len(render_blocking_urls(report))
    if budget == "third-party-requests":
        return len(third_party_urls(report))
    return report["audits"][budget].get("numericValue")


def bound(budget, page):
    """The page's budget: a least score, or a most for a metric or count."""
    if budget in PAGE_AT_MOST:
        bounds = PAGE_AT_MOST[budget]
        return bounds.get(page, bounds[ANY_POST] if page.startswith("posts/") else None)
    return SCORE_AT_LEAST.get(budget, METRIC_AT_MOST.get(budget))


def shown(budget, value):
    if budget in SCORE_AT_LEAST or value is None or budget.endswith(("-requests", "-count")):
        return str(value)
    if budget == "cumulative-layout-shift":
        return f"{value:.3f}"
    if budget == "transfer-size":
        return f"{value / 1024:,.0f} KiB"
    return f"{value / 1000:.1f} s" if value >= 1000 and budget != "total-blocking-time" else f"{value:,.0f} ms"


def value_miss(budget, value, page):
    """How value misses the page's budget, as "<budget> <value> (budget: …)"; None when it meets it."""
    limit = bound(budget, page)
    if budget in SCORE_AT_LEAST:
        within, wanted = value is not None and value >= limit, f"at least {limit}"
    else:
        within, wanted = value is not None and value <= limit, f"at most {shown(budget, limit)}"
    return None if within else f"{budget} {shown(budget, value)} (budget: {wanted})"


def miss(report, budget, page):
    """How the page's report misses budget; None when it meets it."""
    return value_miss(budget, measure(report, budget), page)


def failing_audits(report, category):
    """The ids of the category's scored audits that did not pass: what costs it points."""
    refs = report["categories"][category]["auditRefs"]
    return [ref["id"] for ref in refs if ref["weight"] > 0 and (report["audits"][ref["id"]]["score"] or 0) < 1]


def largest_resources(report):
    """The page's total transfer and its largest requests, one line each, from the network-requests audit."""
    requests = _requests(report)
    largest = sorted(requests, key=lambda request: request.get("transferSize", 0), reverse=True)[:LARGEST_COUNT]
    total = report["audits"]["total-byte-weight"]["numericValue"]
    lines = [f"{len(requests)} requests, {total / 1024:,.0f} KiB transferred; the largest:"]
    lines += [
        f"  {request.get('transferSize', 0) / 1024:7,.1f} KiB  {request.get('resourceType', '?'):<10} {urlsplit(request['url']).path}"
        for request in largest
    ]
    return "\n".join(lines)


def failure(page, report, budget):
    """The message of a page that misses budget: the page, the audit against its budget, what costs points (for a
    category) or the requests at fault, and the largest resources."""
    lines = [f"{page}: {miss(report, budget, page)}"]
    if budget in SCORE_AT_LEAST and budget != "performance":
        lines.append(f"failing audits: {', '.join(failing_audits(report, budget))}")
    elif budget == "render-blocking-requests":
        lines.append("render-blocking: " + ", ".join(render_blocking_urls(report)))
    elif budget == "third-party-requests":
        lines.append("third-party: " + ", ".join(third_party_urls(report)))
    lines.append(largest_resources(report))
    return "\n".join(lines)


def medians(reports, budgets):
    """{budget: (median, lowest, highest)} of the budgets' values over several runs' reports of one page."""
    summary = {}
    for budget in budgets:
        values = [measure(report, budget) for report in reports]
        known = [value for value in values if value is not None]
        # A run Lighthouse could not measure leaves no median, so the page misses: the run must not just drop out.
        summary[budget] = (statistics.median(values) if len(known) == len(values) else None,
                           min(known, default=None), max(known, default=None))
    return summary
