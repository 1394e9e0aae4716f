"""This device's own settings: its receipt printer (and, with the card issue, its terminal).

Kept in ``settings.json`` in the data directory, beside device.db: they belong to the physical
till, not to the retailer's data, so they are neither synced nor lost with a cache re-download.
Secrets never go here (a terminal's passphrase lives in the OS keyring). Written atomically
(a temporary file renamed over the old one), so a crash leaves the old or the new file.

Decision (docs/receipts.md "Which printer"): no printer configured means "this till prints
nothing"; the receipt is still kept and can be reprinted or e-mailed, and the screen says so.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from pos_app.devices.printer import PrinterError, Transport, printer_from_url
from pos_app.services.errors import ValidationFailed

FILE = "settings.json"
COLUMNS = (42, 48)


@dataclass(frozen=True)
class DeviceSettings:
    printer: str = ""  # tcp://host[:9100] | file:///dev/usb/lp0 | serial:///dev/ttyS0?baud=19200 | "" (none)
    printer_columns: int = 48  # 48 for 576-dot (80 mm) printers, 42 for 512-dot ones
    gift_receipt_default: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # sections of later issues (the terminal)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        extra = d.pop("extra")
        return {**d, **extra}


def _check(s: DeviceSettings) -> DeviceSettings:
    if s.printer_columns not in COLUMNS:
        raise ValidationFailed(
            "settings.columns", "A receipt printer is 42 or 48 columns wide.", value=s.printer_columns
        )
    if s.printer:
        try:
            printer_from_url(s.printer)
        except PrinterError as e:
            raise ValidationFailed("settings.printer", str(e), value=s.printer) from None
    return s


class SettingsService:
    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / FILE

    def load(self) -> DeviceSettings:
        """The settings, or the defaults when there is no file. A file that is not ours (not
        JSON, wrong types) raises one sentence naming the file: it is never silently replaced."""
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return DeviceSettings()
        except (OSError, ValueError) as e:
            raise ValidationFailed(
                "settings.unreadable", f"The device settings in {self.path} cannot be read ({e}).", path=str(self.path)
            ) from None
        if not isinstance(raw, dict):
            raise ValidationFailed(
                "settings.unreadable", f"The device settings in {self.path} are not a JSON object.", path=str(self.path)
            )
        known = {"printer", "printer_columns", "gift_receipt_default"}
        try:
            s = DeviceSettings(
                printer=str(raw.get("printer", "")),
                printer_columns=int(raw.get("printer_columns", 48)),
                gift_receipt_default=bool(raw.get("gift_receipt_default", False)),
                extra={k: v for k, v in raw.items() if k not in known},
            )
        except (TypeError, ValueError) as e:
            raise ValidationFailed(
                "settings.unreadable", f"The device settings in {self.path} have a wrong value ({e}).", path=str(self.path)
            ) from None
        return s

    def save(self, settings: DeviceSettings) -> DeviceSettings:
        _check(settings)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(settings.to_dict(), f, indent=2, ensure_ascii=False, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return settings

    def update(self, **changes: Any) -> DeviceSettings:
        return self.save(replace(self.load(), **changes))

    def printer(self) -> Transport | None:
        """The configured printer's transport (None: this till prints nothing)."""
        s = self.load()
        return printer_from_url(s.printer) if s.printer else None


__all__ = ["DeviceSettings", "SettingsService"]
