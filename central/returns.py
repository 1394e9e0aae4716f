"""Returns at central (docs/returns.md): the policy stream, what of a sale can still come back,
return authorizations with their signed code and e-mail, the claim that lets one till win, and
the return a till took back (`return.complete`, central/ops/return_complete.py).

Central decides: a line's units come back at most once across every till (completed returns
and open authorizations count), no tender gets more than it paid less what went back to it
already, a card refund only to a card of the sale. Resellable units go back on the shelf of the
store that took them, damaged ones to that store's quarantine location (`<code>-Q`, kind
`quarantine`, made on first use): stock deltas, never absolute figures.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.changes import adjust_stock, now, touch_location
from central.mail.outbox import Attachment, Rendered, enqueue
from central.models import (
    AppliedOp,
    Category,
    Customer,
    Device,
    JournalEntryRow,
    Location,
    MailMessage,
    Order,
    OrderLine,
    Payment,
    ReturnAuthorization,
    ReturnLine,
    ReturnPolicyRule,
    ReturnRecord,
    ReturnRefund,
    Style,
    Variant,
)
from central.pickups import language, money_text, qr_png, signing_key
from central.scope import Scope
from sync.protocol import Scalar
from sync.receipts.code import private_key_from_text
from sync.return_code import (
    NO_RECEIPT_DAYS,
    REFUNDS,
    CodeLine,
    CodeTender,
    Policy,
    ReturnClaim,
    allocate,
    no_receipt_limit,
    policy_of,
    sign_return_code,
    units_amount,
)

CODE_DAYS = 14  # a return code is valid this long (and never past the return window's end + 14 days)


class ReturnError(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


def aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


# --- the policy stream ---------------------------------------------------------------------------


def policy_rows(session: Session, _scope: Scope | None = None) -> list[list[Scalar]]:
    rules = session.scalars(select(ReturnPolicyRule).order_by(ReturnPolicyRule.id))
    return [[r.id, r.kind, r.match, r.days, r.words] for r in rules]


def policy(session: Session) -> Policy:
    return policy_of(policy_rows(session))


# --- what of a sale can come back ------------------------------------------------------------------


@dataclass(frozen=True)
class SaleLineState:
    line_id: str
    variant_id: int
    sku: str
    name: str
    category: str
    sold: int
    total: int
    back: int  # units returned or held by an open authorization
    refusal: tuple[str, str] | None

    @property
    def open(self) -> int:
        return 0 if self.refusal else self.sold - self.back


@dataclass(frozen=True)
class TenderState:
    type: str
    reference: str
    paid: int
    back: int  # refunded or held by an open authorization

    @property
    def room(self) -> int:
        return self.paid - self.back


@dataclass(frozen=True)
class SaleState:
    order: Order
    store: Location
    lines: tuple[SaleLineState, ...]
    tenders: tuple[TenderState, ...]


def _open_auths(session: Session, sale_id: str, at: datetime) -> list[ReturnAuthorization]:
    found = session.scalars(
        select(ReturnAuthorization).where(
            ReturnAuthorization.sale_id == sale_id, ReturnAuthorization.state == "authorized"
        )
    ).all()
    return [a for a in found if aware(a.expires_at) > at]


def sale_state(session: Session, sale_id: str, *, at: datetime | None = None, besides: str | None = None) -> SaleState:
    """The sale's lines and tenders with what already came back (completed returns) or is held
    by an open authorization (other than `besides`)."""
    at = at or now()
    order = session.scalar(select(Order).where(Order.sale_id == sale_id))
    if order is None:
        raise ReturnError(
            404, "return.no_sale", "Central has no sale with this receipt (yet): try again after it syncs."
        )
    store = session.get_one(Location, order.store_id)
    back_units: dict[str, int] = {}
    back_money: dict[tuple[str, str], int] = {}
    for line_id, q in session.execute(
        select(ReturnLine.line_id, func.sum(ReturnLine.quantity))
        .where(ReturnLine.sale_id == sale_id)
        .group_by(ReturnLine.line_id)
    ):
        back_units[line_id] = int(q)
    for t, ref, m in session.execute(
        select(ReturnRefund.type, ReturnRefund.reference, func.sum(ReturnRefund.amount))
        .where(ReturnRefund.sale_id == sale_id)
        .group_by(ReturnRefund.type, ReturnRefund.reference)
    ):
        back_money[(t, ref or "")] = int(m)
    for a in _open_auths(session, sale_id, at):
        if a.id == besides:
            continue
        for line_id, _v, _sku, q, _m in orjson.loads(a.lines):
            back_units[line_id] = back_units.get(line_id, 0) + int(q)
        if a.refund == "original":
            for t, m, ref in orjson.loads(a.tenders):
                back_money[(t, ref)] = back_money.get((t, ref), 0) + int(m)
    pol = policy(session)
    rows = session.execute(
        select(OrderLine, Style.name, Category.name)
        .join(Variant, Variant.id == OrderLine.variant_id)
        .join(Style, Style.id == Variant.style_id)
        .join(Category, Category.id == Style.category_id)
        .where(OrderLine.order_id == order.id)
        .order_by(OrderLine.line_no)
    ).all()
    lines = tuple(
        SaleLineState(
            ln.line_id,
            ln.variant_id,
            ln.sku,
            name,
            cat,
            ln.quantity,
            ln.total,
            back_units.get(ln.line_id, 0),
            pol.refusal(sku=ln.sku, category=cat, sold_at=aware(order.completed_at), at=at),
        )
        for ln, name, cat in rows
    )
    paid: dict[tuple[str, str], int] = {}
    for p in session.scalars(select(Payment).where(Payment.order_id == order.id).order_by(Payment.id)):
        key = (p.type, p.reference or "")
        paid[key] = paid.get(key, 0) + p.amount - p.change
    tenders = tuple(TenderState(t, ref, m, back_money.get((t, ref), 0)) for (t, ref), m in paid.items())
    return SaleState(order, store, lines, tenders)


def price_lines(state: SaleState, picks: Sequence[tuple[str, int]]) -> list[CodeLine]:
    """The lines of a return of `picks` (line id, units) with what those units paid; refused
    with one sentence for an unknown line, a refused one, or more units than can come back."""
    by = {ln.line_id: ln for ln in state.lines}
    out: list[CodeLine] = []
    seen: set[str] = set()
    for line_id, qty in picks:
        ln = by.get(line_id)
        if ln is None or line_id in seen:
            raise ReturnError(409, "return.no_line", f"Line {line_id} is not a line of this sale.")
        seen.add(line_id)
        if ln.refusal:
            raise ReturnError(409, ln.refusal[0], ln.refusal[1])
        if qty < 1:
            raise ReturnError(409, "return.quantity", "Choose at least one unit to return.")
        if qty > ln.open:
            if ln.open == 0:
                raise ReturnError(
                    409, "return.already", f"{ln.sku} of this sale was already returned (or is on an open return)."
                )
            raise ReturnError(
                409, "return.too_many", f"Only {ln.open} of {ln.sku} can come back; {ln.sold} were bought."
            )
        out.append(CodeLine(ln.line_id, ln.variant_id, ln.sku, qty, units_amount(ln.total, ln.sold, ln.back, qty)))
    if not out:
        raise ReturnError(409, "return.nothing", "Choose at least one item to return.")
    return out


def tender_shares(state: SaleState, amount: int) -> list[CodeTender]:
    room = [(f"{t.type}:{t.reference}", t.paid, t.room) for t in state.tenders]
    try:
        parts = allocate(amount, room)
    except ValueError:
        raise ReturnError(409, "return.over_paid", "The sale's tenders cannot take this much back any more.") from None
    return [CodeTender(t.type, p, t.reference) for t, p in zip(state.tenders, parts, strict=True) if p]


# --- authorizations ----------------------------------------------------------------------------


def _number(session: Session) -> str:
    n = (session.scalar(select(func.count()).select_from(ReturnAuthorization)) or 0) + 1
    while session.scalar(select(ReturnAuthorization.id).where(ReturnAuthorization.number == f"R-{n:06d}")):
        n += 1
    return f"R-{n:06d}"


def authorize(
    session: Session,
    *,
    sale_id: str,
    picks: Sequence[tuple[str, int]],
    reason: str,
    refund: str = "original",
    source: str,
    email: str = "",
    lang: str | None = None,
    at: datetime | None = None,
) -> ReturnAuthorization:
    """A return authorization for `picks` of the sale, with its signed code; the e-mail with
    the code and instructions is written in the same transaction when there is an address."""
    at = at or now()
    if refund not in REFUNDS:
        raise ReturnError(409, "return.refund", "Choose a refund to the original payment or store credit.")
    state = sale_state(session, sale_id, at=at)
    if refund == "store_credit" and state.order.customer_id is None:
        raise ReturnError(
            409, "return.no_credit", "Store credit needs a customer account on the sale: choose the original payment."
        )
    pol = policy(session)
    if reason not in {c for c, _w in pol.reasons()}:
        raise ReturnError(409, "return.reason", "Choose a reason from the list.")
    lines = price_lines(state, picks)
    tenders = tender_shares(state, sum(x.amount for x in lines))
    key = signing_key(session)
    aid = str(uuid.uuid4())
    sold = aware(state.order.completed_at)
    window_end = min(sold + timedelta(days=pol.days(_category(state, x.line_id))) for x in lines)
    expires = min(at + timedelta(days=CODE_DAYS), window_end + timedelta(days=CODE_DAYS))
    claim = ReturnClaim(
        authorization=aid,
        number=_number(session),
        sale_id=sale_id,
        receipt_no=state.order.receipt_no,
        store=state.store.code,
        currency=state.order.currency,
        lines=tuple(lines),
        tenders=tuple(tenders),
        refund=refund,
        reason=reason,
        expires=int(expires.timestamp()),
        issued=int(at.timestamp()),
        key=key.kid,
    )
    code = sign_return_code(claim, private_key_from_text(key.private_key))
    if not email and state.order.customer_id is not None:
        email = session.scalar(select(Customer.email).where(Customer.id == state.order.customer_id)) or ""
    auth = ReturnAuthorization(
        id=aid,
        number=claim.number,
        sale_id=sale_id,
        order_id=state.order.id,
        source=source,
        reason=reason,
        refund=refund,
        lines=orjson.dumps([[x.line_id, x.variant_id, x.sku, x.quantity, x.amount] for x in lines]).decode(),
        tenders=orjson.dumps([[t.type, t.amount, t.reference] for t in tenders]).decode(),
        code=code,
        email=email,
        language=language(lang, state.store.locale),
        state="authorized",
        created_at=at,
        expires_at=expires,
    )
    session.add(auth)
    session.flush()
    if email:
        enqueue(session, kind="return.instructions", ref=aid, to=email, language=auth.language, store_id=state.store.id)
    return auth


def _category(state: SaleState, line_id: str) -> str:
    return next(ln.category for ln in state.lines if ln.line_id == line_id)


def claim(session: Session, authorization_id: str, return_id: str, device_id: str) -> ReturnAuthorization:
    """A till is about to give the money back for this authorization: the first claim wins,
    the same return claiming again is answered the same, another one is refused (409)."""
    auth = session.get(ReturnAuthorization, authorization_id)
    if auth is None:
        raise ReturnError(404, "return.unknown", "Central does not know this return.")
    if auth.return_id not in (None, return_id):
        raise ReturnError(409, "return.taken", _taken(session, auth))
    if auth.return_id is None:
        auth.return_id, auth.claimed_device = return_id, device_id
    return auth


def _taken(session: Session, auth: ReturnAuthorization) -> str:
    from central.models import Device

    name = session.scalar(select(Device.name).where(Device.id == auth.claimed_device)) or "another till"
    done = session.get(ReturnRecord, auth.return_id) if auth.return_id else None
    if done is not None:
        store = session.get_one(Location, done.store_id)
        when = aware(done.completed_at).astimezone(ZoneInfo(store.timezone)).strftime("%Y-%m-%d %H:%M")
        return (
            f"Return {auth.number} was already completed at {store.code} on {name} ({when}); nothing was refunded here."
        )
    return f"Return {auth.number} is being completed on {name}; nothing was refunded here."


# --- the return a till took back ------------------------------------------------------------------


def quarantine(session: Session, store: Location) -> Location:
    code = f"{store.code}-Q"
    loc = session.scalar(select(Location).where(Location.code == code))
    if loc is None:
        # the seed gives locations their ids (no sequence moved on PostgreSQL): take the next one
        # under the writer lock every writing transaction holds
        loc = Location(
            id=(session.scalar(select(func.max(Location.id))) or 0) + 1,
            code=code,
            name=f"{store.name} quarantine",
            kind="quarantine",
            currency=store.currency,
            locale=store.locale,
            timezone=store.timezone,
            address=store.address,
            city=store.city,
            country=store.country,
        )
        session.add(loc)
        session.flush()
        touch_location(session, loc)
    return loc


@dataclass(frozen=True)
class Taken:
    line_id: str
    variant_id: int
    sku: str
    resellable: int
    damaged: int
    amount: int


@dataclass(frozen=True)
class Paid:
    type: str
    amount: int
    reference: str
    state: str  # paid | queued


def record_return(
    session: Session,
    *,
    return_id: str,
    op_id: str,
    kind: str,
    authorization_id: str | None,
    sale_id: str | None,
    store_id: int,
    device_id: str,
    staff_id: int | None,
    approved_by: int | None,
    customer_id: int | None,
    currency: str,
    reason: str,
    completed_at: datetime,
    lines: Sequence[Taken],
    refunds: Sequence[Paid],
    exchange_sale_id: str | None = None,
) -> ReturnRecord:
    """Check a till's return against the sale and write it: lines, refunds, stock movements,
    the refund e-mail. Raises ReturnError (the op is rejected) when it cannot stand. An
    exchange (`exchange_sale_id`) names the sale made in the same basket: its `exchange`
    tender must be this return's `exchange` refund, and one return pays one sale."""
    auth = session.get(ReturnAuthorization, authorization_id) if authorization_id else None
    if authorization_id and auth is None:
        raise ReturnError(404, "return.unknown", "Central does not know this return authorization.")
    if auth is not None:
        if auth.return_id not in (None, return_id) or auth.state == "completed":
            raise ReturnError(409, "return.taken", _taken(session, auth))
        sale_id = auth.sale_id
    _check_reason(session, kind, reason)
    total = sum(x.amount for x in lines)
    if sum(r.amount for r in refunds) != total:
        raise ReturnError(409, "return.sum", "The refunds do not add up to what the returned items paid.")
    if sale_id is not None:
        state = sale_state(session, sale_id, at=completed_at, besides=authorization_id)
        if state.order.currency != currency:
            raise ReturnError(409, "return.currency", f"This sale was paid in {state.order.currency}.")
        by = {ln.line_id: ln for ln in state.lines}
        for x in lines:
            ln = by.get(x.line_id)
            if ln is None or ln.variant_id != x.variant_id:
                raise ReturnError(409, "return.no_line", f"Line {x.line_id} is not a line of this sale.")
            units = x.resellable + x.damaged
            if units > ln.sold - ln.back:
                left = ln.sold - ln.back
                raise ReturnError(
                    409,
                    "return.already",
                    f"{ln.sku} of this sale was already returned."
                    if left == 0
                    else f"Only {left} of {ln.sku} could still come back.",
                )
            if x.amount > units_amount(ln.total, ln.sold, ln.back, units) + units:
                raise ReturnError(409, "return.amount", f"More money for {ln.sku} than those units paid.")
        room = {(t.type, t.reference): t.room for t in state.tenders}
        for r in refunds:
            if r.type == "card" and ("card", r.reference) not in room:
                raise ReturnError(409, "return.card", "A card refund must go to a card this sale was paid with.")
            if r.type in ("cash", "card") and r.amount > room.get((r.type, r.reference), 0):
                raise ReturnError(409, "return.over_paid", f"More than the sale's {r.type} payment can take back.")
        customer_id = customer_id or state.order.customer_id
    elif any(r.type != "store_credit" for r in refunds):
        raise ReturnError(409, "return.no_receipt", "Without a receipt a return is refunded as store credit only.")
    elif kind == "no_receipt" and customer_id is not None:
        left = no_receipt_allowance(session, customer_id, currency, at=completed_at)["left"]
        if total > left:
            store = session.get_one(Location, store_id)
            raise ReturnError(
                422,
                "return.no_receipt_limit",
                f"Without a receipt this customer may return {money_text(no_receipt_limit(currency), currency, store.locale)} "
                f"in {NO_RECEIPT_DAYS} days across the stores; {money_text(left, currency, store.locale)} is left.",
            )
    _check_exchange(session, exchange_sale_id, store_id, currency, refunds)
    at = now()
    rec = ReturnRecord(
        id=return_id,
        authorization_id=authorization_id,
        sale_id=sale_id,
        kind=kind,
        store_id=store_id,
        device_id=device_id,
        staff_id=staff_id,
        approved_by=approved_by,
        customer_id=customer_id,
        op_id=op_id,
        currency=currency,
        total=total,
        reason=reason,
        completed_at=completed_at,
        received_at=at,
        exchange_sale_id=exchange_sale_id,
    )
    session.add(rec)
    session.flush()
    store = session.get_one(Location, store_id)
    for x in lines:
        session.add(
            ReturnLine(
                return_id=return_id, line_id=x.line_id, sale_id=sale_id, variant_id=x.variant_id, sku=x.sku,
                quantity=x.resellable + x.damaged, resellable=x.resellable, damaged=x.damaged, amount=x.amount,
            )
        )  # fmt: skip
    for r in refunds:
        session.add(
            ReturnRefund(
                return_id=return_id, sale_id=sale_id, type=r.type, amount=r.amount, reference=r.reference,
                state=r.state,
            )
        )  # fmt: skip
    q: Location | None = None
    for x in lines:
        if x.resellable:
            adjust_stock(
                session, location_id=store_id, variant_id=x.variant_id, delta=x.resellable, reason="return",
                source="device", reference=f"return:{return_id}", device_id=device_id, staff_id=staff_id,
            )  # fmt: skip
        if x.damaged:
            q = q or quarantine(session, store)
            adjust_stock(
                session, location_id=q.id, variant_id=x.variant_id, delta=x.damaged, reason="return damaged",
                source="device", reference=f"return:{return_id}", device_id=device_id, staff_id=staff_id,
            )  # fmt: skip
    _stored_value(session, rec, refunds, [(x.line_id, x.resellable + x.damaged) for x in lines])
    if auth is not None:
        auth.state, auth.return_id, auth.completed_at = "completed", return_id, completed_at
        auth.claimed_device = auth.claimed_device or device_id
    email = auth.email if auth is not None else ""
    if not email and customer_id is not None:
        email = session.scalar(select(Customer.email).where(Customer.id == customer_id)) or ""
    if email and total:
        lang = auth.language if auth is not None else language(None, store.locale)
        enqueue(session, kind="return.refunded", ref=return_id, to=email, language=lang, store_id=store_id)
    return rec


