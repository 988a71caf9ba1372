"""What a reader of each post sees: numbered figures with alt text, resolved references, typeset
equations, the checks the post prints, working navigation, folding and copy buttons, and links to the post's
source, to report an issue and to open its notebook in Colab."""

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook
from scripts.checks import rendered_site
from conftest import post_text, site_posts

UNRESOLVED = ("@fig-", "@eq-", "{#eq-", "?@")


def folded_posts():
    return [slug for slug in site_posts() if "#| code-fold: true" in post_text(slug)]


def sectioned_posts():
    """The posts with sections: a table of contents has links to follow only there."""
    return [slug for slug in site_posts() if re.search(r"^## ", post_text(slug), re.MULTILINE)]


@pytest.fixture(scope="module")
def opened(open_page):
    """Each post's page, opened once for the tests that only read it."""
    pages = {}

    def page(slug):
        if slug not in pages:
            pages[slug] = open_page(f"posts/{slug}/index.html").page
        return pages[slug]

    return page


# A figure that is no code cell's output, such as an explorable figure of OJS cells: a `::: {#fig-…}` block.
FIGURE_BLOCK = re.compile(r"^::: \{#fig-", re.MULTILINE)


@pytest.mark.parametrize("slug", site_posts())
def test_figures_are_captioned_in_order(opened, source, slug):
    captions = opened(slug).locator("figcaption").all_inner_texts()
    count = len(post_notebook.figure_alts(source(slug))) + len(FIGURE_BLOCK.findall(source(slug).read_text(encoding="utf-8")))
    assert [caption.split(":")[0] for caption in captions] == [f"Figure\xa0{n}" for n in range(1, count + 1)]


@pytest.mark.parametrize("slug", site_posts())
def test_every_figure_image_has_loaded(opened, source, slug):
    images = opened(slug).locator("figure img")
    # Figures below the first load lazily: each is scrolled to, as a reader would, and waited for.
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
        images.nth(index).page.wait_for_function("image => image.complete", arg=images.nth(index).element_handle())
    sizes = images.evaluate_all("images => images.map(i => i.complete && i.naturalWidth)")
    assert len(sizes) == len(post_notebook.figure_alts(source(slug))) and all(sizes), sizes


@pytest.mark.parametrize("slug", site_posts())
def test_every_figure_image_carries_its_alt_text(opened, source, slug):
    alts = opened(slug).locator("figure img").evaluate_all("images => images.map(i => i.alt)")
    assert alts == post_notebook.figure_alts(source(slug))


@pytest.mark.parametrize("slug", site_posts())
def test_no_cross_reference_is_left_raw(opened, slug):
    text = opened(slug).locator("main").inner_text()
    assert [marker for marker in UNRESOLVED if marker in text] == []


@pytest.mark.parametrize("slug", site_posts())
def test_numbered_equations_are_typeset_with_their_numbers(opened, slug):
    labels = re.findall(r"\{#(eq-[\w-]+)\}", post_text(slug))
    for number, label in enumerate(labels, start=1):
        # A long equation is in the page twice, whole and broken for phones; the reader sees one of them,
        # laid out once they scroll to it (styles.css).
        equation = opened(slug).locator(f"#{label} mjx-container >> visible=true")
        equation.scroll_into_view_if_needed()
        expect(equation).to_contain_text(f"({number})")


@pytest.mark.parametrize("slug", site_posts())
def test_page_shows_the_checks_the_expected_outputs_hold(opened, source, slug):
    printed = "\n".join(opened(slug).locator(".cell-output-stdout").all_inner_texts())
    expected = expected_outputs.printed_checks(expected_outputs.load(source(slug)))
    assert expected_outputs.CHECK.findall(printed) == expected


@pytest.mark.parametrize("slug", site_posts())
def test_table_of_contents_links_to_every_section(opened, slug):
    entries = opened(slug).locator("nav#TOC > ul > li > a").all_inner_texts()
    assert entries == opened(slug).locator("main h2.anchored:not(.quarto-appendix-heading)").all_inner_texts(), (
        "posts/_metadata.yml gives every post a table of contents of its sections (CONTRIBUTING.md, 'Writing a new post')"
    )


