"""The mixture behind data/gmm-data.npy, the procedure that draws it, and a checked loader.

The numbers here are the ones the post states; the tests hold both to the committed file.
"""

import io
from pathlib import Path

import numpy as np
from scipy.stats import norm

ROOT = Path(__file__).resolve().parents[2]
DATA_PATH = ROOT / "data" / "gmm-data.npy"

SEED = 42
SIZE = 1000
PARAMS = [
    {"loc": 10, "scale": 1},
    {"loc": 15, "scale": 2},
    {"loc": 21, "scale": 0.5},
]
WEIGHTS = [0.2, 0.7, 0.1]

# 128-byte .npy header plus 1,000 float64 values.
EXPECTED_NBYTES = 128 + 8 * SIZE


class DataFileError(Exception):
    """The data file is missing, unreadable or not what the procedure makes."""


def draw_sample():
    """Forward-sample the mixture exactly as the first post's loop does, from NumPy's legacy global state."""
    np.random.seed(SEED)
    components = np.random.choice([0, 1, 2], size=SIZE, p=WEIGHTS)
    return np.array([norm(**PARAMS[y]).rvs() for y in components])


def npy_bytes(array):
    """The bytes np.save writes for array."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def mixture_cdf(x):
    """The mixture's cumulative distribution function."""
    return sum(phi * norm(**component).cdf(x) for phi, component in zip(WEIGHTS, PARAMS))


def _restore_hint(path):
    regenerate = "make data FORCE=1" if path.exists() else "make data"
    return f"Restore it with `git checkout -- data/{path.name}`, or regenerate it with `{regenerate}`."


def load(path=DATA_PATH):
    """Load the data file without pickle, or raise DataFileError saying what is wrong and how to fix it."""
    path = Path(path)
    restore = _restore_hint(path)
    if not path.exists():
        raise DataFileError(f"{path} is missing. {restore}")
    try:
        array = np.load(path, allow_pickle=False)
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise DataFileError(
                f"{path} holds an object array that only pickle can load; it was refused, not unpickled. {restore}"
            ) from error
        raise _unreadable(path, error, restore) from error
    except EOFError as error:
        raise _unreadable(path, error, restore) from error
    if array.dtype != np.float64 or array.shape != (SIZE,):
        raise DataFileError(
            f"{path} holds {array.dtype} values of shape {array.shape}, not float64 of shape ({SIZE},). {restore}"
        )
    if path.stat().st_size != EXPECTED_NBYTES:
        raise DataFileError(
            f"{path} is {path.stat().st_size} bytes, not the {EXPECTED_NBYTES} that np.save writes. {restore}"
        )
    return array


def _unreadable(path, error, restore):
    size = path.stat().st_size
    return DataFileError(
        f"{path} cannot be read as .npy ({error}). It is {size} bytes where a complete file is "
        f"{EXPECTED_NBYTES}: it is truncated or corrupt. {restore}"
    )


def check_file(path=DATA_PATH):
    """Raise DataFileError unless the file holds exactly the bytes the documented procedure makes."""
    path = Path(path)
    array = load(path)
    reference = draw_sample()
    changed = differences(array, reference)
    if changed or path.read_bytes() != npy_bytes(reference):
        raise DataFileError(
            f"{path} is not what the documented procedure makes: {changed or 'the .npy header differs'}. "
            f"{_restore_hint(path)}"
        )


def differences(array, reference):
    """Describe where array differs from reference, or return '' when they are identical."""
    mismatched = np.flatnonzero(array != reference)
    if mismatched.size == 0:
        return ""
    first = mismatched[0]
    return (
        f"{mismatched.size} of {reference.size} values differ; "
        f"the first at index {first}: {float(array[first])!r} where the procedure gives {float(reference[first])!r}"
    )
