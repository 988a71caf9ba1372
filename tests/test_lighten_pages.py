"""Each transformation of scripts/postrender/lighten/ on the markup Quarto 1.10 writes, and on that markup changed
as a Quarto upgrade might change it: the first is rewritten, the second stops the render naming the module and the
page. A page rewritten twice, as a second post-render run over a page already done would, equals it rewritten once."""

from pathlib import Path

import pytest

from scripts.postrender.lighten import (aria_roles, dark_theme_on_demand, deferred_scripts, inline_stylesheets, lazy_images,
                     listing_thumbnails, module_scripts, ojs_on_demand, script_bundle, widget_loaders)
from scripts.postrender.lighten.palette_pngs import image_library
from scripts.postrender.lighten.markup import MarkupChanged, Page


def page(tmp_path, head="", body=""):
    return Page(tmp_path / "post.html", tmp_path, f"<html><head>{head}</head><body>{body}</body></html>")


def rewritten(step, tmp_path, head="", body=""):
    result = page(tmp_path, head, body)
    step.rewrite(result)
    return result.html


def stops_the_render(step):
    """The check that step raises MarkupChanged, naming the page and step's module."""
    module = Path(step.__file__).stem
    return pytest.raises(MarkupChanged, match=rf"(?s)post\.html: .* scripts/postrender/lighten/{module}\.py ")


def rewritten_again(step, tmp_path, head="", body=""):
    """The page once rewritten, and that page rewritten a second time, as a second post-render run would."""
    once = rewritten(step, tmp_path, head, body)
    again = Page(tmp_path / "post.html", tmp_path, once)
    step.rewrite(again)
    return once, again.html


WIDGET_LOADERS = (
    '<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js" integrity="x" crossorigin="anonymous"></script>\n'
    '<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js" integrity="y" crossorigin="anonymous"></script>\n'
    "<script type=\"application/javascript\">define('jquery', [],function() {return window.jQuery;})</script>\n")


def test_widget_loaders_go(tmp_path):
    assert rewritten(widget_loaders, tmp_path, '<meta charset="utf-8">\n' + WIDGET_LOADERS) == page(
        tmp_path, '<meta charset="utf-8">\n').html


def test_widget_loaders_gone_twice_is_the_same_as_once(tmp_path):
    once, twice = rewritten_again(widget_loaders, tmp_path, WIDGET_LOADERS)
    assert twice == once


def test_a_widget_loader_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(widget_loaders):
        rewritten(widget_loaders, tmp_path, '<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.js"></script>')


def test_a_jquery_shim_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(widget_loaders):
        rewritten(widget_loaders, tmp_path, WIDGET_LOADERS.replace("[],function()", "[], function ()"))


def test_dark_theme_stylesheets_are_disabled(tmp_path):
    head = ('<meta charset="utf-8">\n<link href="site_libs/bootstrap/bootstrap-dark.min.css" rel="stylesheet" append-hash="true" '
            'class="quarto-color-scheme quarto-color-alternate" id="quarto-bootstrap" data-mode="dark">')
    assert 'rel="disabled-stylesheet"' in rewritten(dark_theme_on_demand, tmp_path, head)


def test_the_dark_theme_is_enabled_before_the_first_paint_for_a_reader_who_gets_it(tmp_path):
    head = ('<meta charset="utf-8">\n<link href="dark.css" rel="stylesheet" class="quarto-color-scheme quarto-color-alternate" id="a">\n'
            '<link href="light.css" rel="stylesheet" class="quarto-color-scheme-extra" id="b">\n'
            '<link href="bootstrap-dark.css" rel="stylesheet" append-hash="true" class="quarto-color-scheme quarto-color-alternate" id="c">\n'
            '<link href="bootstrap.css" rel="stylesheet" append-hash="true" class="quarto-color-scheme-extra" id="d">\n')
    html = rewritten(dark_theme_on_demand, tmp_path, head)
    assert html.index('id="c">\n' + dark_theme_on_demand.DARK_BEFORE_FIRST_PAINT) < html.index('id="d"')


def test_the_dark_theme_holds_the_first_paint_once_enabled(tmp_path):
    head = '<meta charset="utf-8">\n<link href="dark.css" rel="stylesheet" class="quarto-color-scheme quarto-color-alternate" id="a">\n'
    assert 'rel="disabled-stylesheet" class="quarto-color-scheme quarto-color-alternate" blocking="render"' in rewritten(
        dark_theme_on_demand, tmp_path, head)


