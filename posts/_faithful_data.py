# Old Faithful's eruptions, data/faithful.csv: R's datasets::faithful (data/README.md says how it was made). A
# notebook inside the project, or inside a saved copy of the whole site, reads the copy two folders up. A notebook
# downloaded alone reads a copy saved beside it, or else downloads the published one; either must have the SHA-256
# below.
import hashlib
import urllib.error
import urllib.request
from pathlib import Path

SITE_URL = "{{< meta published-at >}}"
FAITHFUL_FILE = "data/faithful.csv"
FAITHFUL_SHA256 = "35755e109446ec911891b1eae5cb33bc2f18367ce712145e4f9d27d19f575bad"
FAITHFUL_COLUMNS = ("eruptions", "waiting")


def load_faithful():
    """The 272 eruptions as a (272, 2) array, eruption length and wait, in minutes; raises, naming the cause and the
    fix, when they cannot be had."""
    site_copy = Path("../..") / FAITHFUL_FILE
    if site_copy.is_file():
        return _parsed(site_copy.read_bytes(), str(site_copy.resolve()))
    saved_copy = Path(Path(FAITHFUL_FILE).name)
    if saved_copy.is_file():
        return _parsed(_checked(saved_copy.read_bytes(), str(saved_copy.resolve())), str(saved_copy.resolve()))
    url = SITE_URL + FAITHFUL_FILE
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            content = response.read()
    except (urllib.error.URLError, OSError) as error:
        raise RuntimeError(
            f"Could not download the data from {url} ({getattr(error, 'reason', error)}). "
            f"Get {FAITHFUL_FILE} from the blog's source repository, or from that address when it "
            f"answers again, and save it beside this notebook as {saved_copy}."
        ) from None
    return _parsed(_checked(content, url), url)


def _checked(content, source):
    digest = hashlib.sha256(content).hexdigest()
    if digest != FAITHFUL_SHA256:
        raise ValueError(
            f"Refusing {FAITHFUL_FILE} from {source}: its SHA-256 is {digest}, but this "
            f"notebook was written for the file whose SHA-256 is {FAITHFUL_SHA256}."
        )
    return content


def _parsed(content, source):
    header, *rows = content.decode("utf-8").splitlines()
    if tuple(header.split(",")) != FAITHFUL_COLUMNS:
        raise ValueError(f"{source} starts {header!r}, not the header {','.join(FAITHFUL_COLUMNS)}.")
    return np.array([[float(value) for value in row.split(",")] for row in rows])
