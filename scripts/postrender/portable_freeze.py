"""Quarto post-render step: the notebooks' freeze holds nothing of the machine that rendered it.

Quarto writes a post's executed results for its `ipynb` format into _freeze/posts/<slug>/index/execute-results/
ipynb.json, which is committed, and the Jupyter metadata at the end of their markdown names the kernel with its
`path` on this machine
(`<project>/.venv/share/jupyter/kernels/python3`). A render of the post anywhere else, an author's clone or CI's,
wrote another path there, so that rendering one post left a committed file changed. This drops the kernel's path
from the freeze of each notebook this render wrote; the notebook readers download goes without it too
(reader_notebooks.py). Rendering from the freeze needs no path: Quarto finds the kernel by its name.

The html freeze differs by the command that wrote it in one more place, its `supporting` folders: a render of the
post alone, or a preview's, lists `index_files`; a render of the whole project that runs the post lists
`index_files/figure-html`, inside it. An author who edits a post, previews it, undoes the edit and runs `make render`
found the committed freeze changed by that line alone. This writes the outer folder, as a one-post render does and the
committed freezes hold; Quarto restores the figures from the freeze's figure-html either way.

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


def freeze_of(output, site, project):
    """The freeze of the post whose output Quarto wrote at output (site/posts/<slug>/index.ipynb or .html), for that
    output's format."""
    relative = output.relative_to(site).with_suffix("")
    return project / "_freeze" / relative / "execute-results" / f"{output.suffix.removeprefix('.')}.json"


def outer_supporting(supporting, stem):
    """supporting with each folder inside the post's <stem>_files written as <stem>_files, once."""
    outer = f"{stem}_files"
    folders = [outer if folder.startswith(outer + "/") else folder for folder in supporting]
    return list(dict.fromkeys(folders))


def rewrite(freeze, change):
    """Rewrite freeze with change(its result) applied, as Quarto writes it (two-space JSON); leave it if unchanged."""
    text = freeze.read_text(encoding="utf-8")
    results = json.loads(text)
    change(results["result"])
    rewritten = json.dumps(results, indent=2, ensure_ascii=False)
    if rewritten != text:
        freeze.write_text(rewritten, encoding="utf-8")


def make_portable(freeze):
    """Rewrite the ipynb freeze without the kernel's path; leave it if there is none."""
    def drop_kernel_path(result):
        result["markdown"] = without_kernel_path(result["markdown"])

    rewrite(freeze, drop_kernel_path)


def with_outer_supporting(freeze, stem):
    """Rewrite the html freeze of the post whose output is <stem>.html with outer_supporting."""
    def outer(result):
        result["supporting"] = outer_supporting(result.get("supporting", []), stem)

    rewrite(freeze, outer)


def main():
    project = Path.cwd()
    site = project / os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")
    # A page or notebook rendered without freeze (one outside posts/, say) has none.
    for notebook in files_written(site, ".ipynb"):
        freeze = freeze_of(notebook, site, project)
        if freeze.is_file():
            make_portable(freeze)
    for page in files_written(site, ".html"):
        freeze = freeze_of(page, site, project)
        if freeze.is_file():
            with_outer_supporting(freeze, page.stem)


if __name__ == "__main__":
    main()
