"""A page's first image loads at once, first among its images, and every later one when the reader scrolls near it.

Quarto loads every figure of a post up front, where they compete with the page's first screen, and makes the home
page's first thumbnail, which that screen shows (Lighthouse's largest contentful paint), wait for layout. The
listing writes a card's thumbnail, where Quarto takes it from a figure of the post, lazy already.
"""

from scripts.postrender.lighten.markup import start_tag

STEP = "lazy_images"


def first(image):
    """image's start tag, fetched first: fetchpriority="high" leads its attributes, and it does not wait for layout."""
    return start_tag("img", {"fetchpriority": "high", **{name: value for name, value in image.attrs.items()
                                                          if name not in ("fetchpriority", "loading")}})


def later(image):
    """image's start tag, loaded as the reader nears it: loading="lazy" leads its attributes."""
    return start_tag("img", {"loading": "lazy", **{name: value for name, value in image.attrs.items()
                                                    if name not in ("fetchpriority", "loading")}})


def rewrite(page):
    elements = page.elements()
    body = next((element for element in elements if element.tag == "body"), None)
    images = [element for element in elements if element.tag == "img" and body and element.start > body.start]
    page.splice([(image.start, image.start_tag_end, (later if index else first)(image))
                 for index, image in enumerate(images)])
