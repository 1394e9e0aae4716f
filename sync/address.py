"""Delivery addresses for Japan and Germany: validation and normalisation shared by both ends.

The tablet checks an address as it is typed (each problem is one sentence naming its field, so
the screen can put it under that field); central checks the address of every `order.create`
again with the same code and refuses the op with the first sentence.

Normalised form (what travels and what central stores):
- every text field NFKC-normalised (full-width digits and Latin letters become ASCII, half-width
  kana full-width), trimmed, runs of spaces made one space;
- JP: postcode `NNN-NNNN` (typed as `〒NNN-NNNN`, `NNNNNNN`, full-width, with any dash), region
  one of the 47 prefectures by its Japanese name with its suffix ("東京都"; "東京", "Tokyo" and
  "tokyo-to" are accepted and written so);
- DE: PLZ of five digits 01001–99998 (a leading "D-" is dropped), region optional, one of the 16
  Länder by its German name when given ("Bayern"; "bavaria" accepted).

Pure standard library: sync imports neither end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

COUNTRIES = ("JP", "DE")
FIELDS = ("country", "postcode", "region", "city", "street", "building", "recipient")
MAX_LENGTH = {"country": 2, "postcode": 16, "region": 40, "city": 100, "street": 200, "building": 200, "recipient": 200}

# The 47 prefectures in JIS X 0401 order: (Japanese name, romaji without suffix).
PREFECTURES: tuple[tuple[str, str], ...] = (
    ("北海道", "hokkaido"),
    ("青森県", "aomori"),
    ("岩手県", "iwate"),
    ("宮城県", "miyagi"),
    ("秋田県", "akita"),
    ("山形県", "yamagata"),
    ("福島県", "fukushima"),
    ("茨城県", "ibaraki"),
    ("栃木県", "tochigi"),
    ("群馬県", "gunma"),
    ("埼玉県", "saitama"),
    ("千葉県", "chiba"),
    ("東京都", "tokyo"),
    ("神奈川県", "kanagawa"),
    ("新潟県", "niigata"),
    ("富山県", "toyama"),
    ("石川県", "ishikawa"),
    ("福井県", "fukui"),
    ("山梨県", "yamanashi"),
    ("長野県", "nagano"),
    ("岐阜県", "gifu"),
    ("静岡県", "shizuoka"),
    ("愛知県", "aichi"),
    ("三重県", "mie"),
    ("滋賀県", "shiga"),
    ("京都府", "kyoto"),
    ("大阪府", "osaka"),
    ("兵庫県", "hyogo"),
    ("奈良県", "nara"),
    ("和歌山県", "wakayama"),
    ("鳥取県", "tottori"),
    ("島根県", "shimane"),
    ("岡山県", "okayama"),
    ("広島県", "hiroshima"),
    ("山口県", "yamaguchi"),
    ("徳島県", "tokushima"),
    ("香川県", "kagawa"),
    ("愛媛県", "ehime"),
    ("高知県", "kochi"),
    ("福岡県", "fukuoka"),
    ("佐賀県", "saga"),
    ("長崎県", "nagasaki"),
    ("熊本県", "kumamoto"),
    ("大分県", "oita"),
    ("宮崎県", "miyazaki"),
    ("鹿児島県", "kagoshima"),
    ("沖縄県", "okinawa"),
)

# The 16 Länder: (German name, English name where it differs).
LAENDER: tuple[tuple[str, str], ...] = (
    ("Baden-Württemberg", ""),
    ("Bayern", "Bavaria"),
    ("Berlin", ""),
    ("Brandenburg", ""),
    ("Bremen", ""),
    ("Hamburg", ""),
    ("Hessen", "Hesse"),
    ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    ("Niedersachsen", "Lower Saxony"),
    ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    ("Saarland", ""),
    ("Sachsen", "Saxony"),
    ("Sachsen-Anhalt", "Saxony-Anhalt"),
    ("Schleswig-Holstein", ""),
    ("Thüringen", "Thuringia"),
)

COUNTRY_NAMES = {
    "JP": {"en": "Japan", "ja": "日本", "de": "Japan"},
    "DE": {"en": "Germany", "ja": "ドイツ", "de": "Deutschland"},
}


def _key(text: str) -> str:
    return re.sub(r"[\s_.-]+", "", text).casefold()


_PREF_BY_KEY: dict[str, str] = {}
for _ja, _romaji in PREFECTURES:
    _PREF_BY_KEY[_key(_ja)] = _ja
    _PREF_BY_KEY[_key(_romaji)] = _ja
    _PREF_BY_KEY[_key(_ja[:-1] if _ja != "北海道" else _ja)] = _ja  # 東京, 大阪, 神奈川 …
    _suffix = {"都": "to", "道": "", "府": "fu", "県": "ken"}[_ja[-1]]
    if _suffix:
        _PREF_BY_KEY[_key(_romaji + _suffix)] = _ja  # tokyo-to, osaka-fu, chiba-ken
_LAND_BY_KEY: dict[str, str] = {}
for _de, _en in LAENDER:
    _LAND_BY_KEY[_key(_de)] = _de
    _LAND_BY_KEY[_key(_de.replace("ü", "ue"))] = _de
    if _en:
        _LAND_BY_KEY[_key(_en)] = _de

# Dashes people (and IMEs) type between the two parts of a Japanese postcode.
_DASHES = "-‐‑‒–—―−ー－"
_JP_POSTCODE = re.compile(r"^〒?\s*([0-9]{3})\s*[" + _DASHES + r"]?\s*([0-9]{4})$")
_DE_POSTCODE = re.compile(r"^(?:D\s*-?\s*)?([0-9]{5})$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    field: str
    sentence: str


class AddressError(ValueError):
    """An address that cannot be used; `problems` has every field's sentence, str() the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].sentence)
        self.problems = problems

    @property
    def field(self) -> str:
        return self.problems[0].field


