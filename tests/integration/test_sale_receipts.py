"""A completed sale's receipt on a real device: printed through a fake network printer (the
drawer opens for cash, the QR decodes from the printed bytes and verifies), waiting when the
printer is off, made again after a crash between the sale and its receipt, and e-mailed through
a real central to a real SMTP server — offline first, then once the network is back."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp

from central.db import Database
from pos_app.devices.printer.fake import FakeNetworkPrinter, read_escpos
from pos_app.services.app import Device
from pos_app.services.checkout import Tender, TenderType
from pos_app.services.errors import ValidationFailed
from pos_app.services.sale_receipts import SaleReceipts
from pos_app.services.settings import SettingsService
from sync.client import CentralClient
from sync.pricing.result import priced_from_dict
from sync.receipts import render_text, verify_reference
from sync.receipts.code import public_key_from_text
from tests.support.servers import free_port, run_central
from tests.support.smtp import smtp_server
from tests.support.tablet import a_stocked_variant, associate


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter().start()
    yield fake
    fake.stop()


def sell(device: Device, tenders: list[Tender] | None = None, qty: int = 1):  # type: ignore[no-untyped-def]
    session = associate(device)
    vid, _ = a_stocked_variant(device)
    co = device.checkout
    basket = co.basket(co.open_basket(), [(vid, qty)])
    due = co.price(basket).totals.total
    sale = co.complete(session, basket, tenders or [Tender(TenderType.CASH, due + 1000)])
    sell.last = basket  # type: ignore[attr-defined]
    return session, sale


def qr_codes(data: bytes) -> list[str]:
    return [
        r.text
        for bmp in read_escpos(data).images
        for r in zxingcpp.read_barcodes(bmp.to_image(), formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def test_a_cash_sale_prints_its_receipt_opens_the_drawer_and_a_double_tap_prints_nothing_more(
    device: Device, printer: FakeNetworkPrinter
) -> None:
    device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    session, sale = sell(device)
    out = device.sale_receipts.issue(sale, session)
    assert out.printed and out.problem is None and out.drawer_opened
    [job] = printer.jobs
    page = read_escpos(job)
    assert page.drawer_kicks == [(0, 25, 250)] and page.cuts == 1
    assert sale.receipt_no in page.text and "領収書" in page.text  # a Tokyo store prints Japanese
    [code] = qr_codes(job)
    signer = device.receipts.signer
    assert signer is not None
    ref = verify_reference(code, {device.identity.device_id: public_key_from_text(signer.public_key)})
    assert ref.number == sale.receipt_no and ref.total == sale.total
    # the same sale again (a double tap on Pay answers with the first sale): nothing more prints
    again = device.checkout.complete(session, sell.last, [Tender(TenderType.CASH, sale.total)])  # type: ignore[attr-defined]
    assert again.again and again.receipt_no == sale.receipt_no
    twice = device.sale_receipts.issue(again, session)
    assert twice.job_id == out.job_id and len(printer.jobs) == 1


def test_a_printer_that_is_off_loses_nothing_and_prints_when_back(
    device: Device, printer: FakeNetworkPrinter
) -> None:
    device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    printer.power(False)
    session, sale = sell(device)
    t0 = time.monotonic()
    out = device.sale_receipts.issue(sale, session)
    assert time.monotonic() - t0 < 3
    assert not out.printed and out.problem == "printer.offline"
    assert device.sale_receipts.summary()["print_waiting"] == 1
    printer.power(True)
    assert device.receipts.flush() == 1
    assert sale.receipt_no in printer.printouts()[0].text


def test_no_printer_keeps_the_receipt_and_says_so_and_reprint_names_the_problem(device: Device) -> None:
    session, sale = sell(device)
    out = device.sale_receipts.issue(sale, session)
    assert (out.printed, out.problem) == (False, "printer.none")
    assert sale.receipt_no in device.receipts.text(sale.receipt_no)
    with pytest.raises(ValidationFailed) as e:
        device.sale_receipts.reprint(sale.receipt_no, session)
    assert e.value.code == "printer.none" and "e-mail" in str(e.value)


def test_reprint_is_journaled_and_marked(device: Device, printer: FakeNetworkPrinter) -> None:
    device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    session, sale = sell(device)
    device.sale_receipts.issue(sale, session)
    out = device.sale_receipts.reprint(sale.receipt_no, session, reason="customer lost it")
    assert out.printed and len(printer.jobs) == 2
    assert "再発行" in read_escpos(printer.jobs[1]).text
    entry = [e for e in device.store.journal_entries() if e.type == "receipt.reprint"][-1]
    assert entry.data["number"] == sale.receipt_no and entry.data["reason"] == "customer lost it"
    assert device.store.journal_verify() == []


def test_a_receipt_lost_to_a_crash_after_the_sale_is_made_again_from_the_device_db(
    device: Device, printer: FakeNetworkPrinter
) -> None:
    session, sale = sell(device, qty=3)
    made_then = render_text(device.sale_receipts.receipt_of(sale, session.staff.name))
    # the app "died" after the sale's commit: no receipt was kept. Open the services again.
    device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    again = SaleReceipts(device.store, device.checkout, device.receipts)
    assert again.missing() == [(str(sale.sale_id), sale.receipt_no)]
    assert again.catch_up() == [sale.receipt_no]
    assert again.missing() == [] and again.catch_up() == []
    assert render_text(device.receipts.receipt(sale.receipt_no)).split("\n")[: made_then.count("\n") - 2] == (
        made_then.split("\n")[: made_then.count("\n") - 2]
    )  # the same receipt, line for line (the kept one adds the QR's caption at the end)
    [job] = printer.jobs
    assert read_escpos(job).drawer_kicks == []  # no drawer springing open after a restart


def test_the_stored_priced_basket_reads_back_equal(device: Device) -> None:
    _, sale = sell(device, qty=2)
    assert sale.priced is not None
    assert priced_from_dict(json.loads(sale.priced.to_json())) == sale.priced


def test_an_e_receipt_asked_for_offline_is_mailed_once_when_central_is_back(
    device: Device, central_db: Database, tmp_path: Path
) -> None:
    session, sale = sell(device)
    device.sale_receipts.issue(sale, session)
    token = device._token
    dead = f"http://127.0.0.1:{free_port()}"
    offline = SaleReceipts(device.store, device.checkout, device.receipts, lambda: CentralClient(dead, token, timeout=1))
    with pytest.raises(ValidationFailed) as e:
        offline.email(sale.receipt_no, "not-an-address", session)
    assert e.value.code == "receipt.email_address"
    req = offline.email(sale.receipt_no, "hanako@example.jp", session)
    assert req.state == "waiting" and "reach" in (req.last_error or "").lower()
    assert offline.email(sale.receipt_no, "hanako@example.jp", session).id == req.id  # asked twice: one request
    entry = [e for e in device.store.journal_entries() if e.type == "receipt.email"][-1]
    assert entry.data["to"] == "h***@example.jp"  # the journal keeps no address
    smtp = free_port()
    with smtp_server(smtp) as sink, run_central(central_db, smtp_port=smtp) as url:
        online = SaleReceipts(
            device.store, device.checkout, device.receipts, lambda: CentralClient(url, token, timeout=5)
        )
        assert online.send_emails() == 1  # before the sale itself reached central: central waits for it
        assert online.emails("taken")[0].number == sale.receipt_no
        assert online.send_emails() == 0
        device.engine.client.close()
        device.engine.client = CentralClient(url, token)
        device.engine.sync_once()  # the sale arrives; central renders and sends the e-mail
        deadline = time.monotonic() + 15
        while not sink.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
    assert len(sink.messages) == 1
    msg = sink.messages[0]
    assert msg["To"] == "hanako@example.jp" and sale.receipt_no in msg["Subject"]


def test_device_settings_refuse_a_bad_printer_and_an_unreadable_file(tmp_path: Path) -> None:
    svc = SettingsService(tmp_path)
    assert svc.load().printer == "" and svc.printer() is None
    with pytest.raises(ValidationFailed) as e:
        svc.update(printer="lpt://nowhere")
    assert e.value.code == "settings.printer" and "tcp://" in str(e.value)
    with pytest.raises(ValidationFailed):
        svc.update(printer_columns=40)
    svc.update(printer="tcp://10.0.0.7", printer_columns=42)
    assert svc.load().printer == "tcp://10.0.0.7" and svc.load().printer_columns == 42
    (tmp_path / "settings.json").write_text("{not json")
    with pytest.raises(ValidationFailed) as e:
        svc.load()
    assert e.value.code == "settings.unreadable" and "settings.json" in str(e.value)
