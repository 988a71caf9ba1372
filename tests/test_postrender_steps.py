"""The post-render steps outside lighten/ (scripts/postrender/), each run as Quarto runs it, on a small site: each
rewrites only the pages the render wrote, rewrites a page twice as it does once, and stops the render, naming itself
and the page, when a page that should hold its anchor holds another shape."""

import re
from pathlib import Path

import pytest

from scripts.postrender import colab_links
from scripts.postrender import dark_figures
from scripts.postrender import prerender_math
from scripts.postrender import self_host_assets
from scripts.postrender import trim_stylesheets
from fontTools.ttLib import TTFont

HEAD = ('<meta charset="utf-8">\n'
        '<link href="{root}site_libs/bootstrap/bootstrap.min.css" rel="stylesheet" append-hash="true" '
        'class="quarto-color-scheme" id="quarto-bootstrap" data-mode="light">\n'
        '<script defer="" src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml-full.js" type="text/javascript">'
        '</script>\n')
COLAB_LINK = '<a href="index.ipynb" data-colab="published-notebook"><i class="bi bi-journal-code"></i>Open in Colab</a>'
FIGURE = ('<div class="cell-output cell-output-display">\n<figure class="quarto-float quarto-float-fig figure">\n'
          '<img src="index_files/figure-html/fig-data-output-1.png" alt="A histogram." width="711" height="411" '
          'class="figure-img">\n</figure>\n</div>\n')
FORMULAS = '<p>A point <span class="math inline">\\(x^2 &lt; y\\)</span>, and</p>\n<p><span class="math display">\\[\\alpha\\]</span></p>\n'
REPO_URL = "https://github.com/someone/a-blog"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An empty site, _site/ in a project folder, which is the working directory, as Quarto runs a step; every page
    counts as written until a test says which were (written)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "_quarto.yml").write_text(f"website:\n  repo-url: {REPO_URL}\n", encoding="utf-8")
    monkeypatch.setenv("QUARTO_PROJECT_OUTPUT_DIR", str(tmp_path / "_site"))
    monkeypatch.delenv("QUARTO_PROJECT_OUTPUT_FILES", raising=False)
    monkeypatch.delenv("QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES", raising=False)
    monkeypatch.delenv("QUARTO_PROJECT_RENDER_ALL", raising=False)
    (tmp_path / "_site").mkdir()
    return tmp_path / "_site"


def written(monkeypatch, *pages):
    """This render wrote only pages, named as Quarto names them, from the project's folder."""
    monkeypatch.setenv("QUARTO_PROJECT_OUTPUT_FILES", "\n".join(str(page.relative_to(Path.cwd())) for page in pages))


def page(site, path, body, head=None):
    """A page of the site at path, with Quarto's theme stylesheet and MathJax script in its head (or head), and body."""
    written_page = site / path
    written_page.parent.mkdir(parents=True, exist_ok=True)
    root = "../" * (len(Path(path).parts) - 1)
    head = HEAD.format(root=root) if head is None else head
    written_page.write_text(f"<!DOCTYPE html>\n<html><head>\n{head}</head><body>\n{body}</body></html>\n",
                            encoding="utf-8")
    return written_page


def post(site, slug, body):
    """A post's page, posts/<slug>/index.html, its figures' folder, and its source beside the site, as a render
    leaves them."""
    source = site.parent / "posts" / slug / "index.qmd"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("---\ntitle: A post\n---\n", encoding="utf-8")
    (site / "posts" / slug / "index_files" / "figure-html").mkdir(parents=True)
    return page(site, f"posts/{slug}/index.html", body)


def naming(step, page):
    """What the message of a step stopping the render at page matches: the page, then the step's file."""
    return f"{re.escape(str(page))}.*scripts/postrender/{step}\\.py"


def twice(step, page):
    """The page after step ran once, and after it ran again."""
    step.main()
    once = page.read_text(encoding="utf-8")
    step.main()
    return once, page.read_text(encoding="utf-8")


# prerender_math.py

