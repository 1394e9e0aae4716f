"""Returns on a real tablet against a real central on loopback and the terminal simulator over
its network protocol: a return code e-mailed to the customer scanned and refunded to the card
(a referenced refund) and the drawer (counted in the shift), two tablets on one return (one
wins), a code scanned twice, tampered codes, counter returns by receipt number, refusals, and
offline (cash completes, a card refund the terminal cannot make queues)."""

from __future__ import annotations

import io
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from central.db import Database
from pos_app.core.returns import Share
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.basket import TenderType
from pos_app.services.enrollment import enroll
from pos_app.services.errors import ValidationFailed
from pos_app.services.settings import TerminalSettings
from pos_app.services.shifts import ShiftPolicy
from sync.pricing import Tender
from sync.receipts.code import _b64, _unb64
from tests.central.helpers import channel_token, location_id, on_hand
from tests.integration import test_payments
from tests.integration.test_payments import KEY, a_basket, records
from tests.support.servers import free_port
from tests.support.tablet import associate

sim, till = test_payments.sim, test_payments.till  # the terminal simulator and a till wired to it

FLOAT = {"10000": 1, "5000": 2, "1000": 10, "100": 20, "10": 50}


def card_and_cash_sale(device: Device, qty: int = 2) -> tuple[Any, int, int]:
    """A sale paid part by card, the rest in cash (the exact amount), synced to central."""
    session = associate(device)
    b, due = a_basket(device, qty)
    card = due // 2
    p = device.basket.pay_card(session, b, card)
    assert p.state == "approved"
    sale = device.basket.complete(session, b, [Tender(TenderType.CASH, due - card)])
    assert device.engine.sync_once().online
    return sale, due, card


def expected_cash(device: Device) -> int:
    """The drawer's expected cash from the shift's X report (the store shows expected amounts)."""
    if not device.shifts.expected_visible():
        boss = next(p for p in device.auth.staff() if p.role.name == "MANAGER")
        device.shifts.set_policy(device.auth.sign_in(boss.id, "3333"), ShiftPolicy(show_expected=True))
    return int(device.shifts.x_report()["cash"]["expected"])


def web_return(central_url: str, central_db: Database, sale_id: str, qty: int, email: str = "") -> dict[str, Any]:
    """What the web shop (or the order page) does: a return authorization for the customer."""
    body = {"sale_id": sale_id, "reason": "size", "lines": [{"line_id": "1", "quantity": qty}], "email": email}
    r = httpx.post(f"{central_url}/v1/returns", json=body, headers=channel_token(central_db, f"web-{uuid.uuid4()}"))
    assert r.status_code == 201, r.text
    return dict(r.json())


@pytest.fixture
def second(central_url: str, enroll_code: Any, memory_keyring: Any, tmp_path: Path) -> Iterator[Device]:
    """Another tablet of the same store, on the same central."""
    data = tmp_path / "tablet-b"
    store = LocalStore(data)
    enroll(store, central_url, enroll_code("TKY01"), "tablet b")
    store.close()
    dev = Device(data, keepalive_seconds=1.0, poll_seconds=2.0)
    assert dev.engine.sync_once().online
    yield dev
    dev.close()


