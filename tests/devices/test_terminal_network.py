"""The network driver against the terminal simulator served on a free loopback port, over real
sockets: HTTPS with a generated CA and terminal certificate, and plain HTTP. Every scripted fault
and every bad input of issue 8."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.devices.terminal import (
    Approved,
    NexoKey,
    NexoTerminal,
    PaymentTerminal,
    TerminalSimulator,
    new_service_id,
)
from pos_app.devices.terminal.base import (
    AmountMismatch,
    CertificateMismatch,
    DuplicateServiceId,
    InvalidRequest,
    ProtectionFailure,
    TerminalBusy,
    TerminalTransaction,
    TerminalUnreachable,
    WrongTerminal,
)
from pos_app.devices.terminal.sim_server import (
    CertificatePaths,
    SimulatorServer,
    free_port,
    generate_certificates,
    running_simulator,
)

POIID = "V400m-123456789"
SALE_ID = "AISLE-TILL-7"
KEY = NexoKey("s3cret pass phrase", "AisleKey", 1)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> CertificatePaths:
    paths = generate_certificates(tmp_path_factory.mktemp("terminal-ca"), POIID)
    CA_FILES["https"] = paths.ca
    return paths


@pytest.fixture(scope="module")
def foreign_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificatePaths:
    """Another CA that also issued a certificate named POIID: not the one the till trusts."""
    return generate_certificates(tmp_path_factory.mktemp("foreign-ca"), POIID)


@pytest.fixture(params=["https", "plain"])
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def sim() -> TerminalSimulator:
    return TerminalSimulator(poiid=POIID, key=KEY, hold_seconds=3.0)


@pytest.fixture
def server(sim: TerminalSimulator, transport: str, certs: CertificatePaths) -> Iterator[SimulatorServer]:
    with running_simulator(sim, certificates=certs if transport == "https" else None) as s:
        yield s


def driver(server: SimulatorServer, certs: CertificatePaths, *, key: NexoKey | None = KEY, poiid: str = POIID, **kw) -> NexoTerminal:  # type: ignore[no-untyped-def]
    https = server.url.startswith("https")
    kw.setdefault("payment_timeout", 5.0)
    kw.setdefault("request_timeout", 5.0)
    return NexoTerminal(
        url=server.url, poiid=poiid, sale_id=SALE_ID, key=key, ca_file=certs.ca if https else None, allow_plain=not https, **kw
    )


@pytest.fixture
def term(server: SimulatorServer, certs: CertificatePaths) -> Iterator[NexoTerminal]:
    t = driver(server, certs)
    yield t
    t.close()


def term_ca(t: NexoTerminal) -> Path | None:
    return CA_FILES.get(t.url.split(":")[0])


CA_FILES: dict[str, Path] = {}


def pay(t: PaymentTerminal, amount: int = 1099, currency: str = "EUR", sid: str | None = None):  # type: ignore[no-untyped-def]
    sid = sid or new_service_id()
    return sid, t.start_payment(service_id=sid, amount_minor=amount, currency=currency, sale_reference="SALE-1")


def test_driver_is_a_payment_terminal(term: NexoTerminal) -> None:
    assert isinstance(term, PaymentTerminal)


def test_approved_payment_carries_only_what_the_contract_allows(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sid, out = pay(term)
    assert isinstance(out, Approved)
    assert (out.service_id, out.amount_minor, out.currency) == (sid, 1099, "EUR")
    assert out.masked_pan == "541333******0011" and out.brand == "mc"
    assert len(out.approval_code) == 6 and out.transaction.transaction_id.startswith("SIM") and out.transaction.timestamp
    assert any("APPROVED" in line for line in out.merchant_receipt)
    assert out.customer_receipt[-1] == "CARDHOLDER COPY" and out.merchant_receipt[-1] == "MERCHANT COPY"
    assert term.status(sid) == out  # the stored result, as the terminal keeps it


def test_zero_decimal_currency(term: NexoTerminal) -> None:
    _, out = pay(term, 1500, "JPY")
    assert isinstance(out, Approved) and (out.amount_minor, out.currency) == (1500, "JPY")


def test_nexo_spelling_of_masked_pan_is_read(certs: CertificatePaths, transport: str) -> None:
    s = TerminalSimulator(poiid=POIID, key=KEY, pan_field="MaskedPAN")
    with running_simulator(s, certificates=certs if transport == "https" else None) as srv:
        t = driver(srv, certs)
        _, out = pay(t)
        t.close()
    assert isinstance(out, Approved) and out.masked_pan == "541333******0011"


@pytest.mark.parametrize("condition", ["Refusal", "WrongPIN", "InvalidCard"])
def test_decline_gives_a_reason_for_the_customer(term: NexoTerminal, sim: TerminalSimulator, condition: str) -> None:
    sim.script(f"decline:{condition}")
    sid, out = pay(term)
    assert out.kind == "declined" and out.condition == condition and out.reason.endswith(".")
    assert term.status(sid).kind == "declined"
    _sid2, again = pay(term)
    assert again.kind == "approved"  # the fault was for one payment


def test_cancel_on_the_terminal(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("cancel")
    _, out = pay(term)
    assert out.kind == "cancelled" and out.by == "terminal"


def test_busy_raises_and_nothing_was_charged(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("busy")
    with pytest.raises(TerminalBusy) as e:
        pay(term)
    assert e.value.safe_to_retry and str(e.value).endswith(".")
    assert term.reconcile(service_id=new_service_id()).for_currency("EUR").payments_count == 0


def test_answer_that_never_comes_is_recovered_by_status(server: SimulatorServer, certs: CertificatePaths, sim: TerminalSimulator) -> None:
    t = driver(server, certs, payment_timeout=0.5)
    sim.script("no_response")
    sid, out = pay(t)
    assert out.kind == "unknown" and out.why == "timeout"
    recovered = t.status(sid)
    assert isinstance(recovered, Approved) and recovered.amount_minor == 1099
    # a blind second start with the same ServiceID cannot charge again: the terminal refuses it
    with pytest.raises(DuplicateServiceId):
        pay(t, sid=sid)
    totals = t.reconcile(service_id=new_service_id()).for_currency("EUR")
    assert (totals.payments_count, totals.payments_minor) == (1, 1099)
    t.close()


def test_dropped_answer_is_unknown_then_status_says_approved(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("drop")
    sid, out = pay(term)
    assert out.kind == "unknown" and out.why == "dropped"
    assert term.status(sid).kind == "approved"


def test_delay_past_the_timeout(server: SimulatorServer, certs: CertificatePaths, sim: TerminalSimulator) -> None:
    t = driver(server, certs, payment_timeout=0.4)
    sim.script("delay:1.5")
    sid, out = pay(t)
    assert out.kind == "unknown" and out.why == "timeout"
    assert t.status(sid).kind == "approved"
    t.close()


def test_in_progress_for_n_polls(server: SimulatorServer, certs: CertificatePaths, sim: TerminalSimulator) -> None:
    t = driver(server, certs, payment_timeout=0.4)
    sim.script("no_response", "in_progress:3")
    sid, out = pay(t)
    assert out.kind == "unknown"
    kinds = [t.status(sid).kind for _ in range(4)]
    assert kinds == ["in_progress", "in_progress", "in_progress", "approved"]
    t.close()


def test_status_while_the_customer_is_at_the_terminal(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("slow:1.0")
    sid = new_service_id()
    result: list = []
    th = threading.Thread(target=lambda: result.append(pay(term, sid=sid)[1]))
    th.start()
    time.sleep(0.3)
    assert term.status(sid).kind == "in_progress"
    th.join(5)
    assert result[0].kind == "approved" and term.status(sid).kind == "approved"


def test_not_found(term: NexoTerminal, sim: TerminalSimulator) -> None:
    assert term.status(new_service_id()).why == "not_found"  # type: ignore[union-attr]
    sid, _ = pay(term)
    sim.script("not_found")
    assert term.status(sid).kind == "unknown"
    assert term.status(sid).kind == "approved"


def test_abort_while_the_customer_is_at_the_terminal(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("slow:5")
    sid = new_service_id()
    result: list = []
    th = threading.Thread(target=lambda: result.append(pay(term, sid=sid)[1]))
    th.start()
    while term.status(sid).kind != "in_progress":
        time.sleep(0.02)
    t0 = time.monotonic()
    term.abort(sid)
    th.join(5)
    assert time.monotonic() - t0 < 2
    assert result[0].kind == "cancelled" and result[0].by == "till"
    assert term.status(sid).kind == "cancelled"


def test_abort_that_arrives_too_late(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("slow:0.5", "late_abort")
    sid = new_service_id()
    result: list = []
    th = threading.Thread(target=lambda: result.append(pay(term, sid=sid)[1]))
    th.start()
    while term.status(sid).kind != "in_progress":
        time.sleep(0.02)
    term.abort(sid)
    th.join(5)
    assert result[0].kind == "approved"  # the outcome is what the terminal finally says


def test_duplicate_service_id(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sid, first = pay(term)
    with pytest.raises(DuplicateServiceId) as e:
        pay(term, 500, sid=sid)
    assert e.value.safe_to_retry
    sim.script("duplicate")
    with pytest.raises(DuplicateServiceId):
        pay(term)
    assert term.status(sid) == first


def test_answer_for_another_service_id(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("other_service_id")
    sid, out = pay(term)
    assert out.kind == "unknown" and out.error is not None and out.error.code == "terminal.other_service_id"
    assert term.status(sid).kind == "approved"


@pytest.mark.parametrize("fault", ["amount_mismatch", "currency_mismatch"])
def test_amount_or_currency_different_from_the_request(term: NexoTerminal, sim: TerminalSimulator, fault: str) -> None:
    sim.script(fault)
    sid, out = pay(term)
    assert out.kind == "unknown" and out.error is not None and out.error.code == "terminal.amount_mismatch"
    assert not out.error.safe_to_retry
    # the status answer is checked the same way (status raises: it cannot say what it means)
    with pytest.raises(AmountMismatch):
        term.status(sid)
    # a fresh driver (after a restart) checks against the intent it is given
    fresh = NexoTerminal(url=term.url, poiid=POIID, sale_id=SALE_ID, key=KEY, ca_file=term_ca(term), allow_plain=True)
    with pytest.raises(AmountMismatch):
        fresh.status(sid, expected_amount_minor=1099, expected_currency="EUR")
    assert fresh.status(sid).kind == "approved"  # without an intent it reports what the terminal did
    fresh.close()


def test_malformed_json(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("malformed")
    _sid, out = pay(term)
    assert out.kind == "unknown" and out.error is not None and out.error.code == "terminal.malformed"


def test_answer_from_another_poiid(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("wrong_poiid")
    _, out = pay(term)
    assert out.kind == "unknown" and isinstance(out.error, WrongTerminal)


def test_wrong_passphrase(server: SimulatorServer, certs: CertificatePaths, transport: str) -> None:
    t = driver(server, certs, key=NexoKey("not the passphrase", KEY.key_identifier, KEY.key_version))
    if transport == "https":  # a TLS-authenticated "cannot read your message": nothing was charged
        with pytest.raises(ProtectionFailure) as e:
            pay(t)
        assert e.value.safe_to_retry and "passphrase" in str(e.value)
    else:
        _, out = pay(t)
        assert out.kind == "unknown" and isinstance(out.error, ProtectionFailure)
    t.close()


def test_answer_with_a_bad_hmac(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("bad_hmac")
    sid, out = pay(term)
    assert out.kind == "unknown" and isinstance(out.error, ProtectionFailure) and not out.error.safe_to_retry
    assert term.status(sid).kind == "approved"


def test_protection_off_on_both_sides(certs: CertificatePaths, transport: str) -> None:
    s = TerminalSimulator(poiid=POIID)
    with running_simulator(s, certificates=certs if transport == "https" else None) as srv:
        t = driver(srv, certs, key=None)
        assert pay(t)[1].kind == "approved"
        t.close()


def test_till_without_key_against_a_protecting_terminal(server: SimulatorServer, certs: CertificatePaths, transport: str) -> None:
    with driver(server, certs, key=None) as t:
        if transport == "https":
            with pytest.raises(ProtectionFailure) as e:
                pay(t)
            assert e.value.safe_to_retry
        else:  # an unauthenticated "cannot read you" is not believed: recover by status
            _, out = pay(t)
            assert out.kind == "unknown" and isinstance(out.error, ProtectionFailure)


def test_refund_partial_then_the_rest_never_more(term: NexoTerminal) -> None:
    _, paid = pay(term, 2000)
    assert isinstance(paid, Approved)
    r1 = term.refund(service_id=new_service_id(), original=paid.transaction, amount_minor=500, currency="EUR")
    assert r1.kind == "refunded" and r1.amount_minor == 500 and r1.original == paid.transaction
    too_much = term.refund(service_id=new_service_id(), original=paid.transaction, amount_minor=1600, currency="EUR")
    assert too_much.kind == "declined"
    with pytest.raises(InvalidRequest):
        term.refund(service_id=new_service_id(), original=paid.transaction, amount_minor=2500, currency="EUR", original_amount_minor=2000)
    rsid = new_service_id()
    r2 = term.refund(service_id=rsid, original=paid.transaction, amount_minor=1500, currency="EUR")
    assert r2.kind == "refunded"
    assert term.status(rsid, category="Reversal").kind == "refunded"
    unknown_tx = term.refund(service_id=new_service_id(), original=TerminalTransaction("nope", ""), amount_minor=1, currency="EUR")
    assert unknown_tx.kind == "declined"


def test_reconciliation_totals(term: NexoTerminal, sim: TerminalSimulator) -> None:
    _, a = pay(term, 1000)
    _, _b = pay(term, 250)
    _, _c = pay(term, 700, "USD")
    sim.script("decline")
    pay(term, 999)
    assert isinstance(a, Approved)
    term.refund(service_id=new_service_id(), original=a.transaction, amount_minor=300, currency="EUR")
    totals = term.reconcile(service_id=new_service_id())
    eur, usd = totals.for_currency("EUR"), totals.for_currency("USD")
    assert (eur.payments_count, eur.payments_minor, eur.refunds_count, eur.refunds_minor) == (2, 1250, 1, 300)
    assert (usd.payments_count, usd.payments_minor) == (1, 700)
    nxt = term.reconcile(service_id=new_service_id())  # the batch was closed
    assert nxt.totals == () and nxt.reconciliation_id != totals.reconciliation_id


def test_store_and_forward(certs: CertificatePaths, transport: str) -> None:
    s = TerminalSimulator(poiid=POIID, key=KEY, store_and_forward=True)
    with running_simulator(s, certificates=certs if transport == "https" else None) as srv:
        t = driver(srv, certs, store_and_forward=True)
        assert t.supports_store_and_forward
        s.script("offline")
        _, out = pay(t)
        t.close()
    assert isinstance(out, Approved) and out.stored_offline


def test_offline_without_store_and_forward_is_a_decline(term: NexoTerminal, sim: TerminalSimulator) -> None:
    sim.script("offline")
    _, out = pay(term)
    assert out.kind == "declined" and out.condition == "UnreachableHost"


# --- faults of the network itself ---------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_unreachable(certs: CertificatePaths, scheme: str) -> None:
    port = free_port()
    t = NexoTerminal(url=f"{scheme}://127.0.0.1:{port}/nexo/", poiid=POIID, sale_id=SALE_ID, key=KEY, ca_file=certs.ca, allow_plain=True)
    with pytest.raises(TerminalUnreachable) as e:
        pay(t)
    assert e.value.safe_to_retry and "reached" in str(e.value)
    t.close()


def test_certificate_from_another_ca(sim: TerminalSimulator, certs: CertificatePaths, foreign_ca: CertificatePaths) -> None:
    with running_simulator(sim, certificates=foreign_ca) as srv:
        t = driver(srv, certs)
        with pytest.raises(CertificateMismatch) as e:
            pay(t)
        t.close()
    assert e.value.safe_to_retry and sim.requests_seen == 0  # refused before anything was sent


def test_certificate_of_another_terminal(sim: TerminalSimulator, certs: CertificatePaths) -> None:
    with running_simulator(sim, certificates=certs) as srv:
        t = driver(srv, certs, poiid="V400m-000000001")
        with pytest.raises(WrongTerminal) as e:
            pay(t)
        t.close()
    assert POIID in str(e.value) and sim.requests_seen == 0


def test_wrong_poiid_over_plain_http(sim: TerminalSimulator, certs: CertificatePaths) -> None:
    with running_simulator(sim) as srv:
        t = driver(srv, certs, poiid="V400m-000000001")
        _, out = pay(t)
        with pytest.raises(WrongTerminal):
            t.status(out.service_id)
        t.close()
    assert out.kind == "unknown" and isinstance(out.error, WrongTerminal)


def test_plain_http_needs_to_be_asked_for(certs: CertificatePaths) -> None:
    with pytest.raises(InvalidRequest):
        NexoTerminal(url="http://127.0.0.1:1/nexo/", poiid=POIID, sale_id=SALE_ID)
    with pytest.raises(InvalidRequest):
        NexoTerminal(url="https://127.0.0.1:1/nexo/", poiid=POIID, sale_id=SALE_ID)  # no CA file
    with pytest.raises(CertificateMismatch):
        NexoTerminal(url="https://127.0.0.1:1/nexo/", poiid=POIID, sale_id=SALE_ID, ca_file=Path("/nonexistent/ca.pem"))


def test_bad_requests_are_refused_before_sending(term: NexoTerminal, sim: TerminalSimulator) -> None:
    for kw in (
        {"service_id": "ELEVENCHARS"},
        {"service_id": "bad id"},
        {"amount_minor": 0},
        {"currency": "euro"},
        {"sale_reference": ""},
    ):
        args = {"service_id": new_service_id(), "amount_minor": 100, "currency": "EUR", "sale_reference": "S", **kw}
        with pytest.raises(InvalidRequest):
            term.start_payment(**args)  # type: ignore[arg-type]
    assert sim.requests_seen == 0


def test_control_endpoint(server: SimulatorServer, term: NexoTerminal) -> None:
    import httpx

    base = server.url.replace("/nexo/", "")
    with httpx.Client(verify=False) as c:
        r = c.post(base + "/control/faults", json={"faults": ["decline", "delay:2"]})
        assert r.json()["faults"] == ["decline", "delay:2.0"]
        assert c.post(base + "/control/faults", json={"faults": ["nonsense"]}).status_code == 400
        c.post(base + "/control/reset")
        assert c.get(base + "/control/faults").json()["faults"] == []
        c.post(base + "/control/faults", json={"faults": ["decline"]})
    assert pay(term)[1].kind == "declined"
