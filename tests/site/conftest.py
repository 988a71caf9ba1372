"""The rendered website: Quarto renders a scratch copy of the project, a local server serves it
over 127.0.0.1, and headless Chromium opens its pages as a reader would.

The site is served as GitHub Pages serves it (scripts/checks/site_server.py): under the sub-path of the real
site-url (/your-blog/), gzipped, cacheable. It is rendered once per `make test`: each test worker starts the render
at the end of collection and runs its tests without the site first, and the workers share that one render
(tests/render_cache.py), each serving it on the one port its site-url names. Since the workers share the site, no
test changes it: the download tests give a notebook a site that is down, or a changed data file, through a proxy
in its kernel's environment. The copy rendered holds what `make notebook` and `make test` leave in build/, and a
copy of the project with its own render, so that tests/site/test_site_render.py can check that none of it reaches
_site/; and it holds a minimal post written as CONTRIBUTING.md says, which every generic site test checks beside
the real posts.

Without Quarto on PATH every site test is skipped with the reason; with REQUIRE_SITE_TESTS set
(as .ci/run sets it) they fail instead, so CI cannot pass without them.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

import pytest

from scripts.notebooks import post_notebook
import render_cache
from scripts.checks import rendered_site
from scripts.checks.rendered_site import publish_at, site_url_setting
from scripts.checks.site_server import SiteServer

ROOT = post_notebook.ROOT
REQUIRED = "REQUIRE_SITE_TESTS"
SCREENSHOTS = ROOT / "build" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


# A post written into the rendered copy as "Writing a new post" says, with the least CONTRIBUTING.md asks:
# one cited equation, one figure in the blog's style that its prose does not cite (the card shows it), one printed
# check, no sections and no data. What every post needs besides, the site gives it (CONTRIBUTING.md, "Writing a new
# post").
NEW_POST = "a-minimal-post"
NEW_POST_SOURCE = """---
title: "A minimal post"
description: "The least a post can hold by CONTRIBUTING.md."
date: "2024-01-01"
categories:
  - Python
jupyter: python3
---

The mean of $n$ numbers is

$$
\\bar x = \\frac{1}{n} \\sum_{i=1}^{n} x_i.
$$ {#eq-mean}

The check below computes @eq-mean for three numbers.

```{python}
#| label: fig-numbers
#| fig-cap: "The numbers 1, 2 and 3."
#| fig-alt: "Three dots rising from left to right."
{{< include ../_figure_style.py >}}

plt.plot([1, 2, 3], "o")
plt.show()
```

```{python}
#| label: check-mean
mean = sum([1, 2, 3]) / 3
print("Is the mean 2?", "Yes." if mean == 2 else "No.")
```
"""


def posts():
    """The slug of every post, as the site lists them: each posts/<slug>/index.qmd."""
    return sorted(path.parent.name for path in (ROOT / "posts").glob("*/index.qmd"))


def site_posts():
    """Every post the rendered copy holds: the project's and the minimal new one."""
    return sorted(posts() + [NEW_POST])


def pages():
    """Every page of the rendered copy, as a path from its root."""
    return rendered_site.pages(site_posts())


def post_text(slug):
    """A post's source, for choosing the tests that apply to it before the copy exists."""
    return NEW_POST_SOURCE if slug == NEW_POST else post_notebook.post(slug).read_text(encoding="utf-8")


def git_status(repository):
    """What `git status` lists, and the diff of every changed tracked file: an edit to an already changed file shows too."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=repository, capture_output=True, text=True, check=True).stdout

    return git("status", "--porcelain") + git("diff")


@pytest.fixture(scope="session")
def quarto():
    path = shutil.which("quarto")
    if path is None:
        reason = "Quarto is not on PATH: the site tests render the website with it (CONTRIBUTING.md, 'The site tests')"
        if os.environ.get(REQUIRED):
            pytest.fail(f"{reason}; {REQUIRED} is set, so they may not be skipped.")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def node_mathjax():
    """Node and the npm packages `make setup` installs: the render typesets the site's equations with MathJax in Node."""
    if shutil.which("node") is None:
        reason = "Node.js is not on PATH: the site's equations are typeset with it when the site is rendered (install Node 20 with npm, then `make setup`)"
    elif not (ROOT / "node_modules" / "mathjax").is_dir():
        reason = "node_modules/mathjax is missing: `make setup` installs it with `npm ci` (it needs npm on PATH)"
    else:
        return ROOT / "node_modules"
    if os.environ.get(REQUIRED):
        pytest.fail(f"{reason}; {REQUIRED} is set, so the site tests may not be skipped.")
    pytest.skip(reason)


def add_new_post(project):
    """Write the minimal post into project and store its expected outputs as `make expected POST=` does."""
    qmd = project / "posts" / NEW_POST / "index.qmd"
    qmd.parent.mkdir()
    qmd.write_text(NEW_POST_SOURCE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "scripts.notebooks.expected_outputs", "refresh", NEW_POST], cwd=project, check=True,
                   capture_output=True)


