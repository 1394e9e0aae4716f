"""Stored value: loyalty points, store credit and gift cards, as accounts with a ledger
(docs/loyalty.md; the interface with returns: /work/notes/stored-value-spec.md section 1).

An account is (kind, owner, currency): `points` (owner a customer, currency PTS), `credit` (a
customer's store credit, per currency) and `gift` (a gift card: owner its number, one currency).
Every balance change is one `LedgerEntry`, unique by (account, op_id, ref): the same op posted
again returns the entry it made; the same key with another amount is a 409. A balance is the sum
of its entries; `Account.balance` caches it in the same transaction (tests prove they agree).

Everything here runs inside `central.changes.writing()` (the writer lock is held, so two tills
spending the same card are serialised: the second sees the first's debit). A points or credit
change appends the account's row to the global `balances` stream: every till showing that
customer is poked and pulls it (poke, then pull). Callers publish ("balances", 0) after commit.

Points expire POINTS_LIFE_DAYS after they were earned; a debit spends the points that expire
first, so what expires is what was earned before the cut-off and not spent since (FIFO).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.card_limits import format_money
from central.changes import hash_of, now, record
from central.customers import resolve_customer
from central.models import Account, EarnRule, LedgerEntry, Overspend, SpendLimit, Tier
from sync.loyalty import POINTS, CardNumberError, new_card_number, normalise_card, tier_for
from sync.loyalty import Tier as TierRule
from sync.protocol import STREAMS, Scalar

Kind = Literal["points", "credit", "gift"]
KINDS: tuple[str, ...] = ("points", "credit", "gift")
POINTS_LIFE_DAYS = 365
TIER_WINDOW_DAYS = 365
MAX_AMOUNT = 10**13
TOUCHED = ("balances", 0)  # what a points or credit change pokes


class AccountError(Exception):
    """A stored-value change that cannot be made as asked: an HTTP-like `status` (404 unknown,
    409 conflicting replay, 422 refused), a short `code` and one `detail` sentence for people."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


# --- finding the account ------------------------------------------------------------------------


def _owner(kind: str, currency: str, customer_id: int | None, card_no: str | None) -> str:
    if kind not in KINDS:
        raise AccountError(422, "kind", f"An account is points, credit or gift, not {kind!r}.")
    if kind == "gift":
        if card_no is None:
            raise AccountError(422, "card_missing", "A gift card change needs the card's number.")
        try:
            return normalise_card(card_no)
        except CardNumberError as e:
            raise AccountError(422, e.code.replace("gift.", ""), str(e)) from None
    if customer_id is None:
        raise AccountError(422, "customer_missing", "Points and store credit belong to a customer: attach one.")
    if kind == "points" and currency != POINTS:
        raise AccountError(422, "currency", "Points are counted in PTS, not a currency.")
    if kind == "credit" and (len(currency) != 3 or currency == POINTS):
        raise AccountError(422, "currency", f"Store credit is kept in a currency such as JPY, not {currency!r}.")
    return str(customer_id)


def find(
    session: Session, *, kind: str, currency: str, customer_id: int | None = None, card_no: str | None = None
) -> Account | None:
    """The account, or None (a customer's not used yet; an unknown card)."""
    if kind != "gift" and customer_id is not None:
        customer_id = resolve_customer(session, customer_id)
    owner = _owner(kind, currency, customer_id, card_no)
    if kind == "gift":
        return session.scalar(select(Account).where(Account.kind == "gift", Account.owner == owner))
    return session.scalar(
        select(Account).where(Account.kind == kind, Account.owner == owner, Account.currency == currency)
    )


def card(session: Session, card_no: str) -> Account:
    """The gift card's account: AccountError for a bad number or an unknown card."""
    acct = find(session, kind="gift", currency="", card_no=card_no)
    if acct is None:
        raise AccountError(404, "unknown_card", "This gift card is not known: check the number, or it was never sold.")
    return acct


# --- the balances stream ------------------------------------------------------------------------


def balance_row(a: Account) -> list[Scalar]:
    return [int(a.owner), a.kind, a.currency, int(a.balance), a.tier]


def _publish(session: Session, a: Account) -> None:
    if a.kind == "gift":
        return
    row = STREAMS["balances"].validate_row(balance_row(a))
    a.row_hash = hash_of(row)
    record(session, "balances", 0, row[:3], row)


