"""The screens' translations: Aisle's own (`resources/translations/aisle_<lang>.qm`, built from
the `.ts` sources by `pyside6-lrelease` at install) and Qt's (its standard buttons and dialogs).

Texts are set when a widget is made, so a language is installed before the screens of a
session are built: the store's when the app opens, the staff member's at sign-in (the main
window is made for each session), the store's again at sign-out (docs/languages.md)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LOCALES = {"en": "en_US", "ja": "ja_JP", "de": "de_DE"}

_installed: list[QTranslator] = []
_language = "en"


def translations_dir() -> Path:
    """Where the .qm files are: beside the source tree, or in the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources" / "translations"
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def current() -> str:
    return _language


def install(language: str) -> bool:
    """Speak `language` (en | ja | de) from now on; whether Aisle's own translation was found
    (English needs none). A missing .qm is logged, and the screens stay in English."""
    global _language
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication first"
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _language = language
    QLocale.setDefault(QLocale(LOCALES.get(language, "en_US")))
    if language == "en":
        return True
    ours = QTranslator(app)
    found = ours.load(str(translations_dir() / f"aisle_{language}.qm"))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no translation for %r in %s: the screens stay in English", language, translations_dir())
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
