"""Each transformation of scripts/postrender/lighten/ on the markup Quarto 1.10 writes, and on that markup changed
as a Quarto upgrade might change it: the first is rewritten, the second stops the render naming the module."""

from pathlib import Path

import pytest

from lighten import (aria_roles, dark_theme_on_demand, deferred_scripts, inline_stylesheets, lazy_images,
                     listing_thumbnails, ojs_on_demand, widget_loaders)
from lighten.palette_pngs import image_library
from lighten.markup import MarkupChanged, Page


def page(tmp_path, head="", body=""):
    return Page(tmp_path / "post.html", tmp_path, f"<html><head>{head}</head><body>{body}</body></html>")


def rewritten(step, tmp_path, head="", body=""):
    result = page(tmp_path, head, body)
    step.rewrite(result)
    return result.html


def test_widget_loaders_go(tmp_path):
    head = ('<script src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js" integrity="x" crossorigin="anonymous"></script>\n'
            '<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/dist/jquery.min.js" integrity="y" crossorigin="anonymous"></script>\n'
            "<script type=\"application/javascript\">define('jquery', [],function() {return window.jQuery;})</script>\n")
    assert "jsdelivr" not in rewritten(widget_loaders, tmp_path, head)


def test_a_widget_loader_of_another_form_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="widget_loaders.py"):
        rewritten(widget_loaders, tmp_path, '<script defer src="https://cdn.jsdelivr.net/npm/requirejs@2.3.6/require.min.js"></script>')


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


def test_a_dark_theme_link_of_another_form_stops_the_render(tmp_path):
    head = '<link rel="stylesheet" href="bootstrap-dark.min.css" class="quarto-color-scheme quarto-color-alternate">'
    with pytest.raises(MarkupChanged, match="dark_theme_on_demand.py"):
        rewritten(dark_theme_on_demand, tmp_path, head)


def test_head_scripts_are_deferred(tmp_path):
    assert '<script src="site_libs/quarto-nav/quarto-nav.js" defer></script>' in rewritten(
        deferred_scripts, tmp_path, '<script src="site_libs/quarto-nav/quarto-nav.js"></script>')


def test_a_head_script_of_another_form_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="deferred_scripts.py"):
        rewritten(deferred_scripts, tmp_path, '<script src="site_libs/quarto-nav/quarto-nav.js" id="nav"></script>')


def test_images_after_the_first_load_lazily(tmp_path):
    html = rewritten(lazy_images, tmp_path, body='<img src="a.png" alt="A"><p><img src="b.png" alt="B">')
    assert '<img fetchpriority="high" src="a.png"' in html and '<img loading="lazy" src="b.png"' in html


def test_a_card_thumbnail_quarto_made_lazy_loads_first(tmp_path):
    html = rewritten(lazy_images, tmp_path, body="<img loading='lazy' src=\"a.png\" alt=\"A\" class=\"thumbnail-image\"/>")
    assert '<img fetchpriority="high" src="a.png"' in html


def test_an_image_of_another_form_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="lazy_images.py"):
        rewritten(lazy_images, tmp_path, body='<img src="a.png" alt="A"><img\nsrc="b.png" alt="B">')


def test_a_first_image_left_lazy_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="lazy_images.py"):
        rewritten(lazy_images, tmp_path, body='<img src="a.png" loading="lazy" alt="A">')


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


def test_a_card_thumbnail_no_wider_than_a_phone_shows_the_figure_itself(tmp_path):
    source = figure(tmp_path, listing_thumbnails.THUMBNAIL_WIDTH, 400)
    assert rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(source)) == page(tmp_path, body=card_thumbnail(source)).html


def test_a_card_thumbnail_of_another_form_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="listing_thumbnails.py"):
        rewritten(listing_thumbnails, tmp_path, body=card_thumbnail(figure(tmp_path, 1600, 800)).replace("<img ", "<img\n"))


def test_misapplied_roles_go(tmp_path):
    body = ('<button class="navbar-toggler" type="button" data-bs-toggle="collapse" role="menu" aria-label="Toggle">'
            '</button><div id="ref-post" class="csl-entry quarto-appendix-citeas" role="listitem">A.</div>')
    assert "role=" not in rewritten(aria_roles, tmp_path, body=body)


def test_a_misapplied_role_of_another_form_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="aria_roles.py"):
        rewritten(aria_roles, tmp_path, body='<button role="menu" class="navbar-toggler" type="button"></button>')


def test_small_stylesheets_come_inside_the_page(tmp_path):
    (tmp_path / "styles.css").write_text('a { background: url("icon.svg"); }', encoding="utf-8")
    html = rewritten(inline_stylesheets, tmp_path, '<link href="styles.css" rel="stylesheet">')
    assert '<style>\na { background: url("icon.svg"); }</style>' in html


def test_a_small_stylesheet_link_of_another_form_stops_the_render(tmp_path):
    (tmp_path / "styles.css").write_text("a { color: red; }", encoding="utf-8")
    with pytest.raises(MarkupChanged, match="inline_stylesheets.py"):
        rewritten(inline_stylesheets, tmp_path, '<link href="styles.css" rel="stylesheet" media="all">')


OJS_BODY = ('<script type="ojs-define">{"contents":[{"name":"runs","value":[1,2]}]}</script>\n'
            '<script type="module">\nwindow._ojs.paths.runtimeToDoc = "../../posts/gmm-em";\n'
            'window._ojs.runtime.interpretFromScriptTags();\n</script>\n')
OJS_HEAD = '<script type="module" src="../../site_libs/quarto-ojs/quarto-ojs-runtime.js"></script>\n'


def test_the_ojs_runtime_and_its_data_load_on_demand(tmp_path):
    html = rewritten(ojs_on_demand, tmp_path, OJS_HEAD, OJS_BODY)
    assert 'import("../../site_libs/quarto-ojs/quarto-ojs-runtime.js")' in html and 'type="ojs-define"' not in html
    assert (tmp_path / "post.ojs-define.json").read_text(encoding="utf-8") == '{"contents": [{"name": "runs", "value": [1, 2]}]}'


def test_an_ojs_start_up_of_another_form_stops_the_render(tmp_path):
    with pytest.raises(MarkupChanged, match="ojs_on_demand.py"):
        rewritten(ojs_on_demand, tmp_path, OJS_HEAD, OJS_BODY.replace("interpretFromScriptTags()", "interpret()"))


def test_the_page_steps_run_in_the_order_lighten_pages_documents():
    import lighten_pages

    documented = [line.split(". ", 1)[1].split(":")[0] for line in lighten_pages.__doc__.splitlines()
                  if line[:1].isdigit()]
    assert [Path(step.__file__).stem for step in lighten_pages.PAGE_STEPS] == documented
