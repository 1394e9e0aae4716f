"""Stock figures as staff read them: available = on hand - reserved, low-stock marks,
the age of a figure, and the reasons a person may correct a count for."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from enum import Enum

LOW_STOCK = 2  # available at or below this (and above zero) is "low"


class Level(Enum):
    OUT = "out"
    LOW = "low"
    OK = "ok"


def level(available: int) -> Level:
    if available <= 0:
        return Level.OUT
    if available <= LOW_STOCK:
        return Level.LOW
    return Level.OK


class CorrectionReason(Enum):
    FOUND = "found"
    DAMAGED = "damaged"
    THEFT = "theft"
    MISCOUNT = "miscount"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "found": "Found more",
            "damaged": "Damaged",
            "theft": "Missing / theft",
            "miscount": "Count was wrong",
            "other": "Other (say why)",
        }[self.value]

    @property
    def direction(self) -> int:
        """+1: only more pieces (found); -1: only fewer (damaged, lost); 0: either way."""
        return {"found": 1, "damaged": -1, "theft": -1}.get(self.value, 0)

    def allowed_for(self, delta: int) -> bool:
        """Whether this reason fits a change of `delta` pieces (any reason fits 0: nothing to save)."""
        return self.direction == 0 or delta == 0 or (delta > 0) == (self.direction > 0)

    @classmethod
    def for_delta(cls, delta: int) -> list[CorrectionReason]:
        """The reasons a person may pick for this change, in display order."""
        return [r for r in cls if r.allowed_for(delta)]


def as_of_text(as_of: datetime, now: datetime, local_tz: tzinfo | None = None) -> str:
    """The time a figure was true, as staff read it: 10:42 today, or 3 Nov 10:42 if older."""
    local = as_of.astimezone(local_tz)
    if now - as_of < timedelta(hours=20):
        return f"{local:%H:%M}"
    return f"{local.day} {local:%b %H:%M}"


def local_time_text(at: datetime, local_tz: tzinfo | None = None) -> str:
    """A time for a person in the store: local date and time with the zone's name
    ("2026-12-01 10:42 JST"); the store's zone when known, else this computer's."""
    local = at.astimezone(local_tz)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".rstrip()


def age_text(at: datetime, now: datetime) -> str:
    """How old a figure is, in words: "just now", "5 min ago", "3 h ago", "2 days ago"."""
    seconds = max(0, int((now - at).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"
