"""Endless aisle at the till (docs/endless-aisle.md "The tablet"): delivery options, addresses
checked with sync.address, the orders screen and what staff do with a ship fulfilment.

- `options(country)`: the `delivery_options` rows for a destination country, cheapest first.
- `check_address(fields)`: sync.address's normal form, or `AddressProblems` with one sentence
  per field (the screen puts each under its field). `remember_address` keeps it with the till's
  recent customer (device.db), so a known customer's address is one tap.
- `orders()`: the store's ship fulfilments from the `ship_orders` stream (what it sold and what
  it must ship), with this till's own orders central has not confirmed yet ("to be confirmed",
  offline too) and its actions laid over them until central's row shows them.
- `decide` (another source / wait / cancel), `refund` (cash, or a card refund referenced to the
  sale's terminal transaction through PaymentService.refund, then order.refund), `ship`
  (carrier + tracking): each its op, its `order_actions` row and a journal entry in ONE
  device.db transaction.

Call everything here from a worker: it reads the disk.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import ValidationError

from pos_app.core.money import Money, format_money
from pos_app.local import orders as local
from pos_app.local.store import Identity, LocalStore, now_iso
from pos_app.services.auth import Session
from pos_app.services.errors import Said, ValidationFailed
from pos_app.services.payments import PaymentService
from sync.address import LAENDER, PREFECTURES, address_problems, one_line
from sync.protocol import (
    CARRIERS,
    TRACKING_PATTERN,
    OrderDecidePayload,
    OrderRefundPayload,
    OrderRefusedRefundPayload,
    ShipmentShipPayload,
)

STATES = ("to_confirm", "unsourced", "sourced", "shipped", "delivered", "cancelled", "refused")


CARRIER_NAMES = {
    "yamato": "Yamato (クロネコ)",
    "sagawa": "Sagawa (佐川急便)",
    "japanpost": "Japan Post (日本郵便)",
    "dhl": "DHL",
    "dpd": "DPD",
    "hermes": "Hermes",
    "other": "Other",
}
CARRIERS_BY_COUNTRY = {"JP": ("yamato", "sagawa", "japanpost", "other"), "DE": ("dhl", "dpd", "hermes", "other")}


def error(code: str, **params: Any) -> ValidationFailed:
    return ValidationFailed(code, **params)


class AddressProblems(ValidationFailed):
    """The address cannot be used: `problems` maps each field to its one sentence."""

    def __init__(self, problems: dict[str, str]) -> None:
        first = next(iter(problems.values()))
        super().__init__("address.invalid", first, fields=list(problems))
        self.problems = problems


@dataclass(frozen=True)
class DeliveryOption:
    id: str
    country: str
    currency: str
    name: str
    fee: int
    fee_text: str
    free_over: int | None
    free_text: str  # "free over ¥10,000" or ""
    days: str  # "2–3 days"


@dataclass(frozen=True)
class ShipLine:
    line: str
    variant_id: int
    sku: str
    name: str
    quantity: int
    unit_price: int


@dataclass(frozen=True)
class ShipOrder:
    id: int | None  # the fulfilment id (None: this till's order central has not confirmed yet)
    number: str
    order_ref: str
    state: str  # STATES
    destination: str
    customer: str
    lines: tuple[ShipLine, ...]
    refund_due: int
    carrier: str | None
    tracking: str | None
    created_at: str
    sold_here: bool  # this store sold it
    ship_here: bool  # this store ships it
    source: str = ""  # the location shipping it
    pending: bool = False  # this till did something central has not confirmed yet
    refused: str = ""  # central's sentence for this till's last refused action (or order)
    sale_id: str | None = None  # this till's sale that paid it
    receipt_no: str = ""
    refund_text: str = ""  # refund_due as the store writes money

    @property
    def units(self) -> int:
        return sum(x.quantity for x in self.lines)


@dataclass(frozen=True)
class OrderList:
    counts: dict[str, int]
    orders: tuple[ShipOrder, ...]
    country: str = ""  # this store's (the carriers offered for ship-from-store)

    def by_state(self, *states: str) -> tuple[ShipOrder, ...]:
        return tuple(o for o in self.orders if o.state in states)


_COLUMNS = (
    "id, number, order_ref, order_store_id, source_id, state, destination, customer, lines, refund_due, "
    "carrier, tracking, created_at, updated_at"
)


def _lines(text: str) -> tuple[ShipLine, ...]:
    return tuple(
        ShipLine(str(x.get("n", "")), int(x.get("v", 0)), str(x.get("sku", "")), str(x.get("name", "")),
                 int(x.get("q", 0)), int(x.get("u", 0)))
        for x in orjson.loads(text or "[]")
    )  # fmt: skip


class OrderService:
    def __init__(
        self,
        store: LocalStore,
        identity: Identity,
        payments: PaymentService | None = None,
        kick: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.identity = identity
        self.payments = payments
        self.kick = kick
        self.clock = clock

    # --- the store ---------------------------------------------------------------------------------

    def _home(self) -> tuple[str, str, str]:
        rows = self.store.query("SELECT country, locale, currency FROM locations WHERE id=?", (self.identity.store_id,))
        return (str(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else ("", "en_US", "")

    def country(self) -> str:
        return self._home()[0]

    def language(self) -> str:
        """The language the customer's mails default to: the store's (ja, de, else en)."""
        lang = self._home()[1][:2]
        return lang if lang in ("ja", "de") else "en"

    def money(self, minor: int, currency: str | None = None) -> str:
        _c, locale, cur = self._home()
        return format_money(Money(minor, currency or cur), locale or "en_US")

    def stores(self) -> list[tuple[int, str, str]]:
        """Stores an order may ship to for pickup there: (id, name, country) in this store's
        country (the fee is in its currency), this one first."""
        rows = self.store.query(
            "SELECT id, name, country FROM locations WHERE kind='store' AND country=? ORDER BY id", (self.country(),)
        )
        out = [(int(i), str(n), str(c)) for i, n, c in rows]
        return sorted(out, key=lambda r: (r[0] != self.identity.store_id, r[1]))

    def _location_names(self) -> dict[int, str]:
        return {int(i): str(n) for i, n in self.store.query("SELECT id, name FROM locations")}

    # --- delivery options and addresses -------------------------------------------------------------

    def options(self, country: str, language: str | None = None, kind: str = "home") -> list[DeliveryOption]:
        """The active delivery options to `country` for a `kind` of destination ("home" or
        "store"), cheapest first (names in `language`). Decision: the stream has no kind column;
        an option whose id ends in "-store" (the seed's "jp-store") is for ship-to-store."""
        lang = language or self.language()
        # Only options in this store's currency: the fee is a line of this sale (a Tokyo till does
        # not charge a euro fee for a parcel to Berlin; it has no option to Germany).
        rows = self.store.query(
            "SELECT id, country, currency, name_en, name_ja, name_de, fee, free_over, days_min, days_max "
            "FROM delivery_options WHERE country=? AND currency=? AND active=1 ORDER BY fee, days_min, id",
            (country.strip().upper(), self._home()[2]),
        )
        out = []
        for oid, ctry, cur, en, ja, de, fee, free_over, lo, hi in rows:
            name = {"ja": ja, "de": de}.get(lang) or en
            days = f"{lo} day{'s' if lo != 1 else ''}" if lo == hi else f"{lo}–{hi} days"
            fee_text = self.money(int(fee), cur) if fee else "free"
            free_text = f"free over {self.money(int(free_over), cur)}" if free_over is not None and fee else ""
            out.append(DeliveryOption(oid, ctry, cur, name, int(fee), fee_text, free_over, free_text, days))
        for_store = [o for o in out if o.id.endswith("-store")]
        if kind == "store":
            return for_store or out
        return [o for o in out if not o.id.endswith("-store")]

    @staticmethod
    def one_line(address: Mapping[str, str]) -> str:
        """ "〒150-0001 東京都渋谷区神南1-2-3" / "Torstraße 1, 10115 Berlin" (no disk)."""
        return one_line(address)

    @staticmethod
    def prefectures() -> list[str]:
        """The 47 prefectures in their usual (JIS) order, for the picker."""
        return [ja for ja, _ in PREFECTURES]

    @staticmethod
    def laender() -> list[str]:
        return [de for de, _ in LAENDER]

    @staticmethod
    def check_address(fields: Mapping[str, object]) -> dict[str, str]:
        """The address in its normal form (sync.address, the check central makes again), or
        AddressProblems: one sentence per field."""
        out, problems = address_problems(fields)
        if problems:
            by_field: dict[str, str] = {}
            for p in problems:
                by_field.setdefault(p.field, p.sentence)
            raise AddressProblems(by_field)
        return out

    def address_of(self, customer_id: int) -> dict[str, str] | None:
        """The address last used for this customer on this till (None: none kept)."""
        with self.store.raw("device") as con:
            found = local.address_of(con, customer_id)
        return None if found is None else {str(k): str(v) for k, v in found.items()}

    def remember_address(self, customer_id: int, address: Mapping[str, object]) -> dict[str, str]:
        """Check the address and keep it with the till's recent customer."""
        clean = self.check_address(address)
        with self.store.tx("device") as con:
            local.remember_address(con, customer_id, clean, now_iso())
        return clean

    # --- the orders screen -----------------------------------------------------------------------------

    def orders(self) -> OrderList:
        here = self.identity.store_id
        names = self._location_names()
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM ship_orders WHERE order_store_id=? OR source_id=? ORDER BY created_at, id",
            (here, here),
        )
        with self.store.raw("device") as con:
            mine = local.orders(con)
            acts = local.actions(con)
            charged = {o.order_id: _charged(con, o) for o in mine if o.status == "rejected"}
        by_ref = {o.order_id: o for o in mine}
        by_f: dict[int, list[local.OrderAction]] = {}
        for a in acts:
            by_f.setdefault(a.fulfilment_id, []).append(a)
        out: list[ShipOrder] = []
        seen: set[str] = set()
        for r in rows:
            fid, number, ref, sold_by, source, state, dest, customer, lines, due, carrier, tracking, created, _u = r
            own = by_ref.get(str(ref))
            if own is not None:
                seen.add(own.order_id)
            o = ShipOrder(
                int(fid), str(number), str(ref), str(state), str(dest), str(customer), _lines(str(lines)),
                int(due), carrier, tracking, str(created), int(sold_by) == here, source is not None and int(source) == here,
                names.get(int(source), "") if source is not None else "",
                sale_id=own.sale_id if own else None, receipt_no=own.receipt_no if own else "",
            )  # fmt: skip
            out.append(_overlay(o, by_f.get(int(fid), [])))
        for own in mine:
            if own.order_id in seen:
                continue
            s = own.summary
            state = "refused" if own.status == "rejected" else "to_confirm"
            due, said = 0, own.detail or "" if own.status == "rejected" else ""
            if own.status == "rejected":  # nothing ships: the customer's money goes back here
                if own.refund_status in ("pending", "sent"):
                    state = "cancelled"
                else:
                    due = charged.get(own.order_id, 0)
                    said = own.refund_detail or said  # central refused the refund itself
            out.append(
                ShipOrder(
                    None, own.number or "", own.order_id, state, str(s.get("destination", "")),
                    str(s.get("customer", "")),
                    tuple(ShipLine(str(x["n"]), int(x["v"]), str(x["sku"]), str(x.get("name", x["sku"])),
                                   int(x["q"]), int(x["u"])) for x in s.get("lines", [])),
                    due, None, None, own.created_at, True, False,
                    pending=own.status == "pending" or own.refund_status == "pending",
                    refused=said,
                    sale_id=own.sale_id, receipt_no=own.receipt_no,
                )
            )  # fmt: skip
        out = [replace(o, refund_text=self.money(o.refund_due)) if o.refund_due else o for o in out]
        counts = {s: 0 for s in STATES}
        for o in out:
            counts[o.state] = counts.get(o.state, 0) + 1
        return OrderList(counts, tuple(out), self.country())

    def as_of(self) -> datetime | None:
        """When the ship_orders stream was last pulled (None: never)."""
        return self.store.stream_state("ship_orders").synced_at

    def waiting(self) -> int:
        """What needs staff (the header's count): orders central could not source that this
        store sold, refunds owed, parcels this store must send, and refusals."""
        n = 0
        for o in self.orders().orders:
            if (
                (o.state == "unsourced" and o.sold_here)
                or (o.refund_due > 0 and o.sold_here)
                or (o.state == "sourced" and o.ship_here)
                or o.state == "refused"
            ):
                n += 1
        return n

    def get(self, fulfilment_id: int) -> ShipOrder:
        for o in self.orders().orders:
            if o.id == fulfilment_id:
                return o
        raise error("order.unknown", number=str(fulfilment_id))

    def sources(self, order: ShipOrder) -> list[tuple[int, str, int]]:
        """Locations of this store's country that might ship an unsourced order (id, name, units
        available of its lines by the figures this till holds), the most first."""
        vids = [x.variant_id for x in order.lines]
        if not vids:
            return []
        marks = ",".join("?" * len(vids))
        country = self.country()  # central ships from the selling store's country only
        here = {int(i) for (i,) in self.store.query("SELECT id FROM locations WHERE country=?", (country,))}
        rows = self.store.query(
            f"SELECT location_id, sum(max(on_hand - reserved, 0)) FROM stock WHERE variant_id IN ({marks}) "
            "GROUP BY location_id",
            vids,
        )
        rows = [r for r in rows if int(r[0]) in here]
        names = self._location_names()
        out = [(int(loc), names.get(int(loc), str(loc)), int(n)) for loc, n in rows if int(n) > 0]
        return sorted(out, key=lambda r: (-r[2], r[1]))

    # --- what staff do ----------------------------------------------------------------------------------

    def _write(
        self, type_: str, kind: str, fulfilment_id: int, payload: dict[str, Any], journal: dict[str, Any]
    ) -> str:
        op_id = str(uuid.uuid4())
        at = now_iso()
        with self.store.tx("device") as con:
            self.store.enqueue(con, type_, payload, op_id)
            local.add_action(con, op_id, fulfilment_id, kind, payload, at)
            self.store.journal_append(con, type_, {"fulfilment_id": fulfilment_id, "op_id": op_id, **journal})
        self.kick()
        return op_id

    def decide(self, session: Session, order: ShipOrder, choice: str, location_id: int | None = None) -> str:
        """Another source (`location_id`), wait for stock, or cancel (a refund becomes due)."""
        if order.id is None or order.state != "unsourced":
            raise error("order.not_unsourced", number=order.number or "(not confirmed)", state=_said(order.state))
        if choice == "source" and location_id is None:
            raise error("order.no_source", number=order.number)
        payload = _wire(
            OrderDecidePayload,
            {
                "fulfilment_id": order.id,
                "store_id": self.identity.store_id,
                "staff_id": session.staff.id,
                "choice": choice,
                "location_id": location_id if choice == "source" else None,
                "decided_at": self.clock(),
            },
        )
        return self._write(
            "order.decide", "decide", order.id, payload, {"choice": choice, "location_id": location_id,
                                                            "staff_id": session.staff.id}
        )  # fmt: skip

    def refund(self, session: Session, order: ShipOrder, tender: str) -> str:
        """Pay out what central says is owed for a cancelled shipment: in cash (from the drawer),
        or back on the card of the sale that paid it (a refund referenced to its terminal
        transaction), then report it with order.refund. An order central refused (nothing
        ships) gives back what its sale charged for it: `refund_refused`."""
        if order.id is None:  # no shipment at central: an order it refused, or one not confirmed yet
            return self.refund_refused(session, order, tender)
        if order.id is None or order.refund_due <= 0:
            raise error("order.no_refund", number=order.number or "?")
        reference: str | None = None
        if tender == "card":
            if self.payments is None or not order.sale_id:
                raise error("order.card_elsewhere", number=order.number)
            done = self.payments.refund(session, order.sale_id, order.refund_due)
            refs = [p.transaction_id or p.service_id for p in done if p.state == "refunded"]
            if not refs:
                why = next((p.message for p in done if p.message), "") if done else ""
                raise ValidationFailed("order.card_refund_failed", why or None)
            reference = ",".join(str(r) for r in refs)[:100]
        elif tender != "cash":
            raise ValidationFailed("order.tender")
        payload = _wire(
            OrderRefundPayload,
            {
                "fulfilment_id": order.id,
                "store_id": self.identity.store_id,
                "staff_id": session.staff.id,
                "amount": order.refund_due,
                "tender": tender,
                "reference": reference,
                "refunded_at": self.clock(),
            },
        )
        return self._write(
            "order.refund", "refund", order.id, payload,
            {"amount": order.refund_due, "tender": tender, "reference": reference, "staff_id": session.staff.id},
        )  # fmt: skip

    def _card_refund(self, session: Session, order: ShipOrder, tender: str, amount: int) -> str | None:
        """The money back: cash (None) or a card refund of the order's sale (its reference)."""
        if tender == "cash":
            return None
        if tender != "card":
            raise ValidationFailed("order.tender")
        if self.payments is None or not order.sale_id:
            raise error("order.card_elsewhere", number=order.number or order.receipt_no)
        done = self.payments.refund(session, order.sale_id, amount)
        refs = [p.transaction_id or p.service_id for p in done if p.state == "refunded"]
        if not refs:
            why = next((p.message for p in done if p.message), "") if done else ""
            raise ValidationFailed("order.card_refund_failed", why or None)
        return ",".join(str(r) for r in refs)[:100]

    def refund_refused(self, session: Session, order: ShipOrder, tender: str) -> str:
        """An order central refused (order.create rejected: nothing ships): what its sale charged
        for the ship lines and the fee goes back to the customer, in cash or to the sale's card,
        and order.refund_refused tells central (op, the order's row and the journal in one
        transaction). Refused again once paid back."""
        fresh = next((o for o in self.orders().orders if o.id is None and o.order_ref == order.order_ref), None)
        if fresh is None or fresh.state != "refused" or fresh.refund_due <= 0 or not fresh.sale_id:
            raise ValidationFailed("order.refunded", receipt=order.receipt_no)
        amount = fresh.refund_due
        reference = self._card_refund(session, fresh, tender, amount)
        payload = _wire(
            OrderRefusedRefundPayload,
            {
                "order_id": fresh.order_ref,
                "sale_id": fresh.sale_id,
                "store_id": self.identity.store_id,
                "staff_id": session.staff.id,
                "amount": amount,
                "tender": tender,
                "reference": reference,
                "refunded_at": self.clock(),
            },
        )
        op_id = str(uuid.uuid4())
        with self.store.tx("device") as con:
            self.store.enqueue(con, "order.refund_refused", payload, op_id)
            local.mark_refund(con, fresh.order_ref, op_id, amount)
            self.store.journal_append(
                con,
                "order.refund_refused",
                {"order_id": fresh.order_ref, "op_id": op_id, "amount": amount, "tender": tender,
                 "reference": reference, "staff_id": session.staff.id},
            )  # fmt: skip
        self.kick()
        return op_id

    @staticmethod
    def carriers(country: str) -> list[tuple[str, str]]:
        """(code, name) of the carriers for parcels from a country (every one when unknown)."""
        codes = CARRIERS_BY_COUNTRY.get(country, tuple(CARRIERS))
        return [(c, CARRIER_NAMES[c]) for c in codes]

    def ship(self, session: Session, order: ShipOrder, carrier: str, tracking: str) -> str:
        """Ship-from-store: the parcel left with `carrier` under `tracking`."""
        import re

        if order.id is None or not order.ship_here or order.state != "sourced":
            raise error("order.not_to_ship", number=order.number or "?", state=_said(order.state))
        if carrier not in CARRIERS:
            raise error("order.carrier")
        tracking = tracking.strip().replace(" ", "")
        if not re.fullmatch(TRACKING_PATTERN, tracking):
            raise error("order.tracking", tracking=tracking[:40])
        payload = _wire(
            ShipmentShipPayload,
            {
                "fulfilment_id": order.id,
                "store_id": self.identity.store_id,
                "staff_id": session.staff.id,
                "carrier": carrier,
                "tracking": tracking,
                "shipped_at": self.clock(),
            },
        )
        return self._write(
            "shipment.ship", "ship", order.id, payload,
            {"carrier": carrier, "tracking": tracking, "staff_id": session.staff.id},
        )  # fmt: skip


