"""The scripts Quarto loads in the page's head run deferred.

As written they stop the page from showing until each has downloaded. Quarto's own page scripts wait for
DOMContentLoaded, before which deferred scripts have run, in order.
"""

import re

from lighten.markup import MarkupChanged, elements

STEP = "deferred_scripts"
HEAD_SCRIPT = re.compile(r'<script src="([^"]*)"></script>')


def rewrite(page):
    head = page.head
    head = HEAD_SCRIPT.sub(r'<script src="\1" defer></script>', head)
    for script in elements(head, "script"):
        if "src" in script and not {"defer", "async"} & script.keys() and script.get("type") != "module":
            raise MarkupChanged(STEP, page.path, f"the script {script['src']} still blocks the page")
    page.head = head
