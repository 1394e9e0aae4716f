"""The priced basket: every step explained, one object for the screen, the receipt and central.

`to_dict()` gives plain JSON values (amounts are int minor units of ``currency``; rates are
decimal strings); `to_json()` is deterministic: canonical (sorted keys, no spaces, UTF-8 as is),
or with ``indent`` the fields in their documented order for people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


def _pct(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


@dataclass(frozen=True, slots=True)
class PriceSource:
    kind: str  # group | store | base | item | override
    list: str | None = None
    reason: str | None = None  # override's reason
    list_price: int | None = None  # override: the price it replaced

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        if self.list is not None:
            d["list"] = self.list
        if self.reason is not None:
            d["reason"] = self.reason
        if self.list_price is not None:
            d["list_price"] = self.list_price
        return d


@dataclass(frozen=True, slots=True)
class LinePromotion:
    promotion: str
    name: str
    kind: str
    units: int  # units rewarded (spend_save: 0, it is basket level)
    saving: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "promotion": self.promotion,
            "name": self.name,
            "kind": self.kind,
            "units": self.units,
            "saving": self.saving,
        }


@dataclass(frozen=True, slots=True)
class LineDiscount:
    scope: str  # line | basket
    kind: str  # percent | amount
    value: str
    reason: str
    amount: int
    capped: bool = False  # the asked amount was more than was left: it stopped at zero

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "kind": self.kind,
            "value": self.value,
            "reason": self.reason,
            "amount": self.amount,
            "capped": self.capped,
        }


@dataclass(frozen=True, slots=True)
class PricedLine:
    id: str
    sku: str
    name: str
    category: str | None
    quantity: int
    unit_price: int
    source: PriceSource
    amount: int  # unit_price * quantity
    promotions: tuple[LinePromotion, ...]
    discounts: tuple[LineDiscount, ...]
    total: int  # amount - promotions - discounts (gross when tax-included, net when tax-added)
    tax_class: str
    tax_rate: Decimal
    net: int
    tax: int
    gross: int

    @property
    def promotion_saving(self) -> int:
        return sum(p.saving for p in self.promotions)

    @property
    def discount_amount(self) -> int:
        return sum(d.amount for d in self.discounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "source": self.source.to_dict(),
            "amount": self.amount,
            "promotions": [p.to_dict() for p in self.promotions],
            "discounts": [d.to_dict() for d in self.discounts],
            "total": self.total,
            "tax_class": self.tax_class,
            "tax_rate": _pct(self.tax_rate),
            "net": self.net,
            "tax": self.tax,
            "gross": self.gross,
        }


@dataclass(frozen=True, slots=True)
class PromotionUse:
    id: str
    name: str
    kind: str
    saving: int
    lines: dict[str, int]  # line id -> amount saved there
    coupon: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "saving": self.saving,
            "lines": dict(sorted(self.lines.items())),
            "coupon": self.coupon,
        }


@dataclass(frozen=True, slots=True)
class Note:
    """A promotion or coupon that did not apply, and why (a code the screen words)."""

    subject: str  # promotion id or coupon code
    reason: str
    accepted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class TaxLine:
    tax_class: str
    rate: Decimal
    net: int
    tax: int
    gross: int
    lines: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tax_class": self.tax_class,
            "rate": _pct(self.rate),
            "net": self.net,
            "tax": self.tax,
            "gross": self.gross,
            "lines": list(self.lines),
        }


@dataclass(frozen=True, slots=True)
class Totals:
    amount: int  # before promotions and discounts
    promotions: int
    discounts: int
    net: int
    tax: int
    total: int  # what the customer pays (before any cash rounding)
    cash_total: int  # the total if paid entirely in cash (cash rounding applied)

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount,
            "promotions": self.promotions,
            "discounts": self.discounts,
            "net": self.net,
            "tax": self.tax,
            "total": self.total,
            "cash_total": self.cash_total,
            "cash_rounding": self.cash_total - self.total,
        }


@dataclass(frozen=True, slots=True)
class PricedBasket:
    currency: str
    exponent: int
    store: str
    at: str  # ISO 8601 in the store's zone
    tax_mode: str
    rounding: dict[str, Any]
    lines: tuple[PricedLine, ...]
    promotions: tuple[PromotionUse, ...]
    not_applied: tuple[Note, ...]
    coupons: tuple[Note, ...]  # reason "coupon.accepted" or why refused
    taxes: tuple[TaxLine, ...]
    totals: Totals
    customer_group: str | None = None
    payment: dict[str, Any] | None = field(default=None)

    def line(self, line_id: str) -> PricedLine:
        return next(pl for pl in self.lines if pl.id == line_id)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "currency": self.currency,
            "exponent": self.exponent,
            "store": self.store,
            "at": self.at,
            "customer_group": self.customer_group,
            "tax_mode": self.tax_mode,
            "rounding": self.rounding,
            "lines": [pl.to_dict() for pl in self.lines],
            "promotions": [p.to_dict() for p in self.promotions],
            "not_applied": [n.to_dict() for n in self.not_applied],
            "coupons": [{"code": c.subject, "accepted": c.accepted, "reason": c.reason} for c in self.coupons],
            "taxes": [t.to_dict() for t in self.taxes],
            "totals": self.totals.to_dict(),
        }
        if self.payment is not None:
            d["payment"] = self.payment
        return d

    def to_json(self, *, indent: int | None = None) -> str:
        if indent is None:
            return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)  # the fields' own order, for people


def priced_from_dict(d: dict[str, Any]) -> PricedBasket:
    """`PricedBasket.to_dict()` read back (a sale's stored priced basket, for its receipt after
    a restart). Refuses anything that is not such a document with KeyError/TypeError/ValueError."""

    def line(x: dict[str, Any]) -> PricedLine:
        src = x["source"]
        return PricedLine(
            id=x["id"],
            sku=x["sku"],
            name=x["name"],
            category=x.get("category"),
            quantity=int(x["quantity"]),
            unit_price=int(x["unit_price"]),
            source=PriceSource(src["kind"], src.get("list"), src.get("reason"), src.get("list_price")),
            amount=int(x["amount"]),
            promotions=tuple(
                LinePromotion(p["promotion"], p["name"], p["kind"], int(p["units"]), int(p["saving"]))
                for p in x["promotions"]
            ),
            discounts=tuple(
                LineDiscount(q["scope"], q["kind"], q["value"], q["reason"], int(q["amount"]), bool(q["capped"]))
                for q in x["discounts"]
            ),
            total=int(x["total"]),
            tax_class=x["tax_class"],
            tax_rate=Decimal(x["tax_rate"]),
            net=int(x["net"]),
            tax=int(x["tax"]),
            gross=int(x["gross"]),
        )

    t = d["totals"]
    return PricedBasket(
        currency=d["currency"],
        exponent=int(d["exponent"]),
        store=d["store"],
        at=d["at"],
        tax_mode=d["tax_mode"],
        rounding=dict(d["rounding"]),
        lines=tuple(line(x) for x in d["lines"]),
        promotions=tuple(
            PromotionUse(p["id"], p["name"], p["kind"], int(p["saving"]), dict(p["lines"]), p.get("coupon"))
            for p in d["promotions"]
        ),
        not_applied=tuple(Note(n["subject"], n["reason"]) for n in d["not_applied"]),
        coupons=tuple(
            Note(c["code"], c["reason"], bool(c["accepted"])) for c in d["coupons"]
        ),
        taxes=tuple(
            TaxLine(x["tax_class"], Decimal(x["rate"]), int(x["net"]), int(x["tax"]), int(x["gross"]), tuple(x["lines"]))
            for x in d["taxes"]
        ),
        totals=Totals(
            int(t["amount"]), int(t["promotions"]), int(t["discounts"]), int(t["net"]), int(t["tax"]),
            int(t["total"]), int(t["cash_total"]),
        ),
        customer_group=d.get("customer_group"),
        payment=d.get("payment"),
    )
