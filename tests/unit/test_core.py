from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pos_app.core.auth import LockoutPolicy, Permission, Role, may, needed_role
from pos_app.core.barcode import CodeKind, classify, make_ean13
from pos_app.core.money import Money, exponent, format_money
from pos_app.core.search import fts_query
from pos_app.core.stock import Level, as_of_text, level
from sync.journal import make_entry, verify_chain
from sync.pins import hash_pin, new_pin_key, verify_pin


def test_currency_exponents_come_from_the_currency() -> None:
    assert (exponent("JPY"), exponent("EUR"), exponent("KWD")) == (0, 2, 3)
    with pytest.raises(ValueError):
        exponent("eur")


def test_money_rounds_half_even_once_and_formats_per_locale() -> None:
    assert Money.from_decimal("2.345", "EUR").minor == 234
    assert Money.from_decimal("2.355", "EUR").minor == 236
    assert Money.from_decimal("1234.5", "JPY").minor == 1234
    assert format_money(Money(398000, "JPY"), "ja_JP") == "￥398,000"
    assert format_money(Money(3995, "EUR"), "de_DE") == "39,95\xa0€"
    assert Money(1, "KWD").to_decimal() == Decimal("0.001")


def test_money_refuses_floats_and_mixed_currencies() -> None:
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        _ = Money(1, "EUR") + Money(1, "JPY")


def test_barcodes_are_checked_with_gs1_check_digits() -> None:
    good = make_ean13("490000000001")
    assert classify(good).kind is CodeKind.GTIN
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    scanned = classify(bad)
    assert scanned.kind is CodeKind.BAD_CHECK_DIGIT
    assert "check digit" in scanned.message
    assert classify("036000291452").gtin13 == "0036000291452"  # UPC-A
    assert classify("linen shirt").kind is CodeKind.TEXT


@pytest.mark.parametrize(
    "text", ['"', "*", "-", "NEAR", "AND", "a OR b", "(x", 'red " sneaker*', "^col:x", "NOT", "ｔｅｅ"]
)
def test_fts_query_quotes_every_term(text: str) -> None:
    q = fts_query(text)
    if q is not None:
        for term in q.split(" "):
            assert term.startswith('"') and term.endswith('"*')
            assert '"' not in term[1:-2]


def test_fts_query_of_nothing_searchable_is_none() -> None:
    assert fts_query('" * -') is None
    assert fts_query("Red  Sne") == '"red"* "sne"*'


def test_pin_hashes_verify_and_reject() -> None:
    key = new_pin_key()
    h = hash_pin("1234", key, n=2**10)
    assert verify_pin("1234", h, key)
    assert not verify_pin("1235", h, key)
    assert not verify_pin("1234", h, new_pin_key())  # the hash is useless without its key
    assert not verify_pin("1234", "garbage", key)
    with pytest.raises(ValueError):
        hash_pin("12a4", key)


def test_lockout_backs_off_exponentially() -> None:
    policy = LockoutPolicy(free_attempts=3, base_delay=timedelta(seconds=30))
    t = datetime(2026, 11, 22, tzinfo=UTC)
    assert policy.locked_until(2, t) is None
    assert policy.locked_until(3, t) == t + timedelta(seconds=30)
    assert policy.locked_until(4, t) == t + timedelta(seconds=60)
    assert policy.locked_until(40, t) == t + policy.max_delay


def test_roles_are_ordered_and_permissions_checked() -> None:
    assert may(Role.MANAGER, Permission.REBOOTSTRAP)
    assert not may(Role.ASSOCIATE, Permission.REBOOTSTRAP)
    assert needed_role(Permission.REBOOTSTRAP) is Role.MANAGER


def test_journal_chain_detects_edits_gaps_and_reordering() -> None:
    entries = []
    prev = None
    for i in range(5):
        prev = make_entry(prev, f"2026-11-22T10:0{i}:00Z", "signin", {"staff": i})
        entries.append(prev)
    assert verify_chain(entries) == []
    tampered = list(entries)
    e = tampered[2]
    tampered[2] = type(e)(e.seq, e.at, e.type, {"staff": 99}, e.prev_hash, e.hash)
    assert [p.seq for p in verify_chain(tampered)] == [3]
    gap = entries[:2] + entries[3:]
    assert any("gap" in p.problem for p in verify_chain(gap))


def test_stock_levels_and_corrections() -> None:
    assert (level(0), level(2), level(3)) == (Level.OUT, Level.LOW, Level.OK)


def test_as_of_is_local_time_with_the_day_when_old() -> None:
    now = datetime(2026, 11, 22, 1, 42, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert as_of_text(now - timedelta(hours=1), now, tokyo) == "09:42"
    assert as_of_text(now - timedelta(days=2), now, tokyo) == "20 Nov 10:42"
