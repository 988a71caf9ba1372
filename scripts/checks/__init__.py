"""Checks beyond the tests: the site served as GitHub Pages serves it, Lighthouse, make bench."""
