"""The explorable figures, driven in Chromium as a reader drives them: the first post's mixture, whose
log-likelihood the page computes and Python checks, the EM post's replay of the iterations its Python ran, the
third post's choice of the number of components, whose fits and picks the test recomputes from the data, and the
fourth post's choice of covariance structure and components, whose log-likelihood and BIC the test recomputes.
Saves a screenshot of each figure in both themes under build/screenshots/."""

import json

import numpy as np
import pytest
from scipy.special import logsumexp
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, expect
from scipy.stats import multivariate_normal, norm

from conftest import ROOT, SCREENSHOTS, toggle_to_dark
from test_site_pages import blocking_violations

MIXTURE_PAGE = "posts/gmm-first-look/index.html"
EM_PAGE = "posts/gmm-em/index.html"
HOW_MANY_PAGE = "posts/gmm-how-many/index.html"
FAITHFUL_PAGE = "posts/gmm-faithful/index.html"
# What each page's explorable draws once its runtime has run: the first three posts draw a density curve.
DRAWN = {FAITHFUL_PAGE: ".explorable svg .component-ellipses path"}
EXPLORABLE = ".explorable"
TRUE_MIXTURE = {"weights": [0.2, 0.7, 0.1], "means": [10, 15, 21], "stds": [1, 2, 0.5]}
NAMES = {"weights": "weight φ{}", "means": "mean μ{}", "stds": "std. dev. σ{}"}
# Parameter sets to type into the number boxes: raw weights, which the page normalises.
TYPED = [
    {"weights": [0.3, 0.5, 0.2], "means": [9.5, 15.2, 21.1], "stds": [0.9, 2.1, 0.45]},
    {"weights": [1, 1, 1], "means": [8, 14, 20], "stds": [1.5, 1.5, 1.5]},
]


@pytest.fixture(scope="module")
def observations():
    return np.load(ROOT / "data" / "gmm-data.npy")


def log_likelihood(x, weights, means, stds):
    """The log-likelihood of x under the mixture, weights normalised as the page does."""
    weights = np.asarray(weights, dtype=float) / np.sum(weights)
    log_joint = np.log(weights)[:, None] + norm.logpdf(x, np.asarray(means)[:, None], np.asarray(stds)[:, None])
    return logsumexp(log_joint, axis=0).sum()


def open_explorable(open_page, path):
    """The page with its explorable figure scrolled into view and drawn."""
    reader = open_page(path)
    reader.page.locator(".explorable").scroll_into_view_if_needed()
    try:
        reader.page.wait_for_selector(DRAWN.get(path, ".explorable svg .marginal-density path"))
        reader.page.wait_for_selector(".explorable-readout .log-likelihood")
    except PlaywrightTimeoutError:
        # A refused library shows up only as a figure that never comes: name what the page met.
        pytest.fail(f"{path}: the explorable figure was never drawn; the page met {reader.problems or 'no problem'}")
    return reader


@pytest.fixture(scope="module")
def mixture(open_page):
    """One load of the first post's explorable, for the tests that set every control they read, with the readout
    it started with. The page's runtime loads lazily and takes a second or two: a page per test would cost that each."""
    page = open_explorable(open_page, MIXTURE_PAGE).page
    return page, readout(page)


@pytest.fixture(scope="module")
def em_replay(open_page):
    """One load of the EM post's explorable, for the tests that choose the start and the iteration they read."""
    return open_explorable(open_page, EM_PAGE).page


def readout(page, part="log-likelihood"):
    return page.locator(f".explorable-readout .{part}").inner_text()


def expect_readout(page, text, part="log-likelihood"):
    """The readout comes to show text: the page redraws a moment after a control changes, so this waits (5 s at most)."""
    expect(page.locator(f".explorable-readout .{part}")).to_have_text(text)


def type_parameters(page, parameters):
    for key, name in NAMES.items():
        for y, value in enumerate(parameters[key], start=1):
            page.get_by_label(name.format(y), exact=True).fill(str(value))


# First post: explore the mixture.

def test_mixture_readout_starts_at_the_true_parameters_log_likelihood(mixture, observations):
    _, started_at = mixture
    assert started_at == f"{log_likelihood(observations, **TRUE_MIXTURE):.2f}"


def test_mixture_readout_follows_parameters_set_from_the_keyboard(open_page, observations):
    page = open_explorable(open_page, MIXTURE_PAGE).page
    # Each slider steps by its step: mean 0.1, standard deviation 0.05, weight 0.01.
    page.get_by_label("mean μ2, component 2").press("ArrowRight")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    for _ in range(4):
        page.get_by_label("std. dev. σ1, component 1").press("ArrowLeft")
    for _ in range(10):
        page.get_by_label("weight φ3, component 3").press("ArrowUp")
    moved = {"weights": [0.2, 0.7, 0.2], "means": [10, 15.6, 21], "stds": [0.8, 2, 0.5]}
    expect_readout(page, f"{log_likelihood(observations, **moved):.2f}")


