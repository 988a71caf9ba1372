"""A folder of a post's drawings: one PNG per figure, and an index of them by cell label.

post_code draws into one; the dark figures' step keeps one in _freeze/ and reads it back on each render, which must
not wait for post_code's imports (matplotlib, jupytext) when nothing is drawn again.
"""

import json
from pathlib import Path

# The file listing a folder of drawings by cell label (write_figures).
FIGURES_INDEX = "figures.json"


def write_figures(figures, folder):
    """figures ({cell label: [PNG, …]}) into the new folder, one PNG each, with FIGURES_INDEX listing them by cell
    label, written last."""
    folder = Path(folder)
    folder.mkdir(parents=True)
    labels = {}
    for label, pngs in figures.items():
        for number, png in enumerate(pngs, start=1):
            name = f"{label}-{number}.png"
            (folder / name).write_bytes(png)
            labels.setdefault(label, []).append(name)
    (folder / FIGURES_INDEX).write_text(json.dumps(labels), encoding="utf-8")


def read_figures(folder):
    """{cell label: [PNG, …]} as write_figures left them in folder."""
    labels = json.loads((Path(folder) / FIGURES_INDEX).read_text(encoding="utf-8"))
    return {label: [(Path(folder) / name).read_bytes() for name in names] for label, names in labels.items()}
