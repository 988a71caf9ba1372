"""The test server serves the site as GitHub Pages does, or Lighthouse's budgets would measure a server nobody uses:
text gzipped for a client that accepts it, other files as they are, every response cacheable for ten minutes, and
one connection kept open for many requests."""

import gzip
import http.client
import urllib.parse
import urllib.request

import pytest

from scripts.checks.site_server import SiteServer

PAGE = "<!doctype html><title>A page</title>" + "<p>Text that compresses well.</p>" * 50
STYLES = "body { color: black; }\n" * 50
# The first bytes of a PNG file; an image is sent as it is, compressed or not.
IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "styles.css").write_text(STYLES, encoding="utf-8")
    (site / "figure.png").write_bytes(IMAGE)
    served = SiteServer(tmp_path / "www", "/your-blog/")
    served.start()
    served.publish(site)
    yield served
    served.stop()


def get(url, accept_gzip=True):
    headers = {"Accept-Encoding": "gzip, deflate, br"} if accept_gzip else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("name", ["index.html", "styles.css", ""])
def test_text_is_gzipped_for_a_client_that_accepts_gzip(server, name):
    headers, _ = get(server.url + name)
    assert headers.get("Content-Encoding") == "gzip"


@pytest.mark.parametrize("name, text", [("index.html", PAGE), ("styles.css", STYLES), ("", PAGE)])
def test_a_gzipped_body_decompresses_to_the_file(server, name, text):
    _, body = get(server.url + name)
    assert gzip.decompress(body).decode("utf-8") == text


def test_text_is_sent_as_it_is_to_a_client_that_does_not_accept_gzip(server):
    headers, body = get(server.url + "index.html", accept_gzip=False)
    assert (headers.get("Content-Encoding"), body.decode("utf-8")) == (None, PAGE)


def test_an_image_is_sent_as_it_is(server):
    headers, body = get(server.url + "figure.png")
    assert (headers.get("Content-Encoding"), body) == (None, IMAGE)


@pytest.mark.parametrize("name", ["index.html", "figure.png"])
def test_every_file_may_be_cached_for_ten_minutes(server, name):
    headers, _ = get(server.url + name)
    assert headers.get("Cache-Control") == "max-age=600"


def test_the_connection_stays_open_after_each_response(server):
    address = urllib.parse.urlparse(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port)
    closing = []
    for name in ("index.html", "styles.css", "figure.png"):
        connection.request("GET", address.path + name, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        closing.append((name, response.status, response.will_close))
    connection.close()
    assert closing == [(name, 200, False) for name in ("index.html", "styles.css", "figure.png")]
