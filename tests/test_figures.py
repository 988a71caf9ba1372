"""Every figure a post draws, in the light theme and in the dark, looks as its stored baseline does
(scripts/notebooks/figure_baselines.py), to within the anti-aliasing that matplotlib's compare_images tolerates: a
dropped legend, a changed colour or a moved curve fails, naming the post and the figure, and leaves the baseline, the
new drawing and their difference under build/figures/<slug>/ to look at."""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

import figure_baselines
import post_notebook
from post_code import FIGURE_THEME, figures_drawn

POSTS = post_notebook.posts()
# compare_images' RMS of the pixels' difference, on 0–255: what anti-aliasing alone moves, and no more.
TOLERANCE = 2
SEEN = post_notebook.ROOT / "build" / "figures"


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
    difference = compare_images(baseline, str(seen / name), TOLERANCE)
    assert difference is None, (
        f"posts/{slug}: the figure {name} has changed: {difference}. Look at build/figures/{slug}/; if the change "
        f"is meant, run `make expected POST={slug}`."
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