def without_new_post(status):
    """git status without the new post's own files: its source, expected outputs and figures, the freeze its render writes,
    which its author commits (CONTRIBUTING.md, "Writing a new post")."""
    new_files = (f"posts/{NEW_POST}/", f"tests/expected/{NEW_POST}.json", f"tests/expected/{NEW_POST}/",
                 f"_freeze/posts/{NEW_POST}/")
    return "".join(line for line in status.splitlines(keepends=True) if not line.rstrip("\n").endswith(new_files))


def made_ready():
    """The server, and the render it serves, kept between sessions and shared by the sessions running at once
    (tests/render_cache.py): a kept render of the project as it is now, else one made now. The server starts before
    the render, since the site is rendered for its address. Returns (server, entry)."""
    served = SiteServer(Path(tempfile.mkdtemp(prefix="served-")) / "www", urllib.parse.urlparse(site_url_setting()).path)
    fingerprint = render_cache.fingerprint()
    with render_cache.claiming():
        entry = render_cache.claim(served, fingerprint)
        if entry is None:
            entry = render_cache.fresh(served)
            render_project(entry, served.url, fingerprint)
            served.publish(entry.project / "_site")
    return served, entry


def leave_what_tests_leave(project):
    """Into project's build/, what `make notebook` and `make test` leave there, and a copy of the project with its own
    render, as `make test` left one until issue 22: a render must take nothing from any of it."""
    build = project / "build"
    post_notebook.write(post_notebook.convert(post_notebook.posts()[0]), build / "notebook" / "generated.ipynb")
    old_render = build / "site-render" / "1" / "project"
    for name in ("data/gmm-data.npy", "data/faithful.csv", "requirements-notebook.txt"):
        (old_render / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(project / name, old_render / name)
        (old_render / "_site" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(project / name, old_render / "_site" / name)


def render_project(entry, address, fingerprint):
    """`quarto render` of a copy of the project, as a clone holds it after `make notebook` and `make test`, with
    site-url set to address and the minimal post added, as `make render` runs it; recorded with the copy's
    `git status` before and after, the new post's own files left out. .git comes along so that `git status` can
    be compared."""
    post_notebook.copy_project(entry.project)
    leave_what_tests_leave(entry.project)
    publish_at(entry.project, address)
    before = git_status(entry.project)
    add_new_post(entry.project)
    post_notebook.render(entry.project)
    entry.save(fingerprint, {"status_before": before, "status_after": without_new_post(git_status(entry.project))})


class Readying:
    """made_ready() in a thread of its own from the end of collection, so that this session's other tests run
    while Quarto renders the site; result() waits for it."""

    def __init__(self):
        self._thread = None
        self._outcome = None

    def start(self):
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="site render", daemon=True)
            self._thread.start()

    def _run(self):
        try:
            self._outcome = made_ready()
        except BaseException as error:  # raised again in the first test that asks for the site
            self._outcome = error

    def result(self):
        self.start()
        self._thread.join()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        return self._outcome


READYING = Readying()


def is_site_test(item):
    return Path(__file__).parent in item.path.parents


# The site test files that take longest, about a minute each: first among the site tests, so that the two workers
# each start one early and share out the rest around them, rather than one worker ending with both.
LONGEST_SITE_TESTS = ("test_site_publish.py", "test_site_lighthouse.py")


def pytest_collection_modifyitems(items):
    """The site tests last, so that a session runs the others while its site renders; the longest of them first."""
    items.sort(key=lambda item: (is_site_test(item), item.path.name not in LONGEST_SITE_TESTS))


def pytest_collection_finish(session):
    if any(map(is_site_test, session.items)) and shutil.which("quarto") and shutil.which("node"):
        READYING.start()


@pytest.fixture(scope="session")
def render_entry(quarto, node_mathjax):
    served, entry = READYING.result()
    yield served, entry
    entry.release(served)
    shutil.rmtree(served.root.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def server(render_entry):
    return render_entry[0]


@pytest.fixture(scope="session")
def project_copy(render_entry):
    """The rendered copy of the project (render_project)."""
    return render_entry[1].project


@pytest.fixture(scope="session")
def render(render_entry):
    """The render every site test reads: the site and what render_project recorded."""
    return {"site": render_entry[1].project / "_site", **render_entry[1].record()["facts"]}


@pytest.fixture(scope="session")
def source(render, project_copy):
    """source(slug): the post's .qmd in the rendered copy, the minimal post's included."""
    return lambda slug: post_notebook.post(slug, project_copy)


@pytest.fixture(scope="session")
def site(render):
    return render["site"]


@pytest.fixture(scope="session")
def site_url(site, server):
    """The address the site is served at: the served folder holds it at its site-url's path (made_ready)."""
    return server.url


class ReaderPage:
    """A page of the site open in Chromium, with every problem it met while loading and after."""

    def __init__(self, page, problems, site_url):
        self.page = page
        self.problems = problems
        self.site_url = site_url


@pytest.fixture(scope="session")
def open_page(browser, site_url):
    """Open a page of the served site in a fresh browser context, for a reader whose system prefers color_scheme (light
    unless told); requests to any other host are refused and recorded."""
    contexts = []

    def open_(path, color_scheme="light"):
        # Reduced motion turns off Bootstrap's colour transitions, which axe could catch halfway through a theme switch.
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, reduced_motion="reduce",
                                      color_scheme=color_scheme)
        contexts.append(context)
        problems = []

        def refuse(route):
            problems.append(f"third-party request: {route.request.url}")
            route.abort()

        context.route(lambda url: not url.startswith(site_url), refuse)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
        page.on("response", lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}"))
        # The equations come typeset in the page (scripts/postrender/prerender_math.py): nothing to wait for.
        page.goto(site_url + path, wait_until="load")
        # A refused or failed script shows up here, where a test would otherwise meet only its effects.
        if problems:
            pytest.fail(f"{path} met problems while loading: {problems}")
        scripts_have_run(page)
        return ReaderPage(page, problems, site_url)

    yield open_
    for context in contexts:
        context.close()


# lighten_pages.py's loader holds the page's DOMContentLoaded listeners by standing in for document.addEventListener,
# and hands the browser's own back once the bundle has loaded and every held listener has run.
SCRIPTS_HAVE_RUN = "() => document.addEventListener === EventTarget.prototype.addEventListener"


def scripts_have_run(page):
    """Wait until Quarto's scripts have set the page up: the page's load event can come before the bundle's."""
    page.wait_for_function(SCRIPTS_HAVE_RUN)


# The browser lays out equations and code blocks only as the reader scrolls to them (styles.css), and a full-page
# capture does not scroll: without this, those beyond the first screen come out blank.
EVERYTHING_LAID_OUT = "* { content-visibility: visible !important; }"


def screenshot(page, name):
    """The whole page as a reader sees each part of it on reaching it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    laid_out = page.add_style_tag(content=EVERYTHING_LAID_OUT)
    # One image pixel per CSS pixel: a phone's three device pixels to one made a long post's image 15 MB and seconds of CPU.
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True, scale="css")
    laid_out.evaluate("style => style.remove()")


def toggle_to_dark(page):
    page.locator(".quarto-color-scheme-toggle").first.click()
    page.wait_for_function("() => document.body.classList.contains('quarto-dark')")
    # The toggle turns the dark stylesheets on, and the browser loads them after the body's class has changed.
    page.wait_for_function("() => [...document.querySelectorAll('link.quarto-color-alternate')].every(link => link.sheet)")
