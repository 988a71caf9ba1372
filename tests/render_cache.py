"""Renders of the site kept under build/site-render/ between pytest sessions, so that `make test` renders the site
once per test server rather than once per session: its second session, Lighthouse's, serves the render the first
one made.

A render holds its server's address (site-url is set to it), so an entry is kept per port, and a session reuses an
entry only when it can serve it on that port again. One session at a time owns an entry: it holds the entry's lock
and its port until it ends. An entry is reused only if it was rendered from the project as it is now (the
fingerprint of everything a render reads), and only if its files are still as the render left them.
"""

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys

from filelock import FileLock, Timeout

import post_notebook

FOLDER = post_notebook.ROOT / "build" / "site-render"
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
    """One render, owned by this session: the copy of the project at `project`, and what its render recorded."""

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

    def release(self):
        self._lock.release()


def _lock(port):
    FOLDER.mkdir(parents=True, exist_ok=True)
    lock = FileLock(FOLDER / f"{port}.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return None
    return lock


def claim(server, fingerprint):
    """Start server on the port of an intact render of the project as it is now, and return that render's Entry;
    None, with the server not started, when there is none this session can own. Other renders it can own are
    deleted: nothing will reuse them."""
    for folder in sorted(path for path in FOLDER.glob("*") if path.is_dir() and path.name.isdigit()):
        lock = _lock(folder.name)
        if lock is None:
            continue
        entry = Entry(folder, lock)
        if entry.intact(fingerprint):
            server.port = int(folder.name)
            try:
                server.start()
                return entry
            except OSError:
                pass
        else:
            # Another session that listed it too may have deleted it first.
            shutil.rmtree(folder, ignore_errors=True)
        lock.release()
    server.port = None
    return None


def fresh(server):
    """Start server on a free port and return an empty Entry for the render this session makes for it."""
    while True:
        server.start()
        lock = _lock(server.port)
        if lock is not None:
            break
        # The port's owner has stopped its server for a moment, as a test of a site that is down does: leave it be.
        server.stop()
        server.port = None
    folder = FOLDER / str(server.port)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Entry(folder, lock)
