"""Completing a sale, exactly once (docs/checkout.md).

A basket gets its `sale_id` when it is opened. `CheckoutService.complete` prices it with the
shared engine (`sync.pricing`), settles the tenders, and writes in ONE device.db transaction:
the receipt number (store code, device code, the next value of a gapless per-device counter),
the sale, its lines and payments, its stock effect (pending until central's stock change is
pulled, like a correction), the journal entry and the `sale.complete` outbox op. Killed at any
point, the sale is either there with its receipt number or not there at all. Completing the
same `sale_id` again (a double tap on Pay) returns the sale already made.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from pos_app.core.money import Money, format_money
from pos_app.local import orders as orders_local
from pos_app.local.store import Identity, LocalStore
from pos_app.services.accounts import AccountsService
from pos_app.services.auth import Session
from pos_app.services.errors import ValidationFailed
from pos_app.services.lookup import key_values
from sync.loyalty import tender_reference
from sync.pricing import PricedBasket, PricingError, Settlement, Tender, TenderType, price_basket, read_basket, settle
from sync.pricing_rows import (
    LOCATION_COLUMNS,
    PROMOTION_COLUMNS,
    as_mapping,
    choose,
    codes,
    normalise,
    store_document,
)
from sync.protocol import SaleCompletePayload

__all__ = ["CheckoutService", "CompletedSale", "SaleBasket", "Tender", "TenderType"]

# Steps of the one transaction, in order; `CheckoutService.fault(step)` is called before each
# (tests fail or kill the process there and prove nothing half-made is left).
STEPS = ("counter", "outbox", "sale", "lines", "payments", "stock", "order", "handover", "journal", "commit")


@dataclass(frozen=True)
class SaleBasket:
    """What is being sold: the pricing input document (docs/pricing.md, without tenders), which
    variant each of its lines is, and the customer."""

    sale_id: UUID
    pricing: dict[str, Any]
    variants: dict[str, int]  # pricing line id -> variant id
    customer_id: int | None = None
    # Endless aisle (docs/endless-aisle.md): line ids delivered to the customer ("ship": paid
    # here, no stock delta at this till), service lines that move no stock (the delivery fee),
    # and the order those ship lines make (JSON-ready: order_id, customer_id, language, contact,
    # destination, delivery, summary), written as order.create in the sale's own transaction.
    fulfilment: dict[str, str] = field(default_factory=dict)
    no_stock: frozenset[str] = frozenset()
    order: dict[str, Any] | None = None
    # A pay-on-pickup order collected with this sale (docs/pickups.md "Paying at the till"): its
    # lines are fulfilment "pickup" (the order's prices, no stock delta here) and this is the
    # pickup.handover payload without sale_id and time, written right after sale.complete in
    # the sale's own transaction (with its pickup_actions row and journal entry).
    handover: dict[str, Any] | None = None


@dataclass(frozen=True)
class CompletedSale:
    sale_id: UUID
    receipt_no: str
    op_id: str
    completed_at: datetime
    currency: str
    total: int
    change: int
    priced: PricedBasket | None = None  # None when read back (a double tap): see `sale()`
    settlement: Settlement | None = None
    again: bool = False  # this sale_id had already been completed: nothing new was written
    tenders: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def _pct(rate: Decimal) -> str:
    return format(rate.normalize(), "f")


def percent(rate: str) -> str:
    """A tax stream rate ("0.19") as the pricing engine's percent string ("19")."""
    return _pct(Decimal(rate) * 100)


def device_code(device_id: str) -> str:
    """A short stable code per device: the first 6 letters and digits of its id, upper case."""
    return re.sub(r"[^0-9A-Za-z]", "", device_id)[:6].upper() or "DEVICE"


