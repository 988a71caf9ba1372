"""Quarto's module scripts (quarto.js and tabsets.js), minified in place: every page loads them.

Read from the page after ojs_on_demand.py has taken out the OJS runtime's tag, which loads on demand as it is.

Each minified script begins with MINIFIED_HEADER, and a script that begins with it is left as it is. Terser's output
is not Terser's input again: quarto.js minified a second time comes out 9,283 bytes from 9,319, so minifying on
every run would change the file on every run after a render that left it in place (a render of one page keeps the
site's files). The header is the file itself saying it has been minified, which a copy Quarto writes afresh does
not say; its text, like the bundles' header (script_bundle.py), tells a reader of the file where it came from.
"""

from scripts.postrender.lighten.terser import minified

MINIFIED_HEADER = "/* {name}: minified by scripts/postrender/lighten_pages.py */\n"


def used_by(page):
    """The module scripts the page loads, as resolved paths."""
    return {(page.path.parent / element.attrs["src"]).resolve() for element in page.elements()
            if element.tag == "script" and element.attrs.get("type") == "module" and element.attrs.get("src")}


def minify(site, scripts):
    """Minify each of the module scripts that is one of the site's own files and not minified yet."""
    for script in sorted(path for path in scripts if path.is_relative_to(site.resolve()) and path.is_file()):
        header = MINIFIED_HEADER.format(name=script.name)
        text = script.read_text(encoding="utf-8")
        # JavaScript's first line compared as text: whether this step wrote it.
        if not text.startswith(header):
            script.write_text(header + minified(text, script.name, module=True), encoding="utf-8")
