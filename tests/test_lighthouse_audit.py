"""Where Lighthouse cannot run, the reason names what is missing and the fix (the site tests skip with it)."""

from scripts.checks import lighthouse_audit


def test_without_node_the_reason_names_node_and_make_setup(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    reason = lighthouse_audit.why_not_runnable()
    assert reason is not None and "Node.js is not on PATH" in reason and "make setup" in reason


def test_without_lighthouse_installed_the_reason_names_make_setup(monkeypatch, tmp_path):
    monkeypatch.setattr(lighthouse_audit.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(lighthouse_audit, "LIGHTHOUSE", tmp_path / "node_modules" / ".bin" / "lighthouse")
    reason = lighthouse_audit.why_not_runnable()
    assert reason is not None and "Lighthouse is not installed" in reason and "make setup" in reason


def test_a_page_report_is_named_for_the_page():
    names = [lighthouse_audit.report_name(page) for page in ("index.html", "about.html", "posts/gmm-em/index.html")]
    assert names == ["home", "about", "posts-gmm-em"]
