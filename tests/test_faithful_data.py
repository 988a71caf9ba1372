"""data/faithful.csv, the fourth post's data: R's datasets::faithful as data/README.md says it was made, the file the
post's loader (posts/_faithful_data.py) checks downloads against."""

import ast
import csv
import hashlib

from scripts.notebooks import post_notebook

ROOT = post_notebook.ROOT
DATA = ROOT / "data" / "faithful.csv"
LOADER = ROOT / "posts" / "_faithful_data.py"
README = ROOT / "data" / "README.md"


def rows():
    with DATA.open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def stated(name):
    """The value the loader assigns to name."""
    for node in ast.parse(LOADER.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{LOADER.relative_to(ROOT)} assigns no {name}")


def test_header_is_eruptions_and_waiting():
    assert rows()[0] == ["eruptions", "waiting"]


def test_it_holds_272_eruptions_of_two_numbers_each():
    body = rows()[1:]
    assert len(body) == 272
    assert {len(row) for row in body} == {2}


def test_eruptions_are_minutes_and_waits_whole_minutes():
    body = rows()[1:]
    eruptions = [float(row[0]) for row in body]
    waits = [row[1] for row in body]
    assert 1 < min(eruptions) and max(eruptions) < 6
    assert all(wait.isdigit() and 40 <= int(wait) <= 100 for wait in waits)


def test_lines_end_in_lf_only():
    assert b"\r" not in DATA.read_bytes()


def test_readme_states_the_files_sha256():
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() in README.read_text(encoding="utf-8"), (
        "after changing data/faithful.csv on purpose, write its new SHA-256 in data/README.md"
    )


def test_loader_checks_downloads_against_the_committed_file():
    assert stated("FAITHFUL_SHA256") == hashlib.sha256(DATA.read_bytes()).hexdigest(), (
        f"FAITHFUL_SHA256 in {LOADER.relative_to(ROOT)} is not the hash of data/faithful.csv: after changing the data "
        "on purpose, write its new SHA-256 there."
    )


def test_the_site_serves_it():
    config = (ROOT / "_quarto.yml").read_text(encoding="utf-8")
    assert "    - /data/faithful.csv\n" in config, "add /data/faithful.csv to resources: in _quarto.yml"
