"""Shifts: the drawer's float, its cash movements, the count, the variance and the reports.

Pure domain (docs/shifts.md): amounts are int minor units of one currency, counts are pieces per
denomination. Nothing here reads a database; the service (`pos_app/services/shifts.py`) feeds it
rows and keeps what it returns.

- A count is pieces per denomination of the currency's notes AND coins (`DRAWER_DENOMINATIONS`,
  which is not `sync.pricing.DENOMINATIONS`: those are the notes a customer hands over, for the
  quick-amount buttons). Typed text, a negative number or a denomination the currency does not
  have is refused with one sentence naming the denomination; nothing is half-kept.
- Expected cash = float + cash taken − change given + paid in − paid out − safe drops.
- Variance per tender = counted − expected (positive: over, negative: short). Above the
  variance limit (either way) it needs a reason code and a manager's PIN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pos_app.core.messages import sentence
from pos_app.core.money import exponent
from pos_app.core.report_words import words

# Notes and coins in circulation, in minor units, smallest first.
DRAWER_DENOMINATIONS: dict[str, tuple[int, ...]] = {
    "JPY": (1, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000),
    "EUR": (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000),
    "USD": (1, 5, 10, 25, 100, 200, 500, 1000, 2000, 5000, 10000),
    "GBP": (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000),
    "CHF": (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 100000),
    "SEK": (100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000),
    "KWD": (5, 10, 20, 50, 100, 250, 500, 1000, 5000, 10000, 20000),
    "BHD": (5, 10, 25, 50, 100, 500, 1000, 5000, 10000, 20000),
}
MAX_PIECES = 99_999  # per denomination: more is a typing slip


class ShiftError(ValueError):
    """Bad input or a step out of order: a code and its parameters; the English sentence is
    the code's in core/messages.py (the UI words it in the person's language)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        message = sentence(code, params)
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def denominations(currency: str) -> tuple[int, ...]:
    """The currency's notes and coins; an unlisted currency gets 1, 2, 5 … of its major unit."""
    if currency in DRAWER_DENOMINATIONS:
        return DRAWER_DENOMINATIONS[currency]
    major = 10 ** exponent(currency)
    return tuple(major * d for d in (1, 2, 5, 10, 20, 50, 100))


def denomination_text(denomination: int, currency: str) -> str:
    """A denomination as printed on it, without the currency: 10000 JPY "10000", 50 EUR "0.50"."""
    exp = exponent(currency)
    if exp == 0:
        return str(denomination)
    whole, part = divmod(denomination, 10**exp)
    return f"{whole}.{part:0{exp}d}"


@dataclass(frozen=True, slots=True)
class DrawerCount:
    currency: str
    pieces: tuple[tuple[int, int], ...]  # (denomination, pieces), smallest first, zeros kept

    @property
    def total(self) -> int:
        return sum(d * n for d, n in self.pieces)

    def as_dict(self) -> dict[str, int]:
        return {str(d): n for d, n in self.pieces}


def parse_count(currency: str, entries: Mapping[Any, Any]) -> DrawerCount:
    """Pieces per denomination as typed (text or ints; blank is 0) -> a DrawerCount. Keys are
    denominations in minor units (int or digits). Refuses text, fractions, negatives, absurd
    numbers and denominations the currency does not have, naming the first bad one."""
    allowed = denominations(currency)
    counted: dict[int, int] = {}
    for key, value in entries.items():
        try:
            denom = int(str(key).strip())
        except ValueError:
            raise ShiftError(
                "shift.count_denomination", label=repr(key), currency=currency, denomination=str(key)
            ) from None
        if denom not in allowed:
            raise ShiftError(
                "shift.count_denomination",
                label=denomination_text(denom, currency),
                currency=currency,
                denomination=str(denom),
            )
        label = denomination_text(denom, currency)
        if isinstance(value, bool):
            raise ShiftError("shift.count_number", denomination=label)
        if isinstance(value, int):
            n = value
        else:
            text = str(value).strip().replace(",", "").replace("_", "")
            if text == "":
                n = 0
            elif text.lstrip("-").isdigit() and text.isascii():
                n = int(text)
            else:
                raise ShiftError("shift.count_text", denomination=label, typed=str(value))
        if n < 0:
            raise ShiftError("shift.count_negative", denomination=label, pieces=n)
        if n > MAX_PIECES:
            raise ShiftError("shift.count_too_many", denomination=label, pieces=n)
        counted[denom] = counted.get(denom, 0) + n
    return DrawerCount(currency, tuple((d, counted.get(d, 0)) for d in allowed))


