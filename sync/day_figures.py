"""What the manager's day is made of, shared by the till's own figures
(pos_app/services/manager_day.py) and head office's of every store (central/reports.py): one
bar or slice (`Bucket`), the words of the tenders, how many top items, and a store's local day
as a UTC range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TOP_ITEMS = 5
TENDER_NAMES = {"cash": "Cash", "card": "Card", "store_credit": "Store credit", "gift_card": "Gift card"}


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bar or slice: what it is, how many (sales, or units for items) and how much (minor units)."""

    key: str
    label: str
    count: int
    total: int


def day_range(day: date, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of a local calendar day of `timezone`, in UTC."""
    tz = ZoneInfo(timezone)
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    return start, datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
