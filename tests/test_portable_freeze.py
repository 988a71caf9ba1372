"""The ipynb freeze holds no path of the machine that rendered it (scripts/postrender/portable_freeze.py)."""

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
