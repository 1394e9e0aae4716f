"""The pricing engine on hand-checked baskets: price lists, tax, discounts, promotions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sync.pricing import (
    Basket,
    Discount,
    DiscountKind,
    Line,
    Override,
    PriceList,
    PriceListKind,
    PricingError,
    Promotion,
    PromotionKind,
    Rounding,
    StoreRules,
    Target,
    TaxMode,
    TaxRounding,
    price_basket,
)

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 18:30 in Tokyo

TOKYO = StoreRules("TYO1", "JPY", "Asia/Tokyo", TaxMode.INCLUDED, TaxRounding.PER_RATE, Rounding.DOWN)
BERLIN = StoreRules("BER1", "EUR", "Europe/Berlin", TaxMode.INCLUDED, TaxRounding.PER_LINE, Rounding.HALF_UP)
NYC = StoreRules("NYC1", "USD", "America/New_York", TaxMode.ADDED, TaxRounding.PER_RATE, Rounding.HALF_UP)


def line(lid: str, price: int, qty: int = 1, rate: str = "10", cls: str = "standard", **kw: Any) -> Line:
    return Line(lid, kw.pop("sku", f"SKU-{lid}"), qty, cls, Decimal(rate), unit_price=price, **kw)


def basket(rules: StoreRules, *lines: Line, **kw: Any) -> Basket:
    return Basket(rules, tuple(lines), kw.pop("at", NOW), **kw)


# --- tax -------------------------------------------------------------------------------------


def test_japan_tax_once_per_rate_not_per_line() -> None:
    # three 8 % lines of 105 yen: per line floor(105*8/108)=7 each = 21; per rate floor(315*8/108)=23
    lines = [line(str(i), 105, rate="8", cls="reduced") for i in range(3)]
    per_rate = price_basket(basket(TOKYO, *lines))
    assert [(t.rate, t.gross, t.tax, t.net) for t in per_rate.taxes] == [(Decimal(8), 315, 23, 292)]
    assert sum(pl.tax for pl in per_rate.lines) == 23  # spread back over the lines exactly
    per_line = price_basket(basket(StoreRules(**{**_fields(TOKYO), "tax_rounding": TaxRounding.PER_LINE}), *lines))
    assert per_line.taxes[0].tax == 21


def _fields(r: StoreRules) -> dict[str, Any]:
    return {f: getattr(r, f) for f in r.__slots__}  # type: ignore[attr-defined]


def test_japan_two_rates_and_directions() -> None:
    b = basket(
        TOKYO, line("1", 1990), line("2", 500, 3), line("3", 150, 2, "8", "reduced"), line("4", 128, 1, "8", "reduced")
    )
    r = price_basket(b)
    by_rate = {t.rate: t for t in r.taxes}
    assert (by_rate[Decimal(10)].gross, by_rate[Decimal(10)].tax) == (3490, 317)  # 317.27 down
    assert (by_rate[Decimal(8)].gross, by_rate[Decimal(8)].tax) == (428, 31)  # 31.7 down
    up = price_basket(basket(StoreRules(**{**_fields(TOKYO), "tax_rounding_mode": Rounding.UP}), *b.lines))
    assert {t.rate: t.tax for t in up.taxes} == {Decimal(10): 318, Decimal(8): 32}
    assert r.totals.total == 3918 and r.totals.net + r.totals.tax == 3918


def test_germany_19_and_7_per_line_half_up() -> None:
    r = price_basket(
        basket(BERLIN, line("a", 1999, 1, "19"), line("b", 1999, 1, "19"), line("c", 2495, 1, "7", "reduced"))
    )
    # 19.99 incl. 19 %: 3.1917 -> 3.19 per line; 24.95 incl. 7 %: 1.6322 -> 1.63
    assert {t.rate: (t.tax, t.net, t.gross) for t in r.taxes} == {
        Decimal(19): (638, 3360, 3998),
        Decimal(7): (163, 2332, 2495),
    }


def test_us_tax_added() -> None:
    r = price_basket(basket(NYC, line("1", 4999, 2, "8.875"), line("2", 1500, 1, "8.875")))
    t = r.taxes[0]
    assert (t.net, t.tax, t.gross) == (11498, 1020, 12518)  # 1020.4475 half-up
    assert r.totals.total == 12518 and r.lines[0].net == 9998


def test_kwd_three_decimals() -> None:
    rules = StoreRules("KWI1", "KWD", "Asia/Kuwait", TaxMode.ADDED, TaxRounding.PER_LINE, Rounding.HALF_UP)
    r = price_basket(basket(rules, line("1", 12345, 1, "5")))
    assert r.exponent == 3 and r.lines[0].tax == 617 and r.totals.total == 12962


# --- price lists -----------------------------------------------------------------------------


def test_price_list_precedence_and_source() -> None:
    lists = (
        PriceList("base-JPY", PriceListKind.BASE, "JPY", {"A": 1000, "B": 500, "C": 300}),
        PriceList("base-EUR", PriceListKind.BASE, "EUR", {"D": 1}),
        PriceList("tyo", PriceListKind.STORE, "JPY", {"A": 900, "B": 450}, store="TYO1"),
        PriceList("osa", PriceListKind.STORE, "JPY", {"C": 1}, store="OSA1"),
        PriceList("members", PriceListKind.GROUP, "JPY", {"A": 800}, group="members"),
    )
    ls = [line("1", 0, sku="A"), line("2", 0, sku="B"), line("3", 0, sku="C"), line("4", 777, sku="D")]
    r = price_basket(basket(TOKYO, *ls, price_lists=lists, customer_group="members"))
    got = [(pl.unit_price, pl.source.kind, pl.source.list) for pl in r.lines]
    assert got == [(800, "group", "members"), (450, "store", "tyo"), (300, "base", "base-JPY"), (777, "item", None)]
    r2 = price_basket(basket(TOKYO, *ls, price_lists=lists))
    assert r2.lines[0].source.list == "tyo"


def test_no_price_anywhere_is_refused() -> None:
    with pytest.raises(PricingError) as e:
        price_basket(basket(TOKYO, Line("1", "X", 1, "standard", Decimal(10))))
    assert e.value.code == "line.no_price"


def test_override_replaces_price_and_takes_no_promotion() -> None:
    promo = Promotion("P", PromotionKind.PERCENT_OFF, target=Target(skus=frozenset({"SKU-1"})), percent=Decimal(50))
    r = price_basket(basket(TOKYO, line("1", 1000, override=Override(700, "price match")), promotions=(promo,)))
    pl = r.lines[0]
    assert (pl.unit_price, pl.source.kind, pl.source.list_price, pl.total, pl.promotions) == (
        700,
        "override",
        1000,
        700,
        (),
    )


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qty", "code"), [(0, "line.quantity_zero"), (-1, "line.quantity_negative"), (10_000, "line.quantity_absurd")]
)
def test_bad_quantities(qty: int, code: str) -> None:
    with pytest.raises(PricingError) as e:
        price_basket(basket(TOKYO, line("1", 100, qty)))
    assert e.value.code == code and "Line 1" in str(e.value)


@pytest.mark.parametrize(
    ("d", "code"),
    [
        (Discount(DiscountKind.PERCENT, Decimal("100.01"), "x"), "discount.over_100"),
        (Discount(DiscountKind.PERCENT, Decimal("-1"), "x"), "discount.negative"),
        (Discount(DiscountKind.AMOUNT, Decimal("-5"), "x"), "discount.negative"),
        (Discount(DiscountKind.AMOUNT, Decimal("5.5"), "x"), "discount.minor_units"),
        (Discount(DiscountKind.AMOUNT, Decimal("5"), " "), "discount.reason"),
    ],
)
def test_bad_discounts(d: Discount, code: str) -> None:
    with pytest.raises(PricingError) as e:
        price_basket(basket(TOKYO, line("1", 100, discount=d)))
    assert e.value.code == code
    with pytest.raises(PricingError) as e2:
        price_basket(basket(TOKYO, line("1", 100), basket_discount=d))
    assert e2.value.code == code


def test_duplicate_line_ids_refused() -> None:
    with pytest.raises(PricingError) as e:
        price_basket(basket(TOKYO, line("1", 100), line("1", 200)))
    assert e.value.code == "line.duplicate_id"


# --- manual discounts ------------------------------------------------------------------------


def test_discounts_capped_at_zero() -> None:
    r = price_basket(
        basket(
            TOKYO,
            line("1", 300, discount=Discount(DiscountKind.AMOUNT, Decimal(500), "damaged")),
            line("2", 200),
            basket_discount=Discount(DiscountKind.AMOUNT, Decimal(1000), "goodwill"),
        )
    )
    assert [pl.total for pl in r.lines] == [0, 0]
    assert r.lines[0].discounts[0].capped and r.lines[0].discounts[0].amount == 300
    assert r.totals.total == 0 and r.totals.discounts == 500 and r.totals.tax == 0


def test_basket_discount_spread_adds_up_over_rates() -> None:
    r = price_basket(
        basket(
            TOKYO,
            line("1", 1000),
            line("2", 1000),
            line("3", 1000, rate="8", cls="reduced"),
            basket_discount=Discount(DiscountKind.AMOUNT, Decimal(100), "staff"),
        )
    )
    parts = [pl.discounts[0].amount for pl in r.lines]
    assert sum(parts) == 100 and sorted(parts) == [33, 33, 34]
    assert r.totals.total == 2900
    pct = price_basket(basket(TOKYO, line("1", 999), basket_discount=Discount(DiscountKind.PERCENT, Decimal(10), "x")))
    assert pct.totals.discounts == 100  # 99.9 half-up


# --- promotions ------------------------------------------------------------------------------

SOCKS = Target(categories=frozenset({"socks"}))


def sock(lid: str, price: int, qty: int = 1) -> Line:
    return line(lid, price, qty, category="socks")


def test_multibuy_cheapest_units_free() -> None:
    p = Promotion("3FOR2", PromotionKind.MULTIBUY, target=SOCKS, buy=3, pay=2)
    r = price_basket(basket(TOKYO, sock("a", 900), sock("b", 500, 2), sock("c", 700, 3), promotions=(p,)))
    # 6 units -> 2 groups -> the 2 cheapest units (both 500 ones) free
    assert r.totals.promotions == 1000
    assert r.line("b").promotions[0].units == 2
    assert r.promotions[0].lines == {"b": 1000}


def test_buy_x_get_y_rewards_cheapest() -> None:
    caps = Target(categories=frozenset({"caps"}))
    p = Promotion("B1G1", PromotionKind.BUY_X_GET_Y, target=caps, buy=1, get=1, percent=Decimal(50))
    r = price_basket(basket(TOKYO, line("a", 2000, category="caps"), line("b", 1500, category="caps"), promotions=(p,)))
    assert r.totals.promotions == 750 and r.line("b").promotions[0].units == 1
    # buy a jacket, get a cap free: the reward target differs
    jackets = Target(categories=frozenset({"jackets"}))
    q = Promotion("JKT-CAP", PromotionKind.BUY_X_GET_Y, target=jackets, get_target=caps, buy=1, get=1)
    r2 = price_basket(
        basket(TOKYO, line("j", 9000, category="jackets"), line("a", 2000, 2, category="caps"), promotions=(q,))
    )
    assert r2.totals.promotions == 2000 and r2.line("a").promotions[0].units == 1


def test_spend_save_threshold_and_stack_group() -> None:
    s1 = Promotion("S1", PromotionKind.SPEND_SAVE, amount=300, threshold=2000)
    s2 = Promotion("S2", PromotionKind.SPEND_SAVE, percent=Decimal(20), threshold=3000)
    r = price_basket(basket(TOKYO, line("1", 1500), line("2", 1000), promotions=(s1, s2)))
    assert [u.id for u in r.promotions] == ["S1"] and r.totals.promotions == 300
    assert ("S2", "promotion.threshold") in [(n.subject, n.reason) for n in r.not_applied]
    r2 = price_basket(basket(TOKYO, line("1", 2500), line("2", 1000), promotions=(s1, s2)))
    assert [u.id for u in r2.promotions] == ["S2"] and r2.totals.promotions == 700
    assert ("S1", "promotion.not_best") in [(n.subject, n.reason) for n in r2.not_applied]


def test_best_combination_beats_greedy_first_pick() -> None:
    # A: 30 % off socks+tees; B: 3 for 2 socks; C: 50 % off tees. Best: B on socks, C on tees.
    tees = Target(categories=frozenset({"tees"}))
    a = Promotion(
        "A", PromotionKind.PERCENT_OFF, target=Target(categories=frozenset({"socks", "tees"})), percent=Decimal(30)
    )
    b = Promotion("B", PromotionKind.MULTIBUY, target=SOCKS, buy=3, pay=2)
    c = Promotion("C", PromotionKind.PERCENT_OFF, target=tees, percent=Decimal(50))
    lines = (sock("s", 1000, 3), line("t", 2000, category="tees"))
    r = price_basket(Basket(TOKYO, lines, NOW, promotions=(a, b, c)))
    assert {u.id: u.saving for u in r.promotions} == {"B": 1000, "C": 1000}
    assert ("A", "promotion.not_best") in [(n.subject, n.reason) for n in r.not_applied]


def test_windows_in_store_zone_store_and_group_scope() -> None:
    tz_start = datetime(2026, 12, 1, 18, 0)  # Tokyo wall clock
    ended = Promotion(
        "ENDED", PromotionKind.PERCENT_OFF, target=SOCKS, percent=Decimal(10), ends=NOW - timedelta(minutes=1)
    )
    later = Promotion(
        "LATER", PromotionKind.PERCENT_OFF, target=SOCKS, percent=Decimal(10), starts=NOW + timedelta(hours=1)
    )
    other = Promotion("OSAKA", PromotionKind.PERCENT_OFF, target=SOCKS, percent=Decimal(10), stores=frozenset({"OSA1"}))
    members = Promotion(
        "MEM", PromotionKind.PERCENT_OFF, target=SOCKS, percent=Decimal(10), groups=frozenset({"members"})
    )
    evening = Promotion(
        "EVE",
        PromotionKind.PERCENT_OFF,
        target=SOCKS,
        percent=Decimal(5),
        starts=tz_start.replace(tzinfo=ZoneInfo("Asia/Tokyo")),
    )
    r = price_basket(basket(TOKYO, sock("1", 1000), promotions=(ended, later, other, members, evening)))
    reasons = {n.subject: n.reason for n in r.not_applied}
    assert reasons == {
        "ENDED": "promotion.ended",
        "LATER": "promotion.not_started",
        "OSAKA": "promotion.other_store",
        "MEM": "promotion.customer_group",
    }
    assert [u.id for u in r.promotions] == ["EVE"]
    r2 = price_basket(basket(TOKYO, sock("1", 1000), promotions=(members, evening), customer_group="members"))
    assert [u.id for u in r2.promotions] == ["MEM"]


def test_coupons_typed_or_scanned() -> None:
    c = Promotion("C10", PromotionKind.SPEND_SAVE, amount=100, coupons=frozenset({"SAVE100"}))
    gone = Promotion(
        "OLD", PromotionKind.SPEND_SAVE, amount=100, coupons=frozenset({"OLD100"}), ends=NOW - timedelta(days=1)
    )
    r = price_basket(basket(TOKYO, line("1", 1000), promotions=(c, gone), coupons=(" save100 ", "OLD100", "NOPE")))
    assert [(n.subject, n.accepted, n.reason) for n in r.coupons] == [
        ("NOPE", False, "coupon.unknown"),
        ("OLD100", False, "coupon.ended"),
        ("SAVE100", True, "coupon.accepted"),
    ]
    assert r.totals.promotions == 100 and r.promotions[0].coupon == "SAVE100"
    none = price_basket(basket(TOKYO, line("1", 1000), promotions=(c,)))
    assert none.totals.promotions == 0 and none.not_applied == ()  # needing a coupon is not news


def test_invalid_promotion_refused() -> None:
    bad = Promotion("X", PromotionKind.MULTIBUY, target=SOCKS, buy=2, pay=2)
    with pytest.raises(PricingError) as e:
        price_basket(basket(TOKYO, sock("1", 100), promotions=(bad,)))
    assert e.value.code == "promotion.invalid"


def test_choice_checked_with_spend_offers() -> None:
    # Item promotions alone: 10 % off X (10) beats "buy X, get Y free" (9), and they share X.
    # But a 50 % spend offer on category a is measured on what is left of X:
    # 10 % off X -> 10 + 45 = 55; the free Y -> 9 + 50 = 59. The customer gets 59.
    cat_a, cat_b = Target(categories=frozenset({"a"})), Target(categories=frozenset({"b"}))
    b = Promotion("B", PromotionKind.PERCENT_OFF, target=cat_a, percent=Decimal(10))
    q = Promotion("Q", PromotionKind.BUY_X_GET_Y, target=cat_a, get_target=cat_b, buy=1, get=1)
    s = Promotion("S", PromotionKind.SPEND_SAVE, target=cat_a, percent=Decimal(50))
    r = price_basket(basket(TOKYO, line("x", 100, category="a"), line("y", 9, category="b"), promotions=(b, q, s)))
    assert r.totals.promotions == 59 and {u.id for u in r.promotions} == {"Q", "S"}


def test_wall_clock_windows_are_the_stores_zone() -> None:
    # 18:00-24:00 Tokyo wall clock; NOW is 18:30 in Tokyo (09:30 UTC), so it applies there,
    # and a Berlin store at the same instant (10:30 local) is outside the same wall-clock window.
    p = Promotion(
        "EVE",
        PromotionKind.PERCENT_OFF,
        target=SOCKS,
        percent=Decimal(10),
        starts=datetime(2026, 12, 1, 18, 0),
        ends=datetime(2026, 12, 2, 0, 0),
    )
    assert price_basket(basket(TOKYO, sock("1", 1000), promotions=(p,))).totals.promotions == 100
    berlin = price_basket(basket(BERLIN, sock("1", 1000), promotions=(p,)))
    assert berlin.totals.promotions == 0 and berlin.not_applied[0].reason == "promotion.not_started"
