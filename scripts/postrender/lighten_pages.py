"""Quarto post-render step: lighter pages for a phone, and two faults of Quarto's markup mended.

Each page is read once and handed through the transformations of lighten/, one job to a module, in this order:

1. widget_loaders: no require.js or jQuery from jsDelivr;
2. ojs_on_demand: the OJS runtime, and ojs_define's data in a file beside the page, load near a figure;
3. dark_theme_on_demand: the dark theme's stylesheets load when a reader chooses it;
4. deferred_scripts: the head's scripts stop blocking the page;
5. lazy_images: the first image loads first, the others as the reader nears them;
6. listing_thumbnails: a listing's cards show their figures scaled down to a phone's width;
7. aria_roles: two roles Quarto misapplies go;
8. script_bundle: the deferred scripts, minified, as one file loaded after the first paint (needs 4);
9. inline_stylesheets: stylesheets of a few KB inside the page.

Then the module scripts the pages load are minified (module_scripts), and the posts' PNGs stored with a palette
(palette_pngs). Each module's docstring says why. A transformation that finds Quarto's markup changed stops the
render, naming itself (lighten/markup.py).

Quarto runs it after every render, with the `python3` it finds on PATH (`make render` puts .venv/bin first on PATH). It
rewrites only the pages that render wrote (pages_written.py): the others are as an earlier run left them.
"""

import os
import sys
from pathlib import Path

from scripts.postrender.pages_written import pages_written

from scripts.postrender.lighten import (aria_roles, dark_theme_on_demand, deferred_scripts, inline_stylesheets, lazy_images,
                     listing_thumbnails, module_scripts, ojs_on_demand, palette_pngs, script_bundle, widget_loaders)
from scripts.postrender.lighten.markup import MarkupChanged, Page

PAGE_STEPS = [widget_loaders, ojs_on_demand, dark_theme_on_demand, deferred_scripts, lazy_images, listing_thumbnails,
              aria_roles, script_bundle, inline_stylesheets]


def lighten(page):
    """page, rewritten by every transformation in turn; the module scripts it loads."""
    for step in PAGE_STEPS:
        step.rewrite(page)
    return module_scripts.used_by(page)


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    modules = set()
    for path in pages_written(site):
        original = path.read_text(encoding="utf-8")
        page = Page(path, site, original)
        try:
            modules |= lighten(page)
        except MarkupChanged as error:
            sys.exit(str(error))
        if page.html != original:
            path.write_text(page.html, encoding="utf-8")
    module_scripts.minify(site, modules)
    palette_pngs.store_smaller(site)


if __name__ == "__main__":
    main()
