"""`price_basket`: price lists → item promotions → spend promotions → manual discounts → tax.

Every amount is int minor units of the store's currency; every division is one exact rational
rounded once (`money.div_round`). Order of work, each step kept in the result:

1. unit price per line: customer-group list > store override list > base list of the currency >
   the line's own catalog price; a price override replaces it (and the line takes no promotion);
2. item promotions, best combination (`promotions.best_item_promotions`);
3. spend_save promotions, each spread over its eligible lines (largest remainder);
4. the line's manual discount on what is left of it, then the basket's manual discount spread
   over the lines in proportion to what is left of each; neither goes below zero (it is capped
   and the result says so);
5. tax per (class, rate): tax-included extracts ``gross * r / (100 + r)``, tax-added adds
   ``net * r / 100``; rounded per line or once per rate per receipt in the store's direction.
   Per rate, the rate's tax is spread back over its lines so lines add up to the rate exactly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sync.pricing.errors import PricingError
from sync.pricing.model import (
    Basket,
    Discount,
    DiscountKind,
    Line,
    PriceList,
    PriceListKind,
    Promotion,
    PromotionKind,
    StoreRules,
    TaxMode,
    TaxRounding,
)
from sync.pricing.money import allocate, div_round, exponent, round_fraction, round_to_increment
from sync.pricing.promotions import Application, PLine, best_item_promotions, normalise_code, refusal, spend_saving
from sync.pricing.result import (
    LineDiscount,
    LinePromotion,
    Note,
    PricedBasket,
    PricedLine,
    PriceSource,
    PromotionUse,
    TaxLine,
    Totals,
)

MAX_LINES = 1000


def zone(rules: StoreRules) -> ZoneInfo:
    try:
        return ZoneInfo(rules.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise PricingError(
            "store.timezone", f"Unknown time zone {rules.timezone!r}.", timezone=rules.timezone
        ) from None


def check_discount(d: Discount, where: str) -> None:
    if d.kind is DiscountKind.PERCENT:
        if d.value < 0:
            raise PricingError(
                "discount.negative", f"A discount cannot be below zero ({where}).", where=where, value=d.value
            )
        if d.value > 100:
            raise PricingError(
                "discount.over_100", f"A discount cannot be more than 100 % ({where}).", where=where, value=d.value
            )
    else:
        if d.value < 0:
            raise PricingError(
                "discount.negative", f"A discount cannot be below zero ({where}).", where=where, value=d.value
            )
        if d.value != d.value.to_integral_value():
            raise PricingError(
                "discount.minor_units",
                f"An amount discount is whole minor units ({where}).",
                where=where,
                value=d.value,
            )
    if not d.reason.strip():
        raise PricingError("discount.reason", f"A discount needs a reason ({where}).", where=where)


def check_line(line: Line, rules: StoreRules) -> None:
    q = line.quantity
    if not isinstance(q, int) or isinstance(q, bool):
        raise PricingError("line.quantity_type", f"Line {line.id}: the quantity must be a whole number.", line=line.id)
    if q == 0:
        raise PricingError(
            "line.quantity_zero", f"Line {line.id}: the quantity is 0; remove the line instead.", line=line.id
        )
    if q < 0:
        raise PricingError(
            "line.quantity_negative",
            f"Line {line.id}: a quantity cannot be negative; use a return.",
            line=line.id,
            quantity=q,
        )
    if q > rules.max_quantity:
        raise PricingError(
            "line.quantity_absurd",
            f"Line {line.id}: {q} is more than {rules.max_quantity} pieces; check the quantity.",
            line=line.id,
            quantity=q,
            max=rules.max_quantity,
        )
    if not line.tax_class:
        raise PricingError("line.tax_class", f"Line {line.id} has no tax class.", line=line.id)
    if not (0 <= line.tax_rate <= 100):
        raise PricingError("line.tax_rate", f"Line {line.id}: a tax rate is between 0 and 100 %.", line=line.id)
    if line.unit_price is not None and line.unit_price < 0:
        raise PricingError("line.price_negative", f"Line {line.id}: a price cannot be negative.", line=line.id)
    if line.override is not None:
        if line.override.unit_price < 0:
            raise PricingError(
                "override.negative", f"Line {line.id}: an override price cannot be negative.", line=line.id
            )
        if not line.override.reason.strip():
            raise PricingError("override.reason", f"Line {line.id}: a price override needs a reason.", line=line.id)
    if line.discount is not None:
        check_discount(line.discount, f"line {line.id}")


def check_promotion(p: Promotion) -> None:
    def bad(what: str) -> PricingError:
        return PricingError("promotion.invalid", f"Promotion {p.id}: {what}.", promotion=p.id)

    if p.percent is not None and not (0 < p.percent <= 100):
        raise bad("percent must be above 0 and at most 100")
    if p.amount is not None and p.amount <= 0:
        raise bad("amount must be above 0")
    k = p.kind
    if k is not PromotionKind.SPEND_SAVE and p.target.everything:
        raise bad("an item promotion needs products or categories")
    if k is PromotionKind.PERCENT_OFF and p.percent is None:
        raise bad("percent_off needs a percent")
    if k is PromotionKind.AMOUNT_OFF and p.amount is None:
        raise bad("amount_off needs an amount")
    if k is PromotionKind.MULTIBUY and not (p.buy > p.pay >= 0 and p.buy >= 1):
        raise bad("multibuy needs buy > pay >= 0 (3 for 2: buy 3, pay 2)")
    if k is PromotionKind.BUY_X_GET_Y and not (p.buy >= 1 and p.get >= 1):
        raise bad("buy_x_get_y needs buy >= 1 and get >= 1")
    if k is PromotionKind.SPEND_SAVE and (p.amount is None) == (p.percent is None):
        raise bad("spend_save needs exactly one of amount and percent")
    if p.threshold < 0:
        raise bad("threshold cannot be negative")
    if p.max_applications is not None and p.max_applications < 1:
        raise bad("max_applications must be at least 1")
    if p.starts is not None and p.ends is not None and p.ends <= p.starts:
        raise bad("it ends before it starts")


def resolve_price(line: Line, lists: list[PriceList], rules: StoreRules, group: str | None) -> tuple[int, PriceSource]:
    """The line's unit price and where it came from (lists are pre-sorted by id)."""
    for kind in (PriceListKind.GROUP, PriceListKind.STORE, PriceListKind.BASE):
        for pl in lists:
            if pl.kind is not kind or pl.currency != rules.currency:
                continue
            if kind is PriceListKind.GROUP and (group is None or pl.group != group):
                continue
            if kind is PriceListKind.STORE and pl.store != rules.store:
                continue
            price = pl.prices.get(line.sku)
            if price is not None:
                if price < 0:
                    raise PricingError(
                        "price_list.negative", f"Price list {pl.id} has a negative price for {line.sku}."
                    )
                return price, PriceSource(kind.value, list=pl.id)
    if line.unit_price is None:
        raise PricingError(
            "line.no_price", f"Line {line.id}: no price list has {line.sku} and the line gives no price.", line=line.id
        )
    return line.unit_price, PriceSource("item")