def no_receipt_allowance(
    session: Session, customer_id: int, currency: str, *, at: datetime | None = None
) -> dict[str, Any]:
    """What this customer returned without a receipt in the last NO_RECEIPT_DAYS (every till's
    returns central has) and what is left of the limit."""
    at = aware(at or now())
    since = at - timedelta(days=NO_RECEIPT_DAYS)
    rows = session.execute(
        select(ReturnRecord.total, ReturnRecord.completed_at).where(
            ReturnRecord.kind == "no_receipt",
            ReturnRecord.customer_id == customer_id,
            ReturnRecord.currency == currency,
        )
    ).all()
    used = sum(int(t) for t, when in rows if aware(when) >= since)
    limit = no_receipt_limit(currency)
    return {"customer_id": customer_id, "currency": currency, "days": NO_RECEIPT_DAYS, "limit": limit,
            "used": used, "left": max(limit - used, 0)}  # fmt: skip


def _check_reason(session: Session, kind: str, reason: str) -> None:
    """A counter return (receipt or none) carries one of the policy's reasons, as staff chose it;
    an online-started one has the customer's from its authorization (an unknown one is refused
    either way)."""
    known = [c for c, _w in policy(session).reasons()]
    if not reason:
        if kind != "authorized":
            raise ReturnError(422, "return.reason_needed", "A return at the counter needs the customer's reason.")
        return
    if reason not in known:
        raise ReturnError(
            422, "return.reason_unknown", f"“{reason}” is not a reason of the return policy ({', '.join(known)})."
        )


