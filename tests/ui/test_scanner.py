"""ScannerFilter: a fast burst ending in Enter is a scan (emitted, keys eaten); people's typing
reaches the focused widget untouched and is never mistaken for a scan."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from pos_app.ui.scanner import ScannerFilter
from tests.ui.conftest import scanner_burst


@pytest.fixture
def scanner(qapp: QApplication) -> Iterator[ScannerFilter]:
    f = ScannerFilter()
    qapp.installEventFilter(f)
    yield f
    qapp.removeEventFilter(f)
    f.deleteLater()


@pytest.fixture
def line(qtbot: QtBot) -> Iterator[QLineEdit]:
    page = QWidget()
    lay = QVBoxLayout(page)
    edit = QLineEdit()
    lay.addWidget(edit)
    lay.addWidget(QLineEdit())  # somewhere else focus could wander to
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    yield edit  # `page` stays referenced (alive) until the test is over


def test_fast_burst_with_enter_is_a_scan_and_the_field_gets_nothing(
    qtbot: QtBot, scanner: ScannerFilter, line: QLineEdit
) -> None:
    entered: list[bool] = []
    line.returnPressed.connect(lambda: entered.append(True))
    with qtbot.waitSignal(scanner.scanned, timeout=1000) as got:
        QTest.keyClicks(line, "4901234567894")
        QTest.keyClick(line, Qt.Key.Key_Return)
    assert got.args == ["4901234567894"]
    qtbot.wait(150)  # longer than the filter's flush timer: nothing is replayed later either
    assert line.text() == ""
    assert entered == []


def test_burst_with_shifted_characters_is_one_scan(qtbot: QtBot, scanner: ScannerFilter, line: QLineEdit) -> None:
    """A HID scanner presses Shift on its own before 'S', ':', '?' …; that must not split the burst."""
    payload = "aisle://enroll?central=http://127.0.0.1:8000&code=K7QF-3MZP-9XTA"
    with qtbot.waitSignal(scanner.scanned, timeout=1000) as got:
        scanner_burst(line, payload)
    assert got.args == [payload]
    qtbot.wait(150)
    assert line.text() == ""


def test_slow_typing_reaches_the_field_and_is_not_a_scan(qtbot: QtBot, scanner: ScannerFilter, line: QLineEdit) -> None:
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    entered: list[str] = []
    line.returnPressed.connect(lambda: entered.append(line.text()))
    for ch in "Linen 42":
        QTest.keyClicks(line, ch)
        qtbot.wait(80)
    qtbot.waitUntil(lambda: line.text() == "Linen 42", timeout=1000)
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert entered == ["Linen 42"]  # the person's Enter still works as Enter
    assert scans == []


def test_short_fast_burst_without_enter_is_replayed_as_typing(
    qtbot: QtBot, scanner: ScannerFilter, line: QLineEdit
) -> None:
    """A quick "ok" typed by a fast thumb is not lost: held back, then handed to the field."""
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    QTest.keyClicks(line, "4901234")
    qtbot.waitUntil(lambda: line.text() == "4901234", timeout=1000)
    assert scans == []


def test_typing_then_a_scan_keeps_the_typing_and_emits_the_scan(
    qtbot: QtBot, scanner: ScannerFilter, line: QLineEdit
) -> None:
    QTest.keyClicks(line, "ab")
    qtbot.waitUntil(lambda: line.text() == "ab", timeout=1000)
    qtbot.wait(60)  # the person pauses, then the scanner fires
    with qtbot.waitSignal(scanner.scanned, timeout=1000) as got:
        scanner_burst(line, "SH0000133-SKY-XL")
    assert got.args == ["SH0000133-SKY-XL"]
    qtbot.wait(150)
    assert line.text() == "ab"
