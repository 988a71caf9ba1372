"""Each way of breaking data/gmm-data.npy, made on a scratch copy, fails the data check with a message saying what broke."""

import numpy as np
import pytest

from scripts.dataset import gmm_data
from scripts.dataset.gmm_data import DataFileError


@pytest.fixture
def data_copy(tmp_path, regenerated_bytes):
    """A correct data file, made afresh so that these tests do not depend on the committed one."""
    copy = tmp_path / "gmm-data.npy"
    copy.write_bytes(regenerated_bytes)
    return copy


def test_one_changed_value_is_reported_with_its_index(data_copy):
    data = gmm_data.load(data_copy)
    data[123] += 1e-12
    np.save(data_copy, data)
    with pytest.raises(DataFileError, match=r"1 of 1000 values differ; the first at index 123"):
        gmm_data.check_file(data_copy)


def test_a_truncated_file_is_reported_as_truncated(data_copy):
    data_copy.write_bytes(data_copy.read_bytes()[:4000])
    with pytest.raises(DataFileError, match=r"4000 bytes where a complete file is 8128: it is truncated"):
        gmm_data.check_file(data_copy)


def test_a_missing_file_is_reported_as_missing(data_copy):
    data_copy.unlink()
    with pytest.raises(DataFileError, match=r"gmm-data.npy is missing.*make data"):
        gmm_data.check_file(data_copy)


class _LeavesAMark:
    """Unpickling this touches a file: proof that a loader unpickled it."""

    def __init__(self, mark):
        self.mark = mark

    def __reduce__(self):
        return (type(self.mark).touch, (self.mark,))


def test_an_object_array_is_refused_without_being_unpickled(data_copy, tmp_path):
    mark = tmp_path / "unpickled"
    np.save(data_copy, np.array([_LeavesAMark(mark)] * 1000, dtype=object), allow_pickle=True)
    with pytest.raises(DataFileError, match=r"object array that only pickle can load; it was refused"):
        gmm_data.check_file(data_copy)
    assert not mark.exists()
