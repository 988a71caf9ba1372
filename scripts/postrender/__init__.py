"""The steps Quarto runs after every render (README.md)."""