@pytest.mark.parametrize("parameters", TYPED)
def test_mixture_readout_follows_parameters_typed_in(mixture, observations, parameters):
    page, _ = mixture
    type_parameters(page, parameters)
    expect_readout(page, f"{log_likelihood(observations, **parameters):.2f}")


def test_mixture_shows_the_weights_normalised(mixture):
    page, _ = mixture
    type_parameters(page, TYPED[0])
    expect_readout(page, "0.300, 0.500, 0.200", "normalised-weights")


def test_marginal_redraws_when_a_control_moves_and_reset_restores_it(open_page):
    page = open_explorable(open_page, MIXTURE_PAGE).page
    marginal = page.locator(".explorable svg .marginal-density path")
    first = (marginal.get_attribute("d"), readout(page))
    page.get_by_label("mean μ1, component 1").press("ArrowRight")
    expect(page.locator(".explorable-readout .log-likelihood")).not_to_have_text(first[1])
    moved = marginal.get_attribute("d")
    page.get_by_role("button", name="Reset to the true parameters").click()
    expect_readout(page, first[1])
    assert moved != first[0] and marginal.get_attribute("d") == first[0]


def test_mixture_names_the_true_and_ems_log_likelihoods(mixture, observations, post_run):
    page, _ = mixture
    fitted = post_run("gmm-em")[0]["log_likelihoods"][-1]
    assert (readout(page, "true-log-likelihood"), readout(page, "em-log-likelihood")) == (
        f"{log_likelihood(observations, **TRUE_MIXTURE):.2f}", f"{fitted:.2f}")


# EM post: step through EM.

@pytest.fixture(scope="module")
def em_iterations(post_run):
    """(log-likelihood, means) at iterations 0, 1 and the last of each seed's run, from the post's own functions."""
    post = post_run("gmm-em")[0]
    x, em, e_step, m_step = post["x"], post["em"], post["e_step"], post["m_step"]
    runs = {}
    for seed in (1, 0):
        start = post["initial_parameters"](x, seed)
        resp, start_log_likelihood = e_step(x, *start)
        after_one = m_step(x, resp)
        *fitted, log_likelihoods = em(x, *start)
        runs[f"seed {seed}"] = {
            0: (start_log_likelihood, start[1]),
            1: (e_step(x, *after_one)[1], after_one[1]),
            len(log_likelihoods) - 1: (log_likelihoods[-1], fitted[1]),
        }
    return runs


def show_iteration(page, seed, iteration):
    page.get_by_label(seed, exact=True).check()
    # A new start brings a new iteration control; the readout names the start once it is there.
    expect(page.locator(".explorable-readout")).to_contain_text(f"{seed}, iteration")
    page.get_by_role("spinbutton", name="Iteration").fill(str(iteration))
    page.wait_for_function(
        "t => document.querySelector('.explorable-readout .iteration')?.textContent === String(t)", arg=iteration
    )


@pytest.mark.parametrize("seed", ["seed 1", "seed 0"])
@pytest.mark.parametrize("which", ["first", "second", "last"])
def test_em_readout_shows_pythons_log_likelihood_and_means(em_replay, em_iterations, seed, which):
    page = em_replay
    iteration = sorted(em_iterations[seed])[["first", "second", "last"].index(which)]
    show_iteration(page, seed, iteration)
    expected_log_likelihood, expected_means = em_iterations[seed][iteration]
    expect_readout(page, f"{expected_log_likelihood:.2f}")
    expect_readout(page, ", ".join(f"{mean:.3f}" for mean in expected_means), "means")


def test_em_iteration_control_ends_at_the_last_iteration(em_replay, em_iterations):
    page = em_replay
    for seed, iterations in em_iterations.items():
        page.get_by_label(seed, exact=True).check()
        expect(page.get_by_role("slider", name="Iteration")).to_have_attribute("max", str(max(iterations)))


def test_em_nothing_moves_until_play_is_pressed(open_page):
    page = open_explorable(open_page, EM_PAGE).page
    assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
    marker = page.locator(".explorable svg .iteration-marker circle")
    before = (readout(page, "iteration"), marker.get_attribute("cx"))
    page.wait_for_timeout(1500)
    assert (readout(page, "iteration"), marker.get_attribute("cx")) == before == ("0", before[1])
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("() => document.querySelector('.explorable-readout .iteration').textContent !== '0'")


# Third post: how many components.

def page_data(site, path):
    """What the page's ojs_define passed it, by name, as the page fetches it (lighten/ojs_on_demand.py)."""
    contents = json.loads((site / path).with_suffix(".ojs-define.json").read_text(encoding="utf-8"))["contents"]
    return {item["name"]: item["value"] for item in contents}


