"""Every authoritative write goes through here, so that the change log never misses one.

Every writing transaction starts with `writing(session)`, before it reads anything: that takes
the change-log writer lock first, so lock order cannot invert when one transaction writes
several things (DESIGN.md section 3). On PostgreSQL the lock is a transaction-scoped advisory
lock: sequence numbers are then handed out and committed in the same order, so a reader that
sees seq N committed has also seen every seq < N. On SQLite it is the database's write lock:
the transaction is opened with BEGIN IMMEDIATE by the engine's begin hook (central.db), so the
rows it reads are never stale when it writes them back. `record()` refuses to run outside
`writing()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Table, bindparam, func, inspect, select, text, tuple_
from sqlalchemy.orm import Session

from central.db import WRITER, insert_many
from central.models import (
    Barcode,
    Category,
    ChangeLog,
    Location,
    Meta,
    Nearby,
    Price,
    PriceList,
    Staff,
    Stock,
    StockMovement,
    Style,
    TaxRate,
    Variant,
)
from sync.protocol import STREAMS, Scalar, row_hash

CHANGE_LOG_LOCK = 0x41_49_53_4C  # "AISL"
# session.info keys, both dropped when the writing transaction ends: the change-log sequences
# it wrote (`written`), and what its handlers read once per transaction (`tx_cache`).
_WRITTEN = "aisle_written"
_TX_CACHE = "aisle_tx_cache"
_TOUCHED = "aisle_touched"  # the (stream, scope) pairs written; None once there are too many to name
TOUCHED_MAX = 200


def now() -> datetime:
    return datetime.now(UTC)


def _lock(session: Session) -> None:
    """Serialise writers of the change log from here to their commit (PostgreSQL: the
    advisory lock; SQLite: the begin hook already took the write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})


@contextmanager
def writing(session: Session) -> Iterator[Session]:
    """One writing transaction: the writer lock first, commit at the end, rollback on error.

    The session must not have begun a transaction yet (a read before the lock would see data
    another writer may change before this one commits)."""
    if session.in_transaction():
        raise RuntimeError("writing() must start the transaction: this session already read or wrote")
    session.connection(execution_options={WRITER: True})
    session.info[WRITER] = True
    try:
        _lock(session)
        yield session
        seqs = session.info.get(_WRITTEN)
        if seqs and session.get_bind().dialect.name == "postgresql":
            from central.fanout import notify  # delivered by PostgreSQL at this commit, to every replica

            notify(session, seqs, session.info.get(_TOUCHED, set()))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(WRITER, None)
        session.info.pop(_WRITTEN, None)
        session.info.pop(_TX_CACHE, None)
        session.info.pop(_TOUCHED, None)


def written(session: Session) -> list[int]:
    """The change-log sequences this writing transaction has written so far (savepoints rolled
    back included: a sequence no row holds is harmless to whoever looks for it)."""
    return list(session.info.get(_WRITTEN, ()))


def tx_cache(session: Session) -> dict[Any, Any]:
    """A dict that lives as long as this writing transaction. Only for rows no writer can change
    while the writer lock is held (every writer takes it): what one transaction reads again
    and again (a store's rules, its tax rates, the promotions) is read once. A handler that
    changes such rows itself must drop what it changed from here. Outside a writing
    transaction nothing is kept: a fresh dict each call."""
    if not session.info.get(WRITER):
        return {}
    cache: dict[Any, Any] = session.info.setdefault(_TX_CACHE, {})
    return cache


# What `lasting_cache` keeps, per database and set of streams: (validity key, the dict).
_LASTING: dict[tuple[str, tuple[str, ...]], tuple[tuple[Any, ...], dict[Any, Any]]] = {}
LASTING_MAX_ENTRIES = 200_000  # a cache that grew past this (counted per top-level value) starts again


_LASTING_KEYS: dict[tuple[str, ...], Any] = {}  # its statement per set of streams, built once


def _lasting_key(session: Session, streams: tuple[str, ...]) -> tuple[Any, ...]:
    """The epoch and each stream's newest sequence, in one round trip (each max is one probe of
    ix_change_log_stream_seq)."""
    stmt = _LASTING_KEYS.get(streams)
    if stmt is None:
        cols = [select(Meta.value).where(Meta.key == "epoch").scalar_subquery()]
        cols += [select(func.max(ChangeLog.seq)).where(ChangeLog.stream == s).scalar_subquery() for s in streams]
        stmt = _LASTING_KEYS[streams] = select(*cols)
    return tuple(session.execute(stmt).one())


