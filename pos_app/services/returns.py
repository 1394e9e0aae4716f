"""Returns at the till (docs/returns.md): find what comes back — a return code the customer
got by e-mail (verified offline with central's key), a receipt QR or number (central's view of
the sale when online; this till's own sales offline) — grade each unit, refund to the tenders
as they were paid (cash from the drawer, counted in the shift; card by a referenced refund
through the terminal; store credit), and write the return with its `return.complete` op, the
drawer movement and the journal entry in one device.db transaction.

Online, a till claims an authorization at central before any money moves, so when two tills
take the same return, one wins and the other refunds nothing. Offline, cash and store credit
complete; a card refund the terminal cannot make queues (the customer is told) and central
reconciles from the op.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from pos_app.core.money import Money, format_money
from pos_app.core.returns import ExpectedLine, ReturnDraft, ReturnRuleError, Share, refund_plan
from pos_app.local import returns as local
from pos_app.local.store import Identity, LocalStore
from pos_app.services.auth import Session
from pos_app.services.errors import MESSAGES, ValidationFailed
from sync.client import CentralClient, CentralError, Rejected, Unreachable
from sync.pricing import Tender, TenderType
from sync.protocol import ReturnCompletePayload
from sync.receipts.code import PREFIX as RECEIPT_PREFIX
from sync.receipts.code import InvalidCode, public_key_from_text, read_reference
from sync.return_code import NO_RECEIPT_DAYS as NO_RECEIPT_LIMIT_DAYS
from sync.return_code import PREFIX as RETURN_PREFIX
from sync.return_code import (
    Policy,
    ReturnCodeError,
    allocate,
    no_receipt_limit,
    policy_of,
    verify_return_code,
)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ReturnCase:
    """What came back, as the screen shows it before grading."""

    kind: str  # authorized | receipt | no_receipt
    number: str  # R-… or the receipt number
    authorization_id: str | None
    sale_id: str | None
    receipt_no: str
    currency: str
    lines: tuple[ExpectedLine, ...]
    tenders: tuple[Share, ...]  # the most each tender may take back
    refund: str = "original"  # original | store_credit
    reason: str = ""
    customer_id: int | None = None
    checked_online: bool = False
    customer_name: str = ""
    return_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def draft(self) -> ReturnDraft:
        return ReturnDraft(self.lines)


@dataclass(frozen=True)
class ReturnDone:
    return_id: str
    op_id: str
    number: str
    total: int
    refunds: tuple[dict[str, Any], ...]
    queued: bool  # a card refund waits for the terminal
    restocked: int
    quarantined: int
    message: str  # what to tell the customer


@dataclass(frozen=True)
class Exchanged:
    """An exchange: the sale of the new items and the return whose credit paid them."""

    sale: Any  # CompletedSale
    ret: ReturnDone
    credit: int  # what the returned items paid
    due: int  # what the new items cost

    @property
    def difference(self) -> int:
        """What the customer paid on top (> 0) or got back (< 0)."""
        return self.due - self.credit


def _ruled(e: ReturnRuleError) -> ValidationFailed:
    """A core return rule's refusal with its code and params, so the screen words it (a line's
    refusal keeps its own sentence: shown as it is)."""
    return ValidationFailed(e.code, str(e), **e.params)


def _coded(e: InvalidCode | ReturnCodeError) -> ValidationFailed:
    """A receipt or return code the sync package refused: its code and its own English."""
    return ValidationFailed(e.code, str(e))


class ReturnService:
    def __init__(
        self,
        store: LocalStore,
        identity: Identity,
        payments: Any,
        client_factory: Callable[[], CentralClient] | None = None,
        kick: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = _now,
        till: Callable[[], str] | None = None,
        auth: Any = None,
        lookup: Any = None,
        customers: Any = None,
        baskets: Any = None,
    ) -> None:
        self.baskets = baskets  # BasketService: an exchange's sale
        self.auth = auth
        self.lookup = lookup
        self.customers = customers
        self.store = store
        self.identity = identity
        self.payments = payments
        self.client_factory = client_factory
        self.kick = kick
        self.clock = clock
        self.till = till or (lambda: identity.device_id[:6].upper())

    # --- what the store is -------------------------------------------------------------------------

    def _store(self) -> tuple[str, str]:
        rows = self.store.query("SELECT currency, locale FROM locations WHERE id=?", (self.identity.store_id,))
        return (str(rows[0][0]), str(rows[0][1])) if rows else ("JPY", "ja_JP")

    def currency(self) -> str:
        return self._store()[0]

    def locale(self) -> str:
        return self._store()[1] or "en_US"

    @staticmethod
    def format(minor: int, currency: str, locale: str) -> str:
        """Money as the screen shows it (pure: no store read, for the UI thread)."""
        return format_money(Money(minor, currency), locale or "en_US")

    def money(self, minor: int, currency: str | None = None) -> str:
        cur, locale = self._store()
        return format_money(Money(minor, currency or cur), locale or "en_US")

    def policy(self) -> Policy:
        return policy_of(self.store.query("SELECT id, kind, match, days, words FROM return_policy ORDER BY id"))

    def reasons(self, lang: str = "en") -> list[tuple[str, str]]:
        """The policy's reasons (code, words in `lang`: en, ja or de, as the policy has them)."""
        return [(c, w.get(lang) or w.get("en") or c) for c, w in self.policy().reasons()]

    def checked_reason(self, case: ReturnCase, reason: str | None = None) -> ReturnCase:
        """The case with its reason: an online-started return keeps the customer's; a counter
        return (receipt or none) needs one of the policy's reasons, chosen by staff."""
        chosen = (reason if reason is not None else case.reason).strip()
        if case.kind == "authorized" and not reason:
            return case
        if not chosen:
            raise ValidationFailed("return.reason_needed")
        known = [c for c, _w in self.policy().reasons()]
        if chosen not in known:
            raise ValidationFailed("return.reason_unknown", reason=chosen[:40], known=", ".join(known))
        return replace(case, reason=chosen)

    @staticmethod
    def is_code(text: str) -> bool:
        t = text.strip()
        return t.startswith(RETURN_PREFIX) or t.startswith(RECEIPT_PREFIX)

    def _names(self, vids: list[int]) -> dict[int, tuple[str, str]]:
        if not vids:
            return {}
        marks = ",".join("?" * len(vids))
        rows = self.store.query(f"SELECT id, name, category FROM catalog WHERE id IN ({marks})", vids)
        return {int(v): (str(n), str(c)) for v, n, c in rows}

    # --- finding what comes back ---------------------------------------------------------------------

    def scan(self, code: str) -> ReturnCase:
        """A scanned return code (e-mailed to the customer) or receipt QR."""
        code = code.strip()
        if code.startswith(RECEIPT_PREFIX):
            try:
                ref = read_reference(code)
            except InvalidCode as e:
                raise _coded(e) from None
            return self.by_receipt(ref.number)
        if not code.startswith(RETURN_PREFIX):
            raise ValidationFailed("return_code.format")
        keys = {
            str(k): public_key_from_text(str(pk))
            for k, pk in self.store.query("SELECT kid, public_key FROM central_keys")
        }
        try:
            claim = verify_return_code(code, keys, currency=self.currency(), now=self.clock().timestamp())
        except ReturnCodeError as e:
            raise _coded(e) from None
        with self.store.raw("device") as con:
            done = local.of_authorization(con, claim.authorization)
        if done is not None:
            raise ValidationFailed("return.scanned_twice", number=claim.number, time=self._local_time(done.created_at))
        online = False
        if self.client_factory is not None:
            try:
                state = self._call("GET", f"/v1/returns/{claim.authorization}")
                online = True
                if state.get("state") == "completed":
                    raise ValidationFailed("return.taken", number=claim.number)
            except Unreachable:
                pass
        names = self._names([x.variant_id for x in claim.lines])
        lines = tuple(
            ExpectedLine(x.line_id, x.variant_id, x.sku, names.get(x.variant_id, (x.sku, ""))[0], x.quantity, x.amount)
            for x in claim.lines
        )
        return ReturnCase(
            kind="authorized",
            number=claim.number,
            authorization_id=claim.authorization,
            sale_id=claim.sale_id,
            receipt_no=claim.receipt_no,
            currency=claim.currency,
            lines=lines,
            tenders=tuple(Share(t.type, t.amount, t.reference) for t in claim.tenders),
            refund=claim.refund,
            reason=claim.reason,
            checked_online=online,
        )

    def by_receipt(self, receipt_no: str) -> ReturnCase:
        """A sale by its receipt number: central's view online (any till's sale, what already
        came back everywhere), else this till's own sale from device.db."""
        number = receipt_no.strip().upper()
        if not number:
            raise ValidationFailed("return.receipt")
        if self.client_factory is not None:
            try:
                return self._from_central(self._call("GET", "/v1/returns/find", params={"receipt": number}))
            except Unreachable:
                pass
            except Rejected as e:
                if e.status != 404:
                    raise ValidationFailed("return.central", e.detail) from None
                local_case = self._from_device(number)
                if local_case is None:
                    raise ValidationFailed("return.no_sale", number=number) from None
                return local_case
        found = self._from_device(number)
        if found is None:
            raise ValidationFailed("return.offline_receipt", number=number)
        return found

    def by_card(self, last4: str) -> list[tuple[str, str, int]]:
        """This till's card sales whose masked PAN ends in these digits: (receipt, time, total)."""
        digits = "".join(ch for ch in last4 if ch.isdigit())[-4:]
        if len(digits) != 4:
            raise ValidationFailed("return.card_digits")
        rows = self.store.query(
            "SELECT DISTINCT s.receipt_no, s.completed_at, s.total FROM payment_intents p JOIN sales s "
            "ON s.sale_id = p.sale_id WHERE p.kind='payment' AND p.state='approved' AND p.masked_pan LIKE ? "
            "ORDER BY s.completed_at DESC LIMIT 20",
            (f"%{digits}",),
            "device",
        )
        return [(str(r), self._local_time(str(t)), int(v)) for r, t, v in rows]

    def by_customer(self, customer_id: int) -> list[tuple[str, str, int]]:
        """A customer's latest receipts (receipt, time, total): central's, from any store, when
        online; this till's own sales offline."""
        if self.client_factory is not None:
            try:
                found = self._call("GET", "/v1/returns/customer-sales", params={"customer_id": customer_id})
                return [
                    (str(x["receipt_no"]), self._local_time(str(x["completed_at"])), int(x["total"]))
                    for x in found["sales"]
                ]
            except Unreachable:
                pass
            except Rejected as e:
                raise ValidationFailed("return.central", e.detail) from None
        rows = self.store.query(
            "SELECT receipt_no, completed_at, total FROM sales WHERE customer_id=? ORDER BY completed_at DESC LIMIT 20",
            (customer_id,),
            "device",
        )
        return [(str(r), self._local_time(str(t)), int(v)) for r, t, v in rows]

    def customer_receipts(self, text: str) -> list[tuple[Any, list[tuple[str, str, int]]]]:
        """The customers a phone, e-mail or name finds (the customer search: central's when
        online, this till's recent customers offline), at most 5, each with their latest
        receipts: for a customer who came back without the receipt but with the sale on
        their account."""
        if self.customers is None:
            raise ValidationFailed("return.no_customers")
        found = self.customers.search(text)
        return [(c, self.by_customer(c.id)) for c in found.customers[:5]]

    def _from_central(self, sale: dict[str, Any]) -> ReturnCase:
        lines: list[ExpectedLine] = []
        for x in sale["lines"]:
            if x["open"] <= 0 and not x["refusal"]:
                why = f"{x['sku']} of this sale was already returned."
            else:
                why = x["refusal"] or ""
            qty = max(int(x["open"]), 0) or int(x["sold"])
            amount = int(x["total"]) * qty // int(x["sold"]) if x["open"] <= 0 else _units(x)
            lines.append(ExpectedLine(x["line_id"], x["variant_id"], x["sku"], x["name"], qty, amount, why))
        tenders = tuple(
            Share(t["type"], int(t["paid"]) - int(t["back"]), t["reference"] or "")
            for t in sale["tenders"]
            if t["type"] != "exchange"  # an exchange's credit takes nothing back (docs/returns.md)
        )
        return ReturnCase(
            kind="receipt",
            number=sale["receipt_no"],
            authorization_id=None,
            sale_id=sale["sale_id"],
            receipt_no=sale["receipt_no"],
            currency=sale["currency"],
            lines=tuple(lines),
            tenders=tenders,
            customer_id=sale.get("customer_id"),
            checked_online=True,
        )

    def _from_device(self, number: str) -> ReturnCase | None:
        with self.store.raw("device") as con:
            row = con.execute(
                "SELECT sale_id, currency, completed_at, customer_id FROM sales WHERE receipt_no=?", (number,)
            ).fetchone()
            if row is None:
                return None
            sale_id, currency, completed_at, customer_id = row
            sold = con.execute(
                "SELECT line_id, variant_id, sku, name, quantity, total FROM sale_lines WHERE sale_id=? ORDER BY line_no",
                (sale_id,),
            ).fetchall()
            pays = con.execute(
                "SELECT type, amount - change, coalesce(reference, '') FROM sale_payments WHERE sale_id=? ORDER BY seq",
                (sale_id,),
            ).fetchall()
            earlier = local.of_sale(con, sale_id)
        back: dict[str, int] = {}
        back_money: dict[tuple[str, str], int] = {}
        for r in earlier:
            for x in r.lines:
                back[x["line_id"]] = back.get(x["line_id"], 0) + int(x["resellable"]) + int(x["damaged"])
            for m in r.refunds:
                back_money[(m["type"], m["reference"])] = back_money.get((m["type"], m["reference"]), 0) + int(
                    m["amount"]
                )
        pol = self.policy()
        cats = self._names([int(v) for _i, v, *_r in sold])
        at = datetime.fromisoformat(str(completed_at))
        from sync.return_code import units_amount

        lines = []
        for line_id, vid, sku, name, qty, total in sold:
            done = back.get(line_id, 0)
            left = int(qty) - done
            refusal = pol.refusal(sku=sku, category=cats.get(int(vid), ("", ""))[1], sold_at=at, at=self.clock())
            why = refusal[1] if refusal else (f"{sku} of this sale was already returned." if left <= 0 else "")
            n = left if left > 0 else int(qty)
            amount = units_amount(int(total), int(qty), done, left) if left > 0 else int(total)
            lines.append(ExpectedLine(str(line_id), int(vid), str(sku), str(name), n, amount, why))
        tenders = tuple(Share(t, int(m) - back_money.get((t, ref), 0), ref) for t, m, ref in pays if t != "exchange")
        return ReturnCase(
            kind="receipt",
            number=number,
            authorization_id=None,
            sale_id=str(sale_id),
            receipt_no=number,
            currency=str(currency),
            lines=tuple(lines),
            tenders=tenders,
            customer_id=None if customer_id is None else int(customer_id),
        )

    def no_receipt_find(self, item: str, customer: str) -> ReturnCase:
        """The no-receipt sheet's lookup: the item by its barcode or SKU at this store's price
        now, and the customer by phone, e-mail or name (the first match)."""
        if self.lookup is None or self.customers is None:
            raise ValidationFailed("return.no_receipt")
        found = self.lookup.scan(item)
        if found.variant_id is None:
            if found.problem:  # the scan's own sentence (an unknown barcode or SKU), by its code
                raise ValidationFailed(found.problem, found.message, **found.params)
            raise ValidationFailed("return.unknown_item")
        price = self.lookup.prices([found.variant_id]).get(found.variant_id)
        if price is None:
            raise ValidationFailed("return.no_price")
        if not customer.strip():
            raise ValidationFailed("return.no_receipt_customer")
        people = self.customers.search(customer).customers
        if not people:
            raise ValidationFailed("return.no_customer", customer=customer.strip()[:40])
        return self.no_receipt(found.variant_id, 1, int(price[0].minor), int(people[0].id), people[0].name)

    def managers(self) -> list[Any]:
        from pos_app.core.auth import Permission

        return list(self.auth.approvers(Permission.MANAGE_SHIFT)) if self.auth is not None else []

    def no_receipt(
        self, variant_id: int, quantity: int, amount: int, customer_id: int | None, customer_name: str = ""
    ) -> ReturnCase:
        """A return without a receipt: store credit only, a manager approves it (complete's
        `approver`), within the per-customer limit."""
        if customer_id is None:
            raise ValidationFailed("return.no_receipt_customer")
        names = self._names([variant_id])
        if variant_id not in names:
            raise ValidationFailed("return.not_in_catalog")
        name, _cat = names[variant_id]
        sku = self.store.query("SELECT sku FROM catalog WHERE id=?", (variant_id,))[0][0]
        return ReturnCase(
            kind="no_receipt",
            number="—",
            customer_name=customer_name,
            authorization_id=None,
            sale_id=None,
            receipt_no="",
            currency=self.currency(),
            lines=(ExpectedLine(f"nr-{variant_id}", variant_id, str(sku), name, quantity, amount),),
            tenders=(Share("store_credit", amount),),
            refund="store_credit",
            customer_id=customer_id,
        )

    # --- grading (the core draft's refusals as the one sentence staff see) -----------------------

    @staticmethod
    def grade(draft: ReturnDraft, line_id: str, grades: list[str]) -> ReturnDraft:
        try:
            return draft.grade(line_id, grades)
        except ReturnRuleError as e:
            raise _ruled(e) from None

    @staticmethod
    def grade_all(draft: ReturnDraft, grade: str = "resellable") -> ReturnDraft:
        try:
            return draft.grade_all(grade)
        except ReturnRuleError as e:
            raise _ruled(e) from None

    # --- completing --------------------------------------------------------------------------------

    def plan(self, case: ReturnCase, draft: ReturnDraft) -> list[Share]:
        try:
            return refund_plan(draft.total, case.tenders, allocate, prefer_credit=case.refund == "store_credit")
        except ReturnRuleError as e:
            raise _ruled(e) from None

    def check_refund(self, case: ReturnCase, plan: list[Share]) -> None:
        """No tender above what the sale paid on it, a card only when the sale used it."""
        room = {(t.type, t.reference): t.amount for t in case.tenders}
        for s in plan:
            if s.type == "card" and ("card", s.reference) not in room:
                raise ValidationFailed("return.card_not_used")
            if s.type in ("cash", "card") and s.amount > room.get((s.type, s.reference), 0):
                raise ValidationFailed(
                    "return.over_cash" if s.type == "cash" else "return.over_card",
                    most=self.money(room.get((s.type, s.reference), 0)),
                )

    def complete(
        self,
        session: Session,
        case: ReturnCase,
        draft: ReturnDraft,
        *,
        plan: list[Share] | None = None,
        approver: int | None = None,
        reason: str | None = None,
    ) -> ReturnDone:
        """Refund and record the return. `plan` overrides the split (checked); a return without a
        receipt needs `approver` (a manager who typed their PIN, AuthService.approve); a counter
        return needs a `reason` of the policy (checked_reason)."""
        case = self.checked_reason(case, reason)
        try:
            draft = draft.confirm() if draft.step == "grading" else draft
            draft = draft.start_refund()
        except ReturnRuleError as e:
            raise _ruled(e) from None
        plan = plan if plan is not None else self.plan(case, draft)
        self.check_refund(case, plan) if case.kind != "no_receipt" else None
        if sum(s.amount for s in plan) != draft.total:
            raise ValidationFailed("return.plan_sum")
        if case.kind == "no_receipt":
            self._check_no_receipt(case, draft.total, approver)
        self._before_money(case, plan)
        refunds: list[dict[str, Any]] = []
        queued = False
        for s in plan:
            state = "paid"
            if s.type == "card":
                state = self._card_refund(session, case, s)
                queued = queued or state == "queued"
            refunds.append({"type": s.type, "amount": s.amount, "reference": s.reference, "state": state})
        return self._record(session, case, draft.finish(queued), refunds, approver, queued)

    def _card_refund(self, session: Session, case: ReturnCase, s: Share) -> str:
        if self.payments is None or not s.reference:
            return "queued"
        try:
            p = self.payments.refund_transaction(session, case.sale_id or "", s.reference, s.amount, case.currency)
        except ValidationFailed as e:
            if e.code.startswith("terminal.") or e.code in ("refund.no_terminal", "terminal.none"):
                return "queued"
            raise
        if p.state == "refunded":
            return "paid"
        if p.state in ("unknown",):
            return "queued"
        if p.message:  # the terminal's own words
            raise ValidationFailed("return.card_declined", p.message)
        raise ValidationFailed("return.card_declined")

    def _shift_open(self) -> bool:
        rows = self.store.query("SELECT 1 FROM shifts WHERE till=? AND state<>'closed'", (self.till(),), "device")
        return bool(rows)

    def _check_no_receipt(self, case: ReturnCase, total: int, approver: int | None) -> None:
        if approver is None:
            raise ValidationFailed("return.needs_manager")
        left, at_central = self.no_receipt_allowance(int(case.customer_id or 0))
        if total > left:
            raise ValidationFailed(
                "return.no_receipt_limit" if at_central else "return.no_receipt_limit_offline",
                limit=self.money(self.no_receipt_limit()),
                days=NO_RECEIPT_LIMIT_DAYS,
                left=self.money(left),
            )

    def no_receipt_allowance(self, customer_id: int) -> tuple[int, bool]:
        """What the customer may still return without a receipt, and whether central counted it:
        online, central's count across tills plus this till's returns it does not have yet;
        offline (or refused), this till's own count (central checks again when the op arrives)."""
        since = (self.clock() - timedelta(days=NO_RECEIPT_LIMIT_DAYS)).isoformat()
        limit = self.no_receipt_limit()
        with self.store.raw("device") as con:
            unsent = local.no_receipt_total(con, customer_id, since, unsent=True)
            own = local.no_receipt_total(con, customer_id, since)
        if self.client_factory is not None:
            try:
                got = self._call(
                    "GET", "/v1/returns/no-receipt-allowance",
                    params={"customer_id": customer_id, "currency": self.currency()},
                )  # fmt: skip
                return max(int(got["left"]) - unsent, 0), True
            except (CentralError, KeyError, ValueError):
                pass
        return max(limit - own, 0), False

    def approve(self, staff_id: int, pin: str) -> int:
        """A manager approves a return without a receipt on the spot with their PIN (the same
        lockout as sign-in, AuthService.approve); their id goes with the return and its journal."""
        from pos_app.core.auth import Permission

        if self.auth is None:
            raise ValidationFailed("return.needs_manager")
        return int(self.auth.approve(staff_id, pin, Permission.MANAGE_SHIFT).id)

    def no_receipt_limit(self) -> int:
        return no_receipt_limit(self.currency())  # JPY 20,000 / 150.00 of a two-decimal currency

    def _record(
        self,
        session: Session,
        case: ReturnCase,
        draft: ReturnDraft,
        refunds: list[dict[str, Any]],
        approver: int | None,
        queued: bool,
    ) -> ReturnDone:
        with self.store.tx("device") as con:
            done = self._write(con, session, case, draft, refunds, approver, queued)
        self.kick()
        return done

    def _write(
        self,
        con: Any,
        session: Session,
        case: ReturnCase,
        draft: ReturnDraft,
        refunds: list[dict[str, Any]],
        approver: int | None,
        queued: bool,
        exchange: dict[str, Any] | None = None,
    ) -> ReturnDone:
        """The return, its op, the drawer's paid out and the journal entry, in the caller's
        transaction `con` (`exchange`: the exchange sale's payload, written just before)."""
        at = self.clock()
        taken = draft.accepted()
        lines = [
            {"line_id": ln.line_id, "variant_id": ln.variant_id, "sku": ln.sku, "name": ln.name, "resellable": good,
             "damaged": bad, "amount": amount}
            for ln, good, bad, amount in taken
        ]  # fmt: skip
        payload = ReturnCompletePayload.model_validate_json(
            orjson.dumps(
                {
                    "return_id": case.return_id,
                    "kind": case.kind,
                    "authorization_id": case.authorization_id,
                    "sale_id": case.sale_id,
                    "store_id": self.identity.store_id,
                    "staff_id": session.staff.id,
                    "approved_by": approver,
                    "customer_id": case.customer_id,
                    "currency": case.currency,
                    "reason": case.reason[:40],
                    "completed_at": at,
                    **({"exchange_sale_id": exchange["sale_id"]} if exchange else {}),
                    "lines": [{k: v for k, v in x.items() if k != "name"} for x in lines],
                    "refunds": refunds,
                }
            )
        ).model_dump(mode="json")
        op_id = str(uuid.uuid4())
        cash = sum(r["amount"] for r in refunds if r["type"] == "cash")
        self.store.enqueue(con, "return.complete", payload, op_id)
        local.add(
            con,
            local.LocalReturn(
                return_id=case.return_id, op_id=op_id, kind=case.kind, authorization_id=case.authorization_id,
                number=case.number, sale_id=case.sale_id, receipt_no=case.receipt_no, currency=case.currency,
                total=draft.total, lines=lines, refunds=refunds, status="pending", detail=None,
                staff_id=session.staff.id, approved_by=approver, customer_id=case.customer_id,
                created_at=at.isoformat(),
            ),
        )  # fmt: skip
        if cash:
            local.drawer_refund(con, self.till(), cash, session.staff.id, f"return {case.number}", at.isoformat())
        self.store.journal_append(
            con,
            "return.complete",
            {"return_id": case.return_id, "op_id": op_id, "kind": case.kind, "number": case.number,
             "sale_id": case.sale_id, "total": draft.total, "refunds": refunds, "staff_id": session.staff.id,
             "approved_by": approver, "reason": case.reason,
             **({"exchange_sale_id": exchange["sale_id"], "exchange_receipt": exchange["receipt_no"]}
                if exchange else {}),
             "lines": [{k: x[k] for k in ("sku", "resellable", "damaged", "amount")} for x in lines]},
        )  # fmt: skip
        return self._done(case.return_id, op_id, case.number, case.currency, draft.total, refunds, lines, queued)

    def _before_money(self, case: ReturnCase, plan: Sequence[Share]) -> None:
        """The last checks before any money moves (a return's and an exchange's): a drawer for
        cash, not completed here already, and, for an authorization online, this till's claim
        (the first claim wins; offline the return completes and central decides)."""
        if any(s.type == "cash" for s in plan) and not self._shift_open():
            raise ValidationFailed("return.no_shift")
        with self.store.raw("device") as con:
            if local.get(con, case.return_id) is not None:
                raise ValidationFailed("return.done")
        if case.authorization_id and self.client_factory is not None:
            try:
                self._call("POST", f"/v1/returns/{case.authorization_id}/claim", json={"return_id": case.return_id})
            except Unreachable:
                pass
            except Rejected as e:
                raise ValidationFailed("return.taken", e.detail) from None

    def _done(
        self,
        return_id: str,
        op_id: str,
        number: str,
        currency: str,
        total: int,
        refunds: list[dict[str, Any]],
        lines: list[dict[str, Any]],
        queued: bool,
    ) -> ReturnDone:
        money = [r for r in refunds if r["type"] != "exchange"]
        said = ", ".join(f"{self.money(r['amount'], currency)} {_word(r)}" for r in money)
        message = f"Refunded {said}." if money else "Taken back; nothing to refund."
        swapped = sum(int(r["amount"]) for r in refunds if r["type"] == "exchange")
        if swapped:
            message = MESSAGES["return.exchanged"].format(credit=self.money(swapped, currency)) + (
                " " + MESSAGES["return.exchange_rest"].format(said=said) if money else ""
            )
        if queued:
            message += " The card refund is queued: it reaches the card once the terminal takes it (tell the customer)."
        return ReturnDone(
            return_id=return_id,
            op_id=op_id,
            number=number,
            total=total,
            refunds=tuple(refunds),
            queued=queued,
            restocked=sum(x["resellable"] for x in lines),
            quarantined=sum(x["damaged"] for x in lines),
            message=message,
        )

    # --- an exchange: the return and a sale in one basket ----------------------------------------

    def exchange(
        self,
        session: Session,
        case: ReturnCase,
        draft: ReturnDraft,
        basket: Any,
        tenders: Sequence[Tender] = (),
        *,
        reason: str | None = None,
    ) -> Exchanged:
        """The graded return's credit pays the new items of `basket` (an `exchange` tender of
        the sale); dearer: `tenders` pay the rest as in any sale; cheaper: the rest goes back
        through the return's refund split (never more than paid per tender). The sale, the
        return, both ops (sale first), the drawer movement and the journal entries are written
        in one device.db transaction (CheckoutService.complete's `within`). The same basket
        completed again is the exchange already made."""
        if self.baskets is None:
            raise ValidationFailed("return.exchange_unavailable")
        if case.kind == "no_receipt":
            raise ValidationFailed("return.exchange_no_receipt")
        already = self.baskets.checkout.sale(basket.sale_id)
        if already is not None:
            return self._exchanged_again(already, case)
        case = self.checked_reason(case, reason)
        try:
            draft = draft.confirm() if draft.step == "grading" else draft
            draft = draft.start_refund()
        except ReturnRuleError as e:
            raise _ruled(e) from None
        credit = draft.total
        priced = self.baskets.checkout.price(self.baskets.sale_basket(basket))
        if priced.currency != case.currency:
            raise ValidationFailed("return.exchange_currency", currency=case.currency)
        due = priced.totals.total
        used = min(credit, due)
        rest_plan = self.plan_amount(case, credit - used)
        self.check_refund(case, rest_plan)
        extra = [t for t in tenders if t.type is not TenderType.EXCHANGE]
        if credit >= due and extra:  # (dearer: the sale itself refuses tenders short of the rest, sale.underpaid)
            raise ValidationFailed("return.exchange_over", credit=self.money(credit, case.currency))
        self._before_money(case, rest_plan)
        refunds: list[dict[str, Any]] = [
            {"type": "exchange", "amount": used, "reference": str(basket.sale_id), "state": "paid"}
        ]
        queued = False
        for s in rest_plan:  # cheaper: the rest back as paid (a card by the terminal, before the write)
            state = "paid"
            if s.type == "card":
                state = self._card_refund(session, case, s)
                queued = queued or state == "queued"
            refunds.append({"type": s.type, "amount": s.amount, "reference": s.reference, "state": state})
        finished = draft.finish(queued)
        made: list[ReturnDone] = []

        def within(con: Any, sale: dict[str, Any]) -> None:
            made.append(self._write(con, session, case, finished, refunds, None, queued, exchange=sale))

        sale = self.baskets.complete(
            session, basket, [Tender(TenderType.EXCHANGE, used, case.number[:100]), *extra], within=within
        )
        if not made:  # completed meanwhile (a double tap): the exchange already made
            return self._exchanged_again(sale, case)
        self.kick()
        return Exchanged(sale, made[0], credit, due)

    def _exchanged_again(self, sale: Any, case: ReturnCase) -> Exchanged:
        with self.store.raw("device") as con:
            r = local.get(con, case.return_id)
        if r is None:
            raise ValidationFailed("return.exchange_other_sale")
        done = self._done(r.return_id, r.op_id, r.number, r.currency, r.total, r.refunds, r.lines, False)
        return Exchanged(sale, done, r.total, int(sale.total))

    def plan_amount(self, case: ReturnCase, amount: int) -> list[Share]:
        """What of `amount` goes back to which tender (the return's split)."""
        if amount <= 0:
            return []
        try:
            return refund_plan(amount, case.tenders, allocate, prefer_credit=case.refund == "store_credit")
        except ReturnRuleError as e:
            raise _ruled(e) from None

    def retry_card(self, session: Session, key: str) -> list[dict[str, Any]]:
        """Make the card refunds of a return that were queued (the terminal could not make them
        then): each one that goes through is marked paid here and reported with `return.refund`,
        so central's record turns from queued to paid. Returns the refunds as they stand."""
        r = self.get(key)
        if r is None:
            raise ValidationFailed("return.unknown", key=key)
        refunds = [dict(x) for x in r.refunds]
        if not any(x["type"] == "card" and x["state"] == "queued" for x in refunds):
            raise ValidationFailed("return.nothing_queued", number=r.number)
        for x in refunds:
            if x["type"] != "card" or x["state"] != "queued":
                continue
            case = ReturnCase(kind=r.kind, number=r.number, authorization_id=r.authorization_id, sale_id=r.sale_id,
                              receipt_no=r.receipt_no, currency=r.currency, lines=(), tenders=(), return_id=r.return_id)  # fmt: skip
            if self._card_refund(session, case, Share("card", int(x["amount"]), str(x["reference"]))) != "paid":
                continue
            x["state"] = "paid"
            payload = {"return_id": r.return_id, "store_id": self.identity.store_id, "staff_id": session.staff.id,
                       "amount": int(x["amount"]), "reference": x["reference"], "refunded_at": self.clock().isoformat()}  # fmt: skip
            with self.store.tx("device") as con:
                self.store.enqueue(con, "return.refund", payload)
                local.set_refunds(con, r.return_id, refunds)
                self.store.journal_append(con, "return.refund", {**payload, "number": r.number})
        self.kick()
        return refunds

    # --- support ----------------------------------------------------------------------------------

    def latest(self, limit: int = 50) -> list[local.LocalReturn]:
        with self.store.raw("device") as con:
            return local.latest(con, limit)

    def get(self, key: str) -> local.LocalReturn | None:
        with self.store.raw("device") as con:
            found = local.get(con, key)
            if found is None:
                for r in local.latest(con, 1000):
                    if r.number == key or r.return_id.startswith(key):
                        return r
            return found

    def reason(self, ret: local.LocalReturn) -> tuple[str, str]:
        """(code, words in English) of the reason recorded for `ret`, from its journal entry
        (the return's own row does not keep it); ("", "") when none was given."""
        rows = self.store.query(
            "SELECT data FROM journal WHERE type='return.complete' AND json_extract(data, '$.return_id')=? LIMIT 1",
            (ret.return_id,),
            "device",
        )
        code = str(orjson.loads(rows[0][0]).get("reason") or "") if rows else ""
        return code, dict(self.reasons()).get(code, code)

    def _local_time(self, iso: str) -> str:
        rows = self.store.query("SELECT timezone FROM locations WHERE id=?", (self.identity.store_id,))
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(str(rows[0][0])) if rows else UTC
        return datetime.fromisoformat(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M")

    def _call(self, method: str, url: str, **kw: Any) -> dict[str, Any]:
        if self.client_factory is None:
            raise Unreachable("no central")
        with self.client_factory() as client:
            try:
                # sync.client has no returns call of its own: its generic request
                with client._request(method, url, timeout=5.0, **kw) as r:
                    r.read()
                    body: dict[str, Any] = orjson.loads(r.content)
                    return body
            except CentralError:
                raise


def _units(x: dict[str, Any]) -> int:
    from sync.return_code import units_amount

    return units_amount(int(x["total"]), int(x["sold"]), int(x["back"]), int(x["open"]))


def _word(r: dict[str, Any]) -> str:
    words = {
        "cash": "in cash",
        "card": "to the card",
        "store_credit": "as store credit",
        "gift_card": "to the gift card",
    }
    return words.get(r["type"], r["type"])
