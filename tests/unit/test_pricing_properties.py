"""Property tests of the pricing engine (hypothesis): the sums, the signs, the rounding rules,
allocation, determinism and the best combination of promotions."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.pricing import (
    Basket,
    Discount,
    DiscountKind,
    Line,
    Override,
    PricedBasket,
    Promotion,
    PromotionKind,
    Rounding,
    StoreRules,
    Target,
    TaxMode,
    TaxRounding,
    price_basket,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
CATS = ["a", "b", "c"]
RATES = ["0", "7", "8", "10", "19", "8.875"]

rules_st = st.builds(
    StoreRules,
    store=st.just("S1"),
    currency=st.sampled_from(["JPY", "EUR", "USD", "KWD"]),
    timezone=st.just("Asia/Tokyo"),
    tax_mode=st.sampled_from(list(TaxMode)),
    tax_rounding=st.sampled_from(list(TaxRounding)),
    tax_rounding_mode=st.sampled_from(list(Rounding)),
    promotion_rounding=st.sampled_from(list(Rounding)),
)

discount_st = st.one_of(
    st.none(),
    st.builds(Discount, st.just(DiscountKind.PERCENT), st.integers(0, 100).map(Decimal), st.just("r")),
    st.builds(Discount, st.just(DiscountKind.AMOUNT), st.integers(0, 50_000).map(Decimal), st.just("r")),
)


@st.composite
def lines_st(draw: st.DrawFn, min_size: int = 1, max_size: int = 12) -> list[Line]:
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.text("abcdefghij", min_size=1, max_size=3), min_size=n, max_size=n, unique=True))
    out = []
    for i, lid in enumerate(ids):
        rate = draw(st.sampled_from(RATES))
        out.append(
            Line(
                lid,
                f"SKU{draw(st.integers(0, 5))}",
                draw(st.integers(1, 12)),
                "reduced" if rate in ("7", "8") else "standard",
                Decimal(rate),
                unit_price=draw(st.integers(0, 30_000)),
                category=draw(st.sampled_from(CATS)),
                override=draw(st.none() | st.builds(Override, st.integers(0, 30_000), st.just("x")))
                if i % 4 == 3
                else None,
                discount=draw(discount_st),
            )
        )
    return out


target_st = st.builds(
    Target,
    skus=st.frozensets(st.sampled_from([f"SKU{i}" for i in range(6)]), max_size=2),
    categories=st.frozensets(st.sampled_from(CATS), min_size=1, max_size=2),
)


@st.composite
def promotion_st(draw: st.DrawFn, pid: str) -> Promotion:
    kind = draw(st.sampled_from(list(PromotionKind)))
    t = draw(target_st)
    if kind is PromotionKind.PERCENT_OFF:
        return Promotion(pid, kind, target=t, percent=Decimal(draw(st.integers(1, 100))))
    if kind is PromotionKind.AMOUNT_OFF:
        return Promotion(pid, kind, target=t, amount=draw(st.integers(1, 5000)))
    if kind is PromotionKind.MULTIBUY:
        buy = draw(st.integers(2, 4))
        return Promotion(pid, kind, target=t, buy=buy, pay=draw(st.integers(0, buy - 1)))
    if kind is PromotionKind.BUY_X_GET_Y:
        return Promotion(
            pid,
            kind,
            target=t,
            get_target=draw(st.none() | target_st),
            buy=draw(st.integers(1, 3)),
            get=draw(st.integers(1, 2)),
            percent=Decimal(draw(st.sampled_from([50, 100]))),
        )
    if draw(st.booleans()):
        return Promotion(pid, kind, amount=draw(st.integers(1, 20_000)), threshold=draw(st.integers(0, 50_000)))
    return Promotion(
        pid,
        kind,
        target=draw(st.just(Target()) | target_st),
        percent=Decimal(draw(st.integers(1, 60))),
        threshold=draw(st.integers(0, 50_000)),
    )


@st.composite
def basket_st(draw: st.DrawFn, max_promos: int = 4) -> Basket:
    n = draw(st.integers(0, max_promos))
    promos = tuple(draw(promotion_st(f"P{i}")) for i in range(n))
    return Basket(
        draw(rules_st),
        tuple(draw(lines_st())),
        NOW,
        promotions=promos,
        basket_discount=draw(discount_st),
    )


def check_sums(r: PricedBasket, tax_mode: TaxMode) -> None:
    t = r.totals
    for pl in r.lines:
        assert pl.amount == pl.unit_price * pl.quantity
        assert pl.total == pl.amount - pl.promotion_saving - pl.discount_amount
        assert pl.total >= 0 and pl.tax >= 0 and pl.net >= 0 and pl.gross >= 0
        assert all(p.saving >= 0 for p in pl.promotions) and all(d.amount >= 0 for d in pl.discounts)
        assert pl.net + pl.tax == pl.gross
        assert pl.gross == pl.total if tax_mode is TaxMode.INCLUDED else pl.net == pl.total
    for tl in r.taxes:
        ls = [r.line(i) for i in tl.lines]
        assert tl.net + tl.tax == tl.gross  # tax-included: what the customer pays, exactly
        assert (sum(x.net for x in ls), sum(x.tax for x in ls), sum(x.gross for x in ls)) == (tl.net, tl.tax, tl.gross)
    assert t.amount == sum(pl.amount for pl in r.lines)
    assert t.promotions == sum(u.saving for u in r.promotions)
    assert t.net + t.tax == t.total == sum(tl.gross for tl in r.taxes) == sum(pl.gross for pl in r.lines)
    added = t.tax if tax_mode is TaxMode.ADDED else 0
    assert t.total == t.amount - t.promotions - t.discounts + added
    assert t.total >= 0
    for u in r.promotions:  # which promotion saved what on which line adds up
        assert sum(u.lines.values()) == u.saving
        for lid, s in u.lines.items():
            assert sum(p.saving for p in r.line(lid).promotions if p.promotion == u.id) == s


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(basket_st())
def test_totals_are_the_sum_of_their_parts(b: Basket) -> None:
    check_sums(price_basket(b), b.rules.tax_mode)


def _by_id(r: PricedBasket) -> str:
    d = r.to_dict()
    d["lines"] = sorted(d["lines"], key=lambda x: x["id"])
    return json.dumps(d, sort_keys=True)


@settings(max_examples=150, deadline=None)
@given(basket_st(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order(b: Basket, rnd: random.Random) -> None:
    r = price_basket(b)
    assert r.to_json() == price_basket(b).to_json()
    lines, promos = list(b.lines), list(b.promotions)
    rnd.shuffle(lines)
    rnd.shuffle(promos)
    shuffled = price_basket(replace(b, lines=tuple(lines), promotions=tuple(promos)))
    assert _by_id(shuffled) == _by_id(r)


@settings(max_examples=200, deadline=None)
@given(basket_st(max_promos=6))
def test_best_combination_never_worse_than_any_single_promotion(b: Basket) -> None:
    plain = replace(b, basket_discount=None, lines=tuple(replace(ln, discount=None) for ln in b.lines))
    best = price_basket(plain).totals.promotions
    for p in plain.promotions:
        alone = price_basket(replace(plain, promotions=(p,))).totals.promotions
        assert best >= alone, p


@settings(max_examples=200, deadline=None)
@given(rules_st, lines_st())
def test_tax_included_per_rate_extracts_once(rules: StoreRules, lines: list[Line]) -> None:
    rules = replace(rules, tax_mode=TaxMode.INCLUDED, tax_rounding=TaxRounding.PER_RATE)
    r = price_basket(Basket(rules, tuple(lines), NOW))
    from sync.pricing import div_round

    for tl in r.taxes:
        num = tl.gross * tl.rate.as_integer_ratio()[0]
        den = (100 * tl.rate.as_integer_ratio()[1]) + tl.rate.as_integer_ratio()[0]
        assert tl.tax == div_round(num, den, rules.tax_rounding_mode)  # once, from the rate's gross
        assert tl.net + tl.tax == tl.gross