def lasting_cache(session: Session, streams: tuple[str, ...]) -> dict[Any, Any]:
    """A dict that outlives the writing transaction: what handlers derive only from rows of
    `streams` (a store's rules, tax rates, promotions, variants' facts, prices) is read once
    per process instead of once per transaction. Every change of those rows is in the change
    log (this module's rule), and a reseed changes the epoch: so the dict is kept while the
    epoch and each stream's newest sequence are those it was filled under, checked once per
    writing transaction (under the writer lock: no writer can change them until the commit).
    A handler that changes such rows itself must drop what it changed from here, as with
    `tx_cache`. Outside a writing transaction: a fresh dict each call."""
    if not session.info.get(WRITER):
        return {}
    mine = tx_cache(session)
    here: dict[Any, Any] | None = mine.get(("lasting", streams))
    if here is not None:
        return here
    name = (str(session.get_bind().engine.url), streams)
    key = _lasting_key(session, streams)
    known = _LASTING.get(name)
    if (
        known is None
        or known[0] != key
        or sum(len(v) if isinstance(v, dict) else 1 for v in known[1].values()) > LASTING_MAX_ENTRIES
    ):
        known = (key, {})
        _LASTING[name] = known
    mine[("lasting", streams)] = known[1]
    return known[1]


def _require_writer(session: Session) -> None:
    if not session.info.get(WRITER):
        raise RuntimeError("change-log writes run inside central.changes.writing()")


def record(session: Session, stream: str, scope: int, key: Sequence[Scalar], row: Sequence[Scalar] | None) -> int:
    """Append one change; returns its sequence number (flushed, not committed)."""
    _require_writer(session)
    entry = ChangeLog(
        stream=stream,
        scope=scope,
        key=orjson.dumps(list(key)).decode(),
        row=None if row is None else orjson.dumps(list(row)).decode(),
        at=now(),
    )
    session.add(entry)
    session.flush()
    session.info.setdefault(_WRITTEN, []).append(entry.seq)
    _touch(session, ((stream, scope),))
    return entry.seq


def _touch(session: Session, pairs: Iterable[tuple[str, int]]) -> None:
    touched = session.info.setdefault(_TOUCHED, set())
    if touched is None:
        return
    touched.update(pairs)
    if len(touched) > TOUCHED_MAX:
        session.info[_TOUCHED] = None


def record_rows(session: Session, entries: Sequence[tuple[str, int, Sequence[Scalar], Sequence[Scalar] | None]]) -> int:
    """`record()` for several changes at once, without the ORM; returns the last sequence number
    (0: none). For handlers that write many rows per op."""
    seqs = record_many(session, entries)
    return seqs[-1] if seqs else 0


def record_many(
    session: Session, entries: Sequence[tuple[str, int, Sequence[Scalar], Sequence[Scalar] | None]]
) -> list[int]:
    """`record()` for several changes in one multi-row INSERT; returns their sequence numbers in
    the order of `entries` (ascending: the log's order is theirs)."""
    _require_writer(session)
    if not entries:
        return []
    stamp = now()
    rows = [
        {
            "stream": stream,
            "scope": scope,
            "key": orjson.dumps(list(key)).decode(),
            "row": None if row is None else orjson.dumps(list(row)).decode(),
            "at": stamp,
        }
        for stream, scope, key, row in entries
    ]
    seqs = insert_many(session, _LOG, rows)
    session.info.setdefault(_WRITTEN, []).extend(seqs)
    _touch(session, {(stream, scope) for stream, scope, _key, _row in entries})
    return seqs


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


# Statements built once (building a statement costs more than running it on SQLite).
_LOG = _table(ChangeLog)
_STOCK = _table(Stock)
_STOCK_READ_MANY = (
    select(_STOCK.c.location_id, _STOCK.c.variant_id, _STOCK.c.on_hand, _STOCK.c.reserved)
    .where(tuple_(_STOCK.c.location_id, _STOCK.c.variant_id).in_(bindparam("keys", expanding=True)))
    .with_for_update()
)
_STOCK_WRITE = (
    _STOCK.update()
    .where(_STOCK.c.location_id == bindparam("k_loc"), _STOCK.c.variant_id == bindparam("k_var"))
    .values(on_hand=bindparam("on_hand"), reserved=bindparam("reserved"), row_hash=bindparam("row_hash"))
)
_STOCK_INSERT = _STOCK.insert()
_MOVES_INSERT = _table(StockMovement).insert()


