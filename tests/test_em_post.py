"""What the EM post computes, checked by running its code in this process against formulas computed here."""

import numpy as np
import pytest
from scipy.stats import norm

SLUG = "gmm-em"
# Component boundaries between the true means 10, 15 and 21: any hard labelling will do.
BOUNDARIES = [12.5, 18.0]


def fitted(namespace):
    return tuple(namespace[name] for name in ("x", "weights", "means", "stds"))


def bayes_responsibilities(x, weights, means, stds):
    """@eq-responsibility, computed directly: each component's weighted density over their sum."""
    joint = weights[:, None] * norm.pdf(x, means[:, None], stds[:, None])
    return joint / joint.sum(axis=0)


def weighted_estimates(x, resp):
    """@eq-m-weights, @eq-m-means and @eq-m-stds, one component at a time."""
    counts = np.array([r.sum() for r in resp])
    means = np.array([np.average(x, weights=r) for r in resp])
    stds = np.array([np.sqrt(np.average((x - mean) ** 2, weights=r)) for r, mean in zip(resp, means)])
    return counts / len(x), means, stds


def test_e_step_gives_the_responsibilities_of_bayes_theorem(post_run):
    namespace, _ = post_run(SLUG)
    x, weights, means, stds = fitted(namespace)
    resp, _ = namespace["e_step"](x, weights, means, stds)
    assert np.allclose(resp, bayes_responsibilities(x, weights, means, stds), rtol=0, atol=1e-12)


def test_m_step_on_hard_labels_gives_each_groups_share_mean_and_standard_deviation(post_run):
    namespace, _ = post_run(SLUG)
    x = namespace["x"]
    labels = np.digitize(x, BOUNDARIES)
    groups = [x[labels == y] for y in range(3)]
    # @eq-complete-mle: the share of points, the group's mean, its standard deviation dividing by n_y.
    expected = [[len(g) / len(x) for g in groups], [g.mean() for g in groups], [g.std(ddof=0) for g in groups]]
    stepped = namespace["m_step"](x, np.eye(3)[labels].T)
    assert np.allclose(np.concatenate(stepped), np.concatenate(expected), rtol=1e-12, atol=0)


def test_m_step_on_soft_responsibilities_gives_the_weighted_estimates(post_run):
    namespace, _ = post_run(SLUG)
    x, weights, means, stds = fitted(namespace)
    resp = bayes_responsibilities(x, weights, means, stds)
    stepped = namespace["m_step"](x, resp)
    assert np.allclose(np.concatenate(stepped), np.concatenate(weighted_estimates(x, resp)), rtol=1e-12, atol=0)


def test_em_stops_at_a_fixed_point_of_the_em_step(post_run):
    namespace, _ = post_run(SLUG)
    x, weights, means, stds = fitted(namespace)
    stepped = weighted_estimates(x, bayes_responsibilities(x, weights, means, stds))
    assert np.allclose(np.concatenate(stepped), np.concatenate([weights, means, stds]), rtol=0, atol=1e-4)


def test_e_step_log_likelihood_is_the_mixture_density_summed_in_logs(post_run):
    namespace, _ = post_run(SLUG)
    x, weights, means, stds = fitted(namespace)
    _, log_likelihood = namespace["e_step"](x, weights, means, stds)
    direct = np.log((weights[:, None] * norm.pdf(x, means[:, None], stds[:, None])).sum(axis=0)).sum()
    assert log_likelihood == pytest.approx(direct, rel=1e-12)
