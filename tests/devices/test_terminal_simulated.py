"""The in-process simulated terminal: the same client logic and scripted faults, no socket."""

from __future__ import annotations

import threading
import time

import pytest

from pos_app.devices.terminal import (
    Approved,
    NexoKey,
    PaymentTerminal,
    SimulatedTerminal,
    TerminalSimulator,
    new_service_id,
)
from pos_app.devices.terminal.base import SERVICE_ID_MAX, DuplicateServiceId, TerminalBusy
from pos_app.devices.terminal.nexo import mask
from pos_app.devices.terminal.simulator import Fault, SimulatorError


@pytest.fixture
def sim() -> TerminalSimulator:
    return TerminalSimulator(key=NexoKey("pass", "K", 2))


@pytest.fixture
def term(sim: TerminalSimulator) -> SimulatedTerminal:
    return SimulatedTerminal(sim, sale_id="TILL-1", payment_timeout=1.0)


def pay(t: SimulatedTerminal, amount: int = 1234, sid: str | None = None):  # type: ignore[no-untyped-def]
    sid = sid or new_service_id()
    return sid, t.start_payment(service_id=sid, amount_minor=amount, currency="EUR", sale_reference="S-1")


def test_contract(term: SimulatedTerminal) -> None:
    assert isinstance(term, PaymentTerminal)
    assert not term.supports_store_and_forward
    assert SimulatedTerminal(TerminalSimulator(store_and_forward=True)).supports_store_and_forward


def test_service_ids_fit_nexo_and_do_not_repeat() -> None:
    ids = {new_service_id() for _ in range(5000)}
    assert len(ids) == 5000 and all(len(i) == SERVICE_ID_MAX and i.isalnum() for i in ids)


@pytest.mark.parametrize("fault", ["no_response", "drop", "delay:5"])
def test_lost_answers_recover_by_status_without_a_second_charge(term: SimulatedTerminal, sim: TerminalSimulator, fault: str) -> None:
    sim.script(fault)
    sid, out = pay(term)
    assert out.kind == "unknown"
    assert isinstance(term.status(sid), Approved)
    with pytest.raises(DuplicateServiceId):
        pay(term, sid=sid)
    assert term.reconcile(service_id=new_service_id()).for_currency("EUR").payments_count == 1


def test_faults_apply_to_the_next_request_of_their_kind(term: SimulatedTerminal, sim: TerminalSimulator) -> None:
    sim.script("not_found", "decline", "decline")
    _, a = pay(term)  # not_found waits for a status request
    _, b = pay(term)
    _, c = pay(term)
    assert [a.kind, b.kind, c.kind] == ["declined", "declined", "approved"]
    assert sim.pending_faults() == ["not_found"]


def test_busy_with_another_payment(sim: TerminalSimulator) -> None:
    t1 = SimulatedTerminal(sim, sale_id="TILL-1")
    t2 = SimulatedTerminal(sim, sale_id="TILL-2")
    sim.script("slow:0.6")
    th = threading.Thread(target=lambda: pay(t1))
    th.start()
    time.sleep(0.15)
    with pytest.raises(TerminalBusy):
        pay(t2)
    th.join(5)


def test_same_service_id_from_another_sale_id_is_another_payment(sim: TerminalSimulator) -> None:
    sid = new_service_id()
    _, a = pay(SimulatedTerminal(sim, sale_id="TILL-1"), sid=sid)
    _, b = pay(SimulatedTerminal(sim, sale_id="TILL-2"), sid=sid)
    assert a.kind == b.kind == "approved" and a.transaction != b.transaction  # type: ignore[union-attr]


def test_bad_fault_names() -> None:
    with pytest.raises(SimulatorError):
        Fault.parse("explode")
    assert Fault.parse("in_progress:3").value == 3.0


def test_a_full_card_number_never_leaves_the_driver() -> None:
    sim = TerminalSimulator(masked_pan="5413330089600011")  # a terminal that misbehaves
    _, out = pay(SimulatedTerminal(sim))
    assert isinstance(out, Approved) and out.masked_pan == "541333******0011"
    assert mask("679999 **** 9990") == "679999****9990"