def high_water(session: Session) -> int:
    return session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0


# --- wire rows ------------------------------------------------------------------------------


def catalog_row(session: Session, variant: Variant) -> list[Scalar]:
    style = session.get_one(Style, variant.style_id)
    category = session.get_one(Category, style.category_id)
    follow_colour(session, variant)
    codes = session.scalars(select(Barcode.code).where(Barcode.variant_id == variant.id).order_by(Barcode.code)).all()
    return catalog_wire(variant, style, category.name, list(codes))


_CATALOG = STREAMS["catalog"].columns
COLOUR_AT = _CATALOG.index("colour")


def _old_colour(variant: Variant) -> str | None:
    """The colour the variant's published wire row says (None: never published)."""
    if not variant.wire_row:
        return None
    old = orjson.loads(variant.wire_row)
    return str(old[COLOUR_AT]) if len(old) > COLOUR_AT else None


def _colour_names(session: Session, colour: str, *, besides: int | None = None) -> str | None:
    """The names a colour has in the catalog (the first by ix_variants_colour of the variants of
    that colour that have names), or None."""
    q = select(Variant.colour_names).where(Variant.colour == colour, Variant.colour_names != "{}")
    if besides is not None:
        q = q.where(Variant.id != besides)
    return session.scalar(q.order_by(Variant.colour_names).limit(1))


# Every distinct colour, skipping along ix_variants_colour: one probe per colour (a dozen)
# instead of grouping a million variants.
_COLOURS = text(
    "WITH RECURSIVE c(x) AS (SELECT min(colour) FROM variants UNION ALL "
    "SELECT (SELECT min(colour) FROM variants WHERE colour > c.x) FROM c WHERE c.x IS NOT NULL) "
    "SELECT x FROM c WHERE x IS NOT NULL"
)


def follow_colour(session: Session, variant: Variant) -> None:
    """A colour's names per language belong to the colour: when a variant's colour was renamed
    (its wire row still says the old one) and its `colour_names` were not set along with it,
    they become those another variant of the catalog has for the new colour, or "{}" — never
    the old colour's."""
    if inspect(variant).attrs.colour_names.history.has_changes():
        return
    old_colour = _old_colour(variant)
    if old_colour is None or old_colour == variant.colour:
        return
    # Set along with the rename but already flushed: they are not the old colour's any more.
    old_names = _colour_names(session, old_colour, besides=variant.id)
    if variant.colour_names != "{}" and old_names is not None and variant.colour_names != old_names:
        return
    variant.colour_names = _colour_names(session, variant.colour, besides=variant.id) or "{}"


def catalog_wire(variant: Variant, style: Style, category: str, codes: list[str]) -> list[Scalar]:
    """The catalog row of sync.protocol, from central's columns (names travel in `names`)."""
    return [
        variant.id,
        variant.sku,
        style.code,
        style.name,
        style.brand,
        category,
        variant.colour,
        variant.size,
        variant.size_order,
        " ".join(codes),
        style.tax_class,
        variant.active,
    ]


def names_row(session: Session, kind: str, key: str) -> list[Scalar] | None:
    """The `names` stream's row of a style or colour as the columns say now (None: it has none)."""
    if kind == "style":
        value = session.scalar(select(Style.names).where(Style.code == key))
        value = None if value in (None, "{}") else value
    else:
        value = _colour_names(session, key)
    return None if value is None else [kind, key, value]


# Built rows of the names stream per (database, last names change): a snapshot or checksum of
# the stream reads them here instead of grouping a million variants by colour each time.
_NAMES_BUILT: dict[tuple[str, int], list[list[Scalar]]] = {}


