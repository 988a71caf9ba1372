"""A kept render of the site (tests/render_cache.py) is served again only when it is the render the project as it is
now would give, at the address it was rendered for, and no other session owns it."""

import fcntl
import shutil
import socket
import threading

import pytest

from scripts.notebooks import post_notebook
import render_cache

FINGERPRINT = "the project as it is now"


class Listener:
    """Stands in for the test server: it holds its port as the server does, shared with the other sessions' servers
    unless told otherwise, and stops at once (the server's loop takes half a second)."""

    def __init__(self, shares_port=True):
        self.port = None
        self.url = None
        self.shares_port = shares_port
        self.site = None
        self.site_when_started = None
        self._socket = None

    def publish(self, site):
        self.site = site

    def start(self):
        self.site_when_started = self.site
        listening = socket.socket()
        if self.shares_port:
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        listening.bind(("127.0.0.1", self.port or 0))
        listening.listen()
        self._socket = listening
        self.port = listening.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/your-blog/"

    def stop(self):
        self._socket.close()
        self._socket = None

    def listening(self):
        return self._socket is not None


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(render_cache, "FOLDER", tmp_path / "site-render")
    return tmp_path / "site-render"


@pytest.fixture
def servers():
    """new(): a stand-in server, not started; every one is stopped at the end."""
    made = []

    def new(shares_port=True):
        made.append(Listener(shares_port))
        return made[-1]

    yield new
    for server in made:
        if server._socket is not None:
            server.stop()


def kept_render(servers, fingerprint=FINGERPRINT):
    """A render made and recorded by a session that has ended: its port is free again. Returns its port."""
    server = servers()
    entry = render_cache.fresh(server)
    (entry.project / "_site").mkdir(parents=True)
    (entry.project / "_site" / "index.html").write_text(f"rendered for {server.url}", encoding="utf-8")
    entry.save(fingerprint, {"status_before": "", "status_after": ""})
    entry.release(server)
    return server.port


def test_a_kept_render_is_served_again_at_its_port(cache, servers):
    port = kept_render(servers)
    server = servers()
    entry = render_cache.claim(server, FINGERPRINT)
    assert entry is not None and server.port == port


def test_a_render_of_the_project_as_it_was_is_not_served_and_is_deleted(cache, servers):
    port = kept_render(servers, fingerprint="the project before an edit")
    assert render_cache.claim(servers(), FINGERPRINT) is None
    assert not (cache / str(port)).exists()


def test_a_render_whose_files_changed_since_is_not_served(cache, servers):
    port = kept_render(servers)
    (cache / str(port) / "project" / "_site" / "index.html").write_text("edited", encoding="utf-8")
    assert render_cache.claim(servers(), FINGERPRINT) is None


def test_a_render_another_session_serves_is_served_too_at_the_same_port(cache, servers):
    port = kept_render(servers)
    serving = render_cache.claim(servers(), FINGERPRINT)
    server = servers()
    assert serving is not None and render_cache.claim(server, FINGERPRINT) is not None and server.port == port


def test_a_claimed_render_is_served_from_the_moment_its_server_starts(cache, servers):
    """Its port is shared: a request from another session's browser may come to the new server at once."""
    port = kept_render(servers)
    server = servers()
    render_cache.claim(server, FINGERPRINT)
    assert server.site_when_started == cache / str(port) / "project" / "_site"


def test_a_session_stops_its_server_only_once_no_other_session_serves_the_render(cache, servers):
    kept_render(servers)
    first, second = servers(), servers()
    first_entry, second_entry = render_cache.claim(first, FINGERPRINT), render_cache.claim(second, FINGERPRINT)
    releasing = threading.Thread(target=first_entry.release, args=(first,))
    releasing.start()
    releasing.join(timeout=0.5)
    still_serving = first.listening()
    second_entry.release(second)
    releasing.join()
    assert still_serving and not first.listening()


def test_a_stale_render_another_session_serves_is_not_deleted(cache, servers):
    port = kept_render(servers, fingerprint="the project before an edit")
    with open(cache / f"{port}.lock") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
        render_cache.claim(servers(), FINGERPRINT)
        assert (cache / str(port)).exists()


def test_a_render_whose_port_is_taken_is_not_served(cache, servers):
    port = kept_render(servers)
    squatter = servers(shares_port=False)
    squatter.port = port
    squatter.start()
    assert render_cache.claim(servers(), FINGERPRINT) is None


def test_the_project_hash_changes_with_any_file_a_copy_holds(tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "index.qmd").write_text("one", encoding="utf-8")
    before = render_cache._hash_tree(tmp_path, render_cache._not_in_a_copy)
    (tmp_path / "posts" / "index.qmd").write_text("two", encoding="utf-8")
    assert render_cache._hash_tree(tmp_path, render_cache._not_in_a_copy) != before


def test_the_project_hash_leaves_out_what_a_copy_does_not_hold(tmp_path):
    (tmp_path / "index.qmd").write_text("one", encoding="utf-8")
    before = render_cache._hash_tree(tmp_path, render_cache._not_in_a_copy)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "made.ipynb").write_text("made by a test", encoding="utf-8")
    assert render_cache._hash_tree(tmp_path, render_cache._not_in_a_copy) == before


def test_a_render_another_session_deleted_after_this_one_listed_it_is_passed_over(cache, servers, monkeypatch):
    """Two sessions starting together both list a stale render; the first to lock it deletes it."""
    port = kept_render(servers, fingerprint="the project before an edit")
    use = render_cache._use

    def use_after_the_other_session_deleted_it(used_port):
        shutil.rmtree(cache / str(used_port), ignore_errors=True)
        return use(used_port)

    monkeypatch.setattr(render_cache, "_use", use_after_the_other_session_deleted_it)
    assert render_cache.claim(servers(), FINGERPRINT) is None
    assert not (cache / str(port)).exists()


def test_renders_are_kept_outside_the_project():
    """A copy of the project inside it is a tree a render of the project could take files from (issue 22)."""
    assert post_notebook.ROOT not in render_cache.FOLDER.resolve().parents
