"""What the fourth post computes, checked against scikit-learn, SciPy and formulas written here, not the post's own
helpers: its EM, its parameter counts and BIC table, its admissibility rule, its k-means limit, its sampler and its
conditional probabilities."""

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import multivariate_normal
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

SLUG = "gmm-faithful"
STRUCTURES = ("full", "tied", "diag", "spherical")


def in_sklearns_shape(covs, structure):
    """(components, d, d) covariances as scikit-learn's covariances_ holds them for structure."""
    return {"full": covs, "tied": covs[0], "diag": np.diagonal(covs, axis1=1, axis2=2), "spherical": covs[:, 0, 0]}[structure]


def sklearn_mixture(fit, structure):
    """A GaussianMixture holding the fit's parameters, for its score and bic."""
    mixture = GaussianMixture(n_components=len(fit.weights), covariance_type=structure)
    mixture.weights_, mixture.means_ = fit.weights, fit.means
    mixture.covariances_ = in_sklearns_shape(fit.covs, structure)
    mixture.precisions_cholesky_ = _compute_precision_cholesky(mixture.covariances_, structure)
    return mixture


def test_log_normals_are_scipys_logpdf(post_run):
    namespace, _ = post_run(SLUG)
    X, fit = namespace["X"], namespace["chosen"]
    theirs = [multivariate_normal(mean, cov).logpdf(X) for mean, cov in zip(fit.means, fit.covs)]
    assert np.allclose(namespace["log_normals"](X, fit.means, fit.covs), theirs, rtol=0, atol=1e-10)


@pytest.mark.parametrize("structure", STRUCTURES)
def test_em_reaches_scikit_learns_fit_after_as_many_iterations(post_run, structure):
    """From a three-component start the post does not use: the same fit to 1e-9, after the same iteration."""
    namespace, _ = post_run(SLUG)
    X = namespace["X"]
    start = namespace["random_start"](X, 3, structure, np.random.default_rng(11))
    ours = namespace["em"](X, *start, structure, tol=1e-8, max_iter=5000)
    theirs = GaussianMixture(
        3, covariance_type=structure, weights_init=start[0], means_init=start[1],
        precisions_init=in_sklearns_shape(np.linalg.inv(start[2]), structure), tol=1e-8, max_iter=5000, reg_covar=0,
    ).fit(X)
    assert theirs.converged_
    assert ours.iterations == theirs.n_iter_
    assert np.allclose(in_sklearns_shape(ours.covs, structure), theirs.covariances_, rtol=0, atol=1e-9)
    assert np.allclose(ours.means, theirs.means_, rtol=0, atol=1e-9)
    assert ours.log_likelihood == pytest.approx(theirs.score(X) * len(X), abs=1e-9)


@pytest.mark.parametrize("structure", STRUCTURES)
def test_parameter_counts_are_scikit_learns(post_run, structure):
    namespace, _ = post_run(SLUG)
    counted = []
    for m in range(1, namespace["M_MAX"] + 1):
        mixture = GaussianMixture(n_components=m, covariance_type=structure)
        mixture.means_ = np.zeros((m, 2))  # all _n_parameters reads of a fit
        counted.append(mixture._n_parameters())
    assert [namespace["parameter_count"](structure, m) for m in range(1, namespace["M_MAX"] + 1)] == counted


def test_bic_table_is_scikit_learns_bic(post_run):
    namespace, _ = post_run(SLUG)
    X = namespace["X"]
    for (structure, m), fit in namespace["best"].items():
        assert namespace["bics"][structure, m] == pytest.approx(sklearn_mixture(fit, structure).bic(X), rel=1e-10)


def test_bic_picks_the_smallest_in_the_table(post_run):
    namespace, printed = post_run(SLUG)
    bics = namespace["bics"]
    structure, m = min(bics, key=bics.get)
    assert f"BIC picks {structure} ({namespace['MCLUST'][structure]}) with m = {m}" in printed["bic-search"]


@pytest.mark.parametrize(("structure", "m"), [("tied", 3), ("tied", 4), ("full", 2)])
def test_search_finds_fits_at_least_as_good_as_scikit_learns_own_search(post_run, structure, m):
    """The BIC table's leading entries: scikit-learn's k-means starts, ten of them, find nothing better."""
    namespace, _ = post_run(SLUG)
    X = namespace["X"]
    theirs = GaussianMixture(m, covariance_type=structure, n_init=10, tol=1e-6, random_state=0).fit(X)
    assert namespace["best"][structure, m].log_likelihood >= theirs.score(X) * len(X) - 1e-3


