"""Every post-render step is idempotent: run again over the site it finished, it changes nothing.

Quarto runs the steps after every render, and a page or a site-wide file (a stylesheet, a font) that this render did
not write is still as the last run left it. Each step in `_quarto.yml`'s `post-render:` list runs here once more,
with no QUARTO_PROJECT_OUTPUT_FILES, so over every page, on a copy of the rendered site, in the rendered project."""

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.notebooks import post_notebook


def post_render_steps():
    config = yaml.safe_load((post_notebook.ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    return config["project"]["post-render"]


def site_files(site):
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("step", post_render_steps())
def test_a_step_run_again_over_its_own_output_changes_nothing(step, project_copy, site, tmp_path):
    again = tmp_path / "_site"
    shutil.copytree(site, again, symlinks=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("QUARTO_PROJECT_")}
    env |= {"QUARTO_PROJECT_OUTPUT_DIR": str(again),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    # As Quarto runs it, with this Python as the python3 first on PATH.
    command = [sys.executable if word == "python3" else word for word in shlex.split(step)]
    result = subprocess.run(command, cwd=project_copy, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{step}, run again over the site it finished, failed:\n{result.stderr[-3000:]}"
    before, after = site_files(site), site_files(again)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert changed == [], f"{step}, run again over the site it finished, changed these files"
