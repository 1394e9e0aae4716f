"""Money as integer minor units plus an ISO 4217 currency.

The exponent comes from the currency (JPY 0, EUR 2, KWD 3) via babel's CLDR data. Money is never
a float: amounts are quantized once (half-even unless a store says otherwise) and formatted by one
formatter, so screen, receipt and central show the same digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from babel.numbers import format_currency, get_currency_precision, get_currency_symbol


@lru_cache(maxsize=64)
def exponent(currency: str) -> int:
    """Number of minor-unit digits of an ISO 4217 currency (JPY 0, EUR 2, KWD 3)."""
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise ValueError(f"not an ISO 4217 currency code: {currency!r}")
    return int(get_currency_precision(currency))


@dataclass(frozen=True, slots=True)
class Money:
    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError("Money.minor must be an int of minor units")
        exponent(self.currency)  # validates the code

    @classmethod
    def from_decimal(cls, amount: Decimal | str | int, currency: str, rounding: str = ROUND_HALF_EVEN) -> Money:
        exp = exponent(currency)
        quantum = Decimal(1).scaleb(-exp)
        value = Decimal(amount).quantize(quantum, rounding=rounding)
        return cls(int(value.scaleb(exp)), currency)

    def to_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __mul__(self, qty: int) -> Money:
        if not isinstance(qty, int):
            raise TypeError("multiply money by an integer quantity; use from_decimal for rates")
        return Money(self.minor * qty, self.currency)

    def format(self, locale: str) -> str:
        return format_money(self, locale)


def format_money(money: Money, locale: str) -> str:
    """Format with babel (CLDR), from the exact decimal value: no second rounding happens."""
    return str(format_currency(money.to_decimal(), money.currency, locale=locale))


def currency_symbol(currency: str, locale: str) -> str:
    return str(get_currency_symbol(currency, locale=locale))
