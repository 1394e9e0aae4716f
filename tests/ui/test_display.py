"""This till's text size and high contrast (docs/accessibility.md): set on the 文A sheet, kept in
settings.json, applied to the whole app at once and again when the app starts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.settings import DisplaySettings, SettingsService
from pos_app.ui import theme
from pos_app.ui.language_view import LanguageSheet
from pos_app.ui.main import Shell
from pos_app.ui.main_window import MainWindow
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN


@pytest.fixture(autouse=True)
def normal_look_after(qapp: QApplication) -> Iterator[None]:
    yield
    theme.apply(qapp, theme.Look())


def test_text_size_and_contrast_are_the_tills_and_apply_at_once(
    qtbot: QtBot, qapp: QApplication, window: MainWindow, ui_device: Device
) -> None:
    window.open_language()
    sheet = next(s for s in window.findChildren(LanguageSheet) if s.isVisible())
    assert sheet.size_buttons[100].isChecked() and not sheet.contrast.isChecked()
    qtbot.mouseClick(sheet.size_buttons[150], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: theme.current.text_size == 150, timeout=5000)
    assert sheet.size_buttons[150].isChecked() and not sheet.size_buttons[100].isChecked()
    assert "font-size: 26px" in qapp.styleSheet()  # QWidget's 17 px at 150 %
    assert window.sell.search.fontMetrics().height() > 30  # the fields' 20 px text is 30 px now
    qtbot.mouseClick(sheet.contrast, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: theme.current.high_contrast, timeout=5000)
    assert "#F5F7FA" not in qapp.styleSheet().split("QMainWindow, QDialog, #page")[1].split("}")[0]
    saved = json.loads((ui_device.data_dir / "settings.json").read_text("utf-8"))
    assert saved["display"] == {"text_size": 150, "high_contrast": True}
    # a screen with its own style sheet (the returns page) follows the look as well
    assert "font-size: 28px" in window.returns_page.styleSheet()  # its 19 px names at 150 %


def test_the_look_is_applied_when_the_app_starts(qtbot: QtBot, qapp: QApplication, enrolled_dir: Path) -> None:
    SettingsService(enrolled_dir).set_display(DisplaySettings(text_size=125, high_contrast=True))
    shell = Shell(enrolled_dir)
    try:
        shell.resize(*SCREEN)
        shell.show()
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), SignInView), timeout=30_000)
        assert theme.current == theme.Look(125, True)
        assert "font-size: 21px" in qapp.styleSheet()  # 17 px at 125 %
    finally:
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=10_000)
        shell.close()


def test_a_hand_edited_display_reads_as_the_default(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"display": {"text_size": 300, "high_contrast": "yes"}}))
    assert SettingsService(tmp_path).display() == DisplaySettings()
    kept = SettingsService(tmp_path).set_display(DisplaySettings(text_size=125))
    assert kept == DisplaySettings(125, False)
    assert SettingsService(tmp_path).load().extra["display"] == {"text_size": 125, "high_contrast": False}
