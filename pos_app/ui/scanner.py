"""Barcode scanners type: a fast burst of keystrokes ending in Enter, wherever the focus is.

An application-wide event filter watches key presses; characters arriving faster than a person
types are held back, and if Enter ends the burst it is a scan (emitted, the keys eaten). If the
burst stops or slows down it is replayed as typing to the widget that had focus.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

MAX_GAP = 0.035  # seconds between keys of a scanner burst; people are slower than ~60 ms
MIN_LENGTH = 4
# A scanner in keyboard mode presses Shift on its own before each capital or symbol, exactly as a
# keyboard does: these keys carry no text and must neither end nor split a burst.
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    }
)


class ScannerFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, max_gap: float = MAX_GAP) -> None:
        super().__init__(parent)
        self.max_gap = max_gap
        self.buffer: list[QKeyEvent] = []
        self.text = ""
        self.last = 0.0
        self.target: QWidget | None = None
        self.replaying = False
        self.flush_timer = QTimer(self)
        self.flush_timer.setSingleShot(True)
        self.flush_timer.timeout.connect(self._replay)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.replaying or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(obj, QWidget) or obj is not QApplication.focusWidget():
            return False
        now = time.monotonic()
        key = event.key()
        if key in MODIFIER_KEYS:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if len(self.text) >= MIN_LENGTH and now - self.last <= self.max_gap * 3:
                code = self.text
                self._reset()
                self.scanned.emit(code)
                return True
            self._replay()
            return False
        ch = event.text()
        if (
            not ch
            or not ch.isprintable()
            or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._replay()
            return False
        if self.buffer and now - self.last > self.max_gap:
            self._replay()
        self.buffer.append(QKeyEvent(event.type(), key, event.modifiers(), ch))
        self.text += ch
        self.last = now
        self.target = obj
        self.flush_timer.start(int(self.max_gap * 3000))
        return True

    def _reset(self) -> None:
        self.buffer, self.text, self.target = [], "", None
        self.flush_timer.stop()

    def _replay(self) -> None:
        """Not a scan: hand the held keys to the widget as ordinary typing."""
        events, target = self.buffer, self.target
        self._reset()
        if not events or target is None or not shiboken6.isValid(target):
            return  # nothing held, or the widget went away (screen changed) while it was held
        self.replaying = True
        try:
            for ev in events:
                QApplication.sendEvent(target, ev)
        finally:
            self.replaying = False
