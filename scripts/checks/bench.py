"""Benchmarks: what `make test` costs next to a render of the site, how long each post takes to
run, and the speed claims the posts make.

Targets: `make test` (Lighthouse's untimed audits included) costs at most 3.5 cold renders; the
vectorised sampler is more than a thousand times faster than the loop, as the first post says; the
EM post's from-scratch EM is at least 1.5 times as fast as scikit-learn's GaussianMixture from the
same start. The third post runs as a notebook in at most 30 s, and its batched EM is at least ten times as fast
as fitting the same problems one at a time with scikit-learn from the same starts. The fourth post runs as a notebook
in at most 15 s, and its EM in two dimensions (full covariances) is at least 1.5 times as fast as scikit-learn's from
the same start, as the EM post's is. Run with `make bench`.

A cold render is `quarto render` of a fresh copy of the project without _freeze/, so every post
executes once per format; a warm one keeps _freeze/, as a publish from a clone does. Both run in
scratch copies, so the work tree is left alone. Without Quarto only the rest is measured.

What an author waits for, each next to what Quarto alone takes on the same content (a second scratch copy whose
_quarto.yml has no `post-render:`), both copies rendered once first: `quarto render` again (frozen), `quarto render`
of each post, and `quarto preview` serving a one-word prose edit to each post, from the write to the served page
holding it. Target: the preview serves the edit within 1.25 times what Quarto alone takes. Both are measured in one
run, side by side, because a ratio holds on a busy machine and a number of seconds does not.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import timeit
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from time import monotonic, perf_counter, sleep

import numpy as np
import yaml
from sklearn.mixture import GaussianMixture

from scripts.dataset import gmm_data
from scripts.notebooks import post_notebook
from scripts.notebooks.execute_post import execute
from scripts.notebooks.post_code import run_post_code
from scripts.checks.preview import free_port, served_after, tail

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
FAITHFUL_POST = "gmm-faithful"
# The fourth post's run as a notebook, kernel start included, in seconds.
FAITHFUL_RUN_BUDGET = 15.0
# Each post's run budget, where it has one.
RUN_BUDGETS = {HOW_MANY_POST: HOW_MANY_RUN_BUDGET, FAITHFUL_POST: FAITHFUL_RUN_BUDGET}
# The preview serving a prose edit, over Quarto alone serving the same edit, must take at most this.
PREVIEW_EDIT_BUDGET = 1.25
# The one-word edits made to each post's first paragraph of prose in turn, in each preview: the first inserts a word,
# each next replaces it; the best time is reported. Three, as one render of the same edit here took 7.8 s and the
# next 9.5 s.
EDIT_WORDS = ("indeed", "truly", "really")
# How long a preview may take to start, and to serve an edit, before bench gives up on it.
PREVIEW_STARTS_WITHIN = 600
EDIT_SERVED_WITHIN = 600


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
    """Print how long each post takes to execute as a notebook, kernel start included; return whether every post
    with a budget (RUN_BUDGETS) is within it."""
    within = True
    for qmd in post_notebook.posts():
        name = post_notebook.slug(qmd)
        elapsed = seconds(lambda: execute(post_notebook.convert(qmd), RUN_DIR, name=name))
        budget = f"  (target: at most {RUN_BUDGETS[name]:g} s)" if name in RUN_BUDGETS else ""
        print(f"run {name + ':':<22} {elapsed:6.2f} s{budget}")
        within = within and elapsed <= RUN_BUDGETS.get(name, float("inf"))
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


def faithful_em_against_scikit_learn():
    """Print the fourth post's EM (two components, full covariances) and scikit-learn's, timed from the start its
    check uses; return whether ours is fast enough."""
    post = post_namespace(FAITHFUL_POST)
    X, em, tol = post["X"], post["em"], post["CHECK_TOL"]
    start = post["checks"]["full"][0]
    ours = em(X, *start, "full", tol=tol)

    def scikit_learn():
        weights, means, covs = start
        # With weights_init, means_init and precisions_init all given, GaussianMixture runs no initialisation.
        return GaussianMixture(
            n_components=len(weights), covariance_type="full", weights_init=weights, means_init=means,
            precisions_init=post["precisions"](covs, "full"), reg_covar=0, tol=tol, max_iter=1000,
        ).fit(X)

    theirs = scikit_learn()
    difference = max(np.abs(ours.weights - theirs.weights_).max(), np.abs(ours.means - theirs.means_).max(),
                     np.abs(ours.covs - theirs.covariances_).max())
    if difference > post["SAME"] or theirs.n_iter_ != ours.iterations:
        print(f"2-D EM and scikit-learn differ ({difference:.2g} in a parameter, {ours.iterations} against "
              f"{theirs.n_iter_} iterations); their times mean nothing")
        return False
    ours_times, theirs_times = [], []
    for _ in range(REPEATS_OF_EM):
        ours_times.append(timeit.timeit(lambda: em(X, *start, "full", tol=tol), number=EM_RUNS) / EM_RUNS)
        theirs_times.append(timeit.timeit(scikit_learn, number=EM_RUNS) / EM_RUNS)
    ours_time, theirs_time = min(ours_times), min(theirs_times)
    print(f"2-D EM (fourth post):      {ours_time * 1e3:8.3f} ms  ({ours.iterations} iterations)")
    print(f"scikit-learn, 2-D:         {theirs_time * 1e3:8.3f} ms  ({theirs.n_iter_} iterations)")
    print(f"scikit-learn / ours:       {theirs_time / ours_time:8.2f}    (target: at least {EM_SPEED_UP:g})")
    return theirs_time >= EM_SPEED_UP * ours_time


def quarto_env():
    """The environment `make render` and `make preview` run Quarto in: this Python first on PATH."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def without_post_render(project):
    """project with `post-render:` and its list deleted from _quarto.yml, every other setting as it was; return it."""
    config = project / "_quarto.yml"
    text = config.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if re.match(r"\s*post-render:", line)]
    if len(starts) != 1:
        raise RuntimeError(f"{config} has {len(starts)} `post-render:` lines; bench deletes exactly one")
    start = end = starts[0]
    indent = len(lines[start]) - len(lines[start].lstrip())
    end += 1
    # Its list: every line below it indented further (comments included), and blank lines between.
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    kept = "".join(lines[:start] + lines[end:])
    expected = yaml.safe_load(text)
    expected.get("project", {}).pop("post-render", None)
    if yaml.safe_load(kept) != expected:
        raise RuntimeError(f"deleting `post-render:` from {config} would change other settings: bench needs fixing")
    config.write_text(kept, encoding="utf-8")
    return project