def test_an_online_return_is_scanned_graded_and_refunded_as_it_was_paid(
    till: Device, sim: Any, central_url: str, central_db: Database
) -> None:
    _s, server = sim
    session = associate(till)
    till.shifts.open(session, FLOAT)
    sale, due, card = card_and_cash_sale(till)
    auth = web_return(central_url, central_db, str(sale.sale_id), 2, email="hana@example.jp")
    assert till.engine.sync_once().online  # central's key (made with its first code) reaches the till
    before_cash = expected_cash(till)
    store = location_id(central_db, "TKY01")
    case = till.returns.scan(auth["code"])
    assert case.kind == "authorized" and case.checked_online and case.lines[0].quantity == 2
    assert {t.type: t.amount for t in case.tenders} == {"card": card, "cash": due - card}
    draft = case.draft().grade_all()
    done = till.returns.complete(session, case, draft)
    assert not done.queued and done.total == due and done.restocked == 2
    assert {r["type"]: r["amount"] for r in done.refunds} == {"card": card, "cash": due - card}
    # the card refund went to the terminal, referenced to the sale's card transaction
    refunds = [r for r in records(server) if r["category"] == "Reversal" and r["result"] == "Success"]
    assert (
        len(refunds) == 1
        and refunds[0]["original"] == done.refunds[[r["type"] for r in done.refunds].index("card")]["reference"]
    )
    # the cash came out of the drawer: the shift expects that much less
    assert expected_cash(till) == before_cash - (due - card)
    vid = int(case.lines[0].variant_id)
    shelf = on_hand(central_db, store, vid) or 0
    assert till.engine.sync_once().online
    assert till.returns.get(done.return_id).status == "sent"  # type: ignore[union-attr]
    assert on_hand(central_db, store, vid) == shelf + 2
    got = httpx.get(
        f"{central_url}/v1/returns/{auth['id']}", headers=channel_token(central_db, f"web-{uuid.uuid4()}")
    ).json()
    assert got["state"] == "completed" and got["return"]["total"] == due
    # scanned again on this till: one sentence, nothing refunded
    with pytest.raises(ValidationFailed) as e:
        till.returns.scan(auth["code"])
    assert e.value.code == "return.scanned_twice" and auth["number"] in str(e.value)
    kinds = [x.type for x in till.store.journal_entries()]
    assert "return.complete" in kinds and till.store.journal_verify() == []


def test_a_tampered_or_foreign_code_is_refused_with_one_sentence(till: Device, central_url: str,
                                                                 central_db: Database, sim: Any) -> None:  # fmt: skip
    sale, _due, _card = card_and_cash_sale(till)
    code = web_return(central_url, central_db, str(sale.sale_id), 1)["code"]
    assert till.engine.sync_once().online
    payload, sig = code[len("aisle:t1:") :].split(".")
    text = _unb64(payload).decode().replace('"f":"original"', '"f":"store_credit"')
    with pytest.raises(ValidationFailed) as e:
        till.returns.scan(f"aisle:t1:{_b64(text.encode())}.{sig}")
    assert str(e.value) == "This return code is not genuine (altered or forged)."
    with pytest.raises(ValidationFailed) as e:
        till.returns.scan("aisle:p1:abc.def")
    assert str(e.value) == "This is not a return code or receipt of this retailer."


def test_two_tablets_take_the_same_return_and_one_wins(
    till: Device, second: Device, sim: Any, central_url: str, central_db: Database
) -> None:
    _s, server = sim
    a, b = associate(till), associate(second)
    till.shifts.open(a, FLOAT)
    second.shifts.open(b, FLOAT)
    sale, _due, _card = card_and_cash_sale(till)
    code = web_return(central_url, central_db, str(sale.sale_id), 2)["code"]
    assert till.engine.sync_once().online and second.engine.sync_once().online
    case_a, case_b = till.returns.scan(code), second.returns.scan(code)  # both see it open
    cash_b = expected_cash(second)
    till.returns.complete(a, case_a, case_a.draft().grade_all())
    second.set_terminal(
        TerminalSettings(kind="network", url=server.url, poiid=_s.poiid, key_id=KEY.key_identifier,
                         key_version=KEY.key_version, allow_plain=True),
        passphrase=KEY.passphrase,
    )  # fmt: skip
    before = len(records(server))
    with pytest.raises(ValidationFailed) as e:
        second.returns.complete(b, case_b, case_b.draft().grade_all())
    assert e.value.code == "return.taken" and "nothing was refunded here" in str(e.value)
    assert len(records(server)) == before and expected_cash(second) == cash_b  # no money moved on b
    assert second.returns.latest() == []


