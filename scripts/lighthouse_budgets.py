"""The budgets every page of the site must meet in Lighthouse's mobile preset, and how a report misses one.

This is the one place the budgets live: `make test` holds every page to them, `make lighthouse` prints them.
"""

from urllib.parse import urlsplit

# Category scores, out of 100: a page scores at least this.
SCORE_AT_LEAST = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
# Metrics, in Lighthouse's units (milliseconds; layout shift has none): a page takes at most this.
METRIC_AT_MOST = {"largest-contentful-paint": 2500, "total-blocking-time": 200, "cumulative-layout-shift": 0.1}
BUDGETS = [*SCORE_AT_LEAST, *METRIC_AT_MOST]
LARGEST_COUNT = 5


def measure(report, budget):
    """The report's value for budget: a score out of 100, or the metric's numeric value; None if Lighthouse gave none."""
    if budget in SCORE_AT_LEAST:
        score = report["categories"][budget]["score"]
        return None if score is None else round(score * 100)
    return report["audits"][budget].get("numericValue")


def shown(budget, value):
    if budget in SCORE_AT_LEAST or value is None:
        return str(value)
    if budget == "cumulative-layout-shift":
        return f"{value:.3f}"
    return f"{value / 1000:.1f} s" if value >= 1000 and budget != "total-blocking-time" else f"{value:,.0f} ms"


def miss(report, budget):
    """How the report misses budget, as "<budget> <value> (budget: …)"; None when it meets it."""
    value = measure(report, budget)
    if budget in SCORE_AT_LEAST:
        bound = SCORE_AT_LEAST[budget]
        within, wanted = value is not None and value >= bound, f"at least {bound}"
    else:
        bound = METRIC_AT_MOST[budget]
        within, wanted = value is not None and value <= bound, f"at most {shown(budget, bound)}"
    return None if within else f"{budget} {shown(budget, value)} (budget: {wanted})"


def failing_audits(report, category):
    """The ids of the category's scored audits that did not pass: what costs it points."""
    refs = report["categories"][category]["auditRefs"]
    return [ref["id"] for ref in refs if ref["weight"] > 0 and (report["audits"][ref["id"]]["score"] or 0) < 1]


def largest_resources(report):
    """The page's total transfer and its largest requests, one line each, from the network-requests audit."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    largest = sorted(requests, key=lambda request: request.get("transferSize", 0), reverse=True)[:LARGEST_COUNT]
    total = report["audits"]["total-byte-weight"]["numericValue"]
    lines = [f"{len(requests)} requests, {total / 1024:,.0f} KiB transferred; the largest:"]
    lines += [
        f"  {request.get('transferSize', 0) / 1024:7,.1f} KiB  {request.get('resourceType', '?'):<10} {urlsplit(request['url']).path}"
        for request in largest
    ]
    return "\n".join(lines)


def failure(page, report, budget):
    """The message of a page that misses budget: the page, the metric against its budget, what costs points
    (for a category) and the largest resources."""
    lines = [f"{page}: {miss(report, budget)}"]
    if budget in SCORE_AT_LEAST and budget != "performance":
        lines.append(f"failing audits: {', '.join(failing_audits(report, budget))}")
    lines.append(largest_resources(report))
    return "\n".join(lines)