class CheckoutService:
    def __init__(self, store: LocalStore, identity: Identity, kick: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.identity = identity
        self.kick = kick
        self.fault: Callable[[str], None] | None = None

    def _money(self, minor: int, currency: str) -> str:
        """An amount as the person reads it, in this store's locale."""
        rows = self.store.query("SELECT locale FROM locations WHERE id=?", (self.identity.store_id,))
        return format_money(Money(minor, currency), rows[0][0] if rows else "en_US")

    # --- the basket --------------------------------------------------------------------------

    @staticmethod
    def open_basket() -> UUID:
        """A new basket's sale id: every later completion of this basket is the same sale."""
        return uuid.uuid4()

    def store_row(self) -> dict[str, Any]:
        """This store's cached locations row by column name (its pricing rules and, for the
        receipt, `registration_no`). A row cached before the rules travelled (nulls) counts as
        missing until the next sync fills it."""
        cols = ", ".join(LOCATION_COLUMNS)
        rows = self.store.query(f"SELECT {cols} FROM locations WHERE id=?", (self.identity.store_id,))
        if not rows or any(v is None for v in rows[0]):
            raise ValidationFailed("sale.no_store")
        return as_mapping(LOCATION_COLUMNS, rows[0])

    def rules(self) -> dict[str, Any]:
        """The pricing document's `store` object, from the store's cached locations row."""
        return store_document(self.store_row())

    def promotions(
        self, at: datetime, *, customer_group: str | None = None, coupons: Sequence[str] = ()
    ) -> list[dict[str, Any]]:
        """The cached promotions a sale at `at` gives the engine (sync.pricing_rows.choose: this
        store's, the customer's group's, within a day of now, and any a coupon names)."""
        rules = self.rules()
        cols = ", ".join(f'"{c}"' for c in PROMOTION_COLUMNS)
        rows = self.store.query(f"SELECT {cols} FROM promotions WHERE active=1 ORDER BY code", ())
        when = at if at.tzinfo is not None else at.replace(tzinfo=ZoneInfo(rules["timezone"]))
        return choose(
            (as_mapping(PROMOTION_COLUMNS, r) for r in rows),
            store=rules["id"],
            timezone=rules["timezone"],
            at=when,
            customer_group=customer_group,
            coupons=coupons,
        )

    def is_coupon(self, code: str) -> bool:
        """Whether a typed or scanned code is a coupon of a cached active promotion (so a scan
        the catalog does not know can go to the basket's coupons instead)."""
        wanted = normalise(code)
        if not wanted:
            return False
        rows = self.store.query("SELECT coupons FROM promotions WHERE active=1 AND coupons != ''", ())
        return any(wanted in {normalise(c) for c in codes(r[0])} for r in rows)

    def with_coupons(self, basket: SaleBasket, coupons: Sequence[str]) -> SaleBasket:
        """The same basket with these coupons (typed or scanned) presented instead, and the
        cached promotions chosen again for them."""
        doc = dict(basket.pricing)
        doc.pop("coupons", None)
        if coupons:
            doc["coupons"] = list(coupons)
        at = datetime.fromisoformat(doc["at"])
        promos = self.promotions(at, customer_group=doc.get("customer_group"), coupons=coupons)
        doc.pop("promotions", None)
        if promos:
            doc["promotions"] = promos
        return replace(basket, pricing=doc)

    def basket(
        self,
        sale_id: UUID,
        items: Sequence[tuple[int, int]],
        *,
        at: datetime | None = None,
        customer_id: int | None = None,
        customer_group: str | None = None,
        coupons: Sequence[str] = (),
        promotions: Sequence[dict[str, Any]] | None = None,
    ) -> SaleBasket:
        """A basket of (variant id, quantity) from the cache: names, categories, tax rates,
        this store's price lists for those variants and the cached promotions (`promotions`
        given: those instead), in the pricing document's form."""
        rules = self.rules()
        when = at or datetime.now(UTC)
        if promotions is None:
            promotions = self.promotions(when, customer_group=customer_group, coupons=coupons)
        vids = sorted({v for v, _ in items})
        marks = ",".join("?" * len(vids))
        with self.store.raw() as con:
            cat = {
                r[0]: r[1:]
                for r in con.execute(
                    f"SELECT id, sku, name, category, tax_class FROM catalog WHERE id IN ({marks})", vids
                )
            }
            country = con.execute("SELECT country FROM locations WHERE id=?", (self.identity.store_id,)).fetchone()[0]
            rates = {
                tc: percent(r) for tc, r in con.execute("SELECT tax_class, rate FROM tax WHERE country=?", (country,))
            }
            # The prices table is keyed (list, variant): name the lists (a handful, found by
            # skipping along the key) so each lookup is an index probe, not a scan of 1M rows.
            lists = key_values(con, "prices", "list_id")
            list_marks = ",".join("?" * len(lists)) or "NULL"
            price_rows = con.execute(
                f"SELECT list_id, variant_id, store_id, customer_group, amount FROM prices WHERE list_id IN ({list_marks}) "
                f"AND variant_id IN ({marks}) AND currency=? AND (store_id IS NULL OR store_id=?) ORDER BY list_id, variant_id",
                (*lists, *vids, rules["currency"], self.identity.store_id),
            ).fetchall()
        lines: list[dict[str, Any]] = []
        variants: dict[str, int] = {}
        for n, (vid, qty) in enumerate(items, start=1):
            if vid not in cat:
                raise ValidationFailed("sale.unknown_item", variant_id=vid)
            sku, name, category, tax_class = cat[vid]
            if tax_class not in rates:
                raise ValidationFailed("sale.no_tax_rate", tax_class=tax_class)
            lines.append(
                {
                    "id": str(n),
                    "sku": sku,
                    "name": name,
                    "category": category,
                    "quantity": qty,
                    "tax_class": tax_class,
                    "tax_rate": rates[tax_class],
                }
            )
            variants[str(n)] = vid
        lists: dict[int, dict[str, Any]] = {}
        for lid, vid, store_id, group, amount in price_rows:
            entry = lists.get(lid)
            if entry is None:
                entry = {"id": f"list-{lid}", "prices": {}}
                if group:
                    entry.update(kind="group", group=group)
                elif store_id is not None:
                    entry.update(kind="store", store=rules["id"])
                else:
                    entry["kind"] = "base"
                lists[lid] = entry
            entry["prices"][cat[vid][0]] = amount
        doc: dict[str, Any] = {
            "store": dict(rules),
            "at": when.isoformat(),
            "lines": lines,
            "price_lists": list(lists.values()),
        }
        if customer_group:
            doc["customer_group"] = customer_group
        if coupons:
            doc["coupons"] = list(coupons)
        if promotions:
            doc["promotions"] = [dict(p) for p in promotions]
        return SaleBasket(sale_id, doc, variants, customer_id)

    def price(self, basket: SaleBasket, *, coupons: Sequence[str] | None = None) -> PricedBasket:
        """The priced basket (`coupons` given: with those presented instead, see with_coupons)."""
        if coupons is not None:
            basket = self.with_coupons(basket, coupons)
        try:
            parsed, _tenders = read_basket(basket.pricing)
            return price_basket(parsed)
        except PricingError as e:
            raise ValidationFailed(e.code, e.message, **e.params) from None

    # --- completing ----------------------------------------------------------------------------

    def complete(
        self,
        session: Session,
        basket: SaleBasket,
        tenders: Sequence[Tender],
        *,
        coupons: Sequence[str] | None = None,
        within: Callable[[sqlite3.Connection, dict[str, Any]], None] | None = None,
    ) -> CompletedSale:
        """Complete the sale once: a second call with the same sale id returns the first sale.
        Tendered below what is due is refused (`sale.underpaid`, with what is still due).
        `coupons` given: presented instead of the basket's (see with_coupons). `within` writes
        more in the sale's own transaction, after its journal entry (an exchange's return,
        ReturnService.exchange, given the sale.complete payload); only it may bring an
        `exchange` tender."""
        done = self.sale(basket.sale_id)
        if done is not None:
            return done
        if within is None and any(t.type is TenderType.EXCHANGE for t in tenders):
            raise ValidationFailed("sale.exchange_alone")
        if coupons is not None:
            basket = self.with_coupons(basket, coupons)
        priced = self.price(basket)
        rules = read_basket(basket.pricing)[0].rules
        try:
            settlement = settle(priced.totals.total, list(tenders), rules.cash_rounding)
        except PricingError as e:
            raise ValidationFailed(e.code, e.message, **e.params) from None
        if not settlement.complete:
            raise ValidationFailed(
                "sale.underpaid" if settlement.still_due_cash == settlement.still_due else "sale.underpaid_cash",
                due=self._money(settlement.still_due, priced.currency),
                due_cash=self._money(settlement.still_due_cash, priced.currency),
                still_due=settlement.still_due,
                still_due_cash=settlement.still_due_cash,
                currency=priced.currency,
            )
        completed_at = datetime.now(UTC)
        tender_rows = _tender_rows(settlement)
        with self.store.tx("device") as con:
            again = self._existing(con, basket.sale_id)
            if again is not None:  # completed meanwhile by another thread
                return again
            _check_card_tenders(con, basket.sale_id, settlement)
            _check_stored_value(con, basket.sale_id, settlement)
            self._step("counter")
            counter, receipt_no = self._next_receipt(con)
            op_id = str(uuid.uuid4())
            payload = self._payload(session, basket, priced, settlement, tender_rows, receipt_no, completed_at)
            self._step("outbox")
            self.store.enqueue(con, "sale.complete", payload, op_id)
            self._step("sale")
            con.execute(
                "INSERT INTO sales(sale_id, op_id, receipt_no, receipt_counter, store_id, staff_id, customer_id, "
                "completed_at, currency, total, tax, cash_rounding, change, priced, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                (
                    str(basket.sale_id),
                    op_id,
                    receipt_no,
                    counter,
                    self.identity.store_id,
                    session.staff.id,
                    basket.customer_id,
                    completed_at.isoformat(),
                    priced.currency,
                    priced.totals.total,
                    priced.totals.tax,
                    settlement.cash_rounding,
                    settlement.change,
                    priced.to_json(),
                ),
            )
            self._step("lines")
            con.executemany(
                "INSERT INTO sale_lines(sale_id, line_no, line_id, variant_id, sku, name, quantity, unit_price, total, "
                "tax_class, tax_rate, tax) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        str(basket.sale_id),
                        n,
                        pl.id,
                        basket.variants[pl.id],
                        pl.sku,
                        pl.name,
                        pl.quantity,
                        pl.unit_price,
                        pl.total,
                        pl.tax_class,
                        _pct(pl.tax_rate),
                        pl.tax,
                    )
                    for n, pl in enumerate(priced.lines, start=1)
                ],
            )
            self._step("payments")
            con.executemany(
                "INSERT INTO sale_payments(sale_id, seq, type, amount, change, reference) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (str(basket.sale_id), n, t["type"], t["amount"], t["change"], t.get("reference"))
                    for n, t in enumerate(tender_rows, start=1)
                ],
            )
            self._step("stock")
            con.executemany(
                "INSERT INTO stock_corrections(op_id, variant_id, location_id, delta, reason, note, staff_id, "
                "recorded_at, status) VALUES (?, ?, ?, ?, 'sale', ?, ?, ?, 'pending')",
                [
                    (
                        f"{op_id}:{n}",
                        d["variant_id"],
                        d["location_id"],
                        d["delta"],
                        receipt_no,
                        session.staff.id,
                        completed_at.isoformat(),
                    )
                    for n, d in enumerate(payload["stock"], start=1)
                ],
            )
            # Stored value (pos_app/services/accounts.py): the points it earns and redeems, its
            # store-credit and gift-card tenders marked used.
            AccountsService(self.store, self.identity).record_sale(con, payload)
            self._step("order")
            order_op = self._order(con, session, basket, payload, receipt_no, completed_at)
            self._step("handover")
            handover_op, handover_entry = self._handover(con, basket, completed_at)
            self._step("journal")
            self.store.journal_append(
                con,
                "sale.complete",
                {
                    "sale_id": str(basket.sale_id),
                    "receipt_no": receipt_no,
                    "op_id": op_id,
                    "staff_id": session.staff.id,
                    "customer_id": basket.customer_id,
                    "currency": priced.currency,
                    "total": priced.totals.total,
                    "tax": priced.totals.tax,
                    "cash_rounding": settlement.cash_rounding,
                    "change": settlement.change,
                    "tenders": tender_rows,
                    "lines": len(priced.lines),
                    **({"order_op": order_op} if order_op else {}),
                    **({"handover_op": handover_op} if handover_op else {}),
                },
            )
            if handover_entry is not None:  # the bag handed over: its own entry, after the sale's
                self.store.journal_append(con, "pickup.handover", handover_entry)
            if within is not None:  # an exchange's return, its op after the sale's
                within(con, payload)
            self._step("commit")
        self.kick()
        return CompletedSale(
            basket.sale_id,
            receipt_no,
            op_id,
            completed_at,
            priced.currency,
            priced.totals.total,
            settlement.change,
            priced,
            settlement,
            False,
            tuple(tender_rows),
        )

    def sale(self, sale_id: UUID) -> CompletedSale | None:
        """A completed sale of this device, or None."""
        with self.store.raw("device") as con:
            return self._existing(con, sale_id)

    def sales(self) -> list[dict[str, Any]]:
        """Every sale on this device, in receipt order (receipt number, status, order id)."""
        rows = self.store.query(
            "SELECT sale_id, receipt_no, receipt_counter, total, status, order_id, flagged FROM sales ORDER BY receipt_counter",
            (),
            "device",
        )
        keys = ("sale_id", "receipt_no", "receipt_counter", "total", "status", "order_id", "flagged")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- inside the transaction -------------------------------------------------------------

    def _step(self, name: str) -> None:
        if self.fault is not None:
            self.fault(name)

    def _order(
        self,
        con: sqlite3.Connection,
        session: Session,
        basket: SaleBasket,
        sale: dict[str, Any],
        receipt_no: str,
        completed_at: datetime,
    ) -> str | None:
        """The basket's ship lines as an order.create op, right after its sale.complete in the
        outbox and in the same transaction, with this till's aisle_orders row."""
        if basket.order is None:
            return None
        ship = [x for x in sale["lines"] if x["fulfilment"] == "ship"]
        if not ship:
            return None
        o = basket.order
        doc = {
            "order_id": o["order_id"],
            "sale_id": str(basket.sale_id),
            "store_id": self.identity.store_id,
            "staff_id": session.staff.id,
            "customer_id": o["customer_id"],
            "created_at": completed_at,
            "language": o["language"],
            "contact": o["contact"],
            "destination": o["destination"],
            "delivery": o["delivery"],
            "lines": [
                {"line_id": x["line_id"], "variant_id": x["variant_id"], "sku": x["sku"], "quantity": x["quantity"]}
                for x in ship
            ],
        }
        from sync.protocol import OrderCreatePayload  # helper A's wire model (sync/protocol.py)

        try:
            payload = OrderCreatePayload.model_validate(doc, strict=False).model_dump(mode="json", exclude_none=True)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise ValidationFailed("sale.invalid", detail=f"order {where}: {err['msg']}") from None
        op_id = str(uuid.uuid4())
        self.store.enqueue(con, "order.create", payload, op_id)
        summary = dict(o.get("summary") or {})
        _mark_lines(con, basket.sale_id, [x["line_id"] for x in ship], "ship", str(summary.get("destination") or ""))
        summary["lines"] = [
            {"n": x["line_id"], "v": x["variant_id"], "sku": x["sku"], "q": x["quantity"], "u": x["unit_price"],
             "name": next((pl["name"] for pl in sale["pricing"]["lines"] if str(pl.get("id")) == x["line_id"]), x["sku"])}
            for x in ship
        ]  # fmt: skip
        summary["total"] = sum(x["total"] for x in ship)
        summary["currency"] = sale["currency"]
        orders_local.add_order(
            con,
            order_id=str(o["order_id"]),
            sale_id=str(basket.sale_id),
            op_id=op_id,
            receipt_no=receipt_no,
            payload=payload,
            summary=summary,
            at=completed_at.isoformat(),
        )
        return op_id

    def _handover(
        self, con: sqlite3.Connection, basket: SaleBasket, completed_at: datetime
    ) -> tuple[str | None, dict[str, Any] | None]:
        """The collected pickup's pickup.handover op, carrying this sale's id, right after its
        sale.complete (central applies them in that order), with its pickup_actions row and
        journal entry (returned, appended after the sale's). A pickup this till handed over
        meanwhile is refused: nothing is sold."""
        if basket.handover is None:
            return None, None
        from pos_app.local import pickups as pickups_local
        from sync.protocol import PickupHandoverPayload

        h = dict(basket.handover)
        number = str(h.pop("number", ""))  # for the receipt's "Collected, order 000123"
        pickup_id = int(h["pickup_id"])
        done = con.execute(
            "SELECT 1 FROM pickup_actions WHERE pickup_id=? AND kind='handover' AND status != 'rejected' LIMIT 1",
            (pickup_id,),
        ).fetchone()
        if done is not None:
            raise ValidationFailed("pickup.already_handed_over")
        try:
            payload = PickupHandoverPayload.model_validate(
                {**h, "sale_id": str(basket.sale_id), "handed_over_at": completed_at}, strict=False
            ).model_dump(mode="json", exclude_none=True)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise ValidationFailed("sale.invalid", detail=f"handover {where}: {err['msg']}") from None
        op_id = str(uuid.uuid4())
        self.store.enqueue(con, "pickup.handover", payload, op_id)
        pickups_local.add(con, op_id, pickup_id, "handover", payload, completed_at.isoformat())
        lines = [k for k, v in basket.fulfilment.items() if v == "pickup"]
        _mark_lines(con, basket.sale_id, lines, "pickup", number)
        return op_id, {
            "pickup_id": pickup_id,
            "op_id": op_id,
            "collected_by": payload.get("collector_name") or "customer",
            "found_by": payload["found_by"],
            "staff_id": payload.get("staff_id"),
            "sale_id": str(basket.sale_id),
        }

    def _existing(self, con: sqlite3.Connection, sale_id: UUID) -> CompletedSale | None:
        row = con.execute(
            "SELECT receipt_no, op_id, completed_at, currency, total, change FROM sales WHERE sale_id=?",
            (str(sale_id),),
        ).fetchone()
        if row is None:
            return None
        pays = con.execute(
            "SELECT type, amount, change, reference FROM sale_payments WHERE sale_id=? ORDER BY seq", (str(sale_id),)
        ).fetchall()
        tenders = tuple({"type": t, "amount": a, "change": c, **({"reference": r} if r else {})} for t, a, c, r in pays)
        return CompletedSale(
            sale_id,
            row[0],
            row[1],
            datetime.fromisoformat(row[2]),
            row[3],
            int(row[4]),
            int(row[5]),
            again=True,
            tenders=tenders,
        )

    def _next_receipt(self, con: sqlite3.Connection) -> tuple[int, str]:
        """The next receipt number, taken inside the sale's transaction (gapless: a sale that is
        rolled back gives its number back)."""
        meta = dict(
            con.execute("SELECT key, value FROM meta WHERE key IN ('receipt_counter', 'device_code')").fetchall()
        )
        counter = int(meta.get("receipt_counter", "0")) + 1
        code = meta.get("device_code") or device_code(self.identity.device_id)
        con.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            [("receipt_counter", str(counter)), ("device_code", code)],
        )
        store_code = re.sub(r"[^0-9A-Z]", "", self.identity.store_code.upper()) or "STORE"
        return counter, f"{store_code}-{code}-{counter:06d}"

    def _payload(
        self,
        session: Session,
        basket: SaleBasket,
        priced: PricedBasket,
        settlement: Settlement,
        tender_rows: list[dict[str, Any]],
        receipt_no: str,
        completed_at: datetime,
    ) -> dict[str, Any]:
        lines = []
        moved: dict[int, int] = {}
        for pl in priced.lines:
            vid = basket.variants[pl.id]
            if basket.fulfilment.get(pl.id, "carry_out") == "carry_out" and pl.id not in basket.no_stock:
                moved[vid] = moved.get(vid, 0) - pl.quantity  # a ship line moves stock at its source, later
            lines.append(
                {
                    "line_id": pl.id,
                    "variant_id": vid,
                    "sku": pl.sku,
                    "quantity": pl.quantity,
                    "fulfilment": basket.fulfilment.get(pl.id, "carry_out"),
                    "unit_price": pl.unit_price,
                    "amount": pl.amount,
                    "promotions": pl.promotion_saving,
                    "discounts": pl.discount_amount,
                    "total": pl.total,
                    "tax_class": pl.tax_class,
                    "tax_rate": _pct(pl.tax_rate),
                    "net": pl.net,
                    "tax": pl.tax,
                }
            )
        discounts: list[dict[str, Any]] = [
            {"kind": "promotion", "promotion": u.id, "name": u.name, "coupon": u.coupon, "amount": u.saving}
            for u in priced.promotions
        ]
        basket_level: dict[str, int] = {}
        for pl in priced.lines:
            for d in pl.discounts:
                if d.scope == "line":
                    discounts.append({"kind": "manual", "reason": d.reason, "line_id": pl.id, "amount": d.amount})
                else:
                    basket_level[d.reason] = basket_level.get(d.reason, 0) + d.amount
        discounts += [{"kind": "manual", "reason": r, "amount": a} for r, a in basket_level.items()]
        t = priced.totals
        doc = {
            "sale_id": basket.sale_id,
            "receipt_no": receipt_no,
            "store_id": self.identity.store_id,
            "staff_id": session.staff.id,
            "customer_id": basket.customer_id,
            "completed_at": completed_at,
            "currency": priced.currency,
            "pricing": basket.pricing,
            "lines": lines,
            "discounts": discounts,
            "taxes": [
                {"tax_class": x.tax_class, "rate": _pct(x.rate), "net": x.net, "tax": x.tax, "gross": x.gross}
                for x in priced.taxes
            ],
            "totals": {
                "amount": t.amount,
                "promotions": t.promotions,
                "discounts": t.discounts,
                "net": t.net,
                "tax": t.tax,
                "total": t.total,
                "cash_rounding": settlement.cash_rounding,
            },
            "tenders": tender_rows,
            "stock": [
                {"variant_id": v, "location_id": self.identity.store_id, "delta": d}
                for v, d in sorted(moved.items())
                if d
            ],
        }
        try:
            return SaleCompletePayload.model_validate(doc).model_dump(mode="json")
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise ValidationFailed("sale.invalid", detail=f"{where}: {err['msg']}") from None


