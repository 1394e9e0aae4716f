"""The screens speak the store's language, and each person may choose their own on this till
(docs/languages.md): the real app (Shell) on a Tokyo tablet against a real central, with the
translations built from resources/translations/*.ts (`make qm`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.language import LanguageService, language_of
from pos_app.ui import i18n
from pos_app.ui.language_view import LanguageSheet
from pos_app.ui.main import Shell
from pos_app.ui.main_window import MainWindow
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN, button, synced_device


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@pytest.fixture
def unpinned(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("AISLE_LANGUAGE", raising=False)
    yield
    i18n.install("en")  # the next test reads English again


@contextmanager
def tokyo_shell(qtbot: QtBot, enrolled_dir: Path) -> Iterator[tuple[Shell, SignInView]]:
    """The real app on a synced Tokyo tablet, at its sign-in screen; closed when idle."""
    assert (i18n.translations_dir() / "aisle_ja.qm").exists(), "build the translations first: make qm"
    synced_device(enrolled_dir).close()
    shell = Shell(enrolled_dir)
    qtbot.addWidget(shell)
    try:
        shell.resize(*SCREEN)
        shell.show()
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), SignInView), timeout=30_000)
        signin = shell.currentWidget()
        assert isinstance(signin, SignInView) and shell.device is not None
        yield shell, signin
    finally:
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=5000)
        shell.close()


def sign_in_associate(qtbot: QtBot, shell: Shell, signin: SignInView) -> Any:
    """Tap the associate's name (its role in the screens' words), the PIN, OK: the main window."""
    assert shell.device is not None
    associate = next(p for p in shell.device.auth.staff() if p.role.name == "ASSOCIATE")
    qtbot.waitUntil(lambda: len(signin.findChildren(QPushButton, "staff")) > 0, timeout=5000)
    qtbot.mouseClick(button(signin, f"{associate.name}\n{tr('Roles', 'Associate')}"), Qt.MouseButton.LeftButton)
    for digit in "1111":
        qtbot.mouseClick(button(signin, digit), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(signin, tr("PinPad", "OK")), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), MainWindow), timeout=5000)
    return associate


def test_the_language_follows_the_locale_and_a_persons_choice(
    ui_device: Device, unpinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [language_of(x) for x in ("ja_JP", "de-DE", "de_AT", "en_US", "fr_FR", "", None)] == [
        "ja", "de", "de", "en", "en", "en", "en"
    ]  # fmt: skip
    lang = ui_device.language
    assert lang.store_language() == "ja"  # TKY01's locale
    assert lang.for_staff(7) == "ja" and lang.chosen(7) is None
    assert lang.choose(7, "de") == "de" and lang.for_staff(8) == "ja"  # one person's choice
    again = LanguageService(ui_device.store, ui_device.identity.store_id, ui_device.settings)
    assert again.for_staff(7) == "de"  # kept in settings.json, beside the printer's settings
    assert ui_device.settings.load().printer_columns == 48  # and nothing else of it changed
    assert lang.choose(7, None) == "ja"  # back to the store's
    with pytest.raises(Exception, match="not a language of Aisle"):
        lang.choose(7, "fr")
    monkeypatch.setenv("AISLE_LANGUAGE", "en")  # support pins one for the whole app
    assert lang.store_language() == "en" and lang.for_staff(7) == "en"
    monkeypatch.setenv("AISLE_LANGUAGE", "klingon")  # ignored (and said in the log), not a crash
    assert lang.store_language() == "ja"


def test_a_tokyo_till_speaks_japanese_and_a_person_switches_to_english(
    qtbot: QtBot, qapp: QApplication, enrolled_dir: Path, unpinned: None
) -> None:
    with tokyo_shell(qtbot, enrolled_dir) as (shell, signin):
        assert shell.device is not None
        tap_your_name = tr("SignInView", "Tap your name")
        assert i18n.current() == "ja" and tap_your_name != "Tap your name"
        assert signin.who.text() == tap_your_name

        associate = sign_in_associate(qtbot, shell, signin)
        first = shell.main
        assert first is not None
        sell_ja = tr("MainWindow", "Sell")
        assert sell_ja != "Sell" and first.sell_button.text() == sell_ja

        qtbot.mouseClick(first.language_button, Qt.MouseButton.LeftButton)
        sheet = first.findChild(LanguageSheet)
        assert sheet is not None
        english = sheet.buttons["en"]
        qtbot.waitUntil(lambda: sheet.buttons[None].text() != "", timeout=5000)
        assert "日本語" in sheet.buttons[None].text()  # the store's, in its own words
        qtbot.mouseClick(english, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: shell.main is not first and shell.main is not None, timeout=5000)
        assert shell.main is not None and shell.main.sell_button.text() == "Sell"  # made again in English
        assert shell.main.session.staff == associate
        assert shell.device.language.chosen(associate.id) == "en"

        qtbot.mouseClick(shell.main.sign_out, Qt.MouseButton.LeftButton)
        assert shell.currentWidget() is signin
        assert i18n.current() == "ja"  # the next person meets the store's language


def test_a_sale_in_progress_is_finished_or_parked_before_switching(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    code = ui_device.store.query(
        "SELECT b.code FROM barcodes b WHERE EXISTS (SELECT 1 FROM prices p WHERE p.variant_id=b.variant_id) LIMIT 1"
    )[0][0]
    window.sell.basket = ui_device.basket.new()
    ui_device.basket.add_scan(window.sell.basket, str(code))
    window.open_language()
    sheet = window.findChild(LanguageSheet)
    assert sheet is not None and sheet.message.isVisibleTo(sheet)
    assert "park" in sheet.message.text()
    assert not any(b.isEnabled() for b in sheet.buttons.values())


def test_an_unknown_barcode_on_a_tokyo_sell_screen_is_said_in_japanese(
    qtbot: QtBot, qapp: QApplication, enrolled_dir: Path, unpinned: None
) -> None:
    """Issue 12: the basket service raises a code (scan.unknown_barcode) with the barcode as its
    param; the sell screen words it through the one failure path in the store's language."""
    with tokyo_shell(qtbot, enrolled_dir) as (shell, signin):
        assert shell.device is not None
        sign_in_associate(qtbot, shell, signin)
        window = shell.main
        assert window is not None and i18n.current() == "ja"
        qtbot.mouseClick(window.sell_button, Qt.MouseButton.LeftButton)
        assert window.selling()

        first12 = "459999000001"  # a valid EAN-13 no catalog of the seed holds
        unknown = first12 + str((10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12)) % 10) % 10)
        assert not shell.device.store.query("SELECT 1 FROM barcodes WHERE code=?", (unknown,))
        window.scanned(unknown)  # what the Shell does with a scanner burst
        sell = window.sell
        qtbot.waitUntil(lambda: sell.message.isVisibleTo(sell) and sell.message.text() != "", timeout=5000)
        assert sell.message.text() == (
            f"バーコード {unknown} は商品マスタにありません。ラベルを確認するか、商品名で検索してください。"
        )
        assert sell.basket.lines == []  # nothing was added


