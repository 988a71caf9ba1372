"""What a reader of the first post sees: numbered figures with alt text, resolved references,
typeset equations, and working navigation, folding and copy buttons."""

import re

import pytest

import post_notebook
from conftest import ROOT

SLUG = "gmm-first-look"
POST = ROOT / "posts" / SLUG / "index.qmd"
FIGURES = 4
EQUAL = "Are the datasets equal? Yes."
UNRESOLVED = ("@fig-", "@eq-", "{#eq-", "?@")


@pytest.fixture(scope="module")
def post(open_page):
    return open_page(f"posts/{SLUG}/index.html").page


def test_figures_are_captioned_figure_1_to_4(post):
    captions = post.locator("figcaption").all_inner_texts()
    assert [caption.split(":")[0] for caption in captions] == [f"Figure\xa0{n}" for n in range(1, FIGURES + 1)]


def test_every_figure_image_has_loaded(post):
    images = post.locator("figure img")
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
    sizes = images.evaluate_all("images => images.map(i => i.complete && i.naturalWidth)")
    assert len(sizes) == FIGURES and all(sizes), sizes


def test_every_figure_image_carries_its_alt_text(post):
    assert post.locator("figure img").evaluate_all("images => images.map(i => i.alt)") == post_notebook.figure_alts(POST)


def test_no_cross_reference_is_left_raw(post):
    text = post.locator("main").inner_text()
    assert [marker for marker in UNRESOLVED if marker in text] == []


def test_numbered_equations_are_typeset_with_their_numbers(post):
    labels = re.findall(r"\{#(eq-[\w-]+)\}", POST.read_text(encoding="utf-8"))
    numbered = [post.locator(f"#{label} mjx-container").inner_text() for label in labels]
    assert [f"({n})" in text for n, text in enumerate(numbered, start=1)] == [True] * len(labels), numbered


def test_table_of_contents_links_to_every_section(post):
    entries = post.locator("nav#TOC > ul > li > a").all_inner_texts()
    assert entries == post.locator("main h2.anchored").all_inner_texts()


def test_table_of_contents_link_scrolls_to_its_section(open_page):
    page = open_page(f"posts/{SLUG}/index.html").page
    page.locator("nav#TOC > ul > li > a").last.click()
    page.wait_for_function("() => window.scrollY > 0")
    assert page.locator("main h2.anchored").last.evaluate(
        "heading => { const box = heading.getBoundingClientRect(); return box.top >= 0 && box.top < window.innerHeight; }"
    )


def test_figure_1_code_is_folded_and_unfolds(open_page):
    page = open_page(f"posts/{SLUG}/index.html").page
    fold = page.locator("details.code-fold").first
    code = fold.locator("pre code")
    assert not code.is_visible()
    fold.locator("summary").click()
    assert code.is_visible() and "np.load" in code.inner_text()


def test_copy_button_copies_its_code(open_page):
    reader = open_page(f"posts/{SLUG}/index.html")
    page = reader.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    block = page.locator("#sample-loop")
    block.hover()
    block.locator("button.code-copy-button").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == block.locator("code.sourceCode").inner_text().strip()


def test_both_samplers_say_the_datasets_are_equal(post):
    assert post.get_by_text(EQUAL).count() == 2
