"""Shifts on a tablet against a real central (docs/shifts.md): open with a counted float, cash
movements, X report, blind count, variance and the manager's PIN, the close in one transaction
(failed at each step and done again), the outbox and journal checks, Z reports, and the
`shift.close` op stored by central. Card totals against the terminal simulator's batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from central.db import Database
from central.models import ShiftReport
from pos_app.services.app import Device
from pos_app.services.auth import Session
from pos_app.services.checkout import Tender, TenderType
from pos_app.services.errors import ServiceError, ValidationFailed
from pos_app.services.shifts import STEPS, ShiftPolicy
from tests.integration.test_payments import a_basket, sim, till  # noqa: F401  (fixtures)
from tests.support.tablet import a_stocked_variant, associate

FLOAT = {"10000": 1, "5000": 2, "1000": 10, "100": 20, "10": 50}  # ¥32,500


def manager(device: Device) -> Session:
    person = next(p for p in device.auth.staff() if p.role.name == "MANAGER")
    return device.auth.sign_in(person.id, "3333")


def manager_pin(device: Device) -> tuple[int, str]:
    return next(p.id for p in device.auth.staff() if p.role.name == "MANAGER"), "3333"


def sell(device: Device, session: Session, qty: int = 1, tendered: int | None = None) -> Any:
    co = device.checkout
    vid, _ = a_stocked_variant(device)
    basket = co.basket(co.open_basket(), [(vid, qty)])
    due = co.price(basket).totals.total
    return co.complete(session, basket, [Tender(TenderType.CASH, tendered or due)])


def count_of(amount: int) -> dict[str, int]:
    """A count of ¥amount in 10,000 / 1,000 / 1 yen pieces."""
    return {"10000": amount // 10000, "1000": amount % 10000 // 1000, "1": amount % 1000}


def sync(device: Device) -> None:
    status = device.engine.sync_once()
    assert status.online and status.pending_ops == 0, status


def test_a_day_on_one_till_from_float_to_z_report_at_central(device: Device, central_db: Database) -> None:
    shifts = device.shifts
    alice = associate(device)
    s = shifts.open(alice, FLOAT)
    assert s.state == "open" and s.float_total == 32500 and s.till == shifts.till()
    other = next(p for p in device.auth.staff() if p.role.name == "SUPERVISOR")
    bob = device.auth.sign_in(other.id, "2222")
    assert set(shifts.join(bob).staff) == {alice.staff.id, bob.staff.id}  # several staff on one shift
    one = sell(device, alice, 2, tendered=None)
    two = sell(device, bob, 1, tendered=20000)
    shifts.move(alice, "paid_in", 5000, "change_top_up")
    shifts.move(alice, "paid_out", 1200, "supplies", "milk")
    shifts.move(bob, "drop", 20000, "safe_drop")
    shifts.no_sale(alice, "give_change")
    x = shifts.x_report()
    assert x["kind"] == "X" and x["number"] is None and x["receipts"] == 2
    assert x["sales_total"] == one.total + two.total
    assert x["cash"]["expected"] is None and x["variances"] == []  # blind: nothing expected shown yet
    expected = 32500 + one.total + two.total + 5000 - 1200 - 20000
    assert x["cash"]["float"] == 32500 and x["cash"]["change"] == two.change and x["no_sales"] == 1
    assert {r["name"] for r in x["staff"]} == {alice.staff.name, bob.staff.name}

    saved = shifts.save_count(alice, count_of(expected - 300))  # ¥300 short: within the limit
    assert [(v.tender, v.expected, v.counted, v.difference) for v in saved.variances] == [
        ("cash", expected, expected - 300, -300)
    ]
    assert not saved.needs_manager

    with pytest.raises(ValidationFailed) as e:  # the sales have not reached central yet
        shifts.close(alice)
    assert e.value.code == "shift.unsent" and "not yet at central: " in str(e.value)
    sync(device)
    z = shifts.close(alice)
    assert z["kind"] == "Z" and z["number"] == 1 and z["receipts"] == 2
    assert z["cash"]["expected"] == expected and z["variances"][0]["difference"] == -300
    assert z["tenders"] == [{"tender": "cash", "count": 2, "total": one.total + two.total}]
    assert sum(r["gross"] for r in z["tax_rates"]) == one.total + two.total
    assert sum(r["total"] for r in z["categories"]) == one.total + two.total and z["categories"][0]["count"] >= 1
    assert z["returns"] == [] and z["voids"] == {"count": 0, "total": 0}
    assert z["discounts"] == {"promotions": 0, "manual": 0} or sum(z["discounts"].values()) >= 0
    assert shifts.get(s.shift_id).state == "closed" and shifts.current() is None
    assert shifts.z_report(1) == z
    assert device.store.journal_verify() == []
    kinds = [e.type for e in device.store.journal_entries()]
    for k in ("shift.open", "shift.join", "shift.paid_in", "shift.paid_out", "shift.drop", "drawer.open",
              "shift.count", "shift.close"):  # fmt: skip
        assert k in kinds, k

    sync(device)
    with central_db.session() as cs:
        row = cs.scalars(select(ShiftReport)).one()
        assert (row.shift_id, row.number, row.expected_cash, row.counted_cash) == (
            s.shift_id,
            1,
            expected,
            expected - 300,
        )
        assert json.loads(row.report)["sales_total"] == one.total + two.total
        assert [m["kind"] for m in json.loads(row.movements)] == ["float", "paid_in", "paid_out", "drop", "no_sale"]
    answer = httpx.get(
        f"{device.identity.central_url}/v1/shifts/{s.shift_id}", headers={"Authorization": f"Bearer {device._token}"}
    )
    assert answer.status_code == 200 and answer.json()["report"]["number"] == 1

    # the next shift: its own sales only, the next Z number
    s2 = shifts.open(alice, {"10000": 3})
    three = sell(device, alice)
    shifts.save_count(alice, count_of(30000 + three.total))
    sync(device)
    z2 = shifts.close(alice, shift_id=s2.shift_id)
    assert z2["number"] == 2 and z2["receipts"] == 1 and z2["sales_total"] == three.total
    assert z2["first_receipt_counter"] == z["last_receipt_counter"] + 1


def test_bad_input_and_steps_out_of_order_lose_nothing(device: Device) -> None:
    shifts = device.shifts
    alice = associate(device)
    with pytest.raises(ValidationFailed) as e:
        shifts.move(alice, "paid_in", 100, "change_top_up")
    assert e.value.code == "shift.none_open"
    with pytest.raises(ValidationFailed) as e:
        shifts.open(alice, {"1000": "ten"})
    assert e.value.code == "shift.count_text" and shifts.current() is None
    with pytest.raises(ValidationFailed) as e:
        shifts.open(alice, {"1000": "-2"})
    assert e.value.code == "shift.count_negative"
    s = shifts.open(alice, {"1000": "5"})
    with pytest.raises(ValidationFailed) as e:  # a shift opened on a till that has one
        shifts.open(alice, {"1000": "5"})
    assert e.value.code == "shift.open_on_till" and "already has an open shift" in str(e.value)
    with pytest.raises(ValidationFailed) as e:
        shifts.close(alice)
    assert e.value.code == "shift.not_counted"
    with pytest.raises(ValidationFailed) as e:
        shifts.z_report(1)
    assert e.value.code == "shift.still_open"
    with pytest.raises(ValidationFailed) as e:
        shifts.save_count(alice, {"1000": "5", "500": "x"})
    assert e.value.code == "shift.count_text" and shifts.get(s.shift_id).state == "open"  # nothing kept
    with pytest.raises(ValidationFailed) as e:
        shifts.no_sale(alice, "")
    assert e.value.code == "shift.movement_reason"
    shifts.save_count(alice, {"1000": "5"})
    assert shifts.close(alice)["number"] == 1
    with pytest.raises(ValidationFailed) as e:  # a close attempted twice
        shifts.close(alice, shift_id=s.shift_id)
    assert e.value.code == "shift.closed" and "Z report 1" in str(e.value)
    with pytest.raises(ValidationFailed) as e:
        shifts.z_report(7)
    assert e.value.code == "shift.no_report"


@pytest.mark.parametrize("step", STEPS)
def test_a_close_failing_at_any_step_leaves_the_counted_shift_and_is_done_again(device: Device, step: str) -> None:
    shifts = device.shifts
    alice = associate(device)
    s = shifts.open(alice, {"1000": 10})
    shifts.save_count(alice, {"1000": 10})

    def fail(at: str) -> None:
        if at == step:
            raise RuntimeError(f"power cut at {at}")

    journal_before = len(list(device.store.journal_entries()))
    shifts.fault = fail
    with pytest.raises(RuntimeError):
        shifts.close(alice)
    assert shifts.get(s.shift_id).state == "counted" and shifts.counted(s.shift_id) is not None
    assert device.store.query("SELECT count(*) FROM shift_reports", (), "device")[0][0] == 0
    assert device.store.query("SELECT count(*) FROM outbox WHERE type='shift.close'", (), "device")[0][0] == 0
    assert len(list(device.store.journal_entries())) == journal_before
    shifts.fault = None
    z = shifts.close(alice)  # resumes where it was: the count is there, the number is still 1
    assert z["number"] == 1 and z["variances"][0]["difference"] == 0
    assert device.store.query("SELECT count(*) FROM outbox WHERE type='shift.close'", (), "device")[0][0] == 1


KILLED_CLOSE = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from pos_app.local.store import LocalStore
    from pos_app.services.auth import AuthService, Session
    from pos_app.services.shifts import ShiftService
    data, step, staff = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = LocalStore(data)
    identity = store.identity()
    auth = AuthService(store, identity.store_id)
    person = next(p for p in auth.staff() if p.id == staff)
    shifts = ShiftService(store, identity, auth)
    def kill(at):
        if at == step:
            os.kill(os.getpid(), signal.SIGKILL)
    shifts.fault = kill
    shifts.close(Session(person, datetime.now(UTC)))
    if step == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.parametrize("step", [*STEPS, "after"])
def test_a_close_killed_at_any_step_resumes_where_it_was(device: Device, enrolled: Path, step: str) -> None:
    """SIGKILL, not an exception: nothing of the close's transaction may survive but all of it
    (the Z number, the report, the closed shift, the op, the journal entry) — or none of it, and
    closing again on the restarted till does the whole close with the same number."""
    alice = associate(device)
    s = device.shifts.open(alice, {"1000": 10})
    one = sell(device, alice)
    sync(device)  # unsent operations would block the close before it began
    device.shifts.save_count(alice, count_of(10000 + one.total))
    journal_before = len(list(device.store.journal_entries()))
    device.store.close()
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_CLOSE, str(enrolled), step, str(alice.staff.id)],
        capture_output=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    from pos_app.local.store import LocalStore
    from pos_app.services.auth import AuthService
    from pos_app.services.shifts import ShiftService

    store = LocalStore(enrolled)
    try:
        auth = AuthService(store, device.identity.store_id)
        shifts = ShiftService(store, device.identity, auth)

        def count(sql: str) -> int:
            return int(store.query(sql, (), "device")[0][0])

        closes = "SELECT count(*) FROM outbox WHERE type='shift.close'"
        if step == "after":
            assert shifts.get(s.shift_id).state == "closed"
        else:
            assert shifts.get(s.shift_id).state == "counted" and shifts.counted(s.shift_id) is not None
            assert count("SELECT count(*) FROM shift_reports") == 0 and count(closes) == 0
            assert len(list(store.journal_entries())) == journal_before
            z = shifts.close(alice)  # the till restarted: closing again does it all
            assert z["number"] == 1 and z["variances"][0]["difference"] == 0
        assert count("SELECT count(*) FROM shift_reports") == 1 and count(closes) == 1
        assert shifts.z_report(1)["shift_id"] == s.shift_id
        assert store.journal_verify() == []
    finally:
        store.close()


def test_a_variance_beyond_the_limit_needs_a_reason_and_a_managers_pin(device: Device) -> None:
    shifts = device.shifts
    alice = associate(device)
    shifts.open(alice, {"1000": 10})
    saved = shifts.save_count(alice, {"1000": 8})  # ¥2,000 short, limit ¥1,000
    assert saved.needs_manager and saved.limit == 1000
    with pytest.raises(ValidationFailed) as e:
        shifts.close(alice)
    assert e.value.code == "shift.variance_reason"
    with pytest.raises(ValidationFailed) as e:
        shifts.close(alice, reason="miscount")
    assert e.value.code == "shift.approval_needed" and "-￥2,000" in str(e.value)
    with pytest.raises(ServiceError) as e2:  # an associate cannot approve it
        shifts.close(alice, reason="miscount", approver=(alice.staff.id, "1111"))
    assert e2.value.code == "approval.role"
    with pytest.raises(ServiceError) as e2:
        shifts.close(alice, reason="miscount", approver=(manager_pin(device)[0], "0000"))
    assert e2.value.code.startswith("signin.wrong_pin")
    z = shifts.close(alice, reason="miscount", approver=manager_pin(device))
    assert z["variance_reason"] == "miscount" and z["approved_by"] == manager_pin(device)[0]
    last = [e for e in device.store.journal_entries() if e.type == "shift.close"][-1]
    assert last.data["approved_by"] == manager_pin(device)[0] and last.data["staff_id"] == alice.staff.id


def test_the_store_may_show_the_expected_amounts_before_the_count(device: Device) -> None:
    shifts = device.shifts
    alice = associate(device)
    with pytest.raises(ServiceError):
        shifts.set_policy(alice, ShiftPolicy(show_expected=True))  # a manager's decision
    shifts.set_policy(manager(device), ShiftPolicy(show_expected=True, variance_limit=50))
    shifts.open(alice, {"1000": 10})
    assert shifts.expected_visible() and shifts.x_report()["cash"]["expected"] == 10000
    assert shifts.save_count(alice, {"1000": 10, "10": 1}).needs_manager is False
    assert shifts.save_count(alice, {"1000": 10, "100": 1}).needs_manager  # ¥100 over a ¥50 limit


def test_head_office_sets_the_stores_shift_rules_and_the_till_follows_them(device: Device, central_db: Database) -> None:
    from central.shift_policy import put_shift_policy

    shifts = device.shifts
    shifts.set_policy(manager(device), ShiftPolicy(show_expected=True))  # the till's, while central has none
    assert shifts.policy() == ShiftPolicy(show_expected=True)
    with central_db.transaction() as s:  # head office: blind, and a manager above ¥500
        put_shift_policy(s, device.checkout.identity.store_id, False, 500)
    sync(device)
    assert shifts.policy() == ShiftPolicy(show_expected=False, variance_limit=500) and shifts.limit() == 500
    with pytest.raises(ValidationFailed) as e:  # the till cannot undo head office's rule
        shifts.set_policy(manager(device), ShiftPolicy(show_expected=True))
    assert e.value.code == "shift.policy_central" and "central shift-policy" in str(e.value)
    alice = associate(device)
    shifts.open(alice, {"1000": 10})
    assert not shifts.expected_visible() and shifts.x_report()["cash"]["expected"] is None  # blind again
    assert shifts.save_count(alice, {"1000": 10, "100": 4}).needs_manager is False  # ¥400 within ¥500
    assert shifts.save_count(alice, {"1000": 10, "100": 6}).needs_manager  # ¥600 beyond it
    with central_db.transaction() as s:
        put_shift_policy(s, device.checkout.identity.store_id, True, None)
    sync(device)
    assert shifts.expected_visible() and shifts.limit() == 1000  # shown; the default limit, JPY 1,000


def test_unsent_operations_block_the_close_unless_a_manager_defers_them(device: Device) -> None:
    shifts = device.shifts
    alice = associate(device)
    shifts.open(alice, {"1000": 10})
    sale = sell(device, alice)
    shifts.save_count(alice, count_of(10000 + sale.total))
    with pytest.raises(ValidationFailed) as e:
        shifts.close(alice, deferrer=manager_pin(device))
    assert e.value.code == "shift.defer_reason"
    z = shifts.close(alice, defer_reason="network down all afternoon", deferrer=manager_pin(device))
    assert z["deferred"]["reason"] == "network down all afternoon" and z["deferred"]["unsent"] >= 1
    sync(device)  # the sale goes first, then the close (device order)


def test_a_broken_journal_blocks_the_close_naming_the_entry(device: Device) -> None:
    shifts = device.shifts
    alice = associate(device)
    shifts.open(alice, {"1000": 10})
    shifts.save_count(alice, {"1000": 10})
    sync(device)
    seq = device.store.query("SELECT seq FROM journal WHERE type='shift.open'", (), "device")[0][0]
    with device.store.tx("device") as con:
        con.execute("UPDATE journal SET data=replace(data, '10000', '90000') WHERE seq=?", (seq,))
    with pytest.raises(ValidationFailed) as e:
        shifts.close(alice)
    assert e.value.code == "shift.journal_break" and f"entry {seq}" in str(e.value)
    assert shifts.current() is not None and shifts.current().state == "counted"  # type: ignore[union-attr]


def test_z_report_prints_as_escpos_and_renders_as_pdf(device: Device) -> None:
    shifts = device.shifts
    alice = associate(device)
    shifts.open(alice, {"1000": 10})
    shifts.save_count(alice, {"1000": 10})
    sync(device)
    z = shifts.close(alice)
    text = shifts.text(z)
    assert "Z report 1" in text and "Expected in drawer" in text and "Sales by tender" in text
    data = shifts.escpos(z)
    assert data.startswith(b"\x1b@") and data.endswith(b"\x1dV\x42\x00")
    assert "精算レポート (Z) 1".encode("cp932") in data  # printed in the Tokyo store's language (Shift_JIS)
    pdf = shifts.pdf(z)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert shifts.print_report(z) is False  # no printer on this till: the report stays in device.db


def test_card_totals_are_reconciled_with_the_terminal_batch(till: Device, sim: Any) -> None:  # noqa: F811
    shifts = till.shifts
    alice = associate(till)
    shifts.open(alice, {"1000": 10})
    b, due = a_basket(till)
    till.basket.pay_card(alice, b)
    sale = till.basket.complete(alice, b, [])
    assert shifts.reconcile_terminal(alice) is True
    shifts.save_count(alice, {"1000": 10})
    x = shifts.x_report()
    cards = x["cards"]
    assert (cards["till_count"], cards["till_total"], cards["terminal_count"], cards["terminal_total"]) == (
        1,
        due,
        1,
        due,
    )
    assert cards["matches"] and cards["differences"] == []
    # a card sale recorded in the till after the batch was taken: listed by its transaction
    b2, due2 = a_basket(till)
    till.basket.pay_card(alice, b2)
    till.basket.complete(alice, b2, [])
    cards = shifts.x_report()["cards"]
    assert not cards["matches"] and cards["till_total"] == due + due2 and cards["terminal_total"] == due
    sync(till)
    z = shifts.close(alice)
    assert [v["tender"] for v in z["variances"]] == ["cash", "card"] and z["variances"][1]["difference"] == -due2
    assert sale.receipt_no


def test_the_managers_day_counts_todays_sales_by_hour_tender_item_and_staff(device: Device) -> None:
    from collections import Counter
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    alice = associate(device)
    other = next(p for p in device.auth.staff() if p.role.name == "SUPERVISOR")
    bob = device.auth.sign_in(other.id, "2222")
    with pytest.raises(ServiceError):  # an associate does not see the staff's figures
        device.shifts.day(alice)
    assert device.shifts.day(bob).empty
    one, two, three = sell(device, alice, 2), sell(device, bob, 1), sell(device, alice, 1)
    old = sell(device, bob, 3)  # moved to yesterday below: not today's
    yesterday = (old.completed_at - timedelta(days=1)).isoformat()
    with device.store.tx("device") as con:
        con.execute("UPDATE sales SET completed_at=? WHERE sale_id=?", (yesterday, str(old.sale_id)))
    day = device.shifts.day(bob)
    assert (day.sales, day.total) == (3, one.total + two.total + three.total)
    tz = ZoneInfo(device.shifts.timezone())
    hours = Counter(f"{s.completed_at.astimezone(tz).hour:02d}" for s in (one, two, three))
    assert [(b.key, b.count) for b in day.hours] == sorted(hours.items())  # the store's local hours
    assert sum(b.total for b in day.hours) == day.total
    assert [(b.label, b.total) for b in day.tenders] == [("Cash", day.total)]
    assert [(b.label, b.count, b.total) for b in day.staff] == sorted(
        [(alice.staff.name, 2, one.total + three.total), (bob.staff.name, 1, two.total)], key=lambda r: -r[2]
    )
    assert sum(b.count for b in day.top_items) == 4 and sum(b.total for b in day.top_items) == day.total
    earlier = device.shifts.day(bob, (datetime.now(tz) - timedelta(days=1)).date())
    assert (earlier.sales, earlier.total) == (1, old.total) and earlier.staff[0].label == bob.staff.name
