"""sync.address: JP / DE delivery addresses, checked at the till and again on central."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.address import (
    LAENDER,
    PREFECTURES,
    AddressError,
    address_problems,
    label_lines,
    normalise_address,
    normalise_postcode,
    one_line,
    prefecture,
)
from sync.protocol import Address

TOKYO = {"country": "JP", "postcode": "150-0001", "region": "東京都", "city": "渋谷区", "street": "神宮前1-2-3"}
BERLIN = {"country": "DE", "postcode": "10115", "city": "Berlin", "street": "Torstraße 1"}


def test_forty_seven_prefectures_each_found_by_its_names() -> None:
    assert len(PREFECTURES) == 47 and len({ja for ja, _ in PREFECTURES}) == 47
    assert len(LAENDER) == 16
    for ja, romaji in PREFECTURES:
        assert prefecture(ja) == ja
        assert prefecture(romaji.upper()) == ja
    assert prefecture("東京") == "東京都"
    assert prefecture("Tokyo-to") == "東京都"
    assert prefecture("osaka fu") == "大阪府"
    assert prefecture("神奈川") == "神奈川県"
    assert prefecture("北海道") == "北海道"
    assert prefecture("Springfield") is None


@pytest.mark.parametrize(
    "typed",
    [
        "150-0001",
        "〒150-0001",
        "1500001",
        "〒 150 0001",
        "１５０－０００１",
        "〒１５００００１",
        "150ー0001",
        "150−0001",
    ],
)
def test_japanese_postcodes_in_every_usual_spelling(typed: str) -> None:
    assert normalise_postcode("JP", typed) == "150-0001"


@pytest.mark.parametrize("typed", ["15-0001", "150-00011", "ABC-DEFG", "150_0001", "150-00O1"])
def test_a_wrong_japanese_postcode_is_one_sentence_naming_the_field(typed: str) -> None:
    with pytest.raises(AddressError) as e:
        normalise_postcode("JP", typed)
    assert e.value.field == "postcode"
    assert str(e.value).startswith("The postcode ") and "150-0001" in str(e.value)
    assert str(e.value).count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    ("typed", "plz"), [("10115", "10115"), ("D-10115", "10115"), ("01001", "01001"), ("９９９９８", "99998")]
)
def test_german_plz(typed: str, plz: str) -> None:
    assert normalise_postcode("DE", typed) == plz


@pytest.mark.parametrize("typed", ["1011", "101155", "00999", "99999", "00000", "1O115"])
def test_a_wrong_german_plz(typed: str) -> None:
    with pytest.raises(AddressError, match=r"^The postcode .* is not a German PLZ"):
        normalise_postcode("DE", typed)


def test_whole_address_normalised() -> None:
    out = normalise_address(
        {
            "country": "jp",
            "postcode": "〒１５０－０００１",
            "region": "tokyo",
            "city": " 渋谷区 ",
            "street": "神宮前１－２－３",
        }
    )
    assert out == {**TOKYO, "building": "", "recipient": ""}
    assert Address(**out).postcode == "150-0001"  # the normal form is a valid wire address
    de = normalise_address({**BERLIN, "region": "bavaria"})
    assert de["region"] == "Bayern"
    assert normalise_address(BERLIN)["region"] == ""  # optional in Germany


def test_every_problem_is_one_sentence_naming_its_field() -> None:
    _, problems = address_problems({"country": "JP", "postcode": "", "region": "", "city": "", "street": ""})
    assert [p.field for p in problems] == ["postcode", "region", "city", "street"]
    assert "prefecture is missing" in problems[1].sentence
    _, problems = address_problems(
        {"country": "JP", "postcode": "150-0001", "region": "Kansai", "city": "x", "street": "y"}
    )
    assert [(p.field, p.sentence) for p in problems] == [
        ("region", "The prefecture 'Kansai' is not one of Japan's 47 prefectures.")
    ]
    _, problems = address_problems({**BERLIN, "street": "Torstraße"})
    assert problems[0].field == "street" and "house number" in problems[0].sentence
    for sentence in (p.sentence for p in problems):
        assert sentence.endswith(".") and sentence[0].isupper()


@pytest.mark.parametrize("country", ["US", "FR", "", "XX"])
def test_other_countries_are_refused_with_a_sentence(country: str) -> None:
    with pytest.raises(AddressError) as e:
        normalise_address({**BERLIN, "country": country})
    assert e.value.field == "country"
    assert "JP (Japan) or DE (Germany)" in str(e.value)


def test_one_line_and_label() -> None:
    jp = normalise_address({**TOKYO, "building": "ＡＢＣビル５Ｆ"})
    assert one_line(jp) == "〒150-0001 東京都渋谷区神宮前1-2-3 ABCビル5F"
    assert label_lines(jp, "山田 花子", "ja") == ["〒150-0001", "東京都渋谷区神宮前1-2-3", "ABCビル5F", "山田 花子 様"]
    de = normalise_address(BERLIN)
    assert one_line(de) == "Torstraße 1, 10115 Berlin"
    assert label_lines(de, "Max Muster", "de") == ["Max Muster", "Torstraße 1", "10115 Berlin", "Deutschland"]


digits = st.text(alphabet="0123456789", min_size=7, max_size=7)
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@given(digits, st.sampled_from(["{a}-{b}", "〒{a}-{b}", "{a}{b}", "〒{a}{b}", "{a} {b}"]), st.booleans())
def test_any_seven_digit_japanese_postcode_normalises_to_nnn_nnnn(d: str, form: str, wide: bool) -> None:
    typed = form.format(a=d[:3], b=d[3:])
    if wide:
        typed = typed.translate(FULL_WIDTH)
    assert normalise_postcode("JP", typed) == f"{d[:3]}-{d[3:]}"


@given(st.integers(min_value=0, max_value=99999))
def test_german_plz_range(n: int) -> None:
    typed = f"{n:05d}"
    if 1001 <= n <= 99998:
        assert normalise_postcode("DE", typed) == typed
    else:
        with pytest.raises(AddressError):
            normalise_postcode("DE", typed)


@given(
    st.dictionaries(
        st.sampled_from(["country", "postcode", "region", "city", "street", "building"]), st.text(max_size=30)
    )
)
def test_never_raises_anything_but_a_sentence_and_normalising_is_idempotent(raw: dict[str, str]) -> None:
    out, problems = address_problems(raw)
    assert all(p.sentence.endswith(".") for p in problems)
    if not problems:
        assert normalise_address(out) == out
