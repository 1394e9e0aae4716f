"""Central's customers and role limits (docs/customers.md, docs/pricing.md "Role limits").

Customers are not a stream: a retailer has far too many, and they are personal data a tablet
should hold only while it needs them. Devices search them live (`central.routes.customers`)
and create them with the `customer.create` op (`central.ops.customer_create`), online or
offline; the tablet keeps the customers it served recently.

Role limits are the small global `role_limits` stream, written by `put_role_limit` (change log,
poke, pull, checksum like every stream).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from central.changes import record
from central.db import Database
from central.models import Customer, RoleLimit
from sync.protocol import STREAMS, CustomerOut, Scalar

ROLES = ("associate", "supervisor", "manager")
LIMIT_KINDS = ("discount", "override")
SEARCH_LIMIT = 20


def name_key(name: str, kana: str = "") -> str:
    """What a name search compares: the name and its reading, folded (case-insensitive, and
    full-width Latin letters as their ASCII selves)."""
    return f"{name} {kana}".strip().casefold()


def customer_out(c: Customer) -> CustomerOut:
    at = c.created_at if c.created_at.tzinfo is not None else c.created_at.replace(tzinfo=UTC)
    return CustomerOut(
        id=c.id, name=c.name, kana=c.kana, email=c.email, phone=c.phone, group=c.customer_group, created_at=at
    )


def canonical(session: Session, customer_id: int) -> Customer | None:
    """The customer with this id, or the one an alias was linked to (None: unknown id)."""
    c = session.get(Customer, customer_id)
    for _ in range(4):  # an alias points at a live customer; a chain would be a bug, so bounded
        if c is None or c.merged_into is None:
            return c
        c = session.get(Customer, c.merged_into)
    return c


def resolve_customer(session: Session, customer_id: int | None) -> int | None:
    """The id an order should name for the `customer_id` a sale carries: the customer itself, or
    the one its alias was linked to; an id central does not know (yet) is kept as sent."""
    if customer_id is None:
        return None
    c = canonical(session, customer_id)
    return customer_id if c is None else c.id


def by_email(session: Session, email: str) -> Customer | None:
    if not email:
        return None
    return session.scalar(
        select(Customer).where(Customer.email == email, Customer.merged_into.is_(None)).order_by(Customer.id).limit(1)
    )


_LIKE_ESCAPE = re.compile(r"([\\%_])")


def _like(text: str) -> str:
    return _LIKE_ESCAPE.sub(r"\\\1", text)


def search(session: Session, q: str, limit: int = SEARCH_LIMIT) -> tuple[list[Customer], bool]:
    """Customers matching `q`: an e-mail (has "@": the address's beginning), phone digits (4 or
    more digits and nothing but phone characters: any part of the number, a national 0 left
    out), else the name or reading, case-insensitive, anywhere in it. Aliases are left out.
    Returns up to `limit` customers by name, and whether there are more."""
    text = q.strip()
    digits = re.sub(r"[^0-9]", "", text)
    cond = []
    if "@" in text:
        cond.append(Customer.email.like(_like(text.lower()) + "%", escape="\\"))
    elif len(digits) >= 4 and re.fullmatch(r"\+?[0-9 ()./-]+", text):
        national = digits[1:] if digits.startswith("0") and not text.startswith("+") else digits
        cond.append(Customer.phone.like("%" + _like(national) + "%", escape="\\"))
    else:
        cond.append(Customer.name_key.like("%" + _like(text.casefold()) + "%", escape="\\"))
        if len(digits) >= 4:
            cond.append(Customer.phone.like("%" + digits + "%"))
    rows = session.scalars(
        select(Customer)
        .where(or_(*cond), Customer.merged_into.is_(None))
        .order_by(func.lower(Customer.name), Customer.id)
        .limit(limit + 1)
    ).all()
    return list(rows[:limit]), len(rows) > limit


# --- role limits --------------------------------------------------------------------------------


def role_limit_row(r: RoleLimit) -> list[Scalar]:
    return [r.role, r.kind, r.max_percent]


def role_limit_rows(session: Session) -> list[list[Scalar]]:
    return [role_limit_row(r) for r in session.scalars(select(RoleLimit).order_by(RoleLimit.role, RoleLimit.kind))]


def put_role_limit(session: Session, role: str, kind: str, max_percent: str | None) -> int:
    """Set a role's limit for discounts or overrides (`kind`; a percent 0–100 as a decimal
    string, None = no limit) inside `central.changes.writing()`; returns its change-log seq."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if kind not in LIMIT_KINDS:
        raise ValueError(f"unknown limit {kind!r}: one of {', '.join(LIMIT_KINDS)}")
    if max_percent is not None:
        try:
            pct = Decimal(max_percent)
        except InvalidOperation:
            raise ValueError(f"a limit is a percent such as 10 or 12.5, not {max_percent!r}") from None
        if not pct.is_finite() or pct < 0 or pct > 100:
            raise ValueError("a limit is a percent between 0 and 100")
        max_percent = format(pct.normalize(), "f")
    r = session.get(RoleLimit, (role, kind))
    if r is None:
        r = RoleLimit(role=role, kind=kind)
        session.add(r)
    r.max_percent = max_percent
    session.flush()
    row = STREAMS["role_limits"].validate_row(role_limit_row(r))
    return record(session, "role_limits", 0, [role, kind], row)


def describe_role_limit(role: str, kind: str, max_percent: str | None) -> str:
    what = "discount" if kind == "discount" else "price override"
    if max_percent is None:
        return f"{role:<10} {kind:<8}  any {what} without approval"
    return f"{role:<10} {kind:<8}  a {what} up to {max_percent} % without approval; above it a higher role's PIN"


def role_limits_command(db: Database, args: argparse.Namespace) -> int:
    """`central role-limits [--role R --kind K --max-percent P|none]`: head office sets how far
    each role may discount or override a price before a higher role approves (docs/pricing.md
    "Role limits"); every till has it at its next sync (the global `role_limits` stream)."""
    if args.max_percent is not None:
        if args.role is None or args.kind is None:
            print("central role-limits: setting needs --role, --kind and --max-percent", file=sys.stderr)
            return 2
        value = None if args.max_percent.strip().lower() in ("none", "no-limit", "") else args.max_percent.strip()
        try:
            with db.transaction() as s:
                seq = put_role_limit(s, args.role, args.kind, value)
        except ValueError as e:
            print(f"central role-limits: {e}", file=sys.stderr)
            return 2
        print(f"Set (change {seq}); every till uses it at its next sync.")
    elif args.role is not None or args.kind is not None:
        print("central role-limits: --role and --kind set a limit together with --max-percent", file=sys.stderr)
        return 2
    with db.session() as s:
        rows = role_limit_rows(s)
    for role, kind, pct in rows:
        print(describe_role_limit(str(role), str(kind), None if pct is None else str(pct)))
    return 0
