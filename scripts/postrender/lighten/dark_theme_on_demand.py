"""The dark theme's stylesheets load only when a reader switches to it.

Quarto links them as stylesheets on every page, and its start-up script disables them at once when the light
theme shows: the browser has fetched them (68 KB gzipped) by then. Linked as `rel="disabled-stylesheet"`, they
are fetched when Quarto's toggle enables them. The light theme's second copy, which the start-up script also
disables, goes the same way.

For a reader who gets the dark theme (their choice with the toggle, else their system's preference, as Quarto's
`respect-user-color-scheme` has it), a script right after the links enables them while the head is still being
parsed, and their `blocking="render"` holds the first paint until they have loaded, as a plain stylesheet link
does, so that the page never shows in the light theme first (without it Chromium paints without them, measured:
their renderBlockingStatus was "non-blocking"). So that holding the paint costs as little as it can, a script at the
top of the head, after the charset, asks for them first (rel="preload"), before the light theme's own stylesheets:
found only where the links are, they came a round trip late, which cost the EM post 1.5 s of Lighthouse's LCP.
Quarto's start-up script, at the start of the body, finds them enabled and sets the body's class.
"""

import json
import re

from lighten.markup import MarkupChanged, elements

STEP = "dark_theme_on_demand"
ON_DEMAND_STYLESHEET = re.compile(
    r'(<link href="[^"]*" )rel="stylesheet"((?: append-hash="true")? class="quarto-color-scheme'
    r'(?: quarto-color-alternate|-extra)")'
)
ON_DEMAND_CLASSES = ("quarto-color-alternate", "quarto-color-scheme-extra")
DARK_LINK = re.compile(r'(<link [^>]*rel="disabled-stylesheet"[^>]* class="quarto-color-scheme quarto-color-alternate")')
LAST_ALTERNATE_LINK = re.compile(r'<link [^>]*class="quarto-color-scheme quarto-color-alternate"[^>]*>\n?(?![\s\S]*quarto-color-alternate)')
# Quarto's own rule (quarto-html-before-body.ejs): the toggle's choice, stored unless the page is a file, else the
# system's preference.
READER_GETS_DARK = """const chosen = window.location.protocol === "file:" ? null : window.localStorage.getItem("quarto-color-scheme");
  if (chosen === "alternate" || (chosen === null && window.matchMedia("(prefers-color-scheme: dark)").matches)) {"""
CHARSET = re.compile(r'<meta charset="utf-8">\n')
# HREFS is the dark stylesheets' addresses, as a JSON list.
DARK_ASKED_FOR_FIRST = """<script>
(() => {
  """ + READER_GETS_DARK + """
    for (const href of HREFS) {
      const early = document.createElement("link");
      Object.assign(early, {rel: "preload", as: "style", href});
      document.head.append(early);
    }
  }
})();
</script>
"""
DARK_BEFORE_FIRST_PAINT = """<script>
(() => {
  """ + READER_GETS_DARK + """
    for (const link of document.querySelectorAll("link.quarto-color-scheme.quarto-color-alternate")) {
      link.rel = "stylesheet";
    }
  }
})();
</script>
"""


def rewrite(page):
    head = page.head
    head = DARK_LINK.sub(r'\1 blocking="render"', ON_DEMAND_STYLESHEET.sub(r'\1rel="disabled-stylesheet"\2', head))
    for link in elements(head, "link"):
        if link.get("rel") == "stylesheet" and any(name in link.get("class", "").split() for name in ON_DEMAND_CLASSES):
            raise MarkupChanged(STEP, page.path, f"the stylesheet {link.get('href')} still loads with the page")
        if "quarto-color-alternate" in link.get("class", "").split() and link.get("blocking") != "render":
            raise MarkupChanged(STEP, page.path, f"the stylesheet {link.get('href')} would not hold the first paint")
    if "quarto-color-alternate" in head:
        head, inserted = LAST_ALTERNATE_LINK.subn(lambda link: link.group(0) + DARK_BEFORE_FIRST_PAINT, head)
        if inserted != 1:
            raise MarkupChanged(STEP, page.path, "the dark theme's last stylesheet link is not where its script can follow it")
        hrefs = [link["href"] for link in elements(head, "link") if "quarto-color-alternate" in link.get("class", "").split()]
        early = DARK_ASKED_FOR_FIRST.replace("HREFS", json.dumps(hrefs))
        head, inserted = CHARSET.subn(lambda charset: charset.group(0) + early, head, count=1)
        if inserted != 1:
            raise MarkupChanged(STEP, page.path, "the head has no charset for the dark theme's early request to follow")
    page.head = head
