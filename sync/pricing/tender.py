"""Tenders: split payments, change (only from cash), cash rounding on the cash part only,
quick-amount buttons from the currency's notes and coins.

Cash rounding (a store setting, e.g. to 0.05) applies to what is left for cash after every
non-cash tender, never to a card part. It is symmetric around zero: a refund of what a sale
cost pays back what the customer paid for it (the mirrored direction). A card, store-credit or
gift-card tender may not exceed what is due (change is only ever given from cash).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sync.pricing.errors import PricingError
from sync.pricing.model import CashRounding
from sync.pricing.money import exponent, round_to_increment


class TenderType(StrEnum):
    CASH = "cash"
    CARD = "card"
    STORE_CREDIT = "store_credit"
    GIFT_CARD = "gift_card"
    EXCHANGE = "exchange"  # the credit of a return taken back in the same basket (docs/returns.md)


@dataclass(frozen=True, slots=True)
class Tender:
    type: TenderType
    amount: int  # minor units; for a refund, negative (money back to the customer)
    reference: str | None = None  # card approval, gift card number …


@dataclass(frozen=True, slots=True)
class Settlement:
    due: int  # the basket's total (negative for a refund)
    non_cash: int
    cash_due: int  # what cash must cover after the non-cash tenders, cash-rounded
    cash_rounding: int  # cash_due - (due - non_cash)
    cash_tendered: int
    change: int  # cash given back (>= 0)
    complete: bool
    still_due: int  # exact amount still to pay (a card could take it); 0 when complete
    still_due_cash: int  # the same, if paid in cash (cash-rounded)
    tenders: tuple[Tender, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.due,
            "non_cash": self.non_cash,
            "cash_due": self.cash_due,
            "cash_rounding": self.cash_rounding,
            "cash_tendered": self.cash_tendered,
            "change": self.change,
            "complete": self.complete,
            "still_due": self.still_due,
            "still_due_cash": self.still_due_cash,
            "tenders": [
                {"type": t.type.value, "amount": t.amount, **({"reference": t.reference} if t.reference else {})}
                for t in self.tenders
            ],
        }


def cash_round(amount: int, rounding: CashRounding | None) -> int:
    """Cash rounding of an amount; ``cash_round(-x) == -cash_round(x)`` (refunds mirror sales)."""
    if rounding is None:
        return amount
    return round_to_increment(amount, rounding.increment, rounding.mode)


def settle(due: int, tenders: list[Tender], rounding: CashRounding | None = None) -> Settlement:
    """How far ``tenders`` pay ``due`` (a sale, due >= 0; or a refund, due < 0, tenders <= 0)."""
    sign = -1 if due < 0 else 1
    for t in tenders:
        if t.amount * sign < 0 or (due == 0 and t.amount != 0):
            raise PricingError(
                "tender.sign",
                "A sale is paid with positive amounts and a refund with negative ones.",
                type=t.type.value,
                amount=t.amount,
            )
    non_cash = sum(t.amount for t in tenders if t.type is not TenderType.CASH)
    cash = sum(t.amount for t in tenders if t.type is TenderType.CASH)
    if non_cash * sign > due * sign:
        raise PricingError(
            "tender.non_cash_over_due",
            "A card, store credit or gift card cannot pay more than is due; change is only given from cash.",
            due=due,
            non_cash=non_cash,
        )
    remaining = due - non_cash
    has_cash = any(t.type is TenderType.CASH for t in tenders)
    cash_due = cash_round(remaining, rounding) if has_cash else remaining
    if has_cash and cash * sign >= cash_due * sign:
        return Settlement(
            due, non_cash, cash_due, cash_due - remaining, cash, (cash - cash_due) * sign, True, 0, 0, tuple(tenders)
        )
    if not has_cash and remaining == 0:
        return Settlement(due, non_cash, 0, 0, 0, 0, True, 0, 0, tuple(tenders))
    still = remaining - cash
    return Settlement(
        due,
        non_cash,
        cash_due,
        cash_due - remaining if has_cash else 0,
        cash,
        0,
        False,
        still,
        cash_round(still, rounding),
        tuple(tenders),
    )


# Notes and the larger coins in circulation, in minor units (used for the quick-amount buttons).
DENOMINATIONS: dict[str, tuple[int, ...]] = {
    "JPY": (1000, 5000, 10000),
    "EUR": (500, 1000, 2000, 5000, 10000),
    "USD": (100, 500, 1000, 2000, 5000, 10000),
    "GBP": (500, 1000, 2000, 5000),
    "CHF": (1000, 2000, 5000, 10000, 20000),
    "SEK": (2000, 5000, 10000, 20000, 50000),
    "KWD": (250, 500, 1000, 5000, 10000, 20000),
    "BHD": (500, 1000, 5000, 10000, 20000),
}


def quick_amounts(due: int, currency: str, rounding: CashRounding | None = None, limit: int = 4) -> list[int]:
    """Buttons for a cash payment of ``due``: the exact (cash-rounded) amount first, then the
    next round amounts a customer is likely to hand over, from the currency's notes and coins
    (JPY 3,280 → 3,280 · 4,000 · 5,000 · 10,000; EUR 12.35 → 12.35 · 15 · 20 · 50).
    At most ``limit`` buttons."""
    exact = cash_round(due, rounding)
    if exact <= 0:
        return [max(exact, 0)]
    denoms = DENOMINATIONS.get(currency) or tuple(10 ** exponent(currency) * d for d in (1, 5, 10, 20, 50, 100))
    candidates = {-(-exact // d) * d for d in denoms}
    above = sorted(c for c in candidates if c > exact)
    return [exact, *above][:limit]


__all__ = ["DENOMINATIONS", "Settlement", "Tender", "TenderType", "cash_round", "quick_amounts", "settle"]
