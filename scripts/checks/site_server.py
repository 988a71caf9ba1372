"""The rendered site over HTTP on 127.0.0.1, served as GitHub Pages serves it: under the path its site-url gives
it, text gzipped for a client that accepts gzip, every response cacheable for ten minutes, and connections kept
open from one request to the next.

The site tests and `make lighthouse` both serve the site with it, so Lighthouse measures what readers download.
"""

import functools
import gzip
import http.server
import os
import sys
import threading

# What GitHub Pages compresses: text, scripts, styles, data and SVG, not images or fonts that are compressed already.
COMPRESSED_TYPES = {
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "image/svg+xml", "application/xml", "text/xml", "text/plain",
}
CACHE_CONTROL = "max-age=600"


@functools.lru_cache(maxsize=256)
def _gzipped(path, modified):
    """The file's bytes, gzipped once per version of the file (Lighthouse asks for the same scripts many times)."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), mtime=0)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    # GitHub Pages keeps a connection open for the next request; HTTP/1.0, the default here, opens one per file,
    # and Lighthouse would charge every file a new connection's round trips.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def _file_to_gzip(self):
        """The file this GET asks for when it is text and the client accepts gzip, else None."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path) and self.guess_type(path) in COMPRESSED_TYPES:
            return path
        return None

    def do_GET(self):
        path = self._file_to_gzip()
        if path is None:
            super().do_GET()
            return
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PagesServer(http.server.ThreadingHTTPServer):
    # The test sessions that share a render each serve it, on the port its site-url names (tests/render_cache.py).
    allow_reuse_port = True

    def handle_error(self, request, client_address):
        # A browser that leaves a page mid-download closes its connection: that is no fault of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """root served on 127.0.0.1; the site is at `url`, root's folder at `path` (such as /your-blog/)."""

    def __init__(self, root, path):
        self.root = root
        self.path = path
        self.port = None
        self.url = None
        self._server = None

    def start(self):
        self._server = PagesServer(
            ("127.0.0.1", self.port or 0), functools.partial(PagesHandler, directory=self.root)
        )
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}{self.path}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def publish(self, site):
        """Serve the rendered site folder at self.url: link it into root at self.path, in place of any site before."""
        published = os.path.join(self.root, *filter(None, self.path.split("/")))
        os.makedirs(os.path.dirname(published), exist_ok=True)
        os.symlink(site, published + ".new", target_is_directory=True)
        os.replace(published + ".new", published)
