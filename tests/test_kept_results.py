"""The post-render steps' kept results (scripts/postrender/kept_results.py): made once per inputs, made again when any
input changes or the kept file is spoilt."""

import pytest

from scripts.postrender import kept_results


@pytest.fixture(autouse=True)
def in_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def counted(result):
    calls = []

    def make():
        calls.append(1)
        return result

    return make, calls


def test_the_same_inputs_take_the_kept_result():
    make, calls = counted(b"cut font")
    first = kept_results.kept_or_made("fonts", (b"font", "1,2,3"), make)
    second = kept_results.kept_or_made("fonts", (b"font", "1,2,3"), make)
    assert (first, second, len(calls)) == (b"cut font", b"cut font", 1)


def test_a_changed_input_makes_the_result_again():
    make, calls = counted(b"cut font")
    kept_results.kept_or_made("fonts", (b"font", "1,2,3"), make)
    kept_results.kept_or_made("fonts", (b"font", "1,2,4"), make)
    assert len(calls) == 2


def test_inputs_are_told_apart_where_their_joins_would_agree():
    assert kept_results.made_from("ab", "c") != kept_results.made_from("a", "bc")


def test_results_of_another_kind_are_not_taken():
    kept_results.kept_or_made("fonts", ("same",), lambda: b"font")
    assert kept_results.kept_or_made("pngs", ("same",), lambda: b"png") == b"png"


def test_a_spoilt_json_result_is_made_again():
    kept_results.kept_or_made_json("counts", ("page",), lambda: 3)
    (kept_results.KEPT / "counts" / kept_results.made_from("page")).write_bytes(b"{not json")
    assert kept_results.kept_or_made_json("counts", ("page",), lambda: 3) == 3


def test_only_the_results_used_last_are_kept(monkeypatch):
    monkeypatch.setattr(kept_results, "KEEP_OF_EACH_KIND", 2)
    for number in range(3):
        kept_results.kept_or_made("typeset", (str(number),), lambda: b"markup")
    make, calls = counted(b"markup")
    kept_results.kept_or_made("typeset", ("2",), make)
    kept_results.kept_or_made("typeset", ("0",), make)
    assert len(calls) == 1


def test_a_script_minified_again_takes_terser_s_kept_output(monkeypatch):
    from scripts.postrender.lighten import terser

    runs = []
    real_run = terser.subprocess.run
    monkeypatch.setattr(terser.subprocess, "run", lambda *arguments, **options: runs.append(1) or real_run(
        *arguments, **options))
    first = terser.minified("function add(first, second) { return first + second; }\n", "add.js")
    again = terser.minified("function add(first, second) { return first + second; }\n", "add.js")
    assert (len(runs), again) == (1, first)
