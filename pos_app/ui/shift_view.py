"""The shift screen (docs/shifts.md): open the till's shift with its float counted on a
denomination pad, paid in / paid out / safe drop / no-sale with a reason, an X report, the blind
count (Count drawer, the pieces, Save count, Close shift: three taps besides the entries) and the
close with its Z report shown, printed on demand.

A sheet over the main window, like the settings. Every read and write runs on a worker through
the operations bridge; a problem is one sentence on the sheet (`show_problem`). The expected
amounts appear only after the count is saved, unless the store shows them (ShiftPolicy).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.auth import Session
from pos_app.services.errors import ServiceError
from pos_app.services.manager_day import DayFigures
from pos_app.services.shifts import MANAGER, REASONS, VARIANCE_REASONS, CountSaved, Movement, ShiftState
from pos_app.ui import i18n
from pos_app.ui.day_charts import DayCharts
from pos_app.ui.messages import error_text
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import NARROW, ApprovalPanel, Sheet

REASON_WORDS = {
    "change_top_up": "Change top-up",
    "float_top_up": "Float top-up",
    "customer_payment": "Customer payment",
    "supplies": "Supplies",
    "delivery": "Delivery",
    "refund_no_receipt": "Refund without receipt",
    "petty_cash": "Petty cash",
    "safe_drop": "Safe drop",
    "give_change": "Give change",
    "check_drawer": "Check the drawer",
    "supervisor_check": "Supervisor check",
    "miscount": "Miscount",
    "wrong_change": "Wrong change given",
    "unrecorded_payment": "Unrecorded payment",
    "suspected_theft": "Suspected theft",
    "other": "Other",
}


def _label(text: str = "", name: str = "") -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    if name:
        lab.setObjectName(name)
    return lab


class DenominationPad(QWidget):
    """One field per note and coin of the store's currency, the pieces typed into each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.fields: dict[int, QLineEdit] = {}
        self.columns = 0

    def set_denominations(self, denoms: list[tuple[int, str]]) -> None:
        if self.fields:
            return
        for minor, text in reversed(denoms):  # the biggest note first, as a drawer is counted
            field = QLineEdit()
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setPlaceholderText("0")
            field.setAccessibleName(self.tr("Pieces of %s") % text)
            field.setProperty("denomination", minor)
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            self.fields[minor] = field
        self.caption = {m: _label(t, "subtitle") for m, t in denoms}
        self.relayout(3)

    def relayout(self, columns: int) -> None:
        if columns == self.columns or not self.fields:
            return
        self.columns = columns
        for i, (minor, field) in enumerate(self.fields.items()):
            self.grid.removeWidget(field)
            self.grid.removeWidget(self.caption[minor])
            r, c = divmod(i, columns)
            self.grid.addWidget(self.caption[minor], r, 2 * c, Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(field, r, 2 * c + 1)

    def entries(self) -> dict[str, str]:
        return {str(m): f.text() for m, f in self.fields.items() if f.text().strip()}

    def clear(self) -> None:
        for f in self.fields.values():
            f.clear()


def _choices(parent: QVBoxLayout, codes: tuple[str, ...]) -> tuple[QButtonGroup, list[QPushButton]]:
    box = QGridLayout()
    group = QButtonGroup()
    buttons = []
    for i, code in enumerate(codes):
        b = QPushButton(REASON_WORDS.get(code, code))
        b.setCheckable(True)
        b.setProperty("code", code)
        group.addButton(b)
        box.addWidget(b, i // 3, i % 3)
        buttons.append(b)
    parent.addLayout(box)
    return group, buttons


class ShiftSheet(Sheet):
    """The till's shift: open, cash movements, X report, blind count, close and Z report."""

    def __init__(self, host: QWidget, device: Any, session: Session, ops: Ops) -> None:
        super().__init__(host, 900)
        self.device = device
        self.shifts = device.shifts
        self.session = session
        self.ops = ops
        self.state: ShiftState | None = None
        self.saved: CountSaved | None = None
        self.report: dict[str, Any] | None = None
        self.kind: Movement | None = None
        self.approver_for = ""  # "variance" | "defer": what the manager's PIN is asked for
        self.variance_ok: tuple[int, str] | None = None
        self.defer_ok: tuple[int, str] | None = None
        self.store_locale = "en_US"
        self.store_zone = "UTC"
        self.till = ""
        self.page = ""
        self.narrow: bool | None = None

        self.title = _label(self.tr("Shift"), "title")
        self.layout_.addWidget(self.title)
        self.status = _label("", "hint")
        self.layout_.addWidget(self.status)
        self.problem = _label("", "error")
        self.problem.hide()
        self.layout_.addWidget(self.problem)
        self.pages: dict[str, QWidget] = {}

        # Open: the float on the pad.
        lay = self._new_page("open")
        lay.addWidget(_label(self.tr("Count the float in the drawer: how many of each note and coin."), "subtitle"))
        self.float_pad = DenominationPad()
        lay.addWidget(self.float_pad)
        self.open_button = self._button(lay, self.tr("Open shift"), self._open, primary=True)

        # The open shift.
        lay = self._new_page("shift")
        grid = QGridLayout()
        self.paid_in = QPushButton(self.tr("Paid in"))
        self.paid_out = QPushButton(self.tr("Paid out"))
        self.drop = QPushButton(self.tr("Safe drop"))
        self.no_sale_button = QPushButton(self.tr("No sale"))
        self.x_button = QPushButton(self.tr("X report"))
        self.count_button = QPushButton(self.tr("Count drawer"))
        self.count_button.setObjectName("primary")
        self.join_button = QPushButton(self.tr("Join this shift"))
        for i, (b, fn) in enumerate(
            [
                (self.paid_in, lambda: self._movement(Movement.PAID_IN)),
                (self.paid_out, lambda: self._movement(Movement.PAID_OUT)),
                (self.drop, lambda: self._movement(Movement.DROP)),
                (self.no_sale_button, lambda: self._movement(Movement.NO_SALE)),
                (self.x_button, self._x),
                (self.join_button, self._join),
                (self.count_button, self._count_page),
            ]
        ):
            b.clicked.connect(fn)
            grid.addWidget(b, i // 3, i % 3)
        self.shift_grid = grid
        lay.addLayout(grid)

        # A cash movement.
        lay = self._new_page("move")
        self.move_title = _label("", "basketTitle")
        lay.addWidget(self.move_title)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Amount"))
        self.amount.setAccessibleName(self.amount.placeholderText())
        self.amount.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        lay.addWidget(self.amount)
        self.reason_boxes: dict[Movement, tuple[QWidget, QButtonGroup]] = {}
        for kind in (Movement.PAID_IN, Movement.PAID_OUT, Movement.DROP, Movement.NO_SALE):
            w = QWidget()
            v = QVBoxLayout(w)
            v.setContentsMargins(0, 0, 0, 0)
            group, _ = _choices(v, REASONS[kind])
            lay.addWidget(w)
            self.reason_boxes[kind] = (w, group)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (needed for “Other”)"))
        self.note.setAccessibleName(self.note.placeholderText())
        lay.addWidget(self.note)
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self._page("shift"))
        row.addWidget(back)
        self.move_save = QPushButton(self.tr("Save"))
        self.move_save.setObjectName("primary")
        self.move_save.clicked.connect(self._save_movement)
        row.addWidget(self.move_save)
        lay.addLayout(row)

        # The blind count.
        lay = self._new_page("count")
        self.count_hint = _label(
            self.tr("Count the drawer: how many of each note and coin. What is expected shows after you save."),
            "subtitle",
        )
        lay.addWidget(self.count_hint)
        self.count_pad = DenominationPad()
        lay.addWidget(self.count_pad)
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self._page("shift"))
        row.addWidget(back)
        self.save_count_button = QPushButton(self.tr("Save count"))
        self.save_count_button.setObjectName("primary")
        self.save_count_button.clicked.connect(self._save_count)
        row.addWidget(self.save_count_button)
        lay.addLayout(row)

        # Counted: the variances, and what the close still needs.
        lay = self._new_page("counted")
        self.variance = _label("", "basketTitle")
        lay.addWidget(self.variance)
        self.variance_reasons = QWidget()
        v = QVBoxLayout(self.variance_reasons)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(
            _label(self.tr("The count is beyond the limit: choose a reason, then a manager approves."), "subtitle")
        )
        self.variance_group, _ = _choices(v, VARIANCE_REASONS)
        lay.addWidget(self.variance_reasons)
        self.defer_reason = QLineEdit()
        self.defer_reason.setPlaceholderText(self.tr("Why close with operations unsent (for the manager)"))
        self.defer_reason.setAccessibleName(self.defer_reason.placeholderText())
        lay.addWidget(self.defer_reason)
        self.approval = ApprovalPanel()
        self.approval.heading.setText(self.tr("A manager approves: tap your name, then type your PIN."))
        self.approval.pin.setPlaceholderText(self.tr("Manager's PIN"))
        self.approval.submitted.connect(self._close_approved)
        self.approval.cancelled.connect(lambda: self.approval.hide())
        lay.addWidget(self.approval)
        row = QHBoxLayout()
        self.recount = QPushButton(self.tr("Count again"))
        self.recount.clicked.connect(self._count_page)
        row.addWidget(self.recount)
        self.close_button = QPushButton(self.tr("Close shift"))
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(lambda: self.close_shift())
        row.addWidget(self.close_button)
        lay.addLayout(row)

        # A report (X or Z).
        lay = self._new_page("report")
        self.report_text = QLabel("")
        # A monospace font whose kanji are exactly two Latin columns wide (Noto Sans Mono CJK),
        # so a Japanese report's columns line up as on the paper; else the system's fixed font.
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setFamilies(["Noto Sans Mono CJK JP", fixed.family()])
        self.report_text.setFont(fixed)
        self.report_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.report_text)
        row = QHBoxLayout()
        self.report_back = QPushButton(self.tr("Back"))
        self.report_back.clicked.connect(lambda: self._page("shift"))
        row.addWidget(self.report_back)
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.clicked.connect(self._print)
        row.addWidget(self.print_button)
        lay.addLayout(row)

        # The manager's day: four charts of this till's sales on a local date.
        lay = self._new_page("day")
        self.day_title = _label("", "basketTitle")
        lay.addWidget(self.day_title)
        self.day_charts = DayCharts(self._money)
        lay.addWidget(self.day_charts, 1)
        row = QHBoxLayout()
        self.day_back = QPushButton(self.tr("Back"))
        self.day_back.clicked.connect(lambda: self._page(self.day_from))
        row.addWidget(self.day_back)
        self.day_before = QPushButton(self.tr("◀ Day before"))
        self.day_before.clicked.connect(lambda: self._day(-1))
        row.addWidget(self.day_before)
        self.day_after = QPushButton(self.tr("Day after ▶"))
        self.day_after.clicked.connect(lambda: self._day(+1))
        row.addWidget(self.day_after)
        lay.addLayout(row)
        self.day_shown: date | None = None
        self.day_from = "shift"

        self.day_button = QPushButton(self.tr("Day figures"))
        self.day_button.clicked.connect(lambda: self._day(0))
        self.done = QPushButton(self.tr("Done"))
        self.done.clicked.connect(self.accept)
        self.footer.addWidget(self.day_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.done)
        self._page("")
        self._load()

    # --- pages -----------------------------------------------------------------------------------

    def _new_page(self, name: str) -> QVBoxLayout:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.pages[name] = w
        self.layout_.addWidget(w)
        return lay

    def _button(self, lay: QVBoxLayout, text: str, fn: Any, primary: bool = False) -> QPushButton:
        b = QPushButton(text)
        if primary:
            b.setObjectName("primary")
        b.clicked.connect(fn)
        lay.addWidget(b)
        return b

    def _page(self, name: str) -> None:
        self.page = name
        for n, w in self.pages.items():
            w.setVisible(n == name)
        self.day_button.setVisible(name != "day")
        self.show_problem("")
        self.fit()

    def resizeEvent(self, event: Any) -> None:
        narrow = self.host.width() < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            for pad in (self.float_pad, self.count_pad):
                pad.relayout(2 if narrow else 3)
            self.day_charts.relayout(1 if narrow else 2)
        super().resizeEvent(event)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.fit()

    # --- loading ---------------------------------------------------------------------------------

    def _load(self) -> None:
        shifts = self.shifts

        def op() -> tuple[ShiftState | None, list[tuple[int, str]], str, tuple[str, str]]:
            return shifts.current(), shifts.denominations(), shifts.till(), (shifts.locale(), shifts.timezone())

        QueryOp(parent=self, op=op, success=self._loaded, kind="shift").run_in_background(self.ops)

    def _loaded(self, got: tuple[ShiftState | None, list[tuple[int, str]], str, tuple[str, str]]) -> None:
        state, denoms, till, (self.store_locale, self.store_zone) = got
        self.float_pad.set_denominations(denoms)
        self.count_pad.set_denominations(denoms)
        for pad in (self.float_pad, self.count_pad):
            pad.relayout(2 if self.host.width() < NARROW else 3)
        self.till = till
        self._show_state(state)

    def _show_state(self, state: ShiftState | None) -> None:
        self.state = state
        if state is None:
            self.title.setText(self.tr("Till %s: no open shift") % self.till)
            self.status.setText(self.tr("Open the shift with the float that is in the drawer."))
            self._page("open")
            return
        self.title.setText(self.tr("Till %s: shift open") % state.till)
        who = len(state.staff)
        self.status.setText(
            self.tr("Opened %s with a float of %s; %d on this shift.")
            % (
                state.opened_at.astimezone(ZoneInfo(self.store_zone)).strftime("%H:%M"),
                self._money(state.float_total),
                who,
            )
        )
        self.join_button.setVisible(self.session.staff.id not in state.staff)
        self._page("counted" if state.state == "counted" and self.saved is not None else "shift")

    def _money(self, minor: int) -> str:
        from pos_app.core.money import Money, format_money

        return format_money(Money(int(minor), self.state.currency if self.state else "JPY"), self.store_locale)

    # --- opening and movements ------------------------------------------------------------------

    def _open(self) -> None:
        shifts, session, entries = self.shifts, self.session, self.float_pad.entries()
        self.open_button.setEnabled(False)
        CollectionOp(parent=self, op=lambda: shifts.open(session, entries), success=self._opened).failure(
            lambda _e: self.open_button.setEnabled(True)
        ).run_in_background(self.ops)

    def _opened(self, state: ShiftState) -> None:
        self.open_button.setEnabled(True)
        self.float_pad.clear()
        self._show_state(state)

    def _join(self) -> None:
        shifts, session = self.shifts, self.session
        CollectionOp(parent=self, op=lambda: shifts.join(session), success=self._show_state).run_in_background(self.ops)

    def _movement(self, kind: Movement) -> None:
        self.kind = kind
        words = {
            Movement.PAID_IN: self.tr("Paid in: money put into the drawer"),
            Movement.PAID_OUT: self.tr("Paid out: money taken from the drawer"),
            Movement.DROP: self.tr("Safe drop: cash taken to the safe"),
            Movement.NO_SALE: self.tr("No sale: open the drawer without a sale"),
        }
        self.move_title.setText(words[kind])
        self.amount.clear()
        self.note.clear()
        self.amount.setVisible(kind is not Movement.NO_SALE)
        for k, (w, group) in self.reason_boxes.items():
            w.setVisible(k is kind)
            if k is kind and len(group.buttons()) == 1:
                group.buttons()[0].setChecked(True)
        self.move_save.setText(self.tr("Open drawer") if kind is Movement.NO_SALE else self.tr("Save"))
        self._page("move")

    def _save_movement(self) -> None:
        assert self.kind is not None
        kind = self.kind
        group = self.reason_boxes[kind][1]
        checked = group.checkedButton()
        reason = str(checked.property("code")) if checked is not None else ""
        note = self.note.text()
        text = self.amount.text().strip()
        shifts, session = self.shifts, self.session

        def op() -> ShiftState | None:
            amount = 0 if kind is Movement.NO_SALE else _minor(text, shifts.currency())
            shifts.move(session, kind, amount, reason, note)
            state: ShiftState | None = shifts.current()
            return state

        CollectionOp(parent=self, op=op, success=self._show_state).run_in_background(self.ops)

    # --- reports ---------------------------------------------------------------------------------

    def _x(self) -> None:
        shifts = self.shifts
        lang = i18n.current()  # the report on screen speaks the screens' language (printed: the store's)

        def op() -> tuple[dict[str, Any], str]:
            r = shifts.x_report()
            return r, shifts.text(r, language=lang)

        QueryOp(parent=self, op=op, success=self._show_report, kind="report").run_in_background(self.ops)

    def _show_report(self, got: tuple[dict[str, Any], str]) -> None:
        self.report, text = got
        self.report_text.setText(text)
        z = self.report["kind"] == "Z"
        self.report_back.setVisible(not z)
        if z:
            self.title.setText(
                self.tr("Till %s: shift closed, Z report %d") % (self.report["till"], self.report["number"])
            )
            self.status.setText(self.tr("Print it for the safe, or find it later under its number."))
        self._page("report")

    def _print(self) -> None:
        report, shifts = self.report, self.shifts
        if report is None:
            return

        def done(ok: bool) -> None:
            self.status.setText(
                self.tr("Printed.") if ok else self.tr("No printer answered; the report is kept on this till.")
            )

        CollectionOp(parent=self, op=lambda: shifts.print_report(report), success=done).run_in_background(self.ops)

    # --- the manager's day -------------------------------------------------------------------

    def _day(self, step: int) -> None:
        """Today's figures (step 0), or the day before / after the one shown."""
        shifts, session = self.shifts, self.session
        if step == 0:
            self.day_from = self.page if self.page not in ("", "day") else "shift"
            day = None
        else:
            day = (self.day_shown or datetime.now(ZoneInfo(self.store_zone)).date()) + timedelta(days=step)
        QueryOp(parent=self, op=lambda: shifts.day(session, day), success=self._show_day, kind="day").failure(
            self._day_refused
        ).run_in_background(self.ops)

    def _day_refused(self, error: BaseException) -> bool | None:
        if isinstance(error, ServiceError):
            self.show_problem(error_text(error))
            return True
        return None

    def _show_day(self, day: DayFigures) -> None:
        self.day_shown = day.day
        today = datetime.now(ZoneInfo(self.store_zone)).date()
        self.day_after.setEnabled(day.day < today)
        when = self.tr("Today") if day.day == today else day.day.isoformat()
        sales = self.tr("1 sale") if day.sales == 1 else self.tr("%d sales") % day.sales
        self.day_title.setText(self.tr("%s on till %s: %s, %s") % (when, self.till, sales, self._money(day.total)))
        self.day_charts.show_day(day)
        self._page("day")

    # --- the blind count and the close -----------------------------------------------------------

    def _count_page(self) -> None:
        self.count_pad.clear()
        self._page("count")

    def _save_count(self) -> None:
        shifts, session, entries = self.shifts, self.session, self.count_pad.entries()
        self.save_count_button.setEnabled(False)
        CollectionOp(parent=self, op=lambda: shifts.save_count(session, entries), success=self._counted).failure(
            lambda _e: self.save_count_button.setEnabled(True)
        ).run_in_background(self.ops)

    def _counted(self, saved: CountSaved) -> None:
        self.save_count_button.setEnabled(True)
        self.saved = saved
        parts = []
        for v in saved.variances:
            sign = "+" if v.difference > 0 else ""
            parts.append(
                self.tr("Counted %s, expected %s: %s%s")
                % (self._money(v.counted), self._money(v.expected), sign, self._money(v.difference))
            )
        self.variance.setText("\n".join(parts))
        self.variance_reasons.setVisible(saved.needs_manager)
        self.defer_reason.hide()
        self.approval.hide()
        self.approver_for = ""
        self.variance_ok = self.defer_ok = None
        self._page("counted")

    def _reason(self) -> str | None:
        b = self.variance_group.checkedButton()
        return None if b is None else str(b.property("code"))

    def close_shift(self, approver: tuple[int, str] | None = None) -> None:
        shifts, session, state = self.shifts, self.session, self.state
        reason = self._reason()
        defer = self.defer_reason.text()
        if approver is not None:
            if self.approver_for == "variance":
                self.variance_ok = approver
            else:
                self.defer_ok = approver
        kw: dict[str, Any] = {
            "shift_id": state.shift_id if state else None,
            "reason": reason,
            "approver": self.variance_ok,
            "deferrer": self.defer_ok,
            "defer_reason": defer,
        }
        self.close_button.setEnabled(False)
        lang = i18n.current()

        def op() -> tuple[dict[str, Any], str]:
            r = shifts.close(session, **kw)
            return r, shifts.text(r, language=lang)

        CollectionOp(parent=self, op=op, success=self._closed).failure(self._close_failed).run_in_background(self.ops)

    def _close_failed(self, error: BaseException) -> bool | None:
        self.close_button.setEnabled(True)
        code = getattr(error, "code", "")
        if code in ("shift.approval_needed", "shift.unsent"):
            self.approver_for = "variance" if code == "shift.approval_needed" else "defer"
            self.defer_reason.setVisible(code == "shift.unsent")
            self.approval.show()
            shifts = self.shifts
            QueryOp(
                parent=self, op=lambda: shifts.auth.approvers(MANAGER), success=self._people, kind="approvers"
            ).run_in_background(self.ops)
        elif isinstance(error, ServiceError) and code.startswith(("signin.", "approval.")):
            self.approval.error.setText(error_text(error))
            return True
        return None

    def _people(self, people: list[Any]) -> None:
        self.approval.set_people(people)
        self.fit()

    def _close_approved(self, staff_id: int, pin: str) -> None:
        self.close_shift((staff_id, pin))

    def _closed(self, got: tuple[dict[str, Any], str]) -> None:
        self.close_button.setEnabled(True)
        self.saved = None
        self._show_report(got)


def _minor(text: str, currency: str) -> int:
    """An amount as typed ("12.50", "1,200") in minor units; one sentence when it is not one."""
    from decimal import Decimal, InvalidOperation

    from pos_app.core.money import Money
    from pos_app.services.errors import ValidationFailed

    clean = text.replace(",", "").strip()
    try:
        value = Decimal(clean)
    except InvalidOperation:
        raise ValidationFailed("shift.movement_amount", f"“{text}” is not an amount; type digits.") from None
    if not value.is_finite() or value <= 0:
        raise ValidationFailed("shift.movement_amount", "Give an amount above 0.")
    return Money.from_decimal(value, currency).minor


def open_shift(host: QWidget, device: Any, session: Session, ops: Ops) -> ShiftSheet:
    """The main window's "Shift": the sheet over `host`."""
    sheet = ShiftSheet(host, device, session, ops)
    sheet.open()
    return sheet


__all__ = ["DenominationPad", "ShiftSheet", "open_shift"]
