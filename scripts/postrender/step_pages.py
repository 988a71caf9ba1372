"""What the post-render steps outside lighten/ share about the pages they rewrite: which are posts, and how a step
stops the render when a page lacks what it rewrites, or holds it in a form the step does not know.

A step never passes such a page over: it stops the render, naming itself and the page, and leaves the page as it
was, so that a change in Quarto's markup (or in a post's source) cannot slip through to the published site.
"""

import sys
from pathlib import Path


def is_post(site, page):
    """Whether page is a post's page, posts/<slug>/index.html under site."""
    parts = page.relative_to(site).parts
    return len(parts) == 3 and parts[0] == "posts" and parts[2] == "index.html"


def stop(step_file, page, what):
    """Ends the render: page holds `what` (a description) where the step of step_file expects its anchor."""
    sys.exit(f"error: {page}: {what}, so scripts/postrender/{Path(step_file).name} stopped the render. Update that "
             f"step for the markup the page now holds, and its test in tests/test_postrender_steps.py.")
