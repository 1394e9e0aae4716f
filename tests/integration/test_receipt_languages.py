"""Receipts and shift reports in the store's language (issue 12, docs/receipts.md): a Tokyo
sale's receipt, read back from the ESC/POS bytes the fake printer received, is Japanese with
yen amounts and the products' Japanese names, and its QR still decodes; a Berlin sale's is
German with euro amounts; the Z report prints in Japanese; the basket shows the local names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from pos_app.devices.printer.fake import FakeNetworkPrinter, read_escpos
from pos_app.services.app import Device
from pos_app.services.checkout import Tender, TenderType
from tests.integration.test_sale_receipts import qr_codes
from tests.support.tablet import associate


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter().start()
    yield fake
    fake.stop()


@pytest.fixture
def berlin(central_url: str, enroll_code: Any, memory_keyring: Any, tmp_path: Path) -> Iterator[Device]:
    """A device enrolled with BER01 and bootstrapped."""
    from pos_app.local.store import LocalStore
    from pos_app.services.enrollment import enroll

    data = tmp_path / "berlin"
    store = LocalStore(data)
    enroll(store, central_url, enroll_code("BER01"), "berlin tablet")
    store.close()
    dev = Device(data, keepalive_seconds=1.0, poll_seconds=2.0)
    status = dev.engine.sync_once()
    assert status.online and dev.bootstrapped(), status.message
    yield dev
    dev.close()


def named_variant(device: Device, language: str | None) -> tuple[int, str, str]:
    """A stocked variant (its id, catalog name, and its style's name in `language` if any)."""
    rows = device.store.query(
        "SELECT c.id, c.name, s.names FROM stock k JOIN catalog c ON c.id = k.variant_id "
        "JOIN styles s ON s.code = c.style_code WHERE k.location_id=? AND k.on_hand > 0 ORDER BY c.id LIMIT 200",
        (device.identity.store_id,),
    )
    for vid, name, names in rows:
        local = orjson.loads(names or "{}").get(language or "", "")
        if language is None or local:
            return int(vid), str(name), str(local)
    raise AssertionError(f"no stocked variant named in {language}")


def sell(device: Device, vid: int) -> Any:
    session = associate(device)
    co = device.checkout
    basket = co.basket(co.open_basket(), [(vid, 2)])
    due = co.price(basket).totals.total
    sale = co.complete(session, basket, [Tender(TenderType.CASH, due + 1000)])
    return session, sale


def test_a_tokyo_receipt_prints_in_japanese_with_yen_and_the_japanese_names(
    device: Device, printer: FakeNetworkPrinter
) -> None:
    device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    vid, latin, japanese = named_variant(device, "ja")
    session, sale = sell(device, vid)
    assert device.sale_receipts.issue(sale, session).printed
    [job] = printer.jobs
    # Shift_JIS selected and Kanji mode on before any text; the yen sign is the full-width one
    # in Shift_JIS (0x81 0x8F), never a "?" of a code page without it
    assert job.startswith(b"\x1b@\x1bt\x01\x1cC\x01\x1c&")
    assert b"\x81\x8f" in job and b"?" not in job.split(b"\x1dv0")[0]
    page = read_escpos(job)
    assert page.kanji_mode_used
    text = page.text
    for words in ("領収書", "適格簡易請求書", "合計", "現金", "お釣り", "ご来店ありがとうございました", "年"):
        assert words in text, words
    assert "Receipt" not in text and "Total" not in text and "Change" not in text
    assert "￥" in text and "2 x ￥" in text  # yen amounts, formatted by babel for ja_JP
    assert japanese in text and latin not in text  # the product by its Japanese name
    [code] = qr_codes(job)
    assert code.startswith("aisle:r1:")
    # the kept receipt says the same (a reprint is Japanese too, marked 再発行)
    device.sale_receipts.reprint(sale.receipt_no, session)
    again = read_escpos(printer.jobs[-1]).text
    assert "再発行" in again and japanese in again


def test_the_basket_shows_the_store_language_name_and_falls_back_to_the_catalog(device: Device, berlin: Device) -> None:
    vid, latin, japanese = named_variant(device, "ja")
    view = device.basket.add(device.basket.new(), vid)
    assert view.lines[0].name == japanese != latin
    # Berlin: this catalog has no German names, so the line keeps the catalog's name
    bvid, blatin, _ = named_variant(berlin, None)
    assert berlin.basket.add(berlin.basket.new(), bvid).lines[0].name == blatin


def test_a_berlin_receipt_prints_in_german_with_euro(berlin: Device, printer: FakeNetworkPrinter) -> None:
    berlin.set_printer(f"tcp://127.0.0.1:{printer.port}")
    vid, latin, _ = named_variant(berlin, None)
    session, sale = sell(berlin, vid)
    assert berlin.sale_receipts.issue(sale, session).printed
    [job] = printer.jobs
    assert job.startswith(b"\x1b@\x1bt\x13\x1c.")  # PC858 (with €), Kanji mode off
    page = read_escpos(job)
    assert not page.kanji_mode_used and page.code_pages == {19}
    text = page.text
    for words in ("Kassenbon", "Bon-Nr.", "Summe", "Bar", "Rückgeld", "MwSt", "Vielen Dank für Ihren Einkauf"):
        assert words in text, words
    assert " €" in text and "," in text and latin in text  # 12,99 € the German way
    assert "Receipt" not in text and "Total" not in text
    [code] = qr_codes(job)
    assert code.startswith("aisle:r1:")


def test_the_z_report_prints_in_japanese(device: Device, printer: FakeNetworkPrinter) -> None:
    device.set_printer(f"tcp://127.0.0.1:{printer.port}")
    shifts = device.shifts
    alice = associate(device)
    shifts.open(alice, {"1000": 10})
    vid, _latin, _ja = named_variant(device, "ja")
    _s, sale = sell(device, vid)
    shifts.save_count(alice, {"1000": 10 + sale.total // 1000, "1": sale.total % 1000})
    status = device.engine.sync_once()
    assert status.online, status
    z = shifts.close(alice)  # counted exactly: the float and the sale's cash
    assert shifts.print_report(z) is True
    data = printer.jobs[-1]
    assert b"\x1cC\x01\x1c&" in data and data.endswith(b"\x1c.\x1bd\x04\x1dV\x42\x00")
    page = read_escpos(data)
    text = page.text
    for words in ("精算レポート (Z) 1", "支払方法別売上", "現金", "売上合計", "ドロア理論在高", "釣銭準備金", "年"):
        assert words in text, words
    assert "￥" in text and "Z report" not in text and "Sales by tender" not in text
    assert "精算レポート (Z) 1" in page.bold_lines
    # the screen's text follows the screens' language (the tests pin English), the print the store's
    english = shifts.text(z)
    assert "Z report 1" in english and "精算レポート (Z) 1" in shifts.text(z, language="ja")
    assert "年" not in english and "+0900" in english  # an English report's dates the English way
    pdf = shifts.pdf(z)
    assert pdf.startswith(b"%PDF")
