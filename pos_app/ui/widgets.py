"""Pieces more than one screen uses: the status bar, the dialog sheet over a dimmed page, the
PIN pad and the on-the-spot approval by a supervisor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.sync import SyncStatus
from pos_app.ui import theme

NARROW = 700  # narrower than this (portrait tablets): one column, shorter words


def role_word(role: Any) -> str:
    """A role in the screens' language (Role.ASSOCIATE → "Associate")."""
    words = {
        1: QCoreApplication.translate("Roles", "Associate"),
        2: QCoreApplication.translate("Roles", "Supervisor"),
        3: QCoreApplication.translate("Roles", "Manager"),
    }
    return words.get(int(role), str(getattr(role, "name", role)).title())


def reason_word(reason: Any) -> str:
    """A stock correction's reason in the screens' language (CorrectionReason.FOUND → "Found more")."""
    words = {
        "found": QCoreApplication.translate("Reasons", "Found more"),
        "damaged": QCoreApplication.translate("Reasons", "Damaged"),
        "theft": QCoreApplication.translate("Reasons", "Missing / theft"),
        "miscount": QCoreApplication.translate("Reasons", "Count was wrong"),
        "other": QCoreApplication.translate("Reasons", "Other (say why)"),
    }
    return words.get(str(getattr(reason, "value", reason)), str(getattr(reason, "label", reason)))


def hhmm(dt: datetime | None, tz: tzinfo | None, now: datetime | None = None) -> str:
    if dt is None:
        return QCoreApplication.translate("hhmm", "unknown")
    now = now or datetime.now(UTC)
    local = dt.astimezone(tz)
    return f"{local:%H:%M}" if now - dt < timedelta(hours=20) else f"{local.day} {local:%b %H:%M}"


class TileButton(QPushButton):
    """A tile whose lines are cut to its width with an ellipsis ("リネンシャツ…"), never
    clipped mid-character; the whole text stays its tooltip and accessible name."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.full = text
        self.setToolTip(text)
        self.setAccessibleName(text.replace("\n", ", "))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        room = max(0, self.contentsRect().width() - 28)  # the tile style's 12 px padding each side, and its border
        metrics = self.fontMetrics()
        shown = "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in self.full.split("\n"))
        if shown != self.text():
            self.setText(shown)


class StatusBar(QFrame):
    """How fresh the data is, what waits to be sent, what went wrong — on every signed-in screen
    and the sign-in screen. Wide: one row; narrow (portrait): the link on top, the buttons below."""

    queue_clicked = Signal()
    problems_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusbar")
        self.setProperty("offline", False)
        self.tz: tzinfo | None = None
        self.status: SyncStatus = SyncStatus()
        self.net = QLabel()
        self.net.setObjectName("net")
        self.net.setWordWrap(True)
        self.net.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pending = QPushButton()
        self.pending.setObjectName("bar")
        self.pending.clicked.connect(self.queue_clicked)
        self.problems = QPushButton()
        self.problems.setObjectName("bar")
        self.problems.clicked.connect(self.problems_clicked)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 2, 8, 2)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        self._narrow: bool | None = None
        self._place(False)
        self.show_status(self.status)

    def _place(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for w in (self.net, self.pending, self.problems):
            self.grid.removeWidget(w)
        if narrow:
            self.grid.addWidget(self.net, 0, 0, 1, 2)
            self.grid.addWidget(self.pending, 1, 0)
            self.grid.addWidget(self.problems, 1, 1)
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 1)
            self.grid.setColumnStretch(2, 0)
        else:
            self.grid.addWidget(self.net, 0, 0)
            self.grid.addWidget(self.pending, 0, 1)
            self.grid.addWidget(self.problems, 0, 2)
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 0)
            self.grid.setColumnStretch(2, 0)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        self._place(self.width() < NARROW)
        super().resizeEvent(event)  # type: ignore[arg-type]

    def show_activity(self, text: str) -> None:
        """Long work in progress ("Downloading everything again: catalog 41 %"), "" when over:
        said in the bar instead of the link's line, which comes back afterwards."""
        self.activity = text
        self.show_status(self.status)

    activity = ""

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if status.online is None:
            text = self.tr("● Connecting to central…")
        elif status.online:
            text = self.tr("● Online") + (self.tr(" — live updates") if status.live else "")
            text += self.tr(" · last sync {0}").replace("{0}", hhmm(status.last_sync_at, self.tz))
        else:
            text = self.tr("○ Offline — working from data as of {0}").replace("{0}", hhmm(status.data_as_of, self.tz))
        self.net.setText(f"⟳ {self.activity}" if self.activity else text)
        offline = status.online is False
        if self.property("offline") != offline:  # the whole bar turns amber while offline
            self.setProperty("offline", offline)
            self.style().unpolish(self)
            self.style().polish(self)
        waiting = status.pending_ops + getattr(status, "stuck_ops", 0)
        self.pending.setText(
            self.tr("{0} waiting to send").replace("{0}", str(waiting)) if waiting else self.tr("All sent")
        )
        n = len(status.errors) + status.dead_ops
        if n == 1:
            self.problems.setText(self.tr("1 problem"))
        else:
            self.problems.setText(self.tr("{0} problems").replace("{0}", str(n)) if n else self.tr("No problems"))
        self.problems.setProperty("bad", bool(n))
        self.problems.style().unpolish(self.problems)
        self.problems.style().polish(self.problems)


