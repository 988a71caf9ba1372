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
The notebooks, the listing's thumbnails and the social cards keep the light drawings. A page already holding the
pictures (a page this render did not write) is left as it is.

Like Quarto's freeze, the drawings are kept in _freeze/ (committed), in _freeze/posts/<slug>/dark-figures/, with a
hash of everything the drawing reads: the post's folder, the files posts/ shares (_figure_style.py among them), data/,
requirements.txt and the drawing code. A render draws a post again only when that hash has changed, so a publish from
a clone, and each of `make test`'s renders, runs no post's code a second time unless it changed.

Quarto runs it after every render with the first python3 on PATH; `make render` puts .venv/bin first.
"""

import hashlib
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# A script run as a file sees only its own folder of scripts/; these modules live in scripts/notebooks.
sys.path[1:1] = [str(Path(__file__).resolve().parents[1] / "notebooks")]
import post_code  # noqa: E402

THEME = "dark"
# Quarto draws the pages' figures at twice their dpi (fig-format: retina), to stay sharp on a phone's screen.
PIXEL_RATIO = 2
# A figure Quarto wrote for a code cell: index_files/figure-html/<cell label>-output-<n>.png.
FIGURE_IMAGE = re.compile(r'<img ([^>]*?)src="((?:[^"/]+/)*figure-html/([\w-]+?)-output-(\d+))\.png"([^>]*)>')
DONE = f'data-figure-theme="{THEME}"'
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


def picture(match):
    """The figure image of match inside a <picture>, with its dark drawing as a source."""
    before, stem, _, _, after = match.groups()
    return (f'<picture><source srcset="{stem}-{THEME}.png" media="(prefers-color-scheme: dark)" '
            f'data-figure-theme="{THEME}"><img {before}src="{stem}.png"{after}></picture>')


def draw(qmd):
    """{cell label: [PNG, …]} of the post's figures in the dark theme; exits naming the post if its code fails."""
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
    read = [*own, *shared, *sorted((project / "data").rglob("*")),
            project / "requirements.txt", Path(post_code.__file__).resolve()]
    digest = hashlib.sha256(f"{THEME} {PIXEL_RATIO}".encode())
    for path in read:
        if path.is_file():
            name = path.relative_to(project) if path.is_relative_to(project) else path.name
            digest.update(f"\0{name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


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
        return post_code.read_figures(kept_folder(qmd))
    except (OSError, ValueError):
        return None


def keep(qmd, inputs, figures):
    """The post's drawings into _freeze/, replacing any kept before, the hash of their inputs written last."""
    folder = kept_folder(qmd)
    shutil.rmtree(folder, ignore_errors=True)
    post_code.write_figures(figures, folder)
    (folder / INPUTS).write_text(inputs + "\n", encoding="utf-8")


def kept_or_drawn(qmd):
    """{cell label: [PNG, …]} of the post's dark drawings: those kept in _freeze/ if still current, else drawn now and kept."""
    inputs = inputs_hash(qmd)
    figures = kept(qmd, inputs)
    if figures is None:
        figures = draw(qmd)
        keep(qmd, inputs, figures)
    return figures


def with_dark_figures(page, text, qmd, figures):
    """text, page's HTML, with each figure as a picture of both drawings; writes the dark ones beside the light."""

    def replace(match):
        label, number = match.group(3), int(match.group(4))
        drawn = len(figures.get(label, []))
        if drawn < number:
            sys.exit(f"error: {page} shows figure {number} of the cell {label}, but {qmd}'s code, run with "
                     f"FIGURE_THEME=dark, drew {drawn}: a figure must not depend on the theme.")
        (page.parent / f"{match.group(2)}-{THEME}.png").write_bytes(figures[label][number - 1])
        return picture(match)

    return FIGURE_IMAGE.sub(replace, text).replace("</body>", FOLLOW_THE_THEME + "</body>", 1)


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    pending = []
    for page in sorted(site.glob("posts/*/index.html")):
        qmd = Path("posts") / page.parent.name / "index.qmd"
        text = page.read_text(encoding="utf-8")
        if qmd.is_file() and FIGURE_IMAGE.search(text) and DONE not in text:
            pending.append((page, text, qmd))
    # Each post draws in a process of its own, so the posts draw side by side.
    with ThreadPoolExecutor() as pool:
        drawn = list(pool.map(kept_or_drawn, [qmd for _, _, qmd in pending]))
    for (page, text, qmd), figures in zip(pending, drawn):
        page.write_text(with_dark_figures(page, text, qmd, figures), encoding="utf-8")


if __name__ == "__main__":
    main()
