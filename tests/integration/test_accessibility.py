"""Every screen the screenshot command renders (pos_app/ui/screenshots.py, the demo central and
tablet of pos_app/services/screens.py), walked at 1280×800: each control a person can reach has
a name a screen reader says; at 150 % text in high contrast the main screens' buttons and labels
are not cut off (docs/accessibility.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTextEdit,
    QWidget,
)

from pos_app.ui import screenshots, theme

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit)


def says_something(text: str) -> bool:
    """Words or figures, not only a symbol ("✕", "−", "⚙", "↩" are read as nothing useful)."""
    return any(ch.isalnum() for ch in text)


def nameless(top: QWidget) -> list[str]:
    """The visible controls under `top` without an accessible name (or, for a button, words)."""
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}
    found = []
    for w in top.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or isinstance(w, QHeaderView) or not w.isVisible():
            continue
        if isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside a combo or spin box: named with it
        table = w.parentWidget()
        corner = w.objectName() == "qt_tableview_cornerbutton" and isinstance(table, QTableView)
        if corner and isinstance(table, QTableView) and not table.isCornerButtonEnabled():
            continue  # a table's "select all" corner, switched off (no action, no Tab stop)
        if says_something(w.accessibleName()) or id(w) in buddies:
            continue
        if isinstance(w, QAbstractButton) and says_something(w.text()):
            continue
        text = w.text() if isinstance(w, QAbstractButton) else getattr(w, "placeholderText", lambda: "")()
        found.append(f"{type(w).__name__} {w.objectName() or '-'} {text!r}")
    return found


def walk(
    monkeypatch: pytest.MonkeyPatch, out: Path, check: Callable[[str, QWidget], list[str]]
) -> dict[str, list[str]]:
    """Render every screen once at 1280×800; `check` looks at each as it is pictured."""
    problems: dict[str, list[str]] = {}
    grab = screenshots.grab_sizes

    def grab_and_check(widget: QWidget, out_: Path, stem: str, ops: object, before: Any = None) -> list[Path]:
        paths = grab(widget, out_, stem, ops, before)
        found = check(stem, widget)
        if found:
            problems[stem] = found
        return paths

    monkeypatch.setattr(screenshots, "SIZES", {"": (1280, 800)})
    monkeypatch.setattr(screenshots, "grab_sizes", grab_and_check)
    shots = screenshots.render_all(out)
    assert len(shots) >= 60  # the walk saw the screens, not an early exit
    return problems


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    theme.apply(qapp, theme.Look())  # the normal look again for whatever runs next


MAIN_SCREENS = (
    "03-sign-in",
    "04-product",
    "10-sell-empty",
    "11-sell-basket",
    "12-tender",
    "14-change-due",
    "67-language",
)


def clipped(top: QWidget) -> list[str]:
    """Buttons whose text needs more room than they have, and labels cut off (one line too long,
    or wrapped text taller than the label)."""
    found = []
    for b in top.findChildren(QPushButton):
        if not b.isVisible() or not b.text() or b.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
            continue  # an Ignored width elides by design (tiles, long card notes)
        hint = b.sizeHint()
        if hint.width() > b.width() + 1 or hint.height() > b.height() + 1:
            found.append(f"button {b.text()!r}: needs {hint.width()}x{hint.height()}, has {b.width()}x{b.height()}")
        seen = b.visibleRegion().boundingRect()
        if not seen.isEmpty() and seen.width() < b.width() - 1:  # cut off at the side by what holds it
            found.append(f"button {b.text()!r}: {seen.width()} of its {b.width()} px in sight")
    for label in top.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
            continue
        fm = label.fontMetrics()
        room = label.contentsRect()
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 2:
                found.append(f"label {text[:40]!r}: wraps to {need} px, has {label.height()}")
        else:
            widest = max(fm.horizontalAdvance(line) for line in text.split("\n"))
            if widest > room.width() + 2 or fm.height() * len(text.split("\n")) > room.height() + 4:
                found.append(f"label {text[:40]!r}: needs {widest} px, has {room.width()}x{room.height()}")
    return found


def test_every_control_on_every_screen_has_a_name(
    app: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    problems = walk(monkeypatch, tmp_path, lambda _stem, w: nameless(w))
    assert not problems, "controls without an accessible name:\n" + "\n".join(
        f"{stem}: {p}" for stem, found in problems.items() for p in found
    )


@pytest.mark.parametrize("size", [100, 150])
def test_text_at_150_percent_is_not_clipped_on_the_main_screens(
    app: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size: int
) -> None:
    """In high contrast as well (its type is the same; the look is applied as a till would)."""
    monkeypatch.setattr(theme, "current", theme.Look(size, size == 150))
    seen: dict[str, int] = {}

    def check(stem: str, top: QWidget) -> list[str]:
        if stem not in MAIN_SCREENS:
            return []
        seen[stem] = sum(b.isVisible() for b in top.findChildren(QPushButton))
        return clipped(top)

    problems = walk(monkeypatch, tmp_path, check)
    assert theme.current.text_size == size
    assert set(seen) == set(MAIN_SCREENS) and all(n >= 5 for n in seen.values()), seen
    if size == 150:  # the type really is half as big again
        assert QApplication.instance().styleSheet().count("font-size: 26px")  # 17 px at 150 %
    assert not problems, f"clipped at {size} %:\n" + "\n".join(
        f"{stem}: {p}" for stem, found in problems.items() for p in found
    )