def _check_exchange(
    session: Session, sale_id: str | None, store_id: int, currency: str, refunds: Sequence[Paid]
) -> None:
    """An exchange's two halves agree: the sale (sent before the return, in the same device
    transaction) is this store's, in this currency, not paid by another return, and its
    `exchange` tender is exactly this return's `exchange` refund."""
    credit = sum(r.amount for r in refunds if r.type == "exchange")
    if sale_id is None:
        if credit:
            raise ReturnError(409, "return.exchange_sale", "An exchange refund must name the exchange's sale.")
        return
    order = session.scalar(select(Order).where(Order.sale_id == sale_id))
    if order is None:
        raise ReturnError(
            409, "return.exchange_sale", "Central has no exchange sale for this return: it must arrive first."
        )
    if order.store_id != store_id or order.currency != currency:
        raise ReturnError(409, "return.exchange_sale", "The exchange sale is another store's or currency's.")
    other = session.scalar(select(ReturnRecord.id).where(ReturnRecord.exchange_sale_id == sale_id))
    if other is not None:
        raise ReturnError(409, "return.exchange_twice", "Another return already paid this exchange sale.")
    paid = session.scalar(
        select(func.coalesce(func.sum(Payment.amount - Payment.change), 0)).where(
            Payment.order_id == order.id, Payment.type == "exchange"
        )
    )
    if int(paid or 0) != credit:
        raise ReturnError(
            409,
            "return.exchange_mismatch",
            f"The exchange sale's exchange tender ({int(paid or 0)}) is not this return's credit ({credit}).",
        )


