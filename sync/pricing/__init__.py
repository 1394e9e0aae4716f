"""Aisle's pricing engine, shared by the tablet and central (pure: stdlib + Decimal/Fraction).

price lists → promotions → manual discounts → tax → rounding, every step kept in a
`PricedBasket`; tenders and cash rounding in `tender`. See docs/pricing.md.
"""

from sync.pricing.engine import price_basket
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
from sync.pricing.money import Money, Rounding, allocate, div_round, exponent
from sync.pricing.result import PricedBasket, PricedLine
from sync.pricing.schema import price_document, read_basket
from sync.pricing.tender import Settlement, Tender, TenderType, cash_round, quick_amounts, settle

__all__ = [
    "Basket",
    "CashRounding",
    "Discount",
    "DiscountKind",
    "Line",
    "Money",
    "Override",
    "PriceList",
    "PriceListKind",
    "PricedBasket",
    "PricedLine",
    "PricingError",
    "Promotion",
    "PromotionKind",
    "Rounding",
    "Settlement",
    "StoreRules",
    "Target",
    "TaxMode",
    "TaxRounding",
    "Tender",
    "TenderType",
    "allocate",
    "cash_round",
    "div_round",
    "exponent",
    "price_basket",
    "price_document",
    "quick_amounts",
    "read_basket",
    "settle",
]
