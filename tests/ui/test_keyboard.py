"""A counter PC without a mouse (docs/accessibility.md): the whole sale with the keyboard alone on
the app as it starts (pos_app.ui.main.Shell, the scanner filter installed, a real central), and
the keys one by one: Escape closes the sheet on top wherever the focus is, Enter presses the
focused button, Tab stays inside an open sheet, the focus ring comes from the keyboard only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.ui.keys import top_sheet
from pos_app.ui.main import Shell
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sell_view import SellView, TenderSheet
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN

PERSON = 70  # ms between keys: a person typing, not a scanner burst (pos_app/ui/scanner.py)


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def key(qtbot: QtBot, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), k, mods)


def type_(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text, delay=PERSON)
    qtbot.wait(150)  # the scanner filter's hold ends: what was typed is in the field


def tab_to(qtbot: QtBot, wanted: QWidget, limit: int = 60) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is wanted:
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted!r}")


def test_a_whole_cash_sale_with_the_keyboard_only(qtbot: QtBot, qapp: QApplication, enrolled_dir: Path) -> None:
    shell = Shell(enrolled_dir)
    qapp.installEventFilter(shell.scanner)
    try:
        shell.resize(*SCREEN)
        shell.show()
        qtbot.waitExposed(shell)
        shell.activateWindow()
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), SignInView), timeout=30_000)
        signin = shell.currentWidget()
        assert isinstance(signin, SignInView) and shell.device is not None
        device: Device = shell.device
        associate = next(p for p in device.auth.staff() if p.role.name == "ASSOCIATE")
        qtbot.waitUntil(lambda: len(signin.findChildren(QPushButton, "staff")) > 0, timeout=5000)
        me = next(b for b in signin.findChildren(QPushButton, "staff") if b.property("staff_id") == associate.id)
        if QApplication.focusWidget() is None:
            signin.setFocus()

        # Sign in: Tab to my name, Enter, the PIN, Enter.
        tab_to(qtbot, me)
        assert me.property("keyfocus") is True  # the focus ring shows
        key(qtbot, Qt.Key.Key_Return)
        assert signin.chosen == associate and signin.pin.hasFocus()
        type_(qtbot, "1111")
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), MainWindow), timeout=5000)
        main = shell.main
        assert main is not None

        # Sell: Tab to it, Enter; the search field has the keyboard.
        tab_to(qtbot, main.sell_button)
        key(qtbot, Qt.Key.Key_Return)
        sell = main.sell
        assert isinstance(sell, SellView) and main.selling() and sell.search.hasFocus()

        # A barcode typed (not scanned) and Enter: the item goes in the basket.
        code = device.store.query("SELECT b.code FROM barcodes b JOIN prices p ON p.variant_id = b.variant_id LIMIT 1")[
            0
        ][0]
        type_(qtbot, code)
        assert sell.search.text() == code  # typed by a person, so not taken as a scan
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 1, timeout=5000)
        assert sell.search.text() == "" and sell.pay.isEnabled()

        # F12 is Pay; the amount field has the keyboard; the whole amount, Enter.
        key(qtbot, Qt.Key.Key_F12)
        sheet = sell.tender
        assert isinstance(sheet, TenderSheet) and sheet.isVisible() and sheet.amount.hasFocus()
        due = sell.current.cash_total_minor
        type_(qtbot, str(due))
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: sheet.sale is not None and sheet.next.isVisible(), timeout=10_000)
        assert sheet.next.hasFocus()  # "New sale" is one Enter away
        receipt = sheet.sale.receipt_no
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: sell.tender is None, timeout=5000)
        assert sell.search.hasFocus()  # back where the keyboard was: the next customer's first scan
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=5000)
        sales = device.store.query("SELECT receipt_no FROM sales WHERE receipt_no = ?", (receipt,), "device")
        assert sales == [(receipt,)]
    finally:
        qapp.removeEventFilter(shell.scanner)
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=10_000)
        shell.close()


def test_escape_closes_the_top_sheet_wherever_the_focus_is(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.open_language()
    sheet = top_sheet(window)
    assert sheet is not None and sheet.isAncestorOf(focused())  # the keyboard went into the sheet
    window.search.setFocus()  # behind the sheet (a click could not put it there; code can)
    key(qtbot, Qt.Key.Key_Escape)
    assert top_sheet(window) is None and not sheet.isVisible()
    window.open_language()
    sheet = top_sheet(window)
    assert sheet is not None
    QApplication.focusWidget().clearFocus()  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # no focus at all: the key goes to the window
    assert top_sheet(window) is None


def test_tab_goes_round_an_open_sheet_and_enter_presses(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.open_language()
    sheet = top_sheet(window)
    assert sheet is not None
    stops = sheet.focusables()  # type: ignore[attr-defined]
    assert len(stops) >= 2
    seen = set()
    for _ in range(len(stops) * 2 + 2):
        key(qtbot, Qt.Key.Key_Tab)
        assert sheet.isAncestorOf(focused()), "Tab left the sheet for the page behind it"
        seen.add(focused())
    assert seen == set(stops)
    for _ in range(len(stops) + 1):
        key(qtbot, Qt.Key.Key_Backtab)
        assert sheet.isAncestorOf(focused())
    closing = next(b for b in stops if isinstance(b, QPushButton) and b.text() in ("Cancel", "Close"))
    closing.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Enter)  # the keypad's Enter as well as Return
    assert top_sheet(window) is None


def test_a_tap_shows_no_focus_ring(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.mouseClick(window.sell_button, Qt.MouseButton.LeftButton)
    back = window.sell.back
    back.setFocus(Qt.FocusReason.MouseFocusReason)  # what a tap does
    assert back.hasFocus() and not back.property("keyfocus")
    window.sell.search.setFocus(Qt.FocusReason.TabFocusReason)
    back.setFocus(Qt.FocusReason.TabFocusReason)
    assert back.property("keyfocus") is True
    window.sell.search.setFocus(Qt.FocusReason.TabFocusReason)
    assert back.property("keyfocus") is False  # the ring goes with the focus
