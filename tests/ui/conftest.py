"""Shared fixtures for the UI tests: the real theme, a drained work bridge, a real enrolled and
bootstrapped device talking to a real central on loopback, a signed-in session and the main
window. Nothing here is mocked except where the keyring keeps its secret (MemoryKeyring)."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from central.db import Database
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.auth import Session, SignInError
from pos_app.services.enrollment import enroll
from pos_app.ui import theme
from pos_app.ui.bridge import SyncBridge
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import Ops
from tests.support.servers import free_port, run_central

SCREEN = (1280, 800)
DEMO_PINS = {"ASSOCIATE": ("1111", "1112"), "SUPERVISOR": ("2222",), "MANAGER": ("3333",)}  # central/seed.py


@pytest.fixture(scope="session", autouse=True)
def _themed_app(qapp: QApplication) -> None:
    """The production look (sizes included), so size assertions mean what a tablet shows."""
    theme.apply(qapp)


class OnTheUiThread(AssertionError):
    pass


def _ui_frames() -> list[str]:
    """The frames of pos_app.ui code on the current stack (the UI reached the disk from here)."""
    return [
        f"{f.filename}:{f.lineno} {f.name}"
        for f in traceback.extract_stack()
        if "/pos_app/ui/" in f.filename.replace("\\", "/") and not f.filename.endswith("operations.py")
    ]


@pytest.fixture(autouse=True)
def thread_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """For the whole UI suite: the disk (the local store, reads and writes, the picture cache) and the keyring may
    not be touched from the GUI thread by UI code. The test's own set-up and checks (no UI frame
    on the stack) may read the store directly. A violation raises where it happens AND fails the
    test at teardown, even if some code swallowed the exception."""
    violations: list[str] = []

    def guard(what: str = "the local store") -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frames = _ui_frames()
        if frames:
            violations.append(f"{what} from the GUI thread via {frames[-1]}")
            raise OnTheUiThread(f"{what} touched on the GUI thread by UI code ({frames[-1]})")

    # The store's own hook (LocalStore.thread_guard, called by raw()/tx()) where it exists;
    # wrapped by hand as well, so the guard holds whatever the store version.
    if hasattr(LocalStore, "thread_guard"):
        monkeypatch.setattr(LocalStore, "thread_guard", staticmethod(guard), raising=False)
    for name in ("raw", "tx"):
        original = getattr(LocalStore, name)

        def wrapped(self: LocalStore, *a: object, _orig: Callable[..., object] = original, **k: object) -> object:
            guard()
            return _orig(self, *a, **k)

        monkeypatch.setattr(LocalStore, name, wrapped)
    for name in ("get_password", "set_password", "delete_password", "get_credential"):
        original_kr = getattr(keyring, name, None)
        if original_kr is None:
            continue

        def wrapped_kr(*a: object, _orig: Callable[..., object] = original_kr, **k: object) -> object:
            guard("the keyring")
            return _orig(*a, **k)

        monkeypatch.setattr(keyring, name, wrapped_kr)
    # Pictures: the disk cache and central, through ImageService, only from a worker too.
    from pos_app.services.images import ImageService

    for name in ("get", "cached"):
        original_img = getattr(ImageService, name)

        def wrapped_img(self: object, *a: object, _orig: Callable[..., object] = original_img, **k: object) -> object:
            guard("the picture cache")
            return _orig(self, *a, **k)

        monkeypatch.setattr(ImageService, name, wrapped_img)
    yield violations
    assert not violations, "UI code touched the disk or keyring on the GUI thread:\n" + "\n".join(violations)


@dataclass
class StoppableCentral:
    """A real central on a fixed loopback port that a test may stop and start again."""

    db: Database
    port: int = field(default_factory=free_port)
    _running: ExitStack | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        assert self._running is None
        stack = ExitStack()
        assert stack.enter_context(run_central(self.db, port=self.port)) == self.url
        self._running = stack

    def stop(self) -> None:
        if self._running is not None:
            self._running.close()
            self._running = None


@pytest.fixture
def stoppable_central(central_db: Database) -> Iterator[StoppableCentral]:
    central = StoppableCentral(central_db)
    central.start()
    yield central
    central.stop()


def enrol_dir(url: str, code: str, data: Path) -> Path:
    store = LocalStore(data)
    assert enroll(store, url, code, "ui test tablet") == "Aisle Shibuya"
    store.close()
    return data


def synced_device(data: Path) -> Device:
    dev = Device(data, keepalive_seconds=1.0, poll_seconds=2.0)
    status = dev.engine.sync_once()
    assert status.online and dev.bootstrapped(), status.message
    return dev


@pytest.fixture
def enrolled_dir(central_url: str, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path) -> Path:
    """A data directory enrolled with TKY01 against the real central; token in the test keyring."""
    return enrol_dir(central_url, enroll_code("TKY01"), tmp_path / "tablet")


@pytest.fixture
def ui_device(enrolled_dir: Path) -> Iterator[Device]:
    """Enrolled and bootstrapped; the sync engine's threads are not started (tests drive sync)."""
    dev = synced_device(enrolled_dir)
    yield dev
    dev.close()


