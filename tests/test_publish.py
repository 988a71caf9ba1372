"""`make publish`'s guard (scripts/guards/require_publishable.py) refuses, naming the cause and the fix, what it must not
publish: a placeholder site-url, repo-url or author, a repository with no origin, a work tree with uncommitted changes.
The publish itself, against a real git remote, is tests/site/test_site_publish.py's."""

import subprocess
import sys

import pytest
import yaml

from scripts.notebooks import post_notebook
from scripts.checks import rendered_site
from scripts.guards.require_publishable import AUTHOR_PLACEHOLDER, POSTS_METADATA

ROOT = post_notebook.ROOT
REQUIRE_PUBLISHABLE = ROOT / "scripts" / "guards" / "require_publishable.py"
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
OWN_SITE_URL = "https://someone.github.io/blog/"
OWN_REPO_URL = "https://github.com/someone/blog"
OWN_AUTHOR = "Someone Else"


def git(project, *args):
    subprocess.run(["git", "-c", "user.name=Author", "-c", "user.email=author@example.invalid", *args], cwd=project,
                   check=True, capture_output=True)


def check(project):
    return subprocess.run([sys.executable, str(REQUIRE_PUBLISHABLE), str(project)], capture_output=True, text=True)


def configured(project, site_url=OWN_SITE_URL, repo_url=OWN_REPO_URL):
    """project's _quarto.yml: the project's own, with these addresses."""
    config = (ROOT / "_quarto.yml").read_text(encoding="utf-8")
    website = rendered_site.website_settings()
    config = config.replace(website["site-url"], site_url).replace(website["repo-url"], repo_url)
    (project / "_quarto.yml").write_text(config, encoding="utf-8")


def authored(project, author=OWN_AUTHOR):
    """project's posts/_metadata.yml: the project's own, with this author's name."""
    shared = (ROOT / POSTS_METADATA).read_text(encoding="utf-8").replace(AUTHOR_PLACEHOLDER, author)
    (project / POSTS_METADATA).parent.mkdir(exist_ok=True)
    (project / POSTS_METADATA).write_text(shared, encoding="utf-8")


@pytest.fixture
def publishable(tmp_path):
    """A committed project with its own addresses and an origin: what the guard lets through."""
    git(tmp_path, "init", "-q")
    configured(tmp_path)
    authored(tmp_path)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "A blog")
    git(tmp_path, "remote", "add", "origin", str(tmp_path / "remote.git"))
    return tmp_path


def commit(project):
    git(project, "commit", "-q", "-am", "Edited")


def test_publishing_accepts_a_committed_project_with_its_own_addresses_and_an_origin(publishable):
    assert check(publishable).returncode == 0


@pytest.mark.parametrize("setting", ["site-url", "repo-url"])
def test_publishing_refuses_a_placeholder_address(publishable, setting):
    placeholder = rendered_site.website_settings()[setting]
    configured(publishable, **{setting.replace("-", "_"): placeholder})
    commit(publishable)
    result = check(publishable)
    assert result.returncode == 1
    assert f"`website: {setting}` in _quarto.yml is still the placeholder" in result.stderr
    assert 'README, "Publishing"' in result.stderr


def test_publishing_refuses_the_placeholder_author_and_names_the_setting(publishable):
    authored(publishable, AUTHOR_PLACEHOLDER)
    commit(publishable)
    result = check(publishable)
    assert result.returncode == 1
    assert f"`author: name` in {POSTS_METADATA.as_posix()} is still the placeholder" in result.stderr


def test_publishing_refuses_a_repository_without_origin_and_says_how_to_add_it(publishable):
    git(publishable, "remote", "remove", "origin")
    result = check(publishable)
    assert result.returncode == 1
    assert "no remote `origin`" in result.stderr and "git remote add origin" in result.stderr


def test_publishing_refuses_uncommitted_changes_and_names_them(publishable):
    (publishable / "draft.qmd").write_text("not yet committed", encoding="utf-8")
    result = check(publishable)
    assert result.returncode == 1
    assert "not committed" in result.stderr and "draft.qmd" in result.stderr and "git stash" in result.stderr


def test_make_publish_runs_the_guard_before_quarto():
    recipe = subprocess.run(["make", "-n", "publish"], cwd=ROOT, capture_output=True, text=True).stdout
    assert recipe.index("require_publishable.py") < recipe.index("quarto publish gh-pages")


def test_workflow_runs_the_guard_before_it_publishes():
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build-deploy"]["steps"]
    runs = [step.get("run", "") + step.get("uses", "") for step in steps]
    checked = [number for number, run in enumerate(runs) if "scripts/guards/require_publishable.py" in run]
    published = [number for number, run in enumerate(runs) if "quarto-actions/publish" in run]
    assert checked and published and checked[0] < published[0]
