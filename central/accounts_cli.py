"""`central accounts ...`: what support and head office reach for (docs/loyalty.md "Support").

central accounts show --customer hanako.yamada@example.jp   points, tier, credit, last entries
central accounts show --card GC48213907653                  a gift card's balance and entries
central accounts issue-card --currency JPY [--amount 5000]  a new card (inactive unless loaded)
central accounts overspends [--all]                         offline spends central took below zero
central accounts settle --overspend 3 --note "..."          head office dealt with one
central accounts spend-limit --store TKY01 [--per-day N]    the offline cap per till per day
central accounts expire                                     write off expired points now
"""

from __future__ import annotations

import argparse
import sys
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import accounts
from central.accounts import AccountError
from central.card_limits import format_money
from central.changes import now, record
from central.customers import by_email, search
from central.db import Database
from central.models import Account, Customer, Location, Overspend, SpendLimit
from sync.loyalty import POINTS, printed_card


def add_parser(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "action",
        choices=["show", "issue-card", "overspends", "settle", "spend-limit", "expire", "member-code"],
        help="what to do",
    )
    command.add_argument("--customer", help="show: the customer's id, e-mail or phone")
    command.add_argument("--card", help="show: a gift card's number (spaces allowed)")
    command.add_argument("--currency", default="JPY", help="issue-card: the card's currency")
    command.add_argument("--amount", type=int, default=0, help="issue-card: load it now (minor units), activating it")
    command.add_argument("--all", action="store_true", help="overspends: settled ones too")
    command.add_argument("--overspend", type=int, help="settle: the overspend's id")
    command.add_argument("--note", default="", help="settle: what was done")
    command.add_argument("--store", help="spend-limit: the store's code")
    command.add_argument("--per-day", type=int, help="spend-limit: set the cap in minor units (0 = none offline)")


def _fail(message: str) -> int:
    print(f"central accounts: {message}", file=sys.stderr)
    return 2


def _figure(kind: str, currency: str, value: int) -> str:
    return f"{value:,} points" if kind == "points" else format_money(value, currency)


def _customer(db: Database, text: str) -> Customer | None:
    with db.session() as s:
        if text.isdigit() and len(text) > 6:
            c = s.get(Customer, int(text))
            if c is not None:
                return c
        c = by_email(s, text.lower()) if "@" in text else None
        if c is not None:
            return c
        found, _more = search(s, text, limit=2)
        return found[0] if len(found) == 1 else None


def _print_entries(s: Session, acct: Account) -> None:
    for e in accounts.entries(s, acct, limit=20):
        at = accounts.aware(e.at).strftime("%Y-%m-%d %H:%M UTC")
        sign = "+" if e.amount > 0 else ""
        print(
            f"    {at}  {sign}{_figure(acct.kind, acct.currency, e.amount):>16}  = {_figure(acct.kind, acct.currency, e.balance_after):>16}  {e.reason:<14} {e.ref}"
        )


def accounts_command(db: Database, args: argparse.Namespace) -> int:
    try:
        return _run(db, args)
    except AccountError as e:
        return _fail(e.detail)
    except ValueError as e:
        return _fail(str(e))


