"""Sign in: tap your name, type your PIN on a big pad. Works offline.

The staff list is read and the PIN checked on workers (the bridge); a second OK while one check
is on its way is ignored; a lockout counts down to the second; digits typed before a name is
chosen are ignored (they would count against nobody, or against the last person)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.auth import AuthService, Session, StaffMember
from pos_app.services.errors import SignInError
from pos_app.ui.messages import error_text, wait_words
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import NARROW, PinPad, StatusBar, role_word


class SignInView(QWidget):
    signed_in = Signal(object)  # Session

    def __init__(self, auth: AuthService, ops: Ops, store_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.auth = auth
        self.ops = ops
        self.chosen: StaffMember | None = None
        self.checking = False
        self.locked_until: datetime | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("page")
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.bar = StatusBar()
        self.bar.pending.setEnabled(False)  # the queue opens once someone is signed in
        self.bar.problems.setEnabled(False)
        outer.addWidget(self.bar)
        self.columns = QGridLayout(body)
        self.columns.setContentsMargins(24, 20, 24, 16)
        self.columns.setHorizontalSpacing(24)
        left = QVBoxLayout()
        title = QLabel(self.tr("Who is signing in?"))
        title.setObjectName("title")
        sub = QLabel(store_name)
        sub.setObjectName("subtitle")
        left.addWidget(title)
        left.addWidget(sub)
        self.people = QGridLayout()
        left.addLayout(self.people)
        left.addStretch(1)
        self.left = QWidget()
        self.left.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        self.who = QLabel(self.tr("Tap your name"))
        self.who.setObjectName("title")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setAccessibleName(self.pin.placeholderText())
        self.pin.returnPressed.connect(self._submit)
        self.pin.textEdited.connect(self._typed)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.pad = PinPad(self.pin, lambda: self.chosen is not None)
        self.pad.submitted.connect(self._submit)
        right.addWidget(self.who)
        right.addWidget(self.pin)
        right.addWidget(self.pad)
        right.addWidget(self.error)
        right.addStretch(1)
        self.right = QWidget()
        self.right.setLayout(right)
        self._narrow: bool | None = None
        self._place(False)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        self.reload()

    def _place(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.columns.removeWidget(self.left)
        self.columns.removeWidget(self.right)
        if narrow:  # portrait: names above, the pad below
            self.columns.addWidget(self.left, 0, 0)
            self.columns.addWidget(self.right, 1, 0)
            self.columns.setColumnStretch(0, 1)
            self.columns.setColumnStretch(1, 0)
        else:
            self.columns.addWidget(self.left, 0, 0)
            self.columns.addWidget(self.right, 0, 1)
            self.columns.setColumnStretch(0, 3)
            self.columns.setColumnStretch(1, 2)

    def resizeEvent(self, event: Any) -> None:
        self._place(self.width() < NARROW)
        cols = 2
        if cols != self._cols:
            self._cols = cols
            self._layout_people()
        super().resizeEvent(event)

    _cols = 2

    def _layout_people(self) -> None:
        buttons = [b for b in self.findChildren(QPushButton, "staff") if not b.isHidden()]
        for b in buttons:
            self.people.removeWidget(b)
        for i, b in enumerate(buttons):
            self.people.addWidget(b, i // self._cols, i % self._cols)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)

    def reload(self) -> None:
        """Fresh for the next person: nobody chosen (a PIN typed under the last person's name
        would count against them), and the staff list as synced now (read on a worker)."""
        self.chosen = None
        self.locked_until = None
        self.countdown.stop()
        self.who.setText(self.tr("Tap your name"))
        self.pin.clear()
        self.error.setText("")
        for b in self.findChildren(QPushButton, "staff"):
            b.setChecked(False)
        QueryOp(parent=self, op=self.auth.staff, success=self._show_staff, kind="staff").run_in_background(self.ops)

    def _show_staff(self, staff: list[StaffMember]) -> None:
        while self.people.count():
            item = self.people.takeAt(0)
            old = item.widget() if item else None
            if old is not None:
                old.hide()  # gone at once, not only when the event loop gets to deleting it
                old.deleteLater()
        if not staff:
            msg = QLabel(
                self.tr(
                    "No staff for this store on this device yet. Connect to the network and wait for the first sync."
                )
            )
            msg.setWordWrap(True)
            self.people.addWidget(msg, 0, 0)
        for i, person in enumerate(staff):
            b = QPushButton(f"{person.name}\n{role_word(person.role)}")
            b.setObjectName("staff")
            b.setCheckable(True)  # one checked at a time (choose); not auto-exclusive, so Tab stops at every name
            b.setProperty("staff_id", person.id)
            b.clicked.connect(lambda _=False, p=person: self.choose(p))
            self.people.addWidget(b, i // self._cols, i % self._cols)
            b.show()

    def choose(self, person: StaffMember) -> None:
        self.chosen = person
        for b in self.findChildren(QPushButton, "staff"):
            b.setChecked(b.property("staff_id") == person.id)
        self.who.setText(person.name)
        self.error.setText("")
        self.locked_until = None
        self.countdown.stop()
        self.pin.clear()
        self.pin.setFocus()
        QueryOp(
            parent=self, op=lambda: self.auth.locked_until(person.id), success=self._lock_known, kind="lock"
        ).run_in_background(self.ops)

    def _lock_known(self, until: datetime | None) -> None:
        if until is not None:
            self._start_countdown(until)

    def _typed(self, _text: str) -> None:
        if self.chosen is None:  # a keyboard's digits before a name: ignored like the pad's
            self.pin.clear()
            self.error.setText(self.tr("Tap your name first."))

    def _submit(self) -> None:
        if self.chosen is None:
            self.error.setText(self.tr("Tap your name first."))
            return
        if self.checking:
            return  # one check at a time: a second OK is not a second guess
        pin = self.pin.text()
        self.pin.clear()
        self.checking = True
        staff_id = self.chosen.id
        CollectionOp(parent=self, op=lambda: self.auth.sign_in(staff_id, pin), success=self._done).failure(
            self._failed
        ).run_in_background(self.ops)

    def _done(self, session: Session) -> None:
        self.checking = False
        self.error.setText("")
        self.signed_in.emit(session)

    def _failed(self, error: BaseException) -> bool:
        self.checking = False
        if isinstance(error, SignInError) and error.locked_until is not None:
            self.error.setText(error_text(error))
            self._start_countdown(error.locked_until, keep_first=True)
            return True
        return False  # the bridge says it

    def _start_countdown(self, until: datetime, keep_first: bool = False) -> None:
        self.locked_until = until
        self.countdown.start()
        if not keep_first:
            self._tick()

    def _tick(self) -> None:
        until = self.locked_until
        if until is None:
            self.countdown.stop()
            return
        left = int((until - datetime.now(UTC)).total_seconds()) + 1
        if left <= 0:
            self.countdown.stop()
            self.locked_until = None
            self.error.setText(self.tr("You can try your PIN again."))
            return
        self.error.setText(self.tr("Too many wrong PINs. Try again in {0}.").replace("{0}", wait_words(left)))
