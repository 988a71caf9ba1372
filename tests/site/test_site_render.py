"""`quarto render` builds the pages and only the pages, and leaves the work tree as it found it."""

from conftest import pages


def test_render_leaves_git_status_unchanged(render):
    assert render["status_after"] == render["status_before"], (
        "quarto render changed the work tree (committed thumbnail, _freeze/ or .gitignore, or left files "
        f"git does not ignore):\nbefore:\n{render['status_before']}\nafter:\n{render['status_after']}"
    )


def test_site_holds_the_pages_and_no_other_page(site):
    rendered = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    assert rendered == sorted(pages())


def test_site_holds_no_notebook_but_the_posts_downloads(site):
    notebooks = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.ipynb"))
    assert notebooks == sorted(page.replace(".html", ".ipynb") for page in pages() if page.startswith("posts/"))


def test_site_holds_nothing_of_the_build_folder(site):
    """The copy was rendered with what `make test` leaves in build/ (conftest.leave_what_tests_leave)."""
    taken = sorted(path.relative_to(site).as_posix() for path in site.glob("build/**/*"))
    assert not (site / "build").exists(), f"the render took files from build/: {taken}"
