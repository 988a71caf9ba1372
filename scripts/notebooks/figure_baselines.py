"""The figures each post draws, stored as baselines that the tests compare every new drawing with.

nbval compares what a post prints and skips its images, so a change that drops a legend, swaps two colours or moves a
curve would pass unseen while the figure's alt text and caption go on describing the old one. The PNG of each
figure the post's code shows (post_code.py, as a notebook saves it) is kept in tests/expected/<slug>/<label>.png
(<label>-<n>.png for a cell's second figure on), and its drawing for the site's dark theme in <label>-dark.png;
`make expected` refreshes them with the printed outputs.

The pixels depend on matplotlib's version (pinned in requirements-notebook.txt) and on its font, DejaVu Sans, which
matplotlib ships and puts first among its sans-serif fonts, so that no font of the machine's is used instead.
"""

from pathlib import Path

from scripts.notebooks import post_notebook
from scripts.notebooks.post_code import figures_drawn


def folder(qmd):
    """Where the baselines of the post qmd are kept, in the project that holds it."""
    return Path(qmd).resolve().parents[2] / "tests" / "expected" / post_notebook.slug(qmd)


THEMES = ("light", "dark")


def named(figures, theme="light"):
    """{file name: PNG} for the figures a run in theme showed, by cell label."""
    suffix = "" if theme == "light" else f"-{theme}"
    return {(f"{label}{suffix}.png" if number == 1 else f"{label}-{number}{suffix}.png"): png
            for label, pngs in figures.items() for number, png in enumerate(pngs, start=1)}


def theme_of(name):
    """The theme a baseline's file name says its figure is drawn in."""
    return next((theme for theme in THEMES if name.endswith(f"-{theme}.png")), "light")


def drawn(qmd):
    """{file name: PNG} of every figure the post's code shows, in every theme."""
    return {name: png for theme in THEMES for name, png in named(figures_drawn(qmd, theme), theme).items()}


def store(qmd):
    """Write the post's baselines afresh, removing any of a figure it no longer draws; returns their folder."""
    target = folder(qmd)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.png"):
        old.unlink()
    for name, png in drawn(qmd).items():
        (target / name).write_bytes(png)
    return target
