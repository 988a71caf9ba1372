"""Benchmarks: what `make test` costs next to a render of the site, how long each post takes to
run, and the speed claims the posts make.

Targets: `make test` (Lighthouse's untimed audits included) costs at most 3.5 cold renders; the
vectorised sampler is more than a thousand times faster than the loop, as the first post says; the
EM post's from-scratch EM is at least 1.5 times as fast as scikit-learn's GaussianMixture from the
same start. The third post runs as a notebook in at most 30 s, and its batched EM is at least ten times as fast
as fitting the same problems one at a time with scikit-learn from the same starts. Run with `make bench`.

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
from sklearn.mixture import GaussianMixture

# A script run as a file sees only its own folder of scripts/; these modules live in scripts/notebooks and scripts/dataset.
sys.path[1:1] = [str(Path(__file__).resolve().parents[1] / folder) for folder in ("notebooks", "dataset")]
import gmm_data
import post_notebook
from execute_post import execute
from post_code import run_post_code

SUITE_BUDGET_IN_COLD_RENDERS = 3.5
REPEATS = 2
# Two folders below the root, like the posts, so their relative data path holds.
RUN_DIR = post_notebook.ROOT / "build" / "bench"
EM_POST = "gmm-em"
# The EM post's tolerance for "the same parameters" as scikit-learn's.
SAME_PARAMETERS = 1e-6
# scikit-learn's time over the from-scratch EM's, from the same start, must be at least this.
EM_SPEED_UP = 1.5
EM_RUNS = 10
REPEATS_OF_EM = 5
HOW_MANY_POST = "gmm-how-many"
# The third post's run as a notebook, kernel start included, in seconds; and its batched EM's speed-up.
HOW_MANY_RUN_BUDGET = 30.0
BATCHED_SPEED_UP = 10.0


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


def post_namespace(slug):
    """The names the post's code defines, run in this process in a scratch copy of the posts (it may write there)."""
    with tempfile.TemporaryDirectory() as scratch:
        qmd = post_notebook.post(slug, post_notebook.copy_posts(scratch))
        namespace, _ = run_post_code(qmd, qmd.parent)
    return namespace


def post_runs():
    """Print how long each post takes to execute as a notebook, kernel start included; return whether the third
    post is within its budget."""
    within = True
    for qmd in post_notebook.posts():
        name = post_notebook.slug(qmd)
        elapsed = seconds(lambda: execute(post_notebook.convert(qmd), RUN_DIR, name=name))
        budget = f"  (target: at most {HOW_MANY_RUN_BUDGET:g} s)" if name == HOW_MANY_POST else ""
        print(f"run {name + ':':<22} {elapsed:6.2f} s{budget}")
        within = within and (name != HOW_MANY_POST or elapsed <= HOW_MANY_RUN_BUDGET)
    return within


def batched_em_against_scikit_learn():
    """The third post's bootstrap problems (samples from its three-component fit, each fitted with four components
    from the data's four-component fit and two random starts) fitted in one batch and one by one with scikit-learn;
    print both times and return whether the batch is fast enough."""
    post = post_namespace(HOW_MANY_POST)
    rng = np.random.default_rng(0)
    three, four = post["path"][2], post["path"][3]
    samples = [post["draw"](three, len(post["x"]), rng) for _ in range(post["REPLICATES"])]
    problems = [(s, four.weights, four.means, four.stds) for s in samples]
    problems += [(s, *post["random_start"](s, 4, rng)) for _ in range(2) for s in samples]
    batched = min(seconds(lambda: post["fit_all"](problems)) for _ in range(REPEATS))

    def one_by_one():
        for data, weights, means, stds in problems:
            GaussianMixture(
                n_components=len(weights), covariance_type="diag", tol=post["TOL"], max_iter=post["MAX_ITER"],
                weights_init=weights, means_init=means[:, None], precisions_init=1 / stds[:, None] ** 2,
            ).fit(data[:, None])

    scikit_learn = seconds(one_by_one)
    print(f"batched EM, {len(problems)} fits:     {batched:6.2f} s")
    print(f"scikit-learn, one by one:  {scikit_learn:6.2f} s")
    print(f"scikit-learn / batched:    {scikit_learn / batched:6.2f}    (target: at least {BATCHED_SPEED_UP:g})")
    return scikit_learn >= BATCHED_SPEED_UP * batched


def em_against_scikit_learn():
    """Print the EM post's EM and scikit-learn's, timed from the same start; return whether ours is fast enough."""
    post = post_namespace(EM_POST)
    x, em = post["x"], post["em"]
    start = post["initial_parameters"](x, post["SEED"])
    ours = em(x, *start)

    def scikit_learn():
        weights, means, stds = start
        # With weights_init, means_init and precisions_init all given, GaussianMixture skips its initialisation
        # (init_params is never used, no k-means runs), so only EM is timed.
        model = GaussianMixture(
            n_components=len(weights), covariance_type="diag", weights_init=weights, means_init=means.reshape(-1, 1),
            precisions_init=(1 / stds**2).reshape(-1, 1), reg_covar=0, tol=1e-8, max_iter=1000,
        )
        return model.fit(x.reshape(-1, 1))

    theirs = scikit_learn()
    difference = max(
        np.abs(ours[0] - theirs.weights_).max(),
        np.abs(ours[1] - theirs.means_.ravel()).max(),
        np.abs(ours[2] - np.sqrt(theirs.covariances_.ravel())).max(),
    )
    if difference > SAME_PARAMETERS:
        print(f"EM and scikit-learn differ by {difference:.2g} in a parameter; their times mean nothing")
        return False
    if theirs.n_iter_ != len(ours[3]) - 1:
        print(f"EM ran {len(ours[3]) - 1} iterations and scikit-learn {theirs.n_iter_}; their times mean nothing")
        return False
    # Taken in turns, so that a burst of load from elsewhere on the machine slows both alike.
    ours_times, theirs_times = [], []
    for _ in range(REPEATS_OF_EM):
        ours_times.append(timeit.timeit(lambda: em(x, *start), number=EM_RUNS) / EM_RUNS)
        theirs_times.append(timeit.timeit(scikit_learn, number=EM_RUNS) / EM_RUNS)
    ours_time, theirs_time = min(ours_times), min(theirs_times)
    print(f"from-scratch EM:           {ours_time * 1e3:8.3f} ms  ({len(ours[3]) - 1} iterations)")
    print(f"scikit-learn EM:           {theirs_time * 1e3:8.3f} ms  ({theirs.n_iter_} iterations)")
    print(f"scikit-learn / ours:       {theirs_time / ours_time:8.2f}    (target: at least {EM_SPEED_UP:g})")
    return theirs_time >= EM_SPEED_UP * ours_time


def main():
    make("setup")
    within_budget = suite_against_renders()
    post_within_budget = post_runs()
    samplers_agree = sampler_speed_up()
    em_fast_enough = em_against_scikit_learn()
    batch_fast_enough = batched_em_against_scikit_learn()
    checks = (within_budget, post_within_budget, samplers_agree, em_fast_enough, batch_fast_enough)
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