def _stored_value(session: Session, rec: ReturnRecord, refunds: Sequence[Paid], units: list[tuple[str, int]]) -> None:
    """Store credit and gift-card refunds as ledger entries (central.accounts, ref
    `return:<id>`), and the points the returned units earned taken back."""
    from central.accounts import AccountError, post, reverse_points

    ref = f"return:{rec.id}"
    try:
        for r in refunds:
            if r.type == "store_credit":
                if rec.customer_id is None:
                    raise ReturnError(
                        409, "return.credit_customer", "Store credit needs a customer: choose them first."
                    )
                post(session, kind="credit", amount=r.amount, currency=rec.currency, op_id=rec.op_id, ref=ref,
                     reason="return", customer_id=rec.customer_id, store_id=rec.store_id, device_id=rec.device_id,
                     staff_id=rec.staff_id)  # fmt: skip
            elif r.type == "gift_card":
                post(session, kind="gift", amount=r.amount, currency=rec.currency, op_id=rec.op_id, ref=ref,
                     reason="return", card_no=r.reference, store_id=rec.store_id, device_id=rec.device_id,
                     staff_id=rec.staff_id)  # fmt: skip
        if rec.sale_id is not None and units:
            reverse_points(session, sale_id=rec.sale_id, lines=units, op_id=rec.op_id, ref=ref, store_id=rec.store_id,
                           device_id=rec.device_id, staff_id=rec.staff_id)  # fmt: skip
    except AccountError as e:
        raise ReturnError(e.status, e.code, e.detail) from None


