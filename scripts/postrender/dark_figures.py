"""Quarto post-render step: every figure of a post drawn for the dark theme too, and each page showing the
drawings of the theme it shows.

Quarto runs a post once and keeps its figures, drawn in the light theme (posts/_figure_style.py). This step runs the
post's code again, in a child process with FIGURE_THEME=dark and a scratch copy of the posts, and writes each figure
beside its light drawing, at the same size, as <name>-dark.png. The figure's image becomes a <picture> whose dark
source the browser takes only when its media query holds, so a reader downloads the drawing of one theme:
- as the page arrives, the query is the reader's system preference, which Quarto's theme follows too unless the
  toggle chose otherwise (a reader who chose against their system may fetch the first figure twice);
- a script at the end of the body sets each query to the theme the page shows, and again when the toggle changes it
  (the body's quarto-dark class).
The notebooks, the listing's thumbnails and the social cards keep the light drawings. Only the posts this render
wrote are rewritten (pages_written.py), each read with an HTML parser (lighten/markup.py); a figure already in its
<picture> is left as it is, so a page run through twice is the page run through once. An image in a code cell's
output (or under figure-html/) that is not at figure-html/<cell label>-output-<n>.png stops the render, naming the
page: Quarto's markup has changed, and its figures would otherwise show the light drawing in the dark theme.

Like Quarto's freeze, the drawings are kept in _freeze/ (committed), in _freeze/posts/<slug>/dark-figures/, with a
hash of everything the drawing reads: the post's code cells (not its prose) and other files, the files posts/ shares (_figure_style.py among them), data/,
requirements.txt and the drawing code. A render draws a post again only when that hash has changed, so a publish from
a clone, and each of `make test`'s renders, runs no post's code a second time unless it changed.

Quarto runs it after every render with the first python3 on PATH; `make render` puts .venv/bin first.
"""

import hashlib
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from scripts.notebooks import qmd_code
from scripts.notebooks.figure_store import read_figures, write_figures
from scripts.postrender.lighten.markup import located, splice, start_tag
from scripts.postrender.pages_written import pages_written
from scripts.postrender.step_pages import is_post, stop

THEME = "dark"
# The code that draws the figures, scripts/notebooks/post_code.py, named without importing it: its imports (matplotlib,
# jupytext) take seconds, which a render whose drawings are all kept should not wait for.
DRAWING_CODE = Path(__file__).resolve().parents[1] / "notebooks" / "post_code.py"
# Quarto draws the pages' figures at twice their dpi (fig-format: retina), to stay sharp on a phone's screen.
PIXEL_RATIO = 2
# A figure Quarto wrote for a code cell: an image in the cell's output, at
# index_files/figure-html/<cell label>-output-<n>.png.
CELL_OUTPUT = "cell-output-display"
FIGURE_FOLDER = "figure-html"
OUTPUT = "-output-"
FIGURE_SUFFIX = ".png"
KEPT = "dark-figures"
# Beside the drawings, the hash of what they were drawn from.
INPUTS = "inputs.sha256"
FOLLOW_THE_THEME = """<script>
// The figures show the drawing of the theme the page shows, from now on and after each use of the toggle.
(() => {
  const sources = document.querySelectorAll('picture > source[data-figure-theme="dark"]');
  let shown = null;
  const follow = () => {
    const media = document.body.classList.contains("quarto-dark") ? "all" : "not all";
    if (media !== shown) {
      shown = media;
      for (const source of sources) source.media = media;
    }
  };
  follow();
  new MutationObserver(follow).observe(document.body, {attributes: true, attributeFilter: ["class"]});
})();
</script>
"""


