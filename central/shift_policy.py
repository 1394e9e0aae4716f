"""Each store's shift rules, set by head office (docs/shifts.md "Blind count"): whether the
count screen shows the expected amounts before the count is saved (blind by default) and the
variance beyond which a manager approves the close (minor units of the store's currency; None =
the default, 10 major units). They travel as the small store-scoped `shift_policies` stream;
`put_shift_policy` writes one (change log, poke, pull, checksum like every stream);
`central shift-policy` shows or sets them.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.orm import Session

from central.card_limits import MAX_CAP, format_money
from central.changes import record
from central.db import Database
from central.models import Location, ShiftPolicyRow
from central.scope import Scope
from central.store_rules import print_stores, store_named
from sync.protocol import STREAMS, Scalar


def shift_policy_row(p: ShiftPolicyRow) -> list[Scalar]:
    return [p.store_id, int(p.show_expected), None if p.variance_limit is None else int(p.variance_limit)]


def shift_policy_rows(session: Session, scope: Scope) -> list[list[Scalar]]:
    p = session.get(ShiftPolicyRow, scope.store_id)
    return [] if p is None else [shift_policy_row(p)]


def put_shift_policy(session: Session, store_id: int, show_expected: bool, variance_limit: int | None) -> int:
    """Set a store's shift rules inside `central.changes.writing()`; returns the change-log seq."""
    store = session.get(Location, store_id)
    if store is None or store.kind != "store":
        raise ValueError(f"no store with id {store_id}")
    if variance_limit is not None and (type(variance_limit) is not int or not 0 <= variance_limit <= MAX_CAP):
        raise ValueError(f"the variance limit is a whole amount in minor units from 0 to {MAX_CAP}, not {variance_limit!r}")
    p = session.get(ShiftPolicyRow, store_id)
    if p is None:
        p = ShiftPolicyRow(store_id=store_id)
        session.add(p)
    p.show_expected, p.variance_limit = int(show_expected), variance_limit
    session.flush()
    row = STREAMS["shift_policies"].validate_row(shift_policy_row(p))
    return record(session, "shift_policies", store_id, [store_id], row)


def describe(store: Location, p: ShiftPolicyRow | None) -> str:
    count = "shows the expected amounts" if p is not None and p.show_expected else "counts blind"
    if p is None or p.variance_limit is None:
        limit = "the default variance limit (10 major units)"
    else:
        limit = f"a manager above a variance of {format_money(int(p.variance_limit), store.currency)}"
    return f"{store.code:<7} {store.currency}  {count}; {limit}"


def _yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in ("yes", "y", "true", "1", "on"):
        return True
    if word in ("no", "n", "false", "0", "off"):
        return False
    raise argparse.ArgumentTypeError(f"say yes or no, not {text!r}")


def add_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help="the store's code, e.g. TKY01 (without: every store)")
    p.add_argument("--show-expected", type=_yes_no, metavar="yes|no", help="set: show the expected cash before the count")
    p.add_argument("--variance-limit", type=int, metavar="MINOR", help="set: a manager approves above this variance")
    p.add_argument("--default-limit", action="store_true", help="set: back to the default variance limit")


def shift_policy_command(db: Database, args: argparse.Namespace) -> int:
    """`central shift-policy [--store CODE] [--show-expected yes|no] [--variance-limit N | --default-limit]`."""
    setting = args.show_expected is not None or args.variance_limit is not None or args.default_limit
    if args.variance_limit is not None and args.default_limit:
        print("central shift-policy: give --variance-limit or --default-limit, not both", file=sys.stderr)
        return 2
    if setting and args.store is None:
        print("central shift-policy: setting needs --store", file=sys.stderr)
        return 2
    if setting:
        with db.transaction() as s:
            store = store_named(s, args.store)
            if store is None:
                print(f"central shift-policy: no store with code {args.store}", file=sys.stderr)
                return 2
            old = s.get(ShiftPolicyRow, store.id)
            show = bool(old.show_expected) if old is not None and args.show_expected is None else bool(args.show_expected)
            limit = None if args.default_limit else args.variance_limit
            if limit is None and not args.default_limit and old is not None:
                limit = old.variance_limit  # unchanged unless given
            try:
                seq = put_shift_policy(s, store.id, show, limit)
            except ValueError as e:
                print(f"central shift-policy: {e}", file=sys.stderr)
                return 2
        print(f"Set (change {seq}); the store's tills use it at their next sync.")
    return print_stores(db, args.store, "shift-policy", lambda s, store: describe(store, s.get(ShiftPolicyRow, store.id)))
