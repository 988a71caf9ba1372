"""What the Makefile checks before it runs a tool; run as plain files, some before .venv exists."""
