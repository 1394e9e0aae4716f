"""The receipt document: what a sale's receipt says, before any wording or printer.

Built from a priced basket (`sync.pricing.PricedBasket`), its settlement (tenders, change), the
store's facts and the sale's facts. Amounts stay int minor units; the words, the money format
and the layout are `sync.receipts.layout`'s job, so the tablet's printer and central's e-mail
receipt show the same digits. A receipt round-trips through JSON (`to_dict` / `from_dict`):
the tablet spools it for the printer and reprints it from that copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sync.pricing.result import PricedBasket
from sync.pricing.tender import Settlement, TenderType

JP_REGISTRATION = re.compile(r"^T\d{13}$")


class ReceiptError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class StoreFacts:
    code: str
    name: str
    address: tuple[str, ...]
    locale: str  # ja_JP, de_DE, en_US … (the receipt's language is its first part)
    timezone: str  # IANA
    registration: str | None = None  # JP: qualified invoice issuer T+13 digits; DE: USt-IdNr. / Steuernummer
    phone: str | None = None
    footer: tuple[str, ...] = ()  # the store's own closing lines (opening hours, returns policy …)

    @property
    def language(self) -> str:
        return self.locale.split("_")[0].lower()

    @property
    def country(self) -> str:
        parts = self.locale.split("_")
        return parts[1].upper() if len(parts) > 1 else ""

    def check(self) -> None:
        if self.country == "JP" and (self.registration is None or not JP_REGISTRATION.match(self.registration)):
            raise ReceiptError(
                "receipt.registration",
                "A Japanese store needs its qualified invoice issuer number: T followed by 13 digits.",
            )


@dataclass(frozen=True, slots=True)
class SaleFacts:
    number: str  # store + device + gapless counter, e.g. TYO1-07-000123
    at: datetime  # aware; printed in the store's zone
    staff: str  # the name (or code) printed on the receipt
    device: str  # device code
    sale_id: str | None = None  # the sale's UUID

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ReceiptError("receipt.naive_time", "A sale's time must carry its zone (UTC in storage).")


@dataclass(frozen=True, slots=True)
class Saving:
    kind: str  # promotion | discount
    label: str  # the promotion's name, or the discount's reason
    amount: int  # minor units saved (positive)


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    name: str
    sku: str
    quantity: int
    unit_price: int
    amount: int  # unit_price * quantity
    total: int  # after promotions and discounts
    mark: str  # tax mark: "※" (JP reduced rate), "A"/"B" (DE), "" (none)
    savings: tuple[Saving, ...] = ()
    # How the line reaches the customer when not carried out now: "ship" (endless aisle, `where`
    # the destination on one line) or "pickup" (a pay-on-pickup order collected, `where` its
    # number); the receipt says "Delivered to …" / "Collected, order 000123" under the line.
    fulfilment: str = ""
    where: str = ""


@dataclass(frozen=True, slots=True)
class TaxRow:
    mark: str
    tax_class: str
    rate: Decimal
    reduced: bool
    net: int
    tax: int
    gross: int


@dataclass(frozen=True, slots=True)
class TenderRow:
    type: str  # cash | card | store_credit | gift_card
    amount: int
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    store: StoreFacts
    sale: SaleFacts
    currency: str
    exponent: int
    tax_mode: str  # included | added
    lines: tuple[ReceiptLine, ...]
    taxes: tuple[TaxRow, ...]
    amount: int  # before promotions and discounts
    promotions: int
    discounts: int
    net: int
    tax: int
    total: int  # what the basket costs
    cash_rounding: int  # applied to the cash part (0 when none)
    tenders: tuple[TenderRow, ...]
    change: int
    card_slip: tuple[str, ...] = ()  # lines the card terminal asks to print (payments issue)
    code: str | None = None  # the signed sale reference the QR carries (sync.receipts.code)
    gift: bool = False  # gift receipt: no prices
    reprint: bool = False  # marked "Reprint" / "再発行" / "Kopie"
    extra: dict[str, Any] = field(default_factory=dict)  # room for later issues, kept through JSON

    @property
    def paid(self) -> int:
        return self.total + self.cash_rounding

    def as_gift(self) -> Receipt:
        return replace(self, gift=True)

    def as_reprint(self) -> Receipt:
        return replace(self, reprint=True)

    def with_code(self, code: str | None) -> Receipt:
        return replace(self, code=code)

    def to_dict(self) -> dict[str, Any]:
        s, f = self.store, self.sale
        return {
            "v": 1,
            "store": {
                "code": s.code,
                "name": s.name,
                "address": list(s.address),
                "locale": s.locale,
                "timezone": s.timezone,
                "registration": s.registration,
                "phone": s.phone,
                "footer": list(s.footer),
            },
            "sale": {
                "number": f.number,
                "at": f.at.astimezone(UTC).isoformat(),
                "staff": f.staff,
                "device": f.device,
                "sale_id": f.sale_id,
            },
            "currency": self.currency,
            "exponent": self.exponent,
            "tax_mode": self.tax_mode,
            "lines": [
                {
                    "name": ln.name,
                    "sku": ln.sku,
                    "quantity": ln.quantity,
                    "unit_price": ln.unit_price,
                    "amount": ln.amount,
                    "total": ln.total,
                    "mark": ln.mark,
                    "savings": [{"kind": sv.kind, "label": sv.label, "amount": sv.amount} for sv in ln.savings],
                    **({"fulfilment": ln.fulfilment, "where": ln.where} if ln.fulfilment else {}),
                }
                for ln in self.lines
            ],
            "taxes": [
                {
                    "mark": t.mark,
                    "tax_class": t.tax_class,
                    "rate": format(t.rate.normalize(), "f"),
                    "reduced": t.reduced,
                    "net": t.net,
                    "tax": t.tax,
                    "gross": t.gross,
                }
                for t in self.taxes
            ],
            "amount": self.amount,
            "promotions": self.promotions,
            "discounts": self.discounts,
            "net": self.net,
            "tax": self.tax,
            "total": self.total,
            "cash_rounding": self.cash_rounding,
            "tenders": [{"type": t.type, "amount": t.amount, "reference": t.reference} for t in self.tenders],
            "change": self.change,
            "card_slip": list(self.card_slip),
            "code": self.code,
            "gift": self.gift,
            "reprint": self.reprint,
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Receipt:
        s, f = d["store"], d["sale"]
        return cls(
            store=StoreFacts(
                code=s["code"],
                name=s["name"],
                address=tuple(s["address"]),
                locale=s["locale"],
                timezone=s["timezone"],
                registration=s["registration"],
                phone=s["phone"],
                footer=tuple(s["footer"]),
            ),
            sale=SaleFacts(
                number=f["number"],
                at=datetime.fromisoformat(f["at"]),
                staff=f["staff"],
                device=f["device"],
                sale_id=f["sale_id"],
            ),
            currency=d["currency"],
            exponent=d["exponent"],
            tax_mode=d["tax_mode"],
            lines=tuple(
                ReceiptLine(
                    name=ln["name"],
                    sku=ln["sku"],
                    quantity=ln["quantity"],
                    unit_price=ln["unit_price"],
                    amount=ln["amount"],
                    total=ln["total"],
                    mark=ln["mark"],
                    savings=tuple(Saving(sv["kind"], sv["label"], sv["amount"]) for sv in ln["savings"]),
                    fulfilment=str(ln.get("fulfilment") or ""),
                    where=str(ln.get("where") or ""),
                )
                for ln in d["lines"]
            ),
            taxes=tuple(
                TaxRow(
                    mark=t["mark"],
                    tax_class=t["tax_class"],
                    rate=Decimal(t["rate"]),
                    reduced=t["reduced"],
                    net=t["net"],
                    tax=t["tax"],
                    gross=t["gross"],
                )
                for t in d["taxes"]
            ),
            amount=d["amount"],
            promotions=d["promotions"],
            discounts=d["discounts"],
            net=d["net"],
            tax=d["tax"],
            total=d["total"],
            cash_rounding=d["cash_rounding"],
            tenders=tuple(TenderRow(t["type"], t["amount"], t["reference"]) for t in d["tenders"]),
            change=d["change"],
            card_slip=tuple(d["card_slip"]),
            code=d["code"],
            gift=d["gift"],
            reprint=d["reprint"],
            extra=dict(d.get("extra") or {}),
        )


_LETTERS = "ABCDEFGH"


def _marks(priced: PricedBasket, store: StoreFacts) -> dict[tuple[str, Decimal], tuple[str, bool]]:
    """Each (tax class, rate) → (its mark, reduced?).

    Japan: "※" on reduced-rate items (the qualified invoice's mark), none on the standard rate.
    Elsewhere: letters by rate, highest first (Germany: A 19 %, B 7 %), printed on every line.
    """
    rows = sorted(priced.taxes, key=lambda t: (-t.rate, t.tax_class))
    top = rows[0].rate if rows else Decimal(0)
    out: dict[tuple[str, Decimal], tuple[str, bool]] = {}
    for i, t in enumerate(rows):
        reduced = t.tax_class == "reduced" or t.rate < top
        letter = _LETTERS[i] if i < len(_LETTERS) else str(i + 1)
        mark = ("※" if reduced else "") if store.country == "JP" else letter
        out[(t.tax_class, t.rate)] = (mark, reduced)
    return out


def store_facts(row: Any) -> StoreFacts:
    """A store's receipt facts from its `locations` row: a mapping by column name (the tablet's
    cache) or an object with those attributes (central's model). One function, so the printed
    receipt and the e-mailed one name the store the same way."""

    def get(k: str) -> Any:
        return row[k] if isinstance(row, Mapping) else getattr(row, k)

    return StoreFacts(
        code=get("code"),
        name=get("name"),
        address=tuple(a for a in (get("address"), get("city")) if a),
        locale=get("locale"),
        timezone=get("timezone"),
        registration=get("registration_no") or None,
    )


def with_names(receipt: Receipt, names: Mapping[str, str]) -> Receipt:
    """The receipt with its lines named by `names` (sku → the name in the store's language,
    from the names stream); a line whose sku has no name keeps the catalog's. The tablet's
    printed receipt and central's e-receipt use it alike, so both name a product the same way."""
    if not any(names.get(ln.sku) for ln in receipt.lines):
        return receipt
    return replace(receipt, lines=tuple(replace(ln, name=names.get(ln.sku) or ln.name) for ln in receipt.lines))


def build_receipt(
    priced: PricedBasket,
    store: StoreFacts,
    sale: SaleFacts,
    settlement: Settlement | None = None,
    *,
    card_slip: tuple[str, ...] = (),
    code: str | None = None,
    fulfilments: Mapping[str, tuple[str, str]] | None = None,
) -> Receipt:
    """The receipt of a priced, paid basket. ``settlement`` is `sync.pricing.settle`'s answer;
    without one, the basket's own ``payment`` (from `price_document`) is used; without either
    the receipt has no tenders (a quote). ``fulfilments``: pricing line id → ("ship", where) or
    ("pickup", order number) for the lines not carried out now."""
    ways = fulfilments or {}
    store.check()
    marks = _marks(priced, store)
    lines = tuple(
        ReceiptLine(
            name=pl.name or pl.sku,
            sku=pl.sku,
            quantity=pl.quantity,
            unit_price=pl.unit_price,
            amount=pl.amount,
            total=pl.total,
            mark=marks[(pl.tax_class, pl.tax_rate)][0],
            savings=tuple(Saving("promotion", p.name, p.saving) for p in pl.promotions if p.saving)
            + tuple(Saving("discount", d.reason, d.amount) for d in pl.discounts if d.amount),
            fulfilment=ways.get(pl.id, ("", ""))[0],
            where=ways.get(pl.id, ("", ""))[1],
        )
        for pl in priced.lines
    )
    taxes = tuple(
        TaxRow(
            mark=marks[(t.tax_class, t.rate)][0],
            tax_class=t.tax_class,
            rate=t.rate,
            reduced=marks[(t.tax_class, t.rate)][1],
            net=t.net,
            tax=t.tax,
            gross=t.gross,
        )
        for t in sorted(priced.taxes, key=lambda t: (-t.rate, t.tax_class))
    )
    tenders: tuple[TenderRow, ...] = ()
    change = 0
    cash_rounding = 0
    if settlement is not None:
        tenders = tuple(TenderRow(TenderType(t.type).value, t.amount, t.reference) for t in settlement.tenders)
        change, cash_rounding = settlement.change, settlement.cash_rounding
        if not settlement.complete:
            raise ReceiptError("receipt.unpaid", "A receipt is printed for a paid sale only.")
    elif priced.payment is not None and "tenders" in priced.payment:
        p = priced.payment
        if not p.get("complete", False):
            raise ReceiptError("receipt.unpaid", "A receipt is printed for a paid sale only.")
        tenders = tuple(TenderRow(t["type"], t["amount"], t.get("reference")) for t in p["tenders"])
        change, cash_rounding = p["change"], p["cash_rounding"]
    t = priced.totals
    return Receipt(
        store=store,
        sale=sale,
        currency=priced.currency,
        exponent=priced.exponent,
        tax_mode=priced.tax_mode,
        lines=lines,
        taxes=taxes,
        amount=t.amount,
        promotions=t.promotions,
        discounts=t.discounts,
        net=t.net,
        tax=t.tax,
        total=t.total,
        cash_rounding=cash_rounding,
        tenders=tenders,
        change=change,
        card_slip=card_slip,
        code=code,
    )
