"""Quarto post-render step: each post's "Open in Colab" link opens the notebook the site serves.

posts/_metadata.yml gives every post the link, pointing at its own notebook (index.ipynb) and marked
data-colab. Quarto has no option for Colab, and a post's options cannot name its own folder, so this step
points each marked link at
https://colab.research.google.com/github/<owner>/<repo>/blob/gh-pages/posts/<slug>/index.ipynb, made from
`website: repo-url` in _quarto.yml: the very file `make publish` pushes to the gh-pages branch.

It rewrites the posts this render wrote (pages_written.py), each read with an HTML parser (lighten/markup.py). A link
pointed already is left as it is, so a page run through twice is the page run through once. A post with no marked
link, or one pointing anywhere but its notebook or its Colab address, stops the render, naming the page: its readers
would otherwise have no way to open its notebook in Colab.
"""

import os
import sys
import urllib.parse
from pathlib import Path

import yaml

from scripts.postrender.lighten.markup import located, splice, start_tag
from scripts.postrender.pages_written import pages_written
from scripts.postrender.step_pages import is_post, stop

COLAB = "https://colab.research.google.com/github"
BRANCH = "gh-pages"
NOTEBOOK = "index.ipynb"
# The mark posts/_metadata.yml gives the link, an attribute of its <a>.
MARK = "data-colab"


def colab_url(repo_url, page):
    """The Colab address of the notebook beside page (a path from the site's root) on repo_url's gh-pages branch."""
    owner_and_repository = urllib.parse.urlparse(repo_url).path.strip("/").removesuffix(".git")
    notebook = Path(page).with_name(NOTEBOOK).as_posix()
    return f"{COLAB}/{owner_and_repository}/blob/{BRANCH}/{notebook}"


def pointed(page, text, address):
    """text, page's HTML, with each marked link pointed at address; stops the render if the page has none, or one
    pointing anywhere but the notebook or address."""
    links = [element for element in located(text) if element.tag == "a" and MARK in element.attrs]
    if not links:
        stop(__file__, page, f"the post has no <a {MARK}> link to open its notebook in Colab")
    replacements = []
    for link in links:
        href = link.attrs.get("href")
        if href == NOTEBOOK:
            replacements.append((link.start, link.start_tag_end, start_tag("a", link.attrs | {"href": address})))
        elif href != address:
            stop(__file__, page,
                 f"the post's {MARK} link points at neither {NOTEBOOK} nor {address}: {link.start_tag!r}")
    return splice(text, replacements)


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    repo_url = yaml.safe_load(Path("_quarto.yml").read_text(encoding="utf-8"))["website"].get("repo-url")
    if not repo_url:
        sys.exit("error: `website: repo-url` is not set in _quarto.yml; the posts' Colab links are made from it.")
    for page in pages_written(site):
        if not is_post(site, page):
            continue
        html = page.read_text(encoding="utf-8")
        rewritten = pointed(page, html, colab_url(repo_url, page.relative_to(site).as_posix()))
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")


if __name__ == "__main__":
    main()
