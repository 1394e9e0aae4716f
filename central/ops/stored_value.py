"""Stored value in a sale (`sale.complete`) and the gift-card ops (`giftcard.load`, `giftcard.void`).

A sale has already happened (DESIGN.md section 3): its store-credit and gift-card tenders are
debited with `allow_negative` — online the till debited them already under the same spend id
(the post is then a replay of that entry); offline the till spent up to its cached balance and
its daily cap, and what central finds short is an overspend for head office, never a silent
negative and never a refused sale. A card central does not know, or a tender without a spend
reference, is a check on the order (flagged), not a rejection. Points redeemed (the manual
discount "points:<n>") are taken off the same way; points earned are posted with the lines they
were earned on, so a return takes back exactly theirs (central.accounts.reverse_points).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.accounts import POINTS_LIFE_DAYS, TOUCHED, AccountError, card, post, tier_of
from central.models import EarnRule, LedgerEntry
from central.ops.base import Applied, Caller, OpRejected
from sync.loyalty import POINTS, earn, parse_tender_reference, redeemed_points
from sync.loyalty import EarnRule as Rule
from sync.protocol import GiftCardLoadOp, GiftCardVoidOp, SaleCompletePayload


def earn_rules(session: Session) -> list[Rule]:
    return [
        Rule(r.id, r.currency, r.store_id, r.category, int(r.per_amount), int(r.points), int(r.redeem_value))
        for r in session.scalars(select(EarnRule).order_by(EarnRule.id))
    ]


def involved(p: SaleCompletePayload) -> bool:
    """Does this sale touch stored value (a customer, a stored-value tender)?"""
    return p.customer_id is not None or any(t.type in ("store_credit", "gift_card") for t in p.tenders)


def settle_sale(
    session: Session, caller: Caller, op_id: str, p: SaleCompletePayload, facts: dict[int, tuple[str, str, str]]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Post the sale's stored value; returns (checks for the order, what to add to the op's result)."""
    checks: list[dict[str, Any]] = []
    result: dict[str, Any] = {}
    sale_ref = f"sale:{p.sale_id}"
    common = {"store_id": p.store_id, "device_id": caller.device_id, "staff_id": p.staff_id}
    for t in p.tenders:
        if t.type not in ("store_credit", "gift_card"):
            continue
        parsed = parse_tender_reference(t.reference)
        if parsed is None or (t.type == "gift_card") != (parsed[0] is not None):
            checks.append(
                {"check": "stored_value.reference", "subject": t.type, "tablet": t.reference, "central": None}
            )
            continue
        card_no, spend_id = parsed
        try:
            post(
                session,
                kind="gift" if card_no else "credit",
                amount=-t.amount,
                currency=p.currency,
                op_id=f"spend:{spend_id}",
                ref=sale_ref,
                reason="spend",
                customer_id=p.customer_id,
                card_no=card_no,
                allow_negative=True,
                at=p.completed_at,
                **common,  # type: ignore[arg-type]
            )
        except AccountError as e:
            checks.append(
                {"check": f"stored_value.{e.code}", "subject": t.type, "tablet": t.amount, "central": e.detail}
            )
    redeemed = sum(redeemed_points(d.reason) for d in p.discounts if d.kind == "manual")
    if redeemed and p.customer_id is None:
        checks.append(
            {"check": "stored_value.customer_missing", "subject": "points", "tablet": redeemed, "central": None}
        )
    elif redeemed:
        post(
            session,
            kind="points",
            amount=-redeemed,
            currency=POINTS,
            op_id=f"redeem:{op_id}",
            ref=sale_ref,
            reason="redeem",
            customer_id=p.customer_id,
            allow_negative=True,
            at=p.completed_at,
            **common,  # type: ignore[arg-type]
        )
        result["points_redeemed"] = redeemed
    if p.customer_id is not None:
        tier = tier_of(session, p.customer_id)
        lines = [(ln.line_id, ln.quantity, facts[ln.variant_id][2], ln.total) for ln in p.lines]
        got = earn(
            lines,
            earn_rules(session),
            currency=p.currency,
            store_id=p.store_id,
            multiplier=tier.multiplier if tier else "1",
        )
        total = sum(pts for _q, pts in got.values())
        if total:
            post(
                session,
                kind="points",
                amount=total,
                currency=POINTS,
                op_id=op_id,
                ref=sale_ref,
                reason="earn",
                customer_id=p.customer_id,
                lines=orjson.dumps({k: [q, pts] for k, (q, pts) in got.items() if pts}).decode(),
                expires_at=p.completed_at + timedelta(days=POINTS_LIFE_DAYS),
                at=p.completed_at,
                **common,  # type: ignore[arg-type]
            )
        result["points_earned"] = total
    return checks, result


def _rejected(e: AccountError) -> OpRejected:
    return OpRejected(e.status, e.detail)


def apply_load(session: Session, caller: Caller, op: GiftCardLoadOp) -> Applied:
    """A gift card sold or topped up at a till: the first load activates it."""
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "a device may only load gift cards for its own store")
    try:
        entry = post(
            session,
            kind="gift",
            amount=p.amount,
            currency=p.currency,
            op_id=str(op.op_id),
            ref=f"topup:{p.load_id}",
            reason="activation",
            card_no=p.card_no,
            store_id=p.store_id,
            device_id=caller.device_id,
            staff_id=p.staff_id,
            at=p.loaded_at,
        )
    except AccountError as e:
        raise _rejected(e) from None
    return Applied({"card_no": p.card_no, "balance": entry.balance_after}, 0, [])


def apply_void(session: Session, caller: Caller, op: GiftCardVoidOp) -> Applied:
    """A load paid and then voided: its amount comes off the card again — refused when the
    card was spent meanwhile (the money is no longer on it to take back)."""
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "a device may only void gift-card loads of its own store")
    try:
        acct = card(session, p.card_no)
    except AccountError as e:
        raise _rejected(e) from None
    load = session.scalar(
        select(LedgerEntry).where(LedgerEntry.account_id == acct.id, LedgerEntry.ref == f"topup:{p.load_id}")
    )
    if load is None:
        raise OpRejected(404, "There is no such top-up on this gift card to void.")
    if load.amount != p.amount:
        raise OpRejected(409, "This void does not match the top-up's amount.")
    try:
        entry = post(
            session,
            kind="gift",
            amount=-p.amount,
            currency=p.currency,
            op_id=str(op.op_id),
            ref=f"void:{p.load_id}",
            reason="load_voided",
            card_no=p.card_no,
            store_id=p.store_id,
            device_id=caller.device_id,
            staff_id=p.staff_id,
            at=p.voided_at,
        )
    except AccountError as e:
        if e.code == "insufficient":
            raise OpRejected(
                422,
                "This top-up cannot be voided: the card has been spent since; refund the customer from what is left.",
            ) from None
        raise _rejected(e) from None
    return Applied({"card_no": p.card_no, "balance": entry.balance_after}, 0, [])


# Touched by every sale that involved stored value (the poke names the balances stream).
__all__ = ["TOUCHED", "apply_load", "apply_void", "involved", "settle_sale"]
