"""Quarto post-render step: the rendered site loads nothing from other hosts.

Quarto's pages fetch MathJax from jsDelivr and a polyfill from cdnjs, and the flatly and
darkly themes fetch Lato from Google Fonts (theme.scss turns that import off). This copies
MathJax and Lato from their pinned PyPI packages into the site and points every page at
the copies, so the site works offline and tells no third party who reads it.

Quarto runs it after `quarto render`, `quarto preview` and `quarto publish`, with the
`python3` it finds on PATH; `make render` puts .venv/bin first on PATH.
"""

import os
import re
import shutil
import sys
from pathlib import Path

MATHJAX_CDN = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml-full.js"
# The html template adds this whenever the math method is MathJax; MathJax 3 needs no polyfill.
POLYFILL_TAG = re.compile(r'[ \t]*<script src="https://cdnjs\.cloudflare\.com/polyfill/[^"]*"></script>\n?')
# Quarto adds require.js and jQuery from jsDelivr to a page with any HTML output of a code cell, for
# Jupyter's JavaScript widgets (src/core/jupyter/widgets.ts). The EM post's only HTML output is
# ojs_define's data for its OJS cells, which need neither, so the two and jQuery's AMD shim go.
WIDGET_LOADER_TAGS = re.compile(
    r'<script src="https://cdn\.jsdelivr\.net/npm/(?:requirejs@[^/"]+/require\.min\.js|jquery@[^/"]+/dist/jquery\.min\.js)"'
    r'[^>]*></script>\n?'
    r'|<script type="application/javascript">define\(\'jquery\', \[\],function\(\) \{return window\.jQuery;\}\)</script>\n?'
)
MATHJAX_DIR = Path("site_libs") / "mathjax"
LATO_DIR = Path("site_libs") / "lato"
# The faces flatly and darkly use; theme.scss declares them.
LATO_FILES = ("Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf", "OFL.txt")


def package_dirs():
    try:
        import font_lato
        import mathjax
    except ImportError as error:
        sys.exit(
            f"error: the site serves MathJax and Lato itself, from Python packages this interpreter lacks "
            f"({error}; {sys.executable}). Run `make setup` and render with `make render`, or put .venv/bin "
            "first on PATH before running quarto."
        )
    return Path(mathjax.__file__).parent / "static" / "mathjax", Path(font_lato.font_directory)


def copy_assets(site):
    mathjax, lato = package_dirs()
    es5 = mathjax / "es5"
    shutil.copytree(es5 / "output" / "chtml" / "fonts" / "woff-v2",
                    site / MATHJAX_DIR / "output" / "chtml" / "fonts" / "woff-v2", dirs_exist_ok=True)
    for source in (es5 / "tex-chtml-full.js", mathjax / "LICENSE"):
        shutil.copy2(source, site / MATHJAX_DIR / source.name)
    (site / LATO_DIR).mkdir(parents=True, exist_ok=True)
    for name in LATO_FILES:
        shutil.copy2(lato / name, site / LATO_DIR / name)


def point_at_local_copies(page, site):
    html = page.read_text(encoding="utf-8")
    to_root = os.path.relpath(site, page.parent).replace(os.sep, "/")
    local = f"{to_root}/{MATHJAX_DIR.as_posix()}/tex-chtml-full.js"
    updated = WIDGET_LOADER_TAGS.sub("", POLYFILL_TAG.sub("", html)).replace(MATHJAX_CDN, local)
    if updated != html:
        page.write_text(updated, encoding="utf-8")


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    copy_assets(site)
    for page in site.rglob("*.html"):
        point_at_local_copies(page, site)


if __name__ == "__main__":
    main()
