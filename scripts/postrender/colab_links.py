"""Quarto post-render step: each post's "Open in Colab" link opens the notebook the site serves.

posts/_metadata.yml gives every post the link, pointing at its own notebook (index.ipynb) and marked
data-colab. Quarto has no option for Colab, and a post's options cannot name its own folder, so this step
points each marked link at
https://colab.research.google.com/github/<owner>/<repo>/blob/gh-pages/posts/<slug>/index.ipynb, made from
`website: repo-url` in _quarto.yml: the very file `make publish` pushes to the gh-pages branch.
"""

import os
import re
import sys
import urllib.parse
from pathlib import Path

import yaml

COLAB = "https://colab.research.google.com/github"
BRANCH = "gh-pages"
NOTEBOOK = "index.ipynb"
# The marked link as Quarto writes it: its href, then its attributes, data-colab among them.
MARKED_LINK = re.compile(r'<a href="' + re.escape(NOTEBOOK) + r'"(?=[^>]*\sdata-colab=)')


def colab_url(repo_url, page):
    """The Colab address of the notebook beside page (a path from the site's root) on repo_url's gh-pages branch."""
    owner_and_repository = urllib.parse.urlparse(repo_url).path.strip("/").removesuffix(".git")
    notebook = Path(page).with_name(NOTEBOOK).as_posix()
    return f"{COLAB}/{owner_and_repository}/blob/{BRANCH}/{notebook}"


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    repo_url = yaml.safe_load(Path("_quarto.yml").read_text(encoding="utf-8"))["website"].get("repo-url")
    if not repo_url:
        sys.exit("error: `website: repo-url` is not set in _quarto.yml; the posts' Colab links are made from it.")
    for page in sorted(site.glob("posts/*/index.html")):
        html = page.read_text(encoding="utf-8")
        address = colab_url(repo_url, page.relative_to(site).as_posix())
        pointed = MARKED_LINK.sub(f'<a href="{address}"', html)
        if pointed != html:
            page.write_text(pointed, encoding="utf-8")


if __name__ == "__main__":
    main()