def clean_text(value: object) -> str:
    """NFKC, trimmed, one space between words; controls dropped."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return re.sub(r"\s+", " ", text).strip()


def normalise_postcode(country: str, raw: str) -> str:
    """The postcode in its country's normal form; raises AddressError (field "postcode")."""
    text = clean_text(raw)
    if country == "JP":
        m = _JP_POSTCODE.match(text)
        if not text:
            raise AddressError(
                [Problem("postcode", "The postcode is missing: a Japanese postcode looks like 150-0001.")]
            )
        if not m:
            raise AddressError(
                [
                    Problem(
                        "postcode",
                        f"The postcode {text[:20]!r} is not a Japanese postcode: it has 7 digits, like 150-0001.",
                    )
                ]
            )
        return f"{m.group(1)}-{m.group(2)}"
    if country == "DE":
        m = _DE_POSTCODE.match(text)
        if not text:
            raise AddressError(
                [Problem("postcode", "The postcode (PLZ) is missing: a German PLZ has 5 digits, like 10115.")]
            )
        if not m or not 1001 <= int(m.group(1)) <= 99998:
            raise AddressError(
                [
                    Problem(
                        "postcode", f"The postcode {text[:20]!r} is not a German PLZ: it has 5 digits, 01001 to 99998."
                    )
                ]
            )
        return m.group(1)
    raise AddressError([Problem("country", _country_sentence(country))])


def _country_sentence(country: str) -> str:
    return f"The country {country[:10]!r} is not one we deliver to: give JP (Japan) or DE (Germany)."


def prefecture(raw: str) -> str | None:
    """The prefecture's Japanese name with its suffix, or None when `raw` names none of the 47."""
    return _PREF_BY_KEY.get(_key(clean_text(raw)))


def land(raw: str) -> str | None:
    """The Land's German name, or None when `raw` names none of the 16."""
    return _LAND_BY_KEY.get(_key(clean_text(raw)))


