"""The set-up guard that names the Python version before pip's resolver fails on it (scripts/guards/require_python.py)."""

from scripts.guards import require_python


def test_python_older_than_the_pins_need_is_refused_naming_its_version_and_the_fix():
    message = require_python.refusal((3, 11, 2, "final", 0))
    assert "python3 is Python 3.11.2" in message and "3.11.5 or later" in message and "first on PATH" in message


def test_the_oldest_python_the_pins_accept_passes():
    assert require_python.refusal((3, 11, 5, "final", 0)) is None
