"""Quarto's module scripts (quarto.js and tabsets.js), minified in place: every page loads them.

Read from the page after ojs_on_demand.py has taken out the OJS runtime's tag, which loads on demand as it is.
"""

from lighten.markup import elements
from lighten.terser import minified


def used_by(page):
    """The module scripts the page loads, as resolved paths."""
    return {(page.path.parent / script["src"]).resolve()
            for script in elements(page.html, "script") if script.get("type") == "module" and "src" in script}


def minify(site, scripts):
    """Minify each of the module scripts that is one of the site's own files."""
    for script in sorted(path for path in scripts if path.is_relative_to(site.resolve()) and path.is_file()):
        script.write_text(minified(script.read_text(encoding="utf-8"), script.name, module=True), encoding="utf-8")