def test_counter_returns_by_receipt_partial_then_the_line_is_refused(till: Device, sim: Any) -> None:
    session = associate(till)
    till.shifts.open(session, FLOAT)
    sale, due, _card = card_and_cash_sale(till, qty=3)
    till.sale_receipts.issue(sale, session)
    qr = till.receipts.receipt(sale.receipt_no).code
    assert qr and qr.startswith("aisle:r1:")
    case = till.returns.scan(qr)  # the receipt's QR finds the sale (central's view: online)
    assert case.checked_online and case.receipt_no == sale.receipt_no
    found = till.returns.by_card("0011")  # the simulator's card is 541333******0011
    assert [n for n, _when, _total in found] == [sale.receipt_no]
    assert till.returns.by_card("9999") == []
    case = till.returns.by_receipt(sale.receipt_no)
    assert case.kind == "receipt" and case.lines[0].quantity == 3 and not case.lines[0].refusal
    with pytest.raises(ValidationFailed) as e:  # more than were bought
        till.returns.grade(case.draft(), case.lines[0].line_id, ["resellable"] * 4)
    assert str(e.value).startswith("Only 3 of ")
    one = case.draft().grade(case.lines[0].line_id, ["damaged"])

    wrong_card = [Share("card", one.total, "SIM-NOT-THIS-SALE")]
    with pytest.raises(ValidationFailed) as e:
        till.returns.complete(session, case, one, plan=wrong_card, reason="size")
    assert str(e.value) == "This card was not used for the sale: refund to the card it was paid with."
    done = till.returns.complete(session, case, one, reason="size")
    assert (
        done.quarantined == 1 and done.total == due // 3
    )  # the first unit of three: the remainder stays with the last
    assert till.engine.sync_once().online
    rest = till.returns.by_receipt(sale.receipt_no)
    assert rest.lines[0].quantity == 2
    two = till.returns.complete(session, rest, rest.draft().grade_all(), reason="size")
    assert done.total + two.total == due
    assert till.engine.sync_once().online
    last = till.returns.by_receipt(sale.receipt_no)
    assert last.lines[0].refusal.endswith("was already returned.")
    with pytest.raises(ValidationFailed) as e:
        till.returns.complete(session, last, last.draft().grade_all(), reason="size")
    assert e.value.code == "return.nothing"


def test_offline_cash_completes_and_a_card_refund_the_terminal_cannot_make_queues(
    till: Device, sim: Any, central_db: Database
) -> None:
    session = associate(till)
    till.shifts.open(session, FLOAT)
    sale, due, card = card_and_cash_sale(till)
    dead = f"http://127.0.0.1:{free_port()}"
    from sync.client import CentralClient

    till.returns.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)  # central gone
    till.set_terminal(
        TerminalSettings(kind="network", url=f"{dead}/nexo/", poiid=sim[0].poiid, key_id=KEY.key_identifier,
                         key_version=KEY.key_version, allow_plain=True),
        passphrase=KEY.passphrase,
    )  # fmt: skip
    case = till.returns.by_receipt(sale.receipt_no)  # this till's own sale, from device.db
    assert not case.checked_online
    before = expected_cash(till)
    done = till.returns.complete(session, case, case.draft().grade_all(), reason="size")
    assert done.queued and "queued" in done.message
    assert {(r["type"], r["state"]) for r in done.refunds} == {("cash", "paid"), ("card", "queued")}
    assert expected_cash(till) == before - (due - card)
    till.returns.client_factory = till.new_client
    assert till.engine.sync_once().online
    assert till.returns.get(done.return_id).status == "sent"  # type: ignore[union-attr]
    with central_db.session() as s:
        from sqlalchemy import select

        from central.models import ReturnRefund

        states = set(s.execute(select(ReturnRefund.type, ReturnRefund.state)).all())
    assert states == {("cash", "paid"), ("card", "queued")}


