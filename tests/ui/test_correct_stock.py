"""Correcting stock from the matrix: tap a cell, "Correct stock…", count and reason, save.
The correction lands in device.db with its outbox op, and the cell says it is not yet confirmed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidgetItem
from pytestqt.qtbot import QtBot

from pos_app.core.stock import Level, level
from pos_app.services.app import Device
from pos_app.ui.dialogs import CorrectionDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import Ops
from tests.ui.conftest import button, open_window, sign_in


def stocked_variant(device: Device) -> tuple[int, str, int]:
    """(variant, style, available here) for an item this store has a few of."""
    vid, style, avail = device.store.query(
        "SELECT c.id, c.style_code, s.on_hand - s.reserved FROM stock s JOIN catalog c ON c.id = s.variant_id "
        "WHERE s.location_id = ? AND s.on_hand - s.reserved BETWEEN 3 AND 9 ORDER BY c.id LIMIT 1",
        (device.identity.store_id,),
    )[0]
    return int(vid), str(style), int(avail)


def shown(n: int, pending: bool = False) -> str:
    """A cell's text: the figure, ▼ low or ✕ out (not by colour alone), * while unconfirmed."""
    mark = {Level.LOW: " ▼", Level.OUT: " ✕"}.get(level(n), "")
    return f"{n}{mark}" + (" *" if pending else "")


def cell_of(window: MainWindow, vid: int) -> QTableWidgetItem:
    m = window.matrix
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            item = m.item(r, c)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == vid:
                return item
    raise AssertionError(f"variant {vid} is not in the matrix")


