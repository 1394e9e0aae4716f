"""The app killed (SIGKILL, a real subprocess) at every step of a card payment, restarted, and
recovered: no approved payment is lost, no ServiceID is charged twice, and the sale either
completes with its receipt or is voided with the money given back by a reversal. The terminal
is the simulator over its network protocol, in a thread of this test process; what it did is
asked over its control endpoint."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import running_simulator
from pos_app.services.app import Device
from pos_app.services.settings import TerminalSettings
from tests.support.tablet import a_stocked_variant, associate

KEY = NexoKey("crash passphrase", "CrashKey", 1)

KILLED = textwrap.dedent(
    """
    import os, signal, sys, threading, uuid
    from datetime import UTC, datetime
    from pathlib import Path
    from pos_app.devices.terminal import NexoTerminal
    from pos_app.devices.terminal.protection import NexoKey
    from pos_app.local.store import LocalStore
    from pos_app.services.auth import AuthService, Session
    from pos_app.services.checkout import CheckoutService, device_code
    from pos_app.services.payments import PaymentService
    data, step, vid, sale_id, staff, url, part = sys.argv[1:8]
    store = LocalStore(Path(data))
    identity = store.identity()
    co = CheckoutService(store, identity)
    terminal = NexoTerminal(url=url, poiid="V400m-123456789", sale_id=f"AISLE-{device_code(identity.device_id)}",
                            key=NexoKey("crash passphrase", "CrashKey", 1), allow_plain=True)
    pay = PaymentService(store, co, lambda: terminal, poll_interval=0.05, recover_seconds=2)
    person = next(p for p in AuthService(store, identity.store_id).staff() if p.id == int(staff))
    session = Session(person, datetime.now(UTC))
    basket = co.basket(uuid.UUID(sale_id), [(int(vid), 1)])
    priced = co.price(basket)
    due = priced.totals.total
    def kill(at):
        if at == step:
            os.kill(os.getpid(), signal.SIGKILL)
        if step == "paying" and at == "send":  # killed while the customer is at the terminal
            threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
    pay.fault = kill
    co.fault = kill
    p = pay.pay(session, basket, due if part == "full" else due // 2, due=due, currency=priced.currency)
    assert p.state == "approved", p
    if part == "full":
        co.complete(session, basket, pay.tenders(sale_id))
    os.kill(os.getpid(), signal.SIGKILL)  # "receipt": the sale made, its receipt not yet; half: the cash never came
    """
)

# (where it dies, how much the card pays, how it must end)
CASES = [
    ("intent", "full", "nothing"),  # before the intent: nothing was asked
    ("asked", "full", "voided"),  # intent written, never sent: the terminal has no record
    ("send", "full", "staff"),  # marked asked, died before sending: only a person can tell
    ("paying", "full", "completed"),  # the customer taps the card while the app is dead
    ("answer", "full", "completed"),  # the terminal approved; the answer was never written
    ("recorded", "full", "completed"),  # the answer written; the sale not yet
    ("outbox", "full", "completed"),  # inside the sale's transaction (rolled back)
    ("commit", "full", "completed"),
    ("receipt", "full", "completed"),  # the sale committed; its receipt not made
    ("receipt", "half", "voided"),  # half by card, the cash never taken: the card is given back
]


def records(url: str) -> list[dict[str, Any]]:
    return list(httpx.get(url.replace("/nexo/", "/control/records")).json()["records"])


@pytest.mark.parametrize(("step", "part", "end"), CASES, ids=[f"{s}-{p}" for s, p, _ in CASES])
def test_killed_at_every_step_of_a_card_payment(device: Device, enrolled: Path, step: str, part: str, end: str) -> None:
    sim = TerminalSimulator(key=KEY)
    if step == "paying":
        sim.script("slow:1.5")
    vid, _ = a_stocked_variant(device)
    staff = associate(device).staff.id
    sale_id = device.checkout.open_basket()
    with running_simulator(sim) as server:
        device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=sim.poiid, key_id=KEY.key_identifier,
                             allow_plain=True),
            passphrase=KEY.passphrase,
        )  # fmt: skip
        device.close()
        proc = subprocess.run(
            [sys.executable, "-c", KILLED, str(enrolled), step, str(vid), str(sale_id), str(staff), server.url, part],
            capture_output=True,
            cwd=Path(__file__).parents[2],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
            timeout=60,
        )
        assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]

        again = Device(enrolled)  # the app restarted
        try:
            again.payments.poll_interval = 0.05
            again.payments.recover_seconds = 3.0
            outcome = again.payments.resolve_open()
            if end == "staff":  # the terminal has no record of it: staff look, and it shows nothing
                assert outcome["waiting"] == [str(sale_id)]
                [p] = again.payments.of_sale(sale_id)
                assert p.needs_staff and p.why == "not_found"
                again.payments.decide(associate(again), p.service_id, approved=False)
                outcome = again.payments.resolve_open()
                end = "voided"
            again.sale_receipts.catch_up()
            recs = [r for r in records(server.url) if r["sale_reference"] in (str(sale_id), None)]
            payments = [r for r in recs if r["category"] == "Payment"]
            approved = {r["transaction_id"]: r["amount_minor"] for r in payments if r["result"] == "Success"}
            reversed_ = sum(r["amount_minor"] for r in recs if r["category"] == "Reversal" and r["result"] == "Success")
            assert len(approved) <= 1  # one basket, never charged twice
            # no approved payment lost: every approval the terminal made is a row of the till
            kept = {p.transaction_id for p in again.payments.of_sale(sale_id) if p.state == "approved"}
            assert set(approved) <= kept
            sale = again.checkout.sale(sale_id)
            if end == "completed":
                assert outcome["completed"] == [str(sale_id)] or step in ("receipt",)
                assert sale is not None
                assert sum(approved.values()) - reversed_ == sale.total
                assert sale.tenders[0]["type"] == "card" and sale.tenders[0]["reference"] in approved
                receipt = again.receipts.receipt(sale.receipt_no)
                assert "CARDHOLDER COPY" in receipt.card_slip
            else:
                assert sale is None
                assert sum(approved.values()) - reversed_ == 0  # money given back, or never taken
                if end == "voided":
                    assert outcome["voided"] == [str(sale_id)]
                    state = again.store.query(
                        "SELECT state FROM payment_sales WHERE sale_id=?", (str(sale_id),), "device"
                    )
                    assert state == [("voided",)]
            assert again.payments.unsettled() == [] and again.payments.open_sales() == []
            assert again.store.journal_verify() == []
        finally:
            again.close()
