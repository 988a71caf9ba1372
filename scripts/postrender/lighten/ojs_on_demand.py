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
import re

from lighten.markup import MarkupChanged

STEP = "ojs_on_demand"
RUNTIME_TAG = re.compile(r'<script type="module" src="([^"]*quarto-ojs-runtime\.js)"></script>\n?')
START = "window._ojs.runtime.interpretFromScriptTags();"
START_SCRIPT = re.compile(r'(<script type="module">\n)((?:window\._ojs\.[^\n]*\n|if \(window\.location[^\n]*\n)*?' + re.escape(START) + r')\n')
DEFINITIONS = re.compile(r'<script type="ojs-define">(.*?)</script>\n?', re.DOTALL)
DEFINITIONS_FILE = "{page}.ojs-define.json"
DEFINITIONS_LOADER = """  const [definitions] = await Promise.all([fetch("{file}").then((response) => response.text()), import("{runtime}")]);
  const tag = document.createElement("script");
  tag.type = "ojs-define";
  tag.text = definitions;
  document.body.append(tag);"""
# Runs the runtime once an explorable figure is near the screen, or at once where a page has none.
LOADER = """const startOjs = async () => {{
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


def definitions_of(html):
    """ojs_define's data on the page, all in one definition, or None."""
    tags = DEFINITIONS.findall(html)
    if not tags:
        return None
    return json.dumps({"contents": [definition for tag in tags for definition in json.loads(tag)["contents"]]})


def rewrite(page):
    runtime = RUNTIME_TAG.search(page.html)
    if not runtime:
        if "quarto-ojs-runtime.js" in page.html:
            raise MarkupChanged(STEP, page.path, "the page loads Quarto's OJS runtime by a tag of another form")
        return
    start = START_SCRIPT.search(page.html)
    if not start:
        raise MarkupChanged(STEP, page.path, "the page loads Quarto's OJS runtime, but its start-up script has another form")
    definitions = definitions_of(page.html)
    file = DEFINITIONS_FILE.format(page=page.path.stem)
    load = (DEFINITIONS_LOADER.format(file=file, runtime=runtime.group(1)) if definitions is not None
            else f'  await import("{runtime.group(1)}");')
    loader = LOADER.format(load=load, start="  " + start.group(2).replace("\n", "\n  "))
    html = page.html[: start.start()] + start.group(1) + loader + "\n" + page.html[start.end():]
    page.html = DEFINITIONS.sub("", RUNTIME_TAG.sub("", html))
    if definitions is not None:
        (page.path.parent / file).write_text(definitions, encoding="utf-8")
    if 'type="ojs-define"' in page.html:
        raise MarkupChanged(STEP, page.path, "ojs_define's data is still in the page")
