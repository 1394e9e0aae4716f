"""Sign in: tap your name, type your PIN on a big pad. Works offline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.auth import AuthService, Session, SignInError, StaffMember
from pos_app.ui.bridge import Bridge


class SignInView(QWidget):
    signed_in = Signal(object)  # Session

    def __init__(self, auth: AuthService, bridge: Bridge, store_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.auth = auth
        self.bridge = bridge
        self.chosen: StaffMember | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
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
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.who = QLabel(self.tr("Tap your name"))
        self.who.setObjectName("title")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.returnPressed.connect(self._submit)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        pad = QGridLayout()
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            b = QPushButton(self.tr("OK") if key == "OK" else key)
            b.setObjectName("pinOk" if key == "OK" else "pin")  # OK: as big as the digits, in blue
            if key == "⌫":
                b.setToolTip(self.tr("Delete the last digit"))
                b.setAccessibleName(self.tr("Delete"))
            b.clicked.connect(lambda _=False, t=key: self._key(t))
            pad.addWidget(b, i // 3, i % 3)
        right.addWidget(self.who)
        right.addWidget(self.pin)
        right.addLayout(pad)
        right.addWidget(self.error)
        right.addStretch(1)
        layout.addLayout(right, 2)
        self.reload()

    def reload(self) -> None:
        """Fresh for the next person: nobody chosen (a PIN typed under the last person's name
        would count against them), and the staff list as synced now."""
        self.chosen = None
        self.who.setText(self.tr("Tap your name"))
        self.pin.clear()
        self.error.setText("")
        while self.people.count():
            item = self.people.takeAt(0)
            old = item.widget() if item else None
            if old is not None:
                old.hide()  # gone at once, not only when the event loop gets to deleting it
                old.deleteLater()
        staff = self.auth.staff()
        if not staff:
            msg = QLabel(
                self.tr(
                    "No staff for this store on this device yet. Connect to the network and wait for the first sync."
                )
            )
            msg.setWordWrap(True)
            self.people.addWidget(msg, 0, 0)
        for i, person in enumerate(staff):
            b = QPushButton(f"{person.name}\n{self.tr(person.role.name.title())}")
            b.setObjectName("staff")
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.setProperty("staff_id", person.id)
            b.clicked.connect(lambda _=False, p=person: self.choose(p))
            self.people.addWidget(b, i // 2, i % 2)

    def choose(self, person: StaffMember) -> None:
        self.chosen = person
        for b in self.findChildren(QPushButton, "staff"):
            if b.property("staff_id") == person.id:
                b.setChecked(True)
        self.who.setText(person.name)
        self.error.setText("")
        self.pin.clear()
        self.pin.setFocus()

    def _key(self, label: str) -> None:
        if label == "⌫":
            self.pin.backspace()
        elif label == "OK":
            self._submit()
        else:
            self.pin.insert(label)

    def _submit(self) -> None:
        if self.chosen is None:
            self.error.setText(self.tr("Tap your name first."))
            return
        pin = self.pin.text()
        self.pin.clear()
        self.bridge.run(self.auth.sign_in, self.chosen.id, pin, done=self._done, failed=self._failed, owner=self)

    def _done(self, session: Session) -> None:
        self.error.setText("")
        self.signed_in.emit(session)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(str(error) if isinstance(error, SignInError) else self.tr("Sign-in failed; try again."))
