"""Posts as notebooks: converted, run, their outputs and figures kept for the tests."""
