"""What the per-store rule commands share (`central card-limits`, `central shift-policy`):
finding a store by its code and printing each store's rules in one line."""

from __future__ import annotations

import sys
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Location


def store_named(session: Session, code: str) -> Location | None:
    return session.scalar(select(Location).where(Location.code == code, Location.kind == "store"))


def print_stores(db: Database, code: str | None, command: str, line: Callable[[Session, Location], str]) -> int:
    """Print `line` for every store, or for the one named; a code no store has is exit 2."""
    with db.session() as s:
        q = select(Location).where(Location.kind == "store").order_by(Location.code)
        if code is not None:
            q = q.where(Location.code == code)
        stores = list(s.scalars(q))
        if not stores:
            print(f"central {command}: no store with code {code}", file=sys.stderr)
            return 2
        for store in stores:
            print(line(s, store))
    return 0
