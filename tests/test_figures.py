"""Every figure a post draws, in the light theme and in the dark, looks as its stored baseline does
(scripts/notebooks/figure_baselines.py), to within the anti-aliasing that matplotlib's compare_images tolerates: a
dropped legend, a changed colour or a moved curve fails, naming the post and the figure, and leaves the baseline, the
new drawing and their difference under build/figures/<slug>/ to look at. Each is drawn on its theme's paper, as the
blog's style draws it, and a post draws the same figures in the tests as `make expected` does, whatever it includes."""

import hashlib
import io
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

from scripts.notebooks import figure_baselines
from scripts.notebooks import post_notebook
from scripts.notebooks.post_code import FIGURE_THEME, figures_drawn, run_post_code
from test_figure_style import figure_themes

POSTS = post_notebook.posts()
# compare_images' RMS of the pixels' difference, on 0–255: what anti-aliasing alone moves, and no more.
TOLERANCE = 2
SEEN = post_notebook.ROOT / "build" / "figures"
# What a figure at another size, or on another background, than the blog's style gives it breaks: failures state it.
FIGURE_STYLE_RULE = (
    "CONTRIBUTING.md, 'Writing a new post', step 4, and 'Figures in both themes': draw figures in the blog's style, "
    "with `{{< include ../_figure_style.py >}}` in the post's set-up cell, which sets their size and, in each theme, "
    "their colours and their background, PAPER"
)
# Each theme's PAPER as an opaque RGBA pixel, as a figure's corners show it.
PAPERS = {theme: (*bytes.fromhex(colours["paper"][1:]), 255) for theme, colours in figure_themes().items()}


def image_size(png):
    """(width, height) in pixels of the PNG's bytes."""
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def corners(png):
    """The RGBA pixels at the PNG's four corners: its background, where a figure is cut to what is drawn."""
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
        return {image.convert("RGBA").getpixel(corner) for corner in
                [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)]}


def baselines():
    return [(post_notebook.slug(qmd), path.name) for qmd in POSTS for path in sorted(figure_baselines.folder(qmd).glob("*.png"))]


@pytest.mark.parametrize("qmd", POSTS, ids=post_notebook.slug)
def test_every_figure_a_post_draws_has_a_baseline(post_figures, qmd):
    slug = post_notebook.slug(qmd)
    drawn = {name for theme in figure_baselines.THEMES
             for name in figure_baselines.named(post_figures(slug, theme), theme)}
    stored = {path.name for path in figure_baselines.folder(qmd).glob("*.png")}
    assert drawn == stored, f"run `make expected POST={post_notebook.slug(qmd)}`: drawn {sorted(drawn)}, stored {sorted(stored)}"


@pytest.mark.parametrize(("slug", "name"), baselines())
def test_figure_looks_as_its_baseline_does(post_figures, slug, name):
    theme = figure_baselines.theme_of(name)
    drawn = figure_baselines.named(post_figures(slug, theme), theme)
    if name not in drawn:
        pytest.fail(f"posts/{slug} no longer draws {name}; run `make expected POST={slug}`")
    seen = SEEN / slug
    seen.mkdir(parents=True, exist_ok=True)
    baseline = shutil.copy(figure_baselines.folder(post_notebook.post(slug)) / name, seen / f"{Path(name).stem}-expected.png")
    (seen / name).write_bytes(drawn[name])
    (width, height), (drawn_width, drawn_height) = image_size(Path(baseline).read_bytes()), image_size(drawn[name])
    assert (drawn_width, drawn_height) == (width, height), (
        f"posts/{slug}: the figure {name} is drawn at {drawn_width}×{drawn_height} pixels, its baseline at "
        f"{width}×{height}. A figure's size comes from the blog's style: {FIGURE_STYLE_RULE}. If the post changed "
        f"it on purpose, run `make expected POST={slug}` (CONTRIBUTING.md, 'Writing a new post', step 7). Look at "
        f"build/figures/{slug}/."
    )
    difference = compare_images(baseline, str(seen / name), TOLERANCE)
    assert difference is None, (
        f"posts/{slug}: the figure {name} has changed: {difference}. Look at build/figures/{slug}/; if the change "
        f"is meant, run `make expected POST={slug}`."
    )


@pytest.mark.parametrize(("slug", "name"), baselines())
def test_figure_is_drawn_on_its_themes_paper(slug, name):
    """Read from the baseline, which the test above holds the drawing to: a post that skips the blog's style draws its
    dark figures on white, and fails here before any render."""
    theme = figure_baselines.theme_of(name)
    found = corners((figure_baselines.folder(post_notebook.post(slug)) / name).read_bytes())
    assert found == {PAPERS[theme]}, (
        f"posts/{slug}: the figure {name} has the background {sorted(found)} (RGBA, its corners), where the {theme} "
        f"theme's PAPER is {PAPERS[theme]}. {FIGURE_STYLE_RULE}."
    )


def test_drawing_in_the_dark_leaves_this_processs_environment_alone():
    """A subprocess started meanwhile, such as the site tests' render of a post, inherits this process's environment:
    a FIGURE_THEME set there, even for a moment, would draw that post's light figures dark."""
    seen, drawing = set(), threading.Event()

    def watch():
        while not drawing.is_set():
            seen.add(os.environ.get(FIGURE_THEME))
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        figures_drawn(post_notebook.post("gmm-first-look"), "dark")
    finally:
        drawing.set()
        watcher.join()
    assert seen == {os.environ.get(FIGURE_THEME)}


PLAIN_POST = """---
title: "Plain"
---

```{python}
#| label: fig-plain
import matplotlib.pyplot as plt

plt.plot([1, 2, 3])
plt.show()
```
"""
STYLED_POST = """---
title: "Styled"
---

```{python}
#| label: fig-styled
{{< include ../_figure_style.py >}}

plt.plot([1, 2, 3])
plt.show()
```
"""


def test_a_post_draws_the_same_figures_whichever_post_ran_before_it(tmp_path):
    """The tests draw the posts' light figures one after another in one process, `make expected` each in a fresh one:
    a post that does not include the blog's style must not take the style of the post the tests ran before it."""
    post_notebook.copy_posts(tmp_path)
    posts = {}
    for slug, source in {"plain": PLAIN_POST, "styled": STYLED_POST}.items():
        posts[slug] = tmp_path / "posts" / slug / "index.qmd"
        posts[slug].parent.mkdir()
        posts[slug].write_text(source, encoding="utf-8")

    def drawn(slug):
        """Each figure's size in pixels and a hash of its PNG: what differs is readable in a failure."""
        figures = {}
        run_post_code(posts[slug], posts[slug].parent, figures)
        return {label: [(image_size(png), hashlib.sha256(png).hexdigest()[:12]) for png in pngs]
                for label, pngs in figures.items()}

    alone = drawn("plain")
    drawn("styled")
    assert drawn("plain") == alone