def test_narrowest_ratio_is_the_smallest_over_directions(post_run):
    """The admissibility rule's generalised eigenvalue, against a search over 7,200 directions."""
    namespace, _ = post_run(SLUG)
    angles = np.linspace(0, np.pi, 7200, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)])
    data_spread = np.einsum("ik,ij,jk->k", directions, namespace["data_cov"], directions)
    for fits in namespace["found"].values():
        for fit in fits[:2]:
            ratios = [np.einsum("ik,ij,jk->k", directions, cov, directions) / data_spread for cov in fit.covs]
            # The grid's smallest is never below the true one, and near the edge of a thin ellipse it lags a little.
            assert 0 <= np.sqrt(np.min(ratios)) / namespace["narrowest_ratio"](fit) - 1 < 1e-3


def test_collapsed_fit_has_the_wait_variance_reg_covar_gives_it(post_run):
    namespace, _ = post_run(SLUG)
    for reg, fit in namespace["degenerate"].items():
        assert fit.covs[:, 1, 1].min() == pytest.approx(reg, rel=1e-9)


def test_collapsed_fit_gains_log_ten_per_point_for_each_hundredfold_cut(post_run):
    namespace, _ = post_run(SLUG)
    degenerate, on_line = namespace["degenerate"], namespace["on_line"]
    gain = degenerate[1e-8].log_likelihood - degenerate[1e-6].log_likelihood
    assert gain == pytest.approx(on_line.sum() * np.log(10), rel=0.01)


def test_kmeans_is_scikit_learns_from_another_start(post_run):
    namespace, _ = post_run(SLUG)
    Z = namespace["Z"]
    start = Z[np.random.default_rng(5).choice(len(Z), 3, replace=False)]
    centres, labels = namespace["kmeans"](Z, start)
    theirs = KMeans(n_clusters=3, init=start, n_init=1, tol=0).fit(Z)
    assert np.array_equal(labels, theirs.labels_)


def test_fixed_sigma_em_at_the_smallest_sigma_is_kmeans(post_run):
    namespace, _ = post_run(SLUG)
    means, resp = namespace["limit"][min(namespace["SIGMAS"])]
    assert np.allclose(means, namespace["centres"], rtol=0, atol=1e-8)
    assert np.array_equal(resp.argmax(axis=0), namespace["labels"])


def test_samples_have_the_mixtures_mean_and_covariance(post_run):
    """Of 200,000 draws: the mixture's mean, sum phi_y mu_y, and covariance, sum phi_y (Sigma_y + mu_y mu_y^T) - mean mean^T."""
    namespace, _ = post_run(SLUG)
    fit = namespace["chosen"]
    draws = namespace["sample"](fit, 200_000, np.random.default_rng(1))
    mean = fit.weights @ fit.means
    cov = np.einsum("y,yij->ij", fit.weights, fit.covs + np.einsum("yi,yj->yij", fit.means, fit.means)) - np.outer(mean, mean)
    assert np.allclose(draws.mean(axis=0), mean, rtol=0, atol=0.1)
    assert np.allclose(np.cov(draws.T), cov, rtol=0.02, atol=0.01)


@pytest.mark.parametrize("length", [2.0, 2.75, 3.0, 4.0])
def test_conditional_probability_is_the_joint_densitys_ratio(post_run, length):
    """P(W > t | E = e) = integral of f(e, w) over w > t, over f(e), each integrated numerically from the joint density."""
    namespace, _ = post_run(SLUG)
    fit, t = namespace["chosen"], namespace["THRESHOLD"]

    def joint(w):
        return sum(phi * multivariate_normal(mean, cov).pdf([length, w]) for phi, mean, cov in zip(fit.weights, fit.means, fit.covs))

    above, _ = integrate.quad(joint, t, 200, limit=200)
    total, _ = integrate.quad(joint, -100, 200, points=[t], limit=200)
    assert namespace["p_longer"](fit, length)[0] == pytest.approx(above / total, abs=1e-7)


def test_window_shares_are_the_datas(post_run):
    namespace, _ = post_run(SLUG)
    eruptions, waiting = namespace["eruptions"], namespace["waiting"]
    for centre, (count, share, *_) in namespace["checked"].items():
        window = np.abs(eruptions - centre) <= namespace["HALF_WIDTH"]
        assert (count, share) == (window.sum(), np.mean(waiting[window] > 60))


def test_two_component_full_log_likelihood_is_scikit_learns_best(post_run):
    """The log-likelihood the post states for two components with full covariances, from scikit-learn's own search."""
    namespace, _ = post_run(SLUG)
    X = namespace["X"]
    theirs = GaussianMixture(2, covariance_type="full", n_init=10, tol=1e-10, reg_covar=0, random_state=0).fit(X)
    assert namespace["checks"]["full"][1].log_likelihood == pytest.approx(theirs.score(X) * len(X), abs=1e-6)


def test_explorable_hands_over_the_table(post_run):
    namespace, _ = post_run(SLUG)
    explored, bics = namespace["structures_explored"], namespace["bics"]
    for structure, fits in explored["fits"].items():
        for m, fit in enumerate(fits, start=1):
            assert fit["bic"] == pytest.approx(bics[structure, m], rel=1e-12)
    assert (explored["pick"]["structure"], explored["pick"]["m"]) == namespace["pick"]
