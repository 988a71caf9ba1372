"""Figures and thumbnails are stored as 256-colour PNGs, 35–45 % of their size.

matplotlib's plots hold a few hundred to a few thousand colours, mostly the anti-aliased edges of lines. Maximum
coverage keeps white white and moves no colour channel by more than a few levels in 255 on these plots; a PNG with
a palette or any transparency is left alone. The notebooks keep their own full-colour copies
(_freeze/…/figure-ipynb).
"""

import io
import sys

PALETTE_COLOURS = 256


def image_library():
    try:
        from PIL import Image
    except ImportError as error:
        sys.exit(f"error: the site's figures are stored smaller with Pillow, which this interpreter lacks ({error}; "
                 f"{sys.executable}). Run `make setup` and render with `make render`.")
    return Image


def as_palette_png(Image, path):
    """Store the opaque PNG at path with PALETTE_COLOURS colours when that makes it smaller."""
    with Image.open(path) as image:
        opaque = image.mode == "RGB" or (image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255))
        if not opaque:
            return
        palette = image.convert("RGB").quantize(PALETTE_COLOURS, method=Image.Quantize.MAXCOVERAGE,
                                                 dither=Image.Dither.NONE)
        resolution = {"dpi": image.info["dpi"]} if "dpi" in image.info else {}
    smaller = io.BytesIO()
    palette.save(smaller, "PNG", optimize=True, **resolution)
    if smaller.tell() < path.stat().st_size:
        path.write_bytes(smaller.getvalue())


def store_smaller(site):
    """Every PNG of the posts as a palette PNG, where that is smaller."""
    Image = image_library()
    for image in sorted((site / "posts").glob("*/**/*.png")):
        as_palette_png(Image, image)
