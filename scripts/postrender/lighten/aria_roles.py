"""Two ARIA roles Quarto gives where they may not be, dropped.

Quarto gives the navbar's collapse button role="menu", a role a button may not have (axe's aria-allowed-role); it
opens a list of links, not a menu. It gives the citation appendix's "cite this work as" entry role="listitem"
outside any list (axe's aria-required-parent).
"""

import re

from lighten.markup import MarkupChanged, elements

STEP = "aria_roles"
NAVBAR_TOGGLER_ROLE = re.compile(r'(<button class="navbar-toggler"[^>]*?) role="menu"')
CITE_AS_ROLE = re.compile(r'(<div id="ref-[^"]*" class="csl-entry quarto-appendix-citeas") role="listitem"')


def rewrite(page):
    page.html = CITE_AS_ROLE.sub(r"\1", NAVBAR_TOGGLER_ROLE.sub(r"\1", page.html))
    for button in elements(page.html, "button"):
        if "navbar-toggler" in button.get("class", "").split() and button.get("role") == "menu":
            raise MarkupChanged(STEP, page.path, 'the navbar\'s button still has role="menu"')
    for entry in elements(page.html, "div"):
        if "quarto-appendix-citeas" in entry.get("class", "").split() and entry.get("role") == "listitem":
            raise MarkupChanged(STEP, page.path, 'the citation entry still has role="listitem"')