def _said(state: str) -> str:
    return {"to_confirm": "not confirmed by central yet", "refused": "refused by central"}.get(state, state)


def _wire(model: Any, doc: dict[str, Any]) -> dict[str, Any]:
    try:
        out: dict[str, Any] = model.model_validate(doc, strict=False).model_dump(mode="json", exclude_none=True)
    except ValidationError as e:
        err = e.errors()[0]
        raise ValidationFailed("order.invalid", where=".".join(str(x) for x in err["loc"]), detail=err["msg"]) from None
    return out


def _overlay(o: ShipOrder, actions: list[local.OrderAction]) -> ShipOrder:
    """What this till did, on top of central's row, until central's row shows it."""
    refused = ""
    for a in actions:
        if a.status == "rejected":
            refused = a.detail or Said("central.refused_this")
            continue
        refused = ""
        if a.status != "pending":
            continue
        if a.kind == "decide" and o.state == "unsourced":
            choice = a.data.get("choice")
            if choice == "cancel":  # the refund owed is central's figure: paid once its row says it
                o = replace(o, state="cancelled", pending=True)
            elif choice == "source":
                o = replace(o, state="sourced", pending=True)
            else:
                o = replace(o, pending=True)
        elif a.kind == "refund" and o.refund_due > 0:
            o = replace(o, refund_due=0, pending=True)
        elif a.kind == "ship" and o.state == "sourced":
            o = replace(
                o, state="shipped", carrier=a.data.get("carrier"), tracking=a.data.get("tracking"), pending=True
            )
    return replace(o, refused=refused)


__all__ = [
    "AddressProblems",
    "DeliveryOption",
    "OrderList",
    "OrderService",
    "ShipLine",
    "ShipOrder",
    "one_line",
]


def _charged(con: Any, o: local.LocalOrder) -> int:
    """What this till's sale charged for an order: its ship lines and its delivery fee line."""
    ids = [str(x.get("line_id")) for x in o.payload.get("lines", [])]
    fee = (o.payload.get("delivery") or {}).get("fee_line_id")
    if fee:
        ids.append(str(fee))
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    row = con.execute(
        f"SELECT coalesce(sum(total), 0) FROM sale_lines WHERE sale_id=? AND line_id IN ({marks})", (o.sale_id, *ids)
    ).fetchone()
    return int(row[0])
