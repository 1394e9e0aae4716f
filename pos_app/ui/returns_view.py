"""The returns page (docs/returns.md): scan the customer's return code (from the e-mail) or a
receipt QR, or type the receipt number; see the lines expected with what each paid and why a
line cannot come back; grade each line (resellable, damaged, wrong item) and its units; see the
refund split as the sale was paid; refund; done. An online-started return is three taps after
the scan: "All resellable", "Refund …", "Done". Every read and write goes through the
operations bridge; what the service refuses is its one sentence in the page's message line."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.auth import Session
from pos_app.services.returns import ReturnCase, ReturnDone, ReturnService
from pos_app.ui import i18n, theme
from pos_app.ui.messages import error_text
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import NARROW, ApprovalPanel, Sheet

# Literal texts for lupdate (a tr() of a variable is never extracted): worded where they are shown.
GRADES = (
    ("resellable", QT_TRANSLATE_NOOP("Returns", "Resellable")),
    ("damaged", QT_TRANSLATE_NOOP("Returns", "Damaged")),
    ("wrong_item", QT_TRANSLATE_NOOP("Returns", "Wrong item")),
)
TENDER_WORDS = {
    "cash": QT_TRANSLATE_NOOP("Returns", "cash"),
    "card": QT_TRANSLATE_NOOP("Returns", "card"),
    "store_credit": QT_TRANSLATE_NOOP("Returns", "store credit"),
    "gift_card": QT_TRANSLATE_NOOP("Returns", "gift card"),
}

STYLE = """
QFrame#returnLine { background: white; border-radius: 10px; }
QLabel#lineName { font-size: 19px; font-weight: 700; }
QLabel#lineMeta { font-size: 16px; color: #52606D; }
QLabel#lineRefused { font-size: 16px; color: #A61B1B; font-weight: 600; }
QLabel#units { font-size: 22px; font-weight: 800; min-width: 48px; qproperty-alignment: AlignCenter; }
QPushButton#grade { padding: 0 12px; font-size: 16px; }
QLabel#refundSplit { font-size: 18px; font-weight: 600; color: #102A43; }
QPushButton#refund { min-height: 72px; font-size: 22px; font-weight: 800; background: #1F7A3D; color: white;
                     border: none; }
QPushButton#refund:disabled { background: #9FB3C8; }
QLabel#doneText { font-size: 24px; font-weight: 700; color: #1F7A3D; background: #E3F4E8; border-radius: 10px;
                  padding: 16px; }
QLabel#queuedText { font-size: 19px; font-weight: 700; color: #8A4B00; background: #FFF4CC; border-radius: 10px;
                    padding: 12px; }
