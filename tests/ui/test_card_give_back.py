"""The tender sheet's "Give back" for an approved card of an unfinished split payment, against
the terminal simulator over its network protocol: a card for part (an amount typed before Card),
then that card given back on the terminal — a reversal referenced to its transaction — and the
sale paid in cash with no card tender."""

from __future__ import annotations

from typing import Any

import httpx
from pytestqt.qtbot import QtBot

from pos_app.devices.terminal.sim_server import SimulatorServer
from pos_app.services.app import Device
from pos_app.ui.main_window import MainWindow
from tests.ui.test_card_tender import paying, sim  # noqa: F401 - the simulator fixture
from tests.ui.test_sell_view import quick_buttons


def records(server: SimulatorServer) -> list[dict[str, Any]]:
    return list(httpx.get(server.url.replace("/nexo/", "/control/records")).json()["records"])


def test_an_approved_card_of_a_split_is_given_back_on_the_terminal(
    qtbot: QtBot,
    window: MainWindow,
    ui_device: Device,
    sim: Any,  # noqa: F811
) -> None:
    s, server = sim
    s.script("decline")  # the card Pay starts at once is declined: the sheet waits for staff
    sheet, tap = paying(qtbot, window, ui_device)
    qtbot.waitUntil(lambda: not sheet.paying and bool(sheet.error.text()), timeout=8000)
    total = sheet.view.total_minor
    part = total // 2
    sheet.amount.setText(str(part))  # yen: whole units
    tap(sheet.card_button)
    qtbot.waitUntil(lambda: bool(sheet.cards), timeout=8000)
    [card] = sheet.cards
    assert card.approved_amount == part
    assert sheet.error.text() == f"Card paid {sheet.view.money(part)}; {sheet.view.money(total - part)} still due."
    [give_back] = sheet.give_back_buttons.values()
    assert give_back.text() == f"Give back {sheet.view.money(part)} (MC 0011)"
    tap(give_back)
    qtbot.waitUntil(lambda: not sheet.cards, timeout=8000)
    assert sheet.error.text() == f"Given back {sheet.view.money(part)} to the card ending 0011."
    assert sheet.give_back_buttons == {} and sheet.due_label.text() == f"To pay {sheet.view.total}"
    [reversal] = [r for r in records(server) if r["category"] == "Reversal"]
    assert reversal["original"] == card.transaction_id and reversal["result"] == "Success"
    assert ui_device.payments.taken(sheet.view.sale_id) == 0
    tap(quick_buttons(sheet)[0])  # the whole sale in cash, exact
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=10_000)
    assert [t["type"] for t in sheet.sale.tenders] == ["cash"]
