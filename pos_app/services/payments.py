"""Card payments of the checkout: never a double charge, never a lost payment (issue 8,
docs/terminal.md "With the checkout").

Every request that may move money on the terminal — a payment, or a refund (a nexo reversal
referenced to the original transaction) — is a row of `payment_intents`, keyed by the ServiceID
the till chose, written and COMMITTED before the terminal is asked; its answer is written as
soon as it arrives. The state machine of a row:

    intent ──▶ asked ──▶ approved | declined | cancelled | unknown          (payments)
                    └──▶ refunded | declined | unknown                        (refunds)
    unknown ──(status, polled while InProgress)──▶ one of the answers above
    unknown ──(the terminal cannot say: staff look at it and record)──▶ approved | not_charged
    intent ──(never sent: the terminal has no record)──▶ not_charged

After a timeout, a dropped answer or a restart the service asks `status(service_id)` before
anything else, and `pay` never starts a second charge for a basket that still has a row it
cannot settle (`payment.unsettled`). An approved payment is a card tender of its basket until
the sale completes (`tenders(sale_id)`, with the terminal's transaction id as the reference)
or it is given back (`reverse`, `void`). The basket itself is kept in `payment_sales` so a
restart can finish the sale the card payments cover, or void it and give the money back
(`resolve_open`).

Offline (the terminal cannot reach the card network): a terminal with store-and-forward may
approve offline within the store's caps that central sets (the `card_limits` stream: per sale,
and in total until this terminal's next reconciliation; none synced = no offline card); without
it card is unavailable with the reason, and cash still works.

Everything here blocks on the terminal: call it from a worker; `abort` from another thread.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from pos_app.core.money import Money, format_money
from pos_app.devices.terminal import (
    Approved,
    Cancelled,
    Declined,
    InProgress,
    PaymentTerminal,
    ReconciliationTotals,
    Refunded,
    TerminalError,
    TerminalTransaction,
    Unknown,
    new_service_id,
)
from pos_app.local.store import LocalStore
from pos_app.services.auth import Session, StaffMember
from pos_app.services.checkout import CheckoutService, CompletedSale, SaleBasket
from pos_app.services.errors import Said, ValidationFailed
from sync.pricing import Tender, TenderType
from sync.words import said_of

log = logging.getLogger(__name__)

# Where `PaymentService.fault(step)` is called (the crash tests kill the process there):
# before the intent is written; the intent committed, before it is marked asked; asked, before
# the request is sent; the terminal answered, before the answer is written; the answer written.
PAY_STEPS = ("intent", "asked", "send", "answer", "recorded")
ABORT_SECONDS = 5.0  # how long a Cancel from the till keeps telling the terminal
OPEN = ("intent", "asked", "unknown")  # states whose outcome the till does not know yet
FINAL = ("approved", "declined", "cancelled", "not_charged", "refunded")
# Errors of a status request worth asking again about (the others need a person).
TRANSIENT = (
    "terminal.unreachable",
    "terminal.busy",
    "terminal.malformed",
    "terminal.other_service_id",
    "terminal.refused",
)


@dataclass(frozen=True)
class CardPayment:
    """One row of payment_intents as the screen and the CLI read it."""

    service_id: str
    sale_id: str
    kind: str  # payment | refund
    state: str
    amount: int  # asked
    approved_amount: int  # authorised (payment) or given back (refund); 0 when none
    currency: str
    poiid: str
    why: str = ""
    message: str = ""
    masked_pan: str = ""
    brand: str = ""
    approval_code: str = ""
    transaction_id: str = ""
    transaction_at: str = ""
    stored_offline: bool = False
    original: str = ""
    customer_receipt: tuple[str, ...] = ()
    merchant_receipt: tuple[str, ...] = ()
    decided_by: int | None = None
    refunded: int = 0  # payments: what refunds gave back (or may have: those not yet settled)

    @property
    def settled(self) -> bool:
        return self.state in FINAL

    @property
    def needs_staff(self) -> bool:
        """The terminal could not say how this ended: staff look at it and record what it shows."""
        return self.state == "unknown"

    @property
    def left(self) -> int:
        """What may still be given back on this card."""
        return max(0, self.approved_amount - self.refunded) if self.state == "approved" else 0

    @property
    def reference(self) -> str:
        """What the sale's card tender carries: the terminal's transaction id (or the approval
        code staff read off the terminal)."""
        return self.transaction_id or (f"approval:{self.approval_code}" if self.approval_code else self.service_id)


@dataclass(frozen=True)
class Availability:
    """Whether card can be offered now, and what staff must be told."""

    ok: bool
    reason: str = ""  # why card is unavailable (one sentence)
    notice: str = ""  # e.g. offline with store-and-forward: the caps
    offline: bool = False


@dataclass(frozen=True)
class Caps:
    """Store-and-forward caps (minor units): per sale, and in total until the next reconciliation.
    0 means "no offline card payments"."""

    per_sale: int = 0
    total: int = 0


_COLUMNS = (
    "service_id, sale_id, kind, state, amount, approved_amount, currency, poiid, why, message, masked_pan, brand, "
    "approval_code, transaction_id, transaction_at, stored_offline, original, customer_receipt, merchant_receipt, "
    "decided_by"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def card_slip(store: LocalStore, sale_id: str | UUID) -> tuple[str, ...]:
    """The customer's card receipt lines of a sale's approved payments (and its refunds), for
    the sale receipt (`build_receipt(card_slip=…)`)."""
    rows = store.query(
        "SELECT customer_receipt FROM payment_intents WHERE sale_id=? AND state IN ('approved', 'refunded') "
        "ORDER BY created_at",
        (str(sale_id),),
        "device",
    )
    out: list[str] = []
    for (text,) in rows:
        lines = _lines(text)
        if lines:
            if out:
                out.append("")
            out.extend(lines)
    return tuple(out)


def basket_to_json(basket: SaleBasket) -> str:
    return json.dumps(
        {
            "sale_id": str(basket.sale_id),
            "pricing": basket.pricing,
            "variants": basket.variants,
            "customer_id": basket.customer_id,
            "fulfilment": basket.fulfilment,
            "no_stock": sorted(basket.no_stock),
            "order": basket.order,
            "handover": basket.handover,  # a pay-on-pickup order collected with the sale
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def basket_from_json(text: str) -> SaleBasket:
    d = json.loads(text)
    return SaleBasket(
        UUID(d["sale_id"]),
        d["pricing"],
        {k: int(v) for k, v in d["variants"].items()},
        d["customer_id"],
        {str(k): str(v) for k, v in (d.get("fulfilment") or {}).items()},  # endless aisle (older rows: none)
        frozenset(str(x) for x in d.get("no_stock") or ()),
        d.get("order"),
        d.get("handover"),
    )


class PaymentService:
    def __init__(
        self,
        store: LocalStore,
        checkout: CheckoutService,
        terminal: Callable[[], PaymentTerminal | None],
        *,
        staff: Callable[[int], StaffMember | None] | None = None,
        caps: Callable[[], Caps] = Caps,
        poll_interval: float = 1.0,
        recover_seconds: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.checkout = checkout
        self.terminal_factory = terminal
        self.staff = staff
        self.caps = caps
        self.poll_interval = poll_interval
        self.recover_seconds = recover_seconds  # how long a status is polled before staff are asked
        self.sleep = sleep
        self.fault: Callable[[str], None] | None = None
        self._lock = threading.Lock()
        self._inflight: dict[str, str] = {}  # sale_id -> service_id being asked ("" while starting)
        self._live: set[str] = set()  # sale ids this process is paying (resolve_open leaves them)
        self.offline = False  # the last answer said the terminal cannot reach the card network

    # --- reading -------------------------------------------------------------------------------

    def _rows(self, where: str, args: Sequence[Any]) -> list[CardPayment]:
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM payment_intents WHERE {where} ORDER BY created_at, service_id", args, "device"
        )
        payments = [self._payment(r) for r in rows]
        if not payments:
            return payments
        refunds = self.store.query(
            "SELECT original, state, amount, approved_amount FROM payment_intents WHERE kind='refund' AND original IN "
            f"({','.join('?' * len(payments))})",
            tuple(p.service_id for p in payments),
            "device",
        )
        given: dict[str, int] = {}
        for original, state, amount, approved in refunds:
            if state == "refunded":
                given[original] = given.get(original, 0) + int(approved or 0)
            elif state in OPEN:  # may have given it back: counted, so a refund never exceeds the card
                given[original] = given.get(original, 0) + int(amount)
        return [p if p.kind != "payment" else _with(p, refunded=given.get(p.service_id, 0)) for p in payments]

    @staticmethod
    def _payment(r: Sequence[Any]) -> CardPayment:
        return CardPayment(
            service_id=r[0],
            sale_id=r[1],
            kind=r[2],
            state=r[3],
            amount=int(r[4]),
            approved_amount=int(r[5] or 0),
            currency=r[6],
            poiid=r[7],
            why=r[8] or "",
            message=r[9] or "",
            masked_pan=r[10] or "",
            brand=r[11] or "",
            approval_code=r[12] or "",
            transaction_id=r[13] or "",
            transaction_at=r[14] or "",
            stored_offline=bool(r[15]),
            original=r[16] or "",
            customer_receipt=_lines(r[17]),
            merchant_receipt=_lines(r[18]),
            decided_by=r[19],
        )

    def get(self, service_id: str) -> CardPayment:
        rows = self._rows("service_id=?", (service_id,))
        if not rows:
            raise ValidationFailed("payment.unknown_id", id=service_id)
        return rows[0]

    def of_sale(self, sale_id: str | UUID) -> list[CardPayment]:
        return self._rows("sale_id=?", (str(sale_id),))

    def unsettled(self) -> list[CardPayment]:
        return self._rows("state IN ('intent', 'asked', 'unknown')", ())

    def taken(self, sale_id: str | UUID) -> int:
        """What the card payments of this basket took and still hold (approved less given back)."""
        return sum(p.left for p in self.of_sale(sale_id) if p.kind == "payment")

    def tenders(self, sale_id: str | UUID) -> list[Tender]:
        """The card tenders of this basket: each approved payment less what was given back on it,
        referenced by the terminal's transaction id."""
        return [
            Tender(TenderType.CARD, p.left, p.reference)
            for p in self.of_sale(sale_id)
            if p.kind == "payment" and p.left > 0
        ]

    # --- the terminal ----------------------------------------------------------------------------

    def terminal(self) -> PaymentTerminal:
        t = self.terminal_factory()
        if t is None:
            raise ValidationFailed("payment.no_terminal")
        return t

    def configured(self) -> bool:
        try:
            return self.terminal_factory() is not None
        except Exception:
            return False

    def availability(self, amount: int | None = None) -> Availability:
        """Whether card may be offered for ``amount`` now (no terminal call: the last answer says
        whether the terminal is offline)."""
        try:
            t = self.terminal_factory()
        except (ValidationFailed, TerminalError) as e:
            return Availability(False, said_of(e))
        if t is None:
            return Availability(False, Said("payment.no_terminal"))
        if not self.offline:
            return Availability(True)
        if not t.supports_store_and_forward:
            return Availability(False, Said("card.offline_no_store"), offline=True)
        caps = self.caps()
        left = caps.total - self.offline_total()
        currency = self._currency()
        if caps.per_sale <= 0 or caps.total <= 0:
            return Availability(False, Said("card.offline_not_allowed"), offline=True)
        if left <= 0:
            return Availability(False, Said("card.offline_full", total=self._money(caps.total, currency)), offline=True)
        if amount is not None and amount > min(caps.per_sale, left):
            most = self._money(min(caps.per_sale, left), currency)
            return Availability(False, Said("card.offline_most", most=most), offline=True)
        return Availability(
            True,
            notice=Said(
                "card.offline_notice", per_sale=self._money(caps.per_sale, currency), left=self._money(left, currency)
            ),
            offline=True,
        )

    def offline_total(self) -> int:
        """Card payments approved offline since the last reconciliation (the store-and-forward cap)."""
        last = self.store.query("SELECT max(at) FROM terminal_reconciliations", (), "device")[0][0] or ""
        rows = self.store.query(
            "SELECT coalesce(sum(approved_amount), 0) FROM payment_intents WHERE kind='payment' AND state='approved' "
            "AND stored_offline=1 AND answered_at > ?",
            (last,),
            "device",
        )
        return int(rows[0][0])

    def _currency(self) -> str:
        try:
            return str(self.checkout.rules()["currency"])
        except ValidationFailed:
            return "EUR"

    def _money(self, minor: int, currency: str) -> str:
        rows = self.store.query("SELECT locale FROM locations WHERE id=?", (self.checkout.identity.store_id,))
        return format_money(Money(minor, currency), rows[0][0] if rows else "en_US")

    # --- paying ----------------------------------------------------------------------------------

    def _step(self, name: str) -> None:
        if self.fault is not None:
            self.fault(name)

    @contextmanager
    def _paying(self, sale_id: str) -> Iterator[None]:
        with self._lock:
            if sale_id in self._inflight:
                raise ValidationFailed("payment.in_progress")
            self._inflight[sale_id] = ""
            self._live.add(sale_id)
        try:
            yield
        finally:
            with self._lock:
                self._inflight.pop(sale_id, None)

    def in_flight(self, sale_id: str | UUID) -> str | None:
        with self._lock:
            return self._inflight.get(str(sale_id)) or None

    def pay(self, session: Session, basket: SaleBasket, amount: int, *, due: int, currency: str) -> CardPayment:
        """Take ``amount`` of what is ``due`` on this basket by card. Returns the payment with the
        terminal's final word (approved, declined, cancelled), or `unknown` when even a status
        request could not say (staff then record what the terminal shows: `decide`). Raises
        `ValidationFailed` when nothing was sent (no terminal, a basket with a payment it cannot
        settle, an amount above what is due, the terminal unreachable or busy, offline caps)."""
        sale_id = str(basket.sale_id)
        with self._paying(sale_id):
            terminal = self.terminal()
            for p in self.of_sale(sale_id):  # never a second charge blind: settle what is open first
                if not p.settled:
                    p = self._recover(terminal, p)
                if not p.settled:
                    raise ValidationFailed(
                        "payment.unsettled",
                        service_id=p.service_id,
                    )
            left = due - self.taken(sale_id)
            if amount <= 0 or amount > left:
                raise ValidationFailed(
                    "payment.amount",
                    low=self._money(1, currency),
                    high=self._money(max(left, 0), currency),
                    left=left,
                )
            avail = self.availability(amount)
            if not avail.ok:
                raise ValidationFailed("payment.unavailable", reason=avail.reason)  # a Said: worded too
            sid = new_service_id()
            self._step("intent")
            now = _now()
            with self.store.tx("device") as con:
                con.execute(
                    "INSERT INTO payment_sales(sale_id, basket, staff_id, total, currency, state, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, 'open', ?) ON CONFLICT(sale_id) DO UPDATE SET basket=excluded.basket, "
                    "staff_id=excluded.staff_id, total=excluded.total, state='open', updated_at=excluded.updated_at",
                    (sale_id, basket_to_json(basket), session.staff.id, due, currency, now),
                )
                con.execute(
                    "INSERT INTO payment_intents(service_id, sale_id, kind, amount, currency, poiid, state, staff_id, "
                    "created_at) VALUES (?, ?, 'payment', ?, ?, ?, 'intent', ?, ?)",
                    (sid, sale_id, amount, currency, terminal.poiid, session.staff.id, now),
                )
            self._step("asked")
            self._set(sid, "asked")
            with self._lock:
                self._inflight[sale_id] = sid
            self._step("send")
            try:
                outcome = terminal.start_payment(
                    service_id=sid, amount_minor=amount, currency=currency, sale_reference=sale_id
                )
            except TerminalError as e:  # the terminal certainly did not act (safe_to_retry)
                if not e.safe_to_retry:  # not in the contract; be safe: find out
                    outcome = Unknown(sid, "unreadable", str(e), e)
                else:
                    self._set(sid, "not_charged", why=e.code, message=str(e))
                    raise ValidationFailed(e.code, said_of(e)) from None  # the terminal's Said: worded
            self._step("answer")
            self._record(outcome, sale_id=sale_id)
            self._step("recorded")
            p = self.get(sid)
            if not p.settled:
                p = self._recover(terminal, p)
            return p

    def abort(self, sale_id: str | UUID) -> bool:
        """Cancel from the till while the customer is at the terminal. The payment's outcome is
        what the terminal finally says (`pay` returns it: cancelled, or approved when the
        customer was faster). False when no payment of this basket is on the terminal."""
        sid = self.in_flight(sale_id)
        if not sid:
            return False
        terminal = self.terminal()
        # The abort may overtake the payment request on its way (the terminal then has nothing to
        # abort): it is sent again while the terminal has no record of the payment or says it is
        # still in progress, until the payment's answer came back (pay is no longer waiting).
        deadline = time.monotonic() + ABORT_SECONDS
        sent = False
        while self.in_flight(sale_id) == sid:
            try:
                terminal.abort(sid)
                sent = True
                st = terminal.status(sid)
            except TerminalError as e:
                log.warning("abort of %s: %s", sid, e.code)
                st = None
            if not (st is None or isinstance(st, InProgress) or (isinstance(st, Unknown) and st.why == "not_found")):
                break  # it ended: pay has (or is writing) its answer
            if time.monotonic() >= deadline:
                break
            self.sleep(0.25)
        return sent

    # --- answers ---------------------------------------------------------------------------------

    def _set(self, sid: str, state: str, **fields: Any) -> None:
        cols = ", ".join(f"{k}=?" for k in fields)
        with self.store.tx("device") as con:
            con.execute(
                f"UPDATE payment_intents SET state=?{', ' + cols if cols else ''} WHERE service_id=?",
                (state, *fields.values(), sid),
            )

    def _record(self, outcome: Any, *, sale_id: str, decided_by: int | None = None) -> None:
        """Write the terminal's answer (and journal a money-moving one) in one transaction."""
        sid = outcome.service_id
        now = _now()
        journal: tuple[str, dict[str, Any]] | None = None
        if isinstance(outcome, Approved):
            self.offline = outcome.stored_offline
            fields: dict[str, Any] = {
                "approved_amount": outcome.amount_minor,
                "currency": outcome.currency,
                "masked_pan": outcome.masked_pan,
                "brand": outcome.brand,
                "approval_code": outcome.approval_code,
                "transaction_id": outcome.transaction.transaction_id,
                "transaction_at": outcome.transaction.timestamp,
                "stored_offline": int(outcome.stored_offline),
                "customer_receipt": json.dumps(list(outcome.customer_receipt), ensure_ascii=False),
                "merchant_receipt": json.dumps(list(outcome.merchant_receipt), ensure_ascii=False),
                "why": None,
                "message": None,
            }
            state = "approved"
            journal = (
                "payment.approved",
                {
                    "sale_id": sale_id,
                    "service_id": sid,
                    "amount": outcome.amount_minor,
                    "currency": outcome.currency,
                    "brand": outcome.brand,
                    "transaction_id": outcome.transaction.transaction_id,
                    "offline": outcome.stored_offline,
                },
            )
        elif isinstance(outcome, Declined):
            if outcome.condition == "UnreachableHost":
                self.offline = True
            state, fields = "declined", {"why": outcome.condition, "message": outcome.reason}
        elif isinstance(outcome, Cancelled):
            state, fields = "cancelled", {"why": outcome.by, "message": outcome.reason}
        elif isinstance(outcome, Refunded):
            state = "refunded"
            fields = {
                "approved_amount": outcome.amount_minor,
                "transaction_id": outcome.transaction.transaction_id if outcome.transaction else None,
                "transaction_at": outcome.transaction.timestamp if outcome.transaction else None,
                "customer_receipt": json.dumps(list(outcome.customer_receipt), ensure_ascii=False),
                "merchant_receipt": json.dumps(list(outcome.merchant_receipt), ensure_ascii=False),
                "why": None,
                "message": None,
            }
            journal = (
                "payment.refunded",
                {
                    "sale_id": sale_id,
                    "service_id": sid,
                    "amount": outcome.amount_minor,
                    "currency": outcome.currency,
                    "original": outcome.original.transaction_id,
                },
            )
        elif isinstance(outcome, Unknown):
            state, fields = "unknown", {"why": outcome.why, "message": outcome.message}
        else:
            raise TypeError(f"not an outcome: {outcome!r}")
        fields["answered_at"] = now
        if decided_by is not None:
            fields["decided_by"] = decided_by
        cols = ", ".join(f"{k}=?" for k in fields)
        with self.store.tx("device") as con:
            con.execute(
                f"UPDATE payment_intents SET state=?, {cols} WHERE service_id=?", (state, *fields.values(), sid)
            )
            if journal is not None:
                self.store.journal_append(con, *journal)

    def _recover(self, terminal: PaymentTerminal, p: CardPayment, *, seconds: float | None = None) -> CardPayment:
        """Ask the terminal how this request ended; poll while it is in progress. What it says is
        written. When it cannot say within ``seconds``, the row stays (or becomes) `unknown`:
        staff record what the terminal shows (`decide`)."""
        deadline = time.monotonic() + (self.recover_seconds if seconds is None else seconds)
        category: Literal["Payment", "Reversal"] = "Reversal" if p.kind == "refund" else "Payment"
        last_why, last_message = p.why or "unreachable", p.message
        while True:
            try:
                st = terminal.status(
                    p.service_id,
                    category=category,
                    expected_amount_minor=None if p.kind == "refund" else p.amount,
                    expected_currency=p.currency,
                )
            except TerminalError as e:
                last_why, last_message = "unreachable" if e.code == "terminal.unreachable" else e.code, str(e)
                st = None
                if e.code not in TRANSIENT:  # a wrong key, terminal or amount does not go away by asking
                    break
            if st is not None and not isinstance(st, InProgress | Unknown):
                self._record(st, sale_id=p.sale_id)
                return self.get(p.service_id)
            if isinstance(st, Unknown) and st.why == "not_found":
                if p.state == "intent":  # never sent: nothing was charged
                    self._set(p.service_id, "not_charged", why="not_sent", message="The till never sent it.",
                              answered_at=_now())  # fmt: skip
                    return self.get(p.service_id)
                last_why, last_message = "not_found", st.message
                break  # the terminal has no record: only a person can tell now
            if isinstance(st, InProgress):
                last_why, last_message = "in_progress", "The customer is still at the terminal."
            elif isinstance(st, Unknown):
                last_why, last_message = st.why, st.message
            if time.monotonic() >= deadline:
                break
            self.sleep(self.poll_interval)
        if p.state in ("intent", "asked") or (p.why, p.message) != (last_why, last_message):
            self._set(p.service_id, "unknown", why=last_why, message=last_message)
        return self.get(p.service_id)

    def recover(self, *, seconds: float | None = None) -> list[CardPayment]:
        """Settle every request whose outcome the till does not know (after a restart: before
        anything else). Returns those that still need staff."""
        open_ = self.unsettled()
        if not open_:
            return []
        terminal = self.terminal()
        return [q for p in open_ if not (q := self._recover(terminal, p, seconds=seconds)).settled]

    def decide(self, session: Session, service_id: str, *, approved: bool, approval_code: str = "") -> CardPayment:
        """Staff looked at the terminal: it shows this payment approved (with its approval code)
        or not charged. Only for a payment the terminal could not say about; journaled with who."""
        p = self.get(service_id)
        if p.state != "unknown":
            raise ValidationFailed("payment.not_unknown", state=p.state)
        code = approval_code.strip()
        if approved and not (code.isalnum() and 1 <= len(code) <= 12):
            raise ValidationFailed("payment.approval_code")
        with self.store.tx("device") as con:
            if approved:
                con.execute(
                    "UPDATE payment_intents SET state='approved', approved_amount=amount, approval_code=?, decided_by=?, "
                    "answered_at=?, why='staff', message='Recorded from the terminal by staff.' WHERE service_id=?",
                    (code, session.staff.id, _now(), service_id),
                )
            else:
                con.execute(
                    "UPDATE payment_intents SET state='not_charged', decided_by=?, answered_at=?, why='staff', "
                    "message='Staff saw nothing charged on the terminal.' WHERE service_id=?",
                    (session.staff.id, _now(), service_id),
                )
            self.store.journal_append(
                con,
                "payment.decided",
                {
                    "service_id": service_id,
                    "sale_id": p.sale_id,
                    "kind": p.kind,
                    "decision": "approved" if approved else "not_charged",
                    "approval_code": code if approved else "",
                    "amount": p.amount,
                    "staff_id": session.staff.id,
                    "why": p.why,
                },
            )
        return self.get(service_id)

    # --- giving money back ------------------------------------------------------------------------

    def _refund_one(
        self, session: Session | None, terminal: PaymentTerminal, p: CardPayment, amount: int
    ) -> CardPayment:
        if not p.transaction_id:
            raise ValidationFailed("refund.no_transaction")
        sid = new_service_id()
        with self.store.tx("device") as con:
            con.execute(
                "INSERT INTO payment_intents(service_id, sale_id, kind, original, amount, currency, poiid, state, "
                "staff_id, created_at) VALUES (?, ?, 'refund', ?, ?, ?, ?, 'asked', ?, ?)",
                (sid, p.sale_id, p.service_id, amount, p.currency, terminal.poiid,
                 None if session is None else session.staff.id, _now()),
            )  # fmt: skip
        try:
            outcome = terminal.refund(
                service_id=sid,
                original=TerminalTransaction(p.transaction_id, p.transaction_at),
                amount_minor=amount,
                currency=p.currency,
                original_amount_minor=p.approved_amount,
            )
        except TerminalError as e:
            if e.safe_to_retry:
                self._set(sid, "not_charged", why=e.code, message=str(e), answered_at=_now())
                raise ValidationFailed(e.code, said_of(e)) from None  # the terminal's Said: worded
            outcome = Unknown(sid, "unreadable", str(e), e)
        self._record(outcome, sale_id=p.sale_id)
        q = self.get(sid)
        if not q.settled:
            q = self._recover(terminal, q)
        return q

    def refund(self, session: Session | None, original: str | UUID, amount: int | None = None) -> list[CardPayment]:
        """Give money back on the card(s) it was taken from, referenced to the original terminal
        transaction: ``original`` is a sale id (its cards, the last first), a transaction id or a
        payment's ServiceID; ``amount`` None gives back all that is left. Never more than was
        taken on that card, counting earlier refunds (and those whose outcome is not yet known).
        The returns issue calls this."""
        key = str(original)
        payments = [p for p in self._rows("sale_id=? AND kind='payment'", (key,)) if p.left > 0]
        if not payments:
            payments = [p for p in self._rows("(transaction_id=? OR service_id=?) AND kind='payment'", (key, key))]
            if not payments:
                raise ValidationFailed("refund.no_payment")
        left = sum(p.left for p in payments)
        want = left if amount is None else amount
        currency = payments[0].currency
        if want <= 0 or want > left:
            raise ValidationFailed(
                "refund.over" if left else "refund.nothing_left", most=self._money(left, currency), left=left
            )
        terminal = self.terminal()
        done: list[CardPayment] = []
        for p in reversed(payments):
            if want <= 0:
                break
            part = min(want, p.left)
            q = self._refund_one(session, terminal, p, part)
            done.append(q)
            if q.state != "refunded":
                break  # declined or unknown: stop; what is known is returned
            want -= q.approved_amount
        return done

    def refund_transaction(
        self, session: Session | None, sale_id: str, transaction_id: str, amount: int, currency: str
    ) -> CardPayment:
        """A referenced refund of a card payment another till took (a return of its sale: central
        says the transaction and what is left on it, docs/returns.md). The intent is written
        first, as for every request, with ``original`` ``tx:<transaction id>``."""
        local_ = [p for p in self._rows("transaction_id=? AND kind='payment'", (transaction_id,))]
        if local_:
            done = self.refund(session, transaction_id, amount)
            return done[-1]
        terminal = self.terminal()
        sid = new_service_id()
        with self.store.tx("device") as con:
            con.execute(
                "INSERT INTO payment_intents(service_id, sale_id, kind, original, amount, currency, poiid, state, "
                "staff_id, created_at) VALUES (?, ?, 'refund', ?, ?, ?, ?, 'asked', ?, ?)",
                (sid, sale_id, f"tx:{transaction_id}", amount, currency, terminal.poiid,
                 None if session is None else session.staff.id, _now()),
            )  # fmt: skip
        try:
            outcome = terminal.refund(
                service_id=sid, original=TerminalTransaction(transaction_id, ""), amount_minor=amount, currency=currency
            )
        except TerminalError as e:
            if e.safe_to_retry:
                self._set(sid, "not_charged", why=e.code, message=str(e), answered_at=_now())
                raise ValidationFailed(e.code, said_of(e)) from None  # the terminal's Said: worded
            outcome = Unknown(sid, "unreadable", str(e), e)
        self._record(outcome, sale_id=sale_id)
        q = self.get(sid)
        return q if q.settled else self._recover(terminal, q)

    def reverse(self, session: Session | None, service_id: str) -> CardPayment:
        """Give back all that is left of one approved card payment of a basket (staff chose to, or
        the basket is abandoned)."""
        p = self.get(service_id)
        if p.kind != "payment" or p.left <= 0:
            raise ValidationFailed("refund.nothing_left", left=0)
        return self._refund_one(session, self.terminal(), p, p.left)

    def void(self, session: Session | None, sale_id: str | UUID) -> list[CardPayment]:
        """The basket is abandoned: every card payment it holds is reversed (money is never left
        taken without a sale) and the basket is marked voided. Refused for a completed sale
        (that is a refund)."""
        sid = str(sale_id)
        if self.checkout.sale(UUID(sid)) is not None:
            raise ValidationFailed("payment.sale_completed")
        out = []
        for p in self.of_sale(sid):
            if p.kind == "payment" and p.left > 0:
                out.append(self.reverse(session, p.service_id))
        still = self.taken(sid)
        if still == 0 and all(p.settled for p in self.of_sale(sid)):
            with self.store.tx("device") as con:
                con.execute("UPDATE payment_sales SET state='voided', updated_at=? WHERE sale_id=?", (_now(), sid))
                self.store.journal_append(
                    con,
                    "payment.voided",
                    {"sale_id": sid, "staff_id": None if session is None else session.staff.id,
                     "reversed": [p.service_id for p in out]},
                )  # fmt: skip
        with self._lock:
            self._live.discard(sid)
        return out

    def forget(self, sale_id: str | UUID) -> None:
        """The sale completed: this process no longer holds the basket."""
        with self._lock:
            self._live.discard(str(sale_id))

    # --- after a restart ------------------------------------------------------------------------

    def open_sales(self) -> list[tuple[str, int, int]]:
        """(sale id, total, card taken) of baskets with card payments and no completed sale."""
        rows = self.store.query(
            "SELECT p.sale_id, p.total FROM payment_sales p LEFT JOIN sales s ON s.sale_id = p.sale_id "
            "WHERE p.state='open' AND s.sale_id IS NULL ORDER BY p.updated_at",
            (),
            "device",
        )
        return [(str(s), int(t), self.taken(s)) for s, t in rows]

    def resolve_open(self, *, seconds: float | None = None) -> dict[str, list[str]]:
        """After a restart (no basket of this process is on the screen): settle the unknown
        requests, then each basket with card payments and no sale is completed when its card
        payments cover it (the sale, its receipt) or voided with its money given back by a
        reversal. Baskets with a payment still unknown wait for staff. Returns
        {"completed": [...], "voided": [...], "waiting": [...]} sale ids."""
        out: dict[str, list[str]] = {"completed": [], "voided": [], "waiting": []}
        if self.unsettled() or self.open_sales():
            with suppress(ValidationFailed):  # no terminal configured any more: staff decide
                self.recover(seconds=seconds)
        with self._lock:
            live = set(self._live)
        for sale_id, total, taken in self.open_sales():
            if sale_id in live:
                continue
            payments = self.of_sale(sale_id)
            if any(not p.settled for p in payments):
                out["waiting"].append(sale_id)
                continue
            if taken == total and taken > 0:
                sale = self._complete_stored(sale_id)
                if sale is not None:
                    out["completed"].append(sale_id)
                    continue
            try:
                self.void(None, sale_id)
                out["voided" if self.taken(sale_id) == 0 else "waiting"].append(sale_id)
            except (ValidationFailed, TerminalError) as e:
                log.warning("void of %s: %s", sale_id, e)
                out["waiting"].append(sale_id)
        return out

    def _complete_stored(self, sale_id: str) -> CompletedSale | None:
        row = self.store.query("SELECT basket, staff_id FROM payment_sales WHERE sale_id=?", (sale_id,), "device")
        if not row:
            return None
        basket = basket_from_json(row[0][0])
        member = self.staff(int(row[0][1])) if self.staff is not None else None
        if member is None:
            return None
        try:
            return self.checkout.complete(Session(member, datetime.now(UTC)), basket, self.tenders(sale_id))
        except ValidationFailed as e:  # the stored basket no longer prices as it did: give it back
            log.warning("completing %s after a restart: %s", sale_id, e.code)
            return None

    # --- end of day -------------------------------------------------------------------------------

    def reconcile(self, session: Session | None = None) -> ReconciliationTotals:
        """The terminal's totals since its last reconciliation (which closes its batch), kept in
        device.db for the shift close."""
        terminal = self.terminal()
        sid = new_service_id()
        totals = self.terminal().reconcile(service_id=sid)
        doc = [
            {
                "currency": t.currency,
                "payments_count": t.payments_count,
                "payments_minor": t.payments_minor,
                "refunds_count": t.refunds_count,
                "refunds_minor": t.refunds_minor,
            }
            for t in totals.totals
        ]
        with self.store.tx("device") as con:
            con.execute(
                "INSERT INTO terminal_reconciliations(service_id, poiid, reconciliation_id, at, staff_id, totals) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (sid, terminal.poiid, totals.reconciliation_id, _now(),
                 None if session is None else session.staff.id, json.dumps(doc)),
            )  # fmt: skip
            self.store.journal_append(
                con, "terminal.reconciled", {"reconciliation_id": totals.reconciliation_id, "totals": doc}
            )
        self.offline = False
        return totals

    def reconciliations(self, limit: int = 30) -> list[dict[str, Any]]:
        """The kept end-of-day totals, the latest first (the shift close reads them)."""
        rows = self.store.query(
            "SELECT service_id, poiid, reconciliation_id, at, staff_id, totals FROM terminal_reconciliations "
            "ORDER BY at DESC LIMIT ?",
            (limit,),
            "device",
        )
        keys = ("service_id", "poiid", "reconciliation_id", "at", "staff_id")
        return [{**dict(zip(keys, r[:5], strict=True)), "totals": json.loads(r[5])} for r in rows]


def _with(p: CardPayment, **changes: Any) -> CardPayment:
    from dataclasses import replace

    return replace(p, **changes)


__all__ = [
    "FINAL",
    "OPEN",
    "PAY_STEPS",
    "Availability",
    "Caps",
    "CardPayment",
    "PaymentService",
    "TerminalError",
    "basket_from_json",
    "basket_to_json",
    "card_slip",
]
