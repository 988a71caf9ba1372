"""No require.js or jQuery from jsDelivr.

Quarto adds both, with jQuery's AMD shim, to a page with any HTML output of a code cell, for Jupyter's JavaScript
widgets (quarto-cli src/core/jupyter/widgets.ts). The only such output is ojs_define's data for the EM post's
explorable figure, which needs neither, so the three go: they would be the site's only requests to another host.

The two loaders are found by their script's URL, the shim by its script's text. The shim calls require.js's
`define`, so a page whose require.js goes must lose its shim too; and no element may name jsDelivr afterwards.
"""

from urllib.parse import urlsplit

from scripts.postrender.lighten.markup import MarkupChanged, line_end

STEP = "widget_loaders"
CDN = "cdn.jsdelivr.net"
# The files, under jsDelivr's /npm/<package>@<version>/, of the two loaders, whatever their version.
LOADERS = {"requirejs": "require.min.js", "jquery": "dist/jquery.min.js"}
# The shim's script, as widgets.ts writes it; JavaScript compared as text, not markup.
JQUERY_SHIM = "define('jquery', [],function() {return window.jQuery;})"


def loader_package(element):
    """The package ("requirejs" or "jquery") whose loader element is, loaded from jsDelivr; None for any other."""
    url = urlsplit(element.attrs.get("src") or "")
    parts = url.path.split("/", 3)
    if element.tag != "script" or url.netloc != CDN or len(parts) != 4 or parts[1] != "npm":
        return None
    package = parts[2].partition("@")[0]
    return package if LOADERS.get(package) == parts[3] else None


def is_jquery_shim(element):
    return element.tag == "script" and "src" not in element.attrs and element.inner == JQUERY_SHIM




def names_the_cdn(element):
    """Whether an attribute of element, or the text of a script or stylesheet, names jsDelivr."""
    texts = [value for value in element.attrs.values() if value]
    texts += [element.inner] if element.tag in ("script", "style") else []
    return any(CDN in text for text in texts)


def rewrite(page):
    elements = page.elements()
    loaders = [element for element in elements if loader_package(element)]
    shims = [element for element in elements if is_jquery_shim(element)]
    page.splice([(element.start, line_end(page.html, element), "") for element in loaders + shims])
    if any(loader_package(element) == "requirejs" for element in loaders) and not shims:
        raise MarkupChanged(STEP, page.path, "the page loads require.js but not the jQuery shim this module knows; "
                                             "a shim left behind would call define() without require.js")
    for element in page.elements():
        if names_the_cdn(element):
            raise MarkupChanged(STEP, page.path, f"the page still names {CDN} in {element.start_tag[:120]}")
