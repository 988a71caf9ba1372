"""A page's first image loads at once, first among its images, and every later one when the reader scrolls near it.

Quarto loads every figure of a post up front, where they compete with the page's first screen, and makes the home
page's first thumbnail, which that screen shows (Lighthouse's largest contentful paint), wait for layout.
"""

import re

from lighten.markup import MarkupChanged, elements

STEP = "lazy_images"
IMAGE = re.compile(r'<img (?:loading="lazy" )?')


def rewrite(page):
    head, end_of_head, body = page.html.partition("</head>")
    images = iter(range(len(IMAGE.findall(body))))
    body = IMAGE.sub(lambda _: '<img fetchpriority="high" ' if next(images) == 0 else '<img loading="lazy" ', body)
    for image in elements(body, "img")[1:]:
        if image.get("loading") != "lazy":
            raise MarkupChanged(STEP, page.path, f"the image {image.get('src')} still loads with the page")
    page.html = head + end_of_head + body
