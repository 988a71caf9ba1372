import numpy as np
import pytest
from scipy import stats

from scripts.dataset import gmm_data

# A correct file gives p ≈ 0.49 (KS statistic 0.026); a file from another mixture gives p far below this.
MIN_KS_P_VALUE = 0.01


def test_data_file_loads_without_pickle_as_1000_float64():
    data = gmm_data.load()
    assert (data.dtype, data.shape) == (np.float64, (1000,))


def test_data_file_is_byte_identical_to_what_the_procedure_makes():
    gmm_data.check_file()


def test_data_file_is_consistent_with_its_mixture():
    result = stats.kstest(gmm_data.load(), gmm_data.mixture_cdf)
    assert result.pvalue > MIN_KS_P_VALUE, f"KS test against the mixture's CDF: {result}"


def test_goodness_of_fit_test_rejects_a_sample_from_another_mixture():
    shifted = gmm_data.draw_sample() + 1.0
    assert stats.kstest(shifted, gmm_data.mixture_cdf).pvalue < MIN_KS_P_VALUE
