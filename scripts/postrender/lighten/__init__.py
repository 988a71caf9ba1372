"""The transformations scripts/postrender/lighten_pages.py makes to the site, one job to a module.

Each page transformation's `rewrite(page)` changes page.html (and may write a file beside it) and raises
MarkupChanged (markup.py) when the page holds what the module rewrites in a form it does not recognise: a Quarto
upgrade that changes its markup stops the render, naming the module, instead of silently leaving a page heavier.
module_scripts.py and palette_pngs.py work on the site's files once every page is done; terser.py is the minifier
two of them share.
"""
