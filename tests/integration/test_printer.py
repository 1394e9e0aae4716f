"""Printing through a fake network printer on loopback: the sale never waits for the printer.

The receipt is kept and queued before the printer is asked; off or out of paper it waits,
staff see it, it prints in order when the printer is back, survives a restart, and any past
receipt reprints after the journal hook. The QR is decoded from the bytes the printer got."""

from __future__ import annotations

import json
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp

from pos_app.devices.printer import FilePrinter, NetworkPrinter, PrinterError, printer_from_url
from pos_app.devices.printer.fake import FakeNetworkPrinter, read_escpos
from pos_app.services.errors import ValidationFailed
from pos_app.services.receipts import (
    KeyringKeyStore,
    MemoryKeyStore,
    ReceiptService,
    ReceiptSigner,
    ReprintRequest,
)
from sync.pricing import price_document
from sync.receipts import Receipt, SaleFacts, StoreFacts, build_receipt, verify_reference
from sync.receipts.code import public_key_from_text

EXAMPLES = Path(__file__).resolve().parents[2] / "sync" / "pricing" / "examples"
TOKYO = StoreFacts("TYO1", "Aisle 渋谷店", ("東京都渋谷区神南1-2-3",), "ja_JP", "Asia/Tokyo", "T1234567890123")
AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
BASKET = price_document(json.loads((EXAMPLES / "tokyo.json").read_text()))


def sale(n: int) -> Receipt:
    return build_receipt(BASKET, TOKYO, SaleFacts(f"TYO1-07-{n:06d}", AT, "Aiko", "07"))


@pytest.fixture
def printer() -> FakeNetworkPrinter:
    fake = FakeNetworkPrinter().start()
    yield fake  # type: ignore[misc]
    fake.stop()


def service(tmp_path: Path, fake: FakeNetworkPrinter, **kw) -> ReceiptService:  # type: ignore[no-untyped-def]
    signer = kw.pop("signer", None) or ReceiptSigner("dev-07", MemoryKeyStore())
    return ReceiptService(tmp_path, NetworkPrinter(fake.host, fake.port, timeout=2), signer=signer, **kw)


