"""Store-and-forward card payments within the caps central sets for the store (docs/terminal.md
"Offline"): the `card_limits` row arrives by sync from a real central on loopback, and the till's
PaymentService allows an offline card within it (with the notice) and refuses one above the
per-sale cap or past the total, with the sentence staff read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from central.card_limits import put_card_limits
from central.changes import writing
from central.db import Database
from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.sim_server import SimulatorServer, running_simulator
from pos_app.services.app import Device
from pos_app.services.errors import ValidationFailed
from pos_app.services.payments import Caps
from pos_app.services.settings import TerminalSettings
from tests.integration.test_payments import KEY, a_basket
from tests.support.tablet import associate


@pytest.fixture
def saf(device: Device) -> Iterator[tuple[TerminalSimulator, SimulatorServer]]:
    """A terminal that stores payments when it cannot reach the card network, set up on the till."""
    s = TerminalSimulator(key=KEY, store_and_forward=True)
    with running_simulator(s) as server:
        device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id=KEY.key_identifier,
                             key_version=KEY.key_version, allow_plain=True, store_and_forward=True),
            passphrase=KEY.passphrase,
        )  # fmt: skip
        yield s, server


def set_caps(central_db: Database, device: Device, per_sale: int, total: int) -> None:
    """Head office changes the store's caps; the till gets them at its next sync."""
    with central_db.session() as s, writing(s):
        put_card_limits(s, device.checkout.identity.store_id, per_sale, total)
    assert device.engine.sync_once().online


def test_the_seeded_caps_arrive_with_the_bootstrap(device: Device) -> None:
    assert device.payments.caps() == Caps(per_sale=30_000, total=200_000)  # TKY01: ¥30,000 / ¥200,000


def test_offline_card_within_central_caps_then_refused_past_them(
    device: Device, central_db: Database, saf: tuple[TerminalSimulator, SimulatorServer]
) -> None:
    session = associate(device)
    b, due = a_basket(device)
    set_caps(central_db, device, per_sale=due, total=due + due // 2)
    assert device.payments.caps() == Caps(due, due + due // 2)
    s, _ = saf
    s.script("offline")
    p = device.basket.pay_card(session, b)
    assert p.state == "approved" and p.stored_offline
    assert device.payments.offline_total() == due

    # Past the total: half a sale is left of it.
    a = device.payments.availability(due)
    assert not a.ok and a.offline
    assert a.reason.startswith("Offline, a card may pay at most ") and a.reason.endswith(": take the rest in cash.")
    b2, due2 = a_basket(device)
    assert due2 == due
    with pytest.raises(ValidationFailed) as e:
        device.basket.pay_card(session, b2)
    assert e.value.code == "payment.unavailable" and "take the rest in cash" in str(e.value)
    small = device.payments.availability(due // 2)
    assert small.ok and small.notice.startswith("The terminal is offline: card payments are stored and sent later")

    # Above the per-sale cap, with plenty of the total left: refused, the same sentence.
    set_caps(central_db, device, per_sale=due // 4, total=100 * due)
    a = device.payments.availability(due // 2)
    assert not a.ok and "at most" in a.reason and "take the rest in cash" in a.reason
    s.script("offline")
    within = device.basket.pay_card(session, b2, due // 4)  # a part within the per-sale cap: allowed
    assert within.state == "approved" and within.stored_offline

    # The total used up exactly: nothing more offline until the terminal's reconciliation.
    set_caps(central_db, device, per_sale=due, total=device.payments.offline_total())
    a = device.payments.availability(1)
    assert not a.ok and "has stored all it may" in a.reason and a.reason.endswith("reconciliation: take cash.")
    device.payments.reconcile(session)
    assert device.payments.availability(due).ok


def test_no_offline_card_where_central_sets_none_or_nothing_was_synced(
    device: Device, central_db: Database, saf: tuple[TerminalSimulator, SimulatorServer]
) -> None:
    session = associate(device)
    s, _ = saf
    b, _due = a_basket(device)
    s.script("offline")
    assert device.basket.pay_card(session, b).stored_offline  # the till learns the terminal is offline
    set_caps(central_db, device, per_sale=0, total=0)
    a = device.payments.availability(100)
    assert not a.ok and a.reason == "The terminal is offline and this store takes no card payments offline: take cash."
    with device.store.tx() as con:  # a cache that never synced the stream: the same, never a till-local cap
        con.execute("DELETE FROM card_limits")
    assert device.payments.caps() == Caps() and not device.payments.availability(100).ok
