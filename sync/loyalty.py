"""Stored value rules both ends compute alike (docs/loyalty.md): gift-card numbers, points earned
on a sale's lines, and what points are worth. Pure: the till shows the points a sale will earn
(pending until central confirms them), central posts them, and the two agree by construction.

Gift-card numbers are ``GC`` + 10 random digits + one Damm check digit (``GC48213907653``,
printed ``GC 4821 3907 653``). Damm catches every single wrong digit and every swap of two
neighbouring digits; its 11 digits can never be taken for a payment card number (13–19 Luhn
digits), which the till must never store.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

CARD_PREFIX = "GC"
CARD_BODY_DIGITS = 10
POINTS = "PTS"  # the currency of a points account

# The Damm algorithm's totally anti-symmetric quasigroup of order 10 (H. Michael Damm, 2004).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def damm(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][ord(ch) - 48]
    return interim


class CardNumberError(ValueError):
    """A typed or scanned text that is not a gift-card number: `code` for the UI, one sentence."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_SEPARATORS = re.compile(r"[\s-]+")


def normalise_card(text: str) -> str:
    """The card number in `text` as stored (``GC`` + 11 digits), or CardNumberError."""
    s = _SEPARATORS.sub("", text.strip()).upper()
    if (
        not s.startswith(CARD_PREFIX)
        or not s[2:].isascii()
        or not s[2:].isdigit()
        or len(s) != 2 + CARD_BODY_DIGITS + 1
    ):
        raise CardNumberError("gift.format", "This is not a gift card number: it is GC and 11 digits.")
    if damm(s[2:]) != 0:
        raise CardNumberError(
            "gift.check_digit", "This gift card number has a typing error: check it against the card."
        )
    return s


def new_card_number() -> str:
    body = "".join(str(secrets.randbelow(10)) for _ in range(CARD_BODY_DIGITS))
    return f"{CARD_PREFIX}{body}{damm(body)}"


def printed_card(number: str) -> str:
    """``GC 4821 3907 653``: how the card and the receipt show it."""
    d = number[2:]
    return f"{number[:2]} {d[:4]} {d[4:8]} {d[8:]}"


def masked_card(number: str) -> str:
    """``GC ••• 7653``: what a receipt or a list shows of a bearer card."""
    return f"{number[:2]} ••• {number[-4:]}"


# --- earning ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EarnRule:
    """`points` per `per_amount` minor units paid, for a currency, maybe one store, maybe one
    category ("" = all). `redeem_value`: minor units 100 points buy (on the currency's rule)."""

    id: int
    currency: str
    store_id: int | None
    category: str
    per_amount: int
    points: int
    redeem_value: int = 0


@dataclass(frozen=True, slots=True)
class Tier:
    code: str
    name: str
    min_points: int
    multiplier: str
    benefits: str


def rule_for(rules: Iterable[EarnRule], *, currency: str, store_id: int, category: str) -> EarnRule | None:
    """The most specific rule: store and category, then category, then store, then the
    currency's default; among equals the lowest id."""
    best: tuple[int, int] | None = None
    found: EarnRule | None = None
    for r in rules:
        if r.currency != currency or (r.store_id is not None and r.store_id != store_id):
            continue
        if r.category and r.category != category:
            continue
        rank = (2 if r.category else 0) + (1 if r.store_id is not None else 0)
        if best is None or (rank, -r.id) > best:
            best, found = (rank, -r.id), r
    return found


def line_points(total: int, rule: EarnRule | None, multiplier: str = "1") -> int:
    """Points a line paid `total` earns: whole points, rounded down."""
    if rule is None or rule.per_amount <= 0 or total <= 0:
        return 0
    raw = Decimal(total) * rule.points / rule.per_amount * Decimal(multiplier)
    return int(raw.to_integral_value(rounding=ROUND_FLOOR))


def earn(
    lines: Sequence[tuple[str, int, str, int]],
    rules: Iterable[EarnRule],
    *,
    currency: str,
    store_id: int,
    multiplier: str = "1",
) -> dict[str, tuple[int, int]]:
    """{line_id: (quantity, points)} for (line_id, quantity, category, total) lines (the totals
    are after every discount, points redeemed included: what points paid for earns nothing)."""
    rules = list(rules)
    out: dict[str, tuple[int, int]] = {}
    for line_id, quantity, category, total in lines:
        rule = rule_for(rules, currency=currency, store_id=store_id, category=category)
        out[line_id] = (quantity, line_points(total, rule, multiplier))
    return out


def tier_for(tiers: Iterable[Tier], earned_last_year: int) -> Tier | None:
    """The highest tier whose threshold the points earned in the last 365 days reach."""
    best: Tier | None = None
    for t in tiers:
        if earned_last_year >= t.min_points and (best is None or t.min_points > best.min_points):
            best = t
    return best


def redeem_value(rules: Iterable[EarnRule], *, currency: str, store_id: int) -> int:
    """Minor units 100 points buy in this store (0: points cannot be spent here)."""
    rule = rule_for([r for r in rules if not r.category], currency=currency, store_id=store_id, category="")
    return 0 if rule is None else rule.redeem_value


def points_value(points: int, per_100: int) -> int:
    """What `points` buy, in minor units (rounded down)."""
    return points * per_100 // 100 if per_100 > 0 else 0
