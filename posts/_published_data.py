# The blog's data set, data/gmm-data.npy. A notebook inside the project, or inside a saved copy of
# the whole site, reads the copy two folders up. A notebook downloaded alone reads a copy saved
# beside it, or else downloads the published one; either must have the SHA-256 below.
import hashlib
import io
import urllib.error
import urllib.request
from pathlib import Path

SITE_URL = "{{< meta published-at >}}"
DATA_FILE = "data/gmm-data.npy"
DATA_SHA256 = "53f46c864f64bd61aee6d4187ea2d08c383c477324fd930dc30b80d21af481f3"
# The package versions this notebook was tested with: `%pip install -r REQUIREMENTS_URL`.
REQUIREMENTS_URL = SITE_URL + "requirements-notebook.txt"


def load_published_data():
    """The 1,000 observations; raises, naming the cause and the fix, when they cannot be had."""
    site_copy = Path("../..") / DATA_FILE
    if site_copy.is_file():
        return np.load(site_copy, allow_pickle=False)
    saved_copy = Path(Path(DATA_FILE).name)
    if saved_copy.is_file():
        return _checked(saved_copy.read_bytes(), str(saved_copy.resolve()))
    url = SITE_URL + DATA_FILE
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            content = response.read()
    except (urllib.error.URLError, OSError) as error:
        raise RuntimeError(
            f"Could not download the data from {url} ({getattr(error, 'reason', error)}). "
            f"Get {DATA_FILE} from the blog's source repository, or from that address when it "
            f"answers again, and save it beside this notebook as {saved_copy}."
        ) from None
    return _checked(content, url)


def _checked(content, source):
    digest = hashlib.sha256(content).hexdigest()
    if digest != DATA_SHA256:
        raise ValueError(
            f"Refusing {DATA_FILE} from {source}: its SHA-256 is {digest}, but this "
            f"notebook was written for the file whose SHA-256 is {DATA_SHA256}."
        )
    return np.load(io.BytesIO(content), allow_pickle=False)
