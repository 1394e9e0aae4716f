"""A network receipt printer on raw TCP port 9100 (Epson TM, Star, Bixolon … Ethernet/Wi-Fi)."""

from __future__ import annotations

import socket

from pos_app.devices.printer.base import DLE_EOT, PrinterError, PrinterStatus


class NetworkPrinter:
    def __init__(self, host: str, port: int = 9100, timeout: float = 3.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.name = f"tcp://{host}:{port}"

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as e:
            raise PrinterError(
                "printer.offline", f"The printer at {self.host}:{self.port} does not answer ({e})."
            ) from None

    def send(self, data: bytes) -> None:
        with self._connect() as s:
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
                s.settimeout(self.timeout)
                while s.recv(4096):  # wait until the printer has read it all and closes
                    pass
            except OSError as e:
                raise PrinterError(
                    "printer.io", f"The printer at {self.host}:{self.port} stopped taking data ({e})."
                ) from None

    def status(self) -> PrinterStatus | None:
        """Asks DLE EOT 1, 2 and 4; a printer that does not answer in time is offline."""
        try:
            with self._connect() as s:
                answers = []
                for n in (1, 2, 4):
                    s.sendall(DLE_EOT + bytes([n]))
                    b = s.recv(1)
                    if not b:
                        return PrinterStatus(online=False)
                    answers.append(b[0])
                return PrinterStatus.from_bytes(*answers)
        except PrinterError:
            return PrinterStatus(online=False)
        except OSError:
            return PrinterStatus(online=False)
