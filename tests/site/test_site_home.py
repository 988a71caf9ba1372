"""The home page lists every post as a card, and its categories filter the listing."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from scripts.notebooks import post_notebook
from conftest import VIEWPORT, site_posts
from scripts.postrender.lighten.listing_thumbnails import THUMBNAIL_WIDTH


# Quarto's own options name the card's image and its alt text; without them it takes a figure of the post.
CARD_IMAGE_RULE = (
    "CONTRIBUTING.md, 'Writing a new post', step 3: the card shows the image the front matter names with `image:`, "
    "described by its `image-alt:`, else the figure marked `#| classes: preview-image`, or the first, with its "
    "`fig-alt`"
)


@pytest.fixture(scope="module")
def front_matter(source):
    return lambda slug: post_notebook.front_matter(source(slug))


@pytest.fixture(scope="module")
def home(open_page):
    return open_page("index.html").page


@pytest.fixture(scope="module")
def home_before_images(browser, site_url):
    """The home page as first laid out on a slow connection: its images asked for and not yet come."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route(re.compile(r"\.png$"), lambda route: None)
    page = context.new_page()
    page.goto(site_url + "index.html", wait_until="domcontentloaded")
    yield page
    context.close()


def card(home, slug):
    return home.locator(".quarto-post", has=home.locator(f'a[href*="posts/{slug}/"]'))


def test_cards_are_listed_newest_first(home, front_matter):
    listed = home.locator(".quarto-post .listing-title").all_inner_texts()
    newest_first = sorted(site_posts(), key=lambda slug: str(front_matter(slug)["date"]), reverse=True)
    assert listed == [front_matter(slug)["title"] for slug in newest_first]


@pytest.mark.parametrize("slug", site_posts())
def test_card_shows_title_date_and_description(home, front_matter, slug):
    meta = front_matter(slug)
    date = datetime.date.fromisoformat(str(meta["date"]))
    shown = card(home, slug)
    assert (
        shown.locator(".listing-title").inner_text(),
        shown.locator(".listing-date").inner_text(),
        shown.locator(".listing-description").inner_text(),
    ) == (meta["title"], f"{date:%b} {date.day}, {date.year}", meta["description"])


@pytest.mark.parametrize("slug", site_posts())
def test_card_shows_the_categories(home, front_matter, slug):
    # textContent: the theme shows categories in capitals, which inner_text would report.
    shown = card(home, slug).locator(".listing-category").evaluate_all("badges => badges.map(b => b.textContent)")
    assert shown == front_matter(slug)["categories"]


@pytest.mark.parametrize("slug", site_posts())
def test_card_thumbnail_has_loaded_with_its_alt_text(home, source, slug):
    thumbnail = card(home, slug).locator("img.thumbnail-image")
    thumbnail.scroll_into_view_if_needed()
    home.wait_for_function("image => image.complete", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("image => image.naturalWidth") > 0
    expected = post_notebook.card_image_alt(source(slug))
    assert expected is not None, f"posts/{slug}: the card's image has no alt text to give it; {CARD_IMAGE_RULE}"
    assert thumbnail.get_attribute("alt") == expected, f"posts/{slug}: {CARD_IMAGE_RULE}"


@pytest.mark.parametrize("slug", site_posts())
def test_card_thumbnail_is_no_wider_than_a_phone_shows_it(home, slug):
    thumbnail = card(home, slug).locator("img.thumbnail-image")
    thumbnail.scroll_into_view_if_needed()
    home.wait_for_function("image => image.complete", arg=thumbnail.element_handle())
    assert 0 < thumbnail.evaluate("image => image.naturalWidth") <= THUMBNAIL_WIDTH


@pytest.mark.parametrize("slug", site_posts())
def test_card_thumbnail_keeps_its_room_before_its_image_arrives(home, home_before_images, slug):
    # Without a width and height the browser gives the image no room until it arrives, then moves the cards below.
    arrived = card(home, slug).locator("img.thumbnail-image")
    arrived.scroll_into_view_if_needed()
    home.wait_for_function("image => image.complete", arg=arrived.element_handle())
    waiting = card(home_before_images, slug).locator("img.thumbnail-image")
    heights = [image.evaluate("image => image.getBoundingClientRect().height") for image in (waiting, arrived)]
    assert heights[0] == pytest.approx(heights[1], abs=0.5), (
        f"posts/{slug}: the card's image is {heights[0]:.1f} px high before it arrives and {heights[1]:.1f} px after: "
        f"scripts/postrender/lighten/listing_thumbnails.py gives it its size")


def test_clicking_a_category_shows_only_the_posts_in_it(open_page, front_matter):
    page = open_page("index.html").page
    tagged = {slug: set(front_matter(slug)["categories"]) for slug in site_posts()}
    # The rarest category tells a working filter from one that shows everything.
    category = min(set().union(*tagged.values()), key=lambda name: sum(name in tags for tags in tagged.values()))
    page.locator(".quarto-listing-category .category").filter(has_text=re.compile(rf"^{re.escape(category)} \(\d+\)$")).click()
    # The listing filters after the click: expect retries until each card shows or hides.
    for slug, tags in tagged.items():
        if category in tags:
            expect(card(page, slug)).to_be_visible()
        else:
            expect(card(page, slug)).to_be_hidden()
    expect(page.locator(".quarto-listing-category .category.active")).to_have_text(re.compile(rf"^{re.escape(category)}"))