def test_the_dark_theme_is_asked_for_first_for_a_reader_who_gets_it(tmp_path):
    head = ('<meta charset="utf-8">\n<link href="light.css" rel="stylesheet">\n'
            '<link href="dark.css" rel="stylesheet" class="quarto-color-scheme quarto-color-alternate" id="a">\n')
    html = rewritten(dark_theme_on_demand, tmp_path, head)
    assert html.index('for (const href of ["dark.css"])') < html.index('<link href="light.css"')


def test_the_dark_theme_put_on_demand_twice_is_the_same_as_once(tmp_path):
    head = ('<meta charset="utf-8">\n<link href="light.css" rel="stylesheet">\n'
            '<link href="dark.css" rel="stylesheet" class="quarto-color-scheme quarto-color-alternate" id="a">\n')
    once, twice = rewritten_again(dark_theme_on_demand, tmp_path, head)
    assert twice == once


def test_a_dark_theme_link_of_another_form_stops_the_render(tmp_path):
    head = '<link rel="stylesheet" href="bootstrap-dark.min.css" class="quarto-color-scheme quarto-color-alternate">'
    with stops_the_render(dark_theme_on_demand):
        rewritten(dark_theme_on_demand, tmp_path, head)


def test_head_scripts_are_deferred(tmp_path):
    assert '<script src="site_libs/quarto-nav/quarto-nav.js" defer></script>' in rewritten(
        deferred_scripts, tmp_path, '<script src="site_libs/quarto-nav/quarto-nav.js"></script>')


def test_a_head_script_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(deferred_scripts):
        rewritten(deferred_scripts, tmp_path, '<script src="site_libs/quarto-nav/quarto-nav.js" id="nav"></script>')


def test_head_scripts_deferred_twice_is_the_same_as_once(tmp_path):
    once, twice = rewritten_again(deferred_scripts, tmp_path, '<script src="a.js"></script>\n<script src="b.js"></script>\n')
    assert twice == once


def test_a_page_without_its_head_stops_the_render(tmp_path):
    with stops_the_render(deferred_scripts):
        deferred_scripts.rewrite(Page(tmp_path / "post.html", tmp_path, '<script src="a.js"></script><p>A page.'))


def test_images_after_the_first_load_lazily(tmp_path):
    html = rewritten(lazy_images, tmp_path, body='<img src="a.png" alt="A"><p><img src="b.png" alt="B">')
    assert '<img fetchpriority="high" src="a.png"' in html and '<img loading="lazy" src="b.png"' in html


def test_a_card_thumbnail_quarto_made_lazy_loads_first(tmp_path):
    html = rewritten(lazy_images, tmp_path, body="<img loading='lazy' src=\"a.png\" alt=\"A\" class=\"thumbnail-image\"/>")
    assert '<img fetchpriority="high" src="a.png"' in html


def test_an_image_written_over_two_lines_loads_lazily_too(tmp_path):
    html = rewritten(lazy_images, tmp_path, body='<img src="a.png" alt="A"><img\nsrc="b.png" alt="B">')
    assert '<img loading="lazy" src="b.png" alt="B">' in html


def test_a_first_image_quarto_made_lazy_loads_first(tmp_path):
    html = rewritten(lazy_images, tmp_path, body='<img src="a.png" loading="lazy" alt="A">')
    assert '<img fetchpriority="high" src="a.png" alt="A">' in html and "lazy" not in html


def test_images_made_lazy_twice_is_the_same_as_once(tmp_path):
    once, twice = rewritten_again(lazy_images, tmp_path, body='<img src="a.png" alt="A"><p><img src="b.png" alt="B">')
    assert twice == once


def figure(tmp_path, width, height):
    """A post's figure of this size, as a path from the site's folder."""
    path = tmp_path / "posts" / "a-post" / "figure.png"
    path.parent.mkdir(parents=True)
    image_library().new("RGB", (width, height), "white").save(path)
    return path.relative_to(tmp_path).as_posix()


def card_thumbnail(source):
    return f"<img loading='lazy' src=\"{source}\" alt=\"A\" class=\"thumbnail-image card-img\"/>"


