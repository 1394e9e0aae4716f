"""Parking a basket that holds card money is refused with one sentence (docs/terminal.md
"Parking a basket paid in part by card"); once the card is given back on the terminal — a
reversal referenced to the original — the same basket parks. Against the terminal simulator over
its network protocol (plain HTTP on loopback, message protection on)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import SimulatorServer, running_simulator
from pos_app.services.app import Device
from pos_app.services.errors import ValidationFailed
from pos_app.services.settings import TerminalSettings
from tests.support.tablet import a_stocked_variant, associate

KEY = NexoKey("park passphrase", "ParkKey", 1)


@pytest.fixture
def till(device: Device) -> Iterator[tuple[Device, TerminalSimulator, SimulatorServer]]:
    s = TerminalSimulator(key=KEY)
    with running_simulator(s) as server:
        device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id=KEY.key_identifier,
                             key_version=KEY.key_version, allow_plain=True),
            passphrase=KEY.passphrase,
        )  # fmt: skip
        device.payments.poll_interval = 0.05
        device.payments.recover_seconds = 2.0
        yield device, s, server


def reversals(server: SimulatorServer) -> list[dict[str, Any]]:
    recs = httpx.get(server.url.replace("/nexo/", "/control/records")).json()["records"]
    return [r for r in recs if r["category"] == "Reversal" and r["result"] == "Success"]


def test_a_basket_holding_an_approved_card_is_not_parked_until_the_card_is_given_back(till: Any) -> None:
    device, _, server = till
    session = associate(device)
    vid, _ = a_stocked_variant(device)
    b = device.basket.new()
    view = device.basket.add(b, vid, 2)
    p = device.basket.pay_card(session, b, view.total_minor // 2)
    assert p.state == "approved"
    with pytest.raises(ValidationFailed) as e:
        device.basket.park(b, session)
    assert e.value.code == "basket.park_card"
    assert str(e.value) == (
        f"This basket holds a card payment of {view.money(p.approved_amount)}: take the rest to finish the sale, "
        "or give the card payment back on the Pay screen, then park it."
    )
    assert device.basket.parked() == [] and len(b.lines) == 1  # nothing lost, nothing parked
    back = device.payments.reverse(session, p.service_id)
    assert back.state == "refunded" and back.approved_amount == p.approved_amount
    assert [r["original"] for r in reversals(server)] == [p.transaction_id]
    entry = device.basket.park(b, session)
    assert [x.id for x in device.basket.parked()] == [entry.id]


def test_a_declined_card_does_not_stop_parking(till: Any) -> None:
    device, sim, _ = till
    session = associate(device)
    vid, _ = a_stocked_variant(device)
    b = device.basket.new()
    device.basket.add(b, vid)
    sim.script("decline:InsufficientFunds")
    assert device.basket.pay_card(session, b).state == "declined"
    device.basket.park(b, session)
    assert len(device.basket.parked()) == 1


def test_a_card_payment_the_terminal_cannot_say_about_stops_parking(till: Any) -> None:
    device, sim, _ = till
    session = associate(device)
    device.payments.recover_seconds = 0.2
    vid, _ = a_stocked_variant(device)
    b = device.basket.new()
    device.basket.add(b, vid)
    sim.script("drop", "not_found")  # the answer is lost and the status finds no record
    p = device.basket.pay_card(session, b)
    assert p.state == "unknown"
    with pytest.raises(ValidationFailed) as e:
        device.basket.park(b, session)
    assert e.value.code == "basket.park_card_open"
    assert device.basket.parked() == []
