"""The budgets every page of the site must meet in Lighthouse's mobile preset, and how a report misses one.

This is the one place the budgets live: `make test` holds every page to them, `make lighthouse` prints them.
"""

from urllib.parse import urlsplit

# Category scores, out of 100: a page scores at least this.
SCORE_AT_LEAST = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
# Metrics, in Lighthouse's units (milliseconds; layout shift has none): a page takes at most this.
METRIC_AT_MOST = {"largest-contentful-paint": 2500, "total-blocking-time": 200, "cumulative-layout-shift": 0.1}
BUDGETS = [*SCORE_AT_LEAST, *METRIC_AT_MOST]
# Where a page meets a budget in some runs and not in others (issue 13 stays open for these), the worst it
# may measure meanwhile: a page that gets worse than this fails, so a regression such as a math script back
# on every page is still caught. In quiet runs here the home page's LCP measured 2.2–2.4 s, the first
# post's 2.4–2.9 s and the EM post's 2.0–2.6 s with a TBT of 140–440 ms; a loaded machine adds more,
# and the limits leave room for it. Delete an entry once its page meets the budget itself in every run.
INTERIM = {
    ("index.html", "performance"): 85,
    ("index.html", "largest-contentful-paint"): 3000,
    ("posts/a-minimal-post/index.html", "performance"): 85,
    ("posts/a-minimal-post/index.html", "largest-contentful-paint"): 3000,
    ("posts/gmm-first-look/index.html", "performance"): 80,
    ("posts/gmm-first-look/index.html", "largest-contentful-paint"): 3500,
    ("posts/gmm-first-look/index.html", "total-blocking-time"): 300,
    ("posts/gmm-em/index.html", "performance"): 75,
    ("posts/gmm-em/index.html", "largest-contentful-paint"): 4000,
    ("posts/gmm-em/index.html", "total-blocking-time"): 600,
}
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


def limit(page, budget):
    """What page must meet for budget: the budget, or the page's interim limit where it has one."""
    return INTERIM.get((page, budget), {**SCORE_AT_LEAST, **METRIC_AT_MOST}[budget])


def miss(report, budget, page=None):
    """How the report misses budget (or page's interim limit), as "<budget> <value> (budget: …)"; None when it meets it."""
    value, bound = measure(report, budget), limit(page, budget)
    if budget in SCORE_AT_LEAST:
        within, wanted = value is not None and value >= bound, f"at least {bound}"
    else:
        within, wanted = value is not None and value <= bound, f"at most {shown(budget, bound)}"
    if (page, budget) in INTERIM:
        wanted += f", for now; the budget is {limit(None, budget) if budget in SCORE_AT_LEAST else shown(budget, limit(None, budget))}"
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
    lines = [f"{page}: {miss(report, budget, page)}"]
    if budget in SCORE_AT_LEAST and budget != "performance":
        lines.append(f"failing audits: {', '.join(failing_audits(report, budget))}")
    lines.append(largest_resources(report))
    return "\n".join(lines)