def returns_of_sale(session: Session, sale_id: str) -> list[dict[str, Any]]:
    return [return_out(session, r) for r in session.scalars(
        select(ReturnRecord).where(ReturnRecord.sale_id == sale_id).order_by(ReturnRecord.received_at)
    )]  # fmt: skip


def return_out(session: Session, r: ReturnRecord) -> dict[str, Any]:
    from central.models import StockMovement

    store = session.get_one(Location, r.store_id)
    lines = session.scalars(select(ReturnLine).where(ReturnLine.return_id == r.id).order_by(ReturnLine.line_id))
    refunds = session.scalars(select(ReturnRefund).where(ReturnRefund.return_id == r.id).order_by(ReturnRefund.id))
    moves = session.execute(
        select(
            StockMovement.location_id,
            Location.code,
            StockMovement.variant_id,
            StockMovement.delta,
            StockMovement.reason,
        )
        .join(Location, Location.id == StockMovement.location_id)
        .where(StockMovement.reference == f"return:{r.id}")
        .order_by(StockMovement.id)
    )
    auth = session.get(ReturnAuthorization, r.authorization_id) if r.authorization_id else None
    return {
        "id": r.id,
        "number": auth.number if auth else None,
        "authorization_id": r.authorization_id,
        "sale_id": r.sale_id,
        "kind": r.kind,
        "store_code": store.code,
        "device_id": r.device_id,
        "staff_id": r.staff_id,
        "approved_by": r.approved_by,
        "currency": r.currency,
        "total": r.total,
        "reason": r.reason,
        "exchange_sale_id": r.exchange_sale_id,
        "completed_at": aware(r.completed_at).isoformat(),
        "received_at": aware(r.received_at).isoformat(),
        "lines": [
            {"line_id": x.line_id, "variant_id": x.variant_id, "sku": x.sku, "quantity": x.quantity,
             "resellable": x.resellable, "damaged": x.damaged, "amount": x.amount}
            for x in lines
        ],
        "refunds": [{"type": x.type, "amount": x.amount, "reference": x.reference, "state": x.state} for x in refunds],
        "stock": [
            {"location_id": loc, "location": code, "variant_id": v, "delta": d, "reason": why}
            for loc, code, v, d, why in moves
        ],
    }  # fmt: skip