# --- posting ------------------------------------------------------------------------------------


def post(
    session: Session,
    *,
    kind: Kind,
    amount: int,
    currency: str,
    op_id: str,
    ref: str,
    reason: str,
    customer_id: int | None = None,
    card_no: str | None = None,
    store_id: int | None = None,
    device_id: str | None = None,
    staff_id: int | None = None,
    allow_negative: bool = False,
    lines: str = "",
    expires_at: datetime | None = None,
    at: datetime | None = None,
) -> LedgerEntry:
    """One ledger entry (signed `amount`: minor units, or points) on the account; see the module
    docstring. A debit beyond the balance is AccountError(422, "insufficient") unless
    `allow_negative` (an offline spend central must accept: then it is an Overspend for head
    office). Points due to expire are written off before a points debit ("points_expired" when
    that is why the balance is short). A gift card must be known and active, except for the
    entry with reason "activation", which activates it."""
    if type(amount) is not int or abs(amount) > MAX_AMOUNT:
        raise AccountError(422, "amount", "An amount is a whole number of minor units (or points).")
    if not op_id or not ref or len(op_id) > 100 or len(ref) > 100:
        raise AccountError(422, "key", "A ledger entry needs an op id and a reference of at most 100 characters.")
    stamp = at or now()
    if kind != "gift" and customer_id is not None:
        customer_id = resolve_customer(session, customer_id)
    owner = _owner(kind, currency, customer_id, card_no)
    acct = find(session, kind=kind, currency=currency, customer_id=customer_id, card_no=card_no)
    if acct is None:
        if kind == "gift":
            raise AccountError(
                404, "unknown_card", "This gift card is not known: check the number, or it was never sold."
            )
        acct = Account(
            kind=kind,
            owner=owner,
            currency=currency,
            customer_id=customer_id,
            balance=0,
            status="active",
            tier="",
            created_at=stamp,
            activated_at=stamp,
        )
        session.add(acct)
        session.flush()
    done = session.scalar(
        select(LedgerEntry).where(LedgerEntry.account_id == acct.id, LedgerEntry.op_id == op_id, LedgerEntry.ref == ref)
    )
    if done is not None:
        if done.amount != amount:
            raise AccountError(
                409, "conflict", "This operation was already recorded on this account with another amount."
            )
        return done
    if kind == "gift":
        if acct.currency != currency:
            raise AccountError(422, "currency", f"This gift card holds {acct.currency}, not {currency}.")
        if acct.status == "inactive" and reason == "activation":
            acct.status, acct.activated_at = "active", stamp
        elif acct.status != "active":
            raise AccountError(
                422, "inactive_card", "This gift card is not active: it must be sold and activated at a till first."
            )
    expired = 0
    if kind == "points" and amount < 0:
        expired = expire_points(session, acct, at=stamp, store_id=store_id)
    before = int(acct.balance)
    after = before + amount
    if amount < 0 and after < 0 and not allow_negative:
        if expired and before + expired + amount >= 0:
            raise AccountError(
                422,
                "points_expired",
                f"{expired:,} of these points expired (earned over {POINTS_LIFE_DAYS} days ago); {before:,} are left.",
            )
        what = "points" if kind == "points" else "left"
        raise AccountError(
            422,
            "insufficient",
            f"Not enough on this account: {_figure(acct, before)} {what}, {_figure(acct, -amount)} asked.",
        )
    entry = LedgerEntry(
        account_id=acct.id,
        amount=amount,
        balance_after=after,
        op_id=op_id,
        ref=ref,
        reason=reason[:32],
        store_id=store_id,
        device_id=device_id,
        staff_id=staff_id,
        lines=lines,
        expires_at=expires_at,
        at=stamp,
    )
    session.add(entry)
    acct.balance = after
    if kind == "points" and reason in ("earn", "earn_reversed"):
        acct.tier = _tier(session, acct, stamp, amount)
    session.flush()
    if amount < 0 and after < 0:
        shortfall = -after - max(0, -before)
        session.add(
            Overspend(
                entry_id=entry.id,
                account_id=acct.id,
                shortfall=shortfall,
                store_id=store_id,
                device_id=device_id,
                at=stamp,
            )
        )
    _publish(session, acct)
    return entry


def _figure(acct: Account, value: int) -> str:
    if acct.kind == "points":
        return f"{value:,}"
    return format_money(value, acct.currency)


