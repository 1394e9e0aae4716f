"""The printer transport contract: send bytes, and tell the status where the transport can.

A transport knows nothing of receipts: `sync.receipts.escpos` makes the bytes and
`pos_app.services.receipts` queues them, so a printer that is off or out of paper never blocks
or loses a sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

DLE_EOT = b"\x10\x04"  # real-time status request: DLE EOT n


class PrinterError(Exception):
    """The printer could not take the job. ``code``: printer.offline | printer.paper_out |
    printer.cover_open | printer.io | printer.driver_missing."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    online: bool
    paper_out: bool = False
    paper_low: bool = False
    cover_open: bool = False

    @property
    def ready(self) -> bool:
        return self.online and not self.paper_out and not self.cover_open

    @property
    def problem(self) -> str | None:
        if not self.online:
            return "printer.offline"
        if self.paper_out:
            return "printer.paper_out"
        if self.cover_open:
            return "printer.cover_open"
        return None

    @classmethod
    def from_bytes(cls, printer: int, offline: int, paper: int) -> PrinterStatus:
        """From the answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper)."""
        return cls(
            online=not printer & 0x08,
            cover_open=bool(offline & 0x04),
            paper_out=bool(paper & 0x60) or bool(offline & 0x20),
            paper_low=bool(paper & 0x0C),
        )


@runtime_checkable
class Transport(Protocol):
    name: str

    def send(self, data: bytes) -> None:
        """Deliver ``data`` to the printer or raise PrinterError."""
        ...

    def status(self) -> PrinterStatus | None:
        """The printer's status, or None when this transport cannot ask."""
        ...
