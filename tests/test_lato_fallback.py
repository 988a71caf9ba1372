"""styles.css's "Lato fallback" faces scale Arial to Lato's metrics as scripts/checks/lato_fallback.py computes them
from the fonts and the site's prose."""

from pathlib import Path

import pytest
import tinycss2

from scripts.checks import lato_fallback

STYLES = Path(__file__).resolve().parents[1] / "styles.css"
# A new post moves the prose's character counts, and with them the computed numbers, by a few hundredths of a point;
# a line of text moves by less than a pixel for each tenth.
POINTS_OFF_AT_MOST = 0.25


def declared_faces():
    """{(style, weight): {descriptor: value}} of each @font-face rule of styles.css for the fallback family."""
    faces = {}
    for rule in tinycss2.parse_stylesheet(STYLES.read_text(encoding="utf-8"), skip_comments=True,
                                          skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        declarations = {declaration.lower_name: tinycss2.serialize(declaration.value).strip()
                        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                          skip_whitespace=True)
                        if declaration.type == "declaration"}
        if declarations.pop("font-family", None) == f'"{lato_fallback.FAMILY}"':
            faces[declarations.pop("font-style"), int(declarations.pop("font-weight"))] = declarations
    return faces


@pytest.fixture(scope="module")
def computed():
    faces = lato_fallback.faces()
    if faces is None:
        pytest.skip("Liberation Sans is not installed (Debian: fonts-liberation), so Arial's widths cannot be read")
    return faces


def test_styles_css_declares_a_fallback_face_for_each_lato_face():
    assert sorted(declared_faces()) == sorted(lato_fallback.FACES)


@pytest.mark.parametrize("face", lato_fallback.FACES)
def test_fallback_face_names_arial_and_liberation_sans(computed, face):
    assert declared_faces()[face]["src"] == computed[face]["src"]


@pytest.mark.parametrize("face", lato_fallback.FACES)
def test_fallback_face_takes_latos_room(computed, face):
    declared = declared_faces()[face]
    off = {name: (declared.get(name), value) for name, value in computed[face].items() if name != "src"
           and (name not in declared or abs(float(declared[name].rstrip("%")) - float(value.rstrip("%")))
                > POINTS_OFF_AT_MOST)}
    assert off == {}, (f"styles.css's {face} fallback face (declared, computed): {off}; "
                       "`python -m scripts.checks.lato_fallback` prints the faces as they should be")