def balance(
    session: Session, *, kind: str, currency: str, customer_id: int | None = None, card_no: str | None = None
) -> int:
    """The account's balance (0 for a customer's account never used). Points due to expire
    and not yet written off are left out (so a read never shows what cannot be spent).
    An unknown gift card: AccountError(404, "unknown_card")."""
    if kind == "gift":
        return int(card(session, card_no or "").balance)
    acct = find(session, kind=kind, currency=currency, customer_id=customer_id, card_no=card_no)
    if acct is None:
        return 0
    if kind == "points":
        return int(acct.balance) - _due_to_expire(session, acct, now())
    return int(acct.balance)


def entries(session: Session, acct: Account, limit: int = 50) -> list[LedgerEntry]:
    """The newest entries first."""
    q = select(LedgerEntry).where(LedgerEntry.account_id == acct.id).order_by(LedgerEntry.id.desc()).limit(limit)
    return list(session.scalars(q))


def entry_sum(session: Session, acct: Account) -> int:
    return int(
        session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(LedgerEntry.account_id == acct.id))
        or 0
    )


# --- points: expiry, tiers, reversal ------------------------------------------------------------


def _due_to_expire(session: Session, acct: Account, at: datetime) -> int:
    earned_before = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
            LedgerEntry.account_id == acct.id, LedgerEntry.amount > 0, LedgerEntry.expires_at <= at
        )
    )
    spent = session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
            LedgerEntry.account_id == acct.id, LedgerEntry.amount < 0
        )
    )
    return max(0, int(earned_before or 0) + int(spent or 0))


def expire_points(session: Session, acct: Account, *, at: datetime | None = None, store_id: int | None = None) -> int:
    """Write off the account's points that expired by `at` (one entry per day it runs);
    returns how many expired now."""
    stamp = at or now()
    due = min(_due_to_expire(session, acct, stamp), max(0, int(acct.balance)))
    if due <= 0:
        return 0
    day = stamp.date().isoformat()
    done = session.scalar(
        select(LedgerEntry).where(
            LedgerEntry.account_id == acct.id, LedgerEntry.op_id == "expiry", LedgerEntry.ref == f"expiry:{day}"
        )
    )
    if done is not None:  # already run today: a second write-off that day is its own ref
        day = f"{day}:{stamp.timestamp():.0f}"
    session.add(
        LedgerEntry(
            account_id=acct.id,
            amount=-due,
            balance_after=int(acct.balance) - due,
            op_id="expiry",
            ref=f"expiry:{day}",
            reason="expiry",
            store_id=store_id,
            at=stamp,
        )
    )
    acct.balance = int(acct.balance) - due
    session.flush()
    _publish(session, acct)
    return due


def tiers(session: Session) -> list[TierRule]:
    return [
        TierRule(t.code, t.name, int(t.min_points), t.multiplier, t.benefits)
        for t in session.scalars(select(Tier).order_by(Tier.min_points))
    ]


def earned_in_window(session: Session, acct: Account, at: datetime) -> int:
    since = at - timedelta(days=TIER_WINDOW_DAYS)
    return int(
        session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                LedgerEntry.account_id == acct.id,
                LedgerEntry.reason.in_(("earn", "earn_reversed")),
                LedgerEntry.at >= since,
            )
        )
        or 0
    )


def _tier(session: Session, acct: Account, at: datetime, pending: int) -> str:
    # The entry being posted is not flushed yet: count it in.
    t = tier_for(tiers(session), earned_in_window(session, acct, at) + pending)
    return "" if t is None else t.code


def tier_of(session: Session, customer_id: int) -> TierRule | None:
    acct = find(session, kind="points", currency=POINTS, customer_id=customer_id)
    if acct is None or not acct.tier:
        return None
    return next((t for t in tiers(session) if t.code == acct.tier), None)


@dataclass(frozen=True)
class Earned:
    """What a sale earned: the points account's entry and its lines {line_id: [quantity, points]}."""

    entry: LedgerEntry
    lines: dict[str, list[int]]


def earned_on(session: Session, sale_id: str) -> Earned | None:
    entry = session.scalar(
        select(LedgerEntry)
        .join(Account, Account.id == LedgerEntry.account_id)
        .where(Account.kind == "points", LedgerEntry.ref == f"sale:{sale_id}", LedgerEntry.reason == "earn")
    )
    if entry is None:
        return None
    return Earned(entry, orjson.loads(entry.lines) if entry.lines else {})