def test_a_card_thumbnail_wider_than_a_phone_shows_a_copy_scaled_to_its_width(tmp_path):
    html = rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(figure(tmp_path, 1600, 800)))
    assert 'src="posts/a-post/figure-thumbnail.png"' in html
    with image_library().open(tmp_path / "posts" / "a-post" / "figure-thumbnail.png") as thumbnail:
        assert thumbnail.size == (listing_thumbnails.THUMBNAIL_WIDTH, listing_thumbnails.THUMBNAIL_WIDTH // 2)


def test_a_card_thumbnail_made_before_its_figure_was_stored_with_a_palette_stays(tmp_path):
    source = figure(tmp_path, 1600, 800)
    image_library().linear_gradient("L").resize((1600, 800)).convert("RGB").save(tmp_path / source)
    rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(source))
    thumbnail = tmp_path / "posts" / "a-post" / "figure-thumbnail.png"
    made = thumbnail.read_bytes()
    with image_library().open(tmp_path / source) as full_colour:
        full_colour.quantize(2).save(tmp_path / source)  # as palette_pngs.py stores it, a render that did not write it
    rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(source))
    assert thumbnail.read_bytes() == made


def test_a_card_thumbnail_no_wider_than_a_phone_shows_the_figure_itself(tmp_path):
    source = figure(tmp_path, listing_thumbnails.THUMBNAIL_WIDTH, 400)
    html = rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(source))
    assert f'src="{source}"' in html and not (tmp_path / "posts" / "a-post" / "figure-thumbnail.png").exists()


def test_a_card_thumbnail_declares_the_size_of_the_image_it_shows(tmp_path):
    html = rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(figure(tmp_path, 1600, 800)))
    assert f'width="{listing_thumbnails.THUMBNAIL_WIDTH}" height="{listing_thumbnails.THUMBNAIL_WIDTH // 2}"' in html


def listing(cards):
    return f'<div class="quarto-listing quarto-listing-container-default" id="listing-listing">{cards}</div>'


def test_card_thumbnails_scaled_twice_is_the_same_as_once(tmp_path):
    once, twice = rewritten_again(listing_thumbnails, tmp_path, body=listing(card_thumbnail(figure(tmp_path, 1600, 800))))
    assert twice == once


def test_a_card_thumbnail_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(listing_thumbnails):
        rewritten(listing_thumbnails, tmp_path,
                  body=listing(card_thumbnail(figure(tmp_path, 1600, 800)).replace("thumbnail-image ", "")))


def test_a_card_thumbnail_without_a_relative_src_stops_the_render(tmp_path):
    with stops_the_render(listing_thumbnails):
        rewritten(listing_thumbnails, tmp_path, body=listing(card_thumbnail("/posts/a-post/figure.png")))


MISAPPLIED_ROLES = ('<button class="navbar-toggler" type="button" data-bs-toggle="collapse" role="menu" aria-label="Toggle">'
                    '</button><div id="ref-post" class="csl-entry quarto-appendix-citeas" role="listitem">A.</div>')


def test_misapplied_roles_go(tmp_path):
    assert rewritten(aria_roles, tmp_path, body=MISAPPLIED_ROLES) == page(
        tmp_path, body=MISAPPLIED_ROLES.replace(' role="menu"', "").replace(' role="listitem"', "")).html


def test_misapplied_roles_gone_twice_is_the_same_as_once(tmp_path):
    once, twice = rewritten_again(aria_roles, tmp_path, body=MISAPPLIED_ROLES)
    assert twice == once


def test_the_bibliography_keeps_its_list_items(tmp_path):
    body = '<div id="refs" class="references csl-bib-body" role="list"><div id="ref-a" class="csl-entry" role="listitem">A.</div></div>'
    assert rewritten(aria_roles, tmp_path, body=body) == page(tmp_path, body=body).html


def test_a_misapplied_role_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(aria_roles):
        rewritten(aria_roles, tmp_path, body='<button role="menu" class="navbar-toggle" type="button"></button>')


def test_a_list_item_outside_a_list_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(aria_roles):
        rewritten(aria_roles, tmp_path, body=MISAPPLIED_ROLES.replace("quarto-appendix-citeas", "quarto-appendix-cite-as"))