def test_math_typeset_twice_is_the_same_as_once(site):
    formulas = page(site, "formulas.html", FORMULAS)
    once, again = twice(prerender_math, formulas)
    assert again == once


def test_math_is_typeset_without_the_tex_marks_of_mathjax_s_menu(site):
    formulas = page(site, "formulas.html", FORMULAS)
    prerender_math.main()
    assert "data-latex=" not in formulas.read_text(encoding="utf-8")


def test_a_math_span_of_another_form_stops_prerender_math(site):
    dollars = page(site, "dollars.html", '<p><span class="math inline">$x^2$</span></p>\n')
    with pytest.raises(SystemExit, match=naming("prerender_math", dollars)):
        prerender_math.main()


def test_a_mathjax_script_from_another_address_stops_prerender_math(site):
    unpkg = page(site, "unpkg.html", FORMULAS, head='<script src="https://unpkg.com/mathjax@4/tex-chtml.js"></script>\n')
    with pytest.raises(SystemExit, match=naming("prerender_math", unpkg)):
        prerender_math.main()


def test_math_on_a_page_this_render_did_not_write_is_left_to_the_render_that_wrote_it(site, monkeypatch):
    earlier = page(site, "earlier.html", FORMULAS)
    written(monkeypatch, page(site, "formulas.html", FORMULAS))
    prerender_math.main()
    assert "\\(x^2 &lt; y\\)" in earlier.read_text(encoding="utf-8")


def test_math_fonts_keep_the_characters_of_a_page_an_earlier_render_typeset(site, monkeypatch):
    written(monkeypatch, page(site, "earlier.html", '<p><span class="math inline">\\(\\Omega\\)</span></p>\n'))
    prerender_math.main()
    written(monkeypatch, page(site, "later.html", '<p><span class="math inline">\\(x\\)</span></p>\n'))
    prerender_math.main()
    fonts = (site / "site_libs" / "mathjax" / "woff2").glob("*.woff2")
    assert any(ord("\u03a9") in (TTFont(font).getBestCmap() or {}) for font in fonts)  # Ω


# A formula with a stretched delimiter, whose rules in MathJax's stylesheet name some selectors twice.
STRETCHY = '<p><span class="math display">\\[\\left(\\begin{matrix}a\\\\b\\\\c\\\\d\\end{matrix}\\right)\\]</span></p>\n'


def test_the_math_stylesheet_a_render_of_one_page_writes_is_the_one_a_render_of_every_page_writes(site, monkeypatch):
    omega = '<p><span class="math inline">\\(\\Omega\\)</span></p>\n'
    page(site, "one.html", omega)
    page(site, "other.html", STRETCHY)
    monkeypatch.setenv("QUARTO_PROJECT_RENDER_ALL", "1")
    prerender_math.main()
    every_page = (site / "site_libs" / "mathjax" / "mathjax.css").read_text(encoding="utf-8")
    monkeypatch.delenv("QUARTO_PROJECT_RENDER_ALL")
    written(monkeypatch, page(site, "one.html", omega))
    prerender_math.main()
    assert (site / "site_libs" / "mathjax" / "mathjax.css").read_text(encoding="utf-8") == every_page


def test_a_merged_math_stylesheet_keeps_both_rules_of_a_selector_written_twice():
    earlier = "mjx-stretchy-h {\n  clip-path: none;\n}\n\nmjx-mo {\n  display: block;\n}\n\nmjx-stretchy-h {\n  display: inline-block;\n}\n"
    assert "clip-path: none;" in prerender_math.merged_stylesheet(earlier, "mjx-mo {\n  display: inline;\n}\n")


# dark_figures.py

@pytest.fixture
def drawn(monkeypatch):
    """The dark drawings, made without running a post: one figure of the cell fig-data."""
    monkeypatch.setattr(dark_figures, "kept_or_drawn", lambda _qmd: {"fig-data": [b"a dark drawing"]})


def test_dark_figures_twice_is_the_same_as_once(site, drawn):
    figures = post(site, "a-post", FIGURE)
    once, again = twice(dark_figures, figures)
    assert again == once


