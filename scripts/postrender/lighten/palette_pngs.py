"""Figures and thumbnails are stored as 256-colour PNGs, 35–45 % of their size.

matplotlib's plots hold a few hundred to a few thousand colours, mostly the anti-aliased edges of lines. Maximum
coverage keeps white white and moves no colour channel by more than a few levels in 255 on these plots; a PNG with
a palette or any transparency is left alone. The notebooks keep their own full-colour copies
(_freeze/…/figure-ipynb).
"""

import io
import sys
from pathlib import Path

from scripts.postrender.kept_results import kept_or_made

PALETTE_COLOURS = 256
# Among the inputs of each result kept (kept_results.py): a change to this module makes them again.
THIS_CODE = Path(__file__).read_bytes()


def image_library():
    try:
        from PIL import Image
    except ImportError as error:
        sys.exit(f"error: the site's figures are stored smaller with Pillow, which this interpreter lacks ({error}; "
                 f"{sys.executable}). Run `make setup` and render with `make render`.")
    return Image


def as_palette_png(Image, path):
    """Store the opaque PNG at path with PALETTE_COLOURS colours when that makes it smaller. A figure a render wrote
    byte for byte as before (a preview's re-render of a prose edit writes them all) takes the kept result."""
    with Image.open(path) as image:
        if image.mode not in ("RGB", "RGBA"):
            return  # a palette already, or a mode these figures never have
    original = path.read_bytes()
    smaller = kept_or_made("palette-pngs", (original, Image.__version__, THIS_CODE),
                           lambda: as_palette_bytes(Image, original))
    if smaller != original:
        path.write_bytes(smaller)


def as_palette_bytes(Image, png):
    """png with PALETTE_COLOURS colours, if it is opaque and that is smaller; else png."""
    with Image.open(io.BytesIO(png)) as image:
        opaque = image.mode == "RGB" or (image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255))
        if not opaque:
            return png
        palette = image.convert("RGB").quantize(PALETTE_COLOURS, method=Image.Quantize.MAXCOVERAGE,
                                                 dither=Image.Dither.NONE)
        resolution = {"dpi": image.info["dpi"]} if "dpi" in image.info else {}
    smaller = io.BytesIO()
    palette.save(smaller, "PNG", optimize=True, **resolution)
    return smaller.getvalue() if smaller.tell() < len(png) else png


def store_smaller(site):
    """Every PNG of the posts as a palette PNG, where that is smaller."""
    Image = image_library()
    for image in sorted((site / "posts").glob("*/**/*.png")):
        as_palette_png(Image, image)
