"""CITATION.cff, what GitHub offers as "Cite this repository": valid by `cffconvert --validate`, naming the site's own
title, addresses and authors, and refused by make publish's guard (scripts/guards/require_publishable.py) while it
still names a placeholder, as the posts' author is, wherever origin is on GitHub, the one host that reads the file."""

import subprocess
import sys
from pathlib import Path

import yaml

from scripts.notebooks import post_notebook
from scripts.checks import rendered_site
from scripts.guards.require_publishable import (AUTHOR_PLACEHOLDER, CITATION, REPO_URL_PLACEHOLDER, author_names,
                                                citation_author_names)

ROOT = post_notebook.ROOT
# Installed beside this interpreter by make setup, from requirements-no-deps.txt.
CFFCONVERT = Path(sys.executable).parent / "cffconvert"
GUARD = ROOT / "scripts" / "guards" / "require_publishable.py"
OWN = {AUTHOR_PLACEHOLDER: "Someone Else", REPO_URL_PLACEHOLDER: "https://github.com/someone/blog",
       rendered_site.site_url_setting(): "https://someone.github.io/blog/"}


def validate(path):
    return subprocess.run([str(CFFCONVERT), "--validate", "-i", str(path)], capture_output=True, text=True)


def citation(path=ROOT / CITATION):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_citation_cff_is_valid_by_cffconvert():
    result = validate(ROOT / CITATION)
    # On a miss cffconvert prints the whole schema after the reason: its first lines name the field.
    assert result.returncode == 0, "cffconvert --validate refuses CITATION.cff:\n" + "\n".join(
        (result.stdout + result.stderr).splitlines()[:5])
    assert "valid according to schema version 1.2.0" in result.stdout


def test_cffconvert_refuses_a_citation_without_a_title_or_with_an_unknown_field(tmp_path):
    for change in ({"title": None}, {"cite-me": "please"}):
        broken = {key: value for key, value in {**citation(), **change}.items() if value is not None}
        path = tmp_path / "CITATION.cff"
        path.write_text(yaml.safe_dump(broken, sort_keys=False), encoding="utf-8")
        assert validate(path).returncode != 0, change


def test_citation_names_the_sites_title_addresses_and_authors():
    """So that setting them for publishing (README, "Publishing", step 1) sets the same things here."""
    cited, website = citation(), rendered_site.website_settings()
    assert cited["title"] == website["title"]
    assert cited["repository-code"] == website["repo-url"]
    assert cited["url"] == website["site-url"]
    assert citation_author_names(cited) == author_names(ROOT)


def git(project, *args):
    return subprocess.run(["git", "-c", "user.name=Author", "-c", "user.email=author@example.invalid", *args],
                          cwd=project, check=True, capture_output=True, text=True)


def own(text):
    for placeholder, value in OWN.items():
        text = text.replace(placeholder, value)
    return text


def project_with(tmp_path, citation_text, origin):
    """A committed project with its own addresses and author, this CITATION.cff and this origin."""
    for name in ("_quarto.yml", "posts/_metadata.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(own((ROOT / name).read_text(encoding="utf-8")), encoding="utf-8")
    (tmp_path / CITATION).write_text(citation_text, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "A blog")
    git(tmp_path, "remote", "add", "origin", origin)
    return subprocess.run([sys.executable, str(GUARD), str(tmp_path)], capture_output=True, text=True)


def test_publishing_refuses_each_placeholder_left_in_citation_cff_when_origin_is_on_github(tmp_path):
    result = project_with(tmp_path, (ROOT / CITATION).read_text(encoding="utf-8"), "git@github.com:someone/blog.git")
    assert result.returncode == 1
    for field in ("authors", "repository-code", "url"):
        assert f"`{field}` in CITATION.cff is still the placeholder" in result.stderr
    assert 'README, "Publishing"' in result.stderr
    assert "in _quarto.yml is still" not in result.stderr and "_metadata.yml is still" not in result.stderr


def test_publishing_accepts_citation_cff_with_the_sites_own_names(tmp_path):
    own_citation = own((ROOT / CITATION).read_text(encoding="utf-8"))
    result = project_with(tmp_path, own_citation, "https://github.com/someone/blog.git")
    assert result.returncode == 0, result.stderr
    assert validate(tmp_path / CITATION).returncode == 0


def test_citation_cff_is_not_checked_where_origin_is_not_on_github(tmp_path):
    """A remote elsewhere, as the site's publish test uses, offers no "Cite this repository"."""
    result = project_with(tmp_path, (ROOT / CITATION).read_text(encoding="utf-8"), str(tmp_path / "remote.git"))
    assert result.returncode == 0, result.stderr
