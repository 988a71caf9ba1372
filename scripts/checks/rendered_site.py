"""The site rendered from a scratch copy of the project for a given address, as the site tests and
`make lighthouse` render it: the copy's site-url set to the address a local server gives it."""

import re

import yaml

from scripts.notebooks import post_notebook

SITE_URL_LINE = re.compile(r"^(\s*site-url:\s*&site-url\s+)\S+$", re.MULTILINE)


def website_settings(project=post_notebook.ROOT):
    """The `website:` settings of project's _quarto.yml."""
    return yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))["website"]


def site_url_setting(project=post_notebook.ROOT):
    return website_settings(project)["site-url"]


def publish_at(project, address):
    """Set project's site-url to address, as a site's owner does before publishing."""
    config = project / "_quarto.yml"
    text, count = SITE_URL_LINE.subn(lambda match: match.group(1) + address, config.read_text(encoding="utf-8"))
    assert count == 1, f"{config} has no `site-url: &site-url …` line to set"
    config.write_text(text, encoding="utf-8")


def pages(slugs):
    """Every page of a site with these posts, as a path from its root."""
    return ["index.html", "about.html"] + [f"posts/{slug}/index.html" for slug in slugs]
