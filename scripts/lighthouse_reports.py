"""`make lighthouse`: render the site, serve it as the site tests do (as GitHub Pages serves it), run Lighthouse's
mobile preset on every page and write each page's reports under build/lighthouse/, printing the paths, the scores
and any budget a page misses.

The site is rendered from a scratch copy of the project, with site-url set to the local server's address; the
work tree is left alone. Needs Quarto and, through `make setup`, Node.js and Lighthouse.
"""

import shutil
import sys
import tempfile
import urllib.parse
from pathlib import Path

import lighthouse_audit
import lighthouse_budgets
import post_notebook
import rendered_site
from site_server import SiteServer

REPORTS = post_notebook.ROOT / "build" / "lighthouse"


def summary(report):
    return "  ".join(
        f"{budget} {lighthouse_budgets.shown(budget, lighthouse_budgets.measure(report, budget))}"
        for budget in lighthouse_budgets.BUDGETS
    )


def main():
    reason = lighthouse_audit.why_not_runnable()
    if reason:
        print(f"error: {reason}.", file=sys.stderr)
        return 1
    slugs = [post_notebook.slug(qmd) for qmd in post_notebook.posts()]
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
            shutil.rmtree(REPORTS, ignore_errors=True)
            missed = 0
            pages = rendered_site.pages(slugs)
            for page, report in lighthouse_audit.audit(server.url, pages, REPORTS).items():
                if isinstance(report, RuntimeError):
                    raise report
                misses = [text for text in (lighthouse_budgets.miss(report, budget) for budget in lighthouse_budgets.BUDGETS) if text]
                missed += bool(misses)
                html = lighthouse_audit.report_paths(REPORTS / lighthouse_audit.report_name(page))[1]
                print(f"{page}: {html.relative_to(post_notebook.ROOT)}\n  {summary(report)}")
                for text in misses:
                    print(f"  misses {text}")
        finally:
            server.stop()
    print(f"{missed} of {len(rendered_site.pages(slugs))} pages miss a budget (scripts/lighthouse_budgets.py).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