def test_a_figure_becomes_a_picture_with_its_dark_drawing(site, drawn):
    figures = post(site, "a-post", FIGURE)
    dark_figures.main()
    assert ('<picture><source srcset="index_files/figure-html/fig-data-output-1-dark.png" '
            'media="(prefers-color-scheme: dark)" data-figure-theme="dark"><img src="index_files/figure-html/'
            'fig-data-output-1.png"') in figures.read_text(encoding="utf-8")


def test_a_figure_image_of_another_form_stops_dark_figures(site, drawn):
    svg = post(site, "a-post", FIGURE.replace("fig-data-output-1.png", "fig-data-output-1.svg"))
    with pytest.raises(SystemExit, match=naming("dark_figures", svg)):
        dark_figures.main()


def test_a_figure_in_a_picture_of_another_form_stops_dark_figures(site, drawn):
    pictured = post(site, "a-post", FIGURE.replace('<img', '<picture><source srcset="x.webp"><img').replace(
        'class="figure-img">', 'class="figure-img"></picture>'))
    with pytest.raises(SystemExit, match=naming("dark_figures", pictured)):
        dark_figures.main()


def test_figures_of_a_post_this_render_did_not_write_are_left_to_the_render_that_wrote_it(site, drawn, monkeypatch):
    earlier = post(site, "earlier", FIGURE)
    written(monkeypatch, post(site, "a-post", FIGURE))
    dark_figures.main()
    assert "<picture>" not in earlier.read_text(encoding="utf-8")


# colab_links.py

def test_colab_links_twice_is_the_same_as_once(site):
    linked = post(site, "a-post", COLAB_LINK)
    once, again = twice(colab_links, linked)
    assert again == once


def test_the_colab_link_opens_the_notebook_on_the_gh_pages_branch(site):
    linked = post(site, "a-post", COLAB_LINK)
    colab_links.main()
    assert ('<a href="https://colab.research.google.com/github/someone/a-blog/blob/gh-pages/posts/a-post/index.ipynb" '
            'data-colab="published-notebook">') in linked.read_text(encoding="utf-8")


def test_a_post_without_its_colab_link_stops_colab_links(site):
    unlinked = post(site, "a-post", '<a href="index.ipynb">Download the notebook</a>')
    with pytest.raises(SystemExit, match=naming("colab_links", unlinked)):
        colab_links.main()


def test_the_colab_link_of_a_post_this_render_did_not_write_is_left_to_the_render_that_wrote_it(site, monkeypatch):
    earlier = post(site, "earlier", COLAB_LINK)
    written(monkeypatch, post(site, "a-post", COLAB_LINK))
    colab_links.main()
    assert COLAB_LINK in earlier.read_text(encoding="utf-8")


# self_host_assets.py

def test_lato_cut_down_twice_is_the_same_as_once(site):
    page(site, "index.html", "<p>Caf\u00e9 cr\u00e8me</p>\n")
    self_host_assets.main()
    once = (site / self_host_assets.LATO_DIR / "Lato-Regular.woff2").read_bytes()
    self_host_assets.main()
    assert (site / self_host_assets.LATO_DIR / "Lato-Regular.woff2").read_bytes() == once


def test_lato_keeps_a_character_of_a_script_s_text_that_follows_a_less_than_sign(site):
    page(site, "index.html", '<script>if (a<b) label = "\u00fcber"; // b>a</script>\n')
    assert "\u00fc" in self_host_assets.characters_used(site)


def test_an_icon_name_in_a_page_s_text_is_not_an_icon_the_page_shows(site):
    page(site, "index.html", '<p>The class bi-trash names an icon.</p><i class="bi bi-github"></i>\n')
    assert self_host_assets.icon_names_used(site, site / "none.css") == {"bi-github"}


def test_an_icon_a_page_s_script_adds_by_name_is_kept(site):
    page(site, "index.html", '<script>button.classList.add("bi-check2");</script>\n')
    assert self_host_assets.icon_names_used(site, site / "none.css") == {"bi-check2"}


