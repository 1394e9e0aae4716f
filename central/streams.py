"""Where central reads each stream's rows: one source per stream of sync.protocol.STREAMS.

A source knows how to stream the rows a scope may see in key order after a resume key (the
snapshot), and their count and sum of row hashes (the checksum). Large streams read tables that
keep each row's hash (and the catalog its materialised wire row); small reference streams build
their rows whole. Adding a stream is its StreamSpec in sync.protocol plus a source here (and the
writer that records its changes, central.changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Select, func, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from central.accounts import earn_rule_rows, spend_limit_rows, tier_rows
from central.card_limits import card_limit_rows
from central.changes import location_row, names_rows, staff_row, tax_row
from central.customers import role_limit_rows
from central.models import Account, Location, Price, PriceList, Staff, Stock, TaxRate, Variant
from central.pickups import key_rows, pickup_rows
from central.promotions import rows as promotion_rows
from central.returns import policy_rows
from central.scope import Scope
from central.shift_policy import shift_policy_rows
from central.shipments import delivery_option_rows, ship_rows
from sync.protocol import STREAMS, Scalar, row_hash

SNAPSHOT_BATCH = 5000

Lines = Callable[[Session, Scope, list[Scalar] | None], Iterator[bytes]]
CountSum = Callable[[Session, Scope], tuple[int, int]]


@dataclass(frozen=True)
class StreamSource:
    lines: Lines  # one JSON array + "\n" per row, in key order, after the key if one is given
    count_sum: CountSum  # rows the scope holds and the sum of their row hashes


def after(columns: Sequence[InstrumentedAttribute[int]], key: list[Scalar] | None) -> list[ColumnElement[bool]]:
    """The filter "key columns > key" (row-value comparison for a composite key)."""
    if key is None:
        return []
    if len(columns) == 1:
        return [columns[0] > key[0]]
    return [tuple_(*columns) > tuple_(*key)]


def _count_sum(q: Select[*tuple[Any, ...]], session: Session) -> tuple[int, int]:
    count, total = session.execute(q).one()
    return int(count), int(total)


def _stream(session: Session, q: Select[*tuple[Any, ...]]) -> Iterator[Any]:
    conn = session.connection().execution_options(yield_per=SNAPSHOT_BATCH)
    yield from conn.execute(q)


# --- large streams: tables with a stored row hash ------------------------------------------


def _catalog_lines(session: Session, _scope: Scope, key: list[Scalar] | None) -> Iterator[bytes]:
    q = select(Variant.wire_row).where(*after([Variant.id], key)).order_by(Variant.id)
    for (wire,) in _stream(session, q):
        yield str(wire).encode() + b"\n"


def _catalog_count_sum(session: Session, _scope: Scope) -> tuple[int, int]:
    return _count_sum(select(func.count(), func.coalesce(func.sum(Variant.row_hash), 0)), session)


def _prices_lines(session: Session, scope: Scope, key: list[Scalar] | None) -> Iterator[bytes]:
    lists = {pl.id: pl for pl in session.scalars(select(PriceList).where(PriceList.id.in_(scope.price_lists)))}
    q = (
        select(Price.list_id, Price.variant_id, Price.amount)
        .where(Price.list_id.in_(scope.price_lists), *after([Price.list_id, Price.variant_id], key))
        .order_by(Price.list_id, Price.variant_id)
    )
    for list_id, variant_id, amount in _stream(session, q):
        pl = lists[list_id]
        yield orjson.dumps([list_id, variant_id, pl.currency, pl.store_id, pl.customer_group, amount]) + b"\n"


def _prices_count_sum(session: Session, scope: Scope) -> tuple[int, int]:
    q = select(func.count(), func.coalesce(func.sum(Price.row_hash), 0)).where(Price.list_id.in_(scope.price_lists))
    return _count_sum(q, session)


def _stock_lines(session: Session, scope: Scope, key: list[Scalar] | None) -> Iterator[bytes]:
    q = (
        select(Stock.location_id, Stock.variant_id, Stock.on_hand, Stock.reserved)
        .where(Stock.location_id.in_(scope.stock_locations), *after([Stock.location_id, Stock.variant_id], key))
        .order_by(Stock.location_id, Stock.variant_id)
    )
    for loc, var, on_hand, reserved in _stream(session, q):
        yield b"[%d,%d,%d,%d]\n" % (loc, var, on_hand, reserved)


def _stock_count_sum(session: Session, scope: Scope) -> tuple[int, int]:
    q = select(func.count(), func.coalesce(func.sum(Stock.row_hash), 0)).where(
        Stock.location_id.in_(scope.stock_locations)
    )
    return _count_sum(q, session)


def _balances_lines(session: Session, _scope: Scope, key: list[Scalar] | None) -> Iterator[bytes]:
    cols = [Account.customer_id, Account.kind, Account.currency]
    q = (
        select(Account.customer_id, Account.kind, Account.currency, Account.balance, Account.tier)
        .where(Account.kind.in_(("points", "credit")), *after(cols, key))  # type: ignore[arg-type]
        .order_by(*cols)
    )
    for row in _stream(session, q):
        yield orjson.dumps([int(row[0]), row[1], row[2], int(row[3]), row[4]]) + b"\n"


def _balances_count_sum(session: Session, _scope: Scope) -> tuple[int, int]:
    q = select(func.count(), func.coalesce(func.sum(Account.row_hash), 0)).where(Account.kind.in_(("points", "credit")))
    return _count_sum(q, session)


# --- small reference streams: built whole --------------------------------------------------

Rows = Callable[[Session, Scope], list[list[Scalar]]]


def small(stream: str, rows: Rows) -> StreamSource:
    """A source from a function building every row the scope sees, in key order; a resume
    still gets only the rows after its key, as the header it receives says."""
    key_index = STREAMS[stream].key_index

    def lines(session: Session, scope: Scope, key: list[Scalar] | None) -> Iterator[bytes]:
        for row in rows(session, scope):
            if key is None or [row[i] for i in key_index] > key:
                yield orjson.dumps(row) + b"\n"

    def count_sum(session: Session, scope: Scope) -> tuple[int, int]:
        built = rows(session, scope)
        return len(built), sum(row_hash(orjson.dumps(r)) for r in built)

    return StreamSource(lines, count_sum)


def _locations(session: Session, _scope: Scope) -> list[list[Scalar]]:
    return [location_row(session, loc) for loc in session.scalars(select(Location).order_by(Location.id))]


def _staff(session: Session, scope: Scope) -> list[list[Scalar]]:
    q = select(Staff).where(Staff.store_id == scope.store_id).order_by(Staff.id)
    return [staff_row(s) for s in session.scalars(q)]


def _tax(session: Session, _scope: Scope) -> list[list[Scalar]]:
    return [tax_row(t) for t in session.scalars(select(TaxRate).order_by(TaxRate.id))]


def _promotions(session: Session, _scope: Scope) -> list[list[Scalar]]:
    # Global: every store gets every definition (tens of rows); the engine filters by `stores`.
    return promotion_rows(session)


def _role_limits(session: Session, _scope: Scope) -> list[list[Scalar]]:
    return role_limit_rows(session)


def _names(session: Session, _scope: Scope) -> list[list[Scalar]]:
    return names_rows(session)


SOURCES: dict[str, StreamSource] = {
    "locations": small("locations", _locations),
    "catalog": StreamSource(_catalog_lines, _catalog_count_sum),
    "prices": StreamSource(_prices_lines, _prices_count_sum),
    "stock": StreamSource(_stock_lines, _stock_count_sum),
    "staff": small("staff", _staff),
    "tax": small("tax", _tax),
    "promotions": small("promotions", _promotions),
    "names": small("names", _names),
    "role_limits": small("role_limits", _role_limits),
    "card_limits": small("card_limits", card_limit_rows),  # central.card_limits (store scope)
    "pickups": small("pickups", pickup_rows),  # central.pickups (store scope)
    "central_keys": small("central_keys", lambda session, _scope: key_rows(session)),
    "delivery_options": small("delivery_options", delivery_option_rows),  # central.shipments (global)
    "return_policy": small("return_policy", policy_rows),  # central.returns (global)
    "ship_orders": small("ship_orders", ship_rows),  # central.shipments (store scope: sold or ships)
    "balances": StreamSource(_balances_lines, _balances_count_sum),  # central.accounts (global)
    "earn_rules": small("earn_rules", lambda session, _scope: earn_rule_rows(session)),
    "tiers": small("tiers", lambda session, _scope: tier_rows(session)),
    "spend_limits": small("spend_limits", lambda session, scope: spend_limit_rows(session, scope.store_id)),
    "shift_policies": small("shift_policies", shift_policy_rows),  # central.shift_policy (store scope)
}

if set(SOURCES) != set(STREAMS):  # pragma: no cover - a declaration without its source
    raise RuntimeError(f"streams without a central source: {sorted(set(STREAMS) ^ set(SOURCES))}")
