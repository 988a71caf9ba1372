"""Refuse to publish what readers should not get, before anything is rendered or pushed: a site-url, repo-url or
posts' author that is still the placeholder, a repository with no `origin` to push to, or a work tree with changes
not committed.

The posts' notebooks download their data from site-url, the feed links to it, and the pages' source, issue and
Colab links are made from repo-url, so a site published under a placeholder sends readers nowhere; each post's
citation names its author. `quarto publish
gh-pages` stops without an origin too, but names no fix; it publishes uncommitted changes, which no test has checked.

Usage: python scripts/guards/require_publishable.py [PROJECT_DIR]
"""

import subprocess
import sys
import urllib.parse
from pathlib import Path

import yaml

SITE_URL_PLACEHOLDER_HOST = "example.invalid"
REPO_URL_PLACEHOLDER = "https://github.com/your-name/your-blog"
AUTHOR_PLACEHOLDER = "Your Name"
POSTS_METADATA = Path("posts") / "_metadata.yml"
SHOWN_CHANGES = 5


def _git(project, *args):
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)


def author_names(project):
    """The names posts/_metadata.yml gives the posts' authors; none where it names none."""
    shared = project / POSTS_METADATA
    authors = (yaml.safe_load(shared.read_text(encoding="utf-8")) or {}).get("author", []) if shared.is_file() else []
    return [author.get("name") for author in authors if isinstance(author, dict)]


def placeholder_problems(project):
    website = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))["website"]
    problems = []
    if urllib.parse.urlparse(website["site-url"]).hostname == SITE_URL_PLACEHOLDER_HOST:
        problems.append(
            f"`website: site-url` in _quarto.yml is still the placeholder {website['site-url']}. Set it to the address "
            "the site will be published at (README, \"Publishing\", step 1): the posts' notebooks download their "
            "data from there.")
    if website.get("repo-url", REPO_URL_PLACEHOLDER).rstrip("/") == REPO_URL_PLACEHOLDER:
        problems.append(
            f"`website: repo-url` in _quarto.yml is still the placeholder {REPO_URL_PLACEHOLDER}. Set it to the "
            "site's GitHub repository (README, \"Publishing\", step 1): each post's source, issue and Colab links "
            "are made from it.")
    if AUTHOR_PLACEHOLDER in author_names(project):
        problems.append(
            f"`author: name` in {POSTS_METADATA.as_posix()} is still the placeholder \"{AUTHOR_PLACEHOLDER}\". Set it "
            "to your name (README, \"Publishing\", step 1): each post's citation and its Google Scholar tags name "
            "the author from there.")
    return problems


def git_problems(project):
    if _git(project, "remote", "get-url", "origin").returncode != 0:
        return ["this repository has no remote `origin`, which `quarto publish gh-pages` pushes the site to. Add "
                "it: git remote add origin https://github.com/<user>/<repository>.git (README, \"Publishing\")."]
    changes = _git(project, "status", "--porcelain").stdout.splitlines()
    if changes:
        shown = "\n".join(f"  {line}" for line in changes[:SHOWN_CHANGES])
        more = f"\n  … and {len(changes) - SHOWN_CHANGES} more" if len(changes) > SHOWN_CHANGES else ""
        return [f"the work tree has changes that are not committed, and a publish renders the work tree as it is, "
                f"which no test has checked:\n{shown}{more}\nCommit them (and run `make test`), or stash them with "
                "`git stash --include-untracked`, then publish again."]
    return []


def main(project):
    problems = placeholder_problems(project) + git_problems(project)
    if problems:
        sys.exit("\n".join(f"error: {problem}" for problem in problems) + "\nNothing was published.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
