"""Each post's "Other Formats" notebook, as a reader gets it: downloaded from the page under the
site's sub-path, saved alone in an empty folder, and run there. It takes its data from the site."""

import base64
import contextlib
import hashlib
import http.server
import re
import shutil
import socket
import threading
import urllib.request

import nbformat
import pytest

from scripts.notebooks import expected_outputs
from scripts.notebooks import post_notebook
from conftest import ROOT, post_text, site_posts
from scripts.notebooks.execute_post import PostExecutionError, execute

UNRESOLVED = ("@fig-", "@eq-", "{#eq-")
# Each data loader a post's set-up cell may include, and the file it reads from the site.
LOADERS = {"_published_data.py": "data/gmm-data.npy", "_faithful_data.py": "data/faithful.csv"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def downloads(open_page, tmp_path_factory):
    """Each post's notebook as the Jupyter link downloads it, saved alone in an empty folder of its own."""
    saved = {}
    for slug in site_posts():
        page = open_page(f"posts/{slug}/index.html").page
        with page.expect_download() as download:
            page.locator(".quarto-alternate-formats a", has_text="Jupyter").click()
        saved[slug] = tmp_path_factory.mktemp(f"reader-{slug}") / download.value.suggested_filename
        download.value.save_as(saved[slug])
    return saved


def notebook(downloads, slug):
    return nbformat.read(downloads[slug], as_version=4)


def run_alone(downloads, slug, tmp_path):
    """Run the downloaded notebook in tmp_path, an empty folder with nothing but the notebook."""
    return execute(notebook(downloads, slug), tmp_path, name=f"the downloaded {slug}")


def printed(executed):
    return "".join(output.get("text", "") for cell in post_notebook.code_cells(executed) for output in cell.outputs)


def figure_labels(qmd):
    cells = post_notebook.code_cells(post_notebook.convert(qmd))
    return [label for label in map(post_notebook.cell_label, cells) if label and label.startswith("fig-")]


def reading_published_data():
    """The posts that read one of the blog's data sets, through the loader their set-up cell includes."""
    return [slug for slug in site_posts() if any(loader in post_text(slug) for loader in LOADERS)]


def data_file(slug):
    """The data file the post's loader reads, as the site serves it."""
    return next(file for loader, file in LOADERS.items() if loader in post_text(slug))


@contextlib.contextmanager
def through_proxy(address):
    """Until the block ends, every HTTP request of the notebooks' kernels, which take this environment, goes to the
    proxy at address. The site itself stays as it is: other sessions' tests share it (tests/render_cache.py)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("no_proxy", "NO_PROXY"):
            patch.delenv(name, raising=False)
        for name in ("http_proxy", "HTTP_PROXY"):
            patch.setenv(name, f"http://{address[0]}:{address[1]}")
        yield


@contextlib.contextmanager
def served_data_changed(site, data):
    """The reader gets the data file data one byte longer than the site's, from a proxy between them, until the block
    ends."""
    changed = (site / data).read_bytes() + b"\0"

    class ChangedData(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if not self.path.endswith(data):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(changed)))
            self.end_headers()
            self.wfile.write(changed)

        def log_message(self, *args):
            pass

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChangedData)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        with through_proxy(proxy.server_address):
            yield hashlib.sha256(changed).hexdigest()
    finally:
        proxy.shutdown()
        proxy.server_close()


@contextlib.contextmanager
def site_unreachable():
    """The reader's machine cannot reach the site: its proxy's port refuses connections, as a site that is down does."""
    refusing = socket.socket()
    refusing.bind(("127.0.0.1", 0))
    try:
        with through_proxy(refusing.getsockname()):
            yield
    finally:
        refusing.close()


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_has_its_cross_references_resolved(downloads, slug):
    markdown = "".join(cell.source for cell in notebook(downloads, slug).cells if cell.cell_type == "markdown")
    assert [marker for marker in UNRESOLVED if marker in markdown] == []
    assert ("Figure\xa0" in markdown) == ("@fig-" in post_text(slug)), (
        "a figure the prose cites with @fig-… shows as 'Figure N' (CONTRIBUTING.md, 'Writing a new post')"
    )


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_shows_every_figure_before_it_runs(downloads, source, slug):
    images = [
        output["data"]["image/png"]
        for cell in post_notebook.code_cells(notebook(downloads, slug))
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]
    assert len(images) == len(figure_labels(source(slug)))
    assert all(base64.b64decode(image).startswith(PNG_SIGNATURE) for image in images)


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_captions_every_figure(downloads, source, slug):
    markdown = [cell.source for cell in notebook(downloads, slug).cells if cell.cell_type == "markdown"]
    captions = [f'<a id="{label}"></a>*Figure {number}: ' for number, label in enumerate(figure_labels(source(slug)), start=1)]
    assert [caption for caption in captions if not any(source.startswith(caption) for source in markdown)] == []


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_first_cell_says_how_to_install_what_it_needs(downloads, site_url, slug):
    first = notebook(downloads, slug).cells[0]
    assert f"%pip install -r {site_url}requirements-notebook.txt" in first.source


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_carries_no_path_of_the_machine_that_built_it(downloads, project_copy, slug):
    text = downloads[slug].read_text(encoding="utf-8")
    assert "path" not in nbformat.reads(text, as_version=4).metadata.kernelspec
    assert [folder for folder in (str(project_copy), str(ROOT)) if folder in text] == []


def test_no_file_of_the_site_holds_the_path_it_was_built_in(site, project_copy):
    folders = [str(project_copy).encode(), str(ROOT).encode()]
    holding = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and any(folder in path.read_bytes() for folder in folders)
    ]
    assert holding == []


@pytest.fixture(scope="module")
def runs_alone(downloads, tmp_path_factory):
    """Each downloaded notebook run once in an empty folder: the executed notebook and the folder's files after."""
    runs = {}
    for slug in site_posts():
        folder = tmp_path_factory.mktemp(f"run-{slug}")
        executed = run_alone(downloads, slug, folder)
        runs[slug] = {"notebook": executed, "files": sorted(path.name for path in folder.iterdir())}
    return runs


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_runs_alone_and_prints_the_expected_checks(runs_alone, source, slug):
    expected = expected_outputs.printed_checks(expected_outputs.load(source(slug)))
    assert expected_outputs.CHECK.findall(printed(runs_alone[slug]["notebook"])) == expected


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_writes_no_file_into_the_readers_folder(runs_alone, slug):
    """The data stays in memory: a reader's own files are never overwritten."""
    assert runs_alone[slug]["files"] == [], "CONTRIBUTING.md, 'Writing a new post': a post's code writes no file"


@pytest.fixture(scope="module")
def runs_on_changed_data(downloads, site, tmp_path_factory):
    """Each downloaded notebook run once while the reader gets a changed data file: how it stopped, what it printed
    (its stored outputs cleared first: the download holds the render's), and the changed file's hash."""
    runs = {}
    for slug in reading_published_data():
        executed = notebook(downloads, slug)
        for cell in post_notebook.code_cells(executed):
            cell.outputs = []
        with served_data_changed(site, data_file(slug)) as served, pytest.raises(PostExecutionError) as stopped:
            execute(executed, tmp_path_factory.mktemp(f"changed-{slug}"), name=f"the downloaded {slug}")
        runs[slug] = {"error": str(stopped.value), "printed": printed(executed), "served": served}
    return runs


@pytest.mark.parametrize("slug", reading_published_data())
def test_downloaded_notebook_refuses_a_changed_data_file(runs_on_changed_data, site_url, slug):
    run = runs_on_changed_data[slug]
    committed = hashlib.sha256((ROOT / data_file(slug)).read_bytes()).hexdigest()
    assert f"from {site_url}{data_file(slug)}: its SHA-256 is {run['served']}" in run["error"]
    assert f"written for the file whose SHA-256 is {committed}" in run["error"]


@pytest.mark.parametrize("slug", reading_published_data())
def test_downloaded_notebook_prints_no_check_from_a_changed_data_file(runs_on_changed_data, slug):
    assert "Yes." not in runs_on_changed_data[slug]["printed"]


@pytest.mark.parametrize("slug", reading_published_data())
def test_downloaded_notebook_says_when_the_site_cannot_be_reached(downloads, site_url, slug, tmp_path):
    with site_unreachable(), pytest.raises(PostExecutionError) as stopped:
        run_alone(downloads, slug, tmp_path)
    assert f"Could not download the data from {site_url}{data_file(slug)}" in str(stopped.value)


@pytest.mark.parametrize("slug", reading_published_data())
def test_notebook_in_a_saved_copy_of_the_site_runs_on_the_copys_data(site, slug, tmp_path):
    saved = shutil.copytree(site, tmp_path / "site")
    with site_unreachable():
        executed = execute(
            nbformat.read(saved / "posts" / slug / "index.ipynb", as_version=4), saved / "posts" / slug, name=f"the saved {slug}"
        )
    expected = expected_outputs.printed_checks(expected_outputs.load(post_notebook.post(slug)))
    assert expected_outputs.CHECK.findall(printed(executed)) == expected


def markdown_links(downloads, slug):
    markdown = "".join(cell.source for cell in notebook(downloads, slug).cells if cell.cell_type == "markdown")
    return [target for target in MARKDOWN_LINK.findall(markdown) if not target.startswith("#")]


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_has_no_relative_link(downloads, slug):
    assert [target for target in markdown_links(downloads, slug) if "://" not in target] == []


@pytest.mark.parametrize("slug", site_posts())
def test_downloaded_notebook_links_within_the_site_load(downloads, site_url, slug):
    within = [target for target in markdown_links(downloads, slug) if target.startswith(site_url)]
    broken = []
    for target in within:
        try:
            urllib.request.urlopen(target, timeout=10).close()
        except OSError as error:
            broken.append(f"{target}: {error}")
    assert broken == []
