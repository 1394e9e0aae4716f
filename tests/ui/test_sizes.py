"""Every screen works at 1280×800, at 853×533 (a 1280×800 10-inch tablet at 150 %) and in
portrait (533×853): the matrix whole (the page scrolls, never the matrix), the results there (in
portrait they fold away once a product is open, one tap brings them back), the status bar whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.ui import theme
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import Ops
from pos_app.ui.signin_view import SignInView
from tests.ui.test_main_window import most_colours, wait_product
from tests.ui.test_sell_view import priced_barcode, scan_one, sell_screen

SIZES = [(1280, 800), (853, 533), (533, 853)]


def inside(widget: QWidget, top: QWidget) -> bool:
    rect = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
    return top.rect().contains(rect)


def assert_status_bar_whole(window: QWidget, bar: QWidget) -> None:
    assert bar.isVisible() and inside(bar, window), bar.geometry()
    for b in bar.findChildren(QPushButton):
        assert b.isVisible() and inside(b, window)
        assert b.width() >= b.sizeHint().width() - 1, (b.text(), b.width(), b.sizeHint().width())  # no cut word
        assert b.height() >= 56
    for label in bar.findChildren(QLabel):
        assert label.height() >= label.heightForWidth(label.width()), label.text()  # wrapped, not cut


def assert_table_whole(table: QAbstractScrollArea) -> None:
    view = table.viewport()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))  # type: ignore[attr-defined]
    cols = sum(table.columnWidth(c) for c in range(table.columnCount()) if not table.isColumnHidden(c))  # type: ignore[attr-defined]
    assert view.height() >= rows, (view.height(), rows)
    assert view.width() >= cols - 1, (view.width(), cols)
    header = table.horizontalHeader()  # type: ignore[attr-defined]
    for c in range(table.columnCount()):  # type: ignore[attr-defined]
        if not table.isColumnHidden(c):  # type: ignore[attr-defined]
            assert table.columnWidth(c) >= min(header.sectionSizeHint(c), 44), c  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_window_fits(qtbot: QtBot, window: MainWindow, ui_device: Device, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.keyClicks(window.search, "linen")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=5000)
    assert window.list.isVisible() and inside(window.list, window) and window.list.width() >= 260
    assert_status_bar_whole(window, window.bar)

    style = most_colours(ui_device)
    window.open_style(style)
    wait_product(qtbot, window, style)
    qtbot.wait(20)
    portrait = size[0] < size[1]
    # the header: every button shows its whole label (portrait folds Returns, Shift, Settings and Sign
    # out into the "⋯" menu so search, Sell and Pickups keep their room)
    header = [b for b in window.findChildren(QPushButton) if b.isVisible() and b.y() < 80]
    for b in header:
        assert b.width() >= b.sizeHint().width() - 1, (b.text(), b.width(), b.sizeHint().width())
    assert window.more_button.isVisible() == portrait == (not window.sign_out.isVisible())
    assert window.search.width() >= 60
    if portrait:  # one column: the product, and a way back to the results
        assert not window.list.isVisible() and window.back.isVisible()
        labels = [a.text() for a in window.more_menu.actions() if a.text()]
        assert labels == ["Returns", "Shift", "Settings", "Language", "Sign out"]
    else:
        assert window.list.isVisible() and window.list.width() >= 260
    m = window.matrix
    assert m.isVisible() and m.rowCount() >= 5
    assert_table_whole(m)
    assert_table_whole(window.elsewhere)
    # the page scrolls to every part of the product: the matrix, the button, the other stores
    area = window.product
    for part in (m, window.correct, window.elsewhere):
        area.ensureWidgetVisible(part, 0, 0)
        qtbot.wait(10)
        top = part.mapTo(area.viewport(), part.rect().topLeft()).y()
        assert top >= 0 and (
            top + part.height() <= area.viewport().height() or part.height() > area.viewport().height()
        )
    assert_status_bar_whole(window, window.bar)
    if portrait:
        window.back.click()
        assert window.list.isVisible() and not window.product.isVisible()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sign_in_fits(qtbot: QtBot, ui_device: Device, bridge: Ops, size: tuple[int, int]) -> None:
    view = SignInView(ui_device.auth, bridge, ui_device.identity.store_name)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in view.findChildren(QPushButton, "staff")), timeout=5000)
    qtbot.wait(20)
    pad = [b for b in view.findChildren(QPushButton) if b.objectName() in ("pin", "pinOk")]
    body = view.findChild(QAbstractScrollArea)
    assert body is not None
    for b in pad:  # the pad whole in width, never cut at the right edge
        right = b.mapTo(body.viewport(), b.rect().topRight()).x()
        assert right <= body.viewport().width(), (b.text(), right, body.viewport().width())
    assert_status_bar_whole(view, view.bar)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_basket_buttons_keep_their_words_at_150_percent(
    qtbot: QtBot, qapp: QApplication, window: MainWindow, ui_device: Device, size: tuple[int, int]
) -> None:
    """At 150 % text the basket's Customer, Discount, Park and Parked no longer fit one row on a
    tablet: they take two (docs/accessibility.md) rather than each showing a cut-off word; at
    1280×800 they stay in one row, as they do at 100 % everywhere."""
    try:
        theme.apply(qapp, theme.Look(150, False))
        window.resize(*size)
        code, _ = priced_barcode(ui_device)
        sell = sell_screen(qtbot, window)
        scan_one(qtbot, window, code)
        buttons = (sell.customer_chip, sell.discount, sell.park, sell.parked)
        qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() - 1 for b in buttons), timeout=3000)
        for b in buttons:
            assert b.isVisible() and inside(b, window), b.text()
        rows = {b.mapTo(window, b.rect().topLeft()).y() for b in buttons}
        assert len(rows) == (1 if size == (1280, 800) else 2), (size, rows)
        theme.apply(qapp, theme.Look())
        qtbot.waitUntil(lambda: len({b.mapTo(window, b.rect().topLeft()).y() for b in buttons}) == 1, timeout=3000)
    finally:
        theme.apply(qapp, theme.Look())
