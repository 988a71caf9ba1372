"""Stylesheets of a few KB (tippy's, the icons', the OJS runtime's and styles.css) come inside the page.

Each was a request of its own, and over HTTP/1.1 the page's own scripts and fonts queued behind them for a
connection. Their URLs are made relative to the page.
"""

import os
import re

from lighten.markup import MarkupChanged, elements

STEP = "inline_stylesheets"
# A plain stylesheet link, as Quarto writes it either way round; the theme's links carry a class and stay.
STYLESHEET_LINK = re.compile(r'<link (?:href="([^"]*)" rel="stylesheet"|rel="stylesheet" href="([^"]*)")>\n?')
INLINE_AT_MOST = 4096
CSS_URL = re.compile(r'url\("([^"]*)"\)')


def small_stylesheet(page, href):
    """The stylesheet href names, where it is one of the site's files of at most INLINE_AT_MOST bytes, else None."""
    stylesheet = (page.path.parent / href).resolve()
    if "://" in href or not stylesheet.is_file() or stylesheet.stat().st_size > INLINE_AT_MOST:
        return None
    return stylesheet


def rewrite(page):
    def inline(match):
        stylesheet = small_stylesheet(page, match.group(1) or match.group(2))
        if stylesheet is None:
            return match.group(0)

        def from_page(url):
            if url.group(1).startswith(("data:", "#")) or "://" in url.group(1):
                return url.group(0)
            return f'url("{os.path.relpath(stylesheet.parent / url.group(1), page.path.parent).replace(os.sep, "/")}")'

        return f"<style>\n{CSS_URL.sub(from_page, stylesheet.read_text(encoding='utf-8'))}</style>\n"

    head = page.head
    head = STYLESHEET_LINK.sub(inline, head)
    for link in elements(head, "link"):
        if link.get("rel") == "stylesheet" and "class" not in link and small_stylesheet(page, link.get("href", "")):
            raise MarkupChanged(STEP, page.path, f"the small stylesheet {link['href']} is still a request of its own")
    page.head = head
