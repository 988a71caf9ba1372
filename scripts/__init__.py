"""The project's tooling, one package: each folder a job, run as python -m scripts.<folder>.<module>."""
