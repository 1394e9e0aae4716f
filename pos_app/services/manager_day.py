"""The manager's day on this till (issue 11): sales by hour, the tender mix, the top items and
the staff, for one local calendar day of the store, read from device.db's sales (docs/shifts.md
"The manager's day"). The shape is the same as central's `GET /v1/reports/day` answers for a
store, so the screen could show either."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pos_app.core.money import exponent
from pos_app.local.store import LocalStore
from sync.day_figures import TENDER_NAMES, TOP_ITEMS, Bucket, day_range


@dataclass(frozen=True, slots=True)
class DayFigures:
    day: date
    currency: str
    sales: int
    total: int
    hours: list[Bucket] = field(default_factory=list)  # every hour with a sale, "09" … "21"
    tenders: list[Bucket] = field(default_factory=list)  # what was kept: tendered − change
    top_items: list[Bucket] = field(default_factory=list)  # by amount, TOP_ITEMS at most
    staff: list[Bucket] = field(default_factory=list)  # by amount

    @property
    def exponent(self) -> int:
        """Decimal places of the currency (a chart's axis shows major units)."""
        return exponent(self.currency) if self.currency else 0

    @property
    def empty(self) -> bool:
        return self.sales == 0


def day_bounds(day: date, timezone: str) -> tuple[str, str]:
    """The UTC ISO strings [start, end) of a local calendar day, as sales.completed_at is kept
    (`datetime.isoformat()` of a UTC time: these compare as strings)."""
    start, end = day_range(day, timezone)
    return start.isoformat(), end.isoformat()


def day_figures(
    store: LocalStore,
    store_id: int,
    day: date | None,
    names: dict[int, str],
    tender_names: dict[str, str] = TENDER_NAMES,
) -> DayFigures:
    """The figures of `day` (the store's local date; None = today there) on this till."""
    rows = store.query("SELECT currency, timezone FROM locations WHERE id=?", (store_id,))
    currency, timezone = (str(rows[0][0]), str(rows[0][1])) if rows and rows[0][1] else ("", "UTC")
    if day is None:
        day = datetime.now(ZoneInfo(timezone)).date()
    start, end = day_bounds(day, timezone)
    with store.raw("device") as con:
        return _figures(con, day, currency, timezone, start, end, names, tender_names)


def _figures(
    con: sqlite3.Connection,
    day: date,
    currency: str,
    timezone: str,
    start: str,
    end: str,
    names: dict[int, str],
    tender_names: dict[str, str],
) -> DayFigures:
    when = "s.completed_at >= ? AND s.completed_at < ? AND s.status <> 'rejected'"
    args = (start, end)
    n, total = con.execute(f"SELECT count(*), coalesce(sum(total), 0) FROM sales s WHERE {when}", args).fetchone()
    tz = ZoneInfo(timezone)
    by_hour: dict[int, list[int]] = {}
    for at, amount in con.execute(f"SELECT completed_at, total FROM sales s WHERE {when}", args):
        h = datetime.fromisoformat(at).astimezone(tz).hour
        b = by_hour.setdefault(h, [0, 0])
        b[0] += 1
        b[1] += int(amount)
    hours = [Bucket(f"{h:02d}", f"{h:02d}:00", c, t) for h, (c, t) in sorted(by_hour.items())]
    tenders = [
        Bucket(str(t), tender_names.get(str(t), str(t)), int(c), int(a))
        for t, c, a in con.execute(
            "SELECT p.type, count(DISTINCT s.sale_id), sum(p.amount - p.change) FROM sales s "
            f"JOIN sale_payments p ON p.sale_id = s.sale_id WHERE {when} GROUP BY p.type ORDER BY 3 DESC, 1",
            args,
        )
    ]
    items = [
        Bucket(str(sku), str(name), int(q), int(a))
        for sku, name, q, a in con.execute(
            "SELECT l.sku, max(l.name), sum(l.quantity), sum(l.total) FROM sales s "
            f"JOIN sale_lines l ON l.sale_id = s.sale_id WHERE {when} GROUP BY l.sku ORDER BY 4 DESC, 1 LIMIT ?",
            (*args, TOP_ITEMS),
        )
    ]
    staff = [
        Bucket(str(sid), names.get(int(sid), f"#{sid}"), int(c), int(a))
        for sid, c, a in con.execute(
            f"SELECT staff_id, count(*), sum(total) FROM sales s WHERE {when} GROUP BY staff_id ORDER BY 3 DESC, 1",
            args,
        )
    ]
    return DayFigures(day, currency, int(n), int(total), hours, tenders, items, staff)
