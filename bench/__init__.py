"""Benchmarks that print their figures (see bench/README.md). Not imported by geo/."""
