"""The tender sheet with a card terminal (the simulator over its network protocol): Pay is a card
payment at once (one tap), the waiting state with Cancel, cash one tap away (it cancels the card
on the terminal first), a decline said in the customer's words, and a double tap that never
starts two payments."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import SimulatorServer, running_simulator
from pos_app.services.app import Device
from pos_app.services.settings import TerminalSettings
from pos_app.ui import i18n
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sell_view import TenderSheet
from tests.ui.test_sell_view import Taps, priced_barcode, quick_buttons, scan_one, sell_screen

KEY = NexoKey("ui passphrase", "UiKey", 1)


@pytest.fixture
def sim(ui_device: Device) -> Iterator[tuple[TerminalSimulator, SimulatorServer]]:
    s = TerminalSimulator(key=KEY)
    with running_simulator(s) as server:
        ui_device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id="UiKey", allow_plain=True),
            passphrase=KEY.passphrase,
        )
        ui_device.payments.poll_interval = 0.05
        ui_device.payments.recover_seconds = 2.0
        yield s, server


def payments(server: SimulatorServer) -> list[dict[str, Any]]:
    recs = httpx.get(server.url.replace("/nexo/", "/control/records")).json()["records"]
    return [r for r in recs if r["category"] == "Payment"]


def paying(qtbot: QtBot, window: MainWindow, device: Device) -> tuple[TenderSheet, Taps]:
    code, _ = priced_barcode(device)
    sell = sell_screen(qtbot, window)
    scan_one(qtbot, window, code)
    qtbot.waitUntil(lambda: sell.card_info[0], timeout=5000)  # read on a worker after the scan
    tap = Taps(qtbot)
    tap(sell.pay)
    sheet = sell.tender
    assert isinstance(sheet, TenderSheet)
    return sheet, tap


def test_a_card_sale_of_one_scanned_item_is_one_tap(
    qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any
) -> None:
    _, server = sim
    sheet, tap = paying(qtbot, window, ui_device)
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert tap.n == 1
    assert sheet.receipt.text() == f"Receipt {sheet.sale.receipt_no}" and sheet.change.text() == "No change"
    rows = ui_device.store.query("SELECT type, reference FROM sale_payments", (), "device")
    assert [r[0] for r in rows] == ["card"] and rows[0][1].startswith("SIM")
    assert len(payments(server)) == 1


def test_waiting_cancel_and_a_double_tap(qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any) -> None:
    s, server = sim
    s.script("slow:5")
    sheet, tap = paying(qtbot, window, ui_device)
    qtbot.waitUntil(lambda: sheet.waiting.isVisible(), timeout=3000)
    assert sheet.waiting.text() == "Customer is paying on the terminal…"
    assert not sheet.card_button.isEnabled()
    sheet.pay_by_card()  # a double tap that got through: nothing new starts
    qtbot.waitUntil(lambda: ui_device.payments.in_flight(sheet.view.sale_id) is not None, timeout=3000)
    tap(sheet.cancel_card)
    qtbot.waitUntil(lambda: not sheet.paying, timeout=8000)
    assert sheet.error.text() == "Card payment cancelled." and sheet.sale is None
    assert len(payments(server)) == 1 and payments(server)[0]["condition"] == "Aborted"
    tap(quick_buttons(sheet)[0])  # then cash, exact
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert [t["type"] for t in sheet.sale.tenders] == ["cash"]


def test_cash_while_the_customer_is_at_the_terminal_cancels_the_card_first(
    qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any
) -> None:
    s, server = sim
    s.script("slow:5")
    sheet, tap = paying(qtbot, window, ui_device)
    qtbot.waitUntil(lambda: ui_device.payments.in_flight(sheet.view.sale_id) is not None, timeout=3000)
    tap(quick_buttons(sheet)[0])  # cash one tap away
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert tap.n == 2 and [t["type"] for t in sheet.sale.tenders] == ["cash"]
    assert [p["condition"] for p in payments(server)] == ["Aborted"]


def test_a_declined_card_is_said_and_nothing_is_sold(
    qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any
) -> None:
    s, _ = sim
    s.script("decline:InsufficientFunds")
    sheet, _ = paying(qtbot, window, ui_device)
    qtbot.waitUntil(lambda: not sheet.paying and bool(sheet.error.text()), timeout=8000)
    assert sheet.error.text() == "The payment did not go through — please try again or use another way to pay."
    assert sheet.sale is None
    assert sheet.card_button.isEnabled()
    qtbot.mouseClick(sheet.card_button, Qt.MouseButton.LeftButton)  # another card
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert ui_device.store.query("SELECT count(*) FROM sales", (), "device") == [(1,)]


def test_a_busy_terminal_is_said_in_the_screens_language(
    qtbot: QtBot, window: MainWindow, ui_device: Device, sim: Any
) -> None:
    """Issue 12: the terminal driver's sentence is a code of pos_app/devices/terminal_words.py;
    the payment service passes it on under its kind (terminal.busy) and the tender sheet words
    it, here in German, over the simulator's real network protocol; nothing was charged."""
    s, server = sim
    s.script("busy")
    assert i18n.install("de")
    try:
        sheet, _ = paying(qtbot, window, ui_device)
        qtbot.waitUntil(lambda: not sheet.paying and bool(sheet.error.text()), timeout=8000)
        assert sheet.error.text() == (
            "Das Terminal ist mit einer anderen Zahlung beschäftigt; warten, bis sie fertig ist, und noch einmal versuchen."
        )
    finally:
        i18n.install("en")
    assert sheet.sale is None and sheet.card_button.isEnabled()
    assert all(r.get("result") != "Success" for r in payments(server))