def test_small_stylesheets_come_inside_the_page(tmp_path):
    (tmp_path / "styles.css").write_text('a { background: url("icon.svg"); }', encoding="utf-8")
    html = rewritten(inline_stylesheets, tmp_path, '<link href="styles.css" rel="stylesheet">')
    assert '<style>\na { background: url("icon.svg"); }</style>' in html


def test_a_stylesheet_comes_inside_the_page_without_its_comments_but_its_licence(tmp_path):
    (tmp_path / "styles.css").write_text("/*! Licence. */\n/* Why. */\na { /* Why too. */ color: red; }",
                                         encoding="utf-8")
    html = rewritten(inline_stylesheets, tmp_path, '<link href="styles.css" rel="stylesheet">')
    assert "<style>\n/*! Licence. */\n\na {  color: red; }</style>" in html


def test_a_stylesheet_over_the_limit_only_in_its_comments_comes_inside_the_page(tmp_path):
    comment = "/* " + "x" * inline_stylesheets.INLINE_AT_MOST + " */"
    (tmp_path / "styles.css").write_text(f"{comment}\na {{ color: red; }}", encoding="utf-8")
    html = rewritten(inline_stylesheets, tmp_path, '<link href="styles.css" rel="stylesheet">')
    assert "<style>\n\na { color: red; }</style>" in html


def test_small_stylesheets_inside_the_page_twice_is_the_same_as_once(tmp_path):
    (tmp_path / "styles.css").write_text('a { background: url("icon.svg"); }', encoding="utf-8")
    once, twice = rewritten_again(inline_stylesheets, tmp_path, '<link rel="stylesheet" href="styles.css">\n')
    assert twice == once


def test_a_small_stylesheet_link_of_another_form_stops_the_render(tmp_path):
    (tmp_path / "styles.css").write_text("a { color: red; }", encoding="utf-8")
    with stops_the_render(inline_stylesheets):
        rewritten(inline_stylesheets, tmp_path, '<link href="styles.css" rel="stylesheet" media="all">')


def bundled_scripts(tmp_path, monkeypatch, *scripts):
    """A head naming each script, each a file of the site; Terser's part left out (it needs Node)."""
    monkeypatch.setattr(script_bundle, "minified_file", lambda path: path.read_text(encoding="utf-8"))
    for script in scripts:
        (tmp_path / script).write_text(f"window.{script[0]} = 1;", encoding="utf-8")
    return "".join(f'<script src="{script}" defer></script>\n' for script in scripts)


def test_the_head_scripts_come_as_one_bundle(tmp_path, monkeypatch):
    html = rewritten(script_bundle, tmp_path, bundled_scripts(tmp_path, monkeypatch, "a.js", "b.js") + "<title>A</title>")
    [bundle] = (tmp_path / script_bundle.BUNDLE_DIR).glob("*.js")
    assert "defer" not in html and f'bundle.src = "./{script_bundle.BUNDLE_DIR.as_posix()}/{bundle.name}";' in html
    assert html.endswith("</script>\n<title>A</title></head><body></body></html>")
    assert bundle.read_text(encoding="utf-8").endswith("window.a = 1;\n;\nwindow.b = 1;")


def test_head_scripts_bundled_twice_is_the_same_as_once(tmp_path, monkeypatch):
    once, twice = rewritten_again(script_bundle, tmp_path, bundled_scripts(tmp_path, monkeypatch, "a.js", "b.js"))
    assert twice == once


def test_a_bundle_already_written_is_not_minified_again(tmp_path, monkeypatch):
    head = bundled_scripts(tmp_path, monkeypatch, "a.js", "b.js")
    first = rewritten(script_bundle, tmp_path, head)

    def minify_nothing(path):
        raise AssertionError(f"{path} was minified again, for a bundle already written")

    monkeypatch.setattr(script_bundle, "minified_file", minify_nothing)
    assert rewritten(script_bundle, tmp_path, head) == first


def test_a_deferred_script_of_another_form_stops_the_render(tmp_path, monkeypatch):
    head = bundled_scripts(tmp_path, monkeypatch, "a.js", "b.js").replace(' defer>', ' defer id="b">', 1)
    with stops_the_render(script_bundle):
        rewritten(script_bundle, tmp_path, head)


