"""What the third post computes, checked against scikit-learn and formulas written here, not the post's own helpers."""

import warnings

import numpy as np
import pytest
from scipy.special import digamma
from scipy.stats import chi2, norm
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


def bayes_responsibilities(fit, x):
    """Each component's share of each point's density: a row per component."""
    joint = fit.weights[:, None] * norm.pdf(x, fit.means[:, None], fit.stds[:, None])
    return joint / joint.sum(axis=0)


def test_icl_bic_is_bic_plus_twice_the_entropy_of_bayes_responsibilities(post_run):
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    for k, fit in enumerate(namespace["path"], start=1):
        resp = bayes_responsibilities(fit, x)
        entropy = -np.sum(np.where(resp > 0, resp * np.log(np.where(resp > 0, resp, 1)), 0))
        assert namespace["scores"]["ICL-BIC"][k - 1] == pytest.approx(namespace["scores"]["BIC"][k - 1] + 2 * entropy, rel=1e-9)


def test_icl_is_mclusts_bic_plus_twice_the_log_of_each_points_largest_responsibility(post_run):
    """mclust's icl(): its BIC, 2 log L - p log n, plus 2 sum log z at each point's most likely component; negated."""
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    for k, fit in enumerate(namespace["path"], start=1):
        resp = bayes_responsibilities(fit, x)
        mclust_bic = 2 * sklearn_mixture(fit).score(x[:, None]) * len(x) - (3 * k - 1) * np.log(len(x))
        mclust_icl = mclust_bic + 2 * np.sum(np.log(resp.max(axis=0)))
        assert namespace["scores"]["ICL"][k - 1] == pytest.approx(-mclust_icl, rel=1e-9)


def test_the_path_never_falls_and_beats_random_starts_alone(post_run):
    namespace, _ = post_run(SLUG)
    values = [fit.log_likelihood for fit in namespace["path"]]
    assert all(later >= earlier for earlier, later in zip(values, values[1:]))
    assert all(fit.log_likelihood >= alone.log_likelihood for fit, alone in zip(namespace["path"], namespace["from_random"]))


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
        block = printed["bootstrap"].split(f"{k} against {k + 1}:")[1]
        assert f"bootstrap {p:.2f}" in block.split("\n")[1]
        above = np.sum(statistics > chi2.ppf(0.95, df=3))
        assert f": {above} of {len(statistics)} replicates" in block


def test_the_bootstrap_statistic_on_the_data_is_the_paths(post_run):
    """The data, searched as each replicate is, reach the path's fits: the statistics agree to 0.01."""
    namespace, _ = post_run(SLUG)
    path = namespace["path"]
    for k, (observed, _) in namespace["tests"].items():
        assert observed == pytest.approx(2 * (path[k].log_likelihood - path[k - 1].log_likelihood), abs=0.01)


def test_the_picks_the_text_states_are_the_printed_ones(post_run):
    _, printed = post_run(SLUG)
    table = printed["criteria-table"]
    for line in ("AIC picks m = 3", "BIC picks m = 3", "ICL-BIC picks m = 2", "ICL picks m = 3"):
        assert line in table
    assert "Highest: m = 3; one-standard-error rule: m = 3" in printed["cross-validation"]


def test_paired_standard_errors_are_those_of_the_fold_by_fold_differences(post_run):
    namespace, _ = post_run(SLUG)
    per_fold = namespace["per_fold"]
    best = int(np.argmax(per_fold.mean(axis=0)))
    differences = per_fold - per_fold[:, [best]]
    assert np.allclose(namespace["paired_error"], differences.std(axis=0, ddof=1) / np.sqrt(len(per_fold)))
    # Paired, the folds' shared luck cancels: each spare component's difference is surer than its mean score.
    spare = np.arange(per_fold.shape[1]) > best
    assert np.all(namespace["paired_error"][spare] < namespace["cv_error"][spare])


def test_the_dirichlet_process_expectation_is_the_digamma_formula(post_run):
    """E[clusters among n] = alpha (psi(alpha + n) - psi(alpha)) under a Dirichlet process."""
    _, printed = post_run(SLUG)
    for concentration in (0.01, 1.0, 100.0):
        expected = concentration * (digamma(concentration + 1000) - digamma(concentration))
        assert f"Concentration {concentration:g}: {expected:5.1f} clusters" in printed["dirichlet-process-prior"]


def test_sample_size_shares_are_scikit_learns_aic_and_bic_picks(post_run):
    """Each share of AIC and BIC picks, recounted from scikit-learn's aic and bic of every sample's fits."""
    namespace, _ = post_run(SLUG)
    for i, size in enumerate(namespace["SIZES"]):
        for criterion in ("AIC", "BIC"):
            counts = np.zeros(namespace["K_SIZES"])
            for sample, fits in zip(namespace["samples_by_size"][size], namespace["paths_by_size"][size]):
                values = [getattr(sklearn_mixture(fit), criterion.lower())(sample[:, None]) if fit else np.inf for fit in fits]
                counts[int(np.argmin(values))] += 1
            assert np.allclose(namespace["shares"][criterion][i], counts / namespace["SAMPLES"])
    for share in namespace["shares"].values():
        assert np.allclose(share.sum(axis=1), 1)


def test_the_first_sample_at_each_size_is_the_datas_first_points(post_run):
    namespace, _ = post_run(SLUG)
    for size in namespace["SIZES"]:
        assert np.array_equal(namespace["samples_by_size"][size][0], namespace["x"][:size])
