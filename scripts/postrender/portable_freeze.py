"""Quarto post-render step: the notebooks' freeze holds nothing of the machine that rendered it.

Quarto writes a post's executed results for its `ipynb` format into _freeze/posts/<slug>/index/execute-results/
ipynb.json, which is committed, and the Jupyter metadata at the end of their markdown names the kernel with its
`path` on this machine
(`<project>/.venv/share/jupyter/kernels/python3`). A render of the post anywhere else, an author's clone or CI's,
wrote another path there, so that rendering one post left a committed file changed. This drops the kernel's path
from the freeze of each notebook this render wrote; the notebook readers download goes without it too
(reader_notebooks.py). Rendering from the freeze needs no path: Quarto finds the kernel by its name.

Quarto runs it after every render, with the python3 first on PATH.
"""

import json
import os
from pathlib import Path

from scripts.postrender.pages_written import files_written

KERNELSPEC = "kernelspec:"
MACHINE_KEY = "path:"


def indent(line):
    return len(line) - len(line.lstrip(" "))


def without_kernel_path(markdown):
    """markdown with the `path:` of its Jupyter metadata's kernelspec dropped, which Quarto writes as YAML at the
    markdown's end (`jupyter:`, `kernelspec:`, and under it `path:`); as it is where there is none."""
    kept, kernelspec_indent = [], None
    for line in markdown.split("\n"):
        if kernelspec_indent is not None and line.strip() and indent(line) <= kernelspec_indent:
            kernelspec_indent = None
        if line.strip() == KERNELSPEC:
            kernelspec_indent = indent(line)
        elif kernelspec_indent is not None and line.strip().startswith(MACHINE_KEY):
            continue
        kept.append(line)
    return "\n".join(kept)


def freeze_of(notebook, site, project):
    """The ipynb freeze of the post whose notebook Quarto wrote at notebook (site/posts/<slug>/index.ipynb)."""
    relative = notebook.relative_to(site).with_suffix("")
    return project / "_freeze" / relative / "execute-results" / "ipynb.json"


def make_portable(freeze):
    """Rewrite freeze without the kernel's path, as Quarto writes it (two-space JSON); leave it if there is none."""
    text = freeze.read_text(encoding="utf-8")
    results = json.loads(text)
    results["result"]["markdown"] = without_kernel_path(results["result"]["markdown"])
    portable = json.dumps(results, indent=2, ensure_ascii=False)
    if portable != text:
        freeze.write_text(portable, encoding="utf-8")


def main():
    project = Path.cwd()
    site = project / os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")
    for notebook in files_written(site, ".ipynb"):
        freeze = freeze_of(notebook, site, project)
        # A notebook rendered without freeze (a page outside posts/, say) has none.
        if freeze.is_file():
            make_portable(freeze)


if __name__ == "__main__":
    main()
