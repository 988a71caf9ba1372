"""The alt text the site tests expect of a post's card image (post_notebook.card_image_alt) is the one Quarto gives it:
the front matter's `image-alt` where the post names its card's image with `image:` (Quarto's own options), else the
`fig-alt` of the figure Quarto takes, the one marked `preview-image` or the first."""

from scripts.notebooks import post_notebook

FIGURES = """
```{python}
#| label: fig-first
#| fig-alt: "The first figure."
pass
```

```{python}
#| label: fig-second
#| fig-alt: "The second figure."
#| classes: preview-image
pass
```
"""
FIRST_FIGURE = """
```{python}
#| label: fig-first
#| fig-alt: "The first figure."
pass
```
"""


def post(tmp_path, front_matter, body):
    qmd = tmp_path / "posts" / "a-post" / "index.qmd"
    qmd.parent.mkdir(parents=True)
    qmd.write_text(f"---\ntitle: \"A post\"\n{front_matter}---\n{body}", encoding="utf-8")
    return qmd


def test_a_card_image_named_in_the_front_matter_has_its_image_alt(tmp_path):
    qmd = post(tmp_path, 'image: card.png\nimage-alt: "The card."\n', FIGURES)
    assert post_notebook.card_image_alt(qmd) == "The card."


def test_a_card_image_named_without_image_alt_has_none(tmp_path):
    assert post_notebook.card_image_alt(post(tmp_path, "image: card.png\n", FIGURES)) is None


def test_a_card_without_image_shows_the_figure_marked_preview_image(tmp_path):
    assert post_notebook.card_image_alt(post(tmp_path, "", FIGURES)) == "The second figure."


def test_a_card_without_image_or_marked_figure_shows_the_first_figure(tmp_path):
    assert post_notebook.card_image_alt(post(tmp_path, "", FIRST_FIGURE)) == "The first figure."


def test_image_alt_without_image_leaves_the_figures_alt(tmp_path):
    """Quarto reads image-alt only with the image it describes: the card shows the discovered figure's fig-alt."""
    assert post_notebook.card_image_alt(post(tmp_path, 'image-alt: "The card."\n', FIRST_FIGURE)) == "The first figure."