def authorization_out(a: ReturnAuthorization) -> dict[str, Any]:
    return {
        "id": a.id,
        "number": a.number,
        "sale_id": a.sale_id,
        "source": a.source,
        "state": a.state,
        "reason": a.reason,
        "refund": a.refund,
        "lines": [dict(zip(("line_id", "variant_id", "sku", "quantity", "amount"), x, strict=True))
                  for x in orjson.loads(a.lines)],
        "tenders": [dict(zip(("type", "amount", "reference"), x, strict=True)) for x in orjson.loads(a.tenders)],
        "code": a.code,
        "expires_at": aware(a.expires_at).isoformat(),
        "return_id": a.return_id,
        "completed_at": aware(a.completed_at).isoformat() if a.completed_at else None,
    }  # fmt: skip


# --- mail -------------------------------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "inst_subject": "Your return {number} at {store}",
        "inst_intro": "We have registered your return {number}. Bring the items and show this code at the counter "
        "of any of our stores by {date}. The money goes back the way you paid.",
        "ref_subject": "Your refund from {store}",
        "ref_intro": "We have taken your return back. {amount} is being refunded: {how}.",
        "cash": "in cash at the counter",
        "card": "to your card",
        "card_queued": "to your card (it reaches your card shortly)",
        "store_credit": "as store credit",
        "gift_card": "to your gift card",
        "items": "Items",
    },
    "ja": {
        "inst_subject": "【{store}】返品受付 {number}",
        "inst_intro": "返品 {number} を受け付けました。{date}までに商品をお持ちのうえ、店舗のレジでこのコードをご提示ください。"
        "お支払い方法に返金いたします。",
        "ref_subject": "【{store}】ご返金のお知らせ",
        "ref_intro": "返品をお受けしました。{amount}を返金いたします（{how}）。",
        "cash": "レジにて現金",
        "card": "カードへ",
        "card_queued": "カードへ（まもなく反映されます）",
        "store_credit": "ストアクレジット",
        "gift_card": "ギフトカードへ",
        "items": "商品",
    },
    "de": {
        "inst_subject": "Ihre Rücksendung {number} bei {store}",
        "inst_intro": "Wir haben Ihre Rückgabe {number} erfasst. Bringen Sie die Artikel bis {date} in eine unserer "
        "Filialen und zeigen Sie diesen Code an der Kasse. Das Geld geht so zurück, wie Sie bezahlt haben.",
        "ref_subject": "Ihre Erstattung von {store}",
        "ref_intro": "Wir haben Ihre Rückgabe angenommen. {amount} werden erstattet: {how}.",
        "cash": "bar an der Kasse",
        "card": "auf Ihre Karte",
        "card_queued": "auf Ihre Karte (in Kürze gutgeschrieben)",
        "store_credit": "als Guthaben",
        "gift_card": "auf Ihre Geschenkkarte",
        "items": "Artikel",
    },
}
LOCALES = {"ja": "ja_JP", "de": "de_DE", "en": "en_US"}


