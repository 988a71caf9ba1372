"""Quarto post-render step: lighter pages for a phone, and the fix of two markup faults of Quarto's.

- The dark theme's stylesheets load only when a reader switches to it. Quarto links them as
  stylesheets on every page, and its own start-up script disables them at once when the light theme
  shows: the browser has fetched them (68 KB gzipped) by then. Linked disabled, they are fetched when
  Quarto's toggle enables them.
- The scripts Quarto loads in the page's head run deferred: as written they stop the page from
  showing until each has downloaded. Quarto's own page scripts wait for DOMContentLoaded, before
  which deferred scripts have run, in order.
- Those scripts, a dozen files that every page loads, reach the page as one file, the same for
  every page with the same scripts: a phone's browser opens only six connections to a server
  speaking HTTP/1.1, and each of the last scripts waited for one before its request could go.
  They run in the order the page names them, before Quarto's two module scripts instead of
  around them; the site tests of search, the table of contents, the copy buttons, folded code
  and the theme toggle hold the pages to working so. The bundle and the two module scripts are
  minified with Terser (npm `terser`, pinned in package-lock.json), licence comments kept:
  Quarto ships its own scripts unminified, and every page loads 13 KB gzipped less.
- The bundle (77 KB gzipped) loads after the page's first paint, from a small script in the head,
  and the DOMContentLoaded listeners of the page, the bundle and the module scripts wait for it
  and run in the order they had. Deferred, it ran before the first paint, and Lighthouse's
  simulation of a phone counts everything that ran before the largest paint in that paint: the
  bundle's download and evaluation were 0.4–0.9 s of each page's simulated LCP. Nothing on
  the first screen needs it: Quarto's scripts set the page up on DOMContentLoaded, which came
  after the first paint already.
- Stylesheets of a few KB (tippy's, the icons', the OJS runtime's and styles.css) come inside the
  page: each was a request of its own, and over HTTP/1.1 the page's own scripts and fonts queued
  behind them for a connection.
- A page's first image loads at once, first among the page's images, and every later one when the
  reader scrolls near it: Quarto loads every figure of a post up front, where they compete with
  the page's first screen, and makes the home page's first thumbnail, which that screen shows
  (Lighthouse's largest contentful paint), wait for layout.
- Figures and thumbnails are stored as 256-colour PNGs, 35–45 % of their size: matplotlib's plots
  hold a few hundred to a few thousand colours, mostly the anti-aliased edges of lines. The
  notebooks keep their own full-colour copies (_freeze/…/figure-ipynb).
- Quarto's OJS runtime (900 KB, 207 KB gzipped), which runs the explorable figures, loads when
  the reader comes within a screen or so of one: Quarto loads it with every page that has an
  {ojs} cell, where compiling it blocks the page and its inspectors litter the page with links
  to nowhere while the figures' libraries wait to load.
- ojs_define's data (the EM post's 2,700 iterations, 19 KB gzipped) moves out of the page into a
  JSON file beside it, which the runtime's loader fetches with it: in the page, every reader
  downloads it before the first paint, whether or not they scroll to the figure.
- Quarto adds require.js and jQuery from jsDelivr, with jQuery's AMD shim, to a page with any HTML
  output of a code cell, for Jupyter's JavaScript widgets (quarto-cli src/core/jupyter/widgets.ts).
  The only such output is ojs_define's data for the EM post's explorable, which needs neither, so
  the three go: they would be the site's only requests to another host.
- Quarto gives the navbar's collapse button role="menu", a role a button may not have (axe's
  aria-allowed-role); it opens a list of links, not a menu, so the role is dropped. It gives the
  citation appendix's "cite this work as" entry role="listitem" outside any list (axe's
  aria-required-parent), and that role goes too.

Quarto runs it after `quarto render`, `quarto preview` and `quarto publish`, with the `python3` it
finds on PATH; `make render` puts .venv/bin first on PATH.
"""

import functools
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from node_packages import NODE_MODULES, node_for