def test_support_reads_returns_with_both_clis(
    till: Device, sim: Any, central_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from central.cli import main as central_main
    from pos_app.cli import main as pos_main

    session = associate(till)
    till.shifts.open(session, FLOAT)
    sale, due, _card = card_and_cash_sale(till)
    case = till.returns.by_receipt(sale.receipt_no)
    done = till.returns.complete(session, case, till.returns.grade_all(case.draft()), reason="size")
    assert till.engine.sync_once().online
    data = str(till.data_dir)
    till.close()
    assert pos_main(["--data-dir", data, "returns"]) == 0
    out = capsys.readouterr().out
    assert f"receipt {sale.receipt_no}" in out and "at central" in out and "1 return(s); 0 need staff" in out
    assert pos_main(["--data-dir", data, "returns", "show", sale.receipt_no]) == 0
    out = capsys.readouterr().out
    assert f"id {done.return_id}" in out and "2 resellable, 0 damaged" in out
    words = dict(till.returns.reasons())["size"]
    assert f"reason: {words} (size)" in out
    assert central_main(["--db", central_db.url, "returns", "show", sale.receipt_no]) == 0
    out = capsys.readouterr().out
    assert f"total {due} JPY" in out and "stock TKY01" in out and "+2 (return)" in out
    assert central_main(["--db", central_db.url, "returns", "list", "--store", "TKY01"]) == 0
    assert capsys.readouterr().out.strip().endswith("1 return(s)")


def test_without_a_receipt_store_credit_only_with_a_manager_and_within_the_limit(
    till: Device, sim: Any, central_db: Database
) -> None:
    from central.accounts import balance
    from central.seed import DEMO_CUSTOMER_NS
    from sync.protocol import customer_id_for

    session = associate(till)
    customer = customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp"))
    vid = int(till.store.query("SELECT id FROM catalog WHERE active=1 ORDER BY id LIMIT 1")[0][0])
    with pytest.raises(ValidationFailed) as e:
        till.returns.no_receipt(vid, 1, 3000, None)
    assert str(e.value) == "Without a receipt, choose the customer: the refund is store credit."
    case = till.returns.no_receipt(vid, 1, 3000, customer)
    assert [t.type for t in case.tenders] == ["store_credit"]
    with pytest.raises(ValidationFailed) as e:
        till.returns.complete(session, case, till.returns.grade_all(case.draft()), reason="size")
    assert str(e.value) == "A return without a receipt needs a manager's approval."
    boss = next(p.id for p in till.auth.staff() if p.role.name == "MANAGER")
    with pytest.raises(Exception, match="PIN"):
        till.returns.approve(boss, "0000")
    approver = till.returns.approve(boss, "3333")
    done = till.returns.complete(session, case, till.returns.grade_all(case.draft()), approver=approver, reason="size")
    assert done.refunds == ({"type": "store_credit", "amount": 3000, "reference": "", "state": "paid"},)
    assert till.engine.sync_once().online
    assert till.returns.get(done.return_id).status == "sent"  # type: ignore[union-attr]
    with central_db.session() as s:
        assert balance(s, kind="credit", currency="JPY", customer_id=customer) >= 3000
    more = till.returns.no_receipt(vid, 1, 18000, customer)
    with pytest.raises(ValidationFailed) as e:  # JPY 20,000 in 30 days, 3,000 used
        till.returns.complete(session, more, till.returns.grade_all(more.draft()), approver=approver, reason="size")
    assert e.value.code == "return.no_receipt_limit" and "￥17,000 is left" in str(e.value)


def test_a_queued_card_refund_is_made_later_and_central_reconciles(
    till: Device, sim: Any, central_db: Database
) -> None:
    s, server = sim
    session = associate(till)
    till.shifts.open(session, FLOAT)
    sale, _due, card = card_and_cash_sale(till)
    real = TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id=KEY.key_identifier,
                            key_version=KEY.key_version, allow_plain=True)  # fmt: skip
    till.set_terminal(TerminalSettings(kind="network", url=f"http://127.0.0.1:{free_port()}/nexo/", poiid=s.poiid,
                                       key_id=KEY.key_identifier, key_version=KEY.key_version, allow_plain=True),
                      passphrase=KEY.passphrase)  # fmt: skip
    case = till.returns.by_receipt(sale.receipt_no)
    done = till.returns.complete(session, case, till.returns.grade_all(case.draft()), reason="size")
    assert done.queued
    assert till.engine.sync_once().online
    till.set_terminal(real, passphrase=KEY.passphrase)  # the terminal is back
    boss = next(p.id for p in till.auth.staff() if p.role.name == "MANAGER")
    data = str(till.data_dir)
    till.close()  # support makes it from the command line
    from pos_app.cli import main as pos_main

    old, sys.stdin = sys.stdin, io.StringIO("3333\n")
    try:
        assert pos_main(["--data-dir", data, "returns", "retry", done.return_id, "--staff", str(boss)]) == 0
    finally:
        sys.stdin = old
    till = Device(Path(data), keepalive_seconds=1.0, poll_seconds=2.0)
    refunds = till.returns.get(done.return_id).refunds  # type: ignore[union-attr]
    assert {(r["type"], r["state"]) for r in refunds} == {("cash", "paid"), ("card", "paid")}
    back = [r for r in records(server) if r["category"] == "Reversal" and r["result"] == "Success"]
    assert [r["amount_minor"] for r in back] == [card]
    with pytest.raises(ValidationFailed) as e:
        till.returns.retry_card(session, done.return_id)
    assert e.value.code == "return.nothing_queued"
    assert till.engine.sync_once().online
    till.close()
    with central_db.session() as db:
        from sqlalchemy import select

        from central.models import ReturnRefund

        assert set(db.execute(select(ReturnRefund.type, ReturnRefund.state)).all()) == {
            ("cash", "paid"),
            ("card", "paid"),
        }


