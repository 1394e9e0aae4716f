"""What the engine is asked to price: the store's rules, price lists, lines, discounts, promotions.

Plain frozen dataclasses of ints (minor units), ``Decimal`` rates and strings; built by
`sync.pricing.schema` from JSON or directly by the tablet's services and central.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sync.pricing.money import Rounding


class TaxMode(StrEnum):
    INCLUDED = "included"  # shelf prices include tax (Japan, EU): tax is extracted
    ADDED = "added"  # shelf prices are net, tax is added at the till (US)


class TaxRounding(StrEnum):
    PER_LINE = "per_line"  # each line's tax rounded, the rate's tax is their sum
    PER_RATE = "per_rate"  # once per tax rate per receipt (Japan's qualified invoice)


@dataclass(frozen=True, slots=True)
class CashRounding:
    increment: int  # minor units: 5 = to 0.05 in CHF/SEK style
    mode: Rounding = Rounding.HALF_UP


@dataclass(frozen=True, slots=True)
class StoreRules:
    store: str
    currency: str
    timezone: str
    tax_mode: TaxMode
    tax_rounding: TaxRounding
    tax_rounding_mode: Rounding
    cash_rounding: CashRounding | None = None
    max_quantity: int = 9999
    promotion_rounding: Rounding = Rounding.HALF_UP  # percent-off savings of a line


class PriceListKind(StrEnum):
    BASE = "base"  # the base list of a currency
    STORE = "store"  # a store's override list
    GROUP = "group"  # a customer group's list (members, staff …)


@dataclass(frozen=True, slots=True)
class PriceList:
    id: str
    kind: PriceListKind
    currency: str
    prices: dict[str, int]  # sku -> unit price in minor units
    store: str | None = None  # for kind=store
    group: str | None = None  # for kind=group


class DiscountKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class Discount:
    """A manual discount: ``percent`` (Decimal 0..100) or ``amount`` (minor units >= 0)."""

    kind: DiscountKind
    value: Decimal  # percent, or minor units (integral) for amount
    reason: str


@dataclass(frozen=True, slots=True)
class Override:
    unit_price: int
    reason: str


@dataclass(frozen=True, slots=True)
class Line:
    id: str
    sku: str
    quantity: int
    tax_class: str
    tax_rate: Decimal  # percent: Decimal("10")
    unit_price: int | None = None  # the catalog's price, used when no price list has the SKU
    category: str | None = None
    name: str = ""
    override: Override | None = None
    discount: Discount | None = None


class PromotionKind(StrEnum):
    PERCENT_OFF = "percent_off"  # percent off each eligible unit
    AMOUNT_OFF = "amount_off"  # amount off each eligible unit
    MULTIBUY = "multibuy"  # buy N pay M (3 for 2): the cheapest units of each N are free
    BUY_X_GET_Y = "buy_x_get_y"  # buy X of one target, get Y of another at percent off (100 = free)
    SPEND_SAVE = "spend_save"  # spend at least X on the target, save an amount or percent


@dataclass(frozen=True, slots=True)
class Target:
    """Which lines a promotion looks at. Empty = every line (only allowed for spend_save)."""

    skus: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return not self.skus and not self.categories

    def matches(self, line: Line) -> bool:
        return (
            self.everything or line.sku in self.skus or (line.category is not None and line.category in self.categories)
        )


@dataclass(frozen=True, slots=True)
class Promotion:
    id: str
    kind: PromotionKind
    name: str = ""
    target: Target = field(default_factory=Target)
    percent: Decimal | None = None  # percent_off, spend_save (percent), buy_x_get_y reward (default 100)
    amount: int | None = None  # amount_off (per unit), spend_save (amount saved)
    buy: int = 0  # multibuy N, buy_x_get_y X
    pay: int = 0  # multibuy M
    get: int = 0  # buy_x_get_y Y
    get_target: Target | None = None  # buy_x_get_y: the reward's target (default: target)
    threshold: int = 0  # spend_save: minimum eligible spend
    max_applications: int | None = None
    starts: datetime | None = None  # aware; the schema reads local times in the store's zone
    ends: datetime | None = None  # exclusive
    stores: frozenset[str] = frozenset()  # empty = every store
    groups: frozenset[str] = frozenset()  # empty = every customer (and no customer)
    coupons: frozenset[str] = frozenset()  # non-empty: only with one of these codes
    stack_group: str = "spend"  # spend_save only: one per stack group (the best) applies


@dataclass(frozen=True, slots=True)
class Basket:
    rules: StoreRules
    lines: tuple[Line, ...]
    at: datetime  # aware
    price_lists: tuple[PriceList, ...] = ()
    promotions: tuple[Promotion, ...] = ()
    coupons: tuple[str, ...] = ()
    customer_group: str | None = None
    basket_discount: Discount | None = None
