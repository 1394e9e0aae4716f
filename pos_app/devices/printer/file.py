"""A printer behind a file: a USB printer through the kernel's usblp driver (``/dev/usb/lp0``),
a parallel port, or a plain file (to keep the bytes, or for a spooler to pick up)."""

from __future__ import annotations

import os
from pathlib import Path

from pos_app.devices.printer.base import PrinterError, PrinterStatus


class FilePrinter:
    def __init__(self, path: str | Path, *, append: bool = True) -> None:
        self.path = Path(path)
        self.append = append
        self.name = f"file://{self.path}"

    def send(self, data: bytes) -> None:
        try:
            with open(self.path, "ab" if self.append else "wb") as f:
                f.write(data)
                f.flush()
        except OSError as e:
            raise PrinterError("printer.offline", f"The printer at {self.path} cannot be written ({e}).") from None

    def status(self) -> PrinterStatus | None:
        """A device node that is gone or not writable is offline; more it cannot tell."""
        if self.path.exists():
            return None if os.access(self.path, os.W_OK) else PrinterStatus(online=False)
        if str(self.path).startswith("/dev/"):
            return PrinterStatus(online=False)
        return None if os.access(self.path.parent, os.W_OK) else PrinterStatus(online=False)
