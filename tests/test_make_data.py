"""`make data` regenerates the data file and never silently replaces a different one."""

import hashlib

import pytest

from scripts.dataset import gmm_data
from scripts.dataset import make_data

# The committed data/gmm-data.npy, which every post's stored results come from. Not taken from
# gmm_data.draw_sample(), the code `make data` runs: a changed procedure must fail here.
COMMITTED_SHA256 = "53f46c864f64bd61aee6d4187ea2d08c383c477324fd930dc30b80d21af481f3"


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Read before any test points gmm_data.DATA_PATH at a scratch file.
COMMITTED_PATH = gmm_data.DATA_PATH


@pytest.fixture
def data_path(tmp_path, monkeypatch):
    path = tmp_path / "data" / "gmm-data.npy"
    monkeypatch.setattr(gmm_data, "DATA_PATH", path)
    return path


def test_a_missing_file_is_written_as_the_committed_one(data_path):
    assert make_data.main([]) == 0
    assert sha256(data_path) == COMMITTED_SHA256


def test_an_identical_file_is_reported_and_left_alone(data_path, capsys):
    data_path.parent.mkdir()
    data_path.write_bytes(COMMITTED_PATH.read_bytes())
    assert make_data.main([]) == 0
    assert "already byte-identical" in capsys.readouterr().out


def test_a_different_file_is_refused_and_kept(data_path, capsys):
    data_path.parent.mkdir()
    data_path.write_bytes(b"someone's own data")
    assert make_data.main([]) == 1
    assert "Refusing to overwrite" in capsys.readouterr().err
    assert data_path.read_bytes() == b"someone's own data"


def test_force_replaces_a_different_file_and_keeps_a_backup(data_path):
    data_path.parent.mkdir()
    data_path.write_bytes(b"someone's own data")
    assert make_data.main(["--force"]) == 0
    assert sha256(data_path) == COMMITTED_SHA256
    assert data_path.with_name("gmm-data.npy.bak").read_bytes() == b"someone's own data"
