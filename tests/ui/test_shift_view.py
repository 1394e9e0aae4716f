"""The shift screen against a real central and device.db: open with the float on the
denomination pad, a paid out and a no-sale with their reasons, an X report, and the blind count
closed in three taps besides the denomination entries (counted here), with the Z report shown.
Bad input (text in a count) is one sentence on the sheet, and nothing is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import Ops
from pos_app.ui.shift_view import ShiftSheet


class Taps:
    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, b: QPushButton) -> None:
        assert b.isVisible() and b.isEnabled(), f"{b.text()!r} cannot be tapped"
        self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
        self.count += 1


def open_sheet(qtbot: QtBot, window: MainWindow, tap: Taps) -> ShiftSheet:
    tap(window.shift_button)
    sheet = window.findChild(ShiftSheet)
    assert isinstance(sheet, ShiftSheet) and sheet.isVisible()
    qtbot.waitUntil(lambda: sheet.page in ("open", "shift"), timeout=5000)
    return sheet


def reason(sheet: ShiftSheet, code: str) -> QPushButton:
    return next(b for b in sheet.findChildren(QPushButton) if b.property("code") == code and b.isVisible())


def test_open_move_x_report_and_a_blind_count_closed_in_three_taps(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    tap = Taps(qtbot)
    sheet = open_sheet(qtbot, window, tap)
    assert sheet.page == "open" and "no open shift" in sheet.title.text()
    assert set(sheet.float_pad.fields) == {1, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000}
    least = min(window.sell_button.sizeHint().height(), window.sign_out.sizeHint().height())
    for b in sheet.findChildren(QPushButton):  # touch targets as big as the main window's buttons
        if b.isVisible():
            assert b.sizeHint().height() >= least, b.text()
    sheet.float_pad.fields[1000].setText("ten")
    tap(sheet.open_button)
    qtbot.waitUntil(lambda: sheet.problem.isVisible(), timeout=5000)
    assert "not a number of pieces" in sheet.problem.text() and sheet.page == "open"
    sheet.float_pad.fields[1000].setText("20")
    tap(sheet.open_button)
    qtbot.waitUntil(lambda: sheet.page == "shift", timeout=5000)
    assert "￥20,000" in sheet.status.text()

    tap(sheet.paid_out)
    assert sheet.page == "move" and sheet.amount.isVisible()
    sheet.amount.setText("500")
    tap(reason(sheet, "supplies"))
    tap(sheet.move_save)
    qtbot.waitUntil(lambda: sheet.page == "shift", timeout=5000)
    tap(sheet.no_sale_button)
    assert not sheet.amount.isVisible()
    tap(sheet.move_save)  # no reason chosen: one sentence
    qtbot.waitUntil(lambda: sheet.problem.isVisible(), timeout=5000)
    assert "Choose a reason" in sheet.problem.text()
    tap(reason(sheet, "give_change"))
    tap(sheet.move_save)
    qtbot.waitUntil(lambda: sheet.page == "shift", timeout=5000)

    tap(sheet.x_button)
    qtbot.waitUntil(lambda: sheet.page == "report", timeout=5000)
    assert "X report" in sheet.report_text.text() and "Expected in drawer" not in sheet.report_text.text()
    tap(sheet.report_back)

    expected = 20000 - 500
    tap.count = 0
    tap(sheet.count_button)
    assert sheet.page == "count" and "after you save" in sheet.count_hint.text()
    sheet.count_pad.fields[10000].setText("1")  # the denomination entries
    sheet.count_pad.fields[1000].setText("9")
    sheet.count_pad.fields[500].setText("1")
    tap(sheet.save_count_button)
    qtbot.waitUntil(lambda: sheet.page == "counted", timeout=5000)
    assert "expected ￥19,500" in sheet.variance.text()
    tap(sheet.close_button)
    qtbot.waitUntil(lambda: sheet.page == "report", timeout=8000)
    assert tap.count == 3
    assert "Z report 1" in sheet.report_text.text() and "Z report 1" in sheet.title.text()
    assert sheet.report is not None and sheet.report["cash"]["expected"] == expected
    assert ui_device.shifts.current() is None
    # Done takes the sheet off the screen (it once tried to close the closed shift again)
    sheet.accept()
    qtbot.waitUntil(lambda: not sheet.isVisible(), timeout=3000)
    assert "already closed" not in sheet.problem.text()


def test_a_supervisor_sees_the_day_in_four_charts_and_an_associate_is_told_why_not(
    qtbot: QtBot, ui_device: Device, bridge: Ops
) -> None:
    from pos_app.services.checkout import Tender, TenderType
    from tests.support.tablet import a_stocked_variant
    from tests.ui.conftest import open_window, sign_in

    boss = sign_in(ui_device, "SUPERVISOR")
    co = ui_device.checkout
    vid, _ = a_stocked_variant(ui_device)
    sold = []
    for qty in (1, 2):
        basket = co.basket(co.open_basket(), [(vid, qty)])
        sold.append(co.complete(boss, basket, [Tender(TenderType.CASH, co.price(basket).totals.total)]))
    total = sum(s.total for s in sold)

    associate_window = open_window(qtbot, ui_device, sign_in(ui_device), bridge)
    tap = Taps(qtbot)
    sheet = open_sheet(qtbot, associate_window, tap)
    tap(sheet.day_button)
    qtbot.waitUntil(lambda: sheet.problem.isVisible(), timeout=5000)
    assert "supervisor" in sheet.problem.text().lower() and sheet.page != "day"
    sheet.accept()
    associate_window.close()

    window = open_window(qtbot, ui_device, boss, bridge)
    sheet = open_sheet(qtbot, window, Taps(qtbot))
    Taps(qtbot)(sheet.day_button)
    qtbot.waitUntil(lambda: sheet.page == "day", timeout=5000)
    assert "Today" in sheet.day_title.text() and "2 sales" in sheet.day_title.text()
    charts = sheet.day_charts
    exp = 10 ** sheet.shifts.day(boss).exponent
    assert sum(charts.bars_of(0)) == total / exp  # sales by hour add up to the day
    ((label, value),) = charts.slices_of(1)
    assert label.startswith("Cash") and value == total
    assert charts.bars_of(2) == [total / exp]  # one item sold, three units
    assert charts.bars_of(3) == [total / exp] and boss.staff.name in charts.cells[3][1].text()
    assert "×3" in charts.cells[2][1].text()
    assert not sheet.day_after.isEnabled()  # no figures from tomorrow
    Taps(qtbot)(sheet.day_before)
    qtbot.waitUntil(lambda: "2 sales" not in sheet.day_title.text(), timeout=5000)
    assert "0 sales" in sheet.day_title.text() and charts.bars_of(0) == [] and sheet.day_after.isEnabled()
    assert charts.cells[0][1].text() == "No sales."
    Taps(qtbot)(sheet.day_back)
    assert sheet.page in ("open", "shift")
