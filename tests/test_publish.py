"""Publishing refuses the placeholder site-url: the posts' notebooks fetch their data from it."""

import shutil
import subprocess
import sys

import yaml

import post_notebook

ROOT = post_notebook.ROOT
REQUIRE_SITE_URL = ROOT / "scripts" / "require_site_url.py"
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def check_site_url(project):
    return subprocess.run([sys.executable, str(REQUIRE_SITE_URL), str(project)], capture_output=True, text=True)


def test_publishing_refuses_the_placeholder_site_url(tmp_path):
    shutil.copy(ROOT / "_quarto.yml", tmp_path / "_quarto.yml")
    result = check_site_url(tmp_path)
    assert result.returncode == 1
    assert "`website: site-url` in _quarto.yml is still the placeholder" in result.stderr
    assert 'README, "Publishing"' in result.stderr


def test_publishing_accepts_a_site_url_of_its_own(tmp_path):
    config = (ROOT / "_quarto.yml").read_text(encoding="utf-8")
    (tmp_path / "_quarto.yml").write_text(config.replace("example.invalid", "someone.github.io"), encoding="utf-8")
    assert check_site_url(tmp_path).returncode == 0


def test_workflow_checks_site_url_before_it_publishes():
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build-deploy"]["steps"]
    runs = [step.get("run", "") + step.get("uses", "") for step in steps]
    checked = [number for number, run in enumerate(runs) if "scripts/require_site_url.py" in run]
    published = [number for number, run in enumerate(runs) if "quarto-actions/publish" in run]
    assert checked and published and checked[0] < published[0]
