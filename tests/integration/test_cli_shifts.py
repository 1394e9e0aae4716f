"""`pos-app shift` as support and a manager without the screen use it, on a real enrolled
device: status (blind unless the store shows the expected cash), open with a float, the X
report, the count, the close (unsent operations deferred by a manager's PIN; a variance beyond
the limit with a reason and the manager), Z reports as text and PDF. Every refusal is the
service's one sentence on stderr with exit 2, and loses nothing."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.services.app import Device
from pos_app.services.checkout import Tender, TenderType
from pos_app.services.shifts import ShiftPolicy
from tests.support.tablet import a_stocked_variant


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def person(device: Device, role: str, pins: tuple[str, ...]) -> tuple[int, str]:
    member = next(p for p in device.auth.staff() if p.role.name == role)
    for pin in pins:
        try:
            device.auth.sign_in(member.id, pin)
            return member.id, pin
        except Exception:
            continue
    raise AssertionError("demo PINs did not work")


def one_line(err: str) -> str:
    assert err.startswith("pos-app: ") and err.count("\n") == 1, err
    return err


def test_a_shift_from_the_command_line(device: Device, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(device.data_dir)
    alice, apin = person(device, "ASSOCIATE", ("1111", "1112"))
    boss, mpin = person(device, "MANAGER", ("3333",))
    money, till = device.shifts.money, device.shifts.till()
    device.close()

    def sh(*args: str, stdin: str = "") -> tuple[int, str, str]:
        return cli(capsys, "--data-dir", data, "shift", *args, stdin=stdin)

    code, out, _ = sh("status")
    assert code == 0 and f"{till}: no open shift" in out
    assert f"rules     blind count, a manager above a variance of {money(1000)} (this till's)" in out
    code, _, err = sh("open", "--float", "10000=1")
    assert code == 2 and "--staff" in one_line(err)
    code, _, err = sh("open", "--float", "10000=two,1000=5", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "“two” for 10000 is not a number of pieces" in one_line(err)
    code, _, err = sh("open", "--float", "10000", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "is not DENOMINATION=PIECES" in one_line(err)
    code, _, err = sh("open", "--float", "10000=1", "--staff", str(alice), stdin="0000\n")
    assert code == 2 and "Wrong PIN" in one_line(err)
    code, out, _ = sh("status")
    assert "no open shift" in out  # nothing was kept by the refusals
    code, out, _ = sh("open", "--float", "10000=1,1000=5", "--staff", str(alice), stdin=apin + "\n")
    assert code == 0 and f"float of {money(15000)}" in out
    code, _, err = sh("open", "--float", "1000=1", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and f"Till {till} already has an open shift" in one_line(err)
    code, _, err = sh("z", "1")
    assert code == 2 and "The shift is still open" in one_line(err)

    dev = Device(Path(data))  # a sale and a paid in on the till meanwhile
    co = dev.checkout
    session = dev.auth.sign_in(alice, apin)
    vid, _ = a_stocked_variant(dev)
    basket = co.basket(co.open_basket(), [(vid, 2)])
    sale = co.complete(session, basket, [Tender(TenderType.CASH, co.price(basket).totals.total)])
    dev.shifts.move(session, "paid_in", 2000, "change_top_up")
    dev.close()
    expected = 15000 + sale.total + 2000

    code, out, _ = sh("status")
    assert code == 0 and f"by {session.staff.name} (#{alice})" in out and f"float     {money(15000)}" in out
    assert "paid_in" in out and "change_top_up" in out and "receipts  1" in out
    assert "hidden until the count is saved" in out and money(expected) not in out  # the count stays blind
    code, out, _ = sh("x")
    assert code == 0 and "X report" in out and money(expected) not in out

    code, _, err = sh("close", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "Count the drawer before closing" in one_line(err)
    code, _, err = sh("count", "1000=abc", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "“abc” for 1000 is not a number of pieces" in one_line(err)
    code, _, err = sh("count", "1000=-3", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "cannot hold -3 pieces of 1000" in one_line(err)
    code, _, err = sh("count", "3=1", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "3 is not a note or coin of JPY" in one_line(err)
    pieces = f"10000={expected // 10000},1000={expected % 10000 // 1000},1={expected % 1000 - 100}"  # ¥100 short
    code, out, _ = sh("count", pieces, "--staff", str(alice), stdin=apin + "\n")
    assert code == 0 and f"expected {money(expected)}" in out and f"variance {money(-100)}" in out

    code, _, err = sh("close", "--staff", str(alice), stdin=apin + "\n")  # the sale is not at central yet
    assert code == 2 and "not yet at central" in one_line(err)
    code, _, err = sh("close", "--staff", str(alice), "--defer-reason", "", "--manager", str(boss),
                      stdin=f"{apin}\n{mpin}\n")  # fmt: skip
    assert code == 2 and "Say why the shift closes with operations still unsent" in one_line(err)
    code, _, err = sh("close", "--staff", str(alice), "--defer-reason", "line down", "--manager", str(boss),
                      stdin=f"{apin}\n0000\n")  # fmt: skip
    assert code == 2 and "Wrong PIN" in one_line(err)
    code, out, _ = sh("close", "--staff", str(alice), "--defer-reason", "line down", "--manager", str(boss),
                      stdin=f"{apin}\n{mpin}\n")  # fmt: skip
    assert code == 0 and "Z report 1" in out and "Shift closed with Z report 1" in out and "line down" in out
    assert money(expected) in out  # the Z report shows what was expected
    code, _, err = sh("close", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "already closed with Z report 1" in one_line(err)

    code, out, _ = sh("z", "1")
    assert code == 0 and "Z report 1" in out and money(sale.total) in out
    pdf = tmp_path / "z1.pdf"
    code, out, _ = sh("z", "1", "--pdf", str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, _, err = sh("z", "2")
    assert code == 2 and f"There is no Z report 2 for till {till}" in one_line(err)
    code, _, err = sh("z", "one")
    assert code == 2 and "z needs the report's number" in one_line(err)
    code, out, _ = sh("status")
    assert "no open shift" in out and "last      Z report 1" in out


def test_a_store_that_shows_the_expected_cash_and_a_variance_beyond_the_limit(
    device: Device, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(device.data_dir)
    alice, apin = person(device, "ASSOCIATE", ("1111", "1112"))
    boss, mpin = person(device, "MANAGER", ("3333",))
    device.shifts.set_policy(device.auth.sign_in(boss, mpin), ShiftPolicy(show_expected=True))
    money = device.shifts.money
    device.close()

    def sh(*args: str, stdin: str = "") -> tuple[int, str, str]:
        return cli(capsys, "--data-dir", data, "shift", *args, stdin=stdin)

    assert sh("open", "--float", "10000=2", "--staff", str(alice), stdin=apin + "\n")[0] == 0
    code, out, _ = sh("status")
    assert code == 0 and f"expected  {money(20000)} in the drawer" in out
    code, out, _ = sh("count", "10000=1,5000=1", "--staff", str(alice), stdin=apin + "\n")  # ¥5,000 short
    assert code == 0 and "the close needs --reason CODE and --manager STAFF_ID" in out
    code, _, err = sh("close", "--staff", str(alice), stdin=apin + "\n")
    assert code == 2 and "choose a reason (miscount" in one_line(err)
    code, _, err = sh("close", "--staff", str(alice), "--reason", "miscount", stdin=apin + "\n")
    assert code == 2 and f"The count is {money(-5000)} off" in one_line(err)
    code, _, err = sh("close", "--staff", str(alice), "--reason", "miscount", "--manager", str(alice),
                      stdin=f"{apin}\n{apin}\n")  # fmt: skip
    assert code == 2 and "cannot approve this" in one_line(err)
    code, out, _ = sh("close", "--staff", str(alice), "--reason", "miscount", "--manager", str(boss),
                      stdin=f"{apin}\n{mpin}\n")  # fmt: skip
    assert code == 0 and "Shift closed with Z report 1" in out and "Miscount" in out  # the reason code worded


def test_a_device_db_made_before_the_receipt_counter_index_gets_it_at_open(device: Device) -> None:
    """The shift report's range over sales.receipt_counter: a device.db without the index (made
    before it) has it after the next open, and the report's query searches by it."""
    from pos_app.local.store import LocalStore

    data = device.data_dir
    with device.store.raw("device") as con:
        con.execute("DROP INDEX ix_sales_receipt_counter")
    device.close()
    store = LocalStore(data)
    try:
        with store.raw("device") as con:
            plan = " ".join(
                str(r[3])
                for r in con.execute(
                    "EXPLAIN QUERY PLAN SELECT count(*) FROM sales s WHERE s.receipt_counter > ? AND s.receipt_counter <= ?",
                    (0, 10),
                )
            )
    finally:
        store.close()
    assert "USING COVERING INDEX ix_sales_receipt_counter" in plan, plan
