"""Refuse to publish what readers should not get, before anything is rendered or pushed: a site-url, repo-url or
posts' author that is still the placeholder, a CITATION.cff that still names a placeholder author, repository or
site (in a repository whose `origin` is on GitHub, which is what reads the file), a repository with no `origin` to
push to, or a work tree with changes not committed.

The posts' notebooks download their data from site-url, the feed links to it, and the pages' source, issue and
Colab links are made from repo-url, so a site published under a placeholder sends readers nowhere; each post's
citation names its author, and GitHub's "Cite this repository" cites what CITATION.cff says. `quarto publish
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
CITATION = Path("CITATION.cff")
SHOWN_CHANGES = 5


def _git(project, *args):
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)


def author_names(project):
    """The names posts/_metadata.yml gives the posts' authors; none where it names none."""
    shared = project / POSTS_METADATA
    authors = (yaml.safe_load(shared.read_text(encoding="utf-8")) or {}).get("author", []) if shared.is_file() else []
    return [author.get("name") for author in authors if isinstance(author, dict)]


def citation_author_names(citation):
    """The names CITATION.cff's authors have: an entity's name, or a person's given and family names."""
    return [author.get("name") or " ".join(filter(None, (author.get("given-names"), author.get("family-names"))))
            for author in citation.get("authors") or [] if isinstance(author, dict)]


def origin_on_github(project):
    """Whether `origin` is a GitHub repository (https, ssh or scp-like address)."""
    url = _git(project, "remote", "get-url", "origin").stdout.strip()
    host = urllib.parse.urlparse(url).hostname if "://" in url else url.partition("@")[2].partition(":")[0]
    return host in ("github.com", "www.github.com")


def citation_placeholders(project):
    """What CITATION.cff still says of the placeholders: (field, placeholder) for each. None without the file, or
    where origin is not on GitHub: only GitHub offers the file's citation ("Cite this repository")."""
    path = project / CITATION
    if not path.is_file() or not origin_on_github(project):
        return []
    citation = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = [("authors", AUTHOR_PLACEHOLDER)] if AUTHOR_PLACEHOLDER in citation_author_names(citation) else []
    if str(citation.get("repository-code", "")).rstrip("/") == REPO_URL_PLACEHOLDER:
        found.append(("repository-code", REPO_URL_PLACEHOLDER))
    url = str(citation.get("url", ""))
    if url and urllib.parse.urlparse(url).hostname == SITE_URL_PLACEHOLDER_HOST:
        found.append(("url", url))
    return found


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
    for field, placeholder in citation_placeholders(project):
        problems.append(
            f"`{field}` in {CITATION.as_posix()} is still the placeholder \"{placeholder}\". Set it to yours, as in "
            f"_quarto.yml and {POSTS_METADATA.as_posix()} (README, \"Publishing\", step 1): GitHub's \"Cite this "
            "repository\" cites what the file says.")
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
