"""`make publish`, end to end, against a real git remote on this machine: what lands on the gh-pages branch is the
site the other site tests checked, and a reader's notebook runs from it.

A copy of the project, committed as it is, with its own site-url (a local server's address) and repo-url, gets a
bare repository as its origin, set up as the README's one-time step says; `make publish` then runs the same
`quarto publish gh-pages` a user runs, without its questions (--no-prompt) and without waiting for GitHub to
serve the site (--no-browser). The gh-pages branch is cloned from the remote after it, and again after a second
publish that follows a change to a post.
"""

import hashlib
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

import nbformat
import pytest

from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook
from conftest import NEW_POST, ROOT
from scripts.notebooks.execute_post import execute
from scripts.checks.rendered_site import publish_at, site_url_setting
from scripts.guards.require_publishable import AUTHOR_PLACEHOLDER, POSTS_METADATA, REPO_URL_PLACEHOLDER
from scripts.checks.site_server import SiteServer

PUBLISH_OPTIONS = "PUBLISH_OPTIONS=--no-prompt --no-browser"
OWN_REPO_URL = "https://github.com/someone/blog"
OWN_AUTHOR = "Someone Else"
# The README's one-time step that gives a new remote its gh-pages branch: the line of its shell block that names it.
BRANCH_STEP = re.compile(r"^\s*(git push origin .*refs/heads/gh-pages)$", re.MULTILINE)
# The second publish follows a change to a post that renames one of its figures: the old figure's file must go.
CHANGED_POST = "gmm-first-look"
RENAMED_FIGURE = ("fig-data", "fig-sample")
READERS_FILES = ("data/gmm-data.npy", "data/faithful.csv", "requirements-notebook.txt")
NOT_OF_THE_SITE = ("build/", "tests/", ".venv/", "node_modules/", "_freeze/", "scripts/")
COLAB_LINK = re.compile(r'<a href="https://colab\.research\.google\.com/github/someone/blog/blob/gh-pages/([^"]+)"')
JUPYTER_LINK = re.compile(r'<a href="([^"]+\.ipynb)"[^>]*download=')


def git(folder, *args):
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout


def branch_step():
    """The README's one-time command that gives the remote its gh-pages branch."""
    found = BRANCH_STEP.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(found) == 1, "README, \"Publishing\": one line `git push origin … refs/heads/gh-pages` gives the remote its branch"
    return found[0]


