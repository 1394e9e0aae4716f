"""A pay-on-pickup order's handover through the normal checkout, on the real main window against a
real central on loopback (docs/pickups.md "Paying at the till"): after the customer's QR,
"Take payment" rings the collected lines up on the sell screen's pay sheet; exact cash and
"New sale" hand the bag over (3 taps after the scan), a card from the terminal simulator in 2;
a customer who walks away is one ✕ on the sell screen and nothing is handed over."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from central.db import Database
from central.models import CustomerOrder, Fulfilment
from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import running_simulator
from pos_app.services.app import Device
from pos_app.services.settings import TerminalSettings
from pos_app.ui.main_window import MainWindow
from pos_app.ui.pickup_view import PickupView
from pos_app.ui.sell_view import TenderSheet
from tests.ui.test_pickup_view import Taps, ready_with_code
from tests.ui.test_sell_view import quick_buttons

KEY = NexoKey("pickup ui passphrase", "PickUiKey", 1)


@pytest.fixture
def page(window: MainWindow) -> PickupView:
    return window.pickup


@pytest.fixture
def sim(ui_device: Device) -> Iterator[TerminalSimulator]:
    s = TerminalSimulator(key=KEY)
    with running_simulator(s) as server:
        ui_device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id="PickUiKey", allow_plain=True),
            passphrase=KEY.passphrase,
        )
        ui_device.payments.poll_interval = 0.05
        yield s


def central_order(db: Database, pickup_id: int) -> tuple[str, str | None, list[Any]]:
    with db.session() as s:
        f = s.get_one(Fulfilment, pickup_id)
        o = s.get_one(CustomerOrder, f.order_id)
        return f.state, o.sale_id, orjson.loads(o.checks)


def to_pay_sheet(qtbot: QtBot, window: MainWindow, page: PickupView, code: str, taps: Taps) -> TenderSheet:
    window.scanned(code)
    qtbot.waitUntil(lambda: page.pages.currentWidget() is page.handover_view, timeout=5000)
    assert page.pay_note.isVisible() and "Pay on pickup" in page.pay_note.text()
    assert not [b for b in page.findChildren(QPushButton) if b.text() == "Paid at the till"]
    assert page.hand_over.text().startswith("Take payment ")
    taps(page.hand_over)
    qtbot.waitUntil(lambda: window.sell.tender is not None and window.sell.tender.isVisible(), timeout=5000)
    assert window.selling()
    sheet = window.sell.tender
    assert isinstance(sheet, TenderSheet)
    return sheet


def test_cash_after_the_scan_is_three_taps_and_hands_it_over(
    qtbot: QtBot, window: MainWindow, page: PickupView, ui_device: Device, central_url: str, central_db: Database
) -> None:
    p, code = ready_with_code(ui_device, central_url, central_db, "pay_on_pickup")
    taps = Taps(qtbot)
    sheet = to_pay_sheet(qtbot, window, page, code, taps)
    assert page.hand_over.text() == f"Take payment {sheet.view.total}"
    assert sheet.view.total_minor == p.total and sheet.view.pickup is not None
    rows = list(window.sell.rows.values())
    assert len(rows) == 2 and all(f"Collected: pickup order {p.number}" in r.info.text() for r in rows)
    assert not any(r.plus.isEnabled() or r.minus.isEnabled() for r in rows)  # the order's quantities
    taps(quick_buttons(sheet)[0])  # exact cash
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    receipt = sheet.sale.receipt_no
    taps(sheet.next)  # Done: "New sale"
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=5000)
    assert taps.count == 3
    assert page.message.text() == f"Paid and handed over: order {p.number} to Hanako Yamada (receipt {receipt})."
    assert page.tab == "collected" and ui_device.pickups.get(p.id).state == "collected"
    assert window.sell.current is None or window.sell.current.empty  # the next sale starts empty
    assert ui_device.engine.sync_once().online
    state, sale_id, checks = central_order(central_db, p.id)
    assert state == "collected" and sale_id is not None and checks == []


def test_a_card_after_the_scan_is_two_taps(
    qtbot: QtBot,
    window: MainWindow,
    page: PickupView,
    ui_device: Device,
    sim: TerminalSimulator,
    central_url: str,
    central_db: Database,
) -> None:
    p, code = ready_with_code(ui_device, central_url, central_db, "pay_on_pickup")
    taps = Taps(qtbot)
    sheet = to_pay_sheet(qtbot, window, page, code, taps)  # with a terminal the card starts at once
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert [t["type"] for t in sheet.sale.tenders] == ["card"]
    taps(sheet.next)
    qtbot.waitUntil(lambda: "Paid and handed over" in page.message.text(), timeout=5000)
    assert taps.count == 2
    assert ui_device.engine.sync_once().online
    assert central_order(central_db, p.id)[:2] == ("collected", str(sheet.sale.sale_id))


def test_a_declined_card_then_the_customer_walks_away_hands_nothing_over(
    qtbot: QtBot,
    window: MainWindow,
    page: PickupView,
    ui_device: Device,
    sim: TerminalSimulator,
    central_url: str,
    central_db: Database,
) -> None:
    p, code = ready_with_code(ui_device, central_url, central_db, "pay_on_pickup")
    sim.script("decline:InsufficientFunds")
    sheet = to_pay_sheet(qtbot, window, page, code, Taps(qtbot))
    qtbot.waitUntil(lambda: not sheet.paying and bool(sheet.error.text()), timeout=8000)
    assert sheet.sale is None and "did not go through" in sheet.error.text()
    qtbot.mouseClick(sheet.back, Qt.MouseButton.LeftButton)  # back to the basket: the customer leaves
    qtbot.waitUntil(lambda: window.sell.tender is None, timeout=3000)
    row = next(iter(window.sell.rows.values()))
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)  # ✕: the whole pickup order off the sale
    qtbot.waitUntil(lambda: window.sell.current is not None and window.sell.current.empty, timeout=5000)
    assert window.sell.current.pickup is None
    assert ui_device.pickups.get(p.id).state == "ready"
    assert ui_device.store.query("SELECT count(*) FROM pickup_actions WHERE kind='handover'", which="device")[0][0] == 0
    assert ui_device.store.query("SELECT count(*) FROM sales", (), "device")[0][0] == 0
    assert ui_device.engine.sync_once().online and central_order(central_db, p.id)[:2] == ("ready", None)


def test_kept_back_lines_are_not_asked_for_and_the_buttons_are_thumb_sized(
    qtbot: QtBot, window: MainWindow, page: PickupView, ui_device: Device, central_url: str, central_db: Database
) -> None:
    p, code = ready_with_code(ui_device, central_url, central_db, "pay_on_pickup")
    window.scanned(code)
    qtbot.waitUntil(lambda: page.pages.currentWidget() is page.handover_view, timeout=5000)
    second, _q = page.give_buttons[2]
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)  # line 2 stays on the shelf
    one = p.lines[0].unit_price
    from pos_app.core.money import Money, format_money

    assert page.hand_over.text() == f"Take payment {format_money(Money(one, p.currency), ui_device.pickups.locale())}"
    assert one < p.total
    for size in ((1280, 800), (853, 533), (533, 853)):
        window.resize(*size)
        qtbot.wait(30)
        for b in page.findChildren(QPushButton):
            if b.isVisible():
                assert b.height() >= 48, (b.text(), b.height())
        b = page.hand_over  # its words fit (portrait: "Pay ¥…")
        assert b.fontMetrics().horizontalAdvance(b.text()) + 24 <= b.width(), (size, b.text(), b.width())
    qtbot.mouseClick(page.hand_over, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.tender is not None and window.sell.tender.isVisible(), timeout=5000)
    assert window.sell.tender.view.total_minor == one
    widgets: list[QWidget] = [*window.sell.tender.findChildren(QPushButton)]
    assert all(w.height() >= 48 for w in widgets if w.isVisible())
