"""Money, exact rounding and allocation of the shared pricing engine."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core import money as core_money
from sync.pricing import Money, PricingError, Rounding, allocate, div_round, exponent
from sync.pricing.money import round_to_increment


def test_exponents_iso_4217() -> None:
    assert [exponent(c) for c in ("JPY", "EUR", "USD", "KWD", "BHD", "CHF")] == [0, 2, 2, 3, 3, 2]
    with pytest.raises(PricingError) as e:
        exponent("eur")
    assert e.value.code == "currency.invalid"


def test_exponents_agree_with_core_for_store_currencies() -> None:
    # pos_app.core.money (babel/CLDR) may not import sync, so the engine has its own table.
    for c in ("JPY", "EUR", "USD", "GBP", "CHF", "SEK", "KWD", "BHD", "KRW"):
        assert exponent(c) == core_money.exponent(c), c


def test_money_parse_refuses_extra_digits() -> None:
    assert Money.parse("12.34", "EUR") == Money(1234, "EUR")
    assert Money.parse("1.234", "KWD") == Money(1234, "KWD")
    assert str(Money(1234, "KWD")) == "1.234 KWD"
    with pytest.raises(PricingError):
        Money.parse("1.5", "JPY")
    with pytest.raises(PricingError):
        Money(1, "JPY") + Money(1, "EUR")
    with pytest.raises(TypeError):
        Money(1.0, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("num", "den", "mode", "want"),
    [
        (25, 10, Rounding.DOWN, 2),
        (25, 10, Rounding.UP, 3),
        (25, 10, Rounding.HALF_UP, 3),
        (25, 10, Rounding.HALF_EVEN, 2),
        (35, 10, Rounding.HALF_EVEN, 4),
        (24, 10, Rounding.HALF_UP, 2),
        (21, 10, Rounding.UP, 3),
        (20, 10, Rounding.UP, 2),
        (-25, 10, Rounding.HALF_UP, -3),
        (-21, 10, Rounding.DOWN, -2),
    ],
)
def test_div_round(num: int, den: int, mode: Rounding, want: int) -> None:
    assert div_round(num, den, mode) == want


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**6), st.sampled_from(list(Rounding)))
def test_div_round_symmetric_and_close(num: int, den: int, mode: Rounding) -> None:
    q = div_round(num, den, mode)
    assert div_round(-num, den, mode) == -q
    assert abs(q * den - num) < den
    if mode is Rounding.DOWN:
        assert abs(q * den) <= abs(num)
    if mode is Rounding.UP:
        assert abs(q * den) >= abs(num)


def test_cash_rounding_to_005() -> None:
    assert round_to_increment(1002, 5, Rounding.HALF_UP) == 1000
    assert round_to_increment(1003, 5, Rounding.HALF_UP) == 1005
    assert round_to_increment(-1003, 5, Rounding.HALF_UP) == -1005  # a refund mirrors the sale
    assert round_to_increment(1003, 5, Rounding.DOWN) == 1000


@given(
    st.integers(-(10**9), 10**9),
    st.lists(st.integers(0, 10**7), min_size=1, max_size=30),
)
def test_allocate_adds_up_exactly_and_order_free(total: int, ws: list[int]) -> None:
    weights = [(f"k{i:03}", w) for i, w in enumerate(ws)]
    parts = allocate(total, weights)
    assert sum(parts.values()) == total
    assert parts == allocate(total, list(reversed(weights)))
    wsum = sum(ws)
    if wsum and 0 <= total <= wsum:  # a discount spread over lines never takes one below zero
        assert all(0 <= parts[k] <= w for k, w in weights)


def test_allocate_remainder_by_weight_then_key() -> None:
    assert allocate(100, [("a", 1), ("b", 1), ("c", 1)]) == {"a": 34, "b": 33, "c": 33}
    assert allocate(10, [("a", 1), ("b", 2)]) == {"a": 3, "b": 7}
    assert allocate(0, []) == {}
