"""Stops set-up before it makes .venv when python3 is older than the pinned packages need.

requirements.txt pins soupsieve 4.1.3 (beautifulsoup4's, which nbconvert uses), and it needs Python 3.11.5 or later:
soupsieve's releases for earlier 3.11s were withdrawn, since those Pythons' `re` mishandles possessive quantifiers.
Debian 12's python3 is 3.11.2, where pip stops with a resolver error that does not say Python is the cause.
Run by `make` as `python3 scripts/guards/require_python.py`; plain syntax, so that an old Python can read it.
"""

import sys

OLDEST = (3, 11, 5)


def refusal(version):
    """What to tell a user whose python3 is version (as sys.version_info), or None when it will do."""
    if tuple(version[:3]) >= OLDEST:
        return None
    return (
        "error: python3 is Python {found}, and the packages requirements.txt pins need Python {oldest} or later "
        "(soupsieve 4.1.3 does).\n"
        "Put a newer Python 3.11 first on PATH as python3 (pyenv install 3.11.7, or uv python install 3.11), "
        "then run make again; .venv was not made."
    ).format(found=dotted(version[:3]), oldest=dotted(OLDEST))


def dotted(version):
    return ".".join(str(part) for part in version)


if __name__ == "__main__":
    message = refusal(sys.version_info)
    if message:
        sys.exit(message)
