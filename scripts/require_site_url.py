"""Refuse to publish while site-url in _quarto.yml is still the placeholder.

The posts' notebooks download their data from site-url, and the feed links to it, so a site
published under the placeholder would send readers nowhere.

Usage: python scripts/require_site_url.py [PROJECT_DIR]
"""

import sys
import urllib.parse
from pathlib import Path

import yaml

PLACEHOLDER_HOST = "example.invalid"


def main(project):
    site_url = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))["website"]["site-url"]
    if urllib.parse.urlparse(site_url).hostname == PLACEHOLDER_HOST:
        sys.exit(
            f"error: `website: site-url` in _quarto.yml is still the placeholder {site_url}. Set it to the "
            "address the site will be published at (README, \"Publishing\", step 1): the posts' notebooks "
            "download their data from there."
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
