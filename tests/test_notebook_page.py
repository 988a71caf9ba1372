"""What a reader of `make notebook`'s HTML page sees, checked in headless Chromium."""

import pytest

import execute_post
import post_notebook

PAGE_DIR = post_notebook.ROOT / "build" / "notebook"
SCREENSHOT = PAGE_DIR / "screenshot.png"
FIGURE_CELLS = 4
EQUAL = "Are the datasets equal? Yes."


@pytest.fixture(scope="module")
def reader_view(browser):
    """The page as a reader opens it, with every console error and failed request it produced."""
    _, html_path = execute_post.build(PAGE_DIR)
    problems = []
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
        page.goto(html_path.as_uri(), wait_until="load")
        page.wait_for_function("() => !window.MathJax || MathJax.Hub.queue.pending === 0")
        page.screenshot(path=SCREENSHOT, full_page=True)
        yield page, problems
    finally:
        context.close()


def test_page_is_titled_after_the_post(reader_view):
    page, _ = reader_view
    assert page.title() == page.locator("h1").first.inner_text() == "Gaussian mixture models: a first look"


def test_page_loads_without_console_errors(reader_view):
    _, problems = reader_view
    assert problems == []


def test_every_figure_is_a_loaded_image_with_a_size(reader_view):
    page, _ = reader_view
    sizes = page.eval_on_selector_all(
        ".jp-RenderedImage img", "images => images.map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
    )
    assert len(sizes) == FIGURE_CELLS
    assert all(complete and width > 0 and height > 0 for complete, width, height in sizes), sizes


def test_every_figure_has_alt_text_from_its_cell(reader_view):
    page, _ = reader_view
    alts = page.eval_on_selector_all(".jp-RenderedImage img", "images => images.map(i => i.alt)")
    assert alts == post_notebook.figure_alts()


def test_both_samplers_show_equal_datasets(reader_view):
    page, _ = reader_view
    lines = page.get_by_text(EQUAL)
    assert lines.count() == 2
    assert all(lines.nth(i).is_visible() for i in range(2))


def test_equations_are_typeset(reader_view):
    page, _ = reader_view
    assert page.locator(".MathJax, .MathJax_SVG").count() > 0
