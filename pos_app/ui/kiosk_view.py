"""The customer-facing pickup kiosk (`pos-app run --kiosk`, docs/pickups.md "The kiosk"): a tablet
by the counter that says "Scan your pickup code" and listens to the app's scanner (the keyboard-
wedge `ScannerFilter`, camera-QR scanners included). The code is checked OFFLINE with central's
key (`PickupService.check_in`); a wrong, expired or other store's code gets one kind sentence;
a good one thanks the customer by first name and sends `pickup.arrive`, so the staff tablets
show "Customer waiting for order 000123 at the counter" within the poke time.

Nothing here leads to staff functions: no sign-in, no menu, no text field; after a few seconds
the screen goes back to "Scan your pickup code" by itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pos_app.services.pickups import CheckIn
from pos_app.ui import theme
from pos_app.ui.operations import Ops, QueryOp

STYLE = """
QWidget#kiosk { background: #0F2A44; }
QLabel#kioskTitle { color: white; font-size: 46px; font-weight: 800; }
QLabel#kioskTitleJa { color: #D9E2EC; font-size: 30px; font-weight: 700; }
QLabel#kioskHint { color: #BCCCDC; font-size: 22px; }
QLabel#kioskArrow { color: #F0B429; font-size: 64px; font-weight: 800; }
QLabel#kioskOk { color: #0B3D1E; background: #C6F0D2; font-size: 34px; font-weight: 800;
                 border-radius: 18px; padding: 26px 24px; }
QLabel#kioskNo { color: #5C1A00; background: #FFE3C2; font-size: 28px; font-weight: 700;
                 border-radius: 18px; padding: 26px 24px; }
QLabel#kioskStore { color: #829AB1; font-size: 18px; }
"""

RESET_MS = 9000  # an answer stays this long, then "Scan your pickup code" again


class KioskView(QWidget):
    def __init__(self, device: Any, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        theme.styled(self, STYLE)
        self.device = device
        self.ops = ops
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the scanner's keys arrive at the focused widget
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 40, 32, 28)
        lay.setSpacing(18)
        lay.addStretch(1)
        self.title = self._label(self.tr("Scan your pickup code"), "kioskTitle")
        self.title_ja = self._label("受け取りコードをスキャンしてください", "kioskTitleJa")
        self.hint = self._label(
            self.tr("Hold the QR code from your “ready for pickup” e-mail under the scanner."), "kioskHint"
        )
        self.arrow = self._label("↓", "kioskArrow")
        self.answer = self._label("", "kioskOk")
        self.answer.hide()
        for w in (self.title, self.title_ja, self.hint, self.answer, self.arrow):
            lay.addWidget(w)
        lay.addStretch(1)
        self.store = self._label(device.identity.store_name, "kioskStore")
        lay.addWidget(self.store)
        self.japanese = False
        self.reset_timer = QTimer(self)
        self.reset_timer.setSingleShot(True)
        self.reset_timer.setInterval(RESET_MS)
        self.reset_timer.timeout.connect(self.idle)
        QueryOp(parent=self, op=device.home, success=self._home).run_in_background(ops)

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _home(self, home: Any) -> None:
        """The Japanese line only where the store speaks Japanese."""
        locale = str(getattr(home, "locale", "") or "")
        self.japanese = locale.startswith("ja")
        self.title_ja.setVisible(self.japanese and not self.answer.isVisible())

    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        self.setFocus()

    def idle(self) -> None:
        self.answer.hide()
        for w in (self.title, self.hint, self.arrow):
            w.show()
        self.title_ja.setVisible(self.japanese)
        self.setFocus()

    def scanned(self, code: str) -> None:
        """A scan: the customer's code checked on a worker (offline), then the answer."""
        pickups = self.device.pickups
        QueryOp(
            parent=self, op=lambda: pickups.check_in(code), success=self.show_answer, kind="kiosk"
        ).run_in_background(self.ops)

    def show_answer(self, answer: CheckIn) -> None:
        ok = answer.pickup is not None
        self.answer.setObjectName("kioskOk" if ok else "kioskNo")
        self.answer.style().unpolish(self.answer)
        self.answer.style().polish(self.answer)
        self.answer.setText(answer.sentence)
        self.answer.show()
        for w in (self.title_ja, self.arrow):
            w.hide()
        for w in (self.title, self.hint):  # a refused code: how to scan stays on the screen
            w.setVisible(not ok)
        self.reset_timer.start()

    def show_problem(self, _text: str) -> None:
        """Where the bridge puts a failure: the customer sees a kind sentence, never staff's."""
        self.show_answer(CheckIn(None, self.tr("Sorry, that did not work. Please ask at the counter.")))


__all__ = ["KioskView"]
