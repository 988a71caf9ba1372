"""Quarto's OJS runtime, and the data ojs_define hands it, load when the reader nears an explorable figure.

The runtime (900 KB, 207 KB gzipped) runs the explorable figures. Quarto loads it with every page that has an
{ojs} cell, where compiling it blocks the page and its inspectors litter the page with links to nowhere while the
figures' libraries wait to load; here it loads when the reader comes within a screen or so of a figure. ojs_define's
data (the EM post's 2,700 iterations, 19 KB gzipped) moves out of the page into a JSON file beside it, which the
loader fetches with the runtime: in the page, every reader downloaded it before the first paint, whether or not
they scrolled to the figure. The runtime reads that data from script tags when it starts, so the loader puts the
file's contents back into one.
"""

import json
from pathlib import PurePosixPath

from scripts.postrender.lighten.markup import MarkupChanged, line_end

STEP = "ojs_on_demand"
RUNTIME = "quarto-ojs-runtime.js"
# The last statement of Quarto's start-up module script, which runs the page's OJS cells.
START = "window._ojs.runtime.interpretFromScriptTags();"
# What this module writes in the start-up script's place: a page holding it is done.
LOADER_NAME = "const startOjs"
DEFINITIONS_FILE = "{page}.ojs-define.json"
DEFINITIONS_LOADER = """  const [definitions] = await Promise.all([fetch("{file}").then((response) => response.text()), import("{runtime}")]);
  const tag = document.createElement("script");
  tag.type = "ojs-define";
  tag.text = definitions;
  document.body.append(tag);"""
# Runs the runtime once an explorable figure is near the screen, or at once where a page has none.
LOADER = LOADER_NAME + """ = async () => {{
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




def definitions_of(tags):
    """ojs_define's data in the tags, all in one definition, or None."""
    if not tags:
        return None
    return json.dumps({"contents": [definition for tag in tags for definition in json.loads(tag.inner)["contents"]]})


def has_ojs_cells(elements):
    return any(element.attrs.get("type") == "ojs-module-contents" or (element.attrs.get("id") or "").startswith("ojs-cell-")
               for element in elements)


def rewrite(page):
    elements = page.elements()
    scripts = [element for element in elements if element.tag == "script"]
    runtimes = [script for script in scripts
                if script.attrs.get("type") == "module" and PurePosixPath(script.attrs.get("src") or "").name == RUNTIME]
    if any(LOADER_NAME in script.inner for script in scripts):
        return  # done by an earlier run
    if not runtimes:
        if has_ojs_cells(elements):
            raise MarkupChanged(STEP, page.path, f"the page has OJS cells, but no <script type=\"module\"> loads {RUNTIME}")
        return
    starts = [script for script in scripts
              if script.attrs.get("type") == "module" and "src" not in script.attrs and script.inner.strip().endswith(START)]
    if len(runtimes) != 1 or len(starts) != 1:
        raise MarkupChanged(STEP, page.path, f"the page loads Quarto's OJS runtime {len(runtimes)} times and starts it "
                                             f"{len(starts)} times, where this module knows once each")
    runtime, start = runtimes[0], starts[0]
    definitions = [script for script in scripts if script.attrs.get("type") == "ojs-define"]
    data = definitions_of(definitions)
    file = DEFINITIONS_FILE.format(page=page.path.stem)
    src = runtime.attrs["src"]
    load = DEFINITIONS_LOADER.format(file=file, runtime=src) if data is not None else f'  await import("{src}");'
    loader = LOADER.format(load=load, start="  " + start.inner.strip("\n").replace("\n", "\n  "))
    page.splice([(runtime.start, line_end(page.html, runtime), ""),
                 (start.start_tag_end, start.end_tag_start, "\n" + loader + "\n"),
                 *((tag.start, line_end(page.html, tag), "") for tag in definitions)])
    if data is not None:
        (page.path.parent / file).write_text(data, encoding="utf-8")
