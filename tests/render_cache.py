"""Renders of the site kept outside the project, so that `make test` renders the site once: its two workers share
one render, and a later session (`pytest tests/site` run again by hand) serves it again while nothing has changed.

They are kept in the folder SITE_RENDERS names (`make test` gives each run a temporary folder and deletes it when
the run ends, passed or failed), else in a folder named for the project in the system's temporary folder. Never inside
the project: a copy of the project there is a tree of its own, which a render of the project could take files from
and `git clean` leaves alone (it is a git repository of its own).

A render holds its server's address (site-url is set to it), so an entry is kept per port. Every session that uses
an entry serves it on that port with a server of its own (the port is shared, SO_REUSEPORT), and holds the entry's
lock shared until it ends; it stops its server only once no other session holds the lock, so that a server never
goes away under another session's browser. One session at a time claims or makes an entry (the cache's lock, held
through a render), so a session that starts while another renders waits for that render and serves it too. An
entry is reused only if it was rendered from the project as it is now (the fingerprint of everything a render
reads), and only if its files are still as the render left them; one no session holds is deleted when it is stale.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.notebooks import post_notebook

FOLDER = Path(os.environ.get("SITE_RENDERS") or Path(tempfile.gettempdir()) / (
    "site-render-" + hashlib.sha256(str(post_notebook.ROOT).encode()).hexdigest()[:12]))
RECORD = "render.json"


def _hash_tree(folder, ignore=None):
    """A hash of the names and contents of every file under folder (a symbolic link by its target, not followed)."""
    digest = hashlib.sha256()
    for directory, subdirectories, files in os.walk(folder):
        ignored = ignore(directory, subdirectories + files) if ignore else set()
        subdirectories[:] = sorted(name for name in subdirectories if name not in ignored)
        for name in sorted(set(files) - ignored) + [name for name in subdirectories if os.path.islink(os.path.join(directory, name))]:
            path = os.path.join(directory, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            digest.update(os.readlink(path).encode() if os.path.islink(path) else _file_bytes(path))
            digest.update(b"\0")
    return digest.hexdigest()


def _file_bytes(path):
    with open(path, "rb") as file:
        return file.read()


def _output(*command):
    return subprocess.run(command, cwd=post_notebook.ROOT, capture_output=True, text=True, check=True).stdout


def _not_in_a_copy(directory, names):
    """What copy_project leaves out, and .git, which the fingerprint takes through git itself."""
    return set(post_notebook.NOT_IN_A_CLONE(directory, names)) | {".git"}


def fingerprint():
    """What a render of a copy of the project depends on: every file a copy holds, git's view of them (the render
    compares `git status`), the npm packages and the Quarto, Node and Python that run it."""
    npm_packages = post_notebook.ROOT / "node_modules" / ".package-lock.json"
    parts = [
        _hash_tree(post_notebook.ROOT, _not_in_a_copy),
        _output("git", "rev-parse", "HEAD"), _output("git", "status", "--porcelain"), _output("git", "diff"),
        _file_bytes(npm_packages).decode() if npm_packages.exists() else "",
        _output("quarto", "--version"), _output("node", "--version"), sys.executable, platform.python_version(),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Entry:
    """One render, used by this session: the copy of the project at `project`, and what its render recorded."""

    def __init__(self, folder, lock):
        self.folder = folder
        self.project = folder / "project"
        self._lock = lock

    def record(self):
        path = self.folder / RECORD
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def save(self, fingerprint, facts):
        """Record the finished render: what it was rendered from, facts the tests read, and its files' hash."""
        record = {"fingerprint": fingerprint, "files": _hash_tree(self.project), "facts": facts}
        (self.folder / RECORD).write_text(json.dumps(record), encoding="utf-8")

    def intact(self, fingerprint):
        record = self.record()
        return record is not None and record["fingerprint"] == fingerprint and record["files"] == _hash_tree(self.project)

    def release(self, server):
        """Stop server once no other session uses this render (they share its port), then let the render go."""
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        server.stop()
        self._lock.close()


def _open_lock(name):
    FOLDER.mkdir(parents=True, exist_ok=True)
    return open(FOLDER / f"{name}.lock", "a")


def _use(port):
    """The entry's lock, held shared: the entry is in use until it is closed."""
    lock = _open_lock(port)
    fcntl.flock(lock, fcntl.LOCK_SH)
    return lock


def _delete_if_unused(folder):
    """Delete the entry in folder unless a session uses it."""
    with _open_lock(folder.name) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def claiming():
    """One session at a time claims or makes a render: a session that starts during a render waits for it."""
    with _open_lock("claiming") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def claim(server, fingerprint):
    """Start server on the port of an intact render of the project as it is now, serving its site, and return that
    render's Entry; None, with the server not started, when there is none. Stale renders no session uses are
    deleted: nothing will reuse them. Call within claiming()."""
    for folder in sorted(path for path in FOLDER.glob("*") if path.is_dir() and path.name.isdigit()):
        lock = _use(folder.name)
        entry = Entry(folder, lock)
        intact = entry.intact(fingerprint)
        if intact:
            server.port = int(folder.name)
            # Before it starts: the port is shared, and another session's browser may send it a request at once.
            server.publish(entry.project / "_site")
            try:
                server.start()
                return entry
            except OSError:
                pass
        lock.close()
        if not intact:
            _delete_if_unused(folder)
    server.port = None
    return None


def fresh(server):
    """Start server on a free port and return an empty Entry for the render this session makes for it. Call within
    claiming(), and save the render before leaving it."""
    server.start()
    folder = FOLDER / str(server.port)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Entry(folder, _use(server.port))
