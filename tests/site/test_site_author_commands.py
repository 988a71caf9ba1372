"""The commands an author runs after a render, run as they run them, in a copy of the rendered project: a second
`quarto render`, `quarto render` of one post, and `quarto preview` serving an edit (CONTRIBUTING.md, "Writing a new
post", step 6). Quarto runs the post-render steps after each of them, over the pages that render wrote, with every
other page as the last render left it (scripts/postrender/pages_written.py)."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.checks.preview import free_port, served_after, tail
from scripts.postrender import dark_figures
from conftest import NEW_POST, git_status

# A post with code whose figures change, rendered on its own as an author renders the post they are writing.
ONE_POST = "gmm-em"
# How long the preview may take to start, and to serve an edit, before the test gives up: far beyond what either
# takes (make bench times them), so that only a preview that never serves fails.
PREVIEW_STARTS_WITHIN = 600
EDIT_SERVED_WITHIN = 300


def site_files(site):
    """{path under site: SHA-256} of every file of the rendered site."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def differences(before, after):
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def quarto(project, *arguments):
    """quarto with arguments in project, as `make render` runs it: this Python first on PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["quarto", *arguments], cwd=project, env=env, capture_output=True, text=True)


def after_running(project, *arguments):
    """quarto with arguments in project: what it returned, and the site's files and git status after it."""
    result = quarto(project, *arguments)
    return result, site_files(project / "_site"), git_status(project)


@pytest.fixture(scope="module")
def author_copy(project_copy, tmp_path_factory):
    """A copy of the rendered project, its site and git status as the full render left them: (project, files, status)."""
    project = tmp_path_factory.mktemp("author") / "project"
    shutil.copytree(project_copy, project, symlinks=True)
    return project, site_files(project / "_site"), git_status(project)


@pytest.fixture(scope="module")
def rendered_again(author_copy):
    return after_running(author_copy[0], "render")


def test_a_second_render_succeeds(rendered_again):
    result, _, _ = rendered_again
    assert result.returncode == 0, f"`quarto render` after a render failed:\n{result.stderr[-3000:]}"


def test_a_second_render_writes_the_same_site(author_copy, rendered_again):
    _, first, _ = author_copy
    _, second, _ = rendered_again
    assert differences(first, second) == [], "`quarto render` after a render changed these files of _site/"


@pytest.fixture(scope="module")
def one_post_rendered(author_copy, rendered_again):
    return after_running(author_copy[0], "render", f"posts/{ONE_POST}/index.qmd")


def test_rendering_one_post_after_a_render_succeeds(one_post_rendered):
    result, _, _ = one_post_rendered
    assert result.returncode == 0, f"`quarto render posts/{ONE_POST}/index.qmd` failed:\n{result.stderr[-3000:]}"


def test_rendering_one_post_writes_what_a_full_render_writes(author_copy, one_post_rendered):
    _, full, _ = author_copy
    _, one_post, _ = one_post_rendered
    assert differences(full, one_post) == [], (
        f"after `quarto render posts/{ONE_POST}/index.qmd`, these files of _site/ differ from the full render's")


def test_rendering_one_post_changes_no_committed_file(author_copy, one_post_rendered):
    _, _, before = author_copy
    _, _, after = one_post_rendered
    assert after == before, (
        f"`quarto render posts/{ONE_POST}/index.qmd` changed committed files (its _freeze/ must be what a render of "
        f"the post writes: render it and commit _freeze/)")


def fetched(url):
    """The body at url, or None while the preview does not serve it."""
    try:
        with urllib.request.urlopen(url, timeout=EDIT_SERVED_WITHIN) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


