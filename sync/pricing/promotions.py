"""Promotions: which apply, what each would save, and the best combination for the customer.

Policy (docs/pricing.md):
- A unit of a line takes at most one item promotion (percent_off, amount_off, multibuy,
  buy_x_get_y). A line with a price override takes none.
- Rewards go to the cheapest eligible units: a multibuy uses the cheapest ``k*buy`` eligible
  units and the cheapest ``k*(buy-pay)`` of them are free; a buy-X-get-Y rewards the cheapest
  ``k*get`` units of its reward target and counts the cheapest remaining units of its buy target.
  Ties in price go to the smaller line id, never to a position in the basket.
- Best combination: promotions that share no line are independent and all apply. Within a group
  of promotions that share lines, every order of at most EXHAUSTIVE_LIMIT promotions is tried
  (each one taking only units no earlier one took; a subset is an order whose tail saves 0);
  a larger group is solved greedily: the promotion saving most on the units still free, ties to
  the smaller promotion id, again until none saves anything. Equal savings: fewer promotions,
  then the smaller sorted ids, then the smaller order.
- spend_save is basket level: its threshold is measured on the eligible lines' amount before
  promotions; it saves its amount (or percent) of what is left of them after item promotions,
  never more. One spend_save per ``stack_group`` applies (the best; ties to the smaller id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sync.pricing.model import Line, Promotion, PromotionKind, StoreRules, Target
from sync.pricing.money import Rounding, div_round

EXHAUSTIVE_LIMIT = 5


@dataclass(frozen=True, slots=True)
class PLine:
    """A line as the promotions see it: its id, unit price and quantity (after price lists)."""

    id: str
    unit_price: int
    quantity: int
    line: Line
    eligible: bool = True  # False for an overridden price


@dataclass(slots=True)
class Application:
    promotion: Promotion
    saving: int
    claims: dict[str, int] = field(default_factory=dict)  # units taken per line
    savings: dict[str, int] = field(default_factory=dict)  # amount saved per line
    units: dict[str, int] = field(default_factory=dict)  # units rewarded per line


def normalise_code(code: str) -> str:
    return code.strip().upper()


def refusal(p: Promotion, rules: StoreRules, at: datetime, group: str | None, coupons: frozenset[str]) -> str | None:
    """Why a promotion does not apply to this basket at all, or None when it may."""
    if p.starts is not None and at < p.starts:
        return "promotion.not_started"
    if p.ends is not None and at >= p.ends:
        return "promotion.ended"
    if p.stores and rules.store not in p.stores:
        return "promotion.other_store"
    if p.groups and (group is None or group not in p.groups):
        return "promotion.customer_group"
    if p.coupons and not ({normalise_code(c) for c in p.coupons} & coupons):
        return "promotion.coupon_needed"
    return None


class _Evaluator:
    """Evaluates item promotions on a pool of free units; eligible lines are sorted once."""

    def __init__(self, lines: list[PLine], rules: StoreRules) -> None:
        self.rules = rules
        self.by_id = {pl.id: pl for pl in lines}
        self.order = sorted((pl for pl in lines if pl.eligible), key=lambda pl: (pl.unit_price, pl.id))
        self._cache: dict[tuple[int, str], list[PLine]] = {}

    def eligible(self, target: Target) -> list[PLine]:
        key = (id(target), "")
        got = self._cache.get(key)
        if got is None:
            got = [pl for pl in self.order if target.matches(pl.line)]
            self._cache[key] = got
        return got

    def lines_of(self, p: Promotion) -> frozenset[str]:
        ids = {pl.id for pl in self.eligible(p.target)}
        if p.kind is PromotionKind.BUY_X_GET_Y and p.get_target is not None:
            ids |= {pl.id for pl in self.eligible(p.get_target)}
        return frozenset(ids)

    def evaluate(self, p: Promotion, free: dict[str, int]) -> Application | None:
        if p.kind is PromotionKind.PERCENT_OFF:
            return self._per_unit(p, free, percent=True)
        if p.kind is PromotionKind.AMOUNT_OFF:
            return self._per_unit(p, free, percent=False)
        if p.kind is PromotionKind.MULTIBUY:
            return self._multibuy(p, free)
        if p.kind is PromotionKind.BUY_X_GET_Y:
            return self._bxgy(p, free)
        return None

    def _per_unit(self, p: Promotion, free: dict[str, int], *, percent: bool) -> Application | None:
        app = Application(p, 0)
        pn, pd = p.percent.as_integer_ratio() if p.percent is not None else (0, 1)
        amount = p.amount or 0
        mode = self.rules.promotion_rounding
        for pl in self.eligible(p.target):
            n = free.get(pl.id, 0)
            if n <= 0:
                continue
            if percent:
                s = div_round(pl.unit_price * n * pn, 100 * pd, mode)
            else:
                s = (amount if amount < pl.unit_price else pl.unit_price) * n
            if s > 0:
                app.claims[pl.id] = n
                app.savings[pl.id] = s
                app.units[pl.id] = n
                app.saving += s
        return app if app.saving > 0 else None

    @staticmethod
    def _take(pool: list[PLine], free: dict[str, int], count: int) -> dict[str, int]:
        """The ``count`` cheapest free units of ``pool`` (sorted by price, then id)."""
        taken: dict[str, int] = {}
        for pl in pool:
            if count <= 0:
                break
            n = min(free.get(pl.id, 0), count)
            if n > 0:
                taken[pl.id] = n
                count -= n
        return taken

    def _cap(self, p: Promotion, k: int) -> int:
        return k if p.max_applications is None else min(k, p.max_applications)

    def _multibuy(self, p: Promotion, free: dict[str, int]) -> Application | None:
        pool = self.eligible(p.target)
        total = sum(free.get(pl.id, 0) for pl in pool)
        k = self._cap(p, total // p.buy)
        if k <= 0:
            return None
        group = self._take(pool, free, k * p.buy)
        rewarded = self._take(pool, free, k * (p.buy - p.pay))
        app = Application(p, 0, claims=group, units=rewarded)
        for lid, n in rewarded.items():
            s = self.by_id[lid].unit_price * n
            app.savings[lid] = s
            app.saving += s
        return app if app.saving > 0 else None

    def _bxgy(self, p: Promotion, free: dict[str, int]) -> Application | None:
        buy_pool = self.eligible(p.target)
        get_pool = self.eligible(p.get_target if p.get_target is not None else p.target)
        buy_ids = {pl.id for pl in buy_pool}
        pn, pd = (p.percent if p.percent is not None else Decimal(100)).as_integer_ratio()
        get_total = sum(free.get(pl.id, 0) for pl in get_pool)
        buy_total = sum(free.get(pl.id, 0) for pl in buy_pool)

        def feasible(k: int) -> bool:  # fewer buy units are left the more units are rewarded
            rewarded = self._take(get_pool, free, k * p.get)
            return buy_total - sum(n for lid, n in rewarded.items() if lid in buy_ids) >= k * p.buy

        lo, hi = 0, self._cap(p, min(get_total // p.get, buy_total // p.buy))
        while lo < hi:  # the largest feasible k (feasibility only falls as k grows)
            mid = (lo + hi + 1) // 2
            if feasible(mid):
                lo = mid
            else:
                hi = mid - 1
        k = lo
        if k <= 0:
            return None
        rewarded = self._take(get_pool, free, k * p.get)
        rest = dict(free)
        for lid, n in rewarded.items():
            rest[lid] -= n
        claims = dict(rewarded)
        for lid, n in self._take(buy_pool, rest, k * p.buy).items():
            claims[lid] = claims.get(lid, 0) + n
        app = Application(p, 0, claims=claims, units=rewarded)
        for lid, n in rewarded.items():
            s = div_round(self.by_id[lid].unit_price * n * pn, 100 * pd, self.rules.promotion_rounding)
            if s:
                app.savings[lid] = s
                app.saving += s
        return app if app.saving > 0 else None


def _apply(free: dict[str, int], app: Application) -> dict[str, int]:
    out = dict(free)
    for lid, n in app.claims.items():
        out[lid] -= n
    return out


def _better(a: tuple[int, list[Application]], b: tuple[int, list[Application]] | None) -> bool:
    if b is None:
        return True
    if a[0] != b[0]:
        return a[0] > b[0]
    ka = (len(a[1]), sorted(x.promotion.id for x in a[1]), [x.promotion.id for x in a[1]])
    kb = (len(b[1]), sorted(x.promotion.id for x in b[1]), [x.promotion.id for x in b[1]])
    return ka < kb


def _exhaustive(ev: _Evaluator, promos: list[Promotion], free: dict[str, int]) -> list[Application]:
    best: tuple[int, list[Application]] | None = None

    def dfs(left: list[Promotion], pool: dict[str, int], chosen: list[Application], total: int) -> None:
        nonlocal best
        extended = False
        for i, p in enumerate(left):
            app = ev.evaluate(p, pool)
            if app is None:
                continue  # saving nothing here is the same as leaving it out
            extended = True
            chosen.append(app)
            dfs(left[:i] + left[i + 1 :], _apply(pool, app), chosen, total + app.saving)
            chosen.pop()
        if not extended and _better((total, chosen), best):
            best = (total, list(chosen))

    dfs(promos, free, [], 0)
    return best[1] if best else []


def _greedy(ev: _Evaluator, promos: list[Promotion], free: dict[str, int]) -> list[Application]:
    chosen: list[Application] = []
    left = list(promos)
    while left:
        top: Application | None = None
        for p in left:  # sorted by id: the first of equal savings wins
            app = ev.evaluate(p, free)
            if app is not None and (top is None or app.saving > top.saving):
                top = app
        if top is None:
            break
        chosen.append(top)
        free = _apply(free, top)
        left.remove(top.promotion)
    return chosen


def best_item_promotions(
    lines: list[PLine], promos: list[Promotion], rules: StoreRules
) -> tuple[list[Application], dict[str, Application]]:
    """The chosen item promotions (in application order), and what each useful promotion would
    save alone on the whole basket (the engine checks the choice against those, see there)."""
    ev = _Evaluator(lines, rules)
    free = {pl.id: pl.quantity for pl in lines if pl.eligible}
    promos = sorted(promos, key=lambda p: p.id)
    alone = {p.id: a for p in promos if (a := ev.evaluate(p, free)) is not None}
    useful = [p for p in promos if p.id in alone]
    # connected groups of promotions that share lines
    reach = {p.id: ev.lines_of(p) for p in useful}
    groups: list[list[Promotion]] = []
    seen: set[str] = set()
    for p in useful:
        if p.id in seen:
            continue
        comp, lines_c, todo = [p], set(reach[p.id]), True
        seen.add(p.id)
        while todo:
            todo = False
            for q in useful:
                if q.id not in seen and reach[q.id] & lines_c:
                    comp.append(q)
                    seen.add(q.id)
                    lines_c |= reach[q.id]
                    todo = True
        groups.append(sorted(comp, key=lambda x: x.id))
    chosen: list[Application] = []
    for comp in groups:
        solve = _exhaustive if len(comp) <= EXHAUSTIVE_LIMIT else _greedy
        chosen.extend(solve(ev, comp, free))
    return chosen, alone


def spend_saving(p: Promotion, before: int, left: int, rules: StoreRules) -> int:
    """What a spend_save promotion saves: ``before`` is the eligible amount before promotions
    (the threshold's measure), ``left`` what remains of it after item promotions."""
    if before < p.threshold or left <= 0:
        return 0
    if p.amount is not None:
        return min(p.amount, left)
    assert p.percent is not None
    pn, pd = p.percent.as_integer_ratio()
    return min(left, div_round(left * pn, 100 * pd, Rounding.DOWN))


__all__ = [
    "EXHAUSTIVE_LIMIT",
    "Application",
    "PLine",
    "best_item_promotions",
    "normalise_code",
    "refusal",
    "spend_saving",
]
