"""`make bench`: accuracy, latency, throughput, memory, training and start-up, written to docs/benchmarks.md.

Run with `python -m bench` (`--quick` for a smoke run of a few minutes whose figures mean nothing).
"""
