"""Performance benchmark of the issue's section 6 figures (not part of the timed test suite).

Run:  .venv/bin/python -m tests.bench [--variants N] [--only NAME,...]

It seeds (or reuses) a central SQLite in .bench/, serves it with `central serve` on loopback in a
subprocess, and measures every figure through the product's own code paths, each next to the
matching raw sqlite3 figure measured in the same run. See docs/performance.md.
"""
