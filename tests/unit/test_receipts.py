"""The receipt model and its words: Tokyo's qualified invoice, Berlin's VAT letters, English
elsewhere, gift and reprint variants, money from minor units, time in the store's zone."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sync.pricing import Tender, TenderType, price_document, settle
from sync.pricing.result import PricedBasket
from sync.receipts import (
    Receipt,
    ReceiptError,
    SaleFacts,
    StoreFacts,
    build_receipt,
    money,
    render_text,
)
from sync.receipts.layout import cols, pad_pair, wrap

EXAMPLES = Path(__file__).resolve().parents[2] / "sync" / "pricing" / "examples"

TOKYO = StoreFacts("TYO1", "Aisle 渋谷店", ("東京都渋谷区神南1-2-3",), "ja_JP", "Asia/Tokyo", "T1234567890123")
BERLIN = StoreFacts(
    "BER1", "Aisle Berlin Mitte", ("Rosenthaler Straße 1", "10119 Berlin"), "de_DE", "Europe/Berlin", "DE123456789"
)
NEWYORK = StoreFacts("NYC1", "Aisle SoHo", ("100 Spring St", "New York, NY 10012"), "en_US", "America/New_York")
AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def priced(name: str) -> PricedBasket:
    return price_document(json.loads((EXAMPLES / f"{name}.json").read_text()))


def receipt(name: str, store: StoreFacts) -> Receipt:
    return build_receipt(priced(name), store, SaleFacts(f"{store.code}-07-000123", AT, "Aiko", "07"))


def test_tokyo_is_a_qualified_invoice_with_tax_per_rate_and_the_reduced_mark() -> None:
    r = receipt("tokyo", TOKYO)
    text = render_text(r, 42)
    assert "登録番号 T1234567890123" in text
    assert "適格簡易請求書" in text
    # the reduced-rate items carry ※, the note says what it means, per rate: amount and its tax
    assert "※Onigiri salmon" in text and "※Green tea 500 ml" in text
    assert "T-shirt white M" in text and "※T-shirt" not in text
    assert "※は軽減税率対象商品です" in text
    lines = text.splitlines()
    i = next(k for k, ln in enumerate(lines) if "8%対象 ※" in ln)
    assert lines[i].endswith("￥348") and "内消費税等" in lines[i + 1] and lines[i + 1].endswith("￥25")
    j = next(k for k, ln in enumerate(lines) if "10%対象" in ln)
    assert lines[j].endswith("￥2,527") and lines[j + 1].endswith("￥229")
    # the time in Tokyo's zone (09:30 UTC is 18:30 JST)
    assert "2026年12月1日 18:30" in text
    # savings under each line, totals and change
    assert "Socks 3 for 2" in text and "-￥500" in text
    assert any(ln.startswith("合計") and ln.endswith("￥2,875") for ln in lines)
    assert any(ln.startswith("お釣り") and ln.endswith("￥2,125") for ln in lines)
    assert all(cols(ln) <= 42 for ln in lines if not ln.startswith("aisle:"))


def test_japanese_store_without_a_registration_number_is_refused() -> None:
    with pytest.raises(ReceiptError) as e:
        receipt("tokyo", replace(TOKYO, registration="1234567890123"))
    assert e.value.code == "receipt.registration"


def test_berlin_prints_vat_per_rate_with_the_letter_on_every_line() -> None:
    r = receipt("berlin", BERLIN)
    text = render_text(r, 42)
    lines = text.splitlines()
    assert any(ln.startswith("Jacke navy L") and ln.endswith("129,99 € A") for ln in lines)
    assert any(ln.endswith("35,98 € A") for ln in lines)
    assert any(ln.startswith("Kochbuch") and ln.endswith("24,95 € B") for ln in lines)
    assert any(ln.split() == ["A", "19", "%", "117,40", "22,31", "139,71"] for ln in lines)
    assert any(ln.split() == ["B", "7", "%", "22,63", "1,58", "24,21"] for ln in lines)
    assert "USt-IdNr. DE123456789" in text
    assert "01.12.2026 10:30" in text  # Berlin is UTC+1 in December
    assert any(ln.startswith("Rückgeld") and ln.endswith("36,08 €") for ln in lines)
    assert "Mützen: 2. zum halben Preis" in text and "Karte" in text and "Bar" in text


def test_english_elsewhere_with_tax_added() -> None:
    pb = replace(priced("newyork"), payment=None)
    paid = settle(pb.totals.total, [Tender(TenderType.CARD, pb.totals.total, "auth 1")])
    r = build_receipt(pb, NEWYORK, SaleFacts("NYC1-01-000001", AT, "Sam", "01"), paid)
    text = render_text(r, 48)
    assert "Card" in text and "Change" in text
    assert "Receipt" in text and "Subtotal" in text
    assert "Tax 8.875 %" in text
    assert "2026-12-01 04:30" in text  # New York is UTC-5


def test_money_is_formatted_from_minor_units_without_babel_rounding() -> None:
    r = receipt("berlin", BERLIN)
    assert money(1999, r) == "19,99 €"
    assert money(5, r) == "0,05 €"  # not rounded half-even to 0,0
    assert money(-25, r) == "-0,25 €"
    t = receipt("tokyo", TOKYO)
    assert money(2875, t) == "￥2,875"
    kwd = replace(r, currency="KWD", exponent=3, store=replace(BERLIN, locale="en_US"))
    assert money(1235, kwd) == "KWD1.235"  # three decimals kept


def test_gift_receipt_has_no_prices_and_reprint_is_marked() -> None:
    for name, store, mark in (("tokyo", TOKYO, "再発行"), ("berlin", BERLIN, "Kopie")):
        r = receipt(name, store)
        gift = render_text(r.as_gift(), 42)
        assert "￥" not in gift and "€" not in gift
        assert "ギフトレシート" in gift or "Geschenkbon" in gift
        reprint = render_text(r.as_reprint(), 42)
        assert f"*** {mark} ***" in reprint.splitlines()[0]
    ny = build_receipt(replace(priced("newyork"), payment=None), NEWYORK, SaleFacts("N-1", AT, "Sam", "01"))
    assert "*** Reprint ***" in render_text(ny.as_reprint())


def test_receipt_round_trips_through_json() -> None:
    r = build_receipt(
        priced("berlin"), BERLIN, SaleFacts("BER1-07-000123", AT, "Aiko", "07", "a-uuid"), card_slip=("VISA ****1234",)
    )
    again = Receipt.from_dict(json.loads(json.dumps(r.to_dict())))
    assert again == r
    assert render_text(again) == render_text(r)
    assert "VISA ****1234" in render_text(r)


def test_an_unpaid_sale_gets_no_receipt_and_a_naive_time_is_refused() -> None:
    doc = json.loads((EXAMPLES / "newyork.json").read_text())
    pb = price_document(doc)  # paid short
    assert pb.payment is not None and not pb.payment["complete"]
    with pytest.raises(ReceiptError) as e:
        build_receipt(pb, NEWYORK, SaleFacts("N-1", AT, "Sam", "01"))
    assert e.value.code == "receipt.unpaid"
    with pytest.raises(ReceiptError):
        SaleFacts("N-1", datetime(2026, 1, 1), "Sam", "01")


def test_widths_count_wide_characters_double() -> None:
    assert cols("合計") == 4 and cols("￥2,875") == 7 and cols("Mütze") == 5
    assert pad_pair("合計", "￥2,875", 20) == ["合計         ￥2,875"]
    assert all(cols(p) <= 10 for p in wrap("ご来店ありがとうございました", 10))
    long = pad_pair("A very long product name that does not fit", "12,00 €", 24)
    assert len(long) > 1 and all(cols(p) <= 24 for p in long) and long[-1].endswith("12,00 €")