class Movement(StrEnum):
    """What moves cash in or out of the drawer outside a sale."""

    FLOAT = "float"  # the counted float the shift opened with
    PAID_IN = "paid_in"
    PAID_OUT = "paid_out"
    DROP = "drop"  # a safe drop: cash taken to the safe mid-shift
    NO_SALE = "no_sale"  # the drawer opened without a sale (amount 0)


# Reason codes per movement; "other" needs a note.
REASONS: dict[Movement, tuple[str, ...]] = {
    Movement.PAID_IN: ("change_top_up", "float_top_up", "customer_payment", "other"),
    Movement.PAID_OUT: ("supplies", "delivery", "refund_no_receipt", "petty_cash", "other"),
    Movement.DROP: ("safe_drop",),
    Movement.NO_SALE: ("give_change", "check_drawer", "supervisor_check", "other"),
}
VARIANCE_REASONS = ("miscount", "wrong_change", "unrecorded_payment", "suspected_theft", "other")


def check_movement(kind: Movement, amount: int, reason: str, note: str = "") -> None:
    """A paid in / out or drop needs an amount above 0; a no-sale has none; every one needs a
    reason of its kind ("other" with a note)."""
    if kind is Movement.FLOAT:
        raise ShiftError("shift.float_movement")
    if kind is Movement.NO_SALE:
        if amount != 0:
            raise ShiftError("shift.no_sale_amount")
    elif isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ShiftError("shift.movement_amount")
    if reason not in REASONS[kind]:
        raise ShiftError("shift.movement_reason", choices=", ".join(REASONS[kind]), reasons=list(REASONS[kind]))
    if reason == "other" and not note.strip():
        raise ShiftError("shift.note_needed")


@dataclass(frozen=True, slots=True)
class CashFigures:
    float: int = 0
    cash_taken: int = 0  # cash tendered in sales
    change: int = 0  # change given back
    paid_in: int = 0
    paid_out: int = 0
    drops: int = 0

    @property
    def expected(self) -> int:
        return self.float + self.cash_taken - self.change + self.paid_in - self.paid_out - self.drops

    def as_dict(self) -> dict[str, int]:
        return {
            "float": self.float,
            "cash_taken": self.cash_taken,
            "change": self.change,
            "paid_in": self.paid_in,
            "paid_out": self.paid_out,
            "drops": self.drops,
            "expected": self.expected,
        }


def cash_figures(
    float_total: int, cash_rows: Iterable[tuple[int, int]], movements: Iterable[tuple[str, int]]
) -> CashFigures:
    """From the cash tenders (amount, change) and the movements (kind, amount)."""
    taken = change = 0
    for a, c in cash_rows:
        taken += a
        change += c
    sums = {k.value: 0 for k in Movement}
    for kind, amount in movements:
        sums[kind] = sums.get(kind, 0) + amount
    return CashFigures(float_total, taken, change, sums["paid_in"], sums["paid_out"], sums["drop"])


def default_variance_limit(currency: str) -> int:
    """10 major units (JPY 1,000: yen have no minor unit worth the name)."""
    return 1000 if currency == "JPY" else 10 * 10 ** exponent(currency)


@dataclass(frozen=True, slots=True)
class Variance:
    tender: str
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected

    def as_dict(self) -> dict[str, Any]:
        return {
            "tender": self.tender,
            "expected": self.expected,
            "counted": self.counted,
            "difference": self.difference,
        }


def over_limit(variances: Sequence[Variance], limit: int) -> list[Variance]:
    """The variances beyond the limit (either way): these need a reason and a manager."""
    return [v for v in variances if abs(v.difference) > limit]