def _html(subject: str, paras: list[str], items: list[str], items_label: str, qr: bool) -> str:
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    rows = "".join(f"<li>{escape(x)}</li>" for x in items)
    img = "<p>QR: return-*.png</p>" if qr else ""  # the code itself is attached as a PNG
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(subject)}</title></head><body>"
            f"<h1>{escape(subject)}</h1>{body}{img}<h2>{escape(items_label)}</h2><ul>{rows}</ul></body></html>")  # fmt: skip


def render_return_mail(session: Session, msg: MailMessage) -> Rendered:
    lang = msg.language if msg.language in WORDS else "en"
    w = WORDS[lang]
    loc = LOCALES[lang]
    if msg.kind == "return.instructions":
        a = session.get_one(ReturnAuthorization, msg.ref)
        order = session.get_one(Order, a.order_id)
        store = session.get_one(Location, order.store_id)
        date = aware(a.expires_at).astimezone(ZoneInfo(store.timezone)).strftime("%Y-%m-%d")
        subject = w["inst_subject"].format(number=a.number, store=store.name)
        intro = w["inst_intro"].format(number=a.number, date=date)
        items = [f"{q} × {sku}  {money_text(m, order.currency, loc)}" for _i, _v, sku, q, m in orjson.loads(a.lines)]
        text = f"{subject}\n\n{intro}\n\n{w['items']}:\n" + "\n".join(items) + f"\n\n{a.code}\n"
        return Rendered(
            subject=subject,
            text=text,
            html=_html(subject, [intro, a.code], items, w["items"], True),
            attachments=(Attachment(f"return-{a.number}.png", "image/png", qr_png(a.code)),),
        )
    r = session.get_one(ReturnRecord, msg.ref)
    store = session.get_one(Location, r.store_id)
    refunds = session.scalars(
        select(ReturnRefund).where(ReturnRefund.return_id == r.id).order_by(ReturnRefund.id)
    ).all()
    how = ", ".join(
        f"{money_text(x.amount, r.currency, loc)} "
        + w["card_queued" if x.type == "card" and x.state == "queued" else x.type if x.type in w else "card"]
        for x in refunds
    )
    subject = w["ref_subject"].format(store=store.name)
    intro = w["ref_intro"].format(amount=money_text(r.total, r.currency, loc), how=how)
    lines = session.scalars(select(ReturnLine).where(ReturnLine.return_id == r.id).order_by(ReturnLine.line_id))
    items = [f"{x.quantity} × {x.sku}  {money_text(x.amount, r.currency, loc)}" for x in lines]
    text = f"{subject}\n\n{intro}\n\n{w['items']}:\n" + "\n".join(items) + "\n"
    return Rendered(subject=subject, text=text, html=_html(subject, [intro], items, w["items"], False))


# --- support: `central returns` --------------------------------------------------------------------


# Refunds that are money out of the store (store credit and an exchange's credit are central's
# to post, so a refused return posted none of them).
MONEY_OUT = ("cash", "card")


def unmatched_refunds(session: Session, store_id: int | None = None, days: int = 90) -> list[dict[str, Any]]:
    """Returns a till completed (its journal says so: the refunds it gave) that central has no
    record of: the `return.complete` was refused (another till won while this one was offline,
    the line came back elsewhere, the no-receipt limit across tills), or it is still stuck on the
    till. The journal travels after the op (the journal batch is made at the start of the next
    sync cycle and queued behind it), so a return whose journal entry is here and whose record
    is not was refused, unless its op is stuck. Money that left the store on central's word of
    nothing: head office settles it with the store (docs/returns.md "Refused after the money")."""
    since = now() - timedelta(days=days)
    q = (
        select(JournalEntryRow.device_id, JournalEntryRow.at, JournalEntryRow.data, Device.name, Location.code)
        .join(Device, Device.id == JournalEntryRow.device_id)
        .join(Location, Location.id == Device.store_id)
        .where(JournalEntryRow.type == "return.complete", JournalEntryRow.received_at >= since)
        .order_by(JournalEntryRow.received_at)
    )
    if store_id is not None:
        q = q.where(Device.store_id == store_id)
    entries = [
        (device_id, at, orjson.loads(data), name, code) for device_id, at, data, name, code in session.execute(q)
    ]
    ids = {str(d.get("return_id")) for _, _, d, _, _ in entries}
    known = set(session.scalars(select(ReturnRecord.id).where(ReturnRecord.id.in_(ids)))) if ids else set()
    op_ids = {str(d.get("op_id")) for _, _, d, _, _ in entries}
    applied = set(session.scalars(select(AppliedOp.op_id).where(AppliedOp.op_id.in_(op_ids)))) if op_ids else set()
    out = []
    for device_id, at, d, name, code in entries:
        if str(d.get("return_id")) in known:
            continue
        refunds = [r for r in d.get("refunds", []) if isinstance(r, dict)]
        out.append(
            {
                "return_id": d.get("return_id"),
                "number": d.get("number") or "",
                "sale_id": d.get("sale_id"),
                "kind": d.get("kind", ""),
                "store_code": code,
                "device": name,
                "device_id": device_id,
                "staff_id": d.get("staff_id"),
                "at": at,
                "total": int(d.get("total") or 0),
                "refunds": refunds,
                "money_out": sum(int(r.get("amount") or 0) for r in refunds if r.get("type") in MONEY_OUT),
                # applied yet no record cannot happen (the record is the op's write); said if it does
                "op": "applied" if str(d.get("op_id")) in applied else "refused or still on the till",
            }
        )
    return out


