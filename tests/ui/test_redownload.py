"""A manager's "Download everything again" in the problems sheet, against the real central: a
manager runs it at once; an associate's tap asks a manager to approve on the spot; it runs on the
writer thread with its progress in the status bar, and the old data stays on screen meanwhile."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.ui.dialogs import ProblemsDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import Ops
from tests.ui.conftest import button, open_window, sign_in


def open_sheet(qtbot: QtBot, window: MainWindow) -> ProblemsDialog:
    qtbot.mouseClick(window.problems, Qt.MouseButton.LeftButton)
    sheet = window.problems_sheet
    assert isinstance(sheet, ProblemsDialog)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    return sheet


def test_a_manager_downloads_everything_again_with_progress_in_the_bar(
    qtbot: QtBot, ui_device: Device, bridge: Ops, monkeypatch: Any
) -> None:
    window = open_window(qtbot, ui_device, sign_in(ui_device, "MANAGER"), bridge)
    window.search.setText("linen")
    window._search_now()
    qtbot.waitUntil(lambda: window.results.rowCount() > 0, timeout=5000)
    threads: list[str] = []
    original = Device.redownload

    def watched(self: Device, session: Any) -> None:
        threads.append(threading.current_thread().name)
        original(self, session)

    monkeypatch.setattr(Device, "redownload", watched)
    sheet = open_sheet(qtbot, window)
    again = button(sheet, "Download everything again")
    assert again.isEnabled()
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert window.problems_sheet is None  # the sheet closes; the page stays usable
    assert window.redownloading and window.net.text().startswith("⟳ Downloading everything again")
    qtbot.waitUntil(lambda: not window.redownloading, timeout=60_000)
    assert threads == ["aisle-write_0"]
    assert window.message.text() == "Everything was downloaded again."
    assert not window.net.text().startswith("⟳")
    entries = [e for e in ui_device.store.journal_entries() if e.type == "cache.redownload"]
    assert entries and entries[-1].data["staff_id"] == window.session.staff.id
    assert window.results.rowCount() > 0 and ui_device.bootstrapped()


def test_an_associate_gets_a_managers_approval_on_the_spot(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    assert window.session.staff.role.name == "ASSOCIATE"
    sheet = open_sheet(qtbot, window)
    again = button(sheet, "Download everything again")
    assert again.isVisible() and again.isEnabled()  # visible to everyone
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert sheet.pages.currentIndex() == 1 and "manager" in sheet.approval.heading.text()
    manager = next(p for p in ui_device.auth.staff() if p.role.name == "MANAGER")
    qtbot.waitUntil(lambda: any(b.isVisible() for b in sheet.findChildren(QPushButton, "approver")), timeout=5000)
    names = {b.text() for b in sheet.findChildren(QPushButton, "approver") if b.isVisible()}
    assert manager.name in names
    assert all(p.role.name == "MANAGER" for p in ui_device.auth.staff() if p.name in names)
    qtbot.mouseClick(button(sheet, manager.name), Qt.MouseButton.LeftButton)
    pad = {b.text(): b for b in sheet.approval.pad.findChildren(QPushButton)}
    for d in "3333":
        qtbot.mouseClick(pad[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad["OK"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.redownloading, timeout=5000)
    qtbot.waitUntil(lambda: not window.redownloading, timeout=60_000)
    assert window.message.text() == "Everything was downloaded again."
    entries = [e for e in ui_device.store.journal_entries() if e.type == "cache.redownload"]
    assert entries and entries[-1].data["staff_id"] == manager.id  # journaled with who approved


def test_a_wrong_manager_pin_starts_nothing(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    sheet = open_sheet(qtbot, window)
    qtbot.mouseClick(button(sheet, "Download everything again"), Qt.MouseButton.LeftButton)
    manager = next(p for p in ui_device.auth.staff() if p.role.name == "MANAGER")
    qtbot.waitUntil(lambda: any(b.isVisible() for b in sheet.findChildren(QPushButton, "approver")), timeout=5000)
    qtbot.mouseClick(button(sheet, manager.name), Qt.MouseButton.LeftButton)
    sheet.approval.pin.setText("9999")
    sheet.approval._submit()
    qtbot.waitUntil(lambda: bool(sheet.approval.error.text()), timeout=5000)
    assert not window.redownloading and window.problems_sheet is sheet
    assert not [e for e in ui_device.store.journal_entries() if e.type == "cache.redownload"]
