"""Benchmarks: run by hand or with `make bench`; each prints figures beside a baseline."""
