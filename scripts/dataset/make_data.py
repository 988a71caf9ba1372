"""Regenerate data/gmm-data.npy by the first post's procedure, never silently replacing a different file.

Usage: python scripts/dataset/make_data.py [--force]
"""

import argparse
import os
import sys

from scripts.dataset import gmm_data


def write_atomically(path, content):
    """Write through a temporary file so an interrupted run never leaves a half-written data file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    os.replace(partial, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="replace the file even if its bytes differ")
    args = parser.parse_args(argv)

    path = gmm_data.DATA_PATH
    regenerated = gmm_data.npy_bytes(gmm_data.draw_sample())
    if not path.exists():
        write_atomically(path, regenerated)
        print(f"Wrote {path} ({len(regenerated)} bytes).")
        return 0
    if path.read_bytes() == regenerated:
        print(f"{path} is already byte-identical to the regenerated data; nothing to do.")
        return 0
    if not args.force:
        print(
            f"Refusing to overwrite {path}: its bytes differ from what the procedure makes now. "
            "Either the file was changed or the procedure (seed, weights, means, standard deviations, "
            "library versions) was. Inspect with `git diff --stat data/` and `make test`; "
            "to replace the file anyway, run `make data FORCE=1`.",
            file=sys.stderr,
        )
        return 1
    backup = path.with_name(path.name + ".bak")
    os.replace(path, backup)
    write_atomically(path, regenerated)
    print(f"Replaced {path} with the regenerated data ({len(regenerated)} bytes); the old file is {backup}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
