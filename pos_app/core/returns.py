"""A return at the till, pure: the lines expected, each unit's grade, what comes back to which
tender, and the steps it goes through (docs/returns.md).

Steps: ``grading`` → ``confirm`` (every unit graded; at least one accepted) → ``refunding`` →
``done`` (every tender paid out) or ``queued`` (a card refund waits for the terminal; the cash
and store-credit parts are paid). A wrong item is not taken back: no refund, no stock.
Resellable units go back on the shelf here, damaged ones to the store's quarantine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pos_app.core.messages import sentence

GRADES = ("resellable", "damaged", "wrong_item")
STEPS = ("grading", "confirm", "refunding", "done", "queued")
MOVES = {
    "grading": ("confirm",),
    "confirm": ("grading", "refunding"),
    "refunding": ("done", "queued"),
    "queued": ("done",),
    "done": (),
}


class ReturnRuleError(ValueError):
    """A return rule refused: a code and its parameters; the English sentence is the code's in
    core/messages.py, or `message` where the sentence is given (a line's refusal)."""

    def __init__(self, code: str, message: str | None = None, /, **params: Any) -> None:
        super().__init__(sentence(code, params) if message is None else message)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class ExpectedLine:
    line_id: str
    variant_id: int
    sku: str
    name: str
    quantity: int
    amount: int  # what these units paid
    refusal: str = ""  # why this line cannot be returned ("" = it can)


@dataclass(frozen=True, slots=True)
class Share:
    type: str
    amount: int
    reference: str = ""


@dataclass(frozen=True, slots=True)
class ReturnDraft:
    lines: tuple[ExpectedLine, ...]
    grades: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # line_id -> a grade per unit
    step: str = "grading"

    def _line(self, line_id: str) -> ExpectedLine:
        for ln in self.lines:
            if ln.line_id == line_id:
                return ln
        raise ReturnRuleError("return.no_line", line_id=line_id)

    def grade(self, line_id: str, grades: Sequence[str]) -> ReturnDraft:
        ln = self._line(line_id)
        if self.step not in ("grading", "confirm"):
            raise ReturnRuleError("return.refunding")
        if any(g not in GRADES for g in grades):
            raise ReturnRuleError("return.grade")
        if len(grades) > ln.quantity:
            raise ReturnRuleError("return.too_many", quantity=ln.quantity, sku=ln.sku)
        if ln.refusal and any(g != "wrong_item" for g in grades):
            raise ReturnRuleError("return.refused", ln.refusal)
        new = dict(self.grades)
        new[line_id] = tuple(grades)
        return replace(self, grades=new, step="grading")

    def grade_all(self, grade: str = "resellable") -> ReturnDraft:
        d = self
        for ln in self.lines:
            if not ln.refusal:
                d = d.grade(ln.line_id, [grade] * ln.quantity)
        return d

    def accepted(self) -> list[tuple[ExpectedLine, int, int, int]]:
        """(line, resellable units, damaged units, amount refunded) of each line taken back."""
        out = []
        for ln in self.lines:
            g = self.grades.get(ln.line_id, ())
            good, bad = g.count("resellable"), g.count("damaged")
            units = good + bad
            if units:
                out.append((ln, good, bad, ln.amount * units // ln.quantity if units < ln.quantity else ln.amount))
        return out

    @property
    def total(self) -> int:
        return sum(a for *_x, a in self.accepted())

    def confirm(self) -> ReturnDraft:
        self._move("confirm")
        if not self.accepted():
            raise ReturnRuleError("return.nothing")
        return replace(self, step="confirm")

    def start_refund(self) -> ReturnDraft:
        self._move("refunding")
        return replace(self, step="refunding")

    def finish(self, queued: bool) -> ReturnDraft:
        to = "queued" if queued else "done"
        self._move(to)
        return replace(self, step=to)

    def _move(self, to: str) -> None:
        if to not in MOVES[self.step]:
            raise ReturnRuleError("return.step", step=self.step, to=to)


def refund_plan(
    total: int,
    tenders: Sequence[Share],
    allocate: Callable[[int, Sequence[tuple[str, int, int]]], list[int]],
    *,
    prefer_credit: bool = False,
) -> list[Share]:
    """What goes back to each tender: `tenders` hold the most each may take (as the code or the
    sale says); split as paid by `allocate` (sync.return_code.allocate, passed in so core stays
    free of other packages). A customer who prefers store credit gets it all as store credit."""
    if prefer_credit:
        return [Share("store_credit", total)] if total else []
    room = [(t.type + ":" + t.reference, t.amount, t.amount) for t in tenders]
    try:
        parts = allocate(total, room)
    except ValueError:
        raise ReturnRuleError("return.over_paid") from None
    return [Share(t.type, p, t.reference) for t, p in zip(tenders, parts, strict=True) if p]
