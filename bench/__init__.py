"""Benchmarks. Speed goals live here, not in timed tests; see bench/README.md."""
