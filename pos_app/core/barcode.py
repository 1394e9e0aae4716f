"""Classify what a scanner or a person typed: a GTIN with a valid check digit, a GTIN-shaped
number with a wrong check digit, or free text. python-stdnum does the GS1 arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from stdnum import ean

from pos_app.core.messages import sentence

GTIN_LENGTHS = (8, 12, 13, 14)


class CodeKind(Enum):
    GTIN = "gtin"
    BAD_CHECK_DIGIT = "bad_check_digit"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class ScannedCode:
    raw: str
    kind: CodeKind
    gtin13: str | None = None  # normalised to 13 digits where possible (UPC-A gets a leading 0)

    @property
    def message(self) -> str:
        if self.kind is CodeKind.BAD_CHECK_DIGIT:
            return sentence("scan.bad_check_digit", {"code": self.raw})
        return ""


def classify(text: str) -> ScannedCode:
    raw = text.strip()
    compact = raw.replace(" ", "").replace("-", "")
    if compact.isdigit() and len(compact) in GTIN_LENGTHS:
        if ean.is_valid(compact):
            gtin13 = compact.zfill(13)[-13:] if len(compact) <= 13 else compact[1:]
            return ScannedCode(raw, CodeKind.GTIN, gtin13)
        return ScannedCode(raw, CodeKind.BAD_CHECK_DIGIT)
    return ScannedCode(raw, CodeKind.TEXT)


def make_ean13(first12: str) -> str:
    """Complete 12 digits into an EAN-13 with its check digit."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError("EAN-13 needs 12 digits before the check digit")
    return first12 + str(ean.calc_check_digit(first12))