def _manual(d: Discount, base: int, rules: StoreRules) -> tuple[int, bool]:
    """A manual discount on ``base`` minor units: (amount, capped)."""
    if d.kind is DiscountKind.PERCENT:
        return round_fraction(Fraction(base) * Fraction(d.value) / 100, rules.promotion_rounding), False
    asked = int(d.value)
    return min(asked, base), asked > base


def _value(d: Discount) -> str:
    return format(d.value.normalize(), "f") if d.kind is DiscountKind.PERCENT else str(int(d.value))


@dataclass(slots=True)
class _Work:
    pl: PLine
    source: PriceSource
    promos: list[LinePromotion]
    discounts: list[LineDiscount]
    left: int


@dataclass(frozen=True, slots=True)
class _SpendPick:
    promotion: Promotion
    saving: int
    parts: dict[str, int]


def _spend_picks(
    spend: list[Promotion],
    eligible: dict[str, tuple[list[str], int]],
    left: dict[str, int],
    rules: StoreRules,
    *,
    spread: bool = True,
) -> list[_SpendPick]:
    """The best spend_save offer of each stack group (ties: the smaller id), spread over its
    eligible lines in proportion to what is left of them."""
    by_group: dict[str, list[Promotion]] = defaultdict(list)
    for p in spend:
        by_group[p.stack_group].append(p)
    picks: list[_SpendPick] = []
    groups = sorted(by_group)
    for gi, group in enumerate(groups):
        best: tuple[int, Promotion, list[str]] | None = None
        for p in by_group[group]:
            elig, before = eligible[p.id]
            s = spend_saving(p, before, sum(left[lid] for lid in elig), rules)
            if s > 0 and (best is None or s > best[0]):
                best = (s, p, elig)
        if best is not None:
            s, p, elig = best
            if not spread and gi == len(groups) - 1:  # only the saving is asked; no later group needs the rest
                picks.append(_SpendPick(p, s, {}))
                continue
            parts = allocate(s, [(lid, left[lid]) for lid in elig])
            for lid, v in parts.items():
                left[lid] -= v
            picks.append(_SpendPick(p, s, parts))
    return picks


