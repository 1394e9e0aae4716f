"""`pos-app settings` and `pos-app receipt` as support staff use them, on a real enrolled device
with a fake network printer: set the printer, list and show receipts, print what waits, reprint
with the person's PIN, refuse a bad printer address and a wrong PIN in one sentence."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest

from pos_app.cli import main
from pos_app.devices.printer.fake import FakeNetworkPrinter, read_escpos
from pos_app.services.app import Device
from pos_app.services.checkout import Tender, TenderType
from tests.support.tablet import a_stocked_variant, associate


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter().start()
    yield fake
    fake.stop()


def test_settings_and_receipts_from_the_command_line(
    device: Device, printer: FakeNetworkPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(device.data_dir)
    session = associate(device)
    vid, _ = a_stocked_variant(device)
    co = device.checkout
    basket = co.basket(co.open_basket(), [(vid, 1)])
    sale = co.complete(session, basket, [Tender(TenderType.CASH, co.price(basket).totals.total)])
    device.close()  # the app stopped before the receipt was kept (a crash after the sale)

    code, out, err = cli(capsys, "--data-dir", data, "settings", "--printer", "lpt://x")
    assert code == 2 and "Unknown printer address" in err
    code, out, _ = cli(capsys, "--data-dir", data, "settings", "--printer", f"tcp://127.0.0.1:{printer.port}")
    assert code == 0 and f"tcp://127.0.0.1:{printer.port}" in out
    code, out, _ = cli(capsys, "--data-dir", data, "settings", "--test-printer")
    assert code == 0 and "status" in out

    code, out, _ = cli(capsys, "--data-dir", data, "receipt", "waiting")
    assert code == 0 and f"{sale.receipt_no}: the receipt was missing" in out  # made again
    code, out, _ = cli(capsys, "--data-dir", data, "receipt", "print")
    assert code == 0 and "still waiting 0" in out
    assert sale.receipt_no in read_escpos(printer.jobs[-1]).text
    code, out, _ = cli(capsys, "--data-dir", data, "receipt", "list")
    assert out.split() == [sale.receipt_no]
    code, out, _ = cli(capsys, "--data-dir", data, "receipt", "show", sale.receipt_no)
    assert code == 0 and "領収書" in out and sale.receipt_no in out

    code, _, err = cli(capsys, "--data-dir", data, "receipt", "reprint", sale.receipt_no)
    assert code == 2 and "--staff" in err
    code, _, err = cli(
        capsys, "--data-dir", data, "receipt", "reprint", sale.receipt_no, "--staff", str(session.staff.id), stdin="0000\n"
    )
    assert code == 2 and "Wrong PIN" in err
    jobs = len(printer.jobs)
    for pin in ("1111", "1112"):
        code, out, _ = cli(
            capsys, "--data-dir", data, "receipt", "reprint", sale.receipt_no, "--staff", str(session.staff.id),
            "--reason", "lost", stdin=pin + "\n",
        )
        if code == 0:
            break
    assert code == 0 and "printed" in out and len(printer.jobs) == jobs + 1
    assert "再発行" in read_escpos(printer.jobs[-1]).text
    code, _, err = cli(capsys, "--data-dir", data, "receipt", "show", "NOPE-1-000001")
    assert code == 2 and "There is no receipt NOPE-1-000001" in err


def test_the_printer_simulator_files_what_it_prints(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import time

    from pos_app.devices.printer import NetworkPrinter
    from sync.receipts.escpos import DRAWER_KICK, INIT
    from tests.support.servers import free_port

    port = free_port()
    out = tmp_path / "paper"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app.cli", "printer-sim", "--port", str(port), "--out", str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and "Receipt printer simulator on tcp://127.0.0.1" in proc.stdout.readline()
        kanji_on = b"\x1c&"  # FS &: Shift_JIS from here on
        NetworkPrinter("127.0.0.1", port).send(INIT + DRAWER_KICK + kanji_on + "Aisle テスト\n".encode("cp932"))
        deadline = time.monotonic() + 10
        while not (out / "0001.txt").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        text = (out / "0001.txt").read_text(encoding="utf-8")
        assert "Aisle テスト" in text and "[drawer]" in text and (out / "0001.escpos").read_bytes().startswith(INIT)
    finally:
        proc.terminate()
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()
