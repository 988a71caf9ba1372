"""A listing's thumbnails are copies of the posts' figures scaled down to the width a phone shows them at.

Quarto's card shows a post's first figure, at most a phone's width (412 px in Lighthouse's phone, at 1.75 device
pixels a pixel), from the 1,400–1,600 px PNG the post itself shows. On the home page those images share a slow
connection with its first screen: each post's card added its whole figure to the bytes the largest contentful paint
waits for. The post pages and the social cards keep the full figures.
"""

import re

from lighten.markup import MarkupChanged, elements
from lighten.palette_pngs import image_library

STEP = "listing_thumbnails"
# 412 css px at 1.75 device pixels to the css pixel, rounded up.
THUMBNAIL_WIDTH = 720
SUFFIX = "-thumbnail"
THUMBNAIL_TAG = re.compile(r'<img (?=[^>]*class="thumbnail-image)[^>]*>')
SOURCE = re.compile(r'(?<= )src="([^"]+)"')


def thumbnail_path(figure):
    return figure.with_name(figure.stem + SUFFIX + figure.suffix)


def write_thumbnail(figure):
    """Write figure scaled to THUMBNAIL_WIDTH beside it and return where; None where it is no wider."""
    Image = image_library()
    with Image.open(figure) as image:
        width, height = image.size
        if width <= THUMBNAIL_WIDTH:
            return None
        smaller = image.convert("RGB").resize((THUMBNAIL_WIDTH, round(height * THUMBNAIL_WIDTH / width)),
                                              Image.Resampling.LANCZOS)
    thumbnail = thumbnail_path(figure)
    smaller.save(thumbnail, "PNG")
    return thumbnail


def rewrite(page):
    body = page.body
    tags = THUMBNAIL_TAG.findall(body)
    if len(tags) != len([image for image in elements(body, "img") if "thumbnail-image" in image.get("class", "")]):
        raise MarkupChanged(STEP, page.path, "a card thumbnail's <img> is not written as this module reads it")

    def smaller(tag):
        sources = SOURCE.findall(tag)
        if len(sources) != 1 or "://" in sources[0] or sources[0].startswith("/"):
            raise MarkupChanged(STEP, page.path, f"the thumbnail {tag[:120]} has no src relative to the page")
        figure = page.path.parent / sources[0]
        thumbnail = write_thumbnail(figure) if figure.suffix == ".png" and figure.is_file() else None
        if thumbnail is None:
            return tag
        return SOURCE.sub(f'src="{thumbnail.relative_to(page.path.parent).as_posix()}"', tag)

    page.body = THUMBNAIL_TAG.sub(lambda match: smaller(match.group(0)), body)
