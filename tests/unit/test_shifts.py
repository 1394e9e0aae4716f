"""The shift domain (pos_app/core/shifts.py): counts by denomination with their bad input,
cash movements and their reasons, expected cash, variances and the limit, the card batch
against the shift's card sales, and the report's lines."""

from __future__ import annotations

import pytest

from pos_app.core.shifts import (
    DRAWER_DENOMINATIONS,
    CashFigures,
    Movement,
    ShiftError,
    Variance,
    cash_figures,
    check_movement,
    check_variance_reason,
    default_variance_limit,
    denomination_text,
    denominations,
    parse_count,
    reconcile_cards,
)


def test_a_count_is_pieces_per_note_and_coin_of_the_currency() -> None:
    c = parse_count("JPY", {"10000": "3", 1000: 5, "500": " 2 ", "1": ""})
    assert c.total == 30000 + 5000 + 1000
    assert [d for d, _ in c.pieces] == list(DRAWER_DENOMINATIONS["JPY"])  # every denomination, zeros kept
    assert dict(c.pieces)[1] == 0 and c.as_dict()["10000"] == 3
    eur = parse_count("EUR", {"5": "4", "2000": "10"})  # 4 x 5 cent, 10 x 20 euro
    assert eur.total == 20 + 20000
    assert parse_count("JPY", {"1": "1,200"}).total == 1200  # a thousands separator as typed


@pytest.mark.parametrize(
    ("entries", "code", "words"),
    [
        ({"1000": "three"}, "shift.count_text", "“three” for 1000 is not a number"),
        ({"1000": "2.5"}, "shift.count_text", "not a number"),
        ({"1000": "１２"}, "shift.count_text", "not a number"),  # full-width digits are refused, not guessed
        ({"1000": True}, "shift.count_number", "as a number"),
        ({"1000": "-1"}, "shift.count_negative", "cannot hold -1 pieces of 1000"),
        ({"1000": -4}, "shift.count_negative", "-4"),
        ({"1000": 100000}, "shift.count_too_many", "more than a drawer holds"),
        ({"3000": 1}, "shift.count_denomination", "3000 is not a note or coin of JPY"),
        ({"ten": 1}, "shift.count_denomination", "'ten' is not a note or coin"),
    ],
)
def test_bad_counts_are_refused_with_one_sentence(entries: dict[object, object], code: str, words: str) -> None:
    with pytest.raises(ShiftError) as e:
        parse_count("JPY", entries)
    assert e.value.code == code and words in e.value.message


def test_denominations_print_as_on_the_note() -> None:
    assert denomination_text(50, "EUR") == "0.50" and denomination_text(10000, "JPY") == "10000"
    assert denomination_text(250, "KWD") == "0.250"
    assert denominations("NOK")[0] == 100  # not listed: 1, 2, 5 … of the major unit


def test_expected_cash_is_float_plus_cash_less_change_plus_in_less_out_and_drops() -> None:
    f = cash_figures(
        30000,
        [(5000, 720), (10000, 1200)],
        [("paid_in", 2000), ("paid_out", 1500), ("drop", 10000), ("no_sale", 0), ("paid_out", 500)],
    )
    assert f == CashFigures(30000, 15000, 1920, 2000, 2000, 10000)
    assert f.expected == 30000 + 15000 - 1920 + 2000 - 2000 - 10000
    assert f.as_dict()["expected"] == f.expected


def test_movements_need_an_amount_and_a_reason_of_their_kind() -> None:
    check_movement(Movement.PAID_OUT, 500, "supplies")
    check_movement(Movement.NO_SALE, 0, "give_change")
    check_movement(Movement.PAID_IN, 100, "other", "float from the office")
    for kind, amount, reason, note, code in [
        (Movement.PAID_OUT, 0, "supplies", "", "shift.movement_amount"),
        (Movement.PAID_OUT, -5, "supplies", "", "shift.movement_amount"),
        (Movement.PAID_IN, 100, "supplies", "", "shift.movement_reason"),  # a paid-out reason
        (Movement.NO_SALE, 0, "", "", "shift.movement_reason"),  # a no-sale needs a reason
        (Movement.NO_SALE, 100, "give_change", "", "shift.no_sale_amount"),
        (Movement.PAID_OUT, 100, "other", "  ", "shift.note_needed"),
        (Movement.FLOAT, 100, "float", "", "shift.float_movement"),
    ]:
        with pytest.raises(ShiftError) as e:
            check_movement(kind, amount, reason, note)
        assert e.value.code == code, (kind, reason)


def test_a_variance_beyond_the_limit_needs_a_reason_and_a_manager() -> None:
    limit = default_variance_limit("JPY")
    assert limit == 1000 and default_variance_limit("EUR") == 1000 and default_variance_limit("KWD") == 10000
    small = [Variance("cash", 40000, 39500)]
    assert small[0].difference == -500
    assert check_variance_reason(small, limit, None) is False  # within the limit: nothing needed
    big = [Variance("cash", 40000, 41001)]
    with pytest.raises(ShiftError) as e:
        check_variance_reason(big, limit, None)
    assert e.value.code == "shift.variance_reason"
    with pytest.raises(ShiftError):
        check_variance_reason(big, limit, "other")  # "other" needs a note
    assert check_variance_reason(big, limit, "miscount") is True
    assert check_variance_reason([Variance("cash", 40000, 39000)], limit, None) is False  # exactly the limit


def test_card_batch_differences_are_listed_per_transaction() -> None:
    sales = [("TX1", "S-1", 1000), ("TX2", "S-2", 2500), ("TX9", "S-3", 700)]
    approved = {"TX1": 1000, "TX2": 2000, "TX5": 800, "TX6": 0}  # TX6 approved and reversed in full
    rec = reconcile_cards(sales, approved, (4, 3800))
    assert (rec.till_count, rec.till_total, rec.terminal_count, rec.terminal_total) == (3, 4200, 4, 3800)
    assert not rec.matches
    assert [(d.reference, d.problem, d.till_amount, d.terminal_amount) for d in rec.differences] == [
        ("TX2", "amount", 2500, 2000),
        ("TX5", "no_sale", 0, 800),
        ("TX9", "not_on_terminal", 700, 0),
    ]
    ok = reconcile_cards([("TX1", "S-1", 1000)], {"TX1": 1000}, (1, 1000))
    assert ok.matches and ok.as_dict()["differences"] == []
    none = reconcile_cards([], {}, None)
    assert none.terminal_total is None and not none.matches  # no batch from the terminal: not "matching"


def test_the_report_words_have_every_key_and_placeholder_in_every_language() -> None:
    import string

    from pos_app.core.report_words import REPORT_WORDS, words

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    en = REPORT_WORDS["en"]
    for lang in ("ja", "de"):
        assert REPORT_WORDS[lang].keys() == en.keys(), lang
        for key, text in REPORT_WORDS[lang].items():
            assert text and fields(text) == fields(en[key]), (lang, key)
    assert words("fr") == en  # a language without words: English
    from sync.receipts.layout import LABELS

    assert {"test_page", "test_ruler"} <= LABELS["en"].keys() & LABELS["ja"].keys() & LABELS["de"].keys()