def figure_source(src):
    """(stem, cell label, figure number) of a figure image's src, `<folders>/figure-html/<label>-output-<n>.png` with
    the stem all but its `.png`; None for a src of any other form."""
    address = urlsplit(src)
    path = PurePosixPath(address.path)
    label, _, number = path.stem.rpartition(OUTPUT)
    if (address.scheme or address.netloc or address.query or address.fragment or path.is_absolute()
            or "" in src.split("/") or path.suffix != FIGURE_SUFFIX or path.parent.name != FIGURE_FOLDER
            or not label or not all(character.isalnum() or character in "_-" for character in label)
            or not number.isdecimal()):
        return None
    return src[:-len(FIGURE_SUFFIX)], label, int(number)


def figure_images(page, elements):
    """[(img, stem, label, number)] of the page's figure images not yet in their <picture>, in order.

    A figure image is an image in a code cell's output, or one under figure-html/: one whose src is not of the form
    figure_source knows, or that sits in a <picture> this step did not write, stops the render naming the page."""
    outputs = [element for element in elements if CELL_OUTPUT in element.classes]
    pictures = [element for element in elements if element.tag == "picture"]
    dark_sources = [element for element in elements
                    if element.tag == "source" and element.attrs.get("data-figure-theme") == THEME]
    images = []
    for image in (element for element in elements if element.tag == "img"):
        src = image.attrs.get("src") or ""
        source = figure_source(src)
        if source is None:
            if any(within(image, output) for output in outputs) or FIGURE_FOLDER in src.split("/"):
                stop(__file__, page, f"a figure image is not at {FIGURE_FOLDER}/<cell label>{OUTPUT}<n>"
                                     f"{FIGURE_SUFFIX}: {image.start_tag[:300]!r}")
            continue
        around = [element for element in pictures if within(image, element)]
        if not around:
            images.append((image, *source))
        elif not any(within(dark, element) for dark in dark_sources for element in around):
            stop(__file__, page, f"a figure image is in a <picture> this step did not write: {image.start_tag[:300]!r}")
    return images


def within(inner, outer):
    """Whether the element inner lies inside the element outer."""
    return outer.start < inner.start and outer.end is not None and inner.start < outer.end


def picture(image, stem):
    """The figure image inside a <picture>, with its dark drawing as a source."""
    source = start_tag("source", {"srcset": f"{stem}-{THEME}.png", "media": "(prefers-color-scheme: dark)",
                                  "data-figure-theme": THEME})
    return f"<picture>{source}{image.start_tag}</picture>"


def draw(qmd):
    """{cell label: [PNG, …]} of the post's figures in the dark theme; exits naming the post if its code fails."""
    from scripts.notebooks import post_code  # only when a post is drawn (DRAWING_CODE says why)

    try:
        return post_code.figures_drawn(qmd, THEME, PIXEL_RATIO)
    except RuntimeError as error:
        sys.exit(f"error: {qmd} failed while its figures were drawn for the dark theme ({error}). "
                 f"Run `FIGURE_THEME=dark make notebook POST={qmd.parent.name}` to see the failing cell.")


def made_by_tools(relative):
    """Whether a path under a post's folder is one a tool writes there (a cache, Quarto's files of a render)."""
    return any(part.startswith((".", "__")) or part.endswith(("_files", ".quarto_ipynb")) for part in relative.parts)


def inputs_hash(qmd):
    """A hash of everything the post's dark drawings depend on, in the project qmd is in."""
    qmd = Path(qmd).resolve()
    project = qmd.parents[2]
    own = sorted(path for path in qmd.parent.rglob("*") if not made_by_tools(path.relative_to(qmd.parent)))
    # posts/_metadata.yml is Quarto's (authors, licence), which no post's code reads: setting an author draws nothing.
    shared = sorted(path for path in (project / "posts").glob("_*") if path.name != "_metadata.yml")
    read = [*own, *shared, *sorted((project / "data").rglob("*")), project / "requirements.txt"]
    digest = hashlib.sha256(f"{THEME} {PIXEL_RATIO}".encode())
    for path in read:
        if path.is_file():
            content = code_of(path) if path == qmd else path.read_bytes()
            digest.update(f"\0{path.relative_to(project)}\0".encode() + content)
    # The drawing code by a name of its own, the same whichever copy of the project it was imported from.
    digest.update(b"\0drawing code\0" + DRAWING_CODE.read_bytes())
    return digest.hexdigest()


