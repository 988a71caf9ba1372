"""What a reader of `make notebook`'s HTML pages sees, checked in headless Chromium, one page per post."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from scripts.notebooks import execute_post
from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook

POSTS = post_notebook.posts()
PAGE_DIR = post_notebook.ROOT / "build" / "notebook"
CODE_CHUNK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.DOTALL)
# $...$ with no space just inside either dollar, as Pandoc reads inline TeX; \$ is a dollar sign.
INLINE_MATH = re.compile(r"(?<!\\)\$(?=\S)[^$]*?(?<=\S)(?<!\\)\$")
# MathJax 2, as the page loads it: one span.MathJax per formula, display ones inside div.MathJax_Display.
HTML_ONLY = '::: {.content-visible when-format="html"}'
TYPESET = ".MathJax"
TYPESET_DISPLAY = ".MathJax_Display"


def without_html_only_blocks(text):
    """text without its `::: {.content-visible when-format="html"}` blocks, which no notebook shows."""
    kept, depth = [], 0
    for line in text.splitlines():
        fence = line.startswith(":::")
        if depth:
            depth += 1 if fence and line.rstrip(":").strip() else -1 if fence else 0
        elif line.strip() == HTML_ONLY:
            depth = 1
        else:
            kept.append(line)
    return "\n".join(kept)


def math_in_post(qmd):
    """(display equations, inline formulas) in the post's prose as the page shows it.

    With Quarto, `make notebook` runs the site's notebook, which leaves out the HTML-only blocks and has a
    caption cell under each figure; jupytext's conversion keeps every block and has no captions.
    """
    prose = CODE_CHUNK.sub("", qmd.read_text(encoding="utf-8").split("---", 2)[2])
    if shutil.which("quarto"):
        options = map(post_notebook.cell_options, post_notebook.code_cells(post_notebook.convert(qmd)))
        prose = without_html_only_blocks(prose) + "\n".join(option["fig-cap"] for option in options if "fig-cap" in option)
    return len(DISPLAY_MATH.findall(prose)), len(INLINE_MATH.findall(DISPLAY_MATH.sub("", prose)))


@pytest.fixture(scope="module")
def built():
    """Every post run by `make notebook`'s code into build/notebook/."""
    return execute_post.build(PAGE_DIR, POSTS)


@pytest.fixture(scope="module", params=POSTS, ids=post_notebook.slug)
def reader_view(request, built, browser):
    """A post's page as a reader opens it, with every console error and failed request it produced."""
    qmd = request.param
    slug = post_notebook.slug(qmd)
    problems = []
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        # The page must open with no network: a request for anything but a local file is refused and recorded.
        context.route(lambda url: not url.startswith("file://"), lambda route: refuse(route, problems))
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
        page.goto((PAGE_DIR / f"{slug}.html").as_uri(), wait_until="load")
        # MathJax 2 remembers its startup signals: this resolves at once if typesetting has already ended.
        page.evaluate("() => window.MathJax && new Promise(done => MathJax.Hub.Register.StartupHook('End', done))")
        page.screenshot(path=PAGE_DIR / f"{slug}.png", full_page=True)
        yield qmd, page, problems
    finally:
        context.close()


def test_page_is_titled_after_the_post(reader_view):
    qmd, page, _ = reader_view
    assert page.title() == page.locator("h1").first.inner_text() == post_notebook.front_matter(qmd)["title"]


def refuse(route, problems):
    problems.append(f"request to another host: {route.request.url}")
    route.abort()


def test_page_loads_without_errors_or_requests_to_other_hosts(reader_view):
    _, _, problems = reader_view
    assert problems == []


def test_every_figure_is_a_loaded_image_with_a_size(reader_view):
    qmd, page, _ = reader_view
    sizes = page.eval_on_selector_all(
        ".jp-RenderedImage img", "images => images.map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
    )
    assert len(sizes) == len(post_notebook.figure_alts(qmd))
    assert all(complete and width > 0 and height > 0 for complete, width, height in sizes), sizes


def test_every_figure_has_alt_text_from_its_cell(reader_view):
    qmd, page, _ = reader_view
    alts = page.eval_on_selector_all(".jp-RenderedImage img", "images => images.map(i => i.alt)")
    assert alts == post_notebook.figure_alts(qmd)


def test_page_shows_the_checks_the_expected_outputs_hold(reader_view):
    qmd, page, _ = reader_view
    printed = "\n".join(page.locator(".jp-OutputArea-output pre").all_inner_texts())
    shown = expected_outputs.CHECK.findall(printed)
    assert shown == expected_outputs.printed_checks(expected_outputs.load(qmd))


def test_every_formula_of_the_post_is_typeset(reader_view):
    qmd, page, _ = reader_view
    expect(page.locator(TYPESET)).to_have_count(sum(math_in_post(qmd)))


def test_every_display_equation_is_typeset_as_a_display(reader_view):
    qmd, page, _ = reader_view
    expect(page.locator(TYPESET_DISPLAY)).to_have_count(math_in_post(qmd)[0])