def address_problems(address: Mapping[str, object]) -> tuple[dict[str, str], list[Problem]]:
    """The normalised address (every key of FIELDS, "" when absent) and its problems, in field
    order, each one sentence naming its field. No problems: the address can be used."""
    out = {f: clean_text(address.get(f, "")) for f in FIELDS}
    problems: list[Problem] = []
    country = out["country"].upper()
    out["country"] = country
    if country not in COUNTRIES:
        problems.append(
            Problem(
                "country",
                _country_sentence(country) if country else "The country is missing: give JP (Japan) or DE (Germany).",
            )
        )
        return out, problems
    try:
        out["postcode"] = normalise_postcode(country, out["postcode"])
    except AddressError as e:
        problems.extend(e.problems)
    region = out["region"]
    if country == "JP":
        if not region:
            problems.append(Problem("region", "The prefecture is missing: a Japanese address needs one, like 東京都."))
        elif (pref := prefecture(region)) is None:
            problems.append(Problem("region", f"The prefecture {region[:20]!r} is not one of Japan's 47 prefectures."))
        else:
            out["region"] = pref
    elif region:
        if (name := land(region)) is None:
            problems.append(
                Problem("region", f"The state {region[:30]!r} is not one of Germany's 16 Länder (or leave it empty).")
            )
        else:
            out["region"] = name
    city_word = "city or ward (市区町村)" if country == "JP" else "city (Ort)"
    if not out["city"]:
        problems.append(Problem("city", f"The {city_word} is missing."))
    if not out["street"]:
        what = "street and block number (町名・番地)" if country == "JP" else "street and house number"
        problems.append(Problem("street", f"The {what} is missing."))
    elif (
        country == "DE"
        and not re.search(r"[0-9]", out["street"])
        and not re.search(r"(?i)postfach|packstation", out["street"])
    ):
        problems.append(Problem("street", "The street has no house number: write it like Torstraße 1."))
    for f in FIELDS:
        if len(out[f]) > MAX_LENGTH[f]:
            problems.append(Problem(f, f"The {f} is too long: at most {MAX_LENGTH[f]} characters."))
    return out, problems


def normalise_address(address: Mapping[str, object]) -> dict[str, str]:
    """The address in normal form, or AddressError with every problem (str(): the first)."""
    out, problems = address_problems(address)
    if problems:
        raise AddressError(problems)
    return out


def one_line(address: Mapping[str, str]) -> str:
    """A short one-line form for lists: "〒150-0001 東京都渋谷区神南1-2-3 ABCビル5F" or
    "Torstraße 1, 10115 Berlin"."""
    if address.get("country") == "JP":
        head = f"〒{address.get('postcode', '')} {address.get('region', '')}{address.get('city', '')}{address.get('street', '')}"
        return f"{head} {address['building']}" if address.get("building") else head
    parts = [address.get("street", "")]
    if address.get("building"):
        parts.append(address["building"])
    parts.append(f"{address.get('postcode', '')} {address.get('city', '')}")
    return ", ".join(p for p in parts if p.strip())


def label_lines(address: Mapping[str, str], recipient: str, language: str = "en") -> list[str]:
    """The address as written on a parcel (and in the confirmation mail), in the country's order."""
    name = address.get("recipient") or recipient
    country = address.get("country", "")
    if country == "JP":
        lines = [
            f"〒{address.get('postcode', '')}",
            f"{address.get('region', '')}{address.get('city', '')}{address.get('street', '')}",
        ]
        if address.get("building"):
            lines.append(address["building"])
        lines.append(f"{name} 様" if language == "ja" else name)
        if language != "ja":
            lines.append(COUNTRY_NAMES["JP"].get(language, "Japan"))
        return lines
    lines = [name, address.get("street", "")]
    if address.get("building"):
        lines.append(address["building"])
    lines.append(f"{address.get('postcode', '')} {address.get('city', '')}")
    lines.append(COUNTRY_NAMES.get(country, {}).get(language, country))
    return lines