def _mark_lines(con: sqlite3.Connection, sale_id: UUID, line_ids: Sequence[str], kind: str, ref: str) -> None:
    """The sale's lines not carried out now, for its receipt (ship: where to; pickup: the order)."""
    con.executemany(
        "UPDATE sale_lines SET fulfilment=?, fulfilment_ref=? WHERE sale_id=? AND line_id=?",
        [(kind, ref, str(sale_id), x) for x in line_ids],
    )


def _check_card_tenders(con: sqlite3.Connection, sale_id: UUID, settlement: Settlement) -> None:
    """A card tender is a payment the terminal approved for this basket (payment_intents,
    pos_app/services/payments.py), referenced by its transaction id, for no more than it holds."""
    cards = [t for t in settlement.tenders if t.type is TenderType.CARD]
    if not cards:
        return
    held: dict[str, int] = {}
    for sid, tx, code, approved in con.execute(
        "SELECT service_id, transaction_id, approval_code, approved_amount FROM payment_intents "
        "WHERE sale_id=? AND kind='payment' AND state='approved'",
        (str(sale_id),),
    ):
        given = con.execute(
            "SELECT coalesce(sum(CASE WHEN state='refunded' THEN approved_amount ELSE amount END), 0) "
            "FROM payment_intents WHERE kind='refund' AND original=? AND state IN ('refunded', 'intent', 'asked', 'unknown')",
            (sid,),
        ).fetchone()[0]
        ref = tx or (f"approval:{code}" if code else sid)
        held[ref] = int(approved or 0) - int(given)
    for t in cards:
        if t.reference not in held or t.amount > held[t.reference]:
            raise ValidationFailed("sale.card_unknown", reference=t.reference or "")
        held[t.reference] -= t.amount