# trim_stylesheets.py

THEME = ".navbar { color: red; }\n.carousel-item { color: blue; }\n"


def test_theme_stylesheets_cut_down_twice_are_the_same_as_once(site):
    page(site, "index.html", '<nav class="navbar"></nav>\n')
    theme = site / "site_libs" / "bootstrap" / "bootstrap.min.css"
    theme.parent.mkdir(parents=True)
    theme.write_text(THEME, encoding="utf-8")
    once, again = twice(trim_stylesheets, theme)
    assert again == once


def test_the_theme_stylesheet_a_page_links_is_cut_down_whatever_its_name(site):
    page(site, "index.html", '<nav class="navbar"></nav>\n',
         head='<link href="theme.css" rel="stylesheet" class="quarto-color-scheme" id="quarto-bootstrap">\n')
    (site / "theme.css").write_text(THEME, encoding="utf-8")
    trim_stylesheets.main()
    assert "carousel-item" not in (site / "theme.css").read_text(encoding="utf-8")


def purgecss_runs(monkeypatch):
    """The number of times trim_stylesheets runs PurgeCSS, as a list that grows by one each time."""
    runs, purged = [], trim_stylesheets.purged
    monkeypatch.setattr(trim_stylesheets, "purged", lambda *arguments: runs.append(1) or purged(*arguments))
    return runs


def themed_site(site, body):
    theme = site / "site_libs" / "bootstrap" / "bootstrap.min.css"
    theme.parent.mkdir(parents=True, exist_ok=True)
    theme.write_text(THEME, encoding="utf-8")
    return page(site, "index.html", body), theme


def test_a_new_word_no_selector_asks_about_takes_the_kept_theme(site, monkeypatch):
    index, theme = themed_site(site, '<nav class="navbar">Old text.</nav>\n')
    runs = purgecss_runs(monkeypatch)
    trim_stylesheets.main()
    first = theme.read_bytes()
    themed_site(site, '<nav class="navbar">Old text, truly.</nav>\n')
    trim_stylesheets.main()
    assert (len(runs), theme.read_bytes()) == (1, first)


def test_a_new_class_a_selector_names_cuts_the_theme_again(site, monkeypatch):
    themed_site(site, '<nav class="navbar"></nav>\n')
    trim_stylesheets.main()
    _, theme = themed_site(site, '<nav class="navbar"></nav>\n<div class="carousel-item"></div>\n')
    trim_stylesheets.main()
    assert "carousel-item" in theme.read_text(encoding="utf-8")


def test_a_word_holding_an_attribute_selector_s_value_cuts_the_theme_again(site, monkeypatch):
    themed_site(site, '<div class="row"></div>\n')
    theme_text = '[class*="col-"] { color: red; }\n.row { color: blue; }\n'
    (site / "site_libs" / "bootstrap" / "bootstrap.min.css").write_text(theme_text, encoding="utf-8")
    trim_stylesheets.main()
    (site / "site_libs" / "bootstrap" / "bootstrap.min.css").write_text(theme_text, encoding="utf-8")
    page(site, "index.html", '<div class="row wide-col-3"></div>\n')
    trim_stylesheets.main()
    assert 'col-' in (site / "site_libs" / "bootstrap" / "bootstrap.min.css").read_text(encoding="utf-8")


def test_a_page_linking_no_theme_stylesheet_stops_trim_stylesheets(site):
    themeless = page(site, "index.html", '<nav class="navbar"></nav>\n', head='<meta charset="utf-8">\n')
    with pytest.raises(SystemExit, match=naming("trim_stylesheets", themeless)):
        trim_stylesheets.main()


def test_latin_s_code_points_are_those_fonttools_reads_in_its_unicode_range():
    from fontTools import subset

    expected = set(subset.parse_unicodes(self_host_assets.LATIN.replace(" ", ",")))
    assert self_host_assets.code_points(self_host_assets.LATIN) == expected
