"""An endless-aisle order central refused (docs/endless-aisle.md "Refused orders"), on the real
orders page against a real central on loopback: the header counts it, its page says central's
sentence and what is owed, one tap pays it back in cash, and after the sync it is done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.basket import Delivery
from pos_app.ui.main_window import MainWindow
from pos_app.ui.orders_view import OrderRow
from tests.ui.test_endless_aisle import elsewhere, tiles


def test_a_refused_order_is_paid_back_in_one_tap(
    qtbot: QtBot, window: MainWindow, ui_device: Device, central_db: object
) -> None:
    from pos_app.services.checkout import Tender, TenderType
    from tests.ui.conftest import sign_in

    session = sign_in(ui_device)
    vid, _style = elsewhere(ui_device)
    svc = ui_device.basket
    basket = svc.new()
    svc.add_ship(basket, vid)
    svc.attach_customer(basket, ui_device.customers.create(session, "Rin Refused", email="rin.refused@example.com"))
    view = svc.set_delivery(basket, Delivery("store", "jp-store", store_id=999_999, store_name="Aisle Closed"))
    svc.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
    for _ in range(2):
        ui_device.engine.sync_once()
    page = window.orders_page
    page.refresh()
    qtbot.waitUntil(lambda: window.orders_button.text() == "Orders 1", timeout=5000)
    qtbot.mouseClick(window.orders_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tab_buttons["decide"].text() == "Decide 1", timeout=5000)
    qtbot.waitUntil(lambda: any(r.isVisible() for r in page.findChildren(OrderRow)), timeout=5000)
    row = next(r for r in page.findChildren(OrderRow) if r.isVisible())
    assert row.order.state == "refused" and row.order.refund_due == view.total_minor
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(tiles(page, "Refund ")), timeout=5000)
    cash = next(b for b in tiles(page, "Refund ") if b.text().endswith("in cash"))
    assert view.total in cash.text()
    for size in ((1280, 800), (853, 533), (533, 853)):
        window.resize(*size)
        qtbot.wait(30)
        for b in page.findChildren(QPushButton):
            if b.isVisible():
                assert b.height() >= 48, (b.text(), b.height())
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: bool(tiles(page, "Refund ")), timeout=5000)  # the page laid out again
    cash = next(b for b in tiles(page, "Refund ") if b.text().endswith("in cash"))
    qtbot.mouseClick(cash, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text() != "", timeout=5000)
    assert page.message.text() == f"Give the customer {view.total} from the drawer.", page.message.text()
    qtbot.waitUntil(lambda: window.orders_button.text() == "Orders", timeout=5000)  # nothing left to do
    for _ in range(2):
        ui_device.engine.sync_once()
    page.refresh()
    qtbot.waitUntil(lambda: page.count_of("done") == 1 and page.count_of("decide") == 0, timeout=5000)