# The dark theme's stylesheets, and the light one's second copy that the start-up script disables.
ON_DEMAND_STYLESHEET = re.compile(
    r'(<link href="[^"]*" )rel="stylesheet"((?: append-hash="true")? class="quarto-color-scheme'
    r'(?: quarto-color-alternate|-extra)")'
)
HEAD_SCRIPT = re.compile(r'<script src="([^"]*)"></script>')
DEFERRED_SCRIPT = re.compile(r'<script src="([^"]*)" defer></script>\n?')
BUNDLE_DIR = Path("site_libs") / "quarto-bundle"
# The bundle names the files it holds, minified, in order: for a reader of the file, and for the test of its licences.
BUNDLE_HEADER = "/* {sources}: minified and joined by scripts/lighten_pages.py */\n"
# Loads the bundle once the page has painted, and holds the DOMContentLoaded listeners of the page, the bundle and
# the module scripts until it has run, calling them in the order they would have run with the bundle deferred:
# the page's own (added while it is parsed), the bundle's, the modules'. A "pageshow" listener that one of them
# adds after the page has shown is called at once, as it would have been called had they run on time. A listener's
# error is reported as the browser reports one, without stopping the listeners after it. Each listener runs in a task
# of its own: together they lay out and decorate the whole page, one task of 0.3 s on a phone's CPU, which Lighthouse
# counts as blocking the page; apart, a tap or a frame can come between them.
BUNDLE_LOADER = """<script>
(() => {
  const bundle = document.createElement("script");
  bundle.src = BUNDLE_URL;
  const listen = document.addEventListener;
  const listenToWindow = window.addEventListener;
  const page = [], bundled = [], modules = [];
  let loaded = null, shown = null;
  listenToWindow.call(window, "pageshow", (event) => { shown = event; });
  document.addEventListener = function (type, listener, options) {
    if (this !== document || type !== "DOMContentLoaded" || (loaded && document.currentScript !== bundle)) {
      return listen.call(this, type, listener, options);
    }
    (document.currentScript === bundle ? bundled : document.readyState === "loading" ? page : modules).push(listener);
  };
  const call = (listener, event) => {
    try {
      typeof listener === "function" ? listener.call(document, event) : listener.handleEvent(event);
    } catch (error) {
      setTimeout(() => { throw error; });
    }
  };
  listen.call(document, "DOMContentLoaded", (event) => {
    loaded = event;
    bundle.onload = bundle.onerror = () => {
      document.addEventListener = listen;
      window.addEventListener = function (type, listener, options) {
        if (this === window && type === "pageshow" && shown) {
          return call(listener, shown);
        }
        return listenToWindow.call(this, type, listener, options);
      };
      const listeners = [...page, ...bundled, ...modules];
      const callNext = () => {
        if (listeners.length === 0) {
          window.addEventListener = listenToWindow;
          return;
        }
        call(listeners.shift(), loaded);
        setTimeout(callNext);
      };
      callNext();
    };
    // After the next frame; a tab opened in the background paints none until it is shown, so there at once.
    const append = () => document.head.append(bundle);
    document.visibilityState === "visible" ? requestAnimationFrame(() => setTimeout(append)) : append();
  });
})();
</script>
"""
MODULE_SCRIPT = re.compile(r'<script src="([^"]*)" type="module"></script>')
TERSER = NODE_MODULES / "terser" / "bin" / "terser"
# A plain stylesheet link, as Quarto writes it either way round; the theme's links carry a class and stay.
STYLESHEET_LINK = re.compile(r'<link (?:href="([^"]*)" rel="stylesheet"|rel="stylesheet" href="([^"]*)")>\n?')
INLINE_STYLESHEET_AT_MOST = 4096
CSS_URL = re.compile(r'url\("([^"]*)"\)')
IMAGE = re.compile(r'<img (?:loading="lazy" )?')
WIDGET_LOADER_TAGS = re.compile(
    r'<script src="https://cdn\.jsdelivr\.net/npm/(?:requirejs@[^/"]+/require\.min\.js|jquery@[^/"]+/dist/jquery\.min\.js)"'
    r'[^>]*></script>\n?'
    r'|<script type="application/javascript">define\(\'jquery\', \[\],function\(\) \{return window\.jQuery;\}\)</script>\n?'
)
OJS_RUNTIME_TAG = re.compile(r'<script type="module" src="([^"]*quarto-ojs-runtime\.js)"></script>\n?')
OJS_START = "window._ojs.runtime.interpretFromScriptTags();"
OJS_DEFINITIONS = re.compile(r'<script type="ojs-define">(.*?)</script>\n?', re.DOTALL)
OJS_DEFINITIONS_FILE = "{page}.ojs-define.json"
# The runtime reads ojs_define's data from script tags when it starts: the loader puts the file's back.
OJS_DEFINITIONS_LOADER = """  const [definitions] = await Promise.all([fetch("{file}").then((response) => response.text()), import("{runtime}")]);
  const tag = document.createElement("script");
  tag.type = "ojs-define";
  tag.text = definitions;
  document.body.append(tag);"""
