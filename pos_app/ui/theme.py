"""Touch-first look: big type, 56 px targets, calm colours, status colours that mean one thing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

TOUCH = 56  # minimum height of anything a thumb presses

OUT = QColor("#F3D1D1")
LOW = QColor("#FCE7B2")
OK = QColor("#FFFFFF")
PENDING = QColor("#D6E6FF")
ACCENT = QColor("#2F6FED")

QSS = f"""
QWidget {{ font-size: 17px; color: #1F2933; }}
QMainWindow, QDialog, #page {{ background: #F5F7FA; }}
QLineEdit {{ min-height: {TOUCH - 4}px; padding: 0 14px; border: 2px solid #CBD2D9; border-radius: 10px;
            background: white; font-size: 20px; }}
QLineEdit:focus {{ border-color: #2F6FED; }}
QPushButton {{ min-height: {TOUCH}px; padding: 0 20px; border-radius: 10px; border: 1px solid #BCCCDC;
              background: white; font-size: 18px; font-weight: 600; }}
QPushButton:pressed {{ background: #E4E7EB; }}
QPushButton:disabled {{ color: #9AA5B1; background: #F0F4F8; border-color: #D9E2EC; }}
QPushButton:checked {{ background: #2F6FED; color: white; border-color: #2F6FED; }}
QPushButton#primary {{ background: #2F6FED; color: white; border: none; }}
QPushButton#primary:disabled {{ background: #9FB3C8; }}
QPushButton#pin {{ min-height: 72px; min-width: 80px; font-size: 28px; }}
QPushButton#pinOk {{ min-height: 72px; min-width: 80px; font-size: 24px; background: #2F6FED; color: white;
                    border: 1px solid #2F6FED; }}
QPushButton#staff {{ min-height: 88px; min-width: 130px; text-align: left; padding: 8px 16px; }}
QPushButton#link {{ border: none; background: transparent; color: #2F6FED; min-height: {TOUCH}px; }}
QListView {{ border: none; background: white; border-radius: 10px; font-size: 18px; }}
QListView::item {{ min-height: 64px; padding: 6px 12px; border-bottom: 2px solid #CBD2D9; }}
QListView::item:selected {{ background: #E3ECFD; color: #102A43; }}
QTableWidget {{ background: white; border: none; border-radius: 10px; gridline-color: #E4E7EB; font-size: 20px; }}
QHeaderView::section {{ background: #F0F4F8; border: none; padding: 8px; font-size: 16px; font-weight: 600; }}
QLabel#title {{ font-size: 26px; font-weight: 700; }}
QLabel#subtitle {{ font-size: 17px; color: #52606D; }}
QLabel#latin {{ font-size: 19px; font-weight: 600; color: #334E68; }}
QLabel#price {{ font-size: 26px; font-weight: 700; color: #102A43; }}
QLabel#hint {{ color: #52606D; font-size: 16px; }}
#statusbar {{ background: #102A43; min-height: {TOUCH + 4}px; }}
#statusbar[offline="true"] {{ background: #8D4A00; }}
#statusbar QLabel {{ color: white; font-size: 16px; padding: 0 6px; }}
#statusbar QPushButton {{ min-height: {TOUCH}px; background: #243B53; color: white; border: none; font-size: 15px;
                          padding: 0 14px; }}
#statusbar QPushButton[bad="true"] {{ background: #A61B1B; }}
#statusbar QPushButton:disabled {{ color: #BCCCDC; }}
QLabel#notice {{ color: #243B53; font-size: 18px; background: #E3ECFD; border-radius: 8px; padding: 8px 12px; }}
QLabel#error {{ color: #A61B1B; font-size: 18px; font-weight: 600; }}
QPushButton#clear {{ min-width: {TOUCH}px; max-width: {TOUCH}px; padding: 0; font-size: 22px; }}
QPushButton#step {{ min-height: 64px; min-width: 64px; font-size: 28px; }}
QPushButton#pad, QPushButton#padOk {{ min-height: {TOUCH}px; min-width: 72px; font-size: 22px; }}
QPushButton#padOk {{ background: #2F6FED; color: white; border: 1px solid #2F6FED; }}
QPushButton#approver {{ min-height: {TOUCH}px; }}
QLineEdit#counted {{ font-size: 22px; }}
QLabel#errorList {{ background: white; border-radius: 10px; padding: 10px 14px; color: #A61B1B; }}
QListWidget#queue::item {{ min-height: 76px; padding: 4px 12px; border-bottom: 2px solid #CBD2D9; }}
#scrim {{ background: rgba(16, 42, 67, 140); }}
QFrame#card {{ background: #F5F7FA; border: 2px solid #627D98; border-radius: 14px; }}
#cardScroll, #cardBody {{ background: transparent; }}
QFrame#basket {{ background: white; border-radius: 12px; }}
QLabel#basketTitle {{ font-size: 20px; font-weight: 700; }}
QFrame#basketLine {{ background: #F5F7FA; border-radius: 10px; }}
QLabel#lineInfo {{ padding: 4px 6px; font-size: 17px; }}
QPushButton#qty {{ min-width: {TOUCH}px; max-width: {TOUCH}px; padding: 0; font-size: 24px; }}
QLabel#qtyValue {{ min-width: 36px; font-size: 20px; font-weight: 700; }}
QLabel#lineTotal {{ min-width: 90px; font-size: 19px; font-weight: 700; }}
QFrame#totals {{ background: #F0F4F8; border-radius: 10px; }}
QLabel#sum {{ font-size: 16px; color: #52606D; }}
QLabel#saving {{ font-size: 16px; color: #1F7A3D; font-weight: 600; }}
QLabel#totalWord {{ font-size: 22px; font-weight: 700; }}
QLabel#total {{ font-size: 30px; font-weight: 800; color: #102A43; }}
QPushButton#pay {{ min-height: 72px; font-size: 26px; font-weight: 800; background: #1F7A3D; color: white;
                  border: none; }}
QPushButton#pay:disabled {{ background: #9FB3C8; }}
QPushButton#tile {{ min-height: 76px; text-align: left; padding: 6px 12px; font-size: 16px; }}
QPushButton#quick {{ min-height: 72px; font-size: 24px; font-weight: 800; background: #1F7A3D; color: white;
                    border: none; }}
QPushButton#quick:disabled {{ background: #9FB3C8; }}
QPushButton#later {{ color: #627D98; background: #F0F4F8; border: 1px dashed #9FB3C8; font-size: 16px; }}
QPushButton#size {{ min-width: {TOUCH}px; }}
QPushButton#parkedEntry {{ text-align: left; padding: 0 14px; }}
QLabel#due {{ font-size: 30px; font-weight: 800; color: #102A43; }}
QLabel#change {{ font-size: 40px; font-weight: 800; color: #1F7A3D; }}
#customer {{ background: #102A43; }}
#customer QLabel {{ color: white; }}
QLabel#customerStore {{ font-size: 24px; color: #BCCCDC; }}
QLabel#customerLines {{ font-size: 26px; }}
QLabel#customerTotal {{ font-size: 56px; font-weight: 800; }}
"""


FOCUS = "#102A43"  # the keyboard's focus ring: dark on the light page, white on dark bars
FOCUS_ON_DARK = "#FFFFFF"

# --- the look of this till: text size and high contrast (docs/accessibility.md) ---------------

TEXT_SIZES = (100, 125, 150)


@dataclass(frozen=True)
class Look:
    text_size: int = 100  # per cent of the sizes written in the style sheets
    high_contrast: bool = False


current = Look()

# High contrast: each colour by the part it paints, because one grey is a border on the light
# page and a text colour on the dark status bar. Text reaches WCAG AA (4.5:1) on its background
# (tests/unit/test_theme.py computes every pair); borders are dark enough to see (3:1).
HIGH_CONTRAST: dict[str, dict[str, str]] = {
    "color": {
        "#1F2933": "#000000",
        "#102A43": "#000000",
        "#243B53": "#000000",
        "#334E68": "#102A43",
        "#52606D": "#1F2933",
        "#627D98": "#243B53",
        "#9AA5B1": "#3E4C59",
        "#2F6FED": "#0B3D91",
        "#0B5FA5": "#0B3D91",
        "#1F7A3D": "#0B5A24",
        "#A61B1B": "#7A0E0E",
        "#8A4B00": "#5C3000",
        "#BCCCDC": "#FFFFFF",
        "#D9E2EC": "#FFFFFF",
        "#829AB1": "#FFFFFF",
        "#8EEDB0": "#FFFFFF",
    },
    "background": {
        "#F5F7FA": "#FFFFFF",
        "#F0F4F8": "#FFFFFF",
        "#E4E7EB": "#C8CDD2",
        "#2F6FED": "#0B3D91",
        "#1F7A3D": "#0B5A24",
        "#9FB3C8": "#52606D",
        "#102A43": "#000000",
        "#243B53": "#1F2933",
        "#A61B1B": "#7A0E0E",
        "#8D4A00": "#5C3000",
    },
    "border": {
        "#CBD2D9": "#000000",
        "#BCCCDC": "#1F2933",
        "#9FB3C8": "#1F2933",
        "#D9E2EC": "#52606D",
        "#627D98": "#000000",
        "#2F6FED": "#0B3D91",
        "#E0B000": "#5C3D00",
        "#E4E7EB": "#52606D",
        "#102A43": "#000000",
    },
}
_PART = {"color": "color", "background": "background", "background-color": "background"}
_DECLARATION = re.compile(r"(?P<prop>[a-z-]+)\s*:\s*(?P<value>[^;{}]+)")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
_FONT_SIZE = re.compile(r"font-size:\s*(\d+)px")


def px(size: int, look: Look | None = None) -> int:
    """A size written for 100 % text, at this till's text size."""
    return round(size * (look or current).text_size / 100)


def colour(hex_: str, part: str = "color", look: Look | None = None) -> QColor:
    """A colour written for the normal look, as this till paints it (`part`: color, background,
    border)."""
    if (look or current).high_contrast:
        hex_ = HIGH_CONTRAST[part].get(hex_.upper(), hex_)
    return QColor(hex_)


def style(qss: str, look: Look | None = None) -> str:
    """A style sheet written for the normal look (px sizes at 100 %, the calm colours), at this
    till's text size and contrast, with the keyboard's focus rings. Every style sheet of the app
    goes through here (the app's in `apply`, a screen's own with `styled`)."""
    look = look or current
    out = _FONT_SIZE.sub(lambda m: f"font-size: {px(int(m.group(1)), look)}px", qss)
    if look.high_contrast:

        def declaration(m: re.Match[str]) -> str:
            prop = m.group("prop")
            table = HIGH_CONTRAST["border"] if "border" in prop or prop == "gridline-color" else None
            table = HIGH_CONTRAST[_PART[prop]] if prop in _PART else table
            if table is None:
                return m.group(0)
            value = _HEX.sub(lambda h: table.get(h.group(0).upper(), h.group(0)), m.group("value"))
            return f"{prop}: {value}"

        out = _DECLARATION.sub(declaration, out)
    return out + focus_rules(qss, look)


def focus_rules(qss: str, look: Look | None = None) -> str:
    """The keyboard's focus ring (pos_app/ui/keys.py puts one QFocusFrame around the button that
    got the focus from the keyboard, not from a tap): dark on the page, white on the dark bars.
    Only in the app's sheet (`qss` is QSS): a screen's own sheet inherits it."""
    if qss is not QSS:
        return ""
    dark = "#000000" if (look or current).high_contrast else FOCUS
    return (
        f"QFocusFrame {{ border: 3px solid {dark}; border-radius: 12px; }}\n"
        f"#statusbar QFocusFrame, #customer QFocusFrame {{ border: 3px solid {FOCUS_ON_DARK}; }}\n"
    )


def styled(widget: QWidget, qss: str) -> None:
    """A screen's own style sheet, through `style`, and again whenever the look changes."""
    widget.setProperty("themeQss", qss)
    widget.setStyleSheet(style(qss))


def apply(app: QApplication, look: Look | None = None) -> None:
    """The look for the whole app: at start, and again when the till's display settings change
    (every styled screen is styled again; painted lists lay their rows out again)."""
    from pos_app.ui import keys

    global current
    if look is not None:
        current = look
    keys.install(app)
    app.setStyleSheet(style(QSS))
    font = QFont()
    font.setFamilies(["Noto Sans", "Noto Sans CJK JP", "DejaVu Sans"])
    app.setFont(font)
    for w in app.allWidgets():
        raw = w.property("themeQss")
        if isinstance(raw, str):
            w.setStyleSheet(style(raw))
        if isinstance(w, QAbstractItemView):
            w.doItemsLayout()
            w.viewport().update()


def apply_display(display: object) -> None:
    """The till's display settings (services.settings.DisplaySettings) as the app's look."""
    app = QApplication.instance()
    look = Look(int(getattr(display, "text_size", 100)), bool(getattr(display, "high_contrast", False)))
    if isinstance(app, QApplication) and look != current:
        apply(app, look)