def reverse_points(
    session: Session,
    *,
    sale_id: str,
    lines: list[tuple[str, int]],
    op_id: str,
    ref: str,
    store_id: int | None = None,
    device_id: str | None = None,
    staff_id: int | None = None,
) -> int:
    """Take back the points the sale earned on those (line_id, quantity) pairs (a return);
    returns the points reversed (0 when the sale earned none). Idempotent by (op_id, ref).
    Each line's points are spread over its units so that returning every unit, in any number
    of returns, takes back exactly what the line earned. The balance may go below zero (the
    points were spent meanwhile): that is recorded as an overspend for head office to see."""
    earned = earned_on(session, sale_id)
    if earned is None:
        return 0
    acct = session.get_one(Account, earned.entry.account_id)
    done = session.scalar(
        select(LedgerEntry).where(LedgerEntry.account_id == acct.id, LedgerEntry.op_id == op_id, LedgerEntry.ref == ref)
    )
    if done is not None:
        return -int(done.amount)
    before = _returned_units(session, acct, sale_id)
    total = 0
    taken: dict[str, list[int]] = {}
    for line_id, quantity in lines:
        if line_id not in earned.lines or quantity <= 0:
            continue
        qty, pts = earned.lines[line_id]
        prev = min(before.get(line_id, 0), qty)
        now_units = min(prev + quantity, qty)
        back = pts * now_units // qty - pts * prev // qty
        before[line_id] = now_units
        taken[line_id] = [now_units - prev, back]
        total += back
    if total == 0:
        return 0
    post(
        session,
        kind="points",
        amount=-total,
        currency=POINTS,
        op_id=op_id,
        ref=ref,
        reason="earn_reversed",
        customer_id=int(acct.owner),
        store_id=store_id,
        device_id=device_id,
        staff_id=staff_id,
        allow_negative=True,
        lines=orjson.dumps({"sale": sale_id, "lines": taken}).decode(),
    )
    return total


def _returned_units(session: Session, acct: Account, sale_id: str) -> dict[str, int]:
    units: dict[str, int] = {}
    for (raw,) in session.execute(
        select(LedgerEntry.lines).where(LedgerEntry.account_id == acct.id, LedgerEntry.reason == "earn_reversed")
    ):
        if not raw:
            continue
        d = orjson.loads(raw)
        if d.get("sale") != sale_id:
            continue
        for line_id, (q, _p) in d["lines"].items():
            units[line_id] = units.get(line_id, 0) + int(q)
    return units


# --- gift cards ---------------------------------------------------------------------------------


def issue_card(session: Session, *, currency: str, number: str | None = None, at: datetime | None = None) -> Account:
    """A new gift card, inactive until a till sells it (its "activation" entry). `number`:
    a pre-printed card's number (checked); None makes one."""
    owner = normalise_card(number) if number is not None else new_card_number()
    while number is None and session.scalar(select(Account.id).where(Account.kind == "gift", Account.owner == owner)):
        owner = new_card_number()
    if session.scalar(select(Account.id).where(Account.kind == "gift", Account.owner == owner)) is not None:
        raise AccountError(409, "card_exists", "A gift card with this number exists already.")
    acct = Account(
        kind="gift",
        owner=owner,
        currency=currency,
        customer_id=None,
        balance=0,
        status="inactive",
        tier="",
        created_at=at or now(),
    )
    session.add(acct)
    session.flush()
    return acct


# --- the small streams: earn rules, tiers, spend limits ------------------------------------------


def earn_rule_rows(session: Session) -> list[list[Scalar]]:
    return [
        [r.id, r.currency, r.store_id, r.category, int(r.per_amount), int(r.points), int(r.redeem_value)]
        for r in session.scalars(select(EarnRule).order_by(EarnRule.id))
    ]


def tier_rows(session: Session) -> list[list[Scalar]]:
    return [
        [t.code, t.name, int(t.min_points), t.multiplier, t.benefits]
        for t in session.scalars(select(Tier).order_by(Tier.code))
    ]


def spend_limit_rows(session: Session, store_id: int) -> list[list[Scalar]]:
    s = session.get(SpendLimit, store_id)
    return [] if s is None else [[s.store_id, int(s.per_day)]]
