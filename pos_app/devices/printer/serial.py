"""A serial receipt printer (RS-232, or USB-serial adapters) through pyserial, if installed.

pyserial is the standard serial library (small, pure Python) but not a dependency of Aisle
yet: without it this transport says so (``printer.driver_missing``) instead of failing later.
Status is asked with DLE EOT like the network printer.
"""

from __future__ import annotations

from typing import Any

from pos_app.devices.printer.base import DLE_EOT, PrinterError, PrinterStatus


class SerialPrinter:
    def __init__(self, port: str, baudrate: int = 19200, timeout: float = 2.0) -> None:
        self.port, self.baudrate, self.timeout = port, baudrate, timeout
        self.name = f"serial://{port}@{baudrate}"

    def _open(self) -> Any:
        try:
            import serial  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            raise PrinterError("printer.driver_missing", "Serial printers need the pyserial package.") from None
        try:
            return serial.Serial(self.port, self.baudrate, timeout=self.timeout, write_timeout=self.timeout)
        except (OSError, ValueError) as e:
            raise PrinterError(
                "printer.offline", f"The serial printer at {self.port} cannot be opened ({e})."
            ) from None

    def send(self, data: bytes) -> None:
        port = self._open()
        try:
            port.write(data)
            port.flush()
        except OSError as e:
            raise PrinterError("printer.io", f"The serial printer at {self.port} stopped taking data ({e}).") from None
        finally:
            port.close()

    def status(self) -> PrinterStatus | None:
        try:
            port = self._open()
        except PrinterError as e:
            return None if e.code == "printer.driver_missing" else PrinterStatus(online=False)
        try:
            answers = []
            for n in (1, 2, 4):
                port.write(DLE_EOT + bytes([n]))
                b = port.read(1)
                if not b:
                    return None  # many serial printers are wired without the return line
                answers.append(b[0])
            return PrinterStatus.from_bytes(*answers)
        finally:
            port.close()