def test_a_tablet_that_was_offline_loses_to_the_one_that_completed_first_and_says_so(
    till: Device, second: Device, sim: Any, central_url: str, central_db: Database
) -> None:
    from sync.client import CentralClient

    a, b = associate(till), associate(second)
    till.shifts.open(a, FLOAT)
    second.shifts.open(b, FLOAT)
    bk, due = a_basket(till, 2)
    sale = till.basket.complete(a, bk, [Tender(TenderType.CASH, due)])  # paid in cash
    assert till.engine.sync_once().online
    code = web_return(central_url, central_db, str(sale.sale_id), 2)["code"]
    assert till.engine.sync_once().online and second.engine.sync_once().online
    dead = f"http://127.0.0.1:{free_port()}"
    second.returns.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)  # b lost the network
    case_b = second.returns.scan(code)  # verified offline
    assert not case_b.checked_online
    till.returns.complete(a, till.returns.scan(code), till.returns.scan(code).draft().grade_all())
    assert till.engine.sync_once().online  # a's return reaches central first
    done_b = second.returns.complete(b, case_b, case_b.draft().grade_all())  # cash out of b's drawer, offline
    second.returns.client_factory = second.new_client
    second.engine.sync_once()
    lost = second.returns.get(done_b.return_id)
    assert lost is not None and lost.status == "rejected"
    assert lost.detail is not None and "was already completed at TKY01" in lost.detail
    with central_db.session() as s:
        from sqlalchemy import func, select

        from central.models import ReturnRecord

        assert s.scalar(select(func.count()).select_from(ReturnRecord)) == 1  # one return, a's


