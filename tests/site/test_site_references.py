"""What a reader needs to check, cite and reuse a post, in the rendered site: a reference list for the works it
cites (references.bib), every entry of which some post cites; a citation appendix whose BibTeX names the post, its
author and its address under site-url; the citation_* tags Google Scholar reads; the licence; the same reference
list, resolved, in the notebook a reader downloads; and the about page's link to the source, at repo-url.

That a key references.bib lacks stops the render is tests/site/test_site_citation_keys.py's.
"""

import functools
import html
import json
import re
from html.parser import HTMLParser

import bibtexparser
import pytest

from scripts.notebooks import post_notebook
from scripts.checks import rendered_site
from conftest import ROOT, site_posts
from scripts.guards.require_publishable import author_names

CITES = re.compile(r'data-cites="([^"]+)"')
REFERENCE_LIST = re.compile(r'<div id="refs"[^>]*>(.*?)</div>\s*</section>', re.DOTALL)
REFERENCE_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"')
BIBTEX = re.compile(r'<pre class="[^"]*quarto-appendix-bibtex"><code[^>]*>(.*?)</code>', re.DOTALL)
META = re.compile(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">')
LICENCE_LINK = re.compile(r'<a rel="license" href="(https://creativecommons\.org/licenses/by/4\.0/)">CC BY 4\.0</a>')
RAW_CITATION = re.compile(r"\[[^\]]*@[a-z][a-z0-9]*\d{4}[^\]]*\]|(?<![\w`/])@[a-z]+\d{4}\b")


def page(site, slug):
    return (site / "posts" / slug / "index.html").read_text(encoding="utf-8")


def cited(page_html):
    """The keys of the works the page cites, in its text."""
    return {key for keys in CITES.findall(page_html) for key in keys.split()}


def listed(page_html):
    """The keys of the entries in the page's reference list; empty where it has none."""
    found = REFERENCE_LIST.search(page_html)
    return set(REFERENCE_ENTRY.findall(found.group(1))) if found else set()


def tags(page_html):
    """{name: [content, ...]} of the page's citation_* meta tags."""
    found = {}
    for name, content in META.findall(page_html):
        found.setdefault(name, []).append(html.unescape(content))
    return found


@functools.cache
def bibliography():
    return bibtexparser.loads((ROOT / "references.bib").read_text(encoding="utf-8")).entries_dict


def notebook_prose(site, slug):
    """The markdown cells of the post's notebook as the site serves it, joined."""
    notebook = json.loads((site / "posts" / slug / "index.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


class _ShownText(HTMLParser):
    """Markdown's text with the HTML it holds read as Jupyter shows it: tags are not text."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.shown = []

    def handle_data(self, data):
        self.shown.append(data)

    def handle_entityref(self, name):
        self.shown.append(f"&{name};")

    def handle_charref(self, name):
        self.shown.append(f"&#{name};")


def shown_text(markdown):
    """markdown without the tags of the HTML it holds (citeproc keeps a protected word in <span class="nocase">)."""
    parser = _ShownText()
    parser.feed(markdown)
    parser.close()
    return "".join(parser.shown)


def plain(bibtex_text):
    """A BibTeX value as words: braces and case dropped."""
    return re.sub(r"[{}]", "", bibtex_text).casefold()


def appendix_entry(page_html):
    found = BIBTEX.search(page_html)
    assert found, "the page has no BibTeX in a citation appendix"
    # Quarto's entry is biblatex's @online, which bibtexparser reads only when told to keep non-standard types.
    parser = bibtexparser.bparser.BibTexParser(ignore_nonstandard_types=False)
    entries = bibtexparser.loads(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))), parser).entries
    assert len(entries) == 1, f"the appendix's BibTeX holds {len(entries)} entries"
    return entries[0]


@pytest.mark.parametrize("slug", site_posts())
def test_reference_list_holds_every_work_the_post_cites(site, slug):
    text = page(site, slug)
    assert sorted(cited(text) - listed(text)) == []


@pytest.mark.parametrize("slug", site_posts())
def test_reference_list_holds_only_works_the_post_cites(site, slug):
    text = page(site, slug)
    assert sorted(listed(text) - cited(text)) == []


def test_every_bibliography_entry_is_cited_by_some_post(site):
    cited_anywhere = set().union(*(cited(page(site, slug)) for slug in site_posts()))
    assert sorted(set(bibliography()) - cited_anywhere) == [], "references.bib entries that no post cites"


def test_every_bibliography_entry_with_a_doi_shows_it_as_a_link(site):
    linked = set().union(*(re.findall(r'href="https://doi\.org/([^"]+)"', page(site, slug)) for slug in site_posts()))
    dois = {entry["doi"] for entry in bibliography().values() if "doi" in entry}
    assert sorted(dois - {html.unescape(doi) for doi in linked}) == []


@pytest.mark.parametrize("slug", site_posts())
def test_citation_bibtex_gives_the_posts_address_under_site_url(site, site_url, slug):
    assert appendix_entry(page(site, slug))["url"] == f"{site_url}posts/{slug}/"


@pytest.mark.parametrize("slug", site_posts())
def test_citation_bibtex_gives_the_posts_title(site, source, slug):
    assert plain(appendix_entry(page(site, slug))["title"]) == post_notebook.front_matter(source(slug))["title"].casefold()


@pytest.mark.parametrize("slug", site_posts())
def test_citation_bibtex_gives_the_posts_authors(site, slug):
    names = [" ".join(reversed(name.split(", "))) for name in appendix_entry(page(site, slug))["author"].split(" and ")]
    assert names == author_names(ROOT)


@pytest.mark.parametrize("slug", site_posts())
def test_scholar_tags_name_the_post_its_authors_and_date(site, source, slug):
    found, meta = tags(page(site, slug)), post_notebook.front_matter(source(slug))
    assert (found.get("citation_title"), found.get("citation_author"), found.get("citation_publication_date")) == (
        [meta["title"]], author_names(ROOT), [str(meta["date"])])


@pytest.mark.parametrize("slug", site_posts())
def test_scholar_full_text_tag_is_the_posts_address_under_site_url(site, site_url, slug):
    assert tags(page(site, slug)).get("citation_fulltext_html_url") == [f"{site_url}posts/{slug}/"]


@pytest.mark.parametrize("slug", site_posts())
def test_scholar_tags_reference_each_work_the_post_cites(site, slug):
    # Quarto writes a citation_reference for every entry of the bibliography, cited on the page or not.
    text, entries = page(site, slug), bibliography()
    referenced = [plain(reference) for reference in tags(text).get("citation_reference", [])]
    missing = [key for key in sorted(cited(text))
               if not any(f"citation_title={plain(entries[key]['title'])};" in reference for reference in referenced)]
    assert missing == []


@pytest.mark.parametrize("slug", site_posts())
def test_post_shows_its_licence_with_a_link(site, slug):
    assert LICENCE_LINK.search(page(site, slug)), "no CC BY 4.0 link in the post's Reuse appendix"


def test_about_page_links_to_the_repository(site):
    about = (site / "about.html").read_text(encoding="utf-8")
    assert f'<a href="{rendered_site.website_settings()["repo-url"]}">' in about


@pytest.mark.parametrize("slug", site_posts())
def test_readers_notebook_has_no_citation_left_unresolved(site, slug):
    assert RAW_CITATION.findall(notebook_prose(site, slug)) == []


@pytest.mark.parametrize("slug", site_posts())
def test_readers_notebook_holds_the_reference_list(site, slug):
    prose, entries = notebook_prose(site, slug), bibliography()
    missing = [key for key in sorted(cited(page(site, slug)))
               if plain(entries[key]["title"]).split(":")[0] not in re.sub(r"\s+", " ", shown_text(prose)).casefold()]
    assert missing == [], "works the page cites whose titles the notebook's reference list lacks"
