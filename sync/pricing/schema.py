"""The JSON form of a basket to price (docs/pricing.md), read strictly into `model` objects.

Amounts are integer minor units (JSON numbers without a fraction); rates and percents are
decimal strings ("10", "8", "19", "7.5") — never a JSON float. Times are ISO 8601; a time
without an offset is the store's wall clock. Unknown keys are refused, so a typo is not silently
ignored. Every problem raises `PricingError` with code ``input.*`` and the path of the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sync.pricing.engine import local_time, price_basket
from sync.pricing.errors import PricingError
from sync.pricing.model import (
    Basket,
    CashRounding,
    Discount,
    DiscountKind,
    Line,
    Override,
    PriceList,
    PriceListKind,
    Promotion,
    PromotionKind,
    StoreRules,
    Target,
    TaxMode,
    TaxRounding,
)
from sync.pricing.money import Rounding
from sync.pricing.result import PricedBasket
from sync.pricing.tender import Tender, TenderType, quick_amounts, settle


def _bad(path: str, what: str) -> PricingError:
    return PricingError("input.invalid", f"{path}: {what}", path=path)


class _Obj:
    """One JSON object read field by field; `done()` refuses keys nobody asked for."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, Mapping):
            raise _bad(path, "expected an object")
        self.v: Mapping[str, Any] = value
        self.path = path
        self.used: set[str] = set()

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.v or self.v[key] is None:
            if required:
                raise _bad(f"{self.path}.{key}", "required")
            return None
        return self.v[key]

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> Any:
        v = self._get(key, required and default is None)
        if v is None:
            return default
        if not isinstance(v, str):
            raise _bad(f"{self.path}.{key}", "expected a string")
        return v

    def whole(self, key: str, default: int | None = None, *, required: bool = False) -> Any:
        v = self._get(key, required and default is None)
        if v is None:
            return default
        if not isinstance(v, int) or isinstance(v, bool):
            raise _bad(f"{self.path}.{key}", "expected a whole number (minor units, no decimals)")
        return v

    def dec(self, key: str, *, required: bool = False) -> Decimal | None:
        v = self._get(key, required)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, str | int):
            raise _bad(f"{self.path}.{key}", 'expected a decimal string such as "10" or "7.5"')
        try:
            d = Decimal(v)
        except InvalidOperation:
            raise _bad(f"{self.path}.{key}", f"{v!r} is not a number") from None
        if not d.is_finite():
            raise _bad(f"{self.path}.{key}", f"{v!r} is not a number")
        return d

    def flag(self, key: str, default: bool = False) -> bool:
        v = self._get(key, False)
        if v is None:
            return default
        if not isinstance(v, bool):
            raise _bad(f"{self.path}.{key}", "expected true or false")
        return v

    def items(self, key: str) -> list[Any]:
        v = self._get(key, False)
        if v is None:
            return []
        if not isinstance(v, list):
            raise _bad(f"{self.path}.{key}", "expected a list")
        return v

    def strs(self, key: str) -> frozenset[str]:
        out = self.items(key)
        if not all(isinstance(x, str) for x in out):
            raise _bad(f"{self.path}.{key}", "expected a list of strings")
        return frozenset(out)

    def obj(self, key: str, *, required: bool = False) -> _Obj | None:
        v = self._get(key, required)
        return None if v is None else _Obj(v, f"{self.path}.{key}")

    def enum(self, key: str, cls: Any, default: Any = None) -> Any:
        v = self.text(key, required=default is None)
        if v is None:
            return default
        try:
            return cls(v)
        except ValueError:
            choices = ", ".join(m.value for m in cls)
            raise _bad(f"{self.path}.{key}", f"{v!r} is not one of {choices}") from None

    def done(self) -> None:
        extra = sorted(set(self.v) - self.used)
        if extra:
            raise _bad(self.path, f"unknown field {extra[0]!r}")