def test_a_sync_problem_on_a_tokyo_till_is_said_in_japanese(
    qtbot: QtBot, qapp: QApplication, enrolled_dir: Path, unpinned: None
) -> None:
    """Issue 12: the sync engine's sentences are sync/words.py codes kept with their params in
    device.db; the problems sheet words them, the stream's name too. The cache is damaged from
    outside (a stock row gone, as a disk fault would), the engine's own checksum finds it."""
    with tokyo_shell(qtbot, enrolled_dir) as (shell, signin):
        device = shell.device
        assert device is not None
        sign_in_associate(qtbot, shell, signin)
        window = shell.main
        assert window is not None
        raw = sqlite3.connect(device.store.cache_path)
        with raw:
            (location, variant) = raw.execute("SELECT location_id, variant_id FROM stock LIMIT 1").fetchone()
            raw.execute("DELETE FROM stock WHERE location_id=? AND variant_id=?", (location, variant))
        raw.close()
        device.engine.checksum_seconds = 0  # the periodic check is due at the next cycle
        device.engine.kick()
        qtbot.waitUntil(
            lambda: any(getattr(e, "code", "") == "sync.cache_differed" for e in window.status.errors), timeout=30_000
        )
        said = next(e for e in window.status.errors if getattr(e, "code", "") == "sync.cache_differed")
        there = said.params["there"]
        assert (
            said
            == f"The stock cache differed from central ({there - 1} rows here, {there} there); it was downloaded again"
        )
        qtbot.mouseClick(window.problems, Qt.MouseButton.LeftButton)
        sheet = window.problems_sheet
        assert sheet is not None
        qtbot.waitUntil(lambda: sheet.errors.text() != "", timeout=5000)
        assert (
            f"• 端末の在庫データが本部と違っていました (端末 {there - 1} 行、本部 {there} 行)。ダウンロードし直しました"
            in (sheet.errors.text().split("\n"))
        )
        qtbot.mouseClick(button(sheet, tr("ProblemsDialog", "Close")), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.problems_sheet is None, timeout=2000)
