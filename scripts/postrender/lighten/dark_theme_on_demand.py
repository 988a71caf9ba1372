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

from scripts.postrender.lighten.markup import MarkupChanged, head_elements, line_end, start_tag

STEP = "dark_theme_on_demand"
ALTERNATE = "quarto-color-alternate"
# The dark theme's stylesheets, and the light theme's second copy, which Quarto's start-up script disables.
ON_DEMAND_CLASSES = (ALTERNATE, "quarto-color-scheme-extra")
# Quarto's own rule (quarto-html-before-body.ejs): the toggle's choice, stored unless the page is a file, else the
# system's preference.
READER_GETS_DARK = """const chosen = window.location.protocol === "file:" ? null : window.localStorage.getItem("quarto-color-scheme");
  if (chosen === "alternate" || (chosen === null && window.matchMedia("(prefers-color-scheme: dark)").matches)) {"""
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




def on_demand(link):
    """link's start tag with rel="disabled-stylesheet", and a dark one's with blocking="render" after its class."""
    attrs = {}
    for name, value in link.attrs.items():
        attrs[name] = "disabled-stylesheet" if name == "rel" else value
        if name == "class" and ALTERNATE in link.classes:
            attrs["blocking"] = "render"
    return start_tag("link", attrs)


def rewrite(page):
    elements = page.elements()
    in_head = head_elements(page, elements, STEP)
    links = [element for element in in_head
             if element.tag == "link" and any(name in element.classes for name in ON_DEMAND_CLASSES)]
    dark = [link for link in links if ALTERNATE in link.classes]
    if not dark:
        raise MarkupChanged(STEP, page.path, "the head links no dark theme stylesheet (class quarto-color-alternate)")
    scripts = {element.inner for element in in_head if element.tag == "script"}
    if DARK_BEFORE_FIRST_PAINT.removeprefix("<script>").removesuffix("</script>\n") in scripts:
        return  # done by an earlier run
    if any(link.attrs.get("rel") != "stylesheet" for link in links):
        raise MarkupChanged(STEP, page.path, "a theme stylesheet is linked with another rel than stylesheet")
    charset = next((element for element in in_head if element.tag == "meta" and "charset" in element.attrs), None)
    if charset is None:
        raise MarkupChanged(STEP, page.path, "the head has no charset for the dark theme's early request to follow")
    hrefs = [link.attrs.get("href") for link in dark]
    page.splice([
        *((link.start, link.start_tag_end, on_demand(link)) for link in links),
        (line_end(page.html, dark[-1]), line_end(page.html, dark[-1]), DARK_BEFORE_FIRST_PAINT),
        (line_end(page.html, charset), line_end(page.html, charset), DARK_ASKED_FOR_FIRST.replace("HREFS", json.dumps(hrefs))),
    ])
