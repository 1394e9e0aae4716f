"""Tenders: split payments, change from cash only, cash rounding on the cash part, quick amounts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.pricing import CashRounding, PricingError, Rounding, Tender, TenderType, cash_round, quick_amounts, settle

CHF = CashRounding(5, Rounding.HALF_UP)


def test_cash_change() -> None:
    s = settle(3280, [Tender(TenderType.CASH, 5000)])
    assert (s.complete, s.change, s.still_due) == (True, 1720, 0)


def test_cash_below_due_is_not_complete() -> None:
    s = settle(3280, [Tender(TenderType.CASH, 3000)])
    assert (s.complete, s.change, s.still_due) == (False, 0, 280)


def test_split_card_and_cash_rounds_only_cash_part() -> None:
    # due 46.56: card 20.00 exactly, cash part 26.56 -> 26.55
    s = settle(4656, [Tender(TenderType.CARD, 2000), Tender(TenderType.CASH, 5000)], CHF)
    assert (s.non_cash, s.cash_due, s.cash_rounding, s.change, s.complete) == (2000, 2655, -1, 2345, True)
    # all by card: no rounding at all
    card = settle(4656, [Tender(TenderType.CARD, 4656)], CHF)
    assert card.complete and card.cash_rounding == 0
    # card short, nothing in cash: the exact rest is still due (a card could take 0.01)
    short = settle(4656, [Tender(TenderType.CARD, 4655)], CHF)
    assert (short.complete, short.still_due, short.still_due_cash) == (False, 1, 0)


def test_change_only_from_cash() -> None:
    with pytest.raises(PricingError) as e:
        settle(1000, [Tender(TenderType.CARD, 1200)])
    assert e.value.code == "tender.non_cash_over_due"
    s = settle(
        1000, [Tender(TenderType.GIFT_CARD, 400), Tender(TenderType.STORE_CREDIT, 100), Tender(TenderType.CASH, 1000)]
    )
    assert (s.change, s.complete) == (500, True)


def test_refund_mirrors_the_sale() -> None:
    sale = settle(1003, [Tender(TenderType.CASH, 1005)], CHF)
    refund = settle(-1003, [Tender(TenderType.CASH, -1005)], CHF)
    assert sale.cash_due == 1005 and refund.cash_due == -1005 and refund.complete
    with pytest.raises(PricingError) as e:
        settle(-1000, [Tender(TenderType.CASH, 1000)])
    assert e.value.code == "tender.sign"


@given(st.integers(-(10**9), 10**9), st.sampled_from([1, 5, 10, 50, 100]), st.sampled_from(list(Rounding)))
def test_cash_round_mirrored(amount: int, inc: int, mode: Rounding) -> None:
    r = CashRounding(inc, mode)
    assert cash_round(-amount, r) == -cash_round(amount, r)
    assert cash_round(amount, r) % inc == 0 and abs(cash_round(amount, r) - amount) < inc


def test_quick_amounts_from_notes() -> None:
    assert quick_amounts(3280, "JPY") == [3280, 4000, 5000, 10000]
    assert quick_amounts(1235, "EUR") == [1235, 1500, 2000, 5000]
    assert quick_amounts(4656, "CHF", CHF) == [4655, 5000, 6000, 10000]
    assert quick_amounts(5000, "JPY") == [5000, 10000]
    assert quick_amounts(0, "EUR") == [0]


@given(st.integers(1, 10**8), st.sampled_from(["JPY", "EUR", "USD", "KWD", "XYZ"]))
def test_quick_amounts_cover_due(due: int, cur: str) -> None:
    q = quick_amounts(due, cur)
    assert q[0] == due and q == sorted(set(q)) and all(a >= due for a in q) and len(q) <= 4
