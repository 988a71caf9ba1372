"""The page's deferred head scripts reach it as one minified file, loaded after the page's first paint.

Every page loads a dozen of Quarto's scripts. A phone's browser opens only six connections to a server speaking
HTTP/1.1, and each of the last scripts waited for one before its request could go; as one file, the same for every
page with the same scripts, they run in the order the page names them, before Quarto's module scripts instead of
around them. The site tests of search, the table of contents, the copy buttons, folded code and the theme toggle
hold the pages to working so.

The bundle (77 KB gzipped) loads once the browser reports the page's first contentful paint, from a small script in
the head, and the DOMContentLoaded listeners of the page, the bundle and the module scripts wait for it and run in
the order they had. Deferred, it ran before the first paint, and Lighthouse's simulation of a phone counts
everything that ran before the largest paint in that paint: the bundle's download and evaluation were 0.4–0.9 s of
each page's simulated LCP. Nothing on the first screen needs it: Quarto's scripts set the page up on
DOMContentLoaded, which came after the first paint.

The scripts bundled are the head's, as deferred_scripts.py writes them: `<script src="…" defer></script>`. A
deferred head script with another attribute is not one this module knows to bundle, and stops the render.
"""

import hashlib
import json
import os
from pathlib import Path

from scripts.postrender.lighten.markup import MarkupChanged, head_elements, line_end
from scripts.postrender.lighten.terser import minified_file, terser_version

STEP = "script_bundle"
BUNDLE_DIR = Path("site_libs") / "quarto-bundle"
# The bundle names the files it holds, minified, in order: for a reader of the file, and for the test of its licences.
BUNDLE_HEADER = "/* {sources}: minified and joined by scripts/postrender/lighten_pages.py */\n"
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
    // Once the browser reports the first contentful paint, which comes after the frame that makes it is shown: a
    // request made in that frame's own task is a request made before the paint. A tab opened in the background
    // paints none until it is shown, so there at once; a browser without paint timing, after the next frame.
    const append = () => document.head.append(bundle);
    if (document.visibilityState !== "visible") {
      append();
    } else if (!window.PerformanceObserver?.supportedEntryTypes?.includes("paint")) {
      requestAnimationFrame(() => setTimeout(append));
    } else {
      new PerformanceObserver((entries, observer) => {
        if (entries.getEntriesByName("first-contentful-paint").length > 0) {
          observer.disconnect();
          setTimeout(append);
        }
      }).observe({type: "paint", buffered: true});
    }
  });
})();
</script>"""




def deferred_scripts(page):
    """The head's deferred scripts, each as deferred_scripts.py writes it: <script src="…" defer></script>."""
    scripts = [element for element in head_elements(page, page.elements(), STEP)
               if element.tag == "script" and "defer" in element.attrs]
    for script in scripts:
        if script.attrs.keys() != {"src", "defer"}:
            raise MarkupChanged(STEP, page.path, f"the deferred script {script.start_tag[:120]} is not one this "
                                                 f"module knows to bundle")
    return scripts




def write_bundle(page, sources):
    """The bundle of the scripts sources name, written under BUNDLE_DIR; its URL from the page."""
    # Each file minified on its own, which keeps its licence comment; a semicolon between files, so that one
    # ending without one does not run into the next.
    site = page.site.resolve()
    paths = [(page.path.parent / source).resolve() for source in sources]
    header = BUNDLE_HEADER.format(sources=", ".join(path.relative_to(site).as_posix() for path in paths))
    # Named by what it is made from, the scripts and the Terser that minifies them: a page with the same scripts as
    # one before it, in this render or an earlier one, finds its bundle written and minifies nothing (Terser takes
    # seconds over a page's scripts, which a preview's re-render of one page would wait for).
    sources_hash = hashlib.sha256((header + terser_version()).encode("utf-8"))
    for path in paths:
        sources_hash.update(b"\0" + path.read_bytes())
    name = sources_hash.hexdigest()[:16] + ".js"
    (page.site / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
    if not (page.site / BUNDLE_DIR / name).exists():
        bundle = header + "\n;\n".join(map(minified_file, paths))
        (page.site / BUNDLE_DIR / name).write_text(bundle, encoding="utf-8")
    to_root = os.path.relpath(page.site, page.path.parent).replace(os.sep, "/")
    return f"{to_root}/{BUNDLE_DIR.as_posix()}/{name}"


def rewrite(page):
    """Bundle the head's deferred scripts (deferred_scripts.py made them so) into a file under BUNDLE_DIR.

    The first script's element becomes the loader and the others go, each with its line; a page with one deferred
    script keeps it, and a page already bundled has none left to bundle."""
    scripts = deferred_scripts(page)
    if len(scripts) < 2:
        return
    url = write_bundle(page, [script.attrs["src"] for script in scripts])
    loader = BUNDLE_LOADER.replace("BUNDLE_URL", json.dumps(url))
    first, *others = scripts
    page.splice([(first.start, first.end, loader)]
                + [(script.start, line_end(page.html, script), "") for script in others])
