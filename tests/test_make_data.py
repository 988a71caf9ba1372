"""`make data` regenerates the data file and never silently replaces a different one."""

import pytest

import gmm_data
import make_data


@pytest.fixture
def data_path(tmp_path, monkeypatch):
    path = tmp_path / "data" / "gmm-data.npy"
    monkeypatch.setattr(gmm_data, "DATA_PATH", path)
    return path


def test_a_missing_file_is_written_by_the_procedure(data_path, regenerated_bytes):
    assert make_data.main([]) == 0
    assert data_path.read_bytes() == regenerated_bytes


def test_an_identical_file_is_reported_and_left_alone(data_path, regenerated_bytes, capsys):
    data_path.parent.mkdir()
    data_path.write_bytes(regenerated_bytes)
    assert make_data.main([]) == 0
    assert "already byte-identical" in capsys.readouterr().out


def test_a_different_file_is_refused_and_kept(data_path, capsys):
    data_path.parent.mkdir()
    data_path.write_bytes(b"someone's own data")
    assert make_data.main([]) == 1
    assert "Refusing to overwrite" in capsys.readouterr().err
    assert data_path.read_bytes() == b"someone's own data"


def test_force_replaces_a_different_file_and_keeps_a_backup(data_path, regenerated_bytes):
    data_path.parent.mkdir()
    data_path.write_bytes(b"someone's own data")
    assert make_data.main(["--force"]) == 0
    assert data_path.read_bytes() == regenerated_bytes
    assert data_path.with_name("gmm-data.npy.bak").read_bytes() == b"someone's own data"