def price_basket(basket: Basket) -> PricedBasket:
    rules = basket.rules
    exp = exponent(rules.currency)
    tz = zone(rules)
    if basket.at.tzinfo is None:
        raise PricingError("basket.time", "The basket's time must carry its zone.")
    if len(basket.lines) > MAX_LINES:
        raise PricingError("basket.too_many_lines", f"A basket holds at most {MAX_LINES} lines.", max=MAX_LINES)
    seen: set[str] = set()
    for line in basket.lines:
        if line.id in seen:
            raise PricingError("line.duplicate_id", f"Two lines have the id {line.id!r}.", line=line.id)
        seen.add(line.id)
        check_line(line, rules)
    if basket.basket_discount is not None:
        check_discount(basket.basket_discount, "basket")
    promotions = tuple(_localised(p, rules) for p in basket.promotions)
    for p in promotions:
        check_promotion(p)
    if len({p.id for p in promotions}) != len(promotions):
        raise PricingError("promotion.duplicate_id", "Two promotions have the same id.")

    lists = sorted(basket.price_lists, key=lambda pl: pl.id)
    works: list[_Work] = []
    for line in basket.lines:
        price, source = resolve_price(line, lists, rules, basket.customer_group)
        if line.override is not None:
            source = PriceSource("override", reason=line.override.reason, list_price=price)
            price = line.override.unit_price
        pl = PLine(line.id, price, line.quantity, line, eligible=line.override is None)
        works.append(_Work(pl, source, [], [], price * line.quantity))
    by_id = {w.pl.id: w for w in works}

    # which promotions may apply at all; coupons presented
    at = basket.at
    presented = sorted({normalise_code(c) for c in basket.coupons if c.strip()})
    codes = frozenset(presented)
    applicable: list[Promotion] = []
    not_applied: list[Note] = []
    reasons_by_code: dict[str, list[str]] = defaultdict(list)
    for p in sorted(promotions, key=lambda p: p.id):
        why = refusal(p, rules, at, basket.customer_group, codes)
        pcodes = {normalise_code(c) for c in p.coupons}
        for c in pcodes & codes:
            reasons_by_code[c].append(why or "coupon.accepted")
        if why is None:
            applicable.append(p)
        elif why != "promotion.coupon_needed":
            not_applied.append(Note(p.id, why))
    coupon_notes: list[Note] = []
    for c in presented:
        rs = reasons_by_code.get(c)
        if not rs:
            coupon_notes.append(Note(c, "coupon.unknown"))
        elif "coupon.accepted" in rs:
            coupon_notes.append(Note(c, "coupon.accepted", accepted=True))
        else:
            coupon_notes.append(Note(c, "coupon." + sorted(rs)[0].split(".", 1)[1]))

    uses: list[PromotionUse] = []

    def coupon_of(p: Promotion) -> str | None:
        hit = sorted({normalise_code(c) for c in p.coupons} & codes)
        return hit[0] if hit else None

    item = [p for p in applicable if p.kind is not PromotionKind.SPEND_SAVE]
    spend = [p for p in applicable if p.kind is PromotionKind.SPEND_SAVE]
    chosen, alone = best_item_promotions([w.pl for w in works], item, rules)
    # The item search maximises item savings; a spend_save offer is measured on what the item
    # promotions leave. So the choice is checked against each item promotion alone and against
    # none, each with its best spend offers, and the best total wins (ties: the search's choice,
    # then promotions by id, then none): never worse than any single applicable promotion.
    candidates = [chosen, *([a] for _, a in sorted(alone.items())), []] if spend else [chosen]
    spend_lines: dict[str, tuple[list[str], int]] = {}  # promotion -> (eligible lines, amount before)
    for p in spend:
        ews = [w for w in works if w.pl.eligible and p.target.matches(w.pl.line)]
        spend_lines[p.id] = ([w.pl.id for w in ews], sum(w.pl.unit_price * w.pl.quantity for w in ews))
    best_c: tuple[int, list[Application], list[_SpendPick]] | None = None
    for cand in candidates:
        left = {w.pl.id: w.left for w in works}
        for app in cand:
            for lid, sv in app.savings.items():
                left[lid] -= sv
        picks = _spend_picks(spend, spend_lines, left, rules, spread=False)
        total_saving = sum(a.saving for a in cand) + sum(pk.saving for pk in picks)
        if best_c is None or total_saving > best_c[0]:
            best_c = (total_saving, cand, picks)
    assert best_c is not None
    _, chosen, _ = best_c
    left = {w.pl.id: w.left for w in works}
    for app in chosen:
        for lid, sv in app.savings.items():
            left[lid] -= sv
    picks = _spend_picks(spend, spend_lines, left, rules)
    for app in chosen:
        for lid, sv in app.savings.items():
            w = by_id[lid]
            w.promos.append(
                LinePromotion(app.promotion.id, app.promotion.name, app.promotion.kind.value, app.units.get(lid, 0), sv)
            )
            w.left -= sv
        uses.append(
            PromotionUse(
                app.promotion.id,
                app.promotion.name,
                app.promotion.kind.value,
                app.saving,
                dict(app.savings),
                coupon_of(app.promotion),
            )
        )
    for pk in picks:
        p = pk.promotion
        for lid, sv in pk.parts.items():
            if sv:
                by_id[lid].promos.append(LinePromotion(p.id, p.name, p.kind.value, 0, sv))
                by_id[lid].left -= sv
        uses.append(
            PromotionUse(p.id, p.name, p.kind.value, pk.saving, {k: v for k, v in pk.parts.items() if v}, coupon_of(p))
        )
    used = {u.id for u in uses}
    for p in item:
        if p.id not in used:
            not_applied.append(Note(p.id, "promotion.not_best" if p.id in alone else "promotion.no_items"))
    left_now = {w.pl.id: w.left for w in works}
    for p in spend:
        if p.id not in used:
            elig = [w for w in works if w.pl.eligible and p.target.matches(w.pl.line)]
            before = sum(w.pl.unit_price * w.pl.quantity for w in elig)
            if before < p.threshold:
                why = "promotion.threshold"
            elif spend_saving(p, before, sum(left_now[w.pl.id] for w in elig), rules) <= 0:
                why = "promotion.nothing_left"
            else:
                why = "promotion.not_best"
            not_applied.append(Note(p.id, why))

    # manual discounts
    for w in works:
        d = w.pl.line.discount
        if d is not None:
            amt, capped = _manual(d, w.left, rules)
            w.discounts.append(LineDiscount("line", d.kind.value, _value(d), d.reason, amt, capped))
            w.left -= amt
    bd = basket.basket_discount
    if bd is not None:
        base = sum(w.left for w in works)
        amt, capped = _manual(bd, base, rules)
        parts = allocate(amt, [(w.pl.id, w.left) for w in works])
        for w in works:
            w.discounts.append(LineDiscount("basket", bd.kind.value, _value(bd), bd.reason, parts[w.pl.id], capped))
            w.left -= parts[w.pl.id]

    # tax per (class, rate)
    rates: dict[tuple[str, Decimal], list[_Work]] = defaultdict(list)
    for w in works:
        rates[(w.pl.line.tax_class, w.pl.line.tax_rate)].append(w)
    line_tax: dict[str, int] = {}
    taxes: list[TaxLine] = []
    mode = rules.tax_rounding_mode
    included = rules.tax_mode is TaxMode.INCLUDED
    for (cls, rate), ws in sorted(rates.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        r = Fraction(rate)
        factor = r / (100 + r) if included else r / 100
        if rules.tax_rounding is TaxRounding.PER_LINE:
            for w in ws:
                line_tax[w.pl.id] = round_fraction(Fraction(w.left) * factor, mode)
        else:
            base_total = sum(w.left for w in ws)
            t = round_fraction(Fraction(base_total) * factor, mode)
            line_tax.update(allocate(t, [(w.pl.id, w.left) for w in ws]))
        total_tax = sum(line_tax[w.pl.id] for w in ws)
        amount = sum(w.left for w in ws)
        net, gross = (amount - total_tax, amount) if included else (amount, amount + total_tax)
        taxes.append(TaxLine(cls, rate, net, total_tax, gross, tuple(sorted(w.pl.id for w in ws))))

    lines: list[PricedLine] = []
    for w in works:
        t = line_tax[w.pl.id]
        net, gross = (w.left - t, w.left) if included else (w.left, w.left + t)
        ln = w.pl.line
        lines.append(
            PricedLine(
                ln.id,
                ln.sku,
                ln.name,
                ln.category,
                ln.quantity,
                w.pl.unit_price,
                w.source,
                w.pl.unit_price * ln.quantity,
                tuple(w.promos),
                tuple(w.discounts),
                w.left,
                ln.tax_class,
                ln.tax_rate,
                net,
                t,
                gross,
            )
        )
    total = sum(t.gross for t in taxes)
    cash_total = total
    if rules.cash_rounding is not None:
        cash_total = round_to_increment(total, rules.cash_rounding.increment, rules.cash_rounding.mode)
    totals = Totals(
        amount=sum(pl.amount for pl in lines),
        promotions=sum(pl.promotion_saving for pl in lines),
        discounts=sum(pl.discount_amount for pl in lines),
        net=sum(t.net for t in taxes),
        tax=sum(t.tax for t in taxes),
        total=total,
        cash_total=cash_total,
    )
    rounding: dict[str, object] = {
        "tax": rules.tax_rounding.value,
        "tax_mode": rules.tax_rounding_mode.value,
        "promotion_mode": rules.promotion_rounding.value,
        "cash": None
        if rules.cash_rounding is None
        else {"increment": rules.cash_rounding.increment, "mode": rules.cash_rounding.mode.value},
    }
    return PricedBasket(
        currency=rules.currency,
        exponent=exp,
        store=rules.store,
        at=at.astimezone(tz).isoformat(),
        tax_mode=rules.tax_mode.value,
        rounding=rounding,
        lines=tuple(lines),
        promotions=tuple(sorted(uses, key=lambda u: u.id)),
        not_applied=tuple(sorted(not_applied, key=lambda n: (n.subject, n.reason))),
        coupons=tuple(coupon_notes),
        taxes=tuple(taxes),
        totals=totals,
        customer_group=basket.customer_group,
    )


def _localised(p: Promotion, rules: StoreRules) -> Promotion:
    """A validity window given in wall-clock times is the store's (its time zone, DST included)."""
    if (p.starts is None or p.starts.tzinfo is not None) and (p.ends is None or p.ends.tzinfo is not None):
        return p
    return replace(
        p,
        starts=None if p.starts is None else local_time(p.starts, rules),
        ends=None if p.ends is None else local_time(p.ends, rules),
    )


def local_time(value: datetime, rules: StoreRules) -> datetime:
    """A naive time is the store's wall clock; an aware one is kept."""
    return value.replace(tzinfo=zone(rules)) if value.tzinfo is None else value


__all__ = ["MAX_LINES", "div_round", "local_time", "price_basket"]
