"""`central serve` for the benchmark's diagnostic runs: the same CLI path, with central's
SQLAlchemy connection pool made larger (central.db.make_engine gives SQLite the default
QueuePool, 5 + 10 overflow). The product is not changed; only this process's engine is.

    python -m tests.bench.serve --pool N --db URL --port PORT
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--pool", type=int, required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--port", required=True)
    args = p.parse_args()

    import central.db as cdb

    original = cdb.create_engine

    def create_engine(url: Any, **kw: Any) -> Any:
        kw.setdefault("pool_size", args.pool)
        kw.setdefault("max_overflow", args.pool)
        return original(url, **kw)

    cdb.create_engine = create_engine  # type: ignore[assignment]
    from central.cli import main as cli_main

    return cli_main(["--db", args.db, "serve", "--port", args.port])


if __name__ == "__main__":
    sys.exit(main())
