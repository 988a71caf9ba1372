"""A page's first image loads at once, first among its images, and every later one when the reader scrolls near it.

Quarto loads every figure of a post up front, where they compete with the page's first screen, and makes the home
page's first thumbnail, which that screen shows (Lighthouse's largest contentful paint), wait for layout. The
listing writes a card's thumbnail, where Quarto takes it from a figure of the post, lazy already.
"""

import re

from lighten.markup import MarkupChanged, elements

STEP = "lazy_images"
IMAGE = re.compile(r'<img (?:loading=(["\'])lazy\1 )?')


def rewrite(page):
    body = page.body
    images = iter(range(len(IMAGE.findall(body))))
    body = IMAGE.sub(lambda _: '<img fetchpriority="high" ' if next(images) == 0 else '<img loading="lazy" ', body)
    images = elements(body, "img")
    if images and images[0].get("loading") == "lazy":
        raise MarkupChanged(STEP, page.path, f"the first image, {images[0].get('src')}, still waits for layout")
    for image in images[1:]:
        if image.get("loading") != "lazy":
            raise MarkupChanged(STEP, page.path, f"the image {image.get('src')} still loads with the page")
    page.body = body
