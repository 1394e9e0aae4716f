"""The sell screen against the real central's data: scan → Pay → the amount (2 taps), one sale
for a double tap, quantity / discount / approval / undo, bad input, parked baskets that survive a
restart, the customer display, and the portrait layout with the totals and Pay in sight."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.basket import BasketService
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sell_view import LineRow, LineSheet, SellView, TenderSheet
from tests.ui.conftest import button


def priced_barcode(device: Device, skip: int = 0) -> tuple[str, int]:
    """(barcode, variant) of an item with a price in this store's currency."""
    code, vid = device.store.query(
        "SELECT b.code, c.id FROM barcodes b JOIN catalog c ON c.id=b.variant_id "
        "WHERE EXISTS (SELECT 1 FROM prices p WHERE p.variant_id=c.id AND p.currency="
        "(SELECT currency FROM locations WHERE id=?)) ORDER BY c.id LIMIT 1 OFFSET ?",
        (device.identity.store_id, skip),
    )[0]
    return str(code), int(vid)


class Taps:
    """Counts what the person presses."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.n = 0

    def __call__(self, w: QWidget) -> None:
        assert w.isVisible() and w.isEnabled(), f"{w!r} cannot be tapped"
        self.n += 1
        self.qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def sell_screen(qtbot: QtBot, window: MainWindow) -> SellView:
    qtbot.mouseClick(window.sell_button, Qt.MouseButton.LeftButton)
    assert window.selling()
    return window.sell


def scan_one(qtbot: QtBot, window: MainWindow, code: str, items: int = 1) -> SellView:
    window.scanned(code)  # what the Shell does with a scanner burst
    sell = window.sell
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == items, timeout=5000)
    return sell


def quick_buttons(sheet: TenderSheet) -> list[QPushButton]:
    return [b for b in sheet.findChildren(QPushButton) if b.objectName() == "quick" and b.isVisible()]


def test_cash_sale_of_one_scanned_item_takes_two_taps(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, vid = priced_barcode(ui_device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    assert sell.current is not None and sell.current.lines[0].variant_id == vid
    assert sell.pay.text() == f"Pay {sell.current.total}"
    tap = Taps(qtbot)
    tap(sell.pay)
    sheet = sell.tender
    assert isinstance(sheet, TenderSheet)
    qtbot.waitUntil(sheet.isVisible, timeout=2000)
    amounts = quick_buttons(sheet)
    assert amounts[0].text() == f"{sell.current.total} exact"
    tap(amounts[-1])  # a note larger than the total: change is due
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert tap.n == 2
    sale = sheet.sale
    assert sheet.receipt.text() == f"Receipt {sale.receipt_no}"
    assert sale.change > 0 and sheet.change.text().startswith("Change ")
    rows = ui_device.store.query("SELECT receipt_no, total, change FROM sales", (), "device")
    assert rows == [(sale.receipt_no, sell.current.total_minor, sale.change)]
    qtbot.mouseClick(sheet.next, Qt.MouseButton.LeftButton)  # "New sale"
    qtbot.waitUntil(lambda: sell.tender is None, timeout=2000)
    assert sell.current is None and not sell.pay.isEnabled()


def test_a_double_tap_on_the_amount_completes_one_sale(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, _vid = priced_barcode(ui_device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    qtbot.mouseClick(sell.pay, Qt.MouseButton.LeftButton)
    sheet = sell.tender
    assert sheet is not None
    exact = quick_buttons(sheet)[0]
    sheet.cash(sell.current.cash_total_minor if sell.current else 0)
    sheet.cash(sell.current.cash_total_minor if sell.current else 0)  # the second tap of a double tap
    qtbot.mouseClick(exact, Qt.MouseButton.LeftButton)  # disabled by then: nothing happens
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    assert ui_device.store.query("SELECT count(*) FROM sales", (), "device") == [(1,)]
    assert sheet.sale.change == 0 and sheet.change.text() == "No change"
    # the next customer's first scan closes the finished sale and starts a new basket
    first_sale = sell.basket.sale_id
    window.scanned(code)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 1, timeout=5000)
    assert sell.tender is None and sell.basket.sale_id != first_sale


def test_cash_in_two_parts_then_change(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, _vid = priced_barcode(ui_device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    view = sell.current
    assert view is not None
    qtbot.mouseClick(sell.pay, Qt.MouseButton.LeftButton)
    sheet = sell.tender
    assert sheet is not None
    assert not button(sheet, "Card — no card terminal set up on this till").isEnabled()
    window.scanned(code)  # a scan while the amount due is on screen does not change it
    assert "Finish this payment first" in sheet.error.text()
    part = max(1, view.cash_total_minor // 2)
    sheet.amount.setText(str(part))  # JPY: no decimals
    qtbot.mouseClick(sheet.take, Qt.MouseButton.LeftButton)
    assert sheet.sale is None and sheet.due_label.text() == f"Still due {view.money(view.cash_total_minor - part)}"
    qtbot.mouseClick(quick_buttons(sheet)[-1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    pays = ui_device.store.query("SELECT type, amount FROM sale_payments ORDER BY seq", (), "device")
    assert [p[0] for p in pays] == ["cash", "cash"] and pays[0][1] == part


def open_line(qtbot: QtBot, sell: SellView) -> LineSheet:
    row = sell.lines_box.findChildren(LineRow)[0]
    qtbot.mouseClick(row.info, Qt.MouseButton.LeftButton)  # the words of the row
    sheet = sell.line_sheet
    assert isinstance(sheet, LineSheet)
    return sheet


def test_quantity_discount_with_a_supervisors_pin_and_undo(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, _vid = priced_barcode(ui_device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    row = sell.lines_box.findChildren(LineRow)[0]
    qtbot.mouseClick(row.plus, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 2, timeout=5000)

    # bad input: quantity 0, a discount above 100 %: the engine's words, the basket unchanged
    sheet = open_line(qtbot, sell)
    sheet.value.setText("0")
    qtbot.mouseClick(sheet.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.error.text() != "", timeout=5000)
    assert "quantity" in sheet.error.text().lower()
    qtbot.mouseClick(sheet.modes["percent"], Qt.MouseButton.LeftButton)
    sheet.value.setText("150")
    qtbot.mouseClick(sheet.reasons["Damaged"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(sheet.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.error.text() != "", timeout=5000)
    assert "100" in sheet.error.text()
    assert sell.current is not None and sell.current.items == 2 and not sell.current.savings

    # 20 % is above an associate's 10 %: a supervisor approves on the same sheet
    sheet.value.setText("20")
    qtbot.mouseClick(sheet.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(sheet.approval.isVisible, timeout=5000)
    assert "above your limit of 10 %" in sheet.approval.heading.text()
    qtbot.waitUntil(lambda: sheet.approval.names.count() > 0, timeout=5000)
    sup = next(p for p in ui_device.auth.staff() if p.role.name == "SUPERVISOR")
    qtbot.mouseClick(button(sheet.approval, sup.name), Qt.MouseButton.LeftButton)
    sheet.approval.pin.setText("2222")
    sheet.approval._submit()
    qtbot.waitUntil(lambda: sell.line_sheet is None, timeout=5000)
    view = sell.current
    assert view is not None and view.savings and view.savings[0][0] == "Damaged"
    assert any("Damaged −20 %" in s for s in view.lines[0].savings)

    # remove, then undo
    row = sell.lines_box.findChildren(LineRow)[0]
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.empty, timeout=5000)
    assert sell.undo_row.isVisible()
    qtbot.mouseClick(sell.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 2, timeout=5000)
    assert sell.current.savings  # the line came back with its discount


def test_parked_baskets_survive_a_restart(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    first, _ = priced_barcode(ui_device)
    second, _ = priced_barcode(ui_device, 1)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, first)
    sale_id = sell.basket.sale_id
    qtbot.mouseClick(sell.park, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is None and sell.basket.sale_id != sale_id, timeout=5000)
    assert sell.message.text().startswith("Parked")
    scan_one(qtbot, window, second)
    qtbot.mouseClick(sell.park, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is None, timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    # a restart: a new service on the same data directory sees both
    again = BasketService(ui_device.checkout, ui_device.data_dir)
    assert len(again.parked()) == 2
    qtbot.mouseClick(sell.parked, Qt.MouseButton.LeftButton)
    sheet = sell.parked_sheet
    assert sheet is not None
    qtbot.waitUntil(lambda: len([b for b in sheet.findChildren(QPushButton) if b.objectName() == "parkedEntry"]) == 2)
    entry = next(
        b
        for b in sheet.findChildren(QPushButton)
        if b.objectName() == "parkedEntry" and b.isVisible() and b.text().endswith("Resume")
    )
    qtbot.mouseClick(entry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 1, timeout=5000)
    assert len(again.parked()) == 1


def test_customer_display_shows_lines_total_then_thanks(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    display = window.open_customer_display()
    qtbot.waitExposed(display)
    code, _ = priced_barcode(ui_device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    assert sell.current is not None
    assert display.total.text() == f"Total {sell.current.total}"
    assert sell.current.lines[0].name in display.lines.text()
    qtbot.mouseClick(sell.pay, Qt.MouseButton.LeftButton)
    assert sell.tender is not None
    qtbot.mouseClick(quick_buttons(sell.tender)[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Thank you" in display.lines.text(), timeout=10_000)
    assert sell.tender is not None and sell.tender.sale.receipt_no in display.lines.text()


def test_portrait_keeps_totals_and_pay_in_sight(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    window.resize(533, 853)
    sell = sell_screen(qtbot, window)
    for n in range(6):
        code, _ = priced_barcode(ui_device, n)
        scan_one(qtbot, window, code, n + 1)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    screen = QRect(QPoint(0, 0), window.size())

    def inside(w: QWidget) -> bool:
        return w.isVisible() and screen.contains(QRect(w.mapTo(window, QPoint(0, 0)), w.size()))

    qtbot.waitUntil(lambda: inside(sell.pay) and inside(sell.total), timeout=3000)
    assert sell.pay.mapTo(window, QPoint(0, 0)).y() > sell.lines_scroll.mapTo(window, QPoint(0, 0)).y()
    assert sell.pay.height() >= 56


def test_basket_service_limits_and_refusals(ui_device: Device) -> None:
    """The service's rules the screen relies on: absurd quantities and over-100 % discounts are
    the engine's refusals; an override or discount above the role's limit needs the right role."""
    import pytest

    from pos_app.core.auth import Role
    from pos_app.services.errors import PermissionNeeded, ValidationFailed
    from tests.ui.conftest import sign_in

    service = ui_device.basket
    associate, supervisor = sign_in(ui_device, "ASSOCIATE"), sign_in(ui_device, "SUPERVISOR")
    _code, vid = priced_barcode(ui_device)
    basket = service.new()
    view = service.add(basket, vid)
    key = view.lines[0].key
    for qty, code in ((0, "line.quantity_zero"), (-1, "line.quantity_negative"), (10_000, "line.quantity_absurd")):
        with pytest.raises(ValidationFailed) as e:
            service.set_quantity(basket, key, qty)
        assert e.value.code == code
    assert service.view(basket).items == 1  # a refused change is not kept
    with pytest.raises(ValidationFailed) as e:
        service.discount_line(basket, key, "percent", "-5", "Damaged", associate)
    assert e.value.code == "discount.negative"
    unit = service.view(basket).priced.lines[0].unit_price  # type: ignore[union-attr]
    with pytest.raises(PermissionNeeded) as needed:
        service.override(basket, key, unit // 2, "Price match", associate)  # 50 % off
    assert needed.value.needed is Role.MANAGER
    with pytest.raises(PermissionNeeded):
        service.override(basket, key, unit // 2, "Price match", supervisor)  # above 30 % too
    view = service.override(basket, key, unit - unit // 20, "Price match", supervisor)  # 5 %: anyone
    assert any("Price match" in s for s in view.lines[0].savings)
    with pytest.raises(ValidationFailed) as e:
        service.undo(basket)
    assert e.value.code == "basket.undo_expired"


def test_add_from_the_product_views_chosen_size(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    from tests.ui.test_correct_stock import open_and_tap, stocked_variant

    vid, style, _avail = stocked_variant(ui_device)
    assert not window.add_to_sale.isEnabled()
    open_and_tap(qtbot, window, style, vid)
    assert window.add_to_sale.isEnabled()
    qtbot.mouseClick(window.add_to_sale, Qt.MouseButton.LeftButton)
    assert window.selling()
    sell = window.sell
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 1, timeout=5000)
    assert sell.current.lines[0].variant_id == vid
    qtbot.mouseClick(sell.back, Qt.MouseButton.LeftButton)  # "‹ Look up": the product again
    assert not window.selling() and window.view is not None and window.view.style_code == style
