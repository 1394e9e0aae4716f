"""The day's figures of every store for head office (issue 11, docs/shifts.md "The manager's
day"): sales by hour, the tender mix, the top items and the staff, per store, for one local
calendar day of each store, from the orders the tills sent (`sale.complete`). The same shape as
the till's own day screen (pos_app/services/manager_day.py), which reads only its device.db.

`GET /v1/reports/day` answers it as JSON (central/routes/reports.py) and the head-office page
`/ho/day` shows it; `central day-report` prints it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import format_currency
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.models import Location, Order, OrderLine, Payment, Staff, Style, Variant
from sync.day_figures import TENDER_NAMES, TOP_ITEMS, Bucket, day_range
from sync.pricing.money import exponent


@dataclass(frozen=True, slots=True)
class StoreDay:
    store: str
    name: str
    currency: str
    timezone: str
    day: date
    sales: int
    total: int
    hours: list[Bucket] = field(default_factory=list)
    tenders: list[Bucket] = field(default_factory=list)
    top_items: list[Bucket] = field(default_factory=list)
    staff: list[Bucket] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["day"] = self.day.isoformat()
        return out


def money_text(minor: int, currency: str, locale: str) -> str:
    """`¥85,522`, `1.234,50 €`: an amount as the store writes it."""
    value = Decimal(minor).scaleb(-exponent(currency))
    return str(format_currency(value, currency, locale=locale)).replace("\u00a0", " ")


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def store_day(session: Session, store: Location, day: date | None = None) -> StoreDay:
    """One store's figures for its local `day` (None: today in the store's time zone)."""
    tz = ZoneInfo(store.timezone)
    if day is None:
        day = datetime.now(tz).date()
    start, end = day_range(day, store.timezone)
    when = (Order.store_id == store.id, Order.completed_at >= start, Order.completed_at < end)
    rows = session.execute(select(Order.completed_at, Order.total).where(*when)).all()
    by_hour: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for at, total in rows:
        b = by_hour[_aware(at).astimezone(tz).hour]
        b[0] += 1
        b[1] += int(total)
    hours = [Bucket(f"{h:02d}", f"{h:02d}:00", c, t) for h, (c, t) in sorted(by_hour.items())]
    kept = func.sum(Payment.amount - Payment.change)
    tenders = [
        Bucket(t, TENDER_NAMES.get(t, t), int(c), int(a))
        for t, c, a in session.execute(
            select(Payment.type, func.count(func.distinct(Payment.order_id)), kept)
            .join(Order, Order.id == Payment.order_id)
            .where(*when)
            .group_by(Payment.type)
            .order_by(kept.desc(), Payment.type)
        )
    ]
    amount = func.sum(OrderLine.total)
    items = [
        Bucket(sku, name, int(q), int(a))
        for sku, name, q, a in session.execute(
            select(OrderLine.sku, func.max(Style.name), func.sum(OrderLine.quantity), amount)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Variant, Variant.id == OrderLine.variant_id)
            .join(Style, Style.id == Variant.style_id)
            .where(*when)
            .group_by(OrderLine.sku)
            .order_by(amount.desc(), OrderLine.sku)
            .limit(TOP_ITEMS)
        )
    ]
    sold = func.sum(Order.total)
    staff_rows = session.execute(
        select(Order.staff_id, func.count(), sold).where(*when).group_by(Order.staff_id).order_by(sold.desc())
    ).all()
    names = dict(
        ((int(i), str(n)) for i, n in session.execute(select(Staff.id, Staff.name).where(Staff.store_id == store.id)))
    )
    staff = [
        Bucket(str(sid), names.get(sid, f"#{sid}") if sid is not None else "—", int(c), int(a))
        for sid, c, a in staff_rows
    ]
    return StoreDay(
        store=store.code,
        name=store.name,
        currency=store.currency,
        timezone=store.timezone,
        day=day,
        sales=len(rows),
        total=sum(int(t) for _, t in rows),
        hours=hours,
        tenders=tenders,
        top_items=items,
        staff=staff,
    )


def stores_day(session: Session, day: date | None = None, store_id: int | None = None) -> list[StoreDay]:
    """Every store's figures (or one store's), by store code."""
    q = select(Location).where(Location.kind == "store").order_by(Location.code)
    if store_id is not None:
        q = q.where(Location.id == store_id)
    return [store_day(session, loc, day) for loc in session.scalars(q)]


def day_report_command(db: Any, day_text: str | None, store: str | None) -> int:
    """`central day-report [--date YYYY-MM-DD] [--store CODE]`: the figures in words."""
    import sys

    try:
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError:
        print(f"central day-report: {day_text!r} is not a date: give it as 2026-12-02", file=sys.stderr)
        return 2
    with db.session() as s:
        store_id = None
        if store is not None:
            store_id = s.scalar(select(Location.id).where(Location.code == store, Location.kind == "store"))
            if store_id is None:
                print(f"central day-report: no store with code {store}", file=sys.stderr)
                return 2
        locales = {str(c): str(v) for c, v in s.execute(select(Location.code, Location.locale))}
        for d in stores_day(s, day, store_id):
            loc = locales.get(d.store, "en_US")
            print(f"{d.store} {d.name} · {d.day.isoformat()}: {d.sales} sales, {money_text(d.total, d.currency, loc)}")
            for title, buckets in (
                ("by hour", d.hours),
                ("tenders", d.tenders),
                ("top items", d.top_items),
                ("staff", d.staff),
            ):
                words = ", ".join(f"{b.label} {money_text(b.total, d.currency, loc)} ({b.count})" for b in buckets)
                print(f"  {title}: {words or '-'}")
    return 0