@pytest.mark.parametrize("slug", sectioned_posts())
def test_table_of_contents_link_scrolls_to_its_section(open_page, slug):
    page = open_page(f"posts/{slug}/index.html").page
    heading = page.locator("main h2.anchored:not(.quarto-appendix-heading)").last
    expect(heading).not_to_be_in_viewport()
    page.locator("nav#TOC > ul > li > a").last.click()
    # The page scrolls smoothly (Bootstrap's reboot): the heading arrives frames after the click, and this waits.
    expect(heading).to_be_in_viewport()


@pytest.mark.parametrize("slug", folded_posts())
def test_folded_code_starts_hidden_and_unfolds(open_page, slug):
    page = open_page(f"posts/{slug}/index.html").page
    fold = page.locator("details.code-fold").first
    code = fold.locator("pre code")
    assert not code.is_visible()
    fold.locator("summary").click()
    # The browser lays the code out in the frame after it comes on screen (styles.css).
    expect(code).to_have_text(re.compile(r"\S"), use_inner_text=True)


@pytest.mark.parametrize("slug", site_posts())
def test_copy_button_copies_its_code(open_page, slug):
    page = open_page(f"posts/{slug}/index.html").page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    # The first code cell shown unfolded; Quarto puts its copy button beside the code, inside the cell.
    block = page.locator("div.cell:not(:has(details.code-fold))").first
    block.hover()
    button = block.locator("button.code-copy-button")
    button.click()
    # Quarto marks the button once clipboard.js has copied; the clipboard is read after that, not before.
    expect(button).to_have_class(re.compile(r"\bcode-copy-button-checked\b"))
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == block.locator("code.sourceCode").inner_text().strip()


def test_first_post_links_to_its_sequel(opened):
    # Post-specific (CONTRIBUTING.md, "Writing a new post"): the first post's conclusion names its sequel.
    links = opened("gmm-first-look").locator("main a").evaluate_all("links => links.map(a => a.href)")
    # Quarto's script drops "index.html" from links within a site that is served over HTTP.
    assert [link for link in links if re.search(r"/posts/gmm-em/(index\.html)?$", link)], links


@pytest.mark.parametrize(("post", "linked"), [("gmm-how-many", "gmm-faithful"), ("gmm-faithful", "gmm-how-many")])
def test_third_and_fourth_posts_link_to_each_other(opened, post, linked):
    # Post-specific: the third post's conclusion names the fourth, and the fourth names the third.
    links = opened(post).locator("main a").evaluate_all("links => links.map(a => a.href)")
    assert [link for link in links if re.search(rf"/posts/{linked}/(index\.html)?$", link)], links


def repo_url():
    return rendered_site.website_settings()["repo-url"].rstrip("/")


def link_targets(page, text):
    """Where the page's links with this text lead (Quarto may repeat a link, as in the footer on a phone)."""
    return set(page.locator(f'a:text-is("{text}")').evaluate_all("links => links.map(link => link.href)"))


@pytest.mark.parametrize("slug", site_posts())
def test_colab_link_opens_the_posts_notebook_on_the_gh_pages_branch(opened, slug):
    repository = urllib.parse.urlparse(repo_url()).path.strip("/")
    expected = f"https://colab.research.google.com/github/{repository}/blob/gh-pages/posts/{slug}/index.ipynb"
    assert link_targets(opened(slug), "Open in Colab") == {expected}


@pytest.mark.parametrize("slug", site_posts())
def test_view_source_link_names_the_posts_qmd_in_the_repository(opened, slug):
    assert link_targets(opened(slug), "View source") == {f"{repo_url()}/blob/main/posts/{slug}/index.qmd"}


@pytest.mark.parametrize("slug", site_posts())
def test_report_an_issue_link_opens_a_new_issue_in_the_repository(opened, slug):
    assert link_targets(opened(slug), "Report an issue") == {f"{repo_url()}/issues/new"}
