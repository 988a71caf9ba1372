"""Stylesheets of a few KB (tippy's, the icons', the OJS runtime's and styles.css) come inside the page.

Each was a request of its own, and over HTTP/1.1 the page's own scripts and fonts queued behind them for a
connection. Their URLs are made relative to the page. Their comments, written for the site's authors, stay out, but
for a licence's (`/*! ... */`), and a stylesheet's size is counted without them.

A head link with rel="stylesheet" and an href, and no other attribute, is Quarto's plain stylesheet link; the
theme's links carry a class and stay. A small stylesheet linked with other attributes (a media, an id) is not one
this module knows how to put inside the page without changing what it does, and stops the render.
"""

import functools
import os
import re

import tinycss2

from scripts.postrender.lighten.markup import MarkupChanged, head_elements

STEP = "inline_stylesheets"
INLINE_AT_MOST = 4096
# A double-quoted url() in a stylesheet's CSS, the only form Quarto's small stylesheets use. This reads CSS, not
# markup: the stylesheet's text, before it goes inside a <style> element.
CSS_URL = re.compile(r'url\("([^"]*)"\)')




def _without_comments(nodes):
    """tinycss2's nodes without the comments in them, at any depth, but for licences (`/*!`)."""
    kept = []
    for node in nodes:
        if node.type == "comment" and not node.value.startswith("!"):
            continue
        if node.type in ("() block", "[] block", "{} block"):
            node.content = _without_comments(node.content)
        elif node.type == "function":
            node.arguments = _without_comments(node.arguments)
        kept.append(node)
    return kept


@functools.lru_cache(maxsize=None)
def _read_without_comments(stylesheet, modified, size):
    css = stylesheet.read_text(encoding="utf-8")
    return tinycss2.serialize(_without_comments(tinycss2.parse_component_value_list(css)))


def without_comments(stylesheet):
    """The stylesheet's CSS as tinycss2 reads it, its comments left out but for licences. Read once per version of the
    file: every page links the same few, and each is both measured and put inside the page."""
    status = stylesheet.stat()
    return _read_without_comments(stylesheet, status.st_mtime_ns, status.st_size)


def small_stylesheet(page, href):
    """The stylesheet href names, where it is one of the site's files and at most INLINE_AT_MOST bytes without its
    comments, else None."""
    stylesheet = (page.path.parent / href).resolve()
    if "://" in href or not stylesheet.is_file() or len(without_comments(stylesheet).encode()) > INLINE_AT_MOST:
        return None
    return stylesheet


def from_page(page, stylesheet, url):
    """A url() of the stylesheet's CSS, made relative to the page instead of the stylesheet."""
    if url.group(1).startswith(("data:", "#")) or "://" in url.group(1):
        return url.group(0)
    return f'url("{os.path.relpath(stylesheet.parent / url.group(1), page.path.parent).replace(os.sep, "/")}")'


def style_element(page, stylesheet):
    css = CSS_URL.sub(lambda url: from_page(page, stylesheet, url), without_comments(stylesheet))
    return f"<style>\n{css}</style>"


def small_stylesheet_links(page):
    """Each head link to a small stylesheet of the site, but for the theme's (which carry a class), with its file."""
    links = [element for element in head_elements(page, page.elements(), STEP) if element.tag == "link"
             and element.attrs.get("rel") == "stylesheet" and "class" not in element.attrs]
    found = [(link, small_stylesheet(page, link.attrs.get("href") or "")) for link in links]
    found = [(link, stylesheet) for link, stylesheet in found if stylesheet is not None]
    for link, _ in found:
        if link.attrs.keys() != {"href", "rel"}:
            raise MarkupChanged(STEP, page.path, f"the small stylesheet {link.attrs['href']} is linked as "
                                                 f"{link.start_tag[:120]}, not as Quarto's plain stylesheet link")
    return found


def rewrite(page):
    # Each link's element becomes the stylesheet's <style>; the line break Quarto wrote after it stays.
    page.splice([(link.start, link.outer_end, style_element(page, stylesheet))
                 for link, stylesheet in small_stylesheet_links(page)])