@pytest.fixture(scope="module")
def preview(author_copy, one_post_rendered, tmp_path_factory):
    """`quarto preview --no-browser` on a free port in the rendered copy, as `make preview` runs it after `make render`;
    yields (project, address, process, log) once it serves the home page, and stops it."""
    project, _, _ = author_copy
    port = free_port()
    log = tmp_path_factory.mktemp("preview") / "preview.log"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(["quarto", "preview", "--no-browser", "--port", str(port)], cwd=project, env=env,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    address = f"http://localhost:{port}/"
    deadline = time.monotonic() + PREVIEW_STARTS_WITHIN
    while fetched(address) is None:
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            pytest.fail(f"quarto preview served nothing at {address}:\n{tail(log)}")
        time.sleep(1)
    yield project, port, process, log
    stop(process)


def stop(process):
    """Stop the preview and what it started (its kernels), as Ctrl-C in its terminal would; once is enough."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def edited(qmd, old, new):
    """A function that writes qmd with old replaced by new."""
    text = qmd.read_text(encoding="utf-8")
    assert old in text, f"{qmd} no longer holds {old!r}, which this test edits"
    return lambda: qmd.write_text(text.replace(old, new, 1), encoding="utf-8")


def served_once_rendered(preview, qmd, edit, url, ready):
    """The body at url once the preview, after edit(), has rendered and says `reload` with ready(body) holding."""
    _, port, process, log = preview
    try:
        served_after(edit, port, f"/posts/{NEW_POST}/index.html", lambda: ready(fetched(url)), EDIT_SERVED_WITHIN,
                     process, log)
    except RuntimeError as error:
        pytest.fail(f"the edit to {qmd} was not served: {error}")
    return fetched(url)


PROSE_EDIT = ("The check below computes", "The check below, edited in the preview, computes")
FIGURE_EDIT = ('plt.plot([1, 2, 3], "o")', 'plt.plot([3, 2, 1], "o")')


@pytest.fixture(scope="module")
def prose_edit_served(preview):
    project, port, _, _ = preview
    qmd = project / "posts" / NEW_POST / "index.qmd"
    page = f"http://localhost:{port}/posts/{NEW_POST}/index.html"
    body = served_once_rendered(preview, qmd, edited(qmd, *PROSE_EDIT), page,
                                lambda body: body is not None and PROSE_EDIT[1].encode() in body)
    return body.decode("utf-8")


def test_the_preview_serves_a_prose_edit_with_its_math_typeset(prose_edit_served):
    assert "<mjx-container" in prose_edit_served and "\\frac" not in prose_edit_served


def test_the_preview_serves_a_prose_edit_naming_no_cdn(prose_edit_served):
    assert [host for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "fonts.googleapis.com", "unpkg.com")
            if host in prose_edit_served] == []


@pytest.fixture(scope="module")
def figure_edit_served(preview, prose_edit_served):
    """The dark drawing served before and after an edit to the figure's code, and the post's dark-drawing hash
    kept in _freeze/ against the hash of the edited post."""
    project, port, _, _ = preview
    qmd = project / "posts" / NEW_POST / "index.qmd"
    dark = f"http://localhost:{port}/posts/{NEW_POST}/index_files/figure-html/fig-numbers-output-1-dark.png"
    before = fetched(dark)
    after = served_once_rendered(preview, qmd, edited(qmd, *FIGURE_EDIT), dark, lambda body: body != before)
    return before, after, dark_figures.kept_inputs(qmd), dark_figures.inputs_hash(qmd)


def test_the_preview_serves_the_dark_drawing_of_an_edited_figure(figure_edit_served):
    before, after, kept, current = figure_edit_served
    assert before is not None and after != before and kept == current


@pytest.fixture(scope="module")
def rendered_after_preview(preview, figure_edit_served):
    """The site as the preview left it after both edits, and `quarto render` run once the preview is stopped."""
    project, _, process, _ = preview
    stop(process)
    previewed = site_files(project / "_site")
    return previewed, after_running(project, "render")


def test_a_render_after_a_preview_writes_what_the_preview_served(rendered_after_preview):
    previewed, (result, rendered, _) = rendered_after_preview
    # The preview renders the format it serves, HTML: the edited post's notebook is rendered again by the next render.
    notebook = f"posts/{NEW_POST}/index.ipynb"
    changed = [name for name in differences(previewed, rendered) if name != notebook]
    assert result.returncode == 0 and changed == [], (
        f"`quarto render` after the preview changed these files of _site/ (exit code {result.returncode})")

