"""The publish workflow tests the site as CI does before it publishes, with the Quarto the project is tested with."""

import yaml

from scripts.notebooks import post_notebook

WORKFLOW = post_notebook.ROOT / ".github" / "workflows" / "publish.yml"
# README: "The project is tested with Quarto 1.10.18, the version the publish workflow installs too."
QUARTO_VERSION = "1.10.18"


def steps():
    return [step for job in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"].values() for step in job["steps"]]


def test_the_step_that_runs_make_test_requires_the_site_tests():
    tests = [step for step in steps() if "make test" in step.get("run", "")]
    assert tests and all(step.get("env", {}).get("REQUIRE_SITE_TESTS") for step in tests), (
        "publish.yml must set REQUIRE_SITE_TESTS where it runs `make test`, as .ci/run does, "
        "or a runner without Quarto skips the site tests and publishes anyway"
    )


def test_the_workflow_installs_the_quarto_the_project_is_tested_with():
    versions = [str(step["with"]["version"]) for step in steps() if step.get("uses", "").startswith("quarto-dev/quarto-actions/setup@")]
    assert versions == [QUARTO_VERSION]