def check_variance_reason(variances: Sequence[Variance], limit: int, reason: str | None, note: str = "") -> bool:
    """Whether the close needs a manager's PIN: a variance beyond the limit needs a reason code
    (refused without one) and the PIN. Within the limit nothing is needed."""
    if not over_limit(variances, limit):
        return False
    if reason not in VARIANCE_REASONS:
        raise ShiftError(
            "shift.variance_reason", choices=", ".join(VARIANCE_REASONS), reasons=list(VARIANCE_REASONS)
        )
    if reason == "other" and not note.strip():
        raise ShiftError("shift.note_needed")
    return True


# --- the card batch against the shift's card sales -------------------------------------------


@dataclass(frozen=True, slots=True)
class CardDifference:
    reference: str  # the terminal's transaction id (or approval:CODE / the ServiceID)
    receipt_no: str | None
    till_amount: int  # what the shift's sales took on it
    terminal_amount: int  # what the terminal approved on it (less refunds)
    problem: str  # no_sale | not_on_terminal | amount

    def as_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "receipt_no": self.receipt_no,
            "till": self.till_amount,
            "terminal": self.terminal_amount,
            "problem": self.problem,
        }


@dataclass(frozen=True, slots=True)
class CardReconciliation:
    till_count: int
    till_total: int
    terminal_count: int | None  # None: no end-of-day totals from the terminal for this shift
    terminal_total: int | None
    differences: tuple[CardDifference, ...] = field(default_factory=tuple)

    @property
    def matches(self) -> bool:
        return self.terminal_total == self.till_total and not self.differences

    def as_dict(self) -> dict[str, Any]:
        return {
            "till_count": self.till_count,
            "till_total": self.till_total,
            "terminal_count": self.terminal_count,
            "terminal_total": self.terminal_total,
            "matches": self.matches,
            "differences": [d.as_dict() for d in self.differences],
        }


def reconcile_cards(
    sale_cards: Iterable[tuple[str, str, int]],
    approved: Mapping[str, int],
    terminal: tuple[int, int] | None,
) -> CardReconciliation:
    """`sale_cards`: (reference, receipt_no, amount) of the shift's card tenders; `approved`:
    reference -> amount the terminal approved (less refunds) during the shift, per the till's
    payment records; `terminal`: (count, net total) of the terminal's end-of-day batch. Each
    reference on one side only, or with another amount, is a listed difference."""
    till: dict[str, tuple[str, int]] = {}
    count = total = 0
    for ref, receipt_no, amount in sale_cards:
        count += 1
        total += amount
        prev = till.get(ref)
        till[ref] = (receipt_no, amount + (prev[1] if prev else 0))
    diffs: list[CardDifference] = []
    for ref in sorted(set(till) | set(approved)):
        rno: str | None
        rno, mine = till.get(ref, ("", 0))
        theirs = approved.get(ref, 0)
        if ref not in till and theirs == 0:
            continue  # approved and given back in full (a voided basket): nets to nothing
        if ref not in till:
            diffs.append(CardDifference(ref, None, 0, theirs, "no_sale"))
        elif ref not in approved:
            diffs.append(CardDifference(ref, rno, mine, 0, "not_on_terminal"))
        elif mine != theirs:
            diffs.append(CardDifference(ref, rno, mine, theirs, "amount"))
    return CardReconciliation(
        count, total, None if terminal is None else terminal[0], None if terminal is None else terminal[1], tuple(diffs)
    )


# --- the report's printable lines -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a printed report: a heading (`right` empty, bold), a pair, or a rule."""

    left: str = ""
    right: str = ""
    kind: str = "pair"  # title | heading | pair | rule


