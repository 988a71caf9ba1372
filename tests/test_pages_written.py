"""The post-render steps take the pages Quarto says this render wrote (scripts/postrender/pages_written.py)."""

from scripts.postrender.pages_written import pages_written


def site_of_two_pages(tmp_path):
    site = tmp_path / "_site"
    for page in ("index.html", "posts/a/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<html></html>", encoding="utf-8")
    (site / "posts/a/index.ipynb").write_text("{}", encoding="utf-8")
    return site


def test_a_render_of_one_post_gives_its_page_only(tmp_path, monkeypatch):
    site = site_of_two_pages(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUARTO_PROJECT_OUTPUT_FILES", "_site/posts/a/index.html\n_site/posts/a/index.ipynb")
    assert pages_written(site) == [site / "posts/a/index.html"]


def test_the_list_quarto_writes_to_a_file_is_read_from_it(tmp_path, monkeypatch):
    site = site_of_two_pages(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "written.txt").write_text("_site/index.html", encoding="utf-8")
    monkeypatch.delenv("QUARTO_PROJECT_OUTPUT_FILES", raising=False)
    monkeypatch.setenv("QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES", str(tmp_path / "written.txt"))
    assert pages_written(site) == [site / "index.html"]


def test_a_step_run_by_hand_takes_every_page(tmp_path, monkeypatch):
    site = site_of_two_pages(tmp_path)
    monkeypatch.delenv("QUARTO_PROJECT_OUTPUT_FILES", raising=False)
    monkeypatch.delenv("QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES", raising=False)
    assert pages_written(site) == [site / "index.html", site / "posts/a/index.html"]