def rendered_pair(scratch):
    """Two copies of the project in scratch, each rendered once as an author's first `make render`: one as it is, one
    without its post-render steps (Quarto alone). Print both renders; return (with the steps, Quarto alone)."""
    pair = (post_notebook.copy_project(scratch / "with-post-render"),
            without_post_render(post_notebook.copy_project(scratch / "quarto-alone")))
    first = [seconds(lambda: post_notebook.render(project)) for project in pair]
    print(f"{'':<27}{'post-render':>11}  {'Quarto alone':>12}  {'ratio':>6}")
    side_by_side("first render (_freeze/):", *first)
    return pair


def side_by_side(label, with_steps, alone, note=""):
    print(f"{label:<27}{with_steps:9.2f} s  {alone:10.2f} s  {with_steps / alone:6.2f}{note}")


def render_again(pair):
    """`quarto render` again in each rendered copy (frozen, after a render), taken in turns; print the best of each."""
    times = [[], []]
    for _ in range(REPEATS):
        for project, taken in zip(pair, times):
            taken.append(seconds(lambda: post_notebook.render(project)))
    side_by_side("render again (frozen):", min(times[0]), min(times[1]), f"  (best of {REPEATS})")


def one_post_renders(pair, names):
    """`quarto render posts/<slug>/index.qmd` of each post in each rendered copy, after a full render; print them."""
    for name in names:
        with_steps, alone = (seconds(lambda: post_notebook.render(project, f"posts/{name}/index.qmd"))
                             for project in pair)
        side_by_side(f"render {name}:", with_steps, alone)


def preview_edits(pair, names):
    """Each post's one-word prose edits served by `quarto preview` in each rendered copy; print the best times and
    return whether each post's is served within PREVIEW_EDIT_BUDGET times Quarto alone's."""
    within = True
    for name in names:
        with_steps, alone = preview_edit(pair, name)
        met = with_steps <= PREVIEW_EDIT_BUDGET * alone
        verdict = "met" if met else "missed"
        side_by_side(f"preview edit {name}:", with_steps, alone,
                     f"  (best of {len(EDIT_WORDS)}; target: at most {PREVIEW_EDIT_BUDGET:g}, {verdict})")
        within = within and met
    return within


# The first paragraph of prose: lines outside code, divs and display math that start no other block.
FENCE = re.compile(r"\s*(`{3,}|~{3,})")
DIV_FENCE = re.compile(r"\s*:{3,}\s*(\S?)")
OTHER_BLOCK = re.compile(r"\s*(#|[-*+]\s|\d+[.)]\s|>|\||<|!\[|\{\{<|\$\$|:::|```|~~~)")
# Spans whose words are not prose as a reader sees them: inline math and code, link targets, attributes, tags.
NOT_PROSE = re.compile(r"\$[^$]*\$|`[^`]*`|\]\([^)]*\)|\{[^}]*\}|<[^>]*>")
WORD_PAIR = re.compile(r"(?<!\S)([A-Za-z]+) ([A-Za-z]+)(?!\S)")


