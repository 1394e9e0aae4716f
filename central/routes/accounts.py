"""Stored value over HTTP (docs/loyalty.md): the till reads a customer's points, tier and credit
and a gift card's balance live, and spends store credit or a gift card at once when it takes the
tender (so two tills spending one card cannot both win); the channel API lets the web shop read
and change the same balances, and head office reads the overspends offline tills left.

Every change is `central.accounts.post` inside one writing transaction (the writer lock
serialises spends of one card), then a poke of the `balances` stream: every till showing the
customer pulls the new figure.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query
from pydantic import Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from central import accounts
from central.accounts import TOUCHED, AccountError
from central.changes import writing, written
from central.deps import ChannelDep, DatabaseDep, DeviceDep, HubDep, SessionDep, json_body, json_body_doc
from central.hub import Hub
from central.models import Account, Location, Overspend
from central.ops.stored_value import earn_rules
from central.routes import ERRORS
from sync.loyalty import POINTS, redeem_value
from sync.protocol import (
    CreditBalance,
    CustomerAccounts,
    GiftCardView,
    LedgerLine,
    SpendRequest,
    SpendResult,
    Strict,
)

router = APIRouter(tags=["accounts"], responses=ERRORS)

CustomerId = Annotated[int, Path(ge=1, le=2**62)]
CardNo = Annotated[str, Path(min_length=1, max_length=40)]


# Over HTTP a number that names no card is 404 (a typo included: it identifies nothing), and a
# change the account's state refuses (not enough, an inactive card, expired points, another
# currency) is 409: the request was well-formed, the account says no. 422 stays for bodies the
# schema refuses.
_NOT_FOUND = {"unknown_card", "check_digit", "format", "card_missing"}


def _http(e: AccountError) -> HTTPException:
    if e.code in _NOT_FOUND:
        return HTTPException(404, e.detail)
    return HTTPException(409 if e.status == 422 else e.status, e.detail)


def customer_accounts(session: Session, customer_id: int, store_id: int | None) -> CustomerAccounts:
    points = accounts.balance(session, kind="points", currency=POINTS, customer_id=customer_id)
    tier = accounts.tier_of(session, customer_id)
    credit = [
        CreditBalance(currency=a.currency, balance=int(a.balance))
        for a in session.scalars(
            select(Account)
            .where(Account.kind == "credit", Account.customer_id == customer_id)
            .order_by(Account.currency)
        )
    ]
    value = 0
    if store_id is not None:
        loc = session.get(Location, store_id)
        if loc is not None:
            value = redeem_value(earn_rules(session), currency=loc.currency, store_id=store_id)
    return CustomerAccounts(
        customer_id=customer_id,
        points=points,
        tier=tier.code if tier else "",
        tier_name=tier.name if tier else "",
        benefits=tier.benefits if tier else "",
        multiplier=tier.multiplier if tier else "1",
        credit=credit,
        redeem_value=value,
    )


def gift_view(session: Session, card_no: str) -> GiftCardView:
    try:
        acct = accounts.card(session, card_no)
    except AccountError as e:
        raise _http(e) from None
    status: Literal["inactive", "active", "blocked"] = (
        "active" if acct.status == "active" else "blocked" if acct.status == "blocked" else "inactive"
    )
    return GiftCardView(number=acct.owner, currency=acct.currency, balance=int(acct.balance), status=status)


def _publish(hub: Hub, seqs: list[int]) -> None:
    if seqs:
        hub.publish(max(seqs), [TOUCHED], also=seqs)


# --- the till ---------------------------------------------------------------------------------


@router.get("/v1/accounts/customers/{customer_id}")
def device_customer_accounts(device: DeviceDep, session: SessionDep, customer_id: CustomerId) -> CustomerAccounts:
    """A customer's points, tier and store credit now, and what 100 points buy in this store."""
    return customer_accounts(session, customer_id, device.store_id)


@router.get("/v1/accounts/giftcards/{card_no}")
def device_gift_card(device: DeviceDep, session: SessionDep, card_no: CardNo) -> GiftCardView:
    """A gift card's balance and status (a bad number: 422 with the reason; unknown: 404)."""
    return gift_view(session, card_no)


def _spend(db: DatabaseDep, hub: Hub, body: SpendRequest, *, sign: int, device_id: str | None, store_id: int | None,
           op: str, reason: str) -> SpendResult:  # fmt: skip
    try:
        with db.session() as s, writing(s):
            entry = accounts.post(
                s,
                kind=body.kind,
                amount=sign * body.amount,
                currency=body.currency,
                op_id=f"{op}:{body.spend_id}",
                ref=f"sale:{body.sale_id}",
                reason=reason,
                customer_id=body.customer_id,
                card_no=body.card_no,
                store_id=store_id,
                device_id=device_id,
            )
            left = int(entry.balance_after)
            seqs = written(s)
    except AccountError as e:
        raise _http(e) from None
    _publish(hub, seqs)
    return SpendResult(spend_id=str(body.spend_id), balance=left)


@router.post("/v1/accounts/spend", openapi_extra=json_body_doc(SpendRequest))
def device_spend(
    device: DeviceDep, db: DatabaseDep, hub: HubDep, body: Annotated[SpendRequest, Depends(json_body(SpendRequest))]
) -> SpendResult:
    """Debit store credit or a gift card for a tender now (idempotent by spend_id). More than
    the balance, an unknown or inactive card: refused with one sentence, nothing taken."""
    return _spend(
        db, hub, body, sign=-1, device_id=device.device_id, store_id=device.store_id, op="spend", reason="spend"
    )