# Runs the runtime once an explorable figure is near the screen, or at once where a page has none.
OJS_LOADER = """const startOjs = async () => {{
{load}
{start}
}};
const explorables = document.querySelectorAll(".explorable");
if (explorables.length === 0) {{
  startOjs();
}} else {{
  const nearby = new IntersectionObserver((entries) => {{
    if (entries.some((entry) => entry.isIntersecting)) {{
      nearby.disconnect();
      startOjs();
    }}
  }}, {{rootMargin: "800px"}});
  explorables.forEach((element) => nearby.observe(element));
}}"""
OJS_START_SCRIPT = re.compile(r'(<script type="module">\n)((?:window\._ojs\.[^\n]*\n|if \(window\.location[^\n]*\n)*?' + re.escape(OJS_START) + r')\n')
NAVBAR_TOGGLER_ROLE = re.compile(r'(<button class="navbar-toggler"[^>]*?) role="menu"')
CITE_AS_ROLE = re.compile(r'(<div id="ref-[^"]*" class="csl-entry quarto-appendix-citeas") role="listitem"')
PALETTE_COLOURS = 256


def image_library():
    try:
        from PIL import Image
    except ImportError as error:
        sys.exit(f"error: the site's figures are stored smaller with Pillow, which this interpreter lacks ({error}; "
                 f"{sys.executable}). Run `make setup` and render with `make render`.")
    return Image


def ojs_definitions(page_html):
    """ojs_define's data on the page, all in one definition, or None."""
    tags = OJS_DEFINITIONS.findall(page_html)
    if not tags:
        return None
    return json.dumps({"contents": [definition for tag in tags for definition in json.loads(tag)["contents"]]})


def with_ojs_on_demand(page_html, definitions_file):
    """The page with its OJS runtime, and the data to serve at definitions_file, loaded on demand; and that data,
    or None where the page has none."""
    runtime = OJS_RUNTIME_TAG.search(page_html)
    if not runtime:
        return page_html, None
    start = OJS_START_SCRIPT.search(page_html)
    if not start:
        sys.exit("error: this page loads Quarto's OJS runtime but has no start-up script of the form scripts/lighten_pages.py knows")
    definitions = ojs_definitions(page_html)
    load = (OJS_DEFINITIONS_LOADER.format(file=definitions_file, runtime=runtime.group(1)) if definitions is not None
            else f'  await import("{runtime.group(1)}");')
    loader = OJS_LOADER.format(load=load, start="  " + start.group(2).replace("\n", "\n  "))
    page_html = page_html[: start.start()] + start.group(1) + loader + "\n" + page_html[start.end():]
    return OJS_DEFINITIONS.sub("", OJS_RUNTIME_TAG.sub("", page_html)), definitions


def lighten_page(page_html, definitions_file):
    """The page lightened, and the ojs_define data to serve at definitions_file (None where it has none)."""
    page_html, definitions = with_ojs_on_demand(WIDGET_LOADER_TAGS.sub("", page_html), definitions_file)
    head, end_of_head, body = page_html.partition("</head>")
    head = HEAD_SCRIPT.sub(r'<script src="\1" defer></script>', ON_DEMAND_STYLESHEET.sub(r'\1rel="disabled-stylesheet"\2', head))
    images = iter(range(len(IMAGE.findall(body))))
    body = IMAGE.sub(lambda _: '<img fetchpriority="high" ' if next(images) == 0 else '<img loading="lazy" ', body)
    return head + end_of_head + CITE_AS_ROLE.sub(r"\1", NAVBAR_TOGGLER_ROLE.sub(r"\1", body)), definitions


