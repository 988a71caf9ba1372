"""What the third post computes, checked against scikit-learn and formulas written here, not the post's own helpers."""

import warnings

import numpy as np
import pytest
from scipy.stats import norm
from sklearn.mixture import GaussianMixture

SLUG = "gmm-how-many"


def sklearn_mixture(fit):
    """A GaussianMixture holding the fit's parameters, for its aic, bic and score."""
    mixture = GaussianMixture(n_components=len(fit.weights), covariance_type="diag")
    mixture.weights_, mixture.means_ = fit.weights, fit.means[:, None]
    mixture.covariances_, mixture.precisions_cholesky_ = fit.stds[:, None] ** 2, 1 / fit.stds[:, None]
    return mixture


def test_free_parameters_are_those_scikit_learn_counts(post_run):
    namespace, _ = post_run(SLUG)
    counted = []
    for k in range(1, 9):
        mixture = GaussianMixture(n_components=k, covariance_type="diag")
        mixture.means_ = np.zeros((k, 1))  # one feature: all _n_parameters reads of a fit
        counted.append(mixture._n_parameters())
    assert [namespace["parameter_count"](k) for k in range(1, 9)] == counted


def test_every_fits_log_likelihood_is_scikit_learns_score(post_run):
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    for fit in namespace["path"]:
        assert fit.log_likelihood == pytest.approx(sklearn_mixture(fit).score(x[:, None]) * len(x), rel=1e-12)


@pytest.mark.parametrize("criterion", ["AIC", "BIC"])
def test_criteria_table_is_scikit_learns(post_run, criterion):
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    theirs = [getattr(sklearn_mixture(fit), criterion.lower())(x[:, None]) for fit in namespace["path"]]
    assert np.allclose(namespace["scores"][criterion], theirs, rtol=1e-10, atol=0)


def test_icl_is_bic_plus_twice_the_entropy_of_bayes_responsibilities(post_run):
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    for k, fit in enumerate(namespace["path"], start=1):
        joint = fit.weights[:, None] * norm.pdf(x, fit.means[:, None], fit.stds[:, None])
        resp = joint / joint.sum(axis=0)
        entropy = -np.sum(np.where(resp > 0, resp * np.log(np.where(resp > 0, resp, 1)), 0))
        assert namespace["scores"]["ICL"][k - 1] == pytest.approx(namespace["scores"]["BIC"][k - 1] + 2 * entropy, rel=1e-9)


def test_batched_em_reaches_scikit_learns_fits_on_other_data_sizes_and_components(post_run):
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    rng = np.random.default_rng(11)
    sizes, ks = [1000, 300, 120, 600], [2, 4, 3, 5]
    data = np.zeros((4, 1000))
    weights, means, variances = np.zeros((4, 5)), np.zeros((4, 5)), np.ones((4, 5))
    for i, (size, k) in enumerate(zip(sizes, ks)):
        data[i, :size] = x[:size]
        weights[i, :k], means[i, :k], variances[i, :k] = 1 / k, rng.choice(x[:size], k, replace=False), x[:size].var()
    ours = namespace["batched_em"](data, sizes, weights, means, variances)
    for i, (size, k) in enumerate(zip(sizes, ks)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = GaussianMixture(
                k, covariance_type="diag", tol=1e-6, max_iter=3000, weights_init=weights[i, :k],
                means_init=means[i, :k, None], precisions_init=1 / variances[i, :k, None],
            ).fit(x[:size, None])
        assert np.allclose(ours[1][i, :k], theirs.means_.ravel(), rtol=0, atol=1e-6)
        assert ours[4][i] == theirs.n_iter_


def test_bootstrap_p_values_are_read_off_the_printed_statistics(post_run):
    namespace, printed = post_run(SLUG)
    for k, (observed, statistics) in namespace["tests"].items():
        p = (1 + np.sum(statistics >= observed)) / (len(statistics) + 1)
        assert f"{k} against {k + 1}: statistic {observed:.2f}" in printed["bootstrap"]
        block = printed["bootstrap"].split(f"{k} against {k + 1}:")[1].split("\n")[1]
        assert block.endswith(f"bootstrap {p:.2f}")


def test_the_picks_the_text_states_are_the_printed_ones(post_run):
    _, printed = post_run(SLUG)
    table = printed["criteria-table"]
    for line in ("AIC picks m = 3", "BIC picks m = 3", "ICL picks m = 2"):
        assert line in table
    assert "Highest: m = 3; one-standard-error rule: m = 3" in printed["cross-validation"]
