"""The files that feed readers, search and crawlers use: index.xml, search.json, sitemap.xml."""

import json
import xml.etree.ElementTree as ElementTree

import pytest

from scripts.notebooks import post_notebook
from conftest import site_posts, site_url_setting

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def post_url(project, slug):
    """Where the post is published: under the site-url the site was rendered with."""
    return f"{site_url_setting(project)}posts/{slug}/"


@pytest.fixture(scope="module")
def feed(site):
    return ElementTree.parse(site / "index.xml").getroot()


def test_feed_is_rss_2(feed):
    assert (feed.tag, feed.get("version"), feed[0].tag) == ("rss", "2.0", "channel")


@pytest.mark.parametrize("slug", site_posts())
def test_feed_has_the_post_linked_under_site_url(feed, project_copy, slug):
    links = [item.findtext("link") for item in feed.iter("item")]
    assert [link for link in links if link.startswith(post_url(project_copy, slug))], links


@pytest.mark.parametrize("slug", site_posts())
def test_sitemap_lists_the_post(site, project_copy, slug):
    locations = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert f"{post_url(project_copy, slug)}index.html" in locations


@pytest.mark.parametrize("slug", site_posts())
def test_search_index_finds_the_post_by_its_title(site, source, slug):
    title = post_notebook.front_matter(source(slug))["title"]
    entries = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert f"posts/{slug}/index.html" in {entry["href"].split("#")[0] for entry in entries if entry["title"] == title}