def minified(script, name, module=False):
    """The script minified by Terser, its licence comments kept."""
    node = node_for(TERSER, "the scripts every page loads are minified with Terser in Node")
    result = subprocess.run([node, str(TERSER), "--compress", "--mangle", "--comments", "some", *(["--module"] if module else [])],
                            input=script, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: Terser could not minify {name}:\n{result.stderr}")
    return result.stdout


@functools.cache
def minified_file(path):
    return minified(path.read_text(encoding="utf-8"), path.name)


def module_scripts(page_html, page):
    """The module scripts the page loads (Quarto's quarto.js and tabsets.js), as resolved paths."""
    return {(page.parent / source).resolve() for source in MODULE_SCRIPT.findall(page_html)}


def minify_module_scripts(site, scripts):
    """Minify each of the module scripts, those of the site's own files."""
    for script in sorted(path for path in scripts if path.is_relative_to(site.resolve()) and path.is_file()):
        script.write_text(minified(script.read_text(encoding="utf-8"), script.name, module=True), encoding="utf-8")


def with_scripts_bundled(page_html, page, site):
    """The page loading its deferred head scripts as one file, written under site/BUNDLE_DIR, named by its content."""
    head, end_of_head, body = page_html.partition("</head>")
    sources = DEFERRED_SCRIPT.findall(head)
    if len(sources) < 2:
        return page_html
    # Each file minified on its own, which keeps its licence comment; a semicolon between files, so that one
    # ending without one does not run into the next.
    paths = [(page.parent / source).resolve() for source in sources]
    header = BUNDLE_HEADER.format(sources=", ".join(path.relative_to(site.resolve()).as_posix() for path in paths))
    bundle = header + "\n;\n".join(map(minified_file, paths))
    name = hashlib.sha256(bundle.encode("utf-8")).hexdigest()[:16] + ".js"
    (site / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
    # Named by its content: a page with the same scripts as one before it finds its bundle written.
    if not (site / BUNDLE_DIR / name).exists():
        (site / BUNDLE_DIR / name).write_text(bundle, encoding="utf-8")
    to_root = os.path.relpath(site, page.parent).replace(os.sep, "/")
    tags = iter([BUNDLE_LOADER.replace("BUNDLE_URL", json.dumps(f"{to_root}/{BUNDLE_DIR.as_posix()}/{name}"))])
    return DEFERRED_SCRIPT.sub(lambda _: next(tags, ""), head) + end_of_head + body


def with_small_stylesheets_inlined(page_html, page):
    """The page with each stylesheet of at most INLINE_STYLESHEET_AT_MOST bytes inside it, its URLs made relative to the page."""
    def inline(match):
        href = match.group(1) or match.group(2)
        stylesheet = (page.parent / href).resolve()
        if "://" in href or not stylesheet.is_file() or stylesheet.stat().st_size > INLINE_STYLESHEET_AT_MOST:
            return match.group(0)

        def from_page(url):
            if url.group(1).startswith(("data:", "#")) or "://" in url.group(1):
                return url.group(0)
            return f'url("{os.path.relpath(stylesheet.parent / url.group(1), page.parent).replace(os.sep, "/")}")'

        return f"<style>\n{CSS_URL.sub(from_page, stylesheet.read_text(encoding='utf-8'))}</style>\n"

    head, end_of_head, body = page_html.partition("</head>")
    return STYLESHEET_LINK.sub(inline, head) + end_of_head + body


def as_palette_png(Image, path):
    """Store the opaque PNG at path with 256 colours when that makes it smaller.

    Maximum coverage keeps white white and moves no colour channel by more than a few levels in 255
    on these plots; a PNG with a palette or any transparency is left alone.
    """
    with Image.open(path) as image:
        opaque = image.mode == "RGB" or (image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255))
        if not opaque:
            return
        palette = image.convert("RGB").quantize(PALETTE_COLOURS, method=Image.Quantize.MAXCOVERAGE,
                                                 dither=Image.Dither.NONE)
        resolution = {"dpi": image.info["dpi"]} if "dpi" in image.info else {}
    smaller = io.BytesIO()
    palette.save(smaller, "PNG", optimize=True, **resolution)
    if smaller.tell() < path.stat().st_size:
        path.write_bytes(smaller.getvalue())


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    modules = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        modules |= module_scripts(text, page)
        definitions_file = OJS_DEFINITIONS_FILE.format(page=page.stem)
        lighter, definitions = lighten_page(text, definitions_file)
        if definitions is not None:
            (page.parent / definitions_file).write_text(definitions, encoding="utf-8")
        lighter = with_small_stylesheets_inlined(with_scripts_bundled(lighter, page, site), page)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")
    minify_module_scripts(site, modules)
    Image = image_library()
    for image in sorted((site / "posts").glob("*/**/*.png")):
        as_palette_png(Image, image)


if __name__ == "__main__":
    main()
