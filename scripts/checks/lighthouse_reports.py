"""`make lighthouse`: render the site, serve it as the site tests do (as GitHub Pages serves it), run Lighthouse's
mobile preset on every page several times, in the light scheme and the dark, and hold each page's median of the timed
budgets to them (scripts/checks/lighthouse_budgets.py), as Lighthouse CI does with numberOfRuns. Prints each page's
medians and their spread, writes every run's reports under build/lighthouse/run-<n>/<scheme>/, and exits 1 when a
page's median misses a budget; with --report-only it reports the misses and exits 0 (CI, whose shared machine's speed
is not the pages').

The site is rendered from a scratch copy of the project, with site-url set to the local server's address; the
work tree is left alone. Needs Quarto and, through `make setup`, Node.js and Lighthouse.

Usage: python scripts/checks/lighthouse_reports.py [--runs N] [--report-only]
"""

import argparse
import shutil
import sys
import tempfile
import urllib.parse
from pathlib import Path

from scripts.checks import lighthouse_audit
from scripts.checks import lighthouse_budgets
from scripts.notebooks import post_notebook
from scripts.checks import rendered_site
from scripts.checks.site_server import SiteServer

REPORTS = post_notebook.ROOT / "build" / "lighthouse"
# Runs of every page whose median is held to the budgets. Five, not three: a quiet machine's single runs of the EM post
# went over its TBT budget 5 times in 60, which makes a median of three miss about once in 25 CI runs and one of five
# once in 100 (CONTRIBUTING.md, "Timed budgets, in `make lighthouse`").
RUNS = 5
# Each page as a reader whose system prefers each scheme sees it: the dark one loads the dark theme before its first paint.
COLOR_SCHEMES = ("light", "dark")


def audited(site_url, pages, runs):
    """{(page, scheme): [its report of each run]}: run after run over every page in each scheme, so that a burst of
    load touches them alike."""
    shutil.rmtree(REPORTS, ignore_errors=True)
    reports = {(page, scheme): [] for page in pages for scheme in COLOR_SCHEMES}
    for run in range(1, runs + 1):
        print(f"Lighthouse run {run} of {runs} ...", flush=True)
        for scheme in COLOR_SCHEMES:
            audits = lighthouse_audit.audit(site_url, pages, REPORTS / f"run-{run}" / scheme, color_scheme=scheme)
            for page, report in audits.items():
                if isinstance(report, RuntimeError):
                    raise report
                reports[page, scheme].append(report)
    return reports


def summary(summaries):
    """A line per budget: its median, then its lowest and highest values."""
    shown = lighthouse_budgets.shown
    return "\n".join(
        f"  {budget:<26} {shown(budget, median):>8}  ({shown(budget, low)} – {shown(budget, high)})"
        for budget, (median, low, high) in summaries.items()
    )


def main(runs, report_only=False):
    reason = lighthouse_audit.why_not_runnable()
    if reason:
        print(f"error: {reason}.", file=sys.stderr)
        return 1
    pages = rendered_site.pages([post_notebook.slug(qmd) for qmd in post_notebook.posts()])
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        server = SiteServer(scratch / "www", urllib.parse.urlparse(rendered_site.site_url_setting()).path)
        server.start()
        try:
            project = post_notebook.copy_project(scratch / "project")
            rendered_site.publish_at(project, server.url)
            print(f"Rendering the site for {server.url} ...", flush=True)
            post_notebook.render(project)
            server.publish(project / "_site")
            reports = audited(server.url, pages, runs)
        finally:
            server.stop()
    missed = 0
    print(f"Medians of {runs} runs (lowest–highest); reports in {REPORTS.relative_to(post_notebook.ROOT)}/run-<n>/<scheme>/:")
    for page, scheme in reports:
        summaries = lighthouse_budgets.medians(reports[page, scheme],
                                               lighthouse_budgets.TIMED + lighthouse_budgets.TIMED_SHOWN)
        misses = [text for text in (lighthouse_budgets.value_miss(budget, summaries[budget][0], f"{page} ({scheme})")
                                    for budget in lighthouse_budgets.TIMED) if text]
        missed += bool(misses)
        print(f"{page} ({scheme})\n{summary(summaries)}")
        for text in misses:
            print(f"  median misses {text}")
    print(f"{missed} of {len(reports)} pages and schemes miss a timed budget (scripts/checks/lighthouse_budgets.py).")
    if missed and report_only:
        print("Reported, not failed (--report-only): rerun `make lighthouse` on a quiet machine to hold the pages to them.")
        return 0
    return 1 if missed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"Lighthouse runs of every page (default {RUNS})")
    parser.add_argument("--report-only", action="store_true",
                        help="print the medians and any misses, but exit 0 on a miss (an error still exits 1)")
    arguments = parser.parse_args()
    sys.exit(main(arguments.runs, arguments.report_only))
