"""Lighthouse on the pages of a site: the version package-lock.json pins (`make setup` installs it with npm ci), its
mobile preset (simulated slow 4G, a 4x slower CPU), in the Chromium the browser tests drive, run by
scripts/checks/lighthouse_pages.mjs."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from scripts.notebooks import post_notebook

LIGHTHOUSE = post_notebook.ROOT / "node_modules" / "lighthouse"
RUNNER = Path(__file__).resolve().parent / "lighthouse_pages.mjs"


def chromium():
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


def why_not_runnable():
    """What stops Lighthouse from running here, with the fix; None when it can run."""
    if shutil.which("node") is None:
        return ("Node.js is not on PATH, and Lighthouse runs on it: install Node.js 20 or later with npm "
                "(Debian: apt-get install nodejs npm), then run `make setup`")
    if not LIGHTHOUSE.exists():
        return f"Lighthouse is not installed ({LIGHTHOUSE} is missing): run `make setup`, which runs `npm ci`"
    if chromium() is None:
        return "No Chromium found for Lighthouse: install it (Debian: apt-get install chromium) or set CHROMIUM to its path"
    return None


def report_name(page):
    """A name for a page's reports: home, about, posts-<slug>."""
    name = page.removesuffix(".html").removesuffix("/index").replace("/", "-")
    return "home" if name == "index" else name


def report_paths(report_base):
    """Where audit(url, report_base) writes its JSON and HTML reports."""
    report_base = Path(report_base)
    return tuple(report_base.with_name(f"{report_base.name}.report.{kind}") for kind in ("json", "html"))


def audit(site_url, pages, folder, categories=None, audits=None, color_scheme="light"):
    """Run Lighthouse on each page of the site at site_url, one after another in one Chromium, and write each
    page's reports to report_paths(folder / report_name(page)). Given categories or audits, Lighthouse runs only
    those categories and those audits; otherwise all of its mobile preset. The Chromium prefers color_scheme.

    Returns {page: its JSON report, or the RuntimeError saying why there is none}.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    arguments = [f"--only-{kind}={','.join(names)}" for kind, names in (("categories", categories), ("audits", audits))
                 if names] + [f"--color-scheme={color_scheme}"]
    for page in pages:
        json_report, _ = report_paths(folder / report_name(page))
        json_report.unlink(missing_ok=True)
        arguments += [site_url + page, str(folder / report_name(page))]
    result = subprocess.run(
        ["node", str(RUNNER), *arguments], env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True,
    )
    return {page: _outcome(site_url + page, folder / report_name(page), result) for page in pages}


def _outcome(url, report_base, result):
    json_report, _ = report_paths(report_base)
    if not json_report.exists():
        return RuntimeError(f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(json_report.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report