def first_paragraph(lines):
    """The indexes into lines (a post's source) of its first paragraph of prose after the front matter."""
    number, fence, divs, math, paragraph = 0, None, 0, False, []
    if lines and lines[0].strip() == "---":
        number = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")) + 1
    for number in range(number, len(lines)):
        line = lines[number]
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif (div := DIV_FENCE.match(line)):
            divs += 1 if div.group(1) else -1
        elif line.strip().startswith("$$"):
            # `$$ ... $$` on one line opens and closes; a closing `$$ {#eq-label}` ends in its label.
            math ^= line.strip() == "$$" or not line.strip().endswith("$$")
        if paragraph and (not line.strip() or fence or divs or math or OTHER_BLOCK.match(line)):
            return paragraph
        if line.strip() and not (fence or opening or divs or math or OTHER_BLOCK.match(line)):
            paragraph.append(number)
    return paragraph


def prose_edit(text, word):
    """text (a post's source) with word inserted between the first two plain words of its first paragraph of prose,
    and the three words as the page will show them."""
    lines = text.splitlines(keepends=True)
    for number in first_paragraph(lines):
        masked = NOT_PROSE.sub(lambda span: "\0" * len(span.group()), lines[number])
        for pair in WORD_PAIR.finditer(masked):
            phrase = f"{pair.group(1)} {word} {pair.group(2)}"
            if phrase not in " ".join(text.split()):
                lines[number] = f"{lines[number][:pair.end(1)]} {word}{lines[number][pair.end(1):]}"
                return "".join(lines), phrase
    raise ValueError(f"no two plain words found in the first paragraph of prose to put {word!r} between")


def fetched(url):
    """The page at url with its whitespace collapsed, or None while it is not served. A request can wait on a render."""
    try:
        with urllib.request.urlopen(url, timeout=EDIT_SERVED_WITHIN) as response:
            return " ".join(response.read().decode("utf-8", errors="replace").split())
    except (urllib.error.URLError, OSError):
        return None


class Preview:
    """`quarto preview --no-browser` of one post in project, started as `make preview` starts it, once it serves the
    post; edit() times a one-word edit from the write to the served page holding it; stop() ends it and puts the
    post back as it was."""

    def __init__(self, project, name):
        self.qmd = post_notebook.post(name, project)
        self.original = self.qmd.read_text(encoding="utf-8")
        self.port = free_port()
        self.page = f"http://localhost:{self.port}/posts/{name}/index.html"
        self.log = project.parent / f"preview-{project.name}-{name}.log"
        with self.log.open("w", encoding="utf-8") as output:
            self.process = subprocess.Popen(["quarto", "preview", "--no-browser", "--port", str(self.port)],
                                            cwd=project, env=quarto_env(), stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = monotonic() + PREVIEW_STARTS_WITHIN
        while (body := fetched(self.page)) is None:
            if self.process.poll() is not None or monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"quarto preview did not serve {self.page}:\n{tail(self.log)}")
            sleep(0.5)

    def edit(self, word):
        edited, phrase = prose_edit(self.original, word)
        if phrase in (fetched(self.page) or ""):
            raise RuntimeError(f"{self.page} already holds {phrase!r}, the edit bench would look for")
        return served_after(lambda: self.qmd.write_text(edited, encoding="utf-8"), self.port,
                            urllib.parse.urlsplit(self.page).path, lambda: phrase in (fetched(self.page) or ""),
                            EDIT_SERVED_WITHIN, self.process, self.log)

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.qmd.write_text(self.original, encoding="utf-8")


def preview_edit(pair, name):
    """The best times of each copy of pair (with the steps, Quarto alone) serving EDIT_WORDS' edits to the post's first
    paragraph of prose. Both previews run at once and the edits alternate between them, so that a machine busier for
    a while slows both sides alike; the other preview sits idle while one renders."""
    previews = []
    try:
        for project in pair:
            previews.append(Preview(project, name))
        times = [[], []]
        for word in EDIT_WORDS:
            for preview, taken in zip(previews, times):
                taken.append(preview.edit(word))
        return tuple(min(taken) for taken in times)
    finally:
        for preview in previews:
            preview.stop()


def author_waits(names=None):
    """What an author waits for after a render, with the post-render steps and with Quarto alone, side by side: a
    render again, a render of each post (or of names) and a prose edit served by the preview. Return whether each
    edit is served within its budget."""
    if not shutil.which("quarto"):
        print("Quarto is not on PATH: no render, one-post render or preview measured against Quarto alone.")
        return True
    names = names or [post_notebook.slug(qmd) for qmd in post_notebook.posts()]
    with tempfile.TemporaryDirectory() as scratch:
        pair = rendered_pair(Path(scratch))
        render_again(pair)
        one_post_renders(pair, names)
        return preview_edits(pair, names)


def main():
    make("setup")
    within_budget = suite_against_renders()
    edits_within_budget = author_waits()
    post_within_budget = post_runs()
    samplers_agree = sampler_speed_up()
    em_fast_enough = em_against_scikit_learn()
    batch_fast_enough = batched_em_against_scikit_learn()
    em_2d_fast_enough = faithful_em_against_scikit_learn()
    checks = (within_budget, edits_within_budget, post_within_budget, samplers_agree, em_fast_enough,
              batch_fast_enough, em_2d_fast_enough)
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
