"""What every transformation shares: the page being rewritten, Quarto's markup read as HTML, and the error
raised when that markup is not what a transformation knows."""

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


class MarkupChanged(Exception):
    """A page holds what a transformation rewrites, in markup it does not recognise; the message names both."""

    def __init__(self, step, page, what):
        super().__init__(
            f"error: {page}: {what}, so scripts/postrender/lighten/{step}.py left it as Quarto wrote it. Quarto's "
            f"markup has changed: update the pattern in that module, and its test in tests/test_lighten_pages.py."
        )


@dataclass
class Page:
    """One page of the rendered site: its path, the site's folder, and its HTML as rewritten so far."""

    path: Path
    site: Path
    html: str

    @property
    def head(self):
        """The HTML before `</head>`; set, it replaces that part of the page."""
        return self.html.partition("</head>")[0]

    @head.setter
    def head(self, head):
        _, end_of_head, body = self.html.partition("</head>")
        self.html = head + end_of_head + body

    @property
    def body(self):
        """The HTML after `</head>`; set, it replaces that part of the page."""
        return self.html.partition("</head>")[2]

    @body.setter
    def body(self, body):
        head, end_of_head, _ = self.html.partition("</head>")
        self.html = head + end_of_head + body


class _Elements(HTMLParser):
    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.found.append(dict(attrs))

    handle_startendtag = handle_starttag


def elements(html, tag):
    """The attributes of every `tag` element in html, in order, as an HTML parser reads them."""
    parser = _Elements(tag)
    parser.feed(html)
    parser.close()
    return parser.found