def _time(o: _Obj, key: str, rules: StoreRules) -> datetime | None:
    s = o.text(key)
    if s is None:
        return None
    try:
        return local_time(datetime.fromisoformat(s), rules)
    except ValueError:
        raise _bad(f"{o.path}.{key}", f"{s!r} is not an ISO 8601 time") from None


def _discount(o: _Obj | None) -> Discount | None:
    if o is None:
        return None
    kind = o.enum("kind", DiscountKind)
    value = o.dec("value", required=True)
    assert value is not None
    reason = o.text("reason", "")
    o.done()
    return Discount(kind, value, reason)


def _target(o: _Obj | None) -> Target:
    if o is None:
        return Target()
    t = Target(o.strs("skus"), o.strs("categories"))
    o.done()
    return t


def read_rules(o: _Obj) -> StoreRules:
    cash = o.obj("cash_rounding")
    cr = None
    if cash is not None:
        cr = CashRounding(cash.whole("increment", required=True), cash.enum("mode", Rounding, Rounding.HALF_UP))
        cash.done()
    rules = StoreRules(
        store=o.text("id", required=True),
        currency=o.text("currency", required=True),
        timezone=o.text("timezone", required=True),
        tax_mode=o.enum("tax_mode", TaxMode),
        tax_rounding=o.enum("tax_rounding", TaxRounding),
        tax_rounding_mode=o.enum("tax_rounding_mode", Rounding),
        cash_rounding=cr,
        max_quantity=o.whole("max_quantity", 9999),
        promotion_rounding=o.enum("promotion_rounding", Rounding, Rounding.HALF_UP),
    )
    o.done()
    return rules


def read_promotion(o: _Obj, rules: StoreRules) -> Promotion:
    gt = o.obj("get_target")
    p = Promotion(
        id=o.text("id", required=True),
        kind=o.enum("kind", PromotionKind),
        name=o.text("name", ""),
        target=_target(o.obj("target")),
        percent=o.dec("percent"),
        amount=o.whole("amount"),
        buy=o.whole("buy", 0),
        pay=o.whole("pay", 0),
        get=o.whole("get", 0),
        get_target=None if gt is None else _target(gt),
        threshold=o.whole("threshold", 0),
        max_applications=o.whole("max_applications"),
        starts=_time(o, "starts", rules),
        ends=_time(o, "ends", rules),
        stores=o.strs("stores"),
        groups=o.strs("groups"),
        coupons=o.strs("coupons"),
        stack_group=o.text("stack_group", "spend"),
    )
    o.done()
    return p


_PLAIN_LINE_KEYS = frozenset({"id", "sku", "quantity", "tax_class", "tax_rate", "unit_price", "category", "name"})
_RATES: dict[str | int, Decimal] = {}  # the few tax rates a store has, each parsed once


def _plain_line(raw: Any, i: int) -> Line | None:
    """A line without override or discount whose every field is well formed, read without the
    field-by-field reader (a scan re-prices the whole basket: 100 lines each time); None for
    anything else, which the reader then reads (and words what is wrong)."""
    if type(raw) is not dict or not raw.keys() <= _PLAIN_LINE_KEYS:
        return None
    get = raw.get
    line_id, sku, qty, tax_class = get("id"), get("sku"), get("quantity"), get("tax_class")
    rate, unit, category, name = get("tax_rate"), get("unit_price"), get("category"), get("name")
    if type(sku) is not str or type(qty) is not int or (type(rate) is not str and type(rate) is not int):
        return None
    if (line_id is not None and type(line_id) is not str) or (tax_class is not None and type(tax_class) is not str):
        return None
    if (unit is not None and type(unit) is not int) or (category is not None and type(category) is not str):
        return None
    if name is not None and type(name) is not str:
        return None
    d = _RATES.get(rate)
    if d is None:
        try:
            d = Decimal(rate)
        except InvalidOperation:
            return None
        if not d.is_finite():
            return None
        if len(_RATES) < 64:
            _RATES[rate] = d
    return Line(
        id=str(i + 1) if line_id is None else line_id,
        sku=sku,
        quantity=qty,
        tax_class="standard" if tax_class is None else tax_class,
        tax_rate=d,
        unit_price=unit,
        category=category,
        name="" if name is None else name,
    )