def returns_command(db: Any, args: Any) -> int:
    """`central returns [list [--store CODE] | show KEY]`: the latest returns with their refunds
    (a queued card refund said), or one return (by id, authorization number or receipt) with
    its lines, grades, refunds and stock movements, and its authorization if open."""
    import sys

    with db.session() as s:
        if args.action == "unmatched":
            return _unmatched_command(s, args)
        if args.action == "show":
            if not args.key:
                print("central returns show: give a return id, R-number or receipt number", file=sys.stderr)
                return 2
            key = args.key.strip()
            auth = s.scalar(select(ReturnAuthorization).where(ReturnAuthorization.number == key.upper()))
            rec = (
                s.get(ReturnRecord, key)
                if auth is None
                else (s.get(ReturnRecord, auth.return_id) if auth.return_id else None)
            )
            if rec is None and auth is None:
                order = s.scalar(select(Order).where(Order.receipt_no == key.upper()))
                if order is not None:
                    recs = s.scalars(select(ReturnRecord).where(ReturnRecord.sale_id == order.sale_id)).all()
                    for r in recs:
                        _print_return(s, return_out(s, r))
                    print(f"{len(recs)} return(s) of receipt {order.receipt_no}")
                    return 0
                print(f"No return, authorization or receipt {key}.", file=sys.stderr)
                return 2
            if auth is not None:
                a = authorization_out(auth)
                items = ", ".join(f"{x['quantity']} × {x['sku']}" for x in a["lines"])
                print(f"{a['number']} · {a['state']} · from {a['source']} · sale {a['sale_id']} · {items} · "
                      f"refund {a['refund']} · expires {a['expires_at']}")  # fmt: skip
            if rec is not None:
                _print_return(s, return_out(s, rec))
            return 0
        q = select(ReturnRecord).order_by(ReturnRecord.received_at.desc()).limit(args.limit)
        if args.store:
            loc = s.scalar(select(Location).where(Location.code == args.store))
            if loc is None:
                print(f"central returns: no store {args.store}", file=sys.stderr)
                return 2
            q = q.where(ReturnRecord.store_id == loc.id)
        rows = s.scalars(q).all()
        for r in rows:
            _print_return(s, return_out(s, r), brief=True)
        print(f"{len(rows)} return(s)")
    return 0


def _unmatched_command(s: Session, args: Any) -> int:
    """`central returns unmatched [--store CODE] [--days N]`: exit 1 when there is any."""
    import sys

    store_id = None
    if args.store:
        loc = s.scalar(select(Location).where(Location.code == args.store))
        if loc is None:
            print(f"central returns: no store {args.store}", file=sys.stderr)
            return 2
        store_id = loc.id
    if not 1 <= args.days <= 3660:
        print("central returns unmatched: --days is 1 to 3660", file=sys.stderr)
        return 2
    rows = unmatched_refunds(s, store_id, args.days)
    for r in rows:
        refunds = ", ".join(f"{x.get('amount')} {x.get('type')}" for x in r["refunds"]) or "nothing"
        print(f"! {r['number'] or r['return_id']} · {r['kind']} · {r['store_code']} {r['device']} · {r['at']} · "
              f"total {r['total']} → {refunds} · money out {r['money_out']} · central has no return ({r['op']})")  # fmt: skip
    print(
        f"{len(rows)} return(s) refunded at a till that central has no record of"
        + (f"; {sum(r['money_out'] for r in rows)} left the store in cash or to cards" if rows else "")
    )
    return 1 if rows else 0


def _print_return(s: Session, r: dict[str, Any], brief: bool = False) -> None:
    refunds = ", ".join(f"{x['amount']} {x['type']}{' QUEUED' if x['state'] == 'queued' else ''}" for x in r["refunds"])
    print(f"{r['number'] or r['id']} · {r['kind']} · {r['store_code']} · {r['completed_at']} · total {r['total']} "
          f"{r['currency']} → {refunds or 'nothing'}")  # fmt: skip
    if brief:
        return
    if r["reason"] or r["exchange_sale_id"]:
        print(
            f"    reason {r['reason'] or '—'}"
            + (f" · exchange sale {r['exchange_sale_id']}" if r["exchange_sale_id"] else "")
        )
    for x in r["lines"]:
        print(f"    {x['sku']}: {x['resellable']} resellable, {x['damaged']} damaged, {x['amount']}")
    for m in r["stock"]:
        print(f"    stock {m['location']} {m['variant_id']} {m['delta']:+d} ({m['reason']})")
