"""Time the engine: ``python -m sync.pricing.timing`` prices a 100-line basket with 10 active
promotions (all overlapping, so the search works hardest) and prints p50/p99/max in ms.

The issue's budget is scan-to-priced-line p99 ≤ 16 ms including the Qt model; pricing is one part.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal

from sync.pricing.engine import price_basket
from sync.pricing.model import (
    Basket,
    Discount,
    DiscountKind,
    Line,
    Promotion,
    PromotionKind,
    StoreRules,
    Target,
    TaxMode,
    TaxRounding,
)
from sync.pricing.money import Rounding

CATS = ["tops", "socks", "food", "caps", "jackets"]


def sample(n_lines: int = 100, n_promos: int = 10, overlap: bool = True, seed: int = 7) -> Basket:
    rnd = random.Random(seed)
    rules = StoreRules("TYO1", "JPY", "Asia/Tokyo", TaxMode.INCLUDED, TaxRounding.PER_RATE, Rounding.DOWN)
    lines = tuple(
        Line(
            f"{i:03}",
            f"SKU{i}",
            rnd.randint(1, 5),
            "reduced" if i % 3 == 0 else "standard",
            Decimal(8 if i % 3 == 0 else 10),
            unit_price=rnd.randint(100, 20000),
            category=CATS[i % len(CATS)],
        )
        for i in range(n_lines)
    )
    kinds = [
        PromotionKind.PERCENT_OFF,
        PromotionKind.MULTIBUY,
        PromotionKind.BUY_X_GET_Y,
        PromotionKind.AMOUNT_OFF,
        PromotionKind.SPEND_SAVE,
    ]
    promos = []
    for j in range(n_promos):
        cats = frozenset(rnd.sample(CATS, 3 if overlap else 1)) if overlap else frozenset({CATS[j % len(CATS)]})
        t = Target(categories=cats)
        k = kinds[j % len(kinds)]
        promos.append(
            Promotion(
                f"P{j:02}",
                k,
                target=t if k is not PromotionKind.SPEND_SAVE else Target(),
                percent=Decimal(10 + j) if k in (PromotionKind.PERCENT_OFF, PromotionKind.BUY_X_GET_Y) else None,
                amount=300 + j if k in (PromotionKind.AMOUNT_OFF, PromotionKind.SPEND_SAVE) else None,
                buy=3 if k is PromotionKind.MULTIBUY else (2 if k is PromotionKind.BUY_X_GET_Y else 0),
                pay=2 if k is PromotionKind.MULTIBUY else 0,
                get=1 if k is PromotionKind.BUY_X_GET_Y else 0,
                threshold=5000 if k is PromotionKind.SPEND_SAVE else 0,
            )
        )
    return Basket(
        rules,
        lines,
        datetime(2026, 12, 1, 9, tzinfo=UTC),
        promotions=tuple(promos),
        basket_discount=Discount(DiscountKind.PERCENT, Decimal(5), "staff"),
    )


def measure(b: Basket, runs: int = 300, clock: str = "wall") -> tuple[float, float, float]:
    """p50, p99, max in ms; ``clock="cpu"`` counts this thread's CPU time only (a loaded machine
    preempting the process then does not count)."""
    now = time.perf_counter if clock == "wall" else time.thread_time
    price_basket(b)
    ts = []
    for _ in range(runs):
        t0 = now()
        price_basket(b)
        ts.append((now() - t0) * 1000)
    ts.sort()
    return statistics.median(ts), ts[int(len(ts) * 0.99) - 1], ts[-1]


def main() -> int:
    for label, b in (
        ("100 lines, 10 promotions, overlapping (greedy)", sample()),
        ("100 lines, 10 promotions, one category each", sample(overlap=False)),
        ("100 lines, 5 overlapping promotions (exhaustive)", sample(n_promos=5)),
    ):
        for clock in ("wall", "cpu"):
            p50, p99, mx = measure(b, clock=clock)
            print(f"{label:<50} {clock:<4} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  max {mx:6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