def names_rows(session: Session) -> list[list[Scalar]]:
    """Every row of the `names` stream in key order: colours (from the variants' colour_names)
    and styles (from styles.names), those without names left out."""
    last = session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0)).where(ChangeLog.stream == "names"))
    bind = session.get_bind()
    cache_key = (str(bind.engine.url), int(last or 0))
    built = _NAMES_BUILT.get(cache_key)
    if built is None:
        colours = [(c, _colour_names(session, str(c))) for (c,) in session.execute(_COLOURS)]
        styles = session.execute(select(Style.code, Style.names).where(Style.names != "{}")).all()
        pairs = sorted(
            [("colour", str(c), str(v)) for c, v in colours if v is not None]
            + [("style", str(c), str(v)) for c, v in styles]
        )
        built = [[kind, key, value] for kind, key, value in pairs]
        if len(_NAMES_BUILT) > 8:
            _NAMES_BUILT.clear()
        _NAMES_BUILT[cache_key] = built
    return [list(r) for r in built]  # copies: a caller may change its rows


def record_names(session: Session, kind: str, keys: set[str]) -> None:
    for key in sorted(keys):
        record(session, "names", 0, [kind, key], names_row(session, kind, key))


def location_row(session: Session, loc: Location) -> list[Scalar]:
    nearby = session.scalars(select(Nearby.nearby_id).where(Nearby.store_id == loc.id).order_by(Nearby.rank)).all()
    return [
        loc.id,
        loc.code,
        loc.name,
        loc.kind,
        loc.currency,
        loc.locale,
        loc.timezone,
        loc.address,
        loc.city,
        loc.country,
        " ".join(str(n) for n in nearby),
        loc.tax_mode,
        loc.tax_rounding,
        loc.tax_rounding_mode,
        loc.cash_rounding,
        loc.cash_rounding_mode,
        loc.registration_no,
    ]


def staff_row(s: Staff) -> list[Scalar]:
    return [s.id, s.name, s.role, s.store_id, s.pin_hash, s.active]


def tax_row(t: TaxRate) -> list[Scalar]:
    return [t.id, t.country, t.tax_class, t.rate, t.name]


def price_row(p: Price, pl: PriceList) -> list[Scalar]:
    return [p.list_id, p.variant_id, pl.currency, pl.store_id, pl.customer_group, p.amount]


def stock_row(s: Stock) -> list[Scalar]:
    return [s.location_id, s.variant_id, s.on_hand, s.reserved]


def hash_of(row: Sequence[Scalar]) -> int:
    return row_hash(orjson.dumps(list(row)))


# --- writes ---------------------------------------------------------------------------------


def touch_variant(session: Session, variant: Variant) -> int:
    """Publish a variant's catalog row, and the `names` rows of its style and colours when a
    rename changed them (names travel in their own stream, not on each catalog row)."""
    # Histories first: a query (even loading the style) flushes them away.
    colours: set[str] = set()
    if inspect(variant).attrs.colour_names.history.has_changes():
        colours.add(variant.colour)
    old_colour = _old_colour(variant)
    if old_colour is not None and old_colour != variant.colour:
        colours |= {old_colour, variant.colour}
    style = session.get_one(Style, variant.style_id)  # a changed style is in the identity map
    style_history = inspect(style).attrs
    styles: set[str] = set()
    if style_history.names.history.has_changes() or style_history.code.history.has_changes():
        styles = {style.code, *(str(c) for c in style_history.code.history.deleted)}
    row = catalog_row(session, variant)
    variant.wire_row = orjson.dumps(row).decode()
    variant.row_hash = row_hash(variant.wire_row.encode())
    seq = record(session, "catalog", 0, [variant.id], row)
    if styles:
        record_names(session, "style", styles)
    if colours:
        record_names(session, "colour", colours)
    return seq


def set_price(session: Session, list_id: int, variant_id: int, amount: int) -> int:
    pl = session.get_one(PriceList, list_id)
    price = session.get(Price, (list_id, variant_id))
    if price is None:
        price = Price(list_id=list_id, variant_id=variant_id, amount=amount)
        session.add(price)
    price.amount = amount
    row = price_row(price, pl)
    price.row_hash = hash_of(row)
    return record(session, "prices", list_id, [list_id, variant_id], row)


def touch_location(session: Session, loc: Location) -> int:
    return record(session, "locations", 0, [loc.id], location_row(session, loc))


def touch_staff(session: Session, staff: Staff) -> int:
    return record(session, "staff", staff.store_id, [staff.id], staff_row(staff))


