"""Measure `central prune-log` once on 100,000 change-log rows, SQLite and PostgreSQL (the figures
in docs/scale.md "Change-log growth and pruning"). Not a test and not a bench: run by hand,

    PYTHONPATH=. .venv/bin/python scripts/measure_prune.py [--rows 100000] [--keys 5000]

Rows are stock changes of `--keys` (location, variant) keys in one scope per location, written
through central.changes.record_many in transactions of 500 (as pushes write them), about one
in 200 a delete. The prune runs as if 31 days had passed (`at=`), so every row is older than the
30-day retention: key compaction first, then the floor on a fresh copy of the same log. Also
measured: writing the rows with and without the compaction index (ix_change_log_key).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from central.changes import now, record_many
from central.db import Database, migrate
from central.prune import prune_log

LATER = now() + timedelta(days=31)


def fill(db: Database, rows: int, keys: int, rng: random.Random) -> float:
    started = time.perf_counter()
    done = 0
    while done < rows:
        n = min(500, rows - done)
        entries = []
        for _ in range(n):
            k = rng.randrange(keys)
            loc, var = 1 + k % 50, 1 + k // 50
            row = None if rng.random() < 0.005 else [loc, var, rng.randrange(100), 0]
            entries.append(("stock", loc, [loc, var], row))
        with db.transaction() as s:
            record_many(s, entries)
        done += n
    return time.perf_counter() - started


def run(kind: str, make: Callable[[], Database], rows: int, keys: int) -> None:
    for what in ("compaction", "floor", "no index"):
        db = make()
        migrate(db.engine)
        if what == "no index":
            with db.engine.begin() as c:
                c.execute(text("DROP INDEX ix_change_log_key"))
        took = fill(db, rows, keys, random.Random(1))
        print(f"{kind}: wrote {rows:,} rows in {took:.2f} s ({rows / took:,.0f} rows/s) {what}")
        if what != "no index":
            report = prune_log(db, keep_days=30, floor=what == "floor", at=LATER)
            for line in report.lines():
                print(f"{kind}:   {line}")
        db.dispose()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--keys", type=int, default=5_000)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        n = iter(range(100))
        run("SQLite", lambda: Database(f"sqlite:///{Path(tmp) / f'c{next(n)}.db'}"), args.rows, args.keys)
    from tests.support.postgres import postgres_cluster

    with postgres_cluster() as cluster:
        m = iter(range(100))
        run("PostgreSQL", lambda: Database(cluster.create_database(f"prune_{next(m)}")), args.rows, args.keys)


if __name__ == "__main__":
    main()
