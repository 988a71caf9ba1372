"""Benchmarks: the test suite's cost against one execution of the post, and the vectorised sampler's speed-up.

Targets: `make test` costs at most 4 executions of the post; the vectorised sampler is
more than a thousand times faster than the loop, as the post says. Run with `make bench`.

One execution of the post is `make notebook`: a fresh process converts the .qmd, starts
a kernel, runs every cell and writes the notebook and its page, as a reader does once.
The kernel run alone, in a process that has already imported everything, is printed too.
"""

import subprocess
import sys
import timeit
from time import perf_counter

import numpy as np

import gmm_data
import post_notebook
from execute_post import execute

SUITE_BUDGET = 4.0
REPEATS = 3


def seconds(action):
    start = perf_counter()
    action()
    return perf_counter() - start


def make(target):
    subprocess.run(["make", "--no-print-directory", target], cwd=post_notebook.ROOT, check=True, capture_output=True)


def execute_in_this_process():
    execute(post_notebook.convert(), post_notebook.ROOT / "build" / "bench")


def vectorised_sampler():
    np.random.seed(gmm_data.SEED)
    components = np.random.choice([0, 1, 2], size=gmm_data.SIZE, p=gmm_data.WEIGHTS)
    means = np.array([component["loc"] for component in gmm_data.PARAMS])[components]
    stds = np.array([component["scale"] for component in gmm_data.PARAMS])[components]
    return np.random.normal(means, stds)


def main():
    make("setup")
    post = min(seconds(lambda: make("notebook")) for _ in range(REPEATS))
    kernel_only = min(seconds(execute_in_this_process) for _ in range(REPEATS))
    suite = min(seconds(lambda: make("test")) for _ in range(REPEATS))
    ratio = suite / post
    print(f"one execution of the post: {post:6.2f} s  (make notebook, best of {REPEATS})")
    print(f"  kernel run alone:        {kernel_only:6.2f} s  (in a process with everything imported)")
    print(f"make test after set-up:    {suite:6.2f} s  (best of {REPEATS})")
    print(f"ratio:                     {ratio:6.2f}    (target: at most {SUITE_BUDGET:g})")

    if not np.array_equal(vectorised_sampler(), gmm_data.draw_sample()):
        print("the vectorised sampler no longer gives the loop's numbers; its speed-up means nothing")
        return 1
    loop = min(timeit.repeat(gmm_data.draw_sample, number=1, repeat=REPEATS))
    vectorised = min(timeit.repeat(vectorised_sampler, number=100, repeat=REPEATS)) / 100
    print(f"loop sampler:              {loop * 1e3:8.3f} ms")
    print(f"vectorised sampler:        {vectorised * 1e3:8.3f} ms  ({loop / vectorised:,.0f} times faster)")
    return 0 if ratio <= SUITE_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