def report_lines(
    report: Mapping[str, Any],
    money: Any,
    language: str = "en",
    when: Callable[[Any, str], str] | None = None,
) -> list[Line]:
    """The X or Z report (the dict the service builds) as lines in `language` (ja / de / en,
    `pos_app.core.report_words`); `money(minor) -> str`; `when(iso, fallback) -> str` words a
    time (the service: babel in the store's locale), else the report's own `*_local` text."""
    w = words(language)
    out: list[Line] = []
    kind = report["kind"]

    def word(code: Any) -> str:
        return w.get(str(code), str(code))

    def at(key: str) -> str:
        fallback = str(report.get(f"{key}_local") or "")
        return when(report.get(key), fallback) if when is not None else fallback

    title = w["z_title"].format(number=report["number"]) if kind == "Z" else w["x_title"]
    out += [Line(report.get("store_name", ""), kind="title"), Line(title, kind="title"), Line(kind="rule")]
    out += [
        Line(w["till"], report["till"]),
        Line(w["opened"], at("opened_at")),
        Line(w["closed"] if kind == "Z" else w["taken"], at("at")),
        Line(w["receipts"], str(report["receipts"])),
        Line(kind="rule"),
    ]

    def section(name: str, rows: Sequence[Mapping[str, Any]], label: str, coded: bool = False) -> None:
        out.append(Line(w[name], kind="heading"))
        if not rows:
            out.append(Line(w["none"], money(0)))
        for r in rows:
            count = f" ({r['count']})" if "count" in r else ""
            out.append(Line(f"{word(r[label]) if coded else r[label]}{count}", money(int(r["total"]))))

    section("by_tender", report["tenders"], "tender", coded=True)
    out.append(Line(w["sales_total"], money(report["sales_total"])))
    out.append(Line(w["tax_by_rate"], kind="heading"))
    for r in report["tax_rates"]:
        out.append(Line(w["tax_row"].format(rate=r["rate"], net=money(int(r["net"]))), money(int(r["tax"]))))
    section("by_category", report["categories"], "category")
    section("by_staff", report["staff"], "name")
    section("returns", report["returns"], "tender", coded=True)
    out.append(Line(w["discounts_heading"], kind="heading"))
    out.append(Line(w["promotions"], money(report["discounts"]["promotions"])))
    out.append(Line(w["manual_discounts"], money(report["discounts"]["manual"])))
    out.append(Line(w["voids"], kind="heading"))
    out.append(Line(w["voided_baskets"].format(count=report["voids"]["count"]), money(report["voids"]["total"])))
    out.append(Line(kind="rule"))
    cash = report["cash"]
    out.append(Line(w["cash_drawer"], kind="heading"))
    for key in ("float", "cash_taken", "change", "paid_in", "paid_out", "drops"):
        out.append(Line(w[key], money(cash[key])))
    if report.get("show_expected", True):
        out.append(Line(w["expected"], money(cash["expected"])))
    out.append(Line(w["no_sales"], str(report["no_sales"])))
    if report.get("variances"):
        out.append(Line(w["count"], kind="heading"))
        for v in report["variances"]:
            out.append(Line(w["counted"].format(tender=word(v["tender"])), money(v["counted"])))
            out.append(Line(w["variance"].format(tender=word(v["tender"])), money(v["difference"])))
        if report.get("variance_reason"):
            out.append(Line(w["reason"], word(report["variance_reason"])))
    cards = report.get("cards")
    if cards is not None:
        out.append(Line(w["card_terminal"], kind="heading"))
        out.append(Line(w["till_cards"].format(count=cards["till_count"]), money(cards["till_total"])))
        if cards["terminal_total"] is None:
            out.append(Line(w["terminal"], w["no_terminal_totals"]))
        else:
            out.append(Line(w["terminal_cards"].format(count=cards["terminal_count"]), money(cards["terminal_total"])))
        for d in cards["differences"]:
            out.append(Line(f"{word(d['problem'])} {d['reference']}", money(d["terminal"] - d["till"])))
    if report.get("deferred"):
        out.append(Line(w["deferred"], str(report["deferred"]["unsent"])))
        out.append(Line(w["reason"], report["deferred"]["reason"]))
    out.append(Line(kind="rule"))
    return out


__all__ = [
    "DRAWER_DENOMINATIONS",
    "REASONS",
    "VARIANCE_REASONS",
    "CardDifference",
    "CardReconciliation",
    "CashFigures",
    "DrawerCount",
    "Line",
    "Movement",
    "ShiftError",
    "Variance",
    "cash_figures",
    "check_movement",
    "check_variance_reason",
    "default_variance_limit",
    "denomination_text",
    "denominations",
    "over_limit",
    "parse_count",
    "reconcile_cards",
    "report_lines",
]
