"""The scripts Quarto loads in the page's head run deferred.

As written they stop the page from showing until each has downloaded. Quarto's own page scripts wait for
DOMContentLoaded, before which deferred scripts have run, in order.

Quarto writes each as `<script src="…"></script>`, and only a script with a src and nothing else is deferred: one
with another attribute may need to run where it stands (an onload, a nomodule, an integrity of a script from
another host), so the render stops for it instead.
"""

from scripts.postrender.lighten.markup import MarkupChanged, head_elements, start_tag

STEP = "deferred_scripts"
# Attributes with which a script already waits for the page instead of blocking it.
NOT_BLOCKING = {"defer", "async"}




def blocks_the_page(script):
    return ("src" in script.attrs and not NOT_BLOCKING & script.attrs.keys()
            and script.attrs.get("type") != "module")


def rewrite(page):
    scripts = [element for element in head_elements(page, page.elements(), STEP)
               if element.tag == "script" and blocks_the_page(element)]
    for script in scripts:
        if script.attrs.keys() != {"src"}:
            raise MarkupChanged(STEP, page.path, f"the script {script.start_tag[:120]} still blocks the page")
    page.splice([(script.start, script.start_tag_end, start_tag("script", {**script.attrs, "defer": None}))
                 for script in scripts])
