"""The freeze is the same whichever machine and command wrote it (scripts/postrender/portable_freeze.py): the ipynb
freeze holds no path of the machine, and the html freeze lists the post's supporting folder as a one-post render does."""

import json

from scripts.postrender import portable_freeze

FROZEN = """---
title: "A post"
---

Text with a path: in it.

---
jupyter:
  kernelspec:
    display_name: Python 3 (ipykernel)
    language: python
    name: python3
    path: /home/someone/blog/.venv/share/jupyter/kernels/python3
  language_info:
    name: python
---
"""


def test_the_kernels_path_goes():
    assert "/home/someone" not in portable_freeze.without_kernel_path(FROZEN)


def test_the_kernels_name_and_the_prose_stay():
    portable = portable_freeze.without_kernel_path(FROZEN)
    assert portable == FROZEN.replace("    path: /home/someone/blog/.venv/share/jupyter/kernels/python3\n", "")


def test_a_freeze_made_portable_twice_is_the_same_as_once(tmp_path):
    freeze = tmp_path / "ipynb.json"
    freeze.write_text(json.dumps({"hash": "h", "result": {"markdown": FROZEN}}, indent=2), encoding="utf-8")
    portable_freeze.make_portable(freeze)
    once = freeze.read_bytes()
    portable_freeze.make_portable(freeze)
    assert freeze.read_bytes() == once


def test_a_folder_inside_the_posts_files_is_listed_as_the_posts_files():
    assert portable_freeze.outer_supporting(["index_files/figure-html"], "index") == ["index_files"]


def test_the_posts_files_folder_is_listed_once():
    assert portable_freeze.outer_supporting(["index_files", "index_files/figure-html"], "index") == ["index_files"]


def test_another_supporting_folder_stays():
    assert portable_freeze.outer_supporting(["site_libs/extra"], "index") == ["site_libs/extra"]


def test_an_html_freeze_given_the_outer_folder_twice_is_the_same_as_once(tmp_path):
    freeze = tmp_path / "html.json"
    freeze.write_text(json.dumps({"hash": "h", "result": {"markdown": "Text.", "supporting": ["index_files/figure-html"]}},
                                 indent=2), encoding="utf-8")
    portable_freeze.with_outer_supporting(freeze, "index")
    once = freeze.read_bytes()
    portable_freeze.with_outer_supporting(freeze, "index")
    assert freeze.read_bytes() == once
    assert json.loads(once)["result"]["supporting"] == ["index_files"]
