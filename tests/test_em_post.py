"""What the EM post computes, checked by running its code in this process."""

import numpy as np
import pytest

SLUG = "gmm-em"


def test_responsibilities_sum_to_one_at_every_point(post_run):
    namespace, _ = post_run(SLUG)
    resp, _ = namespace["e_step"](namespace["x"], namespace["weights"], namespace["means"], namespace["stds"])
    assert np.allclose(resp.sum(axis=0), 1.0, rtol=0, atol=1e-12)


def test_em_stops_at_a_fixed_point_of_its_own_step(post_run):
    namespace, _ = post_run(SLUG)
    x, weights, means, stds = (namespace[name] for name in ("x", "weights", "means", "stds"))
    resp, _ = namespace["e_step"](x, weights, means, stds)
    stepped = np.concatenate(namespace["m_step"](x, resp))
    assert np.allclose(stepped, np.concatenate([weights, means, stds]), rtol=0, atol=1e-4)


def test_e_step_log_likelihood_is_the_mixture_density_summed_in_logs(post_run):
    namespace, _ = post_run(SLUG)
    x, weights, means, stds = (namespace[name] for name in ("x", "weights", "means", "stds"))
    _, log_likelihood = namespace["e_step"](x, weights, means, stds)
    direct = np.log(namespace["mixture_pdf"](x, weights, means, stds)).sum()
    assert log_likelihood == pytest.approx(direct, rel=1e-12)
