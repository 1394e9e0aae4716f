"""The customer sheet of the sell screen against a real central (docs/customers.md): search and
attach (the members' price at once, the chip names who), detach, a new customer with its
sentences for bad input and a duplicate e-mail, and offline: the recent customers, a customer
made offline attached and sold to. Reads and writes run on workers (the thread guard)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.auth import Session
from pos_app.ui.customer_view import CustomerSheet
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import Ops
from tests.ui.conftest import StoppableCentral, open_window, sign_in
from tests.ui.test_sell_view import sell_screen


def member_barcode(device: Device) -> tuple[str, int, int]:
    """(barcode, base price, members' price) of an item no promotion touches."""
    row = device.store.query(
        "SELECT bc.code, b.amount, m.amount FROM prices b JOIN prices m ON m.variant_id = b.variant_id "
        "JOIN catalog c ON c.id = b.variant_id AND c.category IN ('Shirts', 'Trousers', 'Boots', 'Sandals') "
        "JOIN barcodes bc ON bc.variant_id = b.variant_id "
        "WHERE b.amount < 30000 AND b.customer_group = '' AND b.store_id IS NULL AND m.customer_group = 'members' "
        "AND b.currency = 'JPY' AND m.currency = 'JPY' "
        "AND b.variant_id NOT IN (SELECT p.variant_id FROM prices p WHERE p.store_id IS NOT NULL) "
        "ORDER BY b.variant_id LIMIT 1"
    )
    return str(row[0][0]), int(row[0][1]), int(row[0][2])


def rows(sheet: CustomerSheet) -> list[QPushButton]:
    return [b for b in sheet.findChildren(QPushButton) if b.objectName() == "tile" and b.isVisible()]


def open_sheet(qtbot: QtBot, window: MainWindow) -> CustomerSheet:
    sell = window.sell
    qtbot.mouseClick(sell.customer_chip, Qt.MouseButton.LeftButton)
    sheet = sell.customer_sheet
    assert isinstance(sheet, CustomerSheet) and sheet.isVisible()
    return sheet


def test_search_attach_the_member_price_and_detach(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, base, member = member_barcode(ui_device)
    sell = sell_screen(qtbot, window)
    window.scanned(code)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 1, timeout=5000)
    assert sell.current is not None and sell.current.total_minor == base
    assert sell.customer_chip.text() == "Customer"
    sheet = open_sheet(qtbot, window)
    qtbot.keyClicks(sheet.query, "   ")
    qtbot.mouseClick(sheet.find, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Type a name" in sheet.notice.text(), timeout=5000)
    sheet.query.clear()
    qtbot.keyClicks(sheet.query, "090-1234-5678")
    qtbot.keyClick(sheet.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(rows(sheet)) == 1, timeout=5000)
    assert "Hanako Yamada" in rows(sheet)[0].text() and "member" in rows(sheet)[0].text()
    assert rows(sheet)[0].height() >= 52  # a touch row
    qtbot.mouseClick(rows(sheet)[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.customer_sheet is None, timeout=5000)
    assert sell.current is not None and sell.current.total_minor == member  # the members' price at once
    assert sell.customer_chip.text() == "Hanako Ya…" and sell.customer_chip.toolTip() == "Hanako Yamada"
    sheet = open_sheet(qtbot, window)
    assert "On this sale: Hanako Yamada" in sheet.attached_text.text()
    qtbot.waitUntil(lambda: any("Hanako" in b.text() for b in rows(sheet)), timeout=5000)  # now a recent one
    qtbot.mouseClick(sheet.detach, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.customer is None, timeout=5000)
    assert sell.current.total_minor == base and sell.customer_chip.text() == "Customer"
    sheet.reject()


def test_new_customer_form_says_what_is_wrong_and_offers_the_existing_one(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    sell = sell_screen(qtbot, window)
    sheet = open_sheet(qtbot, window)
    qtbot.mouseClick(sheet.new, Qt.MouseButton.LeftButton)
    assert sheet.form.isVisible() and sheet.save.isVisible()
    qtbot.keyClicks(sheet.name, "Mio Sato")
    qtbot.keyClicks(sheet.email, "mio@example")
    qtbot.mouseClick(sheet.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.problem.isVisible() and "not a complete e-mail" in sheet.problem.text(), timeout=5000)
    sheet.email.setText("hanako.yamada@example.jp")
    qtbot.mouseClick(sheet.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.use_existing.isVisible(), timeout=5000)
    assert "Hanako Yamada already has the e-mail" in sheet.problem.text()
    assert sheet.name.text() == "Mio Sato"  # nothing typed is lost
    assert ui_device.store.query("SELECT count(*) FROM outbox WHERE type='customer.create'", (), "device") == [(0,)]
    qtbot.mouseClick(sheet.use_existing, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.customer_sheet is None, timeout=5000)
    assert sell.current is not None and sell.current.customer is not None
    assert sell.current.customer.name == "Hanako Yamada"


def test_offline_a_new_customer_is_attached_and_the_sale_completes(
    qtbot: QtBot, stoppable_central: StoppableCentral, stoppable_device: Device, stoppable_bridge: Ops
) -> None:
    session: Session = sign_in(stoppable_device)
    window = open_window(qtbot, stoppable_device, session, stoppable_bridge)
    code, _base, _member = member_barcode(stoppable_device)
    stoppable_central.stop()
    sell = sell_screen(qtbot, window)
    window.scanned(code)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 1, timeout=5000)
    sheet = open_sheet(qtbot, window)
    qtbot.keyClicks(sheet.query, "yamada")
    qtbot.keyClick(sheet.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "cannot be reached" in sheet.notice.text(), timeout=8000)
    assert rows(sheet) == []  # nobody served here yet
    qtbot.mouseClick(sheet.new, Qt.MouseButton.LeftButton)
    assert sheet.name.text() == "yamada"  # what was searched for starts the form
    sheet.name.setText("Ren Kato")
    qtbot.keyClicks(sheet.phone, "080-2222-3333")
    qtbot.mouseClick(sheet.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.customer_sheet is None, timeout=8000)
    assert sell.current is not None and sell.current.customer is not None
    assert sell.current.customer.pending and sell.customer_chip.text() == "Ren Kato"
    qtbot.mouseClick(sell.pay, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.tender is not None and sell.tender.isVisible(), timeout=5000)
    quick = [b for b in sell.tender.findChildren(QPushButton) if b.objectName() == "quick" and b.isVisible()]
    qtbot.mouseClick(quick[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.tender is not None and sell.tender.sale is not None, timeout=8000)
    sale_customer = stoppable_device.store.query("SELECT customer_id FROM sales", (), "device")
    assert sale_customer == [(sell.current.customer.id,)]
