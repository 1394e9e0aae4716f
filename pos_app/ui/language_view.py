"""The language of one's own screens: the store's, or English, 日本語, Deutsch (docs/languages.md).

A personal choice kept on this till (no supervisor's PIN: it changes nothing about money). The
screens are made again in the new language at once, so a sale in progress is finished or
parked first: its basket lives in the sell screen.

Below the languages, how this till's screens read: text at 100, 125 or 150 % and high contrast
(docs/accessibility.md). Those are the till's, for everyone on it, and take effect at once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pos_app.services.auth import Session
from pos_app.services.language import LANGUAGES, pinned
from pos_app.services.settings import TEXT_SIZES, DisplaySettings
from pos_app.ui import theme
from pos_app.ui.operations import Ops, QueryOp
from pos_app.ui.widgets import Sheet


class LanguageSheet(Sheet):
    """`chosen(str)`: the language saved for this staff member; the window is made again in it."""

    chosen = Signal(str)

    def __init__(self, host: QWidget, device: Any, session: Session, ops: Ops, busy: bool = False) -> None:
        super().__init__(host, 560)
        self.device = device
        self.session = session
        self.ops = ops
        title = QLabel(self.tr("Language of your screens"))
        title.setObjectName("title")
        self.layout_.addWidget(title)
        self.hint = QLabel(
            self.tr("Kept on this till for you; the next person sees the store's language until they choose.")
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.layout_.addWidget(self.hint)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.layout_.addWidget(self.message)
        self.buttons: dict[str | None, QPushButton] = {}
        for code, words in [(None, ""), *LANGUAGES.items()]:
            b = QPushButton(words)
            b.setMinimumHeight(56)
            b.clicked.connect(lambda _c=False, code=code: self._choose(code))
            self.buttons[code] = b
            self.layout_.addWidget(b)
        # How this till's screens read (docs/accessibility.md): the till's, for everyone on it.
        display = QLabel(self.tr("Text on this till"))
        display.setObjectName("subtitle")
        self.layout_.addWidget(display)
        sizes = QHBoxLayout()
        self.size_buttons: dict[int, QPushButton] = {}
        for size in TEXT_SIZES:
            b = QPushButton(f"{size} %")
            b.setCheckable(True)
            b.setAccessibleName(self.tr("Text size {0} %").replace("{0}", str(size)))
            b.clicked.connect(lambda _c=False, size=size: self._display(text_size=size))
            self.size_buttons[size] = b
            sizes.addWidget(b)
        self.layout_.addLayout(sizes)
        self.contrast = QPushButton(self.tr("High contrast"))
        self.contrast.setCheckable(True)
        self.contrast.clicked.connect(lambda on: self._display(high_contrast=bool(on)))
        self.layout_.addWidget(self.contrast)
        self._show_display(DisplaySettings(theme.current.text_size, theme.current.high_contrast))
        self.cancel = QPushButton(self.tr("Close"))
        self.cancel.clicked.connect(self.reject)
        self.layout_.addWidget(self.cancel)
        if busy:
            self.message.setText(
                self.tr("Finish or park the sale first: the screens are made again in the new language.")
            )
            self.message.show()
            for b in self.buttons.values():
                b.setEnabled(False)
        QueryOp(parent=self, op=self._read, success=self._show).run_in_background(ops)

    def _read(self) -> tuple[str, str | None, str | None]:  # on a worker: settings.json, the store's locale
        lang = self.device.language
        return lang.store_language(), lang.chosen(self.session.staff.id), pinned()

    def _show(self, result: tuple[str, str | None, str | None]) -> None:
        store, mine, fixed = result
        self.buttons[None].setText(self.tr("The store's language: {language}").replace("{language}", LANGUAGES[store]))
        if fixed is not None:  # support pinned one language for everyone: a choice would change nothing
            self.message.setText(
                self.tr("This till is set to {language} for everyone (AISLE_LANGUAGE).").replace(
                    "{language}", LANGUAGES[fixed]
                )
            )
            self.message.show()
            for b in self.buttons.values():
                b.setEnabled(False)
        for code, b in self.buttons.items():
            b.setObjectName("primary" if code == mine else "")
            b.style().unpolish(b)
            b.style().polish(b)

    def _choose(self, code: str | None) -> None:
        staff = self.session.staff.id
        QueryOp(parent=self, op=lambda: self.device.language.choose(staff, code), success=self._saved).failure(
            self._failed
        ).run_in_background(self.ops)

    def _show_display(self, display: DisplaySettings) -> None:
        for size, b in self.size_buttons.items():
            b.setChecked(size == display.text_size)
        self.contrast.setChecked(display.high_contrast)

    def _display(self, **change: Any) -> None:
        """Saved on a worker, then the whole app takes the new look at once."""
        settings = self.device.settings
        wanted = replace(DisplaySettings(theme.current.text_size, theme.current.high_contrast), **change)

        def saved(display: DisplaySettings) -> None:
            self._show_display(display)
            theme.apply_display(display)
            self.fit()

        QueryOp(parent=self, op=lambda: settings.set_display(wanted), success=saved).failure(
            self._failed
        ).run_in_background(self.ops)

    def _failed(self, error: BaseException) -> bool:
        self.message.setText(str(error))
        self.message.show()
        return True

    def _saved(self, language: str) -> None:
        self.accept()
        self.chosen.emit(language)


def open_language(host: QWidget, device: Any, session: Session, ops: Ops, busy: bool = False) -> LanguageSheet:
    sheet = LanguageSheet(host, device, session, ops, busy=busy)
    sheet.open()
    return sheet
