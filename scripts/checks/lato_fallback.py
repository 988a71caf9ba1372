"""The "Lato fallback" faces styles.css declares: Arial, or Liberation Sans where Arial is not installed, scaled so that
text set in it takes the room Lato's does.

A page is painted before Lato arrives (`font-display: swap`), in the first font of the stack the system has. Where
that font is wider or taller than Lato, lines break elsewhere and the page moves when Lato comes. Each face here
declares, for one of the three Lato faces the site serves:
- `size-adjust`: Lato's mean advance width over Arial's, both weighted by how often each character comes in the
  site's prose (its .qmd files outside code blocks), so that a line of the site's text is about as long in either;
- `ascent-override`, `descent-override`, `line-gap-override`: Lato's vertical metrics, as percentages of the font
  size, from its hhea table (its OS/2 table's Windows metrics are the same, and it does not ask for its typographic
  ones), divided by `size-adjust`, which scales these overrides too (MDN's page on `size-adjust` says it scales
  every metric of the face, the descriptors' overrides included).

Liberation Sans has Arial's advance widths, which is what it was drawn for, so one set of numbers serves both, and
the widths are read from Liberation Sans, which Debian installs with Chromium (fonts-liberation). Lato comes from the
pinned PyPI package font-lato, as the site's fonts do (scripts/postrender/self_host_assets.py).

`python -m scripts.checks.lato_fallback` prints the faces for styles.css; tests/test_lato_fallback.py holds
styles.css to them.
"""

import collections
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAMILY = "Lato fallback"
# Each Lato face the site serves (styles.css), with the Arial face that stands in for it: (style, weight) to the Lato
# file, the fontconfig style of its stand-in, and the stand-in's names that CSS's local() can match, full name and
# PostScript name of Arial, then of Liberation Sans.
FACES = {
    ("normal", 400): ("Lato-Regular.ttf", "Regular", ["Arial", "ArialMT", "Liberation Sans", "LiberationSans"]),
    ("normal", 700): ("Lato-Bold.ttf", "Bold", ["Arial Bold", "Arial-BoldMT", "Liberation Sans Bold",
                                                "LiberationSans-Bold"]),
    ("italic", 400): ("Lato-Italic.ttf", "Italic", ["Arial Italic", "Arial-ItalicMT", "Liberation Sans Italic",
                                                    "LiberationSans-Italic"]),
}
FENCE = "```"


def prose_characters():
    """How often each character comes in the site's prose: every .qmd's text outside its code blocks."""
    counts = collections.Counter()
    sources = sorted(ROOT.glob("*.qmd")) + sorted((ROOT / "posts").glob("*/index.qmd"))
    for source in sources:
        in_code = False
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith(FENCE):
                in_code = not in_code
            elif not in_code:
                counts.update(line)
    return counts


def liberation_sans(style):
    """The path of Liberation Sans in style ("Regular", "Bold", "Italic"), as fontconfig finds it; None without it."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "--format=%{family}\n%{file}", f"Liberation Sans:style={style}"],
                           capture_output=True, text=True, check=False).stdout.split("\n")
    if len(found) != 2 or "Liberation Sans" not in found[0].split(","):
        return None
    return Path(found[1])


def mean_width(font, counts):
    """The font's advance width per character, in ems, weighted by counts over the characters it has."""
    glyphs, advances = font.getBestCmap(), font["hmtx"]
    drawn = {character: count for character, count in counts.items() if ord(character) in glyphs}
    total = sum(advances[glyphs[ord(character)]][0] * count for character, count in drawn.items())
    return total / sum(drawn.values()) / font["head"].unitsPerEm


def percent(value):
    return f"{value * 100:.2f}%"


def descriptors(lato, stand_in, counts):
    """The face's metric descriptors, as styles.css writes them, for the Lato font lato and its stand-in font."""
    size_adjust = mean_width(lato, counts) / mean_width(stand_in, counts)
    em, hhea = lato["head"].unitsPerEm, lato["hhea"]
    return {
        "size-adjust": percent(size_adjust),
        "ascent-override": percent(hhea.ascent / em / size_adjust),
        "descent-override": percent(-hhea.descent / em / size_adjust),
        "line-gap-override": percent(hhea.lineGap / em / size_adjust),
    }


def faces():
    """{(style, weight): {descriptor: value}} for each face, src included; None where Liberation Sans is missing."""
    import font_lato
    from fontTools.ttLib import TTFont

    counts = prose_characters()
    computed = {}
    for (style, weight), (lato_file, stand_in_style, names) in FACES.items():
        stand_in = liberation_sans(stand_in_style)
        if stand_in is None:
            return None
        lato = TTFont(Path(font_lato.font_directory) / lato_file)
        computed[style, weight] = {"src": ", ".join(f'local("{name}")' for name in names),
                                   **descriptors(lato, TTFont(stand_in), counts)}
    return computed


def stylesheet(computed):
    """The @font-face rules for styles.css."""
    return "\n".join(
        f'@font-face {{\n  font-family: "{FAMILY}";\n  font-style: {style};\n  font-weight: {weight};\n'
        + "".join(f"  {name}: {value};\n" for name, value in descriptors_.items()) + "}"
        for (style, weight), descriptors_ in computed.items())


if __name__ == "__main__":
    computed = faces()
    if computed is None:
        raise SystemExit("error: Liberation Sans is not installed, so Arial's widths cannot be read: install it "
                         "(Debian: apt-get install fonts-liberation).")
    print(stylesheet(computed))
