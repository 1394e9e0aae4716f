"""After the sale, on the tender sheet: the receipt printed (drawer open) through a fake network
printer, a gift receipt and a reprint with one tap each, an e-mail typed and queued; a till with
no printer says so in one line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.devices.printer.fake import FakeNetworkPrinter, read_escpos
from pos_app.services.app import Device
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sell_view import TenderSheet
from tests.ui.test_sell_view import priced_barcode, quick_buttons, scan_one, sell_screen


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter().start()
    yield fake
    fake.stop()


def pay_exact(qtbot: QtBot, window: MainWindow, device: Device) -> TenderSheet:
    code, _ = priced_barcode(device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    qtbot.mouseClick(sell.pay, Qt.MouseButton.LeftButton)
    sheet = sell.tender
    assert sheet is not None
    qtbot.mouseClick(quick_buttons(sheet)[-1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    return sheet


def test_the_receipt_prints_with_the_sale_and_gift_reprint_and_email_are_one_tap_each(
    qtbot: QtBot, window: MainWindow, ui_device: Device, printer: FakeNetworkPrinter
) -> None:
    ui_device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    sheet = pay_exact(qtbot, window, ui_device)
    assert sheet.receipt_note.text() == "Receipt printed. Drawer open."
    [job] = printer.jobs
    assert sheet.sale.receipt_no in read_escpos(job).text and read_escpos(job).drawer_kicks
    qtbot.mouseClick(sheet.gift_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.jobs) == 2, timeout=5000)
    qtbot.waitUntil(lambda: sheet.receipt_note.text() == "Printed.", timeout=5000)
    gift = read_escpos(printer.jobs[1]).text
    assert sheet.sale.receipt_no in gift and "合計" not in gift  # a gift receipt shows no prices
    qtbot.mouseClick(sheet.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.jobs) == 3, timeout=5000)
    assert "再発行" in read_escpos(printer.jobs[2]).text
    qtbot.mouseClick(sheet.email_button, Qt.MouseButton.LeftButton)
    assert sheet.email_box.isVisible()
    qtbot.keyClicks(sheet.email, "taro@example")
    qtbot.mouseClick(sheet.send_email, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not an e-mail address" in sheet.receipt_note.text(), timeout=5000)
    sheet.email.setText("taro@example.jp")
    qtbot.mouseClick(sheet.send_email, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "taro@example.jp" in sheet.receipt_note.text(), timeout=10_000)
    assert sheet.receipt_note.text() == "Central e-mails the receipt to taro@example.jp."
    assert [r.state for r in ui_device.sale_receipts.emails()] == ["taken"]


def test_a_till_without_a_printer_says_so_and_the_sale_is_complete(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    sheet = pay_exact(qtbot, window, ui_device)
    assert sheet.receipt_note.text() == "No receipt printer on this till: e-mail the receipt, or print it later."
    assert ui_device.store.query("SELECT count(*) FROM sales", (), "device") == [(1,)]
    assert not sheet.gift_button.isVisible() and not sheet.reprint_button.isVisible()
    assert sheet.email_button.isVisible()  # e-mail is what is left


def test_the_customer_display_shows_a_qr_of_the_e_receipt_page_after_the_sale(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    import zxingcpp
    from PIL import Image

    display = window.open_customer_display()
    assert not display.qr_box.isVisible()
    sheet = pay_exact(qtbot, window, ui_device)
    qtbot.waitUntil(display.qr_box.isVisible, timeout=5000)
    img = display.qr.pixmap().toImage().convertToFormat(display.qr.pixmap().toImage().Format.Format_RGB888)
    pil = Image.frombytes("RGB", (img.width(), img.height()), bytes(img.constBits()), "raw", "RGB", img.bytesPerLine())
    [found] = zxingcpp.read_barcodes(pil, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found.text == f"{ui_device.identity.central_url}/r/{sheet.sale.sale_id}"
    # the next customer's basket takes the QR away
    code, _ = priced_barcode(ui_device, skip=1)
    qtbot.mouseClick(sheet.next, Qt.MouseButton.LeftButton)
    window.scanned(code)
    qtbot.waitUntil(lambda: not display.qr_box.isVisible(), timeout=5000)
