"""Receipt printers: the transport contract and its network (TCP 9100), file (USB via usblp,
parallel, plain file) and serial transports, plus a fake network printer for tests."""

from pos_app.devices.printer.base import PrinterError, PrinterStatus, Transport
from pos_app.devices.printer.file import FilePrinter
from pos_app.devices.printer.network import NetworkPrinter
from pos_app.devices.printer.serial import SerialPrinter


def printer_from_url(url: str) -> Transport:
    """``tcp://host[:port]``, ``file:///dev/usb/lp0``, ``serial:///dev/ttyS0?baud=19200``."""
    from urllib.parse import parse_qs, urlsplit

    u = urlsplit(url)
    if u.scheme == "tcp":
        return NetworkPrinter(u.hostname or "127.0.0.1", u.port or 9100)
    if u.scheme == "file":
        return FilePrinter(u.path)
    if u.scheme == "serial":
        baud = int(parse_qs(u.query).get("baud", ["19200"])[0])
        return SerialPrinter(u.path, baud)
    raise PrinterError("printer.url", f"Unknown printer address {url!r} (tcp://, file:// or serial://).")


__all__ = [
    "FilePrinter",
    "NetworkPrinter",
    "PrinterError",
    "PrinterStatus",
    "SerialPrinter",
    "Transport",
    "printer_from_url",
]
