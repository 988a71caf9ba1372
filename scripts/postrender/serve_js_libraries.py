"""Quarto post-render step: the explorable figures' JavaScript libraries, served from the site itself.

`make setup` installs the versions package-lock.json pins into node_modules/ with `npm ci`; this copies
each bundle the pages load, with its licence, into _site/site_libs/npm/<package>/. The posts' OJS cells
(posts/_explorables.qmd) load them from there instead of from a CDN.
"""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
TARGET = Path("site_libs") / "npm"
# Each package's bundle that the pages load; Plot's asks for d3, and Inputs' for htl.
BUNDLES = {
    "@observablehq/plot": "dist/plot.umd.min.js",
    "@observablehq/inputs": "dist/inputs.min.js",
    "d3": "dist/d3.min.js",
    "htl": "dist/htl.min.js",
}


def main():
    site = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site"))
    missing = [package for package, bundle in BUNDLES.items() if not (NODE_MODULES / package / bundle).is_file()]
    if missing:
        sys.exit(
            f"error: the explorable figures' JavaScript is not installed ({', '.join(missing)} missing from "
            f"{NODE_MODULES}). Run `make setup`, which runs `npm ci` (it needs Node.js and npm on PATH)."
        )
    for package, bundle in BUNDLES.items():
        for name in (bundle, "LICENSE"):
            destination = site / TARGET / package / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(NODE_MODULES / package / name, destination)


if __name__ == "__main__":
    main()
