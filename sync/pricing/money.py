"""Money for the pricing engine: integer minor units, ISO 4217 exponents, exact rounding.

Nothing here is a float. Amounts are ``int`` minor units of one currency; rates are ``Decimal``
or ``Fraction``; every division goes through `div_round`, which rounds an exact rational once,
in a named direction. ``pos_app.core.money`` (the tablet's formatter, babel/CLDR) must not import
``sync``, so this module keeps its own ISO 4217 exponent table; a unit test checks that both
agree for the currencies the stores use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from sync.pricing.errors import PricingError

# ISO 4217 minor-unit digits that are not 2 (everything else valid is 2).
_EXPONENTS: dict[str, int] = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    "CLF": 4,
    "UYW": 4,
}


def exponent(currency: str) -> int:
    """Minor-unit digits of an ISO 4217 code: JPY 0, EUR/USD 2, KWD/BHD 3."""
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha() or not currency.isupper():
        raise PricingError("currency.invalid", f"{currency!r} is not an ISO 4217 currency code.", currency=currency)
    return _EXPONENTS.get(currency, 2)


class Rounding(StrEnum):
    """Directions a store may choose. Applied to the magnitude, so a refund mirrors a sale."""

    DOWN = "down"  # towards zero (truncate)
    UP = "up"  # away from zero
    HALF_UP = "half_up"  # nearest, halves away from zero
    HALF_EVEN = "half_even"  # nearest, halves to even (banker's)


def div_round(num: int, den: int, mode: Rounding) -> int:
    """``num / den`` rounded once to an integer, symmetric around zero (``f(-x) == -f(x)``)."""
    if den == 0:
        raise ZeroDivisionError("div_round by zero")
    if den < 0:
        num, den = -num, -den
    sign = -1 if num < 0 else 1
    q, r = divmod(abs(num), den)
    if r:
        if mode is Rounding.UP:
            q += 1
        elif mode is Rounding.HALF_UP:
            q += 1 if 2 * r >= den else 0
        elif mode is Rounding.HALF_EVEN:
            q += 1 if (2 * r > den or (2 * r == den and q % 2)) else 0
    return sign * q


def round_fraction(value: Fraction, mode: Rounding) -> int:
    return div_round(value.numerator, value.denominator, mode)


def round_to_increment(amount: int, increment: int, mode: Rounding) -> int:
    """Round minor units to a multiple of ``increment`` (cash rounding to 0.05: increment 5)."""
    if increment <= 0:
        raise PricingError(
            "cash_rounding.increment", "A cash rounding increment must be positive.", increment=increment
        )
    return div_round(amount, increment, mode) * increment


def to_fraction(value: Decimal | int | str) -> Fraction:
    d = Decimal(value)
    if not d.is_finite():
        raise PricingError("number.invalid", f"{value!r} is not a finite number.", value=value)
    return Fraction(d)


@dataclass(frozen=True, slots=True, order=True)
class Money:
    """An amount of one currency in minor units (``Money(1234, "EUR")`` is 12.34 €)."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError("Money.minor must be an int of minor units")
        exponent(self.currency)

    @classmethod
    def parse(cls, amount: str | Decimal, currency: str) -> Money:
        """An exact decimal string ("12.34"); more digits than the currency has are refused."""
        d = Decimal(amount)
        scaled = d.scaleb(exponent(currency))
        if not d.is_finite() or scaled != scaled.to_integral_value():
            raise PricingError(
                "money.digits", f"{amount} has more decimals than {currency} allows.", amount=amount, currency=currency
            )
        return cls(int(scaled), currency)

    def to_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def __str__(self) -> str:
        exp = exponent(self.currency)
        return f"{self.to_decimal():.{exp}f} {self.currency}"

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise PricingError("currency.mixed", f"Cannot mix {self.currency} and {other.currency}.")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)


def allocate(total: int, weights: list[tuple[str, int]]) -> dict[str, int]:
    """Split ``total`` over keys in proportion to non-negative ``weights`` so the parts add up
    exactly (largest remainder). Ties in the remainder go to the larger weight, then the smaller
    key — never to a position, so the split does not depend on the order of the lines.
    With all weights 0 the split is even (remainder by key)."""
    if not weights:
        if total:
            raise ValueError("cannot allocate a non-zero amount over nothing")
        return {}
    if any(w < 0 for _, w in weights):
        raise ValueError("allocation weights must not be negative")
    sign = -1 if total < 0 else 1
    mag = abs(total)
    wsum = sum(w for _, w in weights)
    if wsum == 0:
        weights = [(k, 1) for k, _ in weights]
        wsum = len(weights)
    base: dict[str, int] = {}
    rema: list[tuple[int, int, str]] = []
    for key, w in weights:
        q, r = divmod(mag * w, wsum)
        base[key] = q
        rema.append((-r, -w, key))
    left = mag - sum(base.values())
    for _, _, key in sorted(rema)[:left]:
        base[key] += 1
    return {k: sign * v for k, v in base.items()}
