"""The scripts every page loads come as one minified file (scripts/postrender/lighten_pages.py), and keep their licences."""

import re

BUNDLE_HEADER = re.compile(r"\A/\* (.+): minified and joined by scripts/postrender/lighten_pages\.py \*/\n")
LICENCE_COMMENT = re.compile(r"/\*!.*?\*/", re.DOTALL)


def bundles(site):
    return sorted((site / "site_libs" / "quarto-bundle").glob("*.js"))


def test_every_page_loads_its_head_scripts_as_one_bundle(site):
    # The bundle loads after the first paint, from a script in the page's head, and no head script loads on its own.
    loading = {page.relative_to(site).as_posix(): re.findall(r'<script src="([^"]*)" defer>|bundle\.src = "([^"]*)";',
                                                             page.read_text(encoding="utf-8"))
               for page in site.rglob("*.html")}
    loading = {page: ["".join(script) for script in scripts] for page, scripts in loading.items()}
    assert {page: len(scripts) for page, scripts in loading.items() if len(scripts) != 1
            or "/quarto-bundle/" not in scripts[0]} == {}


def test_each_bundle_keeps_the_licence_comments_of_the_files_it_holds(site):
    lost = {}
    for bundle in bundles(site):
        text = bundle.read_text(encoding="utf-8")
        sources = BUNDLE_HEADER.match(text).group(1).split(", ")
        for source in sources:
            missing = [comment[:60] for comment in LICENCE_COMMENT.findall((site / source).read_text(encoding="utf-8"))
                       if comment not in text]
            if missing:
                lost[f"{bundle.name} from {source}"] = missing
    assert bundles(site) and lost == {}, f"licence comments a bundle lost: {lost}"