"""


def shiboken_valid(w: QWidget) -> bool:
    return bool(shiboken6.isValid(w))


def _label(text: str, name: str, wrap: bool = True) -> QLabel:
    lab = QLabel(text)
    lab.setObjectName(name)
    lab.setWordWrap(wrap)
    return lab


class LineRow(QFrame):
    """One line of the return: what it is and paid, and its units and grade (or why not)."""

    changed = Signal()

    def __init__(self, line: Any, money: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnLine")
        self.line = line
        self.units = line.quantity
        self.grade: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(6)
        self.name = _label(line.name, "lineName")
        lay.addWidget(self.name)
        units = self.tr("{n} to return").format(n=line.quantity)
        self.meta = _label(f"{line.sku} · {units} · {money}", "lineMeta")
        lay.addWidget(self.meta)
        self.buttons: dict[str, QPushButton] = {}
        if line.refusal:
            lay.addWidget(_label(line.refusal, "lineRefused"))
            return
        self.both = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # portrait: the grades below the units
        self.both.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.minus = QPushButton("−")
        self.minus.setObjectName("clear")
        self.minus.setAccessibleName(self.tr("One unit fewer"))
        self.count = _label(str(self.units), "units", False)
        self.plus = QPushButton("+")
        self.plus.setObjectName("clear")
        self.plus.setAccessibleName(self.tr("One unit more"))
        self.minus.clicked.connect(lambda: self._step(-1))
        self.plus.clicked.connect(lambda: self._step(1))
        for w in (self.minus, self.count, self.plus):
            row.addWidget(w)
        self.both.addLayout(row)
        row = QHBoxLayout()
        row.setSpacing(6)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for code, words in GRADES:
            b = QPushButton(QCoreApplication.translate("Returns", words))
            b.setObjectName("grade")
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, g=code: self.set_grade(g))
            group.addButton(b)
            row.addWidget(b, 1)
            self.buttons[code] = b
        self.both.addLayout(row, 1)
        lay.addLayout(self.both)
        self._enable()

    def set_narrow(self, narrow: bool) -> None:
        if not self.line.refusal:
            self.both.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)

    def _step(self, d: int) -> None:
        self.units = max(1, min(self.line.quantity, self.units + d))
        self.count.setText(str(self.units))
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        self.minus.setEnabled(self.units > 1)
        self.plus.setEnabled(self.units < self.line.quantity)

    def set_grade(self, grade: str) -> None:
        if self.line.refusal:
            return
        self.grade = grade
        self.buttons[grade].setChecked(True)
        self.changed.emit()

    def grades(self) -> list[str]:
        return [self.grade] * self.units if self.grade else []


class ReasonRow(QWidget):
    """The customer's reason for a counter return, one tap: the policy's `reason` rules in the
    screens' language (en/ja/de as the policy words them)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(_label(self.tr("Reason"), "lineMeta", False))
        self.grid = QGridLayout()
        self.grid.setSpacing(6)
        lay.addLayout(self.grid)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self.reason: str | None = None
        self.columns = 3

    def relayout(self, columns: int) -> None:
        """Portrait: two a row; landscape: three."""
        if columns == self.columns:
            return
        self.columns = columns
        for b in self.buttons.values():
            self.grid.removeWidget(b)
        for i, b in enumerate(self.buttons.values()):
            self.grid.addWidget(b, i // columns, i % columns)

    def set_reasons(self, reasons: list[tuple[str, str]], columns: int | None = None) -> None:
        columns = columns or self.columns
        self.columns = columns
        for b in self.buttons.values():
            self.group.removeButton(b)
            b.setParent(None)
            b.deleteLater()
        self.buttons = {}
        self.reason = None
        for i, (code, words) in enumerate(reasons):
            b = QPushButton(words)
            b.setObjectName("grade")
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, c=code: self.choose(c))
            self.group.addButton(b)
            self.grid.addWidget(b, i // columns, i % columns)
            b.show()  # added to a shown row
            self.buttons[code] = b
        self.changed.emit()  # loaded: the page looks again (and brings them into sight)

    def choose(self, code: str) -> None:
        if code in self.buttons:
            self.reason = code
            self.buttons[code].setChecked(True)
            self.changed.emit()


def load_reasons(service: ReturnService, row: ReasonRow, ops: Ops, parent: QWidget) -> None:
    lang = i18n.current()
    QueryOp(parent=parent, op=lambda: service.reasons(lang), success=row.set_reasons).run_in_background(ops)


# A receipt number as the tills print it (TKY01-3F2A1C-000042); anything else typed that is not a
# card's last 4 digits is a customer search (phone, e-mail, name).
RECEIPT_NUMBER = re.compile(r"^[A-Za-z]{2,6}\d{0,3}-[0-9A-Fa-f]{4,12}-\d{1,9}$")


class ReturnsView(QWidget):
    look_up = Signal()
    # "Exchange": (ReturnCase, graded ReturnDraft, credit, credit as text) to the sell screen,
    # where the credit pays the new items (ReturnService.exchange; docs/returns.md)
    exchange = Signal(object, object, int, str)

    def __init__(self, device: Any, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        theme.styled(self, STYLE)
        self.service: ReturnService = device.returns
        self.session = session
        self.ops = ops
        self.case: ReturnCase | None = None
        self.locale = "en_US"
        self.rows: list[LineRow] = []
        self.sheet: NoReceiptSheet | None = None
        self.plan: list[Any] = []
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 8)
        root.setSpacing(8)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("‹ Look up"))
        self.back.clicked.connect(self._back)
        self.heading = _label(self.tr("Returns"), "title", False)
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        root.addLayout(top)
        self.message = _label("", "notice")
        self.message.hide()
        root.addWidget(self.message)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)
        self._find_page()
        self._case_page()
        self._done_page()
        self.currency = "JPY"
        QueryOp(
            parent=self, op=lambda: (self.service.locale(), self.service.currency()), success=self._set_locale
        ).run_in_background(self.ops)

    # --- building -------------------------------------------------------------------------------

    def _find_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.setSpacing(12)
        lay.addWidget(
            _label(
                self.tr(
                    "Scan the customer's return code or receipt, or type the receipt number, the card's "
                    "last 4 digits (this till's card sales) or the customer's phone, e-mail or name."
                ),
                "subtitle",
            )
        )
        row = QHBoxLayout()
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText(self.tr("Receipt, last 4 digits, customer"))
        self.receipt.setAccessibleName(self.receipt.placeholderText())
        self.receipt.returnPressed.connect(self.find)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.setObjectName("primary")
        self.find_button.clicked.connect(self.find)
        row.addWidget(self.receipt, 1)
        row.addWidget(self.find_button)
        lay.addLayout(row)
        self.no_receipt = QPushButton(self.tr("No receipt…"))
        self.no_receipt.clicked.connect(self.open_no_receipt)
        lay.addWidget(self.no_receipt)
        self.found_box = QVBoxLayout()  # the sales a card search found: one button each
        self.found_box.setSpacing(6)
        lay.addLayout(self.found_box)
        lay.addStretch(1)
        self.find_view = page
        self.pages.addWidget(page)

    def _case_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        self.case_title = _label("", "latin")
        lay.addWidget(self.case_title)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("page")
        self.lines_box = QVBoxLayout(body)
        self.lines_box.setContentsMargins(0, 0, 0, 0)
        self.lines_box.setSpacing(8)
        self.lines_box.addStretch(1)
        area.setWidget(body)
        self.lines_area = area
        lay.addWidget(area, 1)
        self.reasons = ReasonRow()  # a counter return's reason (an online one has the customer's), under the lines
        self.reasons.changed.connect(self._update)
        self.reasons.hide()
        self.lines_box.insertWidget(self.lines_box.count() - 1, self.reasons)
        self.split = _label("", "refundSplit")
        lay.addWidget(self.split)
        bar = QHBoxLayout()
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.reset)
        self.all_good = QPushButton(self.tr("All resellable"))
        self.all_good.clicked.connect(lambda: self._all("resellable"))
        self.refund = QPushButton(self.tr("Refund"))
        self.refund.setObjectName("refund")
        self.refund.clicked.connect(self.complete)
        self.swap = QPushButton(self.tr("Exchange"))
        self.swap.setToolTip(self.tr("The credit pays new items on the sell screen"))
        self.swap.clicked.connect(self.start_exchange)
        bar.addWidget(self.cancel)
        bar.addWidget(self.all_good)
        bar.addWidget(self.swap)
        bar.addWidget(self.refund, 1)
        self.bar = bar
        lay.addLayout(bar)
        self.case_view = page
        self.pages.addWidget(page)

    def _done_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.setSpacing(12)
        self.done_text = _label("", "doneText")
        self.queued_text = _label("", "queuedText")
        self.stock_text = _label("", "subtitle")
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("primary")
        self.done_button.clicked.connect(self.reset)
        for w in (self.done_text, self.queued_text, self.stock_text):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.done_button)
        self.done_view = page
        self.pages.addWidget(page)

    def resizeEvent(self, event: Any) -> None:
        narrow = self.width() < NARROW
        self.bar.setDirection(QHBoxLayout.Direction.TopToBottom if narrow else QHBoxLayout.Direction.LeftToRight)
        for r in self.rows:
            r.set_narrow(narrow)
        self.reasons.relayout(2 if narrow else 3)
        super().resizeEvent(event)

    # --- messages ----------------------------------------------------------------------------------

    def say(self, text: str, kind: str = "notice") -> None:
        if self.message.objectName() != kind:
            self.message.setObjectName(kind)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        self.say(text, "error")

    def _set_locale(self, locale_currency: tuple[str, str]) -> None:
        self.locale, self.currency = locale_currency

    def money(self, minor: int) -> str:
        cur = self.case.currency if self.case is not None else "JPY"
        return ReturnService.format(minor, cur, self.locale)

    # --- finding ----------------------------------------------------------------------------------

    def _back(self) -> None:
        self.reset()
        self.look_up.emit()

    def reset(self) -> None:
        self.case = None
        self._clear_found()
        self.say("")
        self.receipt.clear()
        self.pages.setCurrentWidget(self.find_view)

    def scanned(self, code: str) -> None:
        if self.sheet is not None and shiboken_valid(self.sheet) and self.sheet.isVisible():
            self.sheet.scanned(code)  # the item of a return without a receipt
            return
        self.say("")
        QueryOp(parent=self, op=lambda: self.service.scan(code), success=self.open_case, kind="find").run_in_background(
            self.ops
        )

    def find(self) -> None:
        number = self.receipt.text()
        self.say("")
        self._clear_found()
        digits = "".join(ch for ch in number if ch.isdigit())
        if len(number.strip()) == 4 and len(digits) == 4:  # the card's last 4 digits
            QueryOp(
                parent=self, op=lambda: self.service.by_card(digits), success=self._found, kind="find"
            ).run_in_background(self.ops)
            return
        if number.strip() and not RECEIPT_NUMBER.match(number.strip()):  # a phone, an e-mail, a name
            text = number.strip()
            QueryOp(
                parent=self, op=lambda: self.service.customer_receipts(text), success=self._customers, kind="find"
            ).run_in_background(self.ops)
            return
        QueryOp(
            parent=self, op=lambda: self.service.by_receipt(number), success=self.open_case, kind="find"
        ).run_in_background(self.ops)

    def open_no_receipt(self) -> NoReceiptSheet:
        self.say("")
        self.pages.setCurrentWidget(self.find_view)
        sheet = NoReceiptSheet(self)
        self.sheet = sheet
        sheet.open()
        return sheet

    def _clear_found(self) -> None:
        while self.found_box.count():
            item = self.found_box.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.setParent(None)
                w.deleteLater()

    def _found(self, sales: list[tuple[str, str, int]]) -> None:
        if not sales:
            self.say(self.tr("No card sale of this till ends in these digits."), "error")
            return
        for number, when, total in sales:
            b = QPushButton(f"{number} · {when} · {ReturnService.format(total, self.currency, self.locale)}")
            b.setObjectName("giveLine")
            b.clicked.connect(lambda _c=False, n=number: self._open_receipt(n))
            self.found_box.addWidget(b)

    def _customers(self, found: list[tuple[Any, list[tuple[str, str, int]]]]) -> None:
        if not found:
            self.say(self.tr("No customer found: try their phone number or e-mail."), "error")
            return
        for customer, sales in found:
            who = " · ".join(x for x in (customer.name, customer.contact) if x)
            self.found_box.addWidget(_label(who, "subtitle"))
            if not sales:
                self.found_box.addWidget(_label(self.tr("No sales on this customer's account."), "hint"))
            for number, when, total in sales[:6]:
                b = QPushButton(f"{number} · {when} · {ReturnService.format(total, self.currency, self.locale)}")
                b.setObjectName("giveLine")
                b.clicked.connect(lambda _c=False, n=number: self._open_receipt(n))
                self.found_box.addWidget(b)

    def _open_receipt(self, number: str) -> None:
        self.receipt.setText(number)
        self.find()

    def open_case(self, case: ReturnCase) -> None:
        self.case = case
        for r in self.rows:
            r.setParent(None)
            r.deleteLater()
        self.rows = []
        for i, ln in enumerate(case.lines):
            row = LineRow(ln, self.money(ln.amount))
            row.changed.connect(self._update)
            row.set_narrow(self.width() < NARROW)
            self.lines_box.insertWidget(i, row)
            self.rows.append(row)
        what = self.tr("Return {n}").format(n=case.number) if case.kind == "authorized" else self.tr("Receipt {n}")
        title = what.format(n=case.number)
        if case.kind == "authorized" and case.receipt_no:
            title += " · " + self.tr("receipt {r}").format(r=case.receipt_no)
        if not case.checked_online:
            title += " · " + self.tr("checked offline")
        self.case_title.setText(title)
        counter = case.kind != "authorized"
        self.reasons.reason = None
        self.reasons.setVisible(counter)
        if counter:
            load_reasons(self.service, self.reasons, self.ops, self)
        self.all_good.setEnabled(any(not r.line.refusal for r in self.rows))
        self.pages.setCurrentWidget(self.case_view)
        self._update()

    # --- grading and the refund ------------------------------------------------------------------

    def _all(self, grade: str) -> None:
        for r in self.rows:
            r.set_grade(grade)

    def draft(self) -> Any:
        assert self.case is not None
        d = self.case.draft()
        for r in self.rows:
            g = r.grades()
            if g:
                d = d.grade(r.line.line_id, g)
        return d

    def _update(self) -> None:
        if self.case is None:
            return
        d = self.draft()
        total = d.total
        graded = all(r.grade or r.line.refusal for r in self.rows)
        if self.case.kind != "authorized" and self.reasons.reason is None:
            graded = False  # a counter return also needs its reason
        self.plan = []
        if total:
            try:
                self.plan = self.service.plan(self.case, d)
            except Exception as e:  # more than the tenders can take: said, not refundable
                self.split.setText(error_text(e))
                self.refund.setEnabled(False)
                self.swap.setEnabled(False)
                return
        parts = " · ".join(
            f"{self.money(s.amount)} {QCoreApplication.translate('Returns', TENDER_WORDS.get(s.type, s.type))}"
            for s in self.plan
        )
        if not graded and all(r.grade or r.line.refusal for r in self.rows):
            self.split.setText(self.tr("Tap the customer's reason."))
            QTimer.singleShot(0, self._reasons_in_view)
        elif not graded:
            self.split.setText(self.tr("Grade each line to see the refund."))
        elif not total:
            self.split.setText(self.tr("Nothing is taken back: a wrong item is handed back to the customer."))
        else:
            self.split.setText(self.tr("Back as paid: {parts}").format(parts=parts))
        self.refund.setText(self.tr("Refund {amount}").format(amount=self.money(total)) if total else self.tr("Refund"))
        self.refund.setEnabled(graded and total > 0)
        self.swap.setEnabled(graded and total > 0 and self.case.kind != "no_receipt")

    def start_exchange(self) -> None:
        """The graded return's credit goes to the sell screen; nothing is written until Pay."""
        case = self.case
        if case is None:
            return
        d = self.draft()
        if case.kind != "authorized":
            case = replace(case, reason=self.reasons.reason or "")
        self.exchange.emit(case, d, d.total, self.money(d.total))
        self.reset()

    def _reasons_in_view(self) -> None:
        """A short screen: the lines graded, the reasons (under them) scrolled into sight."""
        buttons = list(self.reasons.buttons.values())
        if buttons and self.reasons.isVisible():
            self.lines_area.ensureWidgetVisible(buttons[-1], 0, 8)

    def complete(self) -> None:
        case, d = self.case, self.draft()
        if case is None:
            return
        self.refund.setEnabled(False)
        self.say(self.tr("Refunding… (a card refund waits for the terminal)"))

        def failed(_e: BaseException) -> bool:
            self._update()
            return False  # the bridge says the sentence

        reason = self.reasons.reason if case.kind != "authorized" else None
        CollectionOp(
            parent=self, op=lambda: self.service.complete(self.session, case, d, reason=reason), success=self.finished
        ).failure(failed).run_in_background(self.ops)

    def finished(self, done: ReturnDone) -> None:
        self.say("")
        self.done_text.setText(done.message.split(" The card refund")[0])
        self.queued_text.setText(
            self.tr("The card refund is queued: tell the customer it reaches their card once the terminal takes it.")
        )
        self.queued_text.setVisible(done.queued)
        bits = []
        if done.restocked:
            bits.append(self.tr("{n} back on the shelf").format(n=done.restocked))
        if done.quarantined:
            bits.append(self.tr("{n} to quarantine").format(n=done.quarantined))
        self.stock_text.setText(" · ".join(bits))
        self.pages.setCurrentWidget(self.done_view)