def qr_codes(data: bytes) -> list[str]:
    out = read_escpos(data)
    return [
        r.text
        for bmp in out.images
        for r in zxingcpp.read_barcodes(bmp.to_image(), formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def test_a_sale_prints_with_its_signed_qr_and_opens_the_drawer(tmp_path: Path, printer: FakeNetworkPrinter) -> None:
    svc = service(tmp_path, printer)
    out = svc.issue(sale(1), open_drawer=True)
    assert out.printed and out.problem is None and out.drawer_opened
    assert len(printer.jobs) == 1 and printer.status_requests == 3
    page = read_escpos(printer.jobs[0])
    assert page.kanji_mode_used and "領収書" in page.text and page.cuts == 1 and page.drawer_kicks == [(0, 25, 250)]
    [code] = qr_codes(printer.jobs[0])
    assert svc.signer is not None
    ref = verify_reference(code, {"dev-07": public_key_from_text(svc.signer.public_key)})
    assert ref.number == "TYO1-07-000001" and ref.total == 2875 and ref.store == "TYO1"
    assert svc.waiting() == []


def test_a_printer_that_is_off_never_blocks_or_loses_the_sale(tmp_path: Path, printer: FakeNetworkPrinter) -> None:
    svc = service(tmp_path, printer)
    printer.power(False)
    t0 = time.monotonic()
    first = svc.issue(sale(1), open_drawer=True)
    second = svc.issue(sale(2))
    assert time.monotonic() - t0 < 2
    assert not first.printed and first.problem == "printer.offline" and not first.drawer_opened
    assert [(j.number, j.kind, j.last_error) for j in svc.waiting()] == [
        ("TYO1-07-000001", "receipt", "printer.offline"),
        ("TYO1-07-000002", "receipt", "printer.offline"),
    ]
    assert svc.flush() == 0  # still off: still waiting, nothing raised
    assert svc.waiting()[0].attempts == 3  # issue(1), issue(2) and this flush each tried it
    assert not second.printed and second.problem == "printer.offline"
    printer.power(True)
    assert svc.flush() == 2
    numbers = [line for p in printer.printouts() for line in p.lines if "TYO1-07-" in line]
    assert [n.split()[-1] for n in numbers] == ["TYO1-07-000001", "TYO1-07-000002"]  # in order
    assert all(p.drawer_kicks == [] for p in printer.printouts())  # no drawer opening an hour later
    assert svc.waiting() == []


def test_out_of_paper_waits_and_still_opens_the_drawer(tmp_path: Path, printer: FakeNetworkPrinter) -> None:
    svc = service(tmp_path, printer)
    printer.paper = False
    out = svc.issue(sale(1), open_drawer=True)
    assert not out.printed and out.problem == "printer.paper_out" and out.drawer_opened
    assert printer.jobs == []  # nothing sent into an empty printer …
    [kick] = printer.dropped  # … but the drawer kick
    assert read_escpos(kick).drawer_kicks == [(0, 25, 250)] and read_escpos(kick).lines == []
    printer.paper = True
    assert svc.flush() == 1
    assert "合計" in printer.printouts()[0].text


def test_waiting_receipts_survive_a_restart_and_the_retry_thread_prints_them(
    tmp_path: Path, printer: FakeNetworkPrinter
) -> None:
    signer = ReceiptSigner("dev-07", MemoryKeyStore())
    printer.power(False)
    service(tmp_path, printer, signer=signer).issue(sale(1))
    again = service(tmp_path, printer, signer=signer)  # the app restarted
    assert [j.number for j in again.waiting()] == ["TYO1-07-000001"]
    printer.power(True)
    again.start(interval=0.05)
    try:
        deadline = time.monotonic() + 5
        while again.waiting() and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        again.close()
    assert again.waiting() == [] and len(printer.jobs) == 1


def test_issuing_the_same_sale_twice_prints_once(tmp_path: Path, printer: FakeNetworkPrinter) -> None:
    svc = service(tmp_path, printer)
    a = svc.issue(sale(1))
    b = svc.issue(sale(1))
    assert a.job_id == b.job_id and b.printed and len(printer.jobs) == 1


def test_gift_receipt_and_reprint_of_any_past_receipt_are_journaled(
    tmp_path: Path, printer: FakeNetworkPrinter
) -> None:
    journal: list[ReprintRequest] = []
    svc = service(tmp_path, printer, on_reprint=journal.append)
    svc.issue(sale(1), gift=True)
    svc.issue(sale(2))
    receipt_page, gift_page = printer.printouts()[:2]
    assert "￥" in receipt_page.text and "ギフトレシート" in gift_page.text and "￥" not in gift_page.text
    out = svc.reprint("TYO1-07-000001", staff="Ken", reason="customer lost it")
    assert out.printed
    assert [(j.number, j.staff, j.gift, j.reason) for j in journal] == [
        ("TYO1-07-000001", "Ken", False, "customer lost it")
    ]
    page = printer.printouts()[-1]
    assert page.lines[0].strip() == "*** 再発行 ***" and "TYO1-07-000001" in page.text
    assert qr_codes(printer.jobs[-1]) == qr_codes(printer.jobs[0])  # the same signed reference
    assert svc.recent()[:2] == ["TYO1-07-000002", "TYO1-07-000001"]
    with pytest.raises(ValidationFailed) as e:
        svc.reprint("TYO1-07-999999", staff="Ken")
    assert e.value.code == "receipt.unknown"


def test_a_reprint_whose_journal_entry_fails_is_not_printed(tmp_path: Path, printer: FakeNetworkPrinter) -> None:
    def refuse(req: ReprintRequest) -> None:
        raise RuntimeError("journal is full")

    svc = service(tmp_path, printer, on_reprint=refuse)
    svc.issue(sale(1))
    with pytest.raises(RuntimeError):
        svc.reprint("TYO1-07-000001", staff="Ken")
    assert len(printer.jobs) == 1 and svc.waiting() == []


def test_the_signing_key_lives_in_the_keyring_and_stays(tmp_path: Path, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    a = ReceiptSigner("dev-07", KeyringKeyStore(tmp_path))
    b = ReceiptSigner("dev-07", KeyringKeyStore(tmp_path))
    assert a.public_key == b.public_key and len(a.public_key) == 43
    assert ReceiptSigner("dev-08", KeyringKeyStore(tmp_path / "other")).public_key != a.public_key


def test_file_and_usb_printers(tmp_path: Path) -> None:
    out = tmp_path / "printer.bin"
    svc = ReceiptService(tmp_path / "data", FilePrinter(out))
    assert svc.issue(sale(1)).printed
    assert "領収書" in read_escpos(out.read_bytes()).text
    gone = ReceiptService(tmp_path / "data2", FilePrinter("/dev/usb/lp-not-there"))
    res = gone.issue(sale(1))
    assert not res.printed and res.problem == "printer.offline"
    assert isinstance(printer_from_url("file:///dev/usb/lp0"), FilePrinter)
    assert isinstance(printer_from_url("tcp://10.0.0.5"), NetworkPrinter)
    with pytest.raises(PrinterError):
        printer_from_url("lpt://x")


def test_a_printer_that_accepts_and_never_answers_times_out(tmp_path: Path) -> None:
    mute = socket.socket()
    mute.bind(("127.0.0.1", 0))
    mute.listen(1)
    try:
        svc = ReceiptService(tmp_path, NetworkPrinter("127.0.0.1", mute.getsockname()[1], timeout=0.3))
        t0 = time.monotonic()
        res = svc.issue(sale(1))
        assert not res.printed and res.problem == "printer.offline" and time.monotonic() - t0 < 3
    finally:
        mute.close()


def test_a_serial_printer_without_pyserial_says_so() -> None:
    import importlib.util

    from pos_app.devices.printer import SerialPrinter

    p = printer_from_url("serial:///dev/ttyS-not-there?baud=9600")
    assert isinstance(p, SerialPrinter) and p.baudrate == 9600
    with pytest.raises(PrinterError) as e:
        p.send(b"\x1b@")
    expected = "printer.driver_missing" if importlib.util.find_spec("serial") is None else "printer.offline"
    assert e.value.code == expected
