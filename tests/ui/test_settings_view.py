"""The settings screen against the real pieces: a supervisor's PIN opens it (AuthService.approve),
the receipt printer is the fake network printer on loopback (its real ESC/POS bytes read back),
and the card terminal is the terminal simulator over its network protocol in a thread (plain
HTTP on loopback, message protection on). Test connection: ok, a wrong POIID, unreachable; a
saved terminal keeps its passphrase in the keyring and never shows it back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_app.devices.printer.fake import FakeNetworkPrinter
from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import SimulatorServer, running_simulator
from pos_app.services import secrets
from pos_app.services.app import Device
from pos_app.services.settings import TerminalSettings
from pos_app.ui.main_window import MainWindow
from pos_app.ui.settings_view import SettingsSheet
from tests.support.servers import free_port
from tests.ui.conftest import DEMO_PINS

KEY = NexoKey("settings passphrase", "SetKey", 1)


@pytest.fixture
def sim(ui_device: Device) -> Iterator[tuple[TerminalSimulator, SimulatorServer]]:
    """The demo till's terminal as `pos-app terminal set --plain` leaves it (plain HTTP is only
    for loopback and only set from the command line)."""
    s = TerminalSimulator(key=KEY)
    with running_simulator(s) as server:
        ui_device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id=KEY.key_identifier,
                             allow_plain=True),
            passphrase=KEY.passphrase,
        )  # fmt: skip
        yield s, server


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as p:
        yield p


def tap(qtbot: QtBot, b: QPushButton) -> None:
    assert b.isVisible() and b.isEnabled(), f"{b.text()!r} cannot be tapped"
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def open_sheet(qtbot: QtBot, window: MainWindow) -> SettingsSheet:
    tap(qtbot, window.settings_button)
    sheet = window.findChild(SettingsSheet)
    assert isinstance(sheet, SettingsSheet) and sheet.isVisible()
    return sheet


def names(sheet: SettingsSheet) -> list[str]:
    return [
        b.text() for b in sheet.approval.findChildren(QPushButton) if b.objectName() == "approver" and b.isVisible()
    ]


def approve(qtbot: QtBot, sheet: SettingsSheet, device: Device, role: str = "SUPERVISOR", pin: str = "") -> None:
    person = next(p for p in device.auth.staff() if p.role.name == role)
    qtbot.waitUntil(lambda: person.name in names(sheet), timeout=5000)
    b = next(b for b in sheet.approval.findChildren(QPushButton) if b.text() == person.name)
    tap(qtbot, b)
    sheet.approval.pin.setText(pin or DEMO_PINS[role][0])
    sheet.approval.pin.returnPressed.emit()


def opened(qtbot: QtBot, window: MainWindow, device: Device) -> SettingsSheet:
    sheet = open_sheet(qtbot, window)
    approve(qtbot, sheet, device)
    qtbot.waitUntil(lambda: sheet.page == 1 and sheet.loaded is not None, timeout=5000)
    return sheet


def settings_json(device: Device) -> dict[str, Any]:
    path = device.data_dir / "settings.json"
    return json.loads(path.read_text()) if path.exists() else {}


def test_a_supervisor_or_manager_opens_the_settings_with_their_pin(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    sheet = open_sheet(qtbot, window)
    assert sheet.page == 0 and "supervisor or a manager" in sheet.approval.heading.text()
    people = {p.role.name: p.name for p in ui_device.auth.staff()}
    qtbot.waitUntil(lambda: bool(names(sheet)), timeout=5000)
    assert people["SUPERVISOR"] in names(sheet) and people["MANAGER"] in names(sheet)
    assert window.session.staff.name not in names(sheet)  # the signed-in associate may not
    approve(qtbot, sheet, ui_device, pin="9999")
    qtbot.waitUntil(lambda: bool(sheet.approval.error.text()), timeout=5000)
    assert sheet.page == 0 and "PIN" in sheet.approval.error.text()
    approve(qtbot, sheet, ui_device)
    qtbot.waitUntil(lambda: sheet.page == 1, timeout=5000)
    assert people["SUPERVISOR"] in sheet.approved_by.text()
    assert sheet.printer.text() == "" and sheet.kind_buttons[0].isChecked()  # nothing set up yet


def test_the_printer_is_saved_and_prints_a_test_page(
    qtbot: QtBot, window: MainWindow, ui_device: Device, printer: FakeNetworkPrinter
) -> None:
    sheet = opened(qtbot, window, ui_device)
    sheet.printer.setText("ftp://printer")
    tap(qtbot, sheet.save_printer)
    qtbot.waitUntil(lambda: sheet.printer_field.error.isVisible(), timeout=5000)
    assert sheet.printer_field.error.text().endswith(".") and "\n" not in sheet.printer_field.error.text()
    assert "printer" not in settings_json(ui_device)  # nothing saved, nothing lost
    sheet.printer.setText(f"tcp://127.0.0.1:{printer.port}")
    tap(qtbot, sheet.column_buttons[1])  # 42 columns
    tap(qtbot, sheet.test_page)
    qtbot.waitUntil(lambda: sheet.printer_result.isVisible(), timeout=5000)
    assert sheet.printer_result.text() == (
        f"Test page sent to tcp://127.0.0.1:{printer.port}: check that the ruler is on one line."
    )
    assert not sheet.printer_field.error.isVisible()
    [page] = printer.printouts()
    # in the Tokyo store's language and code page (Shift_JIS, Kanji mode), as its receipts
    assert page.lines[0] == "Aisle プリンター テスト印刷" and page.cuts == 1 and page.kanji_mode_used
    assert "1234567890" * 4 + "12" in page.lines and "目盛り 42桁（折り返さないこと）:" in page.lines
    assert "領収書 合計 ￥1,234" in page.lines
    stored = settings_json(ui_device)
    assert stored["printer"] == f"tcp://127.0.0.1:{printer.port}" and stored["printer_columns"] == 42
    assert ui_device.receipts.columns == 42 and ui_device.receipts.printer is not None  # used at once
    [entry] = [e for e in ui_device.store.journal_entries() if e.type == "settings.printer"]
    supervisor = next(p for p in ui_device.auth.staff() if p.role.name == "SUPERVISOR")
    assert entry.data["approved_by"] == supervisor.id and entry.data["staff_id"] == window.session.staff.id
    printer.power(False)  # off: one line under the address, the settings stay
    tap(qtbot, sheet.test_page)
    qtbot.waitUntil(lambda: sheet.printer_field.error.isVisible(), timeout=5000)
    assert (
        sheet.printer_field.error.text()
        == f"The printer at tcp://127.0.0.1:{printer.port} is off or cannot be reached."
    )


def test_test_connection_ok_wrong_poiid_and_unreachable(
    qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any
) -> None:
    s, server = sim
    sheet = opened(qtbot, window, ui_device)
    assert sheet.kind_buttons[2].isChecked() and sheet.url.text() == server.url and sheet.poiid.text() == s.poiid
    assert sheet.passphrase.text() == "" and sheet.passphrase.placeholderText() == "Kept: type a new one to change it"
    tap(qtbot, sheet.test_connection)
    qtbot.waitUntil(lambda: sheet.terminal_result.isVisible(), timeout=8000)
    assert sheet.terminal_result.text() == f"Terminal {s.poiid} answered (messages protected)."

    sheet.poiid.setText("V400m-999999999")  # another terminal's id: its passphrase is not kept
    tap(qtbot, sheet.test_connection)
    qtbot.waitUntil(lambda: sheet.passphrase_field.error.isVisible(), timeout=8000)
    assert sheet.passphrase_field.error.text() == "Type the passphrase set on the terminal for this key."
    sheet.passphrase.setText(KEY.passphrase)
    tap(qtbot, sheet.test_connection)
    qtbot.waitUntil(lambda: sheet.poiid_field.error.isVisible(), timeout=8000)
    assert sheet.poiid_field.error.text() == (
        f"Terminal '{s.poiid}' answered, but this till is set up for 'V400m-999999999'."
    )
    assert not sheet.terminal_result.isVisible() and not sheet.url_field.error.isVisible()

    sheet.poiid.setText(s.poiid)
    sheet.url.setText(f"http://127.0.0.1:{free_port()}/nexo/")
    tap(qtbot, sheet.test_connection)
    qtbot.waitUntil(lambda: sheet.url_field.error.isVisible(), timeout=15_000)
    assert sheet.url_field.error.text().startswith("The terminal at http://127.0.0.1:")
    assert sheet.url_field.error.text().endswith("; is it on and on this network?")
    assert not sheet.poiid_field.error.isVisible()
    assert settings_json(ui_device)["terminal"]["url"] == server.url  # testing saves nothing


def test_a_saved_terminal_keeps_its_passphrase_in_the_keyring_only(
    qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any
) -> None:
    s, _ = sim
    sheet = opened(qtbot, window, ui_device)
    sheet.key_id.setText("NewKey")
    sheet.key_version.setText("two")
    tap(qtbot, sheet.save_terminal)
    assert sheet.key_version_field.error.text() == "The key version is a number from 1."
    sheet.key_version.setText("2")
    sheet.passphrase.setText("a new passphrase")
    tap(qtbot, sheet.store_and_forward)
    assert sheet.caps_note.isVisible()  # how much is central's (TKY01's card_limits), not typed here
    assert sheet.caps_note.text().startswith("Central sets how much for this store: at most ")
    assert "30,000" in sheet.caps_note.text() and "200,000" in sheet.caps_note.text()
    tap(qtbot, sheet.save_terminal)
    qtbot.waitUntil(lambda: sheet.terminal_result.isVisible(), timeout=8000)
    assert sheet.terminal_result.text() == f"Saved: cards are paid on terminal {s.poiid}."
    stored = settings_json(ui_device)
    t = stored["terminal"]
    assert (t["key_id"], t["key_version"], t["store_and_forward"]) == ("NewKey", 2, True)
    assert "offline_per_sale" not in t and "offline_total" not in t  # the caps are central's
    assert "a new passphrase" not in json.dumps(stored)
    assert keyring.get_password(secrets.SERVICE, secrets.terminal_key_for(str(ui_device.data_dir), s.poiid)) == (
        "a new passphrase"
    )
    assert sheet.passphrase.text() == "" and sheet.passphrase.placeholderText() == "Kept: type a new one to change it"
    [entry] = [e for e in ui_device.store.journal_entries() if e.type == "settings.terminal"]
    assert entry.data["passphrase_changed"] is True and "a new passphrase" not in json.dumps(entry.data)

    tap(qtbot, sheet.kind_buttons[0])  # no terminal: the network fields go, cash only
    assert not sheet.network.isVisible() and sheet.kind_note.text() == "Without a terminal this till takes cash only."
    tap(qtbot, sheet.save_terminal)
    qtbot.waitUntil(lambda: "cash only" in sheet.terminal_result.text(), timeout=8000)
    assert "terminal" not in settings_json(ui_device)
