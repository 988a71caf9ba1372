"""A page that cites a key references.bib lacks stops the render, naming the page and the key: Pandoc only warns,
and the page would show "key?" where a reference belongs. Checked with the project's own `bibliography:` and
`filters:` settings, in a one-page project beside them, so that the check costs a render of one small page.
"""

import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT

PAGE = "cites.qmd"


def project_with_page(folder, citation):
    """A project holding the site's bibliography and filters, as _quarto.yml names them, and one page citing."""
    settings = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    kept = {"project": {"type": "default"}, "bibliography": settings["bibliography"], "filters": settings["filters"]}
    for path in [settings["bibliography"], *settings["filters"]]:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, folder / path)
    # The filters that serve the explorables' libraries read them from node_modules/, as the project's render does.
    (folder / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (folder / "_quarto.yml").write_text(yaml.safe_dump(kept), encoding="utf-8")
    (folder / PAGE).write_text(f"---\ntitle: A page\n---\n\nAs shown before {citation}.\n", encoding="utf-8")
    return folder


def render(quarto, folder):
    return subprocess.run([quarto, "render", PAGE, "--to", "html"], cwd=folder, capture_output=True, text=True)


@pytest.fixture(scope="module")
def unknown_key_render(quarto, tmp_path_factory):
    return render(quarto, project_with_page(tmp_path_factory.mktemp("unknown-key"), "[@dempster1977; @nosuchkey2020]"))


def test_render_citing_an_unknown_key_fails(unknown_key_render):
    assert unknown_key_render.returncode != 0


def test_render_citing_an_unknown_key_names_the_page_and_the_key(unknown_key_render):
    assert f"{PAGE} cites @nosuchkey2020, which references.bib does not hold" in unknown_key_render.stderr


def test_render_citing_known_keys_and_cross_references_succeeds(quarto, tmp_path):
    result = render(quarto, project_with_page(tmp_path, "[@dempster1977] and in @eq-none"))
    assert result.returncode == 0, result.stderr[-2000:]