def make_publish(project):
    result = subprocess.run(["make", "--no-print-directory", "publish", PUBLISH_OPTIONS], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"make publish failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def commit_everything(project, message):
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def files(folder):
    """Every file under folder, as a path from it, git's own files left out."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if path.is_file() and ".git" not in path.relative_to(folder).parts)


def cloned_branch(remote, destination):
    git(remote.parent, "clone", "-q", "--branch", "gh-pages", str(remote), str(destination))
    return destination


@pytest.fixture(scope="module")
def published(quarto, node_mathjax, tmp_path_factory):
    """The project published twice to a bare remote: {"first", "second"}, each a clone of gh-pages after that
    publish; "project", the published copy; "server", serving nothing until a test publishes a checkout."""
    scratch = tmp_path_factory.mktemp("publish")
    server = SiteServer(scratch / "www", urllib.parse.urlparse(site_url_setting()).path)
    server.start()
    project = post_notebook.copy_project(scratch / "project")
    # Set up as `make setup` leaves a clone: this machine's .venv and node_modules, which git does not list.
    (project / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    (project / ".git" / "info").mkdir(exist_ok=True)
    (project / ".git" / "info" / "exclude").write_text("/.venv\n/node_modules\n", encoding="utf-8")
    for key, value in (("user.name", "Author"), ("user.email", "author@example.invalid")):
        git(project, "config", key, value)
    publish_at(project, server.url)
    config = project / "_quarto.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(REPO_URL_PLACEHOLDER, OWN_REPO_URL), encoding="utf-8")
    shared = project / POSTS_METADATA
    shared.write_text(shared.read_text(encoding="utf-8").replace(AUTHOR_PLACEHOLDER, OWN_AUTHOR), encoding="utf-8")
    commit_everything(project, "The blog, with its own addresses")
    remote = scratch / "remote.git"
    git(scratch, "init", "-q", "--bare", str(remote))
    # A clone's origin is the repository it was cloned from: the copy publishes to the bare remote instead.
    if "origin" in git(project, "remote").split():
        git(project, "remote", "remove", "origin")
    git(project, "remote", "add", "origin", str(remote))
    subprocess.run(["bash", "-c", branch_step()], cwd=project, check=True, capture_output=True)

    make_publish(project)
    first = cloned_branch(remote, scratch / "first")

    # As CONTRIBUTING.md, "Freeze", says for a renamed figure: the post's freeze goes, and the publish runs the post again.
    qmd = post_notebook.post(CHANGED_POST, project)
    qmd.write_text(qmd.read_text(encoding="utf-8").replace(*RENAMED_FIGURE), encoding="utf-8")
    shutil.rmtree(project / "_freeze" / "posts" / CHANGED_POST)
    commit_everything(project, f"Rename {RENAMED_FIGURE[0]}")
    make_publish(project)
    second = cloned_branch(remote, scratch / "second")
    yield {"first": first, "second": second, "project": project, "server": server}
    server.stop()


def test_published_branch_holds_the_tested_site_less_the_tests_post_plus_nojekyll(published, site):
    tested = [path for path in files(site) if not path.startswith(f"posts/{NEW_POST}/")]
    assert files(published["first"]) == sorted(tested + [".nojekyll"])


def test_published_branch_holds_nothing_of_the_project_but_the_site(published):
    assert [path for path in files(published["first"]) if path.startswith(NOT_OF_THE_SITE)] == []


def test_no_published_file_holds_a_path_of_the_machine_that_built_it(published):
    folders = [str(published["project"]).encode(), str(ROOT).encode()]
    branch = published["first"]
    holding = [path for path in files(branch) if any(folder in (branch / path).read_bytes() for folder in folders)]
    assert holding == []


@pytest.mark.parametrize("name", READERS_FILES)
def test_published_readers_file_is_the_projects(published, name):
    published_bytes = (published["first"] / name).read_bytes()
    assert hashlib.sha256(published_bytes).hexdigest() == hashlib.sha256((ROOT / name).read_bytes()).hexdigest()


def test_second_publish_holds_the_renamed_figure_and_not_the_old_one(published):
    before, after = (f"posts/{CHANGED_POST}/index_files/figure-html/{label}-output-1.png" for label in RENAMED_FIGURE)
    assert (before in files(published["first"]), before in files(published["second"])) == (True, False)
    assert after in files(published["second"])


def test_second_publish_leaves_no_file_the_second_render_did_not_write(published):
    second = published["second"]
    rendered = files(published["project"] / "_site")
    assert sorted(set(files(second)) - set(rendered)) == [".nojekyll"]


@pytest.mark.parametrize("slug", [post_notebook.slug(qmd) for qmd in post_notebook.posts()])
def test_colab_link_names_the_notebook_the_page_offers_on_the_branch(published, slug):
    branch = published["second"]
    page = (branch / "posts" / slug / "index.html").read_text(encoding="utf-8")
    colab, offered = COLAB_LINK.findall(page), JUPYTER_LINK.findall(page)
    assert len(colab) == 1 and len(offered) == 1, f"one Colab link and one notebook download: {colab}, {offered}"
    assert (branch / colab[0]).is_file(), f"the Colab link names {colab[0]}, which the gh-pages branch lacks"
    assert (branch / colab[0]).read_bytes() == (branch / "posts" / slug / offered[0]).read_bytes()


@pytest.fixture(scope="module")
def reader_run(published, tmp_path_factory):
    """The EM post's notebook downloaded from the published branch, served under site-url's sub-path, and run
    alone in an empty folder, as a reader runs it: the executed notebook."""
    server = published["server"]
    server.publish(published["second"])
    with urllib.request.urlopen(server.url + "posts/gmm-em/index.ipynb", timeout=30) as response:
        downloaded = nbformat.reads(response.read().decode("utf-8"), as_version=4)
    return execute(downloaded, tmp_path_factory.mktemp("reader"), name="the published gmm-em")


def test_notebook_from_the_published_branch_runs_alone_and_prints_the_expected_checks(reader_run):
    printed = "".join(output.get("text", "") for cell in post_notebook.code_cells(reader_run) for output in cell.outputs)
    expected = expected_outputs.printed_checks(expected_outputs.load(post_notebook.post("gmm-em")))
    assert expected_outputs.CHECK.findall(printed) == expected
