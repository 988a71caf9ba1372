"""What every transformation shares: the page being rewritten, Quarto's markup read as HTML, and the error
raised when that markup is not what a transformation knows.

Pages are read with Python's HTML parser, never matched with a regular expression. The parser reports where each
element starts and ends in the page's text, and a transformation replaces exactly those spans (`Page.splice`), so
that every byte it does not mean to change stays as Quarto wrote it.
"""

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path

# Elements with no end tag (the HTML standard's void elements).
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# A formula MathJax typeset (scripts/postrender/prerender_math.py): its container holds a hundred elements or so, all
# MathJax's, which no step rewrites. Unless asked for them, located() finds the container and reads what it holds as
# text, as the parser reads a script's: a page of formulas parses several times faster.
FORMULA = "mjx-container"
# A code block: Pandoc's highlighting writes a span for every token and a line anchor for every line (the first post's
# page holds 2,238 elements, 1,600 of them in its code), and no step rewrites code. located() reads it whole too.
CODE_BLOCK = "pre"


class MarkupChanged(Exception):
    """A page holds what a transformation rewrites, in markup it does not recognise; the message names both."""

    def __init__(self, step, page, what):
        super().__init__(
            f"error: {page}: {what}, so scripts/postrender/lighten/{step}.py left it as Quarto wrote it. Quarto's "
            f"markup has changed: update that module, and its test in tests/test_lighten_pages.py."
        )


@dataclass
class Element:
    """One element as the parser found it: its tag, its attributes, and where its start tag, and its end tag if it
    has one, lie in the text that was parsed."""

    tag: str
    attrs: dict
    start: int
    start_tag_end: int
    end_tag_start: int = None
    end: int = None
    text: str = field(default="", repr=False)

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    @property
    def start_tag(self):
        return self.text[self.start:self.start_tag_end]

    @property
    def inner(self):
        """The text between the start and the end tag ("" for a void element or one left open)."""
        return self.text[self.start_tag_end:self.end_tag_start] if self.end_tag_start is not None else ""

    @property
    def outer(self):
        return self.text[self.start:self.end if self.end is not None else self.start_tag_end]

    @property
    def outer_end(self):
        return self.end if self.end is not None else self.start_tag_end


class _Locator(HTMLParser):
    def __init__(self, text, inside_formulas):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.inside_formulas = inside_formulas
        self.line_starts = [0]
        line_end = text.find("\n")
        while line_end != -1:
            self.line_starts.append(line_end + 1)
            line_end = text.find("\n", line_end + 1)
        self.found = []
        self.open = []

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _start(self, tag, attrs, opens):
        start = self._offset()
        element = Element(tag, dict(attrs), start, start + len(self.get_starttag_text()), text=self.text)
        self.found.append(element)
        if opens and tag not in VOID:
            self.open.append(element)
            if (tag == FORMULA and not self.inside_formulas) or tag == CODE_BLOCK:
                # Up to its end tag is text to the parser, which ends this mode there (HTMLParser.parse_endtag). In a
                # code block, `</pre>` as code is written `&lt;/pre&gt;`.
                self.set_cdata_mode(tag)

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, opens=True)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, opens=False)

    def handle_endtag(self, tag):
        start = self._offset()
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].tag == tag:
                element = self.open[depth]
                element.end_tag_start = start
                element.end = self.text.index(">", start) + 1
                del self.open[depth:]
                return


def located(text, inside_formulas=False):
    """Every element of text, in document order, with where it lies in text; none inside a code block (CODE_BLOCK),
    and those inside a typeset formula (FORMULA) only if inside_formulas."""
    parser = _Locator(text, inside_formulas)
    parser.feed(text)
    parser.close()
    return parser.found


def start_tag(tag, attrs):
    """A start tag written from its attributes, in their order; an attribute whose value is None is written bare."""
    written = "".join(f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
                      for name, value in attrs.items())
    return f"<{tag}{written}>"


def line_end(text, element):
    """Where element's line ends in text. Quarto ends the line after each tag it writes in the head: an element taken
    out takes that line break along, and one put after it starts on the next line."""
    end = element.outer_end
    return end + 1 if text[end:end + 1] == "\n" else end


def head_elements(page, elements, step):
    """The elements of the page's head; a page without one, which Quarto never writes, stops the step."""
    head = next((element for element in elements if element.tag == "head"), None)
    if head is None or head.end_tag_start is None:
        raise MarkupChanged(step, page.path, "the page has no <head>…</head>")
    return [element for element in elements if head.start < element.start < head.end_tag_start]


def splice(text, replacements):
    """text with each (start, end, new text) span replaced; the spans must not overlap."""
    pieces, position = [], 0
    for start, end, new in sorted(replacements, key=lambda replacement: (replacement[0], replacement[1])):
        if start < position:
            raise ValueError(f"overlapping replacements at {start}")
        pieces += [text[position:start], new]
        position = end
    return "".join(pieces) + text[position:]


@dataclass
class Page:
    """One page of the rendered site: its path, the site's folder, and its HTML as rewritten so far."""

    path: Path
    site: Path
    html: str
    _parsed: tuple = field(default=None, init=False, repr=False, compare=False)

    def elements(self):
        """Every element of the page as it is now, with where it lies in page.html: parsed again only after the html
        has changed, since a page is handed through a dozen transformations, most of which change nothing."""
        if self._parsed is None or self._parsed[0] is not self.html:
            self._parsed = (self.html, located(self.html))
        return self._parsed[1]

    def splice(self, replacements):
        self.html = splice(self.html, replacements)