class Sheet(QWidget):
    """A dialog inside the window: the page behind is dimmed, the card has a frame and scrolls
    when the screen is short (853×533). `accepted` / `rejected` as a QDialog's."""

    accepted = Signal()
    rejected = Signal()
    finished = Signal()
    showing: list[Sheet] = []  # open sheets, the last on top (Escape closes it: pos_app/ui/keys.py)

    def __init__(self, host: QWidget, max_width: int = 620) -> None:
        super().__init__(host)
        self.setObjectName("scrim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.host = host
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        self.card = QFrame()
        self.card.setObjectName("card")
        self.card.setMaximumWidth(theme.px(max_width))  # larger text, a wider card (docs/accessibility.md)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setObjectName("cardScroll")
        self.body = QWidget()
        self.body.setObjectName("cardBody")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(20, 16, 20, 16)
        self.scroll.setWidget(self.body)
        card_lay = QVBoxLayout(self.card)
        card_lay.setContentsMargins(0, 0, 0, 0)
        card_lay.setSpacing(0)
        card_lay.addWidget(self.scroll, 1)
        # The footer (Cancel / Save) stays in sight however short the screen: only the body scrolls.
        self.footer_box = QWidget()
        self.footer_box.setObjectName("cardBody")
        self.footer = QHBoxLayout(self.footer_box)
        self.footer.setContentsMargins(20, 8, 20, 14)
        card_lay.addWidget(self.footer_box)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 100)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        host.installEventFilter(self)
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
            self.fit()
        return False

    def fit(self) -> None:
        """As tall as the content, at most the window (then the body scrolls)."""
        self.body.adjustSize()
        want = self.body.sizeHint().height() + (
            self.footer_box.sizeHint().height() if self.footer_box.isVisible() else 0
        )
        self.card.setFixedHeight(max(120, min(want + 8, self.height() - 24)))

    def open(self) -> None:
        self.setGeometry(self.host.rect())
        before = QApplication.focusWidget()
        self.came_from = before if before is not None and not self.isAncestorOf(before) else None
        self.show()
        self.raise_()
        self.fit()
        if self in Sheet.showing:
            Sheet.showing.remove(self)
        Sheet.showing.append(self)
        # The keyboard goes with the eyes: into the sheet (its first field or button), unless the
        # sheet put it somewhere of its own already.
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            chain = self.focusables()
            if chain:
                first = next((w for w in chain if isinstance(w, QLineEdit)), chain[0])
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def focusables(self) -> list[QWidget]:
        """The widgets of this sheet Tab stops at, in focus-chain order."""
        out: list[QWidget] = []
        w = self.nextInFocusChain()
        while w is not None and w is not self and len(out) < 500:
            if (
                self.isAncestorOf(w)
                and w.isVisible()
                and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            ):
                out.append(w)
            w = w.nextInFocusChain()
        return out

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round this sheet, never to the dimmed page behind it."""
        chain = self.focusables()
        if not chain:
            return super().focusNextPrevChild(next)
        focus = QApplication.focusWidget()
        i = chain.index(focus) if focus in chain else (-1 if next else 0)
        target = chain[(i + (1 if next else -1)) % len(chain)]
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def _close(self) -> None:
        if self in Sheet.showing:
            Sheet.showing.remove(self)
        had_focus = self.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else True
        self.hide()
        self.finished.emit()
        back = getattr(self, "came_from", None)
        if had_focus and back is not None and shiboken6.isValid(back) and back.isVisible() and back.isEnabled():
            back.setFocus(Qt.FocusReason.OtherFocusReason)  # where the keyboard was before the sheet
        self.deleteLater()

    def accept(self) -> None:
        self.accepted.emit()
        self._close()

    def reject(self) -> None:
        self.rejected.emit()
        self._close()

    def keyPressEvent(self, event: object) -> None:  # type: ignore[override]
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


class PinPad(QWidget):
    """Twelve thumb-sized keys writing into `field`; digits are ignored until `ready()` says so
    (no PIN typed under nobody's name)."""

    submitted = Signal()

    def __init__(
        self,
        field: QLineEdit,
        ready: Callable[[], bool] = lambda: True,
        big: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.ready = ready
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            b = QPushButton(self.tr("OK") if key == "OK" else key)
            b.setObjectName(("pinOk" if key == "OK" else "pin") if big else ("padOk" if key == "OK" else "pad"))
            if key == "⌫":
                b.setToolTip(self.tr("Delete the last digit"))
                b.setAccessibleName(self.tr("Delete"))
            b.clicked.connect(lambda _=False, t=key: self._key(t))
            grid.addWidget(b, i // 3, i % 3)

    def _key(self, label: str) -> None:
        if label == "⌫":
            self.field.backspace()
        elif label == "OK":
            self.submitted.emit()
        elif self.ready():
            self.field.insert(label)


class ApprovalPanel(QWidget):
    """A supervisor approves on the spot: tap your name, type your PIN (AuthService.approve).
    `approve(staff_id, pin)` is called by the owner, which runs it as an operation."""

    submitted = Signal(int, str)  # staff id, pin
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: int | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.grid = grid
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("A supervisor approves: tap your name, then type your PIN."))
        self.heading.setObjectName("subtitle")
        self.heading.setWordWrap(True)
        left.addWidget(self.heading)
        self.names = QGridLayout()
        left.addLayout(self.names)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setPlaceholderText(self.tr("Supervisor's PIN"))
        self.pin.setAccessibleName(self.tr("PIN"))  # whose (supervisor's, manager's) the placeholder says
        self.pin.returnPressed.connect(self._submit)
        left.addWidget(self.pin)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        left.addWidget(self.error)
        left.addStretch(1)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.cancelled)
        left.addWidget(back)
        self.left = QWidget()
        self.left.setLayout(left)
        self.pad = PinPad(self.pin, lambda: self.chosen is not None, big=False)
        self.pad.submitted.connect(self._submit)
        # Side by side (names and PIN | pad): a 853×533 screen has no room for them stacked.
        grid.addWidget(self.left, 0, 0)
        grid.addWidget(self.pad, 0, 1)

    def resizeEvent(self, event: Any) -> None:
        stacked = self.window().width() < NARROW  # portrait: the pad under the names
        if (self.grid.itemAtPosition(1, 0) is not None) != stacked:
            self.grid.removeWidget(self.pad)
            self.grid.addWidget(self.pad, *((1, 0) if stacked else (0, 1)))
        super().resizeEvent(event)

    def set_people(self, people: list[object]) -> None:
        while self.names.count():
            item = self.names.takeAt(0)
            w = item.widget() if item else None
            if w is not None:
                w.hide()
                w.deleteLater()
        self.chosen = None
        if not people:
            self.error.setText(self.tr("Nobody on this device may approve this."))
        for i, person in enumerate(people):
            b = QPushButton(str(getattr(person, "name", "")))
            b.setObjectName("approver")
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.setProperty("staff_id", getattr(person, "id", None))
            b.clicked.connect(lambda _=False, p=person: self._choose(int(getattr(p, "id", 0))))
            self.names.addWidget(b, i, 0)
            b.show()

    def _choose(self, staff_id: int) -> None:
        self.chosen = staff_id
        self.error.setText("")
        self.pin.clear()
        self.pin.setFocus()

    def _submit(self) -> None:
        if self.chosen is None:
            self.error.setText(self.tr("Tap the supervisor's name first."))
            return
        pin = self.pin.text()
        self.pin.clear()
        self.submitted.emit(self.chosen, pin)

    def clear(self) -> None:
        self.pin.clear()
        self.error.setText("")


__all__ = ["NARROW", "ApprovalPanel", "PinPad", "Sheet", "StatusBar", "hhmm", "theme"]
