"""A listing's thumbnails are copies of the posts' figures scaled down to the width a phone shows them at.

Quarto's card shows a post's first figure, at most a phone's width (412 px in Lighthouse's phone, at 1.75 device
pixels a pixel), from the 1,400–1,600 px PNG the post itself shows. On the home page those images share a slow
connection with its first screen: each post's card added its whole figure to the bytes the largest contentful paint
waits for. The post pages and the social cards keep the full figures.

Each thumbnail also declares its image's width and height, which Quarto's card leaves out: the browser then keeps the
image's room from the first paint (styles.css sizes it by its width), where otherwise the cards below it moved down
when it arrived, as they did in Lighthouse's phone in the dark scheme (layout shift 0.024).

A card's thumbnail is an <img> with Quarto's class thumbnail-image, and its start tag is written again with the
copy's src and the sizes. An image in a listing without that class, or a thumbnail whose src is not relative to the page, is
Quarto's markup changed, and stops the render.
"""

from scripts.postrender.lighten.markup import MarkupChanged, start_tag
from scripts.postrender.lighten.palette_pngs import image_library

STEP = "listing_thumbnails"
# 412 css px at 1.75 device pixels to the css pixel, rounded up.
THUMBNAIL_WIDTH = 720
SUFFIX = "-thumbnail"
# Quarto's class for a card's thumbnail, and for the listing that holds the cards.
THUMBNAIL_CLASS = "thumbnail-image"
LISTING_CLASS = "quarto-listing"


def thumbnail_path(figure):
    return figure.with_name(figure.stem + SUFFIX + figure.suffix)


def write_thumbnail(figure):
    """Write figure scaled to THUMBNAIL_WIDTH beside it and return where; None where it is no wider."""
    Image = image_library()
    with Image.open(figure) as image:
        width, height = image.size
        if width <= THUMBNAIL_WIDTH:
            return None
        # A figure an earlier run stored with a palette (palette_pngs.py) is one this render did not write, and its
        # thumbnail, made then from Quarto's full-colour drawing, stays: made from the palette copy it would differ.
        if image.mode == "P" and thumbnail_path(figure).is_file():
            return thumbnail_path(figure)
        smaller = image.convert("RGB").resize((THUMBNAIL_WIDTH, round(height * THUMBNAIL_WIDTH / width)),
                                              Image.Resampling.LANCZOS)
    thumbnail = thumbnail_path(figure)
    smaller.save(thumbnail, "PNG")
    return thumbnail


def listing_images(elements):
    """The images inside a listing: its cards' thumbnails, and nothing else a listing shows."""
    listings = [element for element in elements if LISTING_CLASS in element.classes and element.end is not None]
    return [element for element in elements if element.tag == "img"
            and any(listing.start < element.start < listing.end for listing in listings)]


def thumbnails(page):
    """Every card thumbnail of the page; an image in a listing that is not one is Quarto's markup changed."""
    elements = page.elements()
    for image in listing_images(elements):
        if THUMBNAIL_CLASS not in image.classes:
            raise MarkupChanged(STEP, page.path, f"the listing's image {image.start_tag[:120]} is not a card "
                                                 f"thumbnail of the form this module scales down")
    return [element for element in elements if element.tag == "img" and THUMBNAIL_CLASS in element.classes]


def figure_of(page, thumbnail):
    """The figure a card thumbnail shows, a path from the page's folder."""
    source = thumbnail.attrs.get("src") or ""
    if "://" in source or source.startswith("/") or not source:
        raise MarkupChanged(STEP, page.path, f"the thumbnail {thumbnail.start_tag[:120]} has no src relative to the "
                                             f"page")
    return page.path.parent / source


def scaled_down(page, thumbnail):
    """The thumbnail's start tag showing its figure's scaled-down copy, or the figure where it is no wider, with the
    image's width and height; None where the figure is not a PNG of the site."""
    figure = figure_of(page, thumbnail)
    if figure.suffix != ".png" or not figure.is_file():
        return None
    # A copy is THUMBNAIL_WIDTH wide, no wider: a thumbnail that shows one already shows it again.
    shown = write_thumbnail(figure) or figure
    with image_library().open(shown) as image:
        width, height = image.size
    return start_tag("img", {**thumbnail.attrs, "src": shown.relative_to(page.path.parent).as_posix(),
                             "width": str(width), "height": str(height)})


def rewrite(page):
    tags = [(thumbnail, scaled_down(page, thumbnail)) for thumbnail in thumbnails(page)]
    page.splice([(thumbnail.start, thumbnail.start_tag_end, tag) for thumbnail, tag in tags if tag is not None])
