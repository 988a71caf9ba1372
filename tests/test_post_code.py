"""What the first post computes, checked by running its code in this process."""

import pytest
from scipy import integrate

SLUG = "gmm-first-look"
EQUAL = "Are the datasets equal? Yes.\n"


@pytest.mark.parametrize("cell", ["sample-loop", "sample-vectorised"])
def test_sampler_regenerates_the_data_file(post_run, cell):
    _, printed = post_run(SLUG)
    assert printed[cell] == EQUAL


def test_marginal_pdf_integrates_to_one(post_run):
    namespace, _ = post_run(SLUG)
    # The three modes are narrow next to the range; naming them keeps quad from stepping over one.
    total, error = integrate.quad(namespace["marginal_pdf"], -50, 80, points=[10, 15, 21], limit=200)
    assert total == pytest.approx(1.0, abs=1e-9), f"integral {total} (quad error estimate {error})"


def test_graphical_model_points_from_hidden_y_to_observed_x(post_run):
    pgm = post_run(SLUG)[0]["pgm"]
    edges = [(edge.node1.name, edge.node2.name) for edge in pgm._edges]
    observed = {name: node.observed for name, node in pgm._nodes.items()}
    assert (edges, observed) == ([("Y", "X")], {"Y": False, "X": True})