@router.post("/v1/accounts/spend/cancel", openapi_extra=json_body_doc(SpendRequest))
def device_spend_cancel(
    device: DeviceDep, db: DatabaseDep, hub: HubDep, body: Annotated[SpendRequest, Depends(json_body(SpendRequest))]
) -> SpendResult:
    """Put a spend back (the tender was removed or the basket voided before the sale)."""
    return _spend(
        db,
        hub,
        body,
        sign=1,
        device_id=device.device_id,
        store_id=device.store_id,
        op="cancel",
        reason="spend_cancelled",
    )


# --- the channel API (web shop) and head office ----------------------------------------------


class ChannelPost(Strict):
    reference: str = Field(min_length=1, max_length=80, description="the caller's id of this change: idempotency key")
    kind: Literal["points", "credit", "gift"]
    customer_id: int | None = Field(default=None, ge=1, le=2**62)
    card_no: str | None = Field(default=None, max_length=40)
    amount: int = Field(
        ge=-(10**9),
        le=10**9,
        description="signed: minor units, or points; never 0",
        json_schema_extra={"not": {"const": 0}},
    )
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="PTS for points")
    reason: Literal["spend", "refund", "earn", "goodwill", "correction"]

    @field_validator("amount")
    @classmethod
    def _not_zero(cls, v: int) -> int:
        if v == 0:
            raise ValueError("an amount of 0 changes nothing")
        return v


class ChannelPostResult(Strict):
    reference: str
    balance: int


class OverspendOut(Strict):
    id: int
    kind: str
    owner: str
    currency: str
    shortfall: int
    balance: int
    store_id: int | None
    device_id: str | None
    at: str
    settled: bool


@router.get("/v1/channel/accounts/customers/{customer_id}", tags=["channel"])
def channel_customer_accounts(client: ChannelDep, session: SessionDep, customer_id: CustomerId) -> CustomerAccounts:
    return customer_accounts(session, customer_id, None)


class MemberCode(Strict):
    code: str = Field(description="aisle:m1:… — show it as a QR; the till scans it to attach the customer")


@router.get("/v1/channel/accounts/customers/{customer_id}/member-code", tags=["channel"])
def channel_member_code(client: ChannelDep, db: DatabaseDep, hub: HubDep, customer_id: CustomerId) -> MemberCode:
    """The customer's member QR for the web shop's account page (signed by central, checked
    offline by the tills)."""
    try:
        with db.session() as s, writing(s):
            code = accounts.member_code(s, customer_id)
            seqs = written(s)  # the signing key, published once when first made
    except AccountError as e:
        raise _http(e) from None
    if seqs:
        hub.publish(max(seqs), [("central_keys", 0)], also=seqs)
    return MemberCode(code=code)


@router.get("/v1/channel/giftcards/{card_no}", tags=["channel"])
def channel_gift_card(client: ChannelDep, session: SessionDep, card_no: CardNo) -> GiftCardView:
    return gift_view(session, card_no)


@router.get("/v1/channel/accounts/customers/{customer_id}/entries", tags=["channel"])
def channel_entries(
    client: ChannelDep,
    session: SessionDep,
    customer_id: CustomerId,
    kind: Annotated[Literal["points", "credit"], Query()] = "points",
    currency: Annotated[str, Query(pattern=r"^[A-Z]{3}$")] = POINTS,
) -> list[LedgerLine]:
    """The account's newest 50 entries (what the customer's account page shows)."""
    try:
        acct = accounts.find(session, kind=kind, currency=currency, customer_id=customer_id)
    except AccountError as e:
        raise _http(e) from None
    if acct is None:
        return []
    return [
        LedgerLine(at=accounts.aware(e.at), amount=e.amount, balance_after=e.balance_after, reason=e.reason, ref=e.ref)
        for e in accounts.entries(session, acct)
    ]


@router.post("/v1/channel/accounts/entries", tags=["channel"])
def channel_post(
    client: ChannelDep, db: DatabaseDep, hub: HubDep, body: Annotated[ChannelPost, Body()]
) -> ChannelPostResult:
    """Change a balance from the web shop (spend points or credit online, refund to credit, a
    gift card spent online). Idempotent by `reference` per channel client; more than the
    balance is refused (422) with one sentence."""
    try:
        with db.session() as s, writing(s):
            entry = accounts.post(
                s,
                kind=body.kind,
                amount=body.amount,
                currency=body.currency,
                op_id=f"channel:{client.id}",
                ref=f"channel:{body.reference}",
                reason=body.reason,
                customer_id=body.customer_id,
                card_no=body.card_no,
            )
            left = int(entry.balance_after)
            seqs = written(s)
    except AccountError as e:
        raise _http(e) from None
    _publish(hub, seqs)
    return ChannelPostResult(reference=body.reference, balance=left)


@router.get("/v1/channel/accounts/overspends", tags=["channel"])
def channel_overspends(
    client: ChannelDep, session: SessionDep, open_only: Annotated[bool, Query(alias="open")] = True
) -> list[OverspendOut]:
    """What offline tills spent beyond a balance (central took it below zero): for head office."""
    return overspends(session, open_only=open_only)


def overspends(session: Session, *, open_only: bool = True) -> list[OverspendOut]:
    q = select(Overspend, Account).join(Account, Account.id == Overspend.account_id).order_by(Overspend.id)
    if open_only:
        q = q.where(Overspend.settled_at.is_(None))
    return [
        OverspendOut(
            id=o.id,
            kind=a.kind,
            owner=a.owner,
            currency=a.currency,
            shortfall=int(o.shortfall),
            balance=int(a.balance),
            store_id=o.store_id,
            device_id=o.device_id,
            at=accounts.aware(o.at).isoformat(),
            settled=o.settled_at is not None,
        )
        for o, a in session.execute(q)
    ]
