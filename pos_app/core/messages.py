"""Sentences of the pure domain's codes (issue 12): English with {params}, like
`pos_app/services/errors.MESSAGES`, which holds these too (the one table the UI words,
`pos_app/ui/messages.py`). Here because core imports nothing of ours above it."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # a scanned code (core/barcode.py)
    "scan.bad_check_digit": "“{code}” is not a valid barcode (wrong check digit). Scan it again or type the number printed under the bars.",
    # the drawer count and cash movements (core/shifts.py)
    "shift.count_denomination": "{label} is not a note or coin of {currency}.",
    "shift.count_number": "Type how many {denomination} pieces there are, as a number.",
    "shift.count_text": "“{typed}” for {denomination} is not a number of pieces; type digits only.",
    "shift.count_negative": "A drawer cannot hold {pieces} pieces of {denomination}; count again.",
    "shift.count_too_many": "{pieces} pieces of {denomination} is more than a drawer holds; count again.",
    "shift.float_movement": "The float is counted when the shift opens.",
    "shift.no_sale_amount": "A no-sale moves no money; record a paid in or out instead.",
    "shift.movement_amount": "Give an amount above 0.",
    "shift.movement_reason": "Choose a reason: {choices}.",
    "shift.note_needed": "Say why in the note when the reason is “other”.",
    "shift.variance_reason": "The count is off by more than the limit: choose a reason ({choices}).",
    # a return (core/returns.py)
    "return.no_line": "Line {line_id} is not part of this return.",
    "return.refunding": "This return is already being refunded.",
    "return.grade": "Grade each item resellable, damaged or wrong item.",
    "return.too_many": "Only {quantity} of {sku} can come back on this return.",
    "return.nothing": "Nothing is taken back: grade at least one item resellable or damaged.",
    "return.step": "A return cannot go from {step} to {to}.",
    "return.over_paid": "This return is more than the sale's tenders can take back.",
}


def sentence(code: str, params: dict[str, Any]) -> str:
    """The English sentence of `code` with its params (the code itself when unknown)."""
    template = MESSAGES.get(code, code)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