class NoReceiptSheet(Sheet):
    """A return without a receipt: the item (scan or type), the customer (their store credit
    takes the refund), then a manager approves with their PIN, and it completes."""

    def __init__(self, page: ReturnsView) -> None:
        super().__init__(page.window().centralWidget() or page)
        self.page = page
        self.case: ReturnCase | None = None
        lay = self.layout_
        lay.addWidget(_label(self.tr("Return without a receipt"), "title", False))
        lay.addWidget(
            _label(self.tr("Refunded as store credit to the customer, with a manager's approval."), "subtitle")
        )
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("Item: scan or type its barcode or SKU"))
        self.customer = QLineEdit()
        self.customer.setPlaceholderText(self.tr("Customer: phone, e-mail or name"))
        self.error = _label("", "error")
        self.summary = _label("", "refundSplit")
        self.reasons = ReasonRow()
        self.reasons.columns = 2
        for w in (self.item, self.customer, self.reasons, self.error, self.summary):
            lay.addWidget(w)
        load_reasons(page.service, self.reasons, page.ops, self)
        self.error.hide()
        self.summary.hide()
        self.approval = ApprovalPanel()
        self.approval.heading.setText(self.tr("A manager approves: tap your name, then type your PIN."))
        self.approval.pin.setPlaceholderText(self.tr("Manager's PIN"))
        self.approval.submitted.connect(self._approved)
        self.approval.cancelled.connect(self._back)
        self.approval.hide()
        lay.addWidget(self.approval)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.reject)
        self.next = QPushButton(self.tr("Ask a manager"))
        self.next.setObjectName("primary")
        self.next.clicked.connect(self._find)
        self.footer.addWidget(self.cancel)
        self.footer.addWidget(self.next, 1)

    def scanned(self, code: str) -> None:
        self.item.setText(code.strip())

    def _find(self) -> None:
        item, who = self.item.text(), self.customer.text()
        self.error.setText("")
        self.error.hide()
        if self.reasons.reason is None:
            self.error.setText(self.tr("Tap the customer's reason."))
            self.error.show()
            self.fit()
            return

        def op() -> tuple[ReturnCase, list[Any], tuple[int, bool], int]:
            service = self.page.service
            case = service.no_receipt_find(item, who)
            allowance = service.no_receipt_allowance(int(case.customer_id or 0))  # central's count when online
            return case, service.managers(), allowance, service.no_receipt_limit()

        def failed(e: BaseException) -> bool:
            self.error.setText(error_text(e))
            self.error.show()
            self.fit()
            return True

        QueryOp(parent=self, op=op, success=self._ask).failure(failed).run_in_background(self.page.ops)

    def _ask(self, found: tuple[ReturnCase, list[Any], tuple[int, bool], int]) -> None:
        self.case, people, (left, at_central), limit = found
        line = self.case.lines[0]

        def money(minor: int) -> str:
            return ReturnService.format(minor, self.case.currency if self.case else "JPY", self.page.locale)

        left_text = (
            self.tr("{left} of {limit} left without a receipt in 30 days (all stores)")
            if at_central
            else self.tr("{left} of {limit} left without a receipt in 30 days (this till's count: offline)")
        )
        self.summary.setText(
            self.tr("{item} · {amount} as store credit to {who}").format(
                item=line.name, amount=money(line.amount), who=self.case.customer_name,
            )
            + "\n" + left_text.format(left=money(left), limit=money(limit))
        )  # fmt: skip
        self.approval.set_people(people)
        for w in (self.item, self.customer, self.reasons):  # the summary says them now: room for the PIN pad
            w.hide()
        self.summary.show()
        self.approval.show()
        self.next.hide()
        self.fit()

    def _back(self) -> None:
        self.approval.hide()
        self.summary.hide()
        for w in (self.item, self.customer, self.reasons):
            w.show()
        self.next.show()
        self.fit()

    def _approved(self, staff_id: int, pin: str) -> None:
        case, page = self.case, self.page
        if case is None:
            return

        reason = self.reasons.reason

        def op() -> ReturnDone:
            approver = page.service.approve(staff_id, pin)
            draft = case.draft().grade_all()
            return page.service.complete(page.session, case, draft, approver=approver, reason=reason)

        def failed(e: BaseException) -> bool:
            self.approval.error.setText(error_text(e))
            self.approval.pin.clear()
            return True

        def done(result: ReturnDone) -> None:
            self.accept()
            page.finished(result)

        CollectionOp(parent=self, op=op, success=done).failure(failed).run_in_background(page.ops)


__all__ = ["LineRow", "NoReceiptSheet", "ReasonRow", "ReturnsView"]