def parameters(fit):
    return {key: fit[key] for key in NAMES}


def test_how_many_readout_follows_points_and_components_chosen_from_the_keyboard(open_page, site, observations):
    page = open_explorable(open_page, HOW_MANY_PAGE).page
    # The radio buttons start at 200 points; two steps back is 50. The slider starts at 3 components; one up is 4.
    page.get_by_label("200", exact=True).press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.get_by_role("slider", name="Components m").press("ArrowRight")
    fits = page_data(site, HOW_MANY_PAGE)["selection"]["50"]["fits"]
    first = observations[:50]
    expect_readout(page, "50", "size")
    expect_readout(page, f"{log_likelihood(first, **parameters(fits[3])):.2f}")
    # AIC recomputed from each fit's parameters: -2 log-likelihood + 2 (3m - 1), lowest wins.
    aic = [np.inf if fit is None else -2 * log_likelihood(first, **parameters(fit)) + 2 * (3 * m - 1)
           for m, fit in enumerate(fits, start=1)]
    expect_readout(page, str(1 + int(np.argmin(aic))), "aic-pick")
    # The repeated-sampling shares the readout quotes, rounded as the page rounds them (Math.round).
    shares = page_data(site, HOW_MANY_PAGE)["selection"]["50"]["shares"]
    assert all(sum(share) == pytest.approx(1) for share in shares.values())
    expect_readout(page, f"{int(np.floor(shares['BIC'][2] * 100 + 0.5))}%", "bic-three")
    expect_readout(page, f"{int(np.floor(sum(shares['AIC'][3:]) * 100 + 0.5))}%", "aic-more")


# Fourth post: covariance structures.

def test_faithful_readout_follows_structure_and_components_chosen_from_the_keyboard(open_page, site):
    page = open_explorable(open_page, FAITHFUL_PAGE).page
    # The radio buttons start at BIC's pick, tied; one step on is diag. The slider starts at 3 components; one down is 2.
    page.get_by_label("tied (EEE)", exact=True).press("ArrowRight")
    page.get_by_role("slider", name="Components m").press("ArrowLeft")
    explored = page_data(site, FAITHFUL_PAGE)["structures_explored"]
    fit, points = explored["fits"]["diag"][1], np.array(explored["points"])
    # Recomputed from the fit's parameters and the data file, with SciPy's density.
    data = np.loadtxt(ROOT / "data" / "faithful.csv", delimiter=",", skiprows=1)
    assert np.array_equal(points, data)
    joint = [np.log(w) + multivariate_normal(mean, cov).logpdf(data)
             for w, mean, cov in zip(fit["weights"], fit["means"], fit["covs"])]
    log_lik = logsumexp(joint, axis=0).sum()
    expect_readout(page, "2", "components")
    expect_readout(page, f"{log_lik:.2f}")
    # A diagonal mixture of m components in two dimensions has 5m - 1 free parameters.
    expect_readout(page, f"{-2 * log_lik + 9 * np.log(len(data)):.1f}", "bic")


# All: nothing from another host, axe clean in both themes, screenshots.

@pytest.fixture(scope="module", params=[("mixture", MIXTURE_PAGE), ("em", EM_PAGE), ("how-many", HOW_MANY_PAGE),
                                        ("faithful", FAITHFUL_PAGE)],
                ids=["mixture", "em", "how-many", "faithful"])
def explored(request, open_page):
    """Each explorable drawn, checked by axe and screenshotted in the light theme and then the dark.

    axe looks at the figure alone: test_site_pages checks the rest of the page in both themes, where the figure is not
    yet drawn (its runtime loads as the reader nears it); on the EM post a second whole-page run cost seconds a theme."""
    name, path = request.param
    reader = open_explorable(open_page, path)
    figure = reader.page.locator(EXPLORABLE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figure.screenshot(path=SCREENSHOTS / f"explorable-{name}-light.png")
    light = blocking_violations(reader.page, within=EXPLORABLE)
    # The navbar, which holds the theme toggle, hides while the page is scrolled down.
    reader.page.evaluate("() => window.scrollTo(0, 0)")
    toggle_to_dark(reader.page)
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=SCREENSHOTS / f"explorable-{name}-dark.png")
    return {"problems": reader.problems, "light": light, "dark": blocking_violations(reader.page, within=EXPLORABLE)}


def test_explorable_loads_nothing_from_another_host(explored):
    assert explored["problems"] == []


def test_explorable_has_no_serious_accessibility_violation_in_the_light_theme(explored):
    assert explored["light"] == []


def test_explorable_has_no_serious_accessibility_violation_in_the_dark_theme(explored):
    assert explored["dark"] == []