def adjust_stock(
    session: Session,
    *,
    location_id: int,
    variant_id: int,
    delta: int,
    reason: str,
    source: str,
    reference: str = "",
    device_id: str | None = None,
    staff_id: int | None = None,
    note: str = "",
    reserved_delta: int = 0,
) -> tuple[int, Stock]:
    """Apply a stock delta (never an absolute value), write the ledger line and the change.

    Stock may go negative: a sale or a count has already happened in the real world.
    Returns (seq, stock row).
    """
    # The writer lock is held (writing()): the stock row is read after every earlier writer
    # has committed.
    _require_writer(session)
    stock = session.get(Stock, (location_id, variant_id), with_for_update=True)
    if stock is None:
        stock = Stock(location_id=location_id, variant_id=variant_id, on_hand=0, reserved=0)
        session.add(stock)
    stock.on_hand = (stock.on_hand or 0) + delta
    stock.reserved = (stock.reserved or 0) + reserved_delta
    row = stock_row(stock)
    stock.row_hash = hash_of(row)
    session.add(
        StockMovement(
            location_id=location_id,
            variant_id=variant_id,
            delta=delta,
            reason=reason,
            source=source,
            reference=reference,
            device_id=device_id,
            staff_id=staff_id,
            note=note,
            at=now(),
        )
    )
    seq = record(session, "stock", location_id, [location_id, variant_id], row)
    return seq, stock


def adjust_stocks(
    session: Session,
    deltas: Sequence[tuple[int, int, int]],
    *,
    reason: str,
    source: str,
    reference: str = "",
    device_id: str | None = None,
    staff_id: int | None = None,
    note: str = "",
) -> int:
    """`adjust_stock` for several (location_id, variant_id, delta) at once, in order, without the
    ORM (`move_stocks`). Returns the last sequence (0: no delta)."""
    moves = [StockMove(loc, var, d, reason, source, reference, device_id, staff_id, note) for loc, var, d in deltas]
    seqs = move_stocks(session, moves)
    return seqs[-1] if seqs else 0


@dataclass(frozen=True)
class StockMove:
    """One stock delta with its ledger line's facts (`adjust_stock`'s arguments)."""

    location_id: int
    variant_id: int
    delta: int
    reason: str
    source: str
    reference: str = ""
    device_id: str | None = None
    staff_id: int | None = None
    note: str = ""


def move_stocks(session: Session, moves: Sequence[StockMove]) -> list[int]:
    """Apply `moves` in order as `adjust_stock` would one after the other — each stock row's
    running figure in its change, the row left at the last — with a few statements for all
    of them: one read of the rows (locked), one write per kind (update, insert), the ledger
    lines and the changes each one multi-row INSERT. Returns each move's sequence, in order
    (ascending). No ORM object of these stock rows may be pending in the session (a handler
    using this does not load them)."""
    _require_writer(session)
    if not moves:
        return []
    stamp = now()
    keys = sorted({(m.location_id, m.variant_id) for m in moves})
    found = {(loc, var): (on or 0, res or 0) for loc, var, on, res in session.execute(_STOCK_READ_MANY, {"keys": keys})}
    state = dict(found)
    entries: list[tuple[str, int, Sequence[Scalar], Sequence[Scalar] | None]] = []
    for m in moves:
        on_hand, reserved = state.get((m.location_id, m.variant_id), (0, 0))
        on_hand += m.delta
        state[(m.location_id, m.variant_id)] = (on_hand, reserved)
        entries.append(
            ("stock", m.location_id, [m.location_id, m.variant_id], [m.location_id, m.variant_id, on_hand, reserved])
        )
    updates, inserts = [], []
    for (loc, var), (on_hand, reserved) in state.items():
        values = {"on_hand": on_hand, "reserved": reserved, "row_hash": hash_of([loc, var, on_hand, reserved])}
        if (loc, var) in found:
            updates.append({"k_loc": loc, "k_var": var, **values})
        else:
            inserts.append({"location_id": loc, "variant_id": var, **values})
    if updates:
        session.execute(_STOCK_WRITE, updates)
    if inserts:
        session.execute(_STOCK_INSERT, inserts)
    session.execute(
        _MOVES_INSERT,
        [
            {
                "location_id": m.location_id,
                "variant_id": m.variant_id,
                "delta": m.delta,
                "reason": m.reason,
                "source": m.source,
                "reference": m.reference,
                "device_id": m.device_id,
                "staff_id": m.staff_id,
                "note": m.note,
                "at": stamp,
            }
            for m in moves
        ],
    )
    return record_many(session, entries)


def json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()