def _check_stored_value(con: sqlite3.Connection, sale_id: UUID, settlement: Settlement) -> None:
    """A store-credit or gift-card tender is a spend this till took for this basket
    (stored_value_spends, pos_app/services/accounts.py), referenced by it, for no more than it."""
    kinds = {TenderType.STORE_CREDIT: "credit", TenderType.GIFT_CARD: "gift"}
    held: dict[str, int] = {}
    for spend_id, kind, owner, amount in con.execute(
        "SELECT spend_id, kind, owner, amount FROM stored_value_spends WHERE sale_id=? AND state IN ('online', 'offline')",
        (str(sale_id),),
    ):
        held[tender_reference(str(spend_id), str(owner) if kind == "gift" else None)] = int(amount)
    for t in settlement.tenders:
        if t.type not in kinds:
            continue
        if t.reference not in held or t.amount > held[t.reference]:
            raise ValidationFailed("sale.stored_value_unknown", reference=t.reference or "")
        held[t.reference] -= t.amount


def _tender_rows(settlement: Settlement) -> list[dict[str, Any]]:
    """The tenders with the change given back from the cash ones (the last first)."""
    rows: list[dict[str, Any]] = [
        {"type": t.type.value, "amount": t.amount, "change": 0, **({"reference": t.reference} if t.reference else {})}
        for t in settlement.tenders
    ]
    left = settlement.change
    for row in reversed(rows):
        if left and row["type"] == "cash":
            give = min(left, row["amount"])
            row["change"] = give
            left -= give
    return rows
