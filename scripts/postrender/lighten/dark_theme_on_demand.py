"""The dark theme's stylesheets load only when a reader switches to it.

Quarto links them as stylesheets on every page, and its start-up script disables them at once when the light
theme shows: the browser has fetched them (68 KB gzipped) by then. Linked as `rel="disabled-stylesheet"`, they
are fetched when Quarto's toggle enables them. The light theme's second copy, which the start-up script also
disables, goes the same way.
"""

import re

from lighten.markup import MarkupChanged, elements

STEP = "dark_theme_on_demand"
ON_DEMAND_STYLESHEET = re.compile(
    r'(<link href="[^"]*" )rel="stylesheet"((?: append-hash="true")? class="quarto-color-scheme'
    r'(?: quarto-color-alternate|-extra)")'
)
ON_DEMAND_CLASSES = ("quarto-color-alternate", "quarto-color-scheme-extra")


def rewrite(page):
    head, end_of_head, body = page.html.partition("</head>")
    head = ON_DEMAND_STYLESHEET.sub(r'\1rel="disabled-stylesheet"\2', head)
    for link in elements(head, "link"):
        if link.get("rel") == "stylesheet" and any(name in link.get("class", "").split() for name in ON_DEMAND_CLASSES):
            raise MarkupChanged(STEP, page.path, f"the stylesheet {link.get('href')} still loads with the page")
    page.html = head + end_of_head + body