def _run(db: Database, args: argparse.Namespace) -> int:
    if args.action == "show":
        if bool(args.customer) == bool(args.card):
            return _fail("show needs --customer or --card")
        if args.card:
            with db.session() as s:
                acct = accounts.card(s, args.card)
                print(
                    f"Gift card {printed_card(acct.owner)}: {format_money(int(acct.balance), acct.currency)}, {acct.status}"
                )
                _print_entries(s, acct)
            return 0
        c = _customer(db, args.customer)
        if c is None:
            return _fail(f"no single customer matches {args.customer!r}: give the id, e-mail or phone")
        with db.session() as s:
            print(f"{c.name} (customer {c.id})")
            tier = accounts.tier_of(s, c.id)
            pts = accounts.balance(s, kind="points", currency=POINTS, customer_id=c.id)
            print(f"  Points: {pts:,}" + (f" · {tier.name} (×{tier.multiplier}): {tier.benefits}" if tier else ""))
            owned = s.scalars(
                select(Account).where(Account.customer_id == c.id).order_by(Account.kind, Account.currency)
            )
            for acct in owned:
                if acct.kind == "credit":
                    print(f"  Store credit: {format_money(int(acct.balance), acct.currency)}")
                else:
                    print("  Points entries:")
                _print_entries(s, acct)
        return 0
    if args.action == "member-code":
        member = _customer(db, args.customer or "")
        if member is None:
            return _fail("member-code needs --customer (id, e-mail or phone of one customer)")
        with db.transaction() as s:
            code = accounts.member_code(s, member.id)
        print(f"{member.name}'s member QR holds: {code}")
        return 0
    if args.action == "issue-card":
        with db.transaction() as s:
            acct = accounts.issue_card(s, currency=args.currency.upper())
            number = acct.owner
            if args.amount:
                accounts.post(s, kind="gift", amount=args.amount, currency=acct.currency, op_id="cli",
                              ref=f"topup:{uuid.uuid4()}", reason="activation", card_no=number)  # fmt: skip
        state = (
            f"loaded with {format_money(args.amount, args.currency.upper())}"
            if args.amount
            else "inactive until a till sells it"
        )
        print(f"Gift card {printed_card(number)} ({number}), {state}.")
        print(f"Its barcode (Code 128) and QR hold: {number}")
        return 0
    if args.action == "overspends":
        from central.routes.accounts import overspends

        with db.session() as s:
            found_rows = overspends(s, open_only=not args.all)
        if not found_rows:
            print("No overspends." if args.all else "No open overspends.")
        for ov in found_rows:
            what = "gift card " + printed_card(ov.owner) if ov.kind == "gift" else f"{ov.kind} of customer {ov.owner}"
            state = "settled" if ov.settled else "open"
            print(f"#{ov.id} {ov.at[:16]}  {what}: {_figure(ov.kind, ov.currency, ov.shortfall)} short "
                  f"(balance {_figure(ov.kind, ov.currency, ov.balance)}), store {ov.store_id}, till {ov.device_id} · {state}")  # fmt: skip
        return 0
    if args.action == "settle":
        if args.overspend is None:
            return _fail("settle needs --overspend ID")
        with db.transaction() as s:
            found = s.get(Overspend, args.overspend)
            if found is None:
                return _fail(f"no overspend #{args.overspend}")
            found.settled_at, found.note = now(), args.note[:300]
        print(f"Overspend #{args.overspend} settled.")
        return 0
    if args.action == "spend-limit":
        if not args.store:
            return _fail("spend-limit needs --store")
        with db.transaction() as s:
            loc = s.scalar(select(Location).where(Location.code == args.store))
            if loc is None or loc.kind != "store":
                return _fail(f"no store {args.store}")
            limit = s.get(SpendLimit, loc.id)
            if args.per_day is not None:
                if not 0 <= args.per_day <= 10**12:
                    return _fail("the cap is a whole amount in minor units, 0 or more")
                if limit is None:
                    limit = SpendLimit(store_id=loc.id, per_day=0)
                    s.add(limit)
                limit.per_day = args.per_day
                s.flush()
                record(s, "spend_limits", loc.id, [loc.id], [loc.id, int(args.per_day)])
            cap = 0 if limit is None else int(limit.per_day)
        print(
            f"{args.store}: each till may spend up to {format_money(cap, loc.currency)} of stored value a day offline."
        )
        return 0
    if args.action == "expire":
        n = 0
        with db.transaction() as s:
            for acct in s.scalars(select(Account).where(Account.kind == "points")):
                n += accounts.expire_points(s, acct)
        print(f"{n:,} points expired.")
        return 0
    return _fail(f"unknown action {args.action}")
