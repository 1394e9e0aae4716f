"""What every device-op handler shares: the caller, the rejection, the outcome of applying."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Caller:
    """The device that sent the op (from its token)."""

    device_id: str
    store_id: int


class OpRejected(Exception):
    """The op can never succeed as sent (a 4xx): the device dead-letters it."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Applied:
    """A handler's answer: the result stored with the op's record (and sent back on every
    replay), the newest change-log sequence it wrote, and the (stream, scope) pairs it touched
    (for the poke hub)."""

    result: dict[str, Any]
    seq: int = 0
    touched: list[tuple[str, int]] = field(default_factory=list)
