"""No require.js or jQuery from jsDelivr.

Quarto adds both, with jQuery's AMD shim, to a page with any HTML output of a code cell, for Jupyter's JavaScript
widgets (quarto-cli src/core/jupyter/widgets.ts). The only such output is ojs_define's data for the EM post's
explorable figure, which needs neither, so the three go: they would be the site's only requests to another host.
"""

import re

from lighten.markup import MarkupChanged

STEP = "widget_loaders"
LOADER_TAGS = re.compile(
    r'<script src="https://cdn\.jsdelivr\.net/npm/(?:requirejs@[^/"]+/require\.min\.js|jquery@[^/"]+/dist/jquery\.min\.js)"'
    r'[^>]*></script>\n?'
    r'|<script type="application/javascript">define\(\'jquery\', \[\],function\(\) \{return window\.jQuery;\}\)</script>\n?'
)
CDN = "cdn.jsdelivr.net"


def rewrite(page):
    page.html = LOADER_TAGS.sub("", page.html)
    if CDN in page.html:
        raise MarkupChanged(STEP, page.path, f"the page still names {CDN}")
