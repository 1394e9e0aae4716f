"""ESC/POS bytes: Japanese in Kanji mode as Shift_JIS, German in PC858, bold and double by
their own commands, the QR as a raster that zxing-cpp decodes from the printed bytes, the
signed reference in it, cut and drawer kick."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp

from pos_app.devices.printer.fake import UnknownCommand, read_escpos
from sync.pricing import price_document
from sync.receipts import InvalidCode, SaleFacts, StoreFacts, build_receipt, render_escpos, render_text
from sync.receipts.code import (
    SaleReference,
    new_private_key,
    private_key_from_text,
    private_key_text,
    public_key_from_text,
    public_key_text,
    read_reference,
    sign_reference,
    verify_reference,
)
from sync.receipts.escpos import DRAWER_KICK
from sync.receipts.layout import cols

EXAMPLES = Path(__file__).resolve().parents[2] / "sync" / "pricing" / "examples"
TOKYO = StoreFacts("TYO1", "Aisle 渋谷店", ("東京都渋谷区神南1-2-3",), "ja_JP", "Asia/Tokyo", "T1234567890123")
BERLIN = StoreFacts(
    "BER1", "Aisle Berlin Mitte", ("Rosenthaler Straße 1", "10119 Berlin"), "de_DE", "Europe/Berlin", "DE123456789"
)
AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
KEY = new_private_key()


def signed(name: str, store: StoreFacts):  # type: ignore[no-untyped-def]
    pb = price_document(json.loads((EXAMPLES / f"{name}.json").read_text()))
    ref = SaleReference(
        store.code, "07", f"{store.code}-07-000123", int(AT.timestamp()), pb.totals.total, pb.currency, "dev-07"
    )
    return build_receipt(pb, store, SaleFacts(ref.number, AT, "Aiko", "07"), code=sign_reference(ref, KEY))


def decode_qr(printout) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for bmp in printout.images:
        for res in zxingcpp.read_barcodes(bmp.to_image(), formats=zxingcpp.BarcodeFormat.QRCode):
            found.append(res.text)
    return found


def test_japanese_prints_in_kanji_mode_as_shift_jis_not_question_marks() -> None:
    r = signed("tokyo", TOKYO)
    data = render_escpos(r, columns=48)
    assert b"\x1c&" in data and b"\x1cC\x01" in data  # Kanji mode on, Shift_JIS
    assert "領収書".encode("cp932") in data and "※は軽減税率対象商品です".encode("cp932") in data
    assert "領収書".encode("gb18030") not in data and b"????" not in data
    out = read_escpos(data)
    assert out.kanji_mode_used
    assert "登録番号 T1234567890123" in out.text and "ご来店ありがとうございました" in out.text
    # 48 columns, wide characters counted double (the double-size lines in 24)
    for line in out.lines:
        assert cols(line) <= (24 if line in out.double_lines else 48), line
    assert any("合計" in ln and "￥2,875" in ln for ln in out.double_lines)
    assert any("合計" in ln for ln in out.bold_lines)  # bold survives the size change


def test_german_umlauts_and_euro_in_pc858() -> None:
    r = signed("berlin", BERLIN)
    data = render_escpos(r, columns=42)
    assert b"\x1bt\x13" in data and b"\x1c&" not in data
    assert "Rückgeld".encode("cp858") in data and "€".encode("cp858") in data
    out = read_escpos(data)
    assert "Mützen: 2. zum halben Preis" in out.text and "Rosenthaler Straße 1" in out.text
    assert all(cols(ln) <= 42 for ln in out.lines)
    assert out.code_pages == {19}


@pytest.mark.parametrize(("name", "store"), [("tokyo", TOKYO), ("berlin", BERLIN)])
def test_the_qr_decodes_from_the_printed_bytes_and_its_signature_checks(name: str, store: StoreFacts) -> None:
    r = signed(name, store)
    out = read_escpos(render_escpos(r))
    codes = decode_qr(out)
    assert codes == [r.code]
    ref = verify_reference(codes[0], {"dev-07": KEY.public_key()})
    assert ref.number == f"{store.code}-07-000123" and ref.total == r.total and ref.at == int(AT.timestamp())


def test_cut_and_drawer_kick() -> None:
    r = signed("tokyo", TOKYO)
    out = read_escpos(render_escpos(r, open_drawer=True))
    assert out.cuts == 1 and out.drawer_kicks == [(0, 25, 250)]
    assert read_escpos(render_escpos(r)).drawer_kicks == []
    assert DRAWER_KICK not in render_escpos(r, cut=False) and read_escpos(render_escpos(r, cut=False)).cuts == 0


def test_the_fake_printer_refuses_commands_it_does_not_know() -> None:
    with pytest.raises(UnknownCommand):
        read_escpos(b"\x1b@\x1b~\x00")
    with pytest.raises(UnknownCommand):
        read_escpos(b"\x1b@\x1dv0\x00\x10\x00\x10\x00")  # a raster shorter than it says


def test_signed_codes_refuse_tampering_and_unknown_keys() -> None:
    ref = SaleReference("TYO1", "07", "TYO1-07-000001", 1_800_000_000, 2875, "JPY", "dev-07")
    code = sign_reference(ref, KEY)
    assert code.startswith("aisle:r1:") and len(code) < 300
    assert read_reference(code) == ref
    # keys travel as text (keyring, enrolment)
    again = private_key_from_text(private_key_text(KEY))
    assert verify_reference(sign_reference(ref, again), {"dev-07": public_key_from_text(public_key_text(KEY))}) == ref
    forged = sign_reference(SaleReference("TYO1", "07", "TYO1-07-000001", 1_800_000_000, 1, "JPY", "dev-07"), KEY)
    tampered = forged.split(".")[0] + "." + code.split(".")[1]
    for bad, why in (
        (tampered, "code.signature"),
        (sign_reference(ref, new_private_key()), "code.signature"),
        ("aisle:r1:nonsense", "code.format"),
        ("hello", "code.format"),
    ):
        with pytest.raises(InvalidCode) as e:
            verify_reference(bad, {"dev-07": KEY.public_key()})
        assert e.value.code == why
    with pytest.raises(InvalidCode) as e:
        verify_reference(code, lambda key_id: None)
    assert e.value.code == "code.unknown_key"


def test_text_shows_the_code_for_logs() -> None:
    r = signed("berlin", BERLIN)
    assert r.code is not None and r.code in render_text(r)


@pytest.mark.parametrize(("name", "store"), [("tokyo", TOKYO), ("berlin", BERLIN)])
def test_pdf_receipt_embeds_its_font(name: str, store: StoreFacts) -> None:
    pytest.importorskip("fpdf", reason="fpdf2 is not installed (the lead adds it to the dependencies)")
    from sync.receipts.pdf import render_pdf

    r = signed(name, store)
    pdf = render_pdf(r)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert (b"NotoSansCJK" in pdf) if name == "tokyo" else (b"DejaVuSans" in pdf or b"NotoSansCJK" in pdf)
    assert b"/ToUnicode" in pdf  # text can be searched and copied, Japanese included
    assert len(pdf) < 200_000


def test_a_character_the_code_page_lacks_prints_as_its_nearest_and_the_lines_stay_in_their_columns() -> None:
    """A Tokyo promotion named "¥3,000 off" (U+00A5, not in Shift_JIS) printed "?3,000": it is
    the full-width ￥ now, counted as two columns before the line is padded."""
    from dataclasses import replace

    from sync.receipts.escpos import encode_text, printable

    assert printable("¥3,000引き −5", "cp932") == "￥3,000引き −5"  # the minus is in cp932 (0x81 0x7C)
    assert printable("￥1,234 ０", "cp858") == "¥1,234 0" and encode_text("€ ß ü", "cp858").decode("cp858") == "€ ß ü"
    r = signed("tokyo", TOKYO)
    line = r.lines[0]
    r = replace(r, lines=(replace(line, savings=(replace(line.savings[0], label="¥3,000以上で¥300引き"),)),))
    page = read_escpos(render_escpos(r, columns=42))
    assert any("￥3,000以上で￥300引き" in ln for ln in page.lines) and "?" not in page.text.split("aisle:")[0]
    assert all(cols(ln) <= 42 for ln in page.lines if ln not in page.double_lines)