@pytest.fixture
def offline_device(enrolled_dir: Path) -> Iterator[Device]:
    """Bootstrapped against the real central, then re-opened pointing at a port nobody listens on."""
    first = synced_device(enrolled_dir)
    first.store.set_meta({"central_url": f"http://127.0.0.1:{free_port()}"})
    first.close()
    dev = Device(enrolled_dir, keepalive_seconds=1.0, poll_seconds=2.0)
    yield dev
    dev.close()


@pytest.fixture
def stoppable_device(
    stoppable_central: StoppableCentral, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path
) -> Iterator[Device]:
    dev = synced_device(enrol_dir(stoppable_central.url, enroll_code("TKY01"), tmp_path / "tablet"))
    yield dev
    dev.close()


def _drained_bridge(qtbot: QtBot) -> Iterator[Ops]:
    bridge = Ops()
    yield bridge
    # Let every background task land on the UI thread before the device under it closes.
    qtbot.waitUntil(lambda: bridge.in_flight == 0, timeout=10_000)
    bridge.shutdown(wait=True)


@pytest.fixture
def bridge(qtbot: QtBot, ui_device: Device) -> Iterator[Ops]:
    """Torn down before `ui_device` (it depends on it), after waiting for tasks in flight."""
    yield from _drained_bridge(qtbot)


@pytest.fixture
def offline_bridge(qtbot: QtBot, offline_device: Device) -> Iterator[Ops]:
    yield from _drained_bridge(qtbot)


@pytest.fixture
def stoppable_bridge(qtbot: QtBot, stoppable_device: Device) -> Iterator[Ops]:
    yield from _drained_bridge(qtbot)


def sign_in(device: Device, role: str = "ASSOCIATE") -> Session:
    person = next(p for p in device.auth.staff() if p.role.name == role)
    for pin in DEMO_PINS[role]:
        try:
            return device.auth.sign_in(person.id, pin)
        except SignInError:
            continue
    raise AssertionError(f"no demo PIN signs in {person.name}")


@pytest.fixture
def session(ui_device: Device) -> Session:
    return sign_in(ui_device, "ASSOCIATE")


def open_window(qtbot: QtBot, device: Device, session: Session, bridge: Ops) -> MainWindow:
    sync = SyncBridge(device.engine)
    window = MainWindow(device, session, bridge, sync)
    sync.setParent(window)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot: QtBot, ui_device: Device, session: Session, bridge: Ops) -> MainWindow:
    return open_window(qtbot, ui_device, session, bridge)


def button(parent: QWidget, text: str) -> QPushButton:
    """The one visible button with exactly this text."""
    found = [b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert len(found) == 1, f"{len(found)} visible buttons say {text!r}"
    return found[0]


def scanner_burst(widget: QWidget, text: str, enter: bool = True) -> None:
    """Type like a USB scanner in keyboard mode: no delay between keys, Shift pressed on its own
    before each shifted character (as a HID keyboard does), then Enter. Events go through
    QApplication.notify, so application-wide event filters see them as they would real keys."""
    shift = Qt.KeyboardModifier.ShiftModifier
    none = Qt.KeyboardModifier.NoModifier
    for ch in text:
        shifted = ch.isupper() or ch in ':?&=_+!@#$%^*()"<>{}|~'
        if shifted:
            QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, shift, ""))
        key = ord(ch.upper())  # Qt's key codes for printable ASCII are the (upper-case) characters
        mods = shift if shifted else none
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, mods, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, mods, ch))
        if shifted:
            QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, none, ""))
    if enter:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, none, "\r"))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Return, none, "\r"))
