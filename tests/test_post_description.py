"""Each post's description fits its card: the home page shows it whole, under the card's image, on a phone's first
screen (CONTRIBUTING.md, step 1)."""

import pytest

from scripts.notebooks import post_notebook

# Longer, the description's paragraph outgrew the image on Lighthouse's phone and became the home page's largest
# contentful paint, which waits for the web fonts.
LONGEST_DESCRIPTION = 200


@pytest.mark.parametrize("qmd", post_notebook.posts(), ids=post_notebook.slug)
def test_description_is_at_most_200_characters(qmd):
    description = post_notebook.front_matter(qmd).get("description") or ""
    assert len(description) <= LONGEST_DESCRIPTION, (
        f"{qmd}: its description has {len(description)} characters; the card shows at most {LONGEST_DESCRIPTION} "
        f"before the text outgrows the card's image on a phone (CONTRIBUTING.md, step 1)")
