"""Shifts and the manager's day (docs/shifts.md, issue 11).

A shift belongs to a till (this device's drawer; the till's name is `meta.till`, else the device
code). It opens with a counted float, takes cash movements (paid in, paid out, safe drops,
no-sale openings with a reason), is counted blind at the end, and closes with a Z report whose
number is gapless per till. Its sales are the receipts numbered after the counter at open up
to the counter at close, both read inside a device.db transaction.

The close runs its checks first (the count is saved, a variance beyond the limit has a reason and
a manager's PIN, the journal verifies, the outbox is empty or a manager deferred it with a
reason), then writes in ONE transaction: the Z number, the report, the shift's state, the
`shift.close` op and the journal entry (`STEPS`, with `fault(step)` before each, like the
checkout). Killed anywhere in it the shift is still counted and a second close does it all; the
count itself was committed when it was saved.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from pydantic import ValidationError

from pos_app.core.auth import Permission, Role
from pos_app.core.money import Money, format_money
from pos_app.core.report_words import DATE_PATTERNS, report_language
from pos_app.core.shifts import (
    REASONS,
    VARIANCE_REASONS,
    CashFigures,
    DrawerCount,
    Line,
    Movement,
    ShiftError,
    Variance,
    cash_figures,
    check_movement,
    check_variance_reason,
    default_variance_limit,
    denomination_text,
    denominations,
    over_limit,
    parse_count,
    reconcile_cards,
    report_lines,
)
from pos_app.local.store import Identity, LocalStore
from pos_app.services.auth import AuthService, Session, StaffMember
from pos_app.services.checkout import device_code
from pos_app.services.errors import PermissionNeeded, ValidationFailed
from pos_app.services.language import language_of, pinned
from pos_app.services.manager_day import DayFigures, day_figures
from sync.protocol import ShiftClosePayload

__all__ = [
    "REASONS",
    "STEPS",
    "VARIANCE_REASONS",
    "CashMovement",
    "CountSaved",
    "Movement",
    "ShiftPolicy",
    "ShiftService",
    "ShiftState",
]

# Steps of the close's one transaction, in order; `ShiftService.fault(step)` runs before each.
STEPS = ("number", "report", "shift", "outbox", "journal", "commit")

# A manager's PIN (AuthService.approve takes a permission): the lowest permission only a manager
# holds. A SHIFT_APPROVE permission belongs in pos_app/core/auth.py (not this module's).
MANAGER = Permission.MANAGE_SHIFT



def _fail(code: str, **params: Any) -> ValidationFailed:
    return ValidationFailed(code, **params)


def _core(e: ShiftError) -> ValidationFailed:
    return ValidationFailed(e.code, **e.params)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ShiftPolicy:
    """The store's shift rules: whether the count screen shows the expected amounts before the
    count is saved (blind by default) and the variance beyond which a manager approves (None:
    10 major units, JPY 1,000). Head office sets them per store (the `shift_policies` stream);
    a store without one keeps a manager's choice for the till in device.db `meta.shift_policy`."""

    show_expected: bool = False
    variance_limit: int | None = None


@dataclass(frozen=True)
class ShiftState:
    shift_id: str
    till: str
    state: str  # open | counted | closed
    currency: str
    opened_at: datetime
    opened_by: int
    float_total: int
    staff: tuple[int, ...]
    z_number: int | None
    closed_at: datetime | None


@dataclass(frozen=True)
class CashMovement:
    """One line of the shift's drawer: the float, a paid in / out, a safe drop or a no-sale."""

    seq: int
    kind: str
    amount: int
    reason: str
    note: str
    staff_id: int
    at: datetime


@dataclass(frozen=True)
class CountSaved:
    """What the blind count shows once it is saved: the expected amounts and the variances."""

    count: DrawerCount
    variances: tuple[Variance, ...]
    limit: int
    needs_manager: bool  # a variance is beyond the limit: a reason and a manager's PIN to close


