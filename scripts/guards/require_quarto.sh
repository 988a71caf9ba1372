#!/usr/bin/env sh
# Stops a Quarto-only make target early, with what to do instead, when Quarto is not installed.
command -v quarto >/dev/null 2>&1 && exit 0
cat >&2 <<'MSG'
error: `quarto` is not on PATH, and this target needs it.

Install Quarto (the project is tested with 1.10.18):
  - the installer for your system from https://quarto.org/docs/get-started/
  - or, on a machine with internet access: pip install quarto-cli
    (its build downloads Quarto itself, so it fails without internet)

Without Quarto you can still:
  make notebook   run the post as a notebook and write build/notebook/*.ipynb and .html
  make test       run every test (nbval on the post, the data checks, the browser check)
  make data       regenerate data/gmm-data.npy
MSG
exit 1