def test_head_office_sees_the_cash_a_refused_offline_return_gave_out(
    till: Device, second: Device, sim: Any, central_url: str, central_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The till that lost gave cash out offline; central refused its return, so only its
    journal (which travels after the op) says the money left: `central returns unmatched`."""
    from central.cli import main as central_main
    from sync.client import CentralClient

    a, b = associate(till), associate(second)
    till.shifts.open(a, FLOAT)
    second.shifts.open(b, FLOAT)
    bk, due = a_basket(till, 2)
    sale = till.basket.complete(a, bk, [Tender(TenderType.CASH, due)])
    assert till.engine.sync_once().online and second.engine.sync_once().online
    assert central_main(["--db", central_db.url, "returns", "unmatched"]) == 0
    assert capsys.readouterr().out.startswith("0 return(s)")
    case_b = second.returns.by_receipt(sale.receipt_no)  # found at central; then b loses the network
    dead = f"http://127.0.0.1:{free_port()}"
    second.returns.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)
    case_a = till.returns.by_receipt(sale.receipt_no)
    till.returns.complete(a, case_a, till.returns.grade_all(case_a.draft()), reason="size")
    assert till.engine.sync_once().online
    done_b = second.returns.complete(b, case_b, second.returns.grade_all(case_b.draft()), reason="size")
    second.returns.client_factory = second.new_client
    second.engine.sync_once()  # the return op (refused), then the journal batch behind it
    second.engine.sync_once()
    assert (lost := second.returns.get(done_b.return_id)) is not None and lost.status == "rejected"

    assert central_main(["--db", central_db.url, "returns", "unmatched", "--store", "TKY01"]) == 1
    out = capsys.readouterr().out
    assert f"{due} cash" in out and f"money out {due}" in out and "central has no return" in out
    assert out.count("! ") == 1  # the winner's return is central's, not listed
    assert central_main(["--db", central_db.url, "returns", "unmatched", "--store", "BER01"]) == 0
    assert central_main(["--db", central_db.url, "returns", "unmatched", "--store", "NOPE"]) == 2
    assert central_main(["--db", central_db.url, "returns", "unmatched", "--days", "0"]) == 2


def test_a_counter_return_needs_a_reason_of_the_policy_which_reaches_central_and_the_journal(
    till: Device, sim: Any, central_db: Database
) -> None:
    from central.models import ReturnRecord

    session = associate(till)
    till.shifts.open(session, FLOAT)
    sale, _due, _card = card_and_cash_sale(till)
    assert sorted(c for c, _w in till.returns.reasons()) == ["changed_mind", "damaged", "fit", "size", "wrong"]
    assert dict(till.returns.reasons("ja"))["size"] == "サイズが合わない"
    assert dict(till.returns.reasons("de"))["size"] == "Falsche Größe"
    case = till.returns.by_receipt(sale.receipt_no)
    draft = case.draft().grade_all()
    with pytest.raises(ValidationFailed) as e:
        till.returns.complete(session, case, draft)
    assert e.value.code == "return.reason_needed" and str(e.value).startswith("Choose the reason")
    with pytest.raises(ValidationFailed) as e:
        till.returns.complete(session, case, draft, reason="bored")
    assert e.value.code == "return.reason_unknown" and "“bored” is not a reason" in str(e.value)
    assert till.returns.get(case.return_id) is None  # nothing refunded, nothing written
    done = till.returns.complete(session, case, draft, reason="fit")
    entry = till.store.query(
        "SELECT data FROM journal WHERE type='return.complete' ORDER BY seq DESC LIMIT 1", (), "device"
    )[0][0]
    assert '"reason":"fit"' in entry.replace(" ", "")
    op = next(r for r in till.store.outbox_rows() if r["op_id"] == done.op_id)
    assert op["payload"]["reason"] == "fit"
    # central refuses a counter return without a reason (a till that did not ask)
    bare = {**op["payload"], "return_id": str(uuid.uuid4()), "reason": ""}
    headers = {"Authorization": f"Bearer {till._token}"}
    body = {"ops": [{"op_id": str(uuid.uuid4()), "device_seq": op["device_seq"], "type": "return.complete",
                     "payload": bare}]}  # fmt: skip
    (answer,) = httpx.post(f"{till.identity.central_url}/v1/ops", json=body, headers=headers).json()["results"]
    assert (
        answer["status"] == "rejected" and answer["code"] == 422 and "needs the customer's reason" in answer["detail"]
    )
    assert till.engine.sync_once().online
    with central_db.session() as s:
        assert s.get_one(ReturnRecord, done.return_id).reason == "fit"


def test_the_no_receipt_limit_is_counted_at_central_across_tills(
    till: Device, second: Device, sim: Any, central_db: Database
) -> None:
    from central.seed import DEMO_CUSTOMER_NS
    from sync.client import CentralClient
    from sync.protocol import customer_id_for

    customer = customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp"))
    vid = int(till.store.query("SELECT id FROM catalog WHERE active=1 ORDER BY id LIMIT 1")[0][0])
    boss = next(p.id for p in till.auth.staff() if p.role.name == "MANAGER")

    def no_receipt(device: Device, amount: int) -> Any:
        session = associate(device)
        case = device.returns.no_receipt(vid, 1, amount, customer)
        approver = device.returns.approve(boss, "3333")
        return device.returns.complete(session, case, case.draft().grade_all(), approver=approver, reason="fit")

    first = no_receipt(till, 15000)  # till a: ¥15,000 of ¥20,000
    assert till.engine.sync_once().online
    assert till.returns.get(first.return_id).status == "sent"  # type: ignore[union-attr]
    assert second.returns.no_receipt_allowance(customer) == (5000, True)  # till b asks central
    with pytest.raises(ValidationFailed) as e:
        no_receipt(second, 6000)
    assert e.value.code == "return.no_receipt_limit"
    assert str(e.value) == (
        "Without a receipt this customer may return ￥20,000 in 30 days across the stores; ￥5,000 is left."
    )
    # till b offline: only its own count (0 so far), so it takes ¥6,000; central refuses the op
    dead = f"http://127.0.0.1:{free_port()}"
    second.returns.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)
    assert second.returns.no_receipt_allowance(customer) == (20000, False)
    late = no_receipt(second, 6000)
    with pytest.raises(ValidationFailed) as e:  # and its own count now holds it
        no_receipt(second, 14001)
    assert e.value.code == "return.no_receipt_limit_offline" and "central cannot be reached" in str(e.value)
    second.returns.client_factory = second.new_client
    assert second.engine.sync_once().online
    refused = second.returns.get(late.return_id)
    assert refused is not None and refused.status == "rejected"
    assert refused.detail is not None and "across the stores; ￥5,000 is left." in refused.detail
    assert second.returns.no_receipt_allowance(customer) == (5000, True)  # the refused one does not count
    with central_db.session() as s:
        from central.returns import no_receipt_allowance

        assert no_receipt_allowance(s, customer, "JPY")["used"] == 15000


def test_a_customer_without_the_receipt_is_found_by_phone_with_a_sale_of_another_till(
    till: Device, second: Device, sim: Any, central_db: Database
) -> None:
    """Sold at till a to a customer with an account; the customer comes back to till b without
    the receipt: b finds them by phone (central's search), sees a's sale (central's list of the
    customer's sales), and opens it as a receipt return; offline, b sees only its own sales."""
    from sync.client import CentralClient

    a = associate(till)
    found = till.customers.search("090 1234 5678")
    hanako = found.customers[0]
    bk, _due = a_basket(till, 1)
    total = till.basket.attach_customer(bk, hanako).total_minor  # the members' price
    sale = till.basket.complete(a, bk, [Tender(TenderType.CASH, 10**7)])
    assert till.engine.sync_once().online and second.engine.sync_once().online

    (customer, receipts), *others = second.returns.customer_receipts("090-1234-5678")
    assert others == [] and customer.name == "Hanako Yamada"
    assert [(r, t) for r, _when, t in receipts] == [(sale.receipt_no, total)]  # a's sale, from central
    case = second.returns.by_receipt(receipts[0][0])
    assert case.kind == "receipt" and case.receipt_no == sale.receipt_no

    dead = f"http://127.0.0.1:{free_port()}"
    second.returns.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)
    second.customers.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)
    offline = second.returns.customer_receipts("Hanako")
    assert all(not sales for _c, sales in offline)  # b sold her nothing: offline it knows only its own
    assert second.returns.customer_receipts("nobody-at-all@example.com") == []
