"""Benchmarks: what `make test` costs next to a render of the site, and the vectorised sampler's speed-up.

Targets: `make test` costs at most 3 cold renders; the vectorised sampler is more than a thousand
times faster than the loop, as the post says. Run with `make bench`.

A cold render is `quarto render` of a fresh copy of the project without _freeze/, so every post
executes once per format; a warm one keeps _freeze/, as a publish from a clone does. Both run in
scratch copies, so the work tree is left alone. Without Quarto only the rest is measured.
"""

import shutil
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path
from time import perf_counter

import numpy as np

import gmm_data
import post_notebook

SUITE_BUDGET_IN_COLD_RENDERS = 3.0
REPEATS = 2


def seconds(action):
    start = perf_counter()
    action()
    return perf_counter() - start


def make(target):
    subprocess.run(["make", "--no-print-directory", target], cwd=post_notebook.ROOT, check=True, capture_output=True)


def render(keep_freeze):
    with tempfile.TemporaryDirectory() as scratch:
        project = post_notebook.copy_project(Path(scratch) / "project")
        if not keep_freeze:
            shutil.rmtree(project / "_freeze")
        return seconds(lambda: post_notebook.render(project))


def vectorised_sampler():
    np.random.seed(gmm_data.SEED)
    components = np.random.choice([0, 1, 2], size=gmm_data.SIZE, p=gmm_data.WEIGHTS)
    means = np.array([component["loc"] for component in gmm_data.PARAMS])[components]
    stds = np.array([component["scale"] for component in gmm_data.PARAMS])[components]
    return np.random.normal(means, stds)


def suite_against_renders():
    """Print the render and suite times; return whether the suite is within its budget."""
    suite = min(seconds(lambda: make("test")) for _ in range(REPEATS))
    print(f"make test after set-up:    {suite:6.2f} s  (best of {REPEATS})")
    if not shutil.which("quarto"):
        print("Quarto is not on PATH: no render measured, and make test ran without its site tests.")
        return True
    cold = min(render(keep_freeze=False) for _ in range(REPEATS))
    warm = min(render(keep_freeze=True) for _ in range(REPEATS))
    ratio = suite / cold
    print(f"cold render (no _freeze/): {cold:6.2f} s  (best of {REPEATS})")
    print(f"warm render (_freeze/):    {warm:6.2f} s  (best of {REPEATS})")
    print(f"make test / cold render:   {ratio:6.2f}    (target: at most {SUITE_BUDGET_IN_COLD_RENDERS:g})")
    return ratio <= SUITE_BUDGET_IN_COLD_RENDERS


def sampler_speed_up():
    """Print the two samplers' times; return whether they still give the same numbers."""
    if not np.array_equal(vectorised_sampler(), gmm_data.draw_sample()):
        print("the vectorised sampler no longer gives the loop's numbers; its speed-up means nothing")
        return False
    loop = min(timeit.repeat(gmm_data.draw_sample, number=1, repeat=3))
    vectorised = min(timeit.repeat(vectorised_sampler, number=100, repeat=3)) / 100
    print(f"loop sampler:              {loop * 1e3:8.3f} ms")
    print(f"vectorised sampler:        {vectorised * 1e3:8.3f} ms  ({loop / vectorised:,.0f} times faster)")
    return True


def main():
    make("setup")
    within_budget = suite_against_renders()
    samplers_agree = sampler_speed_up()
    return 0 if within_budget and samplers_agree else 1


if __name__ == "__main__":
    sys.exit(main())