def code_of(qmd):
    """The code the drawings run: each code cell of qmd, options included. Its prose is left out, so that an edit to
    the prose, which Quarto's freeze runs the post again for, does not draw the figures again as well."""
    return "\0".join(qmd_code.code_cells(qmd)).encode()


def kept_folder(qmd):
    return Path(qmd).parents[2] / "_freeze" / "posts" / Path(qmd).parent.name / KEPT


def kept_inputs(qmd):
    """The hash of what the post's kept drawings were drawn from, or None where none are kept."""
    try:
        return (kept_folder(qmd) / INPUTS).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def kept(qmd, inputs):
    """The post's drawings kept in _freeze/ by an earlier render, if that render read the same inputs; else None.
    A store that cannot be read whole (its index cut short, a drawing gone) counts as none: drawing again mends it."""
    if kept_inputs(qmd) != inputs:
        return None
    try:
        return read_figures(kept_folder(qmd))
    except (OSError, ValueError):
        return None


def keep(qmd, inputs, figures):
    """The post's drawings into _freeze/, replacing any kept before, the hash of their inputs written last."""
    folder = kept_folder(qmd)
    shutil.rmtree(folder, ignore_errors=True)
    write_figures(figures, folder)
    (folder / INPUTS).write_text(inputs + "\n", encoding="utf-8")


def kept_or_drawn(qmd):
    """{cell label: [PNG, …]} of the post's dark drawings: those kept in _freeze/ if still current, else drawn now and kept."""
    inputs = inputs_hash(qmd)
    figures = kept(qmd, inputs)
    if figures is None:
        figures = draw(qmd)
        keep(qmd, inputs, figures)
    return figures


def with_dark_figures(page, text, elements, images, qmd, figures):
    """text, page's HTML (parsed as elements), with each of images as a picture of both drawings, and the script that
    has them follow the theme; writes the dark drawings beside the light."""
    replacements = []
    for image, stem, label, number in images:
        drawn = len(figures.get(label, []))
        if drawn < number:
            sys.exit(f"error: {page} shows figure {number} of the cell {label}, but {qmd}'s code, run with "
                     f"FIGURE_THEME=dark, drew {drawn}: a figure must not depend on the theme.")
        (page.parent / f"{stem}-{THEME}.png").write_bytes(figures[label][number - 1])
        replacements.append((image.start, image.start_tag_end, picture(image, stem)))
    if not any(element.tag == "script" and element.outer == FOLLOW_THE_THEME.rstrip("\n") for element in elements):
        body = next((element for element in elements if element.tag == "body" and element.end_tag_start), None)
        if body is None:
            stop(__file__, page,
                 "the page has no </body> to put the script that has its figures follow the theme before")
        replacements.append((body.end_tag_start, body.end_tag_start, FOLLOW_THE_THEME))
    return splice(text, replacements)


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    pending = []
    for page in pages_written(site):
        qmd = Path("posts") / page.parent.name / "index.qmd"
        if not (is_post(site, page) and qmd.is_file()):
            continue
        text = page.read_text(encoding="utf-8")
        elements = located(text)
        images = figure_images(page, elements)
        if images:
            pending.append((page, text, elements, images, qmd))
    # Each post draws in a process of its own, so the posts draw side by side.
    with ThreadPoolExecutor() as pool:
        drawn = list(pool.map(kept_or_drawn, [qmd for *_, qmd in pending]))
    for (page, text, elements, images, qmd), figures in zip(pending, drawn):
        page.write_text(with_dark_figures(page, text, elements, images, qmd, figures), encoding="utf-8")


if __name__ == "__main__":
    main()