def test_module_scripts_minified_twice_are_the_same_as_once(tmp_path, monkeypatch):
    # Terser's output minified again is not always the same (quarto.js: 9,319 bytes, then 9,283); so neither is this.
    monkeypatch.setattr(module_scripts, "minified", lambda script, name, module: script.replace("  ", " "))
    script = tmp_path / "site_libs" / "quarto.js"
    script.parent.mkdir()
    script.write_text("export    const a = 1;\n", encoding="utf-8")
    module_scripts.minify(tmp_path, {script.resolve()})
    once = script.read_bytes()
    module_scripts.minify(tmp_path, {script.resolve()})
    assert script.read_bytes() == once != b"export    const a = 1;\n"


OJS_BODY = ('<script type="ojs-define">{"contents":[{"name":"runs","value":[1,2]}]}</script>\n'
            '<script type="module">\nwindow._ojs.paths.runtimeToDoc = "../../posts/gmm-em";\n'
            'window._ojs.runtime.interpretFromScriptTags();\n</script>\n')
OJS_HEAD = '<script type="module" src="../../site_libs/quarto-ojs/quarto-ojs-runtime.js"></script>\n'


def test_the_ojs_runtime_and_its_data_load_on_demand(tmp_path):
    html = rewritten(ojs_on_demand, tmp_path, OJS_HEAD, OJS_BODY)
    assert 'import("../../site_libs/quarto-ojs/quarto-ojs-runtime.js")' in html and 'type="ojs-define"' not in html
    assert (tmp_path / "post.ojs-define.json").read_text(encoding="utf-8") == '{"contents": [{"name": "runs", "value": [1, 2]}]}'


def test_the_ojs_runtime_put_on_demand_twice_is_the_same_as_once(tmp_path):
    once, twice = rewritten_again(ojs_on_demand, tmp_path, OJS_HEAD, OJS_BODY)
    assert twice == once


def test_an_ojs_start_up_of_another_form_stops_the_render(tmp_path):
    with stops_the_render(ojs_on_demand):
        rewritten(ojs_on_demand, tmp_path, OJS_HEAD, OJS_BODY.replace("interpretFromScriptTags()", "interpret()"))


def test_the_page_steps_run_in_the_order_lighten_pages_documents():
    from scripts.postrender import lighten_pages

    documented = [line.split(". ", 1)[1].split(":")[0] for line in lighten_pages.__doc__.splitlines()
                  if line[:1].isdigit()]
    assert [Path(step.__file__).stem for step in lighten_pages.PAGE_STEPS] == documented


FORMULA_PAGE = ('<p><span class="math inline"><mjx-container class="MathJax"><mjx-math><mjx-c>x</mjx-c></mjx-math>'
                '</mjx-container></span> and <a href="#eq">a link</a></p>')


def test_a_typeset_formula_is_located_whole():
    from scripts.postrender.lighten.markup import located

    tags = [element.tag for element in located(FORMULA_PAGE)]
    assert tags == ["p", "span", "mjx-container", "a"]


def test_what_follows_a_typeset_formula_is_located_where_it_lies():
    from scripts.postrender.lighten.markup import located

    container, link = [element for element in located(FORMULA_PAGE) if element.tag in ("mjx-container", "a")]
    assert (container.outer.endswith("</mjx-container>"), link.outer) == (True, '<a href="#eq">a link</a>')


def test_a_typeset_formula_is_located_inside_when_asked():
    from scripts.postrender.lighten.markup import located

    assert "mjx-c" in [element.tag for element in located(FORMULA_PAGE, inside_formulas=True)]


CODE_PAGE = ('<div class="sourceCode"><pre class="sourceCode python"><code class="sourceCode python"><span id="cb1-1">'
             '<a href="#cb1-1"></a>x <span class="op">&lt;/</span>pre</span></code></pre></div><p><a href="#x">a link</a></p>')


def test_a_code_block_is_located_whole():
    from scripts.postrender.lighten.markup import located

    assert [element.tag for element in located(CODE_PAGE)] == ["div", "pre", "p", "a"]


def test_what_follows_a_code_block_is_located_where_it_lies():
    from scripts.postrender.lighten.markup import located

    block, link = [element for element in located(CODE_PAGE) if element.tag in ("pre", "a")]
    assert (block.outer.endswith("</code></pre>"), link.outer) == (True, '<a href="#x">a link</a>')
