"""The basket document's line reader: the quick path for plain lines reads exactly what the
field-by-field reader reads, and leaves everything else (and every mistake) to it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.pricing import PricingError
from sync.pricing.schema import _plain_line, _read_line, read_basket

# Values of every JSON type, the right ones and the wrong ones, for each field of a line.
ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=6),
    st.sampled_from(["10", "8", "7.5", "19", "NaN", "Infinity", "1e3", "x", ""]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
FIELDS = ["id", "sku", "quantity", "tax_class", "tax_rate", "unit_price", "category", "name", "discount", "extra"]


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), ANY, max_size=len(FIELDS)), st.integers(0, 99))
def test_the_quick_path_reads_what_the_reader_reads(raw: dict[str, Any], i: int) -> None:
    quick = _plain_line(raw, i)
    try:
        slow = _read_line(raw, i)
    except PricingError:
        assert quick is None  # a mistake is always the reader's, with its path and words
        return
    assert quick is None or quick == slow


def test_plain_lines_take_the_quick_path_and_others_do_not() -> None:
    plain = {"id": "1", "sku": "A", "quantity": 2, "tax_class": "reduced", "tax_rate": "8", "name": "Tea"}
    line = _plain_line(plain, 0)
    assert line is not None and line.tax_rate == Decimal(8) and line.quantity == 2 and line.unit_price is None
    assert _plain_line({**plain, "discount": {"kind": "percent", "value": "10"}}, 0) is None
    assert _plain_line({**plain, "quantity": True}, 0) is None  # a bool is not a number here either


def test_a_wrong_line_is_still_worded_with_its_path() -> None:
    doc = {
        "store": {
            "id": "TKY01",
            "currency": "JPY",
            "timezone": "Asia/Tokyo",
            "tax_mode": "included",
            "tax_rounding": "per_rate",
            "tax_rounding_mode": "down",
        },
        "at": "2026-12-02T10:00:00+09:00",
        "lines": [
            {"id": "1", "sku": "A", "quantity": 1, "tax_rate": "10", "unit_price": 100},
            {"id": "2", "sku": "B", "quantity": "2", "tax_rate": "10", "unit_price": 100},
        ],
    }
    with pytest.raises(PricingError) as e:
        read_basket(doc)
    assert e.value.message == "$.lines[1].quantity: expected a whole number (minor units, no decimals)"


def test_a_wrong_price_is_worded_with_its_path() -> None:
    doc = {
        "store": {
            "id": "TKY01",
            "currency": "JPY",
            "timezone": "Asia/Tokyo",
            "tax_mode": "included",
            "tax_rounding": "per_rate",
            "tax_rounding_mode": "down",
        },
        "at": "2026-12-02T10:00:00+09:00",
        "price_lists": [{"id": "base", "kind": "base", "prices": {"A": 100, "B": 1.5}}],
        "lines": [{"id": "1", "sku": "A", "quantity": 1, "tax_rate": "10"}],
    }
    assert read_basket({**doc, "price_lists": [{"id": "base", "kind": "base", "prices": {"A": 100}}]})[0].price_lists[
        0
    ].prices == {"A": 100}
    with pytest.raises(PricingError) as e:
        read_basket(doc)
    assert e.value.message == "$.price_lists[0].prices.B: expected a whole number (minor units, no decimals)"
