"""This device's own settings: its receipt printer, its card terminal and how its screens read.

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
from urllib.parse import urlsplit

from pos_app.core.auth import Permission, Role
from pos_app.devices.printer import PrinterError, Transport, printer_from_url
from pos_app.devices.terminal import NexoKey, NexoTerminal, PaymentTerminal, SimulatedTerminal, TerminalSimulator
from pos_app.services.errors import ValidationFailed

FILE = "settings.json"
COLUMNS = (42, 48)

# Decision (docs/terminal.md "The settings screen"): changing the printer or the card terminal
# changes how money is handled, so it takes a supervisor's or a manager's PIN on the spot, even
# when one is signed in. `Permission` has no member of its own for it: its members are role
# levels, and a new one of the supervisor's level would only be an alias of this one.
SETTINGS_PERMISSION = Permission.CONFIGURE_DEVICE
SETTINGS_ROLE = Role(SETTINGS_PERMISSION.value)


TERMINAL_KINDS = ("", "simulated", "network")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class TerminalSettings:
    """This till's card terminal (docs/terminal.md "Setting up a terminal"). The passphrase of
    its message protection is in the OS keyring (`secrets.save_terminal_passphrase`), never here.
    Whether the terminal may approve offline is its own; how much is central's (the store's
    `card_limits` stream, PaymentService). A settings.json of before keeps `offline_per_sale` /
    `offline_total` keys: ignored."""

    kind: str = ""  # "" (no terminal) | simulated (in process, for a try-out) | network (nexo over the LAN)
    url: str = ""  # https://192.168.1.20:8443/nexo/ (network)
    poiid: str = ""  # the terminal's id, e.g. V400m-123456789 (also its certificate's name)
    key_id: str = ""  # message protection: the key identifier and version set on the terminal
    key_version: int = 1
    ca_file: str = ""  # the CA the terminal's certificate must chain to (HTTPS)
    allow_plain: bool = False  # plain HTTP: loopback only (tests, a local simulator)
    store_and_forward: bool = False  # the terminal may approve offline (within central's caps)

    @property
    def configured(self) -> bool:
        return bool(self.kind)


@dataclass(frozen=True)
class DeviceSettings:
    printer: str = ""  # tcp://host[:9100] | file:///dev/usb/lp0 | serial:///dev/ttyS0?baud=19200 | "" (none)
    printer_columns: int = 48  # 48 for 576-dot (80 mm) printers, 42 for 512-dot ones
    gift_receipt_default: bool = False
    terminal: TerminalSettings = field(default_factory=TerminalSettings)
    extra: dict[str, Any] = field(default_factory=dict)  # sections of later issues

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        extra = d.pop("extra")
        if not self.terminal.configured:
            d.pop("terminal")
        return {**d, **extra}


TEXT_SIZES = (100, 125, 150)


@dataclass(frozen=True)
class DisplaySettings:
    """How this till's screens read (docs/accessibility.md): text at 100, 125 or 150 % and the
    high-contrast colours. The till's, not a person's: settings.json `display`. No PIN: it
    changes nothing about money. A value not ours (a hand edit) reads as the default."""

    text_size: int = 100
    high_contrast: bool = False

    @staticmethod
    def from_dict(raw: Any) -> DisplaySettings:
        if not isinstance(raw, dict):
            return DisplaySettings()
        size = raw.get("text_size", 100)
        return DisplaySettings(
            text_size=size if isinstance(size, int) and size in TEXT_SIZES else 100,
            high_contrast=raw.get("high_contrast") is True,
        )


def _check_terminal(t: TerminalSettings) -> None:
    def bad(code: str) -> ValidationFailed:
        return ValidationFailed(code)

    if t.kind not in TERMINAL_KINDS:
        raise bad("settings.terminal_kind")
    if not t.kind:
        return
    if t.kind == "network":
        if not t.poiid.strip() or len(t.poiid) > 40 or not t.poiid.isprintable() or " " in t.poiid:
            raise bad("settings.terminal_poiid")
        u = urlsplit(t.url if "://" in t.url else f"https://{t.url}")
        if u.scheme not in ("https", "http") or not u.hostname:
            raise bad("settings.terminal_url")
        try:
            u.port  # noqa: B018 - raises for a bad port
        except ValueError:
            raise bad("settings.terminal_port") from None
        if u.scheme == "http" and not (t.allow_plain and u.hostname in LOOPBACK):
            raise bad("settings.terminal_plain")
        if u.scheme == "https" and not (t.ca_file and Path(t.ca_file).is_file()):
            raise bad("settings.terminal_ca")
    if t.key_id and t.key_version < 1:
        raise bad("settings.terminal_key")


def build_terminal(t: TerminalSettings, *, sale_id: str, passphrase: str | None) -> PaymentTerminal | None:
    """The configured terminal (None: none set up). The passphrase comes from the keyring."""
    if not t.kind:
        return None
    key = NexoKey(passphrase, t.key_id, t.key_version) if passphrase and t.key_id else None
    if t.kind == "simulated":
        sim = TerminalSimulator(poiid=t.poiid or "V400m-123456789", key=key, store_and_forward=t.store_and_forward)
        return SimulatedTerminal(sim, sale_id=sale_id)
    return NexoTerminal(
        url=t.url,
        poiid=t.poiid,
        sale_id=sale_id,
        key=key,
        ca_file=t.ca_file or None,
        allow_plain=t.allow_plain,
        store_and_forward=t.store_and_forward,
    )


def _check(s: DeviceSettings) -> DeviceSettings:
    if s.printer_columns not in COLUMNS:
        raise ValidationFailed("settings.columns", value=s.printer_columns)
    if s.printer:
        try:
            printer_from_url(s.printer)
        except PrinterError as e:
            raise ValidationFailed("settings.printer", str(e), value=s.printer) from None
    _check_terminal(s.terminal)
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
            raise ValidationFailed("settings.unreadable", path=str(self.path), detail=str(e)) from None
        if not isinstance(raw, dict):
            raise ValidationFailed("settings.not_object", path=str(self.path))
        known = {"printer", "printer_columns", "gift_receipt_default", "terminal"}
        try:
            t = raw.get("terminal") or {}
            if not isinstance(t, dict):
                raise TypeError("terminal is not an object")
            names = set(TerminalSettings.__dataclass_fields__)
            s = DeviceSettings(
                printer=str(raw.get("printer", "")),
                printer_columns=int(raw.get("printer_columns", 48)),
                gift_receipt_default=bool(raw.get("gift_receipt_default", False)),
                terminal=TerminalSettings(**{k: v for k, v in t.items() if k in names}),
                extra={k: v for k, v in raw.items() if k not in known},
            )
        except (TypeError, ValueError) as e:
            raise ValidationFailed("settings.wrong_value", path=str(self.path), detail=str(e)) from None
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

    def display(self) -> DisplaySettings:
        return DisplaySettings.from_dict(self.load().extra.get("display"))

    def set_display(self, display: DisplaySettings) -> DisplaySettings:
        clean = DisplaySettings.from_dict(asdict(display))
        current = self.load()
        self.save(replace(current, extra={**current.extra, "display": asdict(clean)}))
        return clean

    def set_terminal(self, terminal: TerminalSettings) -> DeviceSettings:
        return self.update(terminal=_clean(terminal))


def check_terminal(t: TerminalSettings) -> TerminalSettings:
    """The terminal settings as they would be saved (trimmed), or ValidationFailed."""
    t = _clean(t)
    _check_terminal(t)
    return t


def _clean(terminal: TerminalSettings) -> TerminalSettings:
    return replace(
        terminal,
        url=terminal.url.strip(),
        poiid=terminal.poiid.strip(),
        key_id=terminal.key_id.strip(),
        ca_file=terminal.ca_file.strip(),
        key_version=int(terminal.key_version),
    )


__all__ = [
    "COLUMNS",
    "SETTINGS_PERMISSION",
    "TERMINAL_KINDS",
    "TEXT_SIZES",
    "DeviceSettings",
    "DisplaySettings",
    "SettingsService",
    "TerminalSettings",
    "build_terminal",
    "check_terminal",
]
