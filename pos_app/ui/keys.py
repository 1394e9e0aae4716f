"""The keyboard of a counter PC, app-wide (docs/accessibility.md).

One application event filter, installed by `theme.apply` with the look:

- Escape closes the sheet on top (`widgets.Sheet`) wherever the focus is: inside it, behind it,
  or nowhere;
- Enter (Return or the keypad's) presses the focused button, as Space does;
- a page's scroll area is no Tab stop;
- a button that got the focus from the keyboard (Tab, Shift+Tab, a shortcut, a sheet opening)
  gets the focus ring (a QFocusFrame around it, property ``keyfocus``); a tap (mouse focus)
  does not, so a tablet shows no rings.

The scanner filter (pos_app/ui/scanner.py) is installed after this one and so sees keys first:
a scanner's Enter never reaches here, a person's does.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QFocusFrame, QScrollArea, QWidget

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
KEYBOARD_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
    Qt.FocusReason.OtherFocusReason,  # set in code: a sheet's first field, the sign-in PIN
    Qt.FocusReason.ActiveWindowFocusReason,
)


def top_sheet(window: QWidget | None) -> QWidget | None:
    """The sheet opened last that is still showing in this window (None: no sheet)."""
    from pos_app.ui.widgets import Sheet

    if window is None:
        return None
    open_ = [s for s in Sheet.showing if shiboken6.isValid(s) and s.isVisible() and s.window() is window]
    return open_[-1] if open_ else None


_frame: QFocusFrame | None = None


def set_keyfocus(widget: QWidget, on: bool) -> None:
    """The focus ring: one QFocusFrame drawn around the button (theme.focus_rules gives its
    colour), outside the button's own box, so a ring never changes a size or a layout. The
    property ``keyfocus`` says where it is."""
    global _frame
    widget.setProperty("keyfocus", on)
    if _frame is None or not shiboken6.isValid(_frame):
        _frame = QFocusFrame()
        _frame.setObjectName("focusRing")
    if on:
        _frame.setWidget(widget)
        _frame.show()
    elif _frame.widget() is widget:
        _frame.setWidget(None)
        _frame.hide()


class KeyboardFilter(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(obj, QWidget):
            focus = QApplication.focusWidget()
            if obj is not focus and not (focus is None and obj.isWindow()):
                return False  # the same key on its way up to the parents: handled once, at the target
            key = event.key()
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key == Qt.Key.Key_Escape and mods == Qt.KeyboardModifier.NoModifier:
                sheet = top_sheet(obj.window())
                if sheet is not None:
                    sheet.reject()  # type: ignore[attr-defined]
                    return True
            elif (
                key in ENTER
                and mods == Qt.KeyboardModifier.NoModifier
                and isinstance(obj, QAbstractButton)
                and obj.isEnabled()
                and not event.isAutoRepeat()
            ):
                obj.click()
                return True
        elif kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) and isinstance(obj, QAbstractButton):
            set_keyfocus(obj, event.reason() in KEYBOARD_REASONS)
        elif kind == QEvent.Type.FocusOut and isinstance(obj, QAbstractButton):
            set_keyfocus(obj, False)
        elif kind == QEvent.Type.Polish and isinstance(obj, QScrollArea):
            # A page's scroll area is no Tab stop (an invisible stop with nothing to press); it
            # scrolls to whatever inside it gets the focus instead.
            obj.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return False


_filter: KeyboardFilter | None = None


def install(app: QApplication) -> None:
    """Once per application (theme.apply may run again when the look changes)."""
    global _filter
    if _filter is None:
        _filter = KeyboardFilter(app)
        app.installEventFilter(_filter)