def open_and_tap(qtbot: QtBot, window: MainWindow, style: str, vid: int) -> None:
    window.open_style(style)
    qtbot.waitUntil(lambda: window.view is not None and window.view.style_code == style, timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    assert not window.correct.isEnabled()  # nothing chosen yet
    m = window.matrix
    rect = m.visualItemRect(cell_of(window, vid))
    qtbot.mouseClick(m.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(window.correct.isEnabled, timeout=5000)
    assert window.focus_variant == vid


def open_dialog(qtbot: QtBot, window: MainWindow) -> CorrectionDialog:
    qtbot.mouseClick(window.correct, Qt.MouseButton.LeftButton)
    dialog = window.correction
    assert isinstance(dialog, CorrectionDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_a_size_that_does_not_exist_in_a_colour_cannot_be_corrected(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    gaps = ui_device.store.query(
        "SELECT style_code FROM catalog WHERE active=1 GROUP BY style_code "
        "HAVING count(*) < count(DISTINCT colour) * count(DISTINCT size) ORDER BY style_code LIMIT 1"
    )
    if not gaps:
        pytest.skip("the demo catalog has no style with a missing colour/size combination")
    style = gaps[0][0]
    window.open_style(style)
    qtbot.waitUntil(lambda: window.view is not None and window.view.style_code == style, timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    m = window.matrix
    empty = next(m.item(r, c) for r in range(m.rowCount()) for c in range(m.columnCount()) if m.item(r, c).text() == "")
    assert empty.data(Qt.ItemDataRole.UserRole) is None
    qtbot.mouseClick(m.viewport(), Qt.MouseButton.LeftButton, pos=m.visualItemRect(empty).center())
    assert not window.correct.isEnabled()
    assert window.selected.text() == "Tap a size to see it elsewhere or correct its count."


def test_correction_is_queued_and_shown_as_pending(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    vid, style, avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    _sku, latin, size = ui_device.store.query("SELECT sku, colour, size FROM catalog WHERE id=?", (vid,))[0]
    assert window.view is not None
    colour = f"{window.view.colour_names[latin]} ({latin})"  # Tokyo: 藍 (Indigo), as on the label
    assert window.selected.text() == f"{colour} · {size}: {avail} in this store"
    dialog = open_dialog(qtbot, window)
    assert dialog.title.text() == f"{colour} · {size}"  # what the person holds, not the SKU
    assert dialog.count.text() == f"0   (in store: {avail} → {avail})"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "That is what the figures already say, so there is nothing to save."

    qtbot.mouseClick(button(dialog, "−"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "−"), Qt.MouseButton.LeftButton)
    assert dialog.count.text() == f"-2   (in store: {avail} → {avail - 2})"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Choose a reason."  # nothing saved without one
    assert ui_device.store.outbox_rows() == []

    qtbot.mouseClick(button(dialog, "Damaged"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert window.message.isVisible() and window.message.text().startswith(f"Saved: {colour} · {size} -2")
    assert window.message.objectName() == "notice"

    ops = ui_device.store.outbox_rows()
    assert len(ops) == 1
    op = ops[0]
    assert op["state"] == "pending" and op["type"] == "stock.adjust"
    assert op["payload"]["variant_id"] == vid and op["payload"]["delta"] == -2
    assert op["payload"]["reason"] == "damaged"
    assert op["payload"]["staff_id"] == window.session.staff.id
    recorded = ui_device.store.query(
        "SELECT delta, status FROM stock_corrections WHERE op_id=?", (op["op_id"],), "device"
    )
    assert recorded == [(-2, "pending")]

    # the window re-reads the product: the cell shows the corrected count, marked as unconfirmed
    qtbot.waitUntil(lambda: cell_of(window, vid).text() == shown(avail - 2, pending=True), timeout=5000)
    assert window.selected.text() == f"{colour} · {size}: {avail - 2} in this store (includes -2 not yet confirmed)"
    qtbot.waitUntil(lambda: window.pending.text() == "1 waiting to send", timeout=5000)
    assert window.correction is None


def test_pending_mark_survives_reopening_in_a_new_window(
    qtbot: QtBot, window: MainWindow, ui_device: Device, bridge: Ops
) -> None:
    vid, style, avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(button(dialog, "+"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "Found more"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    window.close()

    again = open_window(qtbot, ui_device, sign_in(ui_device, "MANAGER"), bridge)
    again.open_style(style)
    qtbot.waitUntil(lambda: again.view is not None and again.view.style_code == style, timeout=5000)
    assert cell_of(again, vid).text() == shown(avail + 1, pending=True)
    assert again.pending.text() == "1 waiting to send"


def test_cancel_records_nothing(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    vid, style, avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(button(dialog, "−"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "Damaged"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.mouseClick(button(dialog, "Cancel"), Qt.MouseButton.LeftButton)
    assert ui_device.store.outbox_rows() == []
    assert cell_of(window, vid).text() == shown(avail)


def test_large_correction_by_an_associate_is_approved_by_a_supervisor_in_the_same_dialog(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    assert window.session.staff.role.name == "ASSOCIATE"
    vid, style, avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.counted, str(avail + 12))  # "the shelf has …": no twelve taps
    assert dialog.delta == 12
    qtbot.mouseClick(button(dialog, "Found more"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert "supervisor" in dialog.approval.heading.text()
    assert ui_device.store.outbox_rows() == []
    supervisor = next(p for p in ui_device.auth.staff() if p.role.name == "SUPERVISOR")
    qtbot.waitUntil(lambda: bool(dialog.findChildren(QPushButton, "approver")), timeout=5000)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QPushButton, "approver")), timeout=5000)
    # digits before a name is chosen are ignored
    pad = {b.text(): b for b in dialog.approval.pad.findChildren(QPushButton)}
    qtbot.mouseClick(pad["2"], Qt.MouseButton.LeftButton)
    assert dialog.approval.pin.text() == ""
    qtbot.mouseClick(button(dialog, supervisor.name), Qt.MouseButton.LeftButton)
    for d in "2222":
        qtbot.mouseClick(pad[d], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(pad["OK"], Qt.MouseButton.LeftButton)
    (op,) = ui_device.store.outbox_rows()
    assert op["payload"]["delta"] == 12 and op["payload"]["reason"] == "found"
    assert op["payload"]["staff_id"] == window.session.staff.id
    assert op["payload"]["approved_by"] == supervisor.id  # journaled with both people


def test_reasons_follow_the_direction(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    vid, style, _avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)

    def shown() -> set[str]:
        return {b.text() for b in dialog.reasons.buttons() if b.isVisible()}

    qtbot.mouseClick(button(dialog, "−"), Qt.MouseButton.LeftButton)
    assert "Found more" not in shown() and {"Damaged", "Missing / theft"} <= shown()
    qtbot.mouseClick(button(dialog, "Damaged"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "+"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "+"), Qt.MouseButton.LeftButton)
    assert "Damaged" not in shown() and "Found more" in shown()
    assert dialog.reasons.checkedButton() is None  # "damaged" does not fit +1 and is not kept
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Choose a reason."


def test_the_correction_sheet_dims_the_page(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    vid, style, _avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)
    assert dialog.geometry() == window.centralWidget().rect()  # over the whole page
    assert dialog.card.objectName() == "card" and dialog.card.width() < window.width()


def test_other_needs_a_note(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    vid, style, _avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(button(dialog, "−"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(dialog, "Other (say why)"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() == "Say why in the note when the reason is “Other”.", timeout=5000)
    assert dialog.isVisible()  # the service's sentence, through the bridge, in the sheet
    assert ui_device.store.outbox_rows() == []
    qtbot.keyClicks(dialog.note, "sample for the window display")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    (op,) = ui_device.store.outbox_rows()
    assert op["payload"]["note"] == "sample for the window display"


def test_correction_dialog_is_touch_sized(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    vid, style, _avail = stocked_variant(ui_device)
    open_and_tap(qtbot, window, style, vid)
    dialog = open_dialog(qtbot, window)
    for b in dialog.findChildren(QPushButton):
        assert b.height() >= 56, (b.text(), b.height())
    assert dialog.note.height() >= 56