class ShiftService:
    def __init__(
        self,
        store: LocalStore,
        identity: Identity,
        auth: AuthService,
        *,
        receipts: Any = None,  # ReceiptService: its printer and drawer kick
        payments: Any = None,  # PaymentService: the terminal's end-of-day totals
        kick: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self.identity = identity
        self.auth = auth
        self.receipts = receipts
        self.payments = payments
        self.kick = kick
        self.fault: Callable[[str], None] | None = None

    # --- the store and its words ---------------------------------------------------------------

    def _location(self) -> tuple[str, str, str, str]:
        rows = self.store.query(
            "SELECT currency, locale, timezone, name FROM locations WHERE id=?", (self.identity.store_id,)
        )
        if not rows or any(v is None for v in rows[0]):
            raise _fail("shift.no_store")
        cur, loc, tz, name = rows[0]
        return str(cur), str(loc), str(tz), str(name)

    def locale(self) -> str:
        return self._location()[1]

    def timezone(self) -> str:
        return self._location()[2]

    def currency(self) -> str:
        return self._location()[0]

    def money(self, minor: int) -> str:
        cur, loc, _tz, _n = self._location()
        return format_money(Money(int(minor), cur), loc)

    def local(self, at: datetime | str | None) -> str:
        if at is None:
            return ""
        when = datetime.fromisoformat(at) if isinstance(at, str) else at
        tz = ZoneInfo(self._location()[2])
        return when.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")

    def denominations(self) -> list[tuple[int, str]]:
        """The store currency's notes and coins: (minor units, as printed on them), smallest first."""
        cur = self.currency()
        return [(d, denomination_text(d, cur)) for d in denominations(cur)]

    def till(self) -> str:
        """This device's till (drawer) name: `meta.till`, else the device code."""
        return self.store.get_meta("till") or device_code(self.identity.device_id)

    def central_policy(self) -> ShiftPolicy | None:
        """Head office's rules for this store (the `shift_policies` stream), if it set any."""
        rows = self.store.query(
            "SELECT show_expected, variance_limit FROM shift_policies WHERE store_id=?", (self.identity.store_id,)
        )
        if not rows:
            return None
        show, limit = rows[0]
        return ShiftPolicy(bool(show), None if limit is None else int(limit))

    def policy(self) -> ShiftPolicy:
        """Head office's rules for the store when it set them; else a manager's for this till
        (`meta.shift_policy`); else blind with the default limit."""
        central = self.central_policy()
        if central is not None:
            return central
        raw = self.store.get_meta("shift_policy")
        if not raw:
            return ShiftPolicy()
        doc = json.loads(raw)
        return ShiftPolicy(bool(doc.get("show_expected", False)), doc.get("variance_limit"))

    def set_policy(self, session: Session, policy: ShiftPolicy) -> None:
        """This till's rules (a manager), journaled, for a store head office has set none for."""
        if session.staff.role < Role.MANAGER:
            raise PermissionNeeded("permission.needed", Role.MANAGER)
        if self.central_policy() is not None:
            raise ValidationFailed("shift.policy_central")
        doc = {"show_expected": policy.show_expected, "variance_limit": policy.variance_limit}
        with self.store.tx("device") as con:
            con.execute(
                "INSERT INTO meta(key, value) VALUES ('shift_policy', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (json.dumps(doc),),
            )
            self.store.journal_append(con, "shift.policy", {**doc, "staff_id": session.staff.id})

    def limit(self) -> int:
        p = self.policy()
        return p.variance_limit if p.variance_limit is not None else default_variance_limit(self.currency())

    # --- reading shifts ------------------------------------------------------------------------

    def _state(self, con: sqlite3.Connection, row: tuple[Any, ...]) -> ShiftState:
        sid = row[0]
        staff = tuple(
            r[0] for r in con.execute("SELECT staff_id FROM shift_staff WHERE shift_id=? ORDER BY joined_at", (sid,))
        )
        return ShiftState(
            sid,
            row[1],
            row[2],
            row[3],
            datetime.fromisoformat(row[4]),
            int(row[5]),
            int(row[6]),
            staff,
            row[7],
            None if row[8] is None else datetime.fromisoformat(row[8]),
        )

    _COLS = "shift_id, till, state, currency, opened_at, opened_by, float_total, z_number, closed_at"

    def current(self, till: str | None = None) -> ShiftState | None:
        """The till's shift that is not closed yet, or None."""
        till = till or self.till()
        with self.store.raw("device") as con:
            row = con.execute(f"SELECT {self._COLS} FROM shifts WHERE till=? AND state<>'closed'", (till,)).fetchone()
            return None if row is None else self._state(con, row)

    def get(self, shift_id: str) -> ShiftState:
        with self.store.raw("device") as con:
            row = con.execute(f"SELECT {self._COLS} FROM shifts WHERE shift_id=?", (shift_id,)).fetchone()
            if row is None:
                raise _fail("shift.unknown", shift_id=shift_id)
            return self._state(con, row)

    def last_closed(self, till: str | None = None) -> ShiftState | None:
        till = till or self.till()
        with self.store.raw("device") as con:
            row = con.execute(
                f"SELECT {self._COLS} FROM shifts WHERE till=? AND state='closed' ORDER BY z_number DESC LIMIT 1",
                (till,),
            ).fetchone()
            return None if row is None else self._state(con, row)

    def movements(self, shift_id: str) -> list[CashMovement]:
        """The shift's cash movements in order, the float first (support's `pos-app shift status`)."""
        rows = self.store.query(
            "SELECT seq, kind, amount, reason, note, staff_id, at FROM shift_cash WHERE shift_id=? ORDER BY seq",
            (shift_id,),
            "device",
        )
        return [
            CashMovement(int(q), str(k), int(a), str(r), str(n or ""), int(sid), datetime.fromisoformat(t))
            for q, k, a, r, n, sid, t in rows
        ]

    def _open_or_fail(self, till: str | None = None) -> ShiftState:
        s = self.current(till)
        if s is None:
            raise _fail("shift.none_open", till=till or self.till())
        return s

    # --- opening, staff, cash movements --------------------------------------------------------

    def open(self, session: Session, float_count: Mapping[Any, Any], till: str | None = None) -> ShiftState:
        """Open a shift on the till with its float counted by denomination. Refused while the
        till has a shift that is not closed."""
        till = till or self.till()
        try:
            count = parse_count(self.currency(), float_count)
        except ShiftError as e:
            raise _core(e) from None
        sid = str(uuid.uuid4())
        at = _now().isoformat()
        with self.store.tx("device") as con:
            other = con.execute("SELECT opened_at FROM shifts WHERE till=? AND state<>'closed'", (till,)).fetchone()
            if other is not None:
                raise _fail("shift.open_on_till", till=till, opened=self.local(other[0]))
            counter = con.execute("SELECT value FROM meta WHERE key='receipt_counter'").fetchone()
            con.execute(
                "INSERT INTO shifts(shift_id, till, store_id, currency, state, opened_at, opened_by, float_total, "
                "first_counter) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                (sid, till, self.identity.store_id, count.currency, at, session.staff.id, count.total,
                 int(counter[0]) if counter else 0),
            )  # fmt: skip
            con.execute(
                "INSERT INTO shift_staff(shift_id, staff_id, joined_at) VALUES (?, ?, ?)", (sid, session.staff.id, at)
            )
            con.executemany(
                "INSERT INTO shift_counts(shift_id, kind, denomination, pieces) VALUES (?, 'float', ?, ?)",
                [(sid, d, n) for d, n in count.pieces],
            )
            con.execute(
                "INSERT INTO shift_cash(shift_id, seq, kind, amount, reason, note, staff_id, at) "
                "VALUES (?, 1, 'float', ?, 'float', '', ?, ?)",
                (sid, count.total, session.staff.id, at),
            )
            self.store.journal_append(
                con,
                "shift.open",
                {"shift_id": sid, "till": till, "staff_id": session.staff.id, "float": count.total,
                 "counts": count.as_dict()},
            )  # fmt: skip
        return self.get(sid)

    def join(self, session: Session, till: str | None = None) -> ShiftState:
        """Another person works on the till's open shift (joining twice changes nothing)."""
        s = self._open_or_fail(till)
        with self.store.tx("device") as con:
            added = con.execute(
                "INSERT OR IGNORE INTO shift_staff(shift_id, staff_id, joined_at) VALUES (?, ?, ?)",
                (s.shift_id, session.staff.id, _now().isoformat()),
            ).rowcount
            if added:
                self.store.journal_append(con, "shift.join", {"shift_id": s.shift_id, "staff_id": session.staff.id})
        return self.get(s.shift_id)

    def move(
        self,
        session: Session,
        kind: Movement | str,
        amount: int,
        reason: str,
        note: str = "",
        till: str | None = None,
    ) -> int:
        """A paid in, paid out, safe drop or no-sale on the open shift (journaled with who);
        returns its number in the shift. A no-sale kicks the drawer through the printer."""
        try:
            kind = Movement(kind)
            check_movement(kind, amount, reason, note)
        except ValueError as e:
            if isinstance(e, ShiftError):
                raise _core(e) from None
            raise ValidationFailed("shift.movement_kind", kind=kind) from None
        s = self._open_or_fail(till)
        at = _now().isoformat()
        with self.store.tx("device") as con:
            still = con.execute("SELECT state FROM shifts WHERE shift_id=?", (s.shift_id,)).fetchone()
            if still is None or still[0] == "closed":
                raise _fail("shift.none_open", till=s.till)
            seq = con.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM shift_cash WHERE shift_id=?", (s.shift_id,)
            ).fetchone()[0]
            con.execute(
                "INSERT INTO shift_cash(shift_id, seq, kind, amount, reason, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (s.shift_id, seq, kind.value, amount, reason, note.strip(), session.staff.id, at),
            )
            con.execute(
                "INSERT OR IGNORE INTO shift_staff(shift_id, staff_id, joined_at) VALUES (?, ?, ?)",
                (s.shift_id, session.staff.id, at),
            )
            self.store.journal_append(
                con,
                "drawer.open" if kind is Movement.NO_SALE else f"shift.{kind.value}",
                {"shift_id": s.shift_id, "seq": seq, "kind": kind.value, "amount": amount, "reason": reason,
                 "note": note.strip(), "staff_id": session.staff.id},
            )  # fmt: skip
        if self.receipts is not None:  # the drawer opens after the record is kept, never before
            self.receipts.open_drawer()
        return int(seq)

    def no_sale(self, session: Session, reason: str, note: str = "", till: str | None = None) -> int:
        return self.move(session, Movement.NO_SALE, 0, reason, note, till)

    # --- the figures ----------------------------------------------------------------------------

    def _figures(self, con: sqlite3.Connection, sid: str, last: int | None) -> dict[str, Any]:
        """The report's figures from device.db (and the staff names from cache.db)."""
        row = con.execute(
            "SELECT till, currency, opened_at, float_total, first_counter, state, counted_at, closed_at, z_number, "
            "variance_reason, variance_note, approved_by, deferred_reason, deferred_by FROM shifts WHERE shift_id=?",
            (sid,),
        ).fetchone()
        (
            till,
            cur,
            opened_at,
            float_total,
            first,
            _state,
            _counted_at,
            _closed,
            _z,
            vreason,
            vnote,
            appr,
            dreason,
            dby,
        ) = row
        if last is None:
            r = con.execute("SELECT value FROM meta WHERE key='receipt_counter'").fetchone()
            last = int(r[0]) if r else 0
        rng = "s.receipt_counter > ? AND s.receipt_counter <= ?"
        args = (first, last)
        n_sales, total = con.execute(
            f"SELECT count(*), coalesce(sum(total), 0) FROM sales s WHERE {rng}", args
        ).fetchone()
        tenders = [
            {"tender": t, "count": c, "total": a}
            for t, c, a in con.execute(
                f"SELECT p.type, count(DISTINCT s.sale_id), sum(p.amount - p.change) FROM sales s "
                f"JOIN sale_payments p ON p.sale_id = s.sale_id WHERE {rng} GROUP BY p.type ORDER BY p.type",
                args,
            )
        ]
        cash_rows = con.execute(
            f"SELECT coalesce(sum(p.amount), 0), coalesce(sum(p.change), 0) FROM sales s "
            f"JOIN sale_payments p ON p.sale_id = s.sale_id WHERE {rng} AND p.type='cash'",
            args,
        ).fetchall()
        taxes = [
            {"rate": rate, "net": net, "tax": tax, "gross": gross}
            for rate, net, tax, gross in con.execute(
                "SELECT json_extract(t.value, '$.rate') AS rate, sum(json_extract(t.value, '$.net')), "
                "sum(json_extract(t.value, '$.tax')), sum(json_extract(t.value, '$.gross')) "
                f"FROM sales s, json_each(s.priced, '$.taxes') t WHERE {rng} GROUP BY rate "
                "ORDER BY CAST(rate AS REAL)",
                args,
            )
        ]
        categories = [
            {"category": c or "—", "count": q, "total": a}
            for c, q, a in con.execute(
                "SELECT json_extract(l.value, '$.category') AS cat, sum(json_extract(l.value, '$.quantity')), "
                "sum(json_extract(l.value, '$.total')) "
                f"FROM sales s, json_each(s.priced, '$.lines') l WHERE {rng} GROUP BY cat ORDER BY cat",
                args,
            )
        ]
        staff_rows = con.execute(
            f"SELECT staff_id, count(*), sum(total) FROM sales s WHERE {rng} GROUP BY staff_id ORDER BY staff_id", args
        ).fetchall()
        promos, manual = con.execute(
            "SELECT coalesce(sum(json_extract(priced, '$.totals.promotions')), 0), "
            f"coalesce(sum(json_extract(priced, '$.totals.discounts')), 0) FROM sales s WHERE {rng}",
            args,
        ).fetchone()
        end = _now().isoformat() if row[7] is None else row[7]
        voids = con.execute(
            "SELECT count(*), coalesce(sum(total), 0) FROM payment_sales WHERE state='voided' "
            "AND updated_at >= ? AND updated_at <= ?",
            (opened_at, end),
        ).fetchone()
        moves = con.execute("SELECT kind, amount FROM shift_cash WHERE shift_id=? AND kind<>'float'", (sid,)).fetchall()
        figures = cash_figures(float_total, [(int(a), int(c)) for a, c in cash_rows], moves)
        no_sales = sum(1 for k, _ in moves if k == "no_sale")
        cards = [
            (ref or "", rno, int(a))
            for ref, rno, a in con.execute(
                f"SELECT p.reference, s.receipt_no, p.amount FROM sales s JOIN sale_payments p ON p.sale_id = s.sale_id "
                f"WHERE {rng} AND p.type='card' ORDER BY s.receipt_counter",
                args,
            )
        ]
        return {
            "till": till,
            "currency": cur,
            "opened_at": opened_at,
            "first_counter": first,
            "last_counter": last,
            "receipts": int(n_sales),
            "sales_total": int(total),
            "tenders": tenders,
            "tax_rates": taxes,
            "categories": categories,
            "staff_rows": staff_rows,
            "returns": [],  # returns arrive with the returns issue: zero rows until then
            "discounts": {"promotions": int(promos), "manual": int(manual)},
            "voids": {"count": int(voids[0]), "total": int(voids[1])},
            "cash": figures,
            "no_sales": no_sales,
            "card_rows": cards,
            "variance_reason": vreason,
            "variance_note": vnote,
            "approved_by": appr,
            "deferred": None if dreason is None else {"reason": dreason, "by": dby},
            "end": end,
        }

    def _card_side(
        self, con: sqlite3.Connection, opened_at: str, end: str, currency: str
    ) -> tuple[dict[str, int], tuple[int, int] | None]:
        """What the terminal approved during the shift (per the till's payment records, less
        refunds) and its end-of-day batch taken after the shift opened (count, net), if any."""
        approved: dict[str, int] = {}
        for sid, tx, code, amount in con.execute(
            "SELECT service_id, transaction_id, approval_code, approved_amount FROM payment_intents "
            "WHERE kind='payment' AND state='approved' AND created_at >= ? AND created_at <= ?",
            (opened_at, end),
        ):
            back = con.execute(
                "SELECT coalesce(sum(approved_amount), 0) FROM payment_intents WHERE kind='refund' AND original=? "
                "AND state='refunded'",
                (sid,),
            ).fetchone()[0]
            ref = tx or (f"approval:{code}" if code else sid)
            approved[ref] = int(amount or 0) - int(back)
        rec = con.execute(
            "SELECT totals FROM terminal_reconciliations WHERE at >= ? ORDER BY at DESC LIMIT 1", (opened_at,)
        ).fetchone()
        terminal = None
        if rec is not None:
            for t in json.loads(rec[0]):
                if t["currency"] == currency:
                    terminal = (int(t["payments_count"]), int(t["payments_minor"]) - int(t["refunds_minor"]))
            if terminal is None:
                terminal = (0, 0)
        return approved, terminal

    def day(self, session: Session, day: date | None = None) -> DayFigures:
        """The manager's day on this till: sales by hour, tender mix, top items, staff
        (pos_app/services/manager_day.py); `day` the store's local date, None = today. The
        staff's figures are for shift leads: a supervisor or a manager."""
        if session.staff.role < Role.SUPERVISOR:
            raise PermissionNeeded("permission.needed", Role.SUPERVISOR)
        return day_figures(self.store, self.identity.store_id, day, self._names())

    def _names(self) -> dict[int, str]:
        return {p.id: p.name for p in self.auth.staff()}

    def _variances(self, con: sqlite3.Connection, sid: str, figures: CashFigures) -> list[Variance]:
        counted = con.execute(
            "SELECT count(*), coalesce(sum(denomination * pieces), 0) FROM shift_counts WHERE shift_id=? AND kind='close'",
            (sid,),
        ).fetchone()
        if not counted[0]:
            return []
        return [Variance("cash", figures.expected, int(counted[1]))]

    def _report(
        self, con: sqlite3.Connection, sid: str, kind: str, number: int | None, last: int | None
    ) -> dict[str, Any]:
        f = self._figures(con, sid, last)
        names = self._names()
        cash: CashFigures = f["cash"]
        approved, terminal = self._card_side(con, f["opened_at"], f["end"], f["currency"])
        cards = reconcile_cards(f["card_rows"], approved, terminal)
        variances = self._variances(con, sid, cash)
        if variances and cards.terminal_total is not None:
            variances.append(Variance("card", cards.till_total, cards.terminal_total))
        _cur, _loc, _tz, store_name = self._location()
        show = kind == "Z" or self.policy().show_expected
        return {
            "kind": kind,
            "number": number,
            "shift_id": sid,
            "store_id": self.identity.store_id,
            "store_name": store_name,
            "till": f["till"],
            "currency": f["currency"],
            "opened_at": f["opened_at"],
            "opened_at_local": self.local(f["opened_at"]),
            "at": f["end"],
            "at_local": self.local(f["end"]),
            "first_receipt_counter": f["first_counter"] + 1,
            "last_receipt_counter": f["last_counter"],
            "receipts": f["receipts"],
            "sales_total": f["sales_total"],
            "tenders": f["tenders"],
            "tax_rates": f["tax_rates"],
            "categories": f["categories"],
            "staff": [
                {"staff_id": s, "name": names.get(s, f"#{s}"), "count": c, "total": t} for s, c, t in f["staff_rows"]
            ],
            "returns": f["returns"],
            "discounts": f["discounts"],
            "voids": f["voids"],
            "cash": cash.as_dict() if show else {**cash.as_dict(), "expected": None},
            "show_expected": show,
            "no_sales": f["no_sales"],
            "variances": [v.as_dict() for v in variances] if show else [],
            "variance_reason": f["variance_reason"],
            "variance_note": f["variance_note"],
            "approved_by": f["approved_by"],
            "cards": cards.as_dict(),
            "deferred": f["deferred"],
        }

    def x_report(self, till: str | None = None) -> dict[str, Any]:
        """The open shift's figures so far (not numbered, changes nothing; expected cash hidden
        unless the store shows it, so the blind count stays blind)."""
        s = self._open_or_fail(till)
        with self.store.raw("device") as con:
            return self._report(con, s.shift_id, "X", None, None)

    # --- the blind count --------------------------------------------------------------------------

    def expected_visible(self) -> bool:
        """Whether the count screen may show the expected amounts before the count is saved."""
        return self.policy().show_expected

    def save_count(self, session: Session, counts: Mapping[Any, Any], till: str | None = None) -> CountSaved:
        """The end-of-shift count by denomination, saved before anything expected is shown; a
        recount replaces it until the shift closes. Returns the variances to show now."""
        s = self._open_or_fail(till)
        try:
            count = parse_count(s.currency, counts)
        except ShiftError as e:
            raise _core(e) from None
        at = _now().isoformat()
        with self.store.tx("device") as con:
            con.execute("DELETE FROM shift_counts WHERE shift_id=? AND kind='close'", (s.shift_id,))
            con.executemany(
                "INSERT INTO shift_counts(shift_id, kind, denomination, pieces) VALUES (?, 'close', ?, ?)",
                [(s.shift_id, d, n) for d, n in count.pieces],
            )
            con.execute(
                "UPDATE shifts SET state='counted', counted_at=?, counted_by=? WHERE shift_id=? AND state<>'closed'",
                (at, session.staff.id, s.shift_id),
            )
            self.store.journal_append(
                con,
                "shift.count",
                {
                    "shift_id": s.shift_id,
                    "staff_id": session.staff.id,
                    "counted": count.total,
                    "counts": count.as_dict(),
                },
            )
            figures = self._figures(con, s.shift_id, None)["cash"]
        variances = (Variance("cash", figures.expected, count.total),)
        limit = self.limit()
        return CountSaved(count, variances, limit, bool(over_limit(variances, limit)))

    def counted(self, shift_id: str) -> DrawerCount | None:
        rows = self.store.query(
            "SELECT denomination, pieces FROM shift_counts WHERE shift_id=? AND kind='close' ORDER BY denomination",
            (shift_id,),
            "device",
        )
        if not rows:
            return None
        return DrawerCount(self.get(shift_id).currency, tuple((int(d), int(n)) for d, n in rows))

    # --- the card terminal's batch ---------------------------------------------------------------

    def reconcile_terminal(self, session: Session | None = None) -> bool:
        """Ask the terminal for its end-of-day totals (kept in device.db for the close). False:
        no terminal is set up on this till."""
        if self.payments is None or not self.payments.configured():
            return False
        self.payments.reconcile(session)
        return True

    # --- closing ---------------------------------------------------------------------------------

    def unsent(self) -> int:
        return int(self.store.query("SELECT count(*) FROM outbox WHERE state<>'done'", (), "device")[0][0])

    def close(
        self,
        session: Session,
        *,
        shift_id: str | None = None,
        reason: str | None = None,
        note: str = "",
        approver: tuple[int, str] | None = None,
        defer_reason: str | None = None,
        deferrer: tuple[int, str] | None = None,
        till: str | None = None,
    ) -> dict[str, Any]:
        """Close the shift with its Z report (returned). `approver`: a manager's (staff id, PIN)
        for a variance beyond the limit (with `reason`, a VARIANCE_REASONS code); `deferrer`
        and `defer_reason`: a manager lets the shift close with operations still unsent."""
        s = self.get(shift_id) if shift_id else self._open_or_fail(till)
        if s.state == "closed":
            raise _fail("shift.closed", number=s.z_number, closed=self.local(s.closed_at))
        if s.state != "counted":
            raise _fail("shift.not_counted")
        with self.store.raw("device") as con:
            figures = self._figures(con, s.shift_id, None)["cash"]
            variances = self._variances(con, s.shift_id, figures)
        limit = self.limit()
        try:
            needs_manager = check_variance_reason(variances, limit, reason, note)
        except ShiftError as e:
            raise _core(e) from None
        approved_by: StaffMember | None = None
        if needs_manager:
            if approver is None:
                worst = max(variances, key=lambda v: abs(v.difference))
                raise _fail("shift.approval_needed", difference=self.money(worst.difference), limit=self.money(limit))
            approved_by = self.auth.approve(approver[0], approver[1], MANAGER)
        problems = self.store.journal_verify()
        if problems:
            raise _fail("shift.journal_break", entry=problems[0])
        unsent = self.unsent()
        deferred_by: StaffMember | None = None
        if unsent:
            if deferrer is None:
                raise _fail("shift.unsent", unsent=unsent)
            if not (defer_reason or "").strip():
                raise _fail("shift.defer_reason")
            deferred_by = self.auth.approve(deferrer[0], deferrer[1], MANAGER)
        at = _now()
        with self.store.tx("device") as con:
            row = con.execute(
                "SELECT state, z_number, closed_at FROM shifts WHERE shift_id=?", (s.shift_id,)
            ).fetchone()
            if row[0] == "closed":  # closed meanwhile (another window, the CLI)
                raise _fail("shift.closed", number=row[1], closed=self.local(row[2]))
            self._step("number")
            number = con.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM shift_reports WHERE till=?", (s.till,)
            ).fetchone()[0]
            counter = con.execute("SELECT value FROM meta WHERE key='receipt_counter'").fetchone()
            last = int(counter[0]) if counter else 0
            con.execute(
                "UPDATE shifts SET closed_at=?, closed_by=?, variance_reason=?, variance_note=?, approved_by=?, "
                "deferred_reason=?, deferred_by=? WHERE shift_id=?",
                (at.isoformat(), session.staff.id, reason if needs_manager else None, note.strip() or None,
                 None if approved_by is None else approved_by.id,
                 (defer_reason or "").strip() if deferred_by else None,
                 None if deferred_by is None else deferred_by.id, s.shift_id),
            )  # fmt: skip
            self._step("report")
            report = self._report(con, s.shift_id, "Z", int(number), last)
            if deferred_by is not None:
                report["deferred"] = {"reason": (defer_reason or "").strip(), "by": deferred_by.id, "unsent": unsent}
            con.execute(
                "INSERT INTO shift_reports(till, number, shift_id, made_at, report) VALUES (?, ?, ?, ?, ?)",
                (s.till, number, s.shift_id, at.isoformat(), json.dumps(report, sort_keys=True)),
            )
            self._step("shift")
            op_id = str(uuid.uuid4())
            con.execute(
                "UPDATE shifts SET state='closed', z_number=?, last_counter=?, op_id=? WHERE shift_id=?",
                (number, last, op_id, s.shift_id),
            )
            self._step("outbox")
            self.store.enqueue(con, "shift.close", self._payload(con, s, report, at, session), op_id)
            self._step("journal")
            self.store.journal_append(
                con,
                "shift.close",
                {"shift_id": s.shift_id, "till": s.till, "number": number, "staff_id": session.staff.id,
                 "approved_by": None if approved_by is None else approved_by.id,
                 "deferred_by": None if deferred_by is None else deferred_by.id,
                 "expected": report["cash"]["expected"], "variances": report["variances"], "op_id": op_id},
            )  # fmt: skip
            self._step("commit")
        self.kick()
        return report

    def _payload(
        self, con: sqlite3.Connection, s: ShiftState, report: dict[str, Any], at: datetime, session: Session
    ) -> dict[str, Any]:
        staff = {r[0] for r in con.execute("SELECT staff_id FROM shift_staff WHERE shift_id=?", (s.shift_id,))}
        staff |= {r["staff_id"] for r in report["staff"]}
        moves = [
            {"kind": k, "amount": a, "reason": r, "note": n, "staff_id": sid, "approved_by": ab, "at": t}
            for k, a, r, n, sid, ab, t in con.execute(
                "SELECT kind, amount, reason, note, staff_id, approved_by, at FROM shift_cash WHERE shift_id=? ORDER BY seq",
                (s.shift_id,),
            )
        ]
        counts = [
            {"denomination": d, "pieces": n}
            for d, n in con.execute(
                "SELECT denomination, pieces FROM shift_counts WHERE shift_id=? AND kind='close' ORDER BY denomination",
                (s.shift_id,),
            )
        ]
        doc = {
            "shift_id": s.shift_id,
            "store_id": self.identity.store_id,
            "till": s.till,
            "number": report["number"],
            "currency": s.currency,
            "opened_at": s.opened_at.isoformat(),
            "closed_at": at.isoformat(),
            "opened_by": s.opened_by,
            "closed_by": session.staff.id,
            "staff": sorted(staff),
            "movements": moves,
            "counts": counts,
            "expected_cash": report["cash"]["expected"],
            "counted_cash": sum(c["denomination"] * c["pieces"] for c in counts),
            "report": json.dumps(report, sort_keys=True),
        }
        try:
            return ShiftClosePayload.model_validate_json(json.dumps(doc)).model_dump(mode="json")
        except ValidationError as e:
            err = e.errors()[0]
            raise _fail("shift.invalid", detail=f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}") from None

    def _step(self, name: str) -> None:
        if self.fault is not None:
            self.fault(name)

    # --- Z reports ---------------------------------------------------------------------------------

    def z_report(self, number: int, till: str | None = None) -> dict[str, Any]:
        """A Z report by its number. The next number while a shift is open: that shift is still
        open (an X report shows its figures)."""
        till = till or self.till()
        rows = self.store.query("SELECT report FROM shift_reports WHERE till=? AND number=?", (till, number), "device")
        if rows:
            return dict(json.loads(rows[0][0]))
        last = self.store.query("SELECT coalesce(max(number), 0) FROM shift_reports WHERE till=?", (till,), "device")
        if number == int(last[0][0]) + 1 and self.current(till) is not None:
            raise _fail("shift.still_open")
        raise _fail("shift.no_report", number=number, till=till)

    def z_for_shift(self, shift_id: str) -> dict[str, Any]:
        s = self.get(shift_id)
        if s.state != "closed" or s.z_number is None:
            raise _fail("shift.still_open")
        return self.z_report(s.z_number, s.till)

    def reports(self, till: str | None = None, limit: int = 30) -> list[tuple[int, str]]:
        """The till's Z reports, the latest first: (number, made at)."""
        rows = self.store.query(
            "SELECT number, made_at FROM shift_reports WHERE till=? ORDER BY number DESC LIMIT ?",
            (till or self.till(), limit),
            "device",
        )
        return [(int(n), str(m)) for n, m in rows]

    # --- rendering: text, ESC/POS, PDF --------------------------------------------------------------

    def report_language(self) -> str:
        """The printed report's language: the store's (its locale: ja for Tokyo, de for Berlin,
        en otherwise), whatever the screens speak, as the receipts are."""
        return language_of(self.locale())

    def when(self, at: datetime | str | None, fallback: str = "", language: str | None = None) -> str:
        """A report's time in the store's zone, worded by babel: in `language`'s pattern (None:
        the store's) with the store's locale, or that language in the store's country
        (`en_DE`, else `en`) when the report speaks another language than the store."""
        if not at:
            return fallback
        _cur, loc, tz, _n = self._location()
        lang = report_language(language or language_of(loc))
        if language_of(loc) != lang:
            country = loc.replace("-", "_").partition("_")[2]
            try:
                loc = str(Locale.parse(f"{lang}_{country}")) if country else lang
            except (UnknownLocaleError, ValueError):
                loc = lang
        local = (datetime.fromisoformat(at) if isinstance(at, str) else at).astimezone(ZoneInfo(tz))
        text = format_datetime(local, DATE_PATTERNS[lang], locale=loc)
        return str(text).replace("\u00a0", " ").replace("\u202f", " ")

    def lines(self, report: Mapping[str, Any], language: str | None = None) -> list[Line]:
        """The report's lines in `language` (None: the store's)."""
        lang = report_language(language or self.report_language())
        return report_lines(report, self.money, lang, lambda at, fallback: self.when(at, fallback, lang))

    def text(self, report: Mapping[str, Any], columns: int = 42, language: str | None = None) -> str:
        """The report as text for a screen or the CLI: in `language`, else the language the
        screens speak when `AISLE_LANGUAGE` pins one, else the store's."""
        from sync.receipts.layout import pad_pair
        from sync.receipts.text import align

        out: list[str] = []
        for ln in self.lines(report, language or pinned()):
            if ln.kind == "rule":
                out.append("-" * columns)
            elif ln.kind in ("title", "heading"):
                out.append(align(ln.left, columns, "center").rstrip() if ln.kind == "title" else ln.left)
            else:
                out += pad_pair(ln.left, ln.right, columns)
        return "\n".join(out) + "\n"

    def escpos(self, report: Mapping[str, Any], columns: int = 48) -> bytes:
        """The report in ESC/POS with the receipts' commands, in the store's language: a
        Japanese store's in Kanji mode with Shift_JIS (cp932), else PC858 (docs/receipts.md)."""
        from sync.receipts.escpos import (
            ALIGN,
            BOLD_OFF,
            BOLD_ON,
            CUT,
            INIT,
            KANJI,
            KANJI_OFF,
            LATIN,
            encode_text,
            printable,
        )
        from sync.receipts.layout import pad_pair

        lang = self.report_language()
        ja = lang == "ja"
        enc = "cp932" if ja else "cp858"
        out = bytearray(INIT + (KANJI if ja else LATIN))
        for ln in self.lines(report, lang):
            if ln.kind == "rule":
                out += b"-" * columns + b"\n"
            elif ln.kind == "title":
                out += ALIGN["center"] + BOLD_ON + encode_text(ln.left, enc) + b"\n" + BOLD_OFF + ALIGN["left"]
            elif ln.kind == "heading":
                out += BOLD_ON + encode_text(ln.left, enc) + b"\n" + BOLD_OFF
            else:
                for part in pad_pair(printable(ln.left, enc), printable(ln.right, enc), columns):
                    out += encode_text(part, enc) + b"\n"
        if ja:
            out += KANJI_OFF
        return bytes(out + CUT)

    def print_report(self, report: Mapping[str, Any]) -> bool:
        """Print on the till's receipt printer; False: no printer, or it is away (the report
        stays in device.db: print it again from the screen or `pos-app shift z N`)."""
        printer = None if self.receipts is None else self.receipts.printer
        if printer is None:
            return False
        from pos_app.devices.printer import PrinterError

        try:
            printer.send(self.escpos(report, getattr(self.receipts, "columns", 48) or 48))
        except PrinterError:
            return False
        if report.get("kind") == "Z":
            with self.store.tx("device") as con:
                con.execute(
                    "UPDATE shift_reports SET printed_at=? WHERE till=? AND number=?",
                    (_now().isoformat(), report["till"], report["number"]),
                )
        return True

    def pdf(self, report: Mapping[str, Any]) -> bytes:
        """The report as an 80 mm PDF (fpdf2, the receipts' fonts)."""
        from fpdf import FPDF

        from sync.receipts.pdf import _close, find_fonts

        lang = self.report_language()
        fonts = find_fonts("ja" if lang == "ja" else "en")
        lines = self.lines(report, lang)
        width, margin, lh = 80.0, 4.0, 4.2
        pdf = FPDF(unit="mm", format=(width, max(60.0, lh * (len(lines) + 4) + 2 * margin)))
        try:
            pdf.set_auto_page_break(False)
            pdf.set_margins(margin, margin, margin)
            pdf.set_creator("Aisle")
            pdf.set_title(f"{lines[1].left} {report['till']}".strip())
            pdf.add_font("report", "", fonts.regular, collection_font_number=fonts.index)
            pdf.add_font("report", "B", fonts.bold, collection_font_number=fonts.index)
            pdf.add_page()
            w = width - 2 * margin
            for ln in lines:
                if ln.kind == "rule":
                    y = pdf.get_y() + lh / 2
                    pdf.line(margin, y, margin + w, y)
                    pdf.set_y(y + lh / 2)
                    continue
                pdf.set_font("report", "B" if ln.kind in ("title", "heading") else "", 8.5)
                if ln.kind in ("title", "heading"):
                    pdf.cell(w, lh, ln.left, align="C" if ln.kind == "title" else "L", new_x="LMARGIN", new_y="NEXT")
                else:
                    pdf.cell(w * 0.62, lh, ln.left)
                    pdf.cell(w * 0.38, lh, ln.right, align="R", new_x="LMARGIN", new_y="NEXT")
            return bytes(pdf.output())
        finally:
            _close(pdf)
