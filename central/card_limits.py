"""Store-and-forward card caps (docs/terminal.md "Offline"): head office sets, per store, how much
a card terminal may approve while it cannot reach the card network — per sale, and in total until
that terminal's next reconciliation — in minor units of the store's currency (0 = no offline card
payments). They travel as the small store-scoped `card_limits` stream; `put_card_limits` writes
one (change log, poke, pull, checksum like every stream); `central card-limits` shows or sets them.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.orm import Session

from central.changes import record
from central.db import Database
from central.models import CardLimit, Location
from central.scope import Scope
from central.store_rules import print_stores, store_named
from sync.pricing.money import exponent
from sync.protocol import STREAMS, Scalar

MAX_CAP = 10**12  # minor units: far above any offline limit an acquirer allows, below int64


def card_limit_row(c: CardLimit) -> list[Scalar]:
    return [c.store_id, int(c.per_sale), int(c.total)]


def card_limit_rows(session: Session, scope: Scope) -> list[list[Scalar]]:
    c = session.get(CardLimit, scope.store_id)
    return [] if c is None else [card_limit_row(c)]


def put_card_limits(session: Session, store_id: int, per_sale: int, total: int) -> int:
    """Set a store's caps (minor units, 0 = none) inside `central.changes.writing()`; returns the
    change-log seq. The per-sale cap above the total would never be reached: refused."""
    store = session.get(Location, store_id)
    if store is None or store.kind != "store":
        raise ValueError(f"no store with id {store_id}")
    for name, value in (("per-sale", per_sale), ("total", total)):
        if type(value) is not int or not 0 <= value <= MAX_CAP:
            raise ValueError(f"the {name} cap is a whole amount in minor units from 0 to {MAX_CAP}, not {value!r}")
    if per_sale > total:
        raise ValueError("the per-sale cap cannot be above the total cap")
    c = session.get(CardLimit, store_id)
    if c is None:
        c = CardLimit(store_id=store_id)
        session.add(c)
    c.per_sale, c.total = per_sale, total
    session.flush()
    row = STREAMS["card_limits"].validate_row(card_limit_row(c))
    return record(session, "card_limits", store_id, [store_id], row)


def format_money(minor: int, currency: str) -> str:
    """`30,000 JPY`, `300.00 EUR`: head office reads the caps it set in major units."""
    exp = exponent(currency)
    return f"{minor / 10**exp:,.{exp}f} {currency}" if exp else f"{minor:,} {currency}"


def describe(store: Location, c: CardLimit | None) -> str:
    per_sale, total = (0, 0) if c is None else (int(c.per_sale), int(c.total))
    if not per_sale or not total:
        return f"{store.code:<7} {store.currency}  no offline card payments"
    money = (format_money(per_sale, store.currency), format_money(total, store.currency))
    return f"{store.code:<7} {store.currency}  offline card at most {money[0]} a sale, {money[1]} in all per terminal"


def card_limits_command(db: Database, args: argparse.Namespace) -> int:
    """`central card-limits [--store CODE] [--per-sale N --total N]` (minor units)."""
    setting = args.per_sale is not None or args.total is not None
    if setting and (args.store is None or args.per_sale is None or args.total is None):
        print("central card-limits: setting needs --store, --per-sale and --total", file=sys.stderr)
        return 2
    if setting:
        with db.transaction() as s:
            store = store_named(s, args.store)
            if store is None:
                print(f"central card-limits: no store with code {args.store}", file=sys.stderr)
                return 2
            try:
                seq = put_card_limits(s, store.id, args.per_sale, args.total)
            except ValueError as e:
                print(f"central card-limits: {e}", file=sys.stderr)
                return 2
        print(f"Set (change {seq}); the store's tills use it at their next sync.")
    return print_stores(db, args.store, "card-limits", lambda s, store: describe(store, s.get(CardLimit, store.id)))
