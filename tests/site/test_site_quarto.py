"""The site tests run with the Quarto the project is tested with, wherever they run."""

import subprocess

# README: "The project is tested with Quarto 1.10.18, the version the publish workflow installs too."
QUARTO_VERSION = "1.10.18"


def test_quarto_on_path_is_the_pinned_version(quarto):
    reported = subprocess.run([quarto, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    assert reported == QUARTO_VERSION, f"{quarto} is Quarto {reported}; the site is tested with Quarto {QUARTO_VERSION}"