def _read_line(raw: Any, i: int) -> Line:
    """A line read field by field, every problem worded with its path."""
    o = _Obj(raw, f"$.lines[{i}]")
    ov = o.obj("override")
    override = None
    if ov is not None:
        override = Override(ov.whole("unit_price", required=True), ov.text("reason", ""))
        ov.done()
    rate = o.dec("tax_rate", required=True)
    assert rate is not None
    line = Line(
        id=o.text("id", str(i + 1)),
        sku=o.text("sku", required=True),
        quantity=o.whole("quantity", required=True),
        tax_class=o.text("tax_class", "standard"),
        tax_rate=rate,
        unit_price=o.whole("unit_price"),
        category=o.text("category"),
        name=o.text("name", ""),
        override=override,
        discount=_discount(o.obj("discount")),
    )
    o.done()
    return line


def read_basket(data: Any) -> tuple[Basket, list[Tender]]:
    """The basket and the tenders (possibly none) of a JSON document."""
    root = _Obj(data, "$")
    store = root.obj("store", required=True)
    assert store is not None
    rules = read_rules(store)
    lists: list[PriceList] = []
    for i, raw in enumerate(root.items("price_lists")):
        o = _Obj(raw, f"$.price_lists[{i}]")
        prices = o.obj("prices", required=True)
        assert prices is not None
        if all(type(v) is int for v in prices.v.values()):  # the usual case, read at once
            values = dict(prices.v)
        else:  # say which one is wrong
            values = {k: prices.whole(k, required=True) for k in prices.v}
            prices.done()
        lists.append(
            PriceList(
                o.text("id", required=True),
                o.enum("kind", PriceListKind),
                o.text("currency", rules.currency),
                values,
                store=o.text("store"),
                group=o.text("group"),
            )
        )
        o.done()
    lines: list[Line] = []
    for i, raw in enumerate(root.items("lines")):
        plain = _plain_line(raw, i)
        lines.append(plain if plain is not None else _read_line(raw, i))
    if not lines:
        raise _bad("$.lines", "a basket needs at least one line")
    promos = [read_promotion(_Obj(raw, f"$.promotions[{i}]"), rules) for i, raw in enumerate(root.items("promotions"))]
    at = _time(root, "at", rules)
    if at is None:
        raise _bad("$.at", "required (the time of the sale; without an offset it is the store's clock)")
    coupons = root.items("coupons")
    if not all(isinstance(c, str) for c in coupons):
        raise _bad("$.coupons", "expected a list of strings")
    tenders: list[Tender] = []
    for i, raw in enumerate(root.items("tenders")):
        o = _Obj(raw, f"$.tenders[{i}]")
        tenders.append(Tender(o.enum("type", TenderType), o.whole("amount", required=True), o.text("reference")))
        o.done()
    basket = Basket(
        rules=rules,
        lines=tuple(lines),
        at=at,
        price_lists=tuple(lists),
        promotions=tuple(promos),
        coupons=tuple(coupons),
        customer_group=root.text("customer_group"),
        basket_discount=_discount(root.obj("basket_discount")),
    )
    root.done()
    return basket, tenders


def price_document(data: Any) -> PricedBasket:
    """Price a JSON document (already parsed): the basket, and its payment when tenders are given
    (otherwise the quick-amount buttons a cash payment would offer)."""
    basket, tenders = read_basket(data)
    priced = price_basket(basket)
    rules = basket.rules
    payment: dict[str, Any] = {"quick_amounts": quick_amounts(priced.totals.total, rules.currency, rules.cash_rounding)}
    if tenders:
        payment.update(settle(priced.totals.total, tenders, rules.cash_rounding).to_dict())
    return _with_payment(priced, payment)


def _with_payment(priced: PricedBasket, payment: dict[str, Any]) -> PricedBasket:
    from dataclasses import replace

    return replace(priced, payment=payment)
