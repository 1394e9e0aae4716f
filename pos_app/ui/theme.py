"""Touch-first look: big type, 56 px targets, calm colours, status colours that mean one thing."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

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
_BUTTON_IDS = re.compile(r"QPushButton#(\w+)")


def focus_rules(qss: str) -> str:
    """A visible focus ring for every kind of button in `qss` (pos_app/ui/keys.py sets the
    ``keyfocus`` property when the focus came from the keyboard, not from a tap). One rule per
    object name, because ``QPushButton#pay { border: none }`` outranks a plain attribute rule."""
    ring = f"border: 3px solid {FOCUS};"
    names = sorted(set(_BUTTON_IDS.findall(qss)))
    rules = [f'QPushButton[keyfocus="true"] {{ {ring} }}']
    rules += [f'QPushButton#{n}[keyfocus="true"] {{ {ring} }}' for n in names]
    rules.append(f'#statusbar QPushButton[keyfocus="true"] {{ border: 3px solid {FOCUS_ON_DARK}; }}')
    return "\n".join(rules) + "\n"


def apply(app: QApplication) -> None:
    from pos_app.ui import keys

    keys.install(app)
    app.setStyleSheet(QSS + focus_rules(QSS))
    font = QFont()
    font.setFamilies(["Noto Sans", "Noto Sans CJK JP", "DejaVu Sans"])
    app.setFont(font)
