"""The till's settings screen: its receipt printer and its card terminal (docs/terminal.md "The
settings screen").

A sheet over the main window. Changing the printer or the terminal changes how money is handled,
so the sheet opens on the approval page: a supervisor or a manager taps their name and types
their PIN (AuthService.approve) — even when one is signed in — and each saved change is journaled
with the signed-in person and the approver. Printer: its address, 42 or 48 columns, "Print a test
page" (the address is saved first). Terminal: none, simulated or on the network (address, POIID,
passphrase, key id and version, CA file), store-and-forward (its limits are central's, shown); "Test
connection" asks the terminal with what is typed, before anything is saved. The passphrase goes
to the keyring through the services and is never shown back: the field says whether one is kept.

Every read and write runs on a worker (QueryOp / CollectionOp); a problem is one line under the
field it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import Money, format_money
from pos_app.services.auth import Session, StaffMember
from pos_app.services.errors import ServiceError, ValidationFailed
from pos_app.services.payments import TerminalError
from pos_app.services.settings import SETTINGS_PERMISSION, DeviceSettings, TerminalSettings
from pos_app.ui import theme
from pos_app.ui.messages import error_text, text_of
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import NARROW, ApprovalPanel, Sheet

# Which field a problem is about (its code): the sentence goes in one line under that field.
FIELD_OF = {
    "settings.printer": "printer",
    "settings.columns": "columns",
    "settings.terminal_kind": "kind",
    "settings.terminal_url": "url",
    "settings.terminal_port": "url",
    "settings.terminal_plain": "url",
    "settings.terminal_poiid": "poiid",
    "settings.terminal_ca": "ca_file",
    "settings.terminal_key": "key_version",
    "settings.terminal_passphrase": "passphrase",
    "terminal.unreachable": "url",
    "terminal.wrong_poiid": "poiid",
    "terminal.certificate": "ca_file",
    "terminal.key": "passphrase",
    "printer.none": "printer",
    "printer.test_none": "printer",
    "printer.test_failed": "printer",
    "printer.offline": "printer",
    "printer.paper_out": "printer",
    "printer.cover_open": "printer",
    "printer.io": "printer",
}
KINDS = ("", "simulated", "network")


@dataclass(frozen=True)
class Loaded:
    settings: DeviceSettings
    passphrase_kept: bool
    currency: str
    locale: str
    caps: tuple[int, int] = (0, 0)  # central's store-and-forward caps (per sale, in all), minor units


def _load(device: Any) -> Loaded:
    """A worker's call: settings.json, the keyring (whether a passphrase is kept), the currency."""
    s: DeviceSettings = device.settings.load()
    kept = bool(s.terminal.key_id) and device.terminal_passphrase_kept(s.terminal.poiid)
    home = device.home()
    c = device.payments.caps()
    return Loaded(s, kept, home.currency if home else "EUR", home.locale if home else "en_US", (c.per_sale, c.total))


class Field(QWidget):
    """A label, the input, and one line under it for what is wrong with it."""

    def __init__(self, label: str, widget: QWidget, hint: str = "") -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.label = QLabel(label)
        self.label.setObjectName("fieldLabel")
        self.label.setBuddy(widget)  # a screen reader names the field by its label
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        lay.addWidget(widget)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        lay.addWidget(self.hint)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


def _line(placeholder: str = "", password: bool = False) -> QLineEdit:
    e = QLineEdit()
    e.setPlaceholderText(placeholder)
    e.setMinimumWidth(60)
    if password:
        e.setEchoMode(QLineEdit.EchoMode.Password)
    return e


def _choices(labels: list[str]) -> tuple[QWidget, QButtonGroup, list[QPushButton]]:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    group = QButtonGroup(box)
    group.setExclusive(True)
    buttons = []
    for i, text in enumerate(labels):
        b = QPushButton(text)
        b.setCheckable(True)
        group.addButton(b, i)
        lay.addWidget(b)
        buttons.append(b)
    return box, group, buttons


class SettingsSheet(Sheet):
    """Printer and terminal of this till, after a supervisor's or a manager's PIN."""

    def __init__(self, host: QWidget, device: Any, session: Session, ops: Ops) -> None:
        super().__init__(host, 900)
        self.device = device
        self.session = session
        self.ops = ops
        self.approver: StaffMember | None = None
        self.loaded: Loaded | None = None
        self.page = 0  # 0: the approval, 1: the form (only the page shown is in the layout's size)

        # Page 0: the approval.
        self.approval = ApprovalPanel()
        self.approval.heading.setText(
            self.tr(
                "The printer and the card terminal decide how this till takes money, so a supervisor "
                "or a manager opens these settings. Tap your name, then type your PIN."
            )
        )
        self.approval.submitted.connect(self._approve)
        self.approval.cancelled.connect(self.reject)
        self.layout_.addWidget(self.approval)

        # Page 1: the form.
        self.form = form = QWidget()
        lay = QVBoxLayout(form)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        title = QLabel(self.tr("Settings of this till"))
        title.setObjectName("title")
        lay.addWidget(title)
        self.approved_by = QLabel("")
        self.approved_by.setObjectName("hint")
        self.approved_by.setWordWrap(True)
        lay.addWidget(self.approved_by)

        # The receipt printer.
        head = QLabel(self.tr("Receipt printer"))
        head.setObjectName("basketTitle")
        lay.addWidget(head)
        self.printer = _line(self.tr("tcp://192.168.1.30:9100"))
        self.printer_field = Field(
            self.tr("Printer address"),
            self.printer,
            self.tr("Leave it empty if this till prints no receipts (they are still kept and can be e-mailed)."),
        )
        lay.addWidget(self.printer_field)
        cols_box, self.columns_group, self.column_buttons = _choices([self.tr("48 columns"), self.tr("42 columns")])
        self.columns_field = Field(
            self.tr("Paper width"),
            cols_box,
            self.tr("Most 80 mm printers print 48 columns; if the test page's ruler wraps, choose 42."),
        )
        lay.addWidget(self.columns_field)
        prow = QHBoxLayout()
        self.save_printer = QPushButton(self.tr("Save printer"))
        self.save_printer.setObjectName("primary")
        self.save_printer.clicked.connect(lambda: self._save_printer(test_page=False))
        self.test_page = QPushButton(self.tr("Print a test page"))
        self.test_page.clicked.connect(lambda: self._save_printer(test_page=True))
        prow.addWidget(self.save_printer)
        prow.addWidget(self.test_page)
        prow.addStretch(1)
        lay.addLayout(prow)
        self.printer_result = QLabel("")
        self.printer_result.setObjectName("hint")
        self.printer_result.setWordWrap(True)
        self.printer_result.hide()
        lay.addWidget(self.printer_result)

        # The card terminal.
        head = QLabel(self.tr("Card terminal"))
        head.setObjectName("basketTitle")
        lay.addWidget(head)
        kind_box, self.kind_group, self.kind_buttons = _choices(
            [self.tr("None"), self.tr("Simulated"), self.tr("Network")]
        )
        self.kind_group.idClicked.connect(lambda _i: self._show_kind())
        self.kind_field = Field(self.tr("Which terminal"), kind_box)
        lay.addWidget(self.kind_field)
        self.kind_note = QLabel("")
        self.kind_note.setObjectName("hint")
        self.kind_note.setWordWrap(True)
        lay.addWidget(self.kind_note)
        self.network = QWidget()
        net = QVBoxLayout(self.network)
        net.setContentsMargins(0, 0, 0, 0)
        net.setSpacing(10)
        self.url = _line(self.tr("https://192.168.1.20:8443/nexo/"))
        self.url_field = Field(self.tr("Terminal address"), self.url)
        self.poiid = _line(self.tr("V400m-123456789"))
        self.poiid_field = Field(self.tr("POIID (the terminal's id, on its screen)"), self.poiid)
        self.pair_grid = QGridLayout()
        self.pair_grid.setContentsMargins(0, 0, 0, 0)
        self.pair_grid.setHorizontalSpacing(12)
        self.pair_grid.setVerticalSpacing(10)
        self.pair_grid.addWidget(self.url_field, 0, 0)
        self.pair_grid.addWidget(self.poiid_field, 0, 1)
        self.passphrase = _line(password=True)
        self.passphrase_field = Field(self.tr("Passphrase"), self.passphrase)
        self.key_id = _line(self.tr("e.g. AisleKey"))
        self.key_id_field = Field(self.tr("Key id"), self.key_id)
        self.key_version = _line("1")
        self.key_version.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.key_version_field = Field(self.tr("Key version"), self.key_version)
        keys = QHBoxLayout()
        keys.setContentsMargins(0, 0, 0, 0)
        keys.addWidget(self.key_id_field, 2, Qt.AlignmentFlag.AlignTop)
        keys.addWidget(self.key_version_field, 1, Qt.AlignmentFlag.AlignTop)
        self.keys_box = QWidget()
        self.keys_box.setLayout(keys)
        self.pair_grid.addWidget(self.passphrase_field, 1, 0)
        self.pair_grid.addWidget(self.keys_box, 1, 1)
        net.addLayout(self.pair_grid)
        self.ca_file = _line(self.tr("/etc/aisle/terminal-ca.pem"))
        self.ca_field = Field(
            self.tr("CA file"),
            self.ca_file,
            self.tr("The file the terminal's certificate is checked against (from the payment provider)."),
        )
        net.addWidget(self.ca_field)
        lay.addWidget(self.network)
        self.offline_box = QWidget()
        off = QVBoxLayout(self.offline_box)
        off.setContentsMargins(0, 0, 0, 0)
        self.store_and_forward = QPushButton(self.tr("The terminal may approve cards offline"))
        self.store_and_forward.setCheckable(True)
        self.store_and_forward.toggled.connect(lambda _on: self._show_kind())
        off.addWidget(self.store_and_forward)
        # How much is central's (the store's `card_limits`), not this till's: shown, not edited.
        self.caps_note = QLabel()
        self.caps_note.setWordWrap(True)
        off.addWidget(self.caps_note)
        lay.addWidget(self.offline_box)
        trow = QHBoxLayout()
        self.save_terminal = QPushButton(self.tr("Save terminal"))
        self.save_terminal.setObjectName("primary")
        self.save_terminal.clicked.connect(self._save_terminal)
        self.test_connection = QPushButton(self.tr("Test connection"))
        self.test_connection.clicked.connect(self._test_terminal)
        trow.addWidget(self.save_terminal)
        trow.addWidget(self.test_connection)
        trow.addStretch(1)
        lay.addLayout(trow)
        self.terminal_result = QLabel("")
        self.terminal_result.setObjectName("hint")
        self.terminal_result.setWordWrap(True)
        self.terminal_result.hide()
        lay.addWidget(self.terminal_result)
        self.general = QLabel("")  # a problem of no field (the bridge's one path lands here too)
        self.general.setObjectName("error")
        self.general.setWordWrap(True)
        self.general.hide()
        lay.addWidget(self.general)
        self.layout_.addWidget(form)

        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self.footer.addStretch(1)
        self.footer.addWidget(self.close_button)
        self.footer_box.hide()  # the approval page has its own Back
        self.fields: dict[str, Field] = {
            "printer": self.printer_field,
            "columns": self.columns_field,
            "kind": self.kind_field,
            "url": self.url_field,
            "poiid": self.poiid_field,
            "ca_file": self.ca_field,
            "key_version": self.key_version_field,
            "passphrase": self.passphrase_field,
        }
        self.narrow: bool | None = None
        self._page(0)
        QueryOp(
            parent=self,
            op=lambda: device.auth.approvers(SETTINGS_PERMISSION),
            success=self._people,
            kind="approvers",
        ).run_in_background(ops)

    # --- layout ------------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:
        narrow = self.host.width() < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            for w in (self.url_field, self.poiid_field, self.passphrase_field, self.keys_box):
                self.pair_grid.removeWidget(w)
            top = Qt.AlignmentFlag.AlignTop  # a field with a hint under it must not push its neighbour down
            if narrow:  # portrait: one field a row
                for i, w in enumerate((self.url_field, self.poiid_field, self.passphrase_field, self.keys_box)):
                    self.pair_grid.addWidget(w, i, 0, top)
            else:
                self.pair_grid.addWidget(self.url_field, 0, 0, top)
                self.pair_grid.addWidget(self.poiid_field, 0, 1, top)
                self.pair_grid.addWidget(self.passphrase_field, 1, 0, top)
                self.pair_grid.addWidget(self.keys_box, 1, 1, top)
        super().resizeEvent(event)

    def show_problem(self, text: str) -> None:
        """Where the bridge's one path puts a failure: the approval's line, or the form's."""
        if self.page == 0:
            self.approval.error.setText(text)
            return
        self.general.setText(text)
        self.general.setVisible(bool(text))
        self.fit()

    # --- the approval ------------------------------------------------------------------------

    def _people(self, people: list[Any]) -> None:
        self.approval.set_people(people)
        self.fit()  # the names came after the card was measured

    def _approve(self, staff_id: int, pin: str) -> None:
        auth, device = self.device.auth, self.device

        def op() -> tuple[StaffMember, Loaded]:
            member: StaffMember = auth.approve(staff_id, pin, SETTINGS_PERMISSION)
            return member, _load(device)

        CollectionOp(parent=self, op=op, success=self._approved).run_in_background(self.ops)

    def _approved(self, result: tuple[StaffMember, Loaded]) -> None:
        self.approver, loaded = result
        self.approved_by.setText(
            self.tr("Opened with {name}'s approval; each change is recorded with both your names.").replace(
                "{name}", self.approver.name
            )
        )
        self._page(1)
        self.footer_box.show()
        self.fill(loaded)

    def _page(self, index: int) -> None:
        """Show one page, the other hidden, so the card is as tall and as wide as this page (the
        approval's PIN pad is not stretched to the form's size)."""
        self.page = index
        self.approval.setVisible(index == 0)
        self.form.setVisible(index == 1)
        self.card.setMaximumWidth(theme.px(760 if index == 0 else 900))
        self.fit()

    def fill(self, loaded: Loaded) -> None:
        self.loaded = loaded
        s = loaded.settings
        self.printer.setText(s.printer)
        self.column_buttons[0 if s.printer_columns == 48 else 1].setChecked(True)
        t = s.terminal
        self.kind_buttons[KINDS.index(t.kind) if t.kind in KINDS else 0].setChecked(True)
        self.url.setText(t.url)
        self.poiid.setText(t.poiid)
        self.key_id.setText(t.key_id)
        self.key_version.setText(str(t.key_version))
        self.ca_file.setText(t.ca_file)
        self.store_and_forward.setChecked(t.store_and_forward)
        per_sale, total = loaded.caps
        self.caps_note.setText(
            self.tr("Central sets how much for this store: at most {0} a sale and {1} until the end of day.")
            .replace("{0}", self._amount_text(per_sale))
            .replace("{1}", self._amount_text(total))
            if per_sale and total
            else self.tr("Central allows this store no card payments while the terminal is offline.")
        )
        for e in (self.printer, self.url, self.poiid, self.key_id, self.ca_file):
            e.setCursorPosition(0)  # a long address shows its start, not "ttps://…"
        self.passphrase.clear()
        self._passphrase_hint()
        self._show_kind()

    def _passphrase_hint(self) -> None:
        kept = self.loaded is not None and self.loaded.passphrase_kept
        self.passphrase.setPlaceholderText(
            self.tr("Kept: type a new one to change it") if kept else self.tr("As set on the terminal")
        )
        self.passphrase_field.hint.setText(self.tr("It is kept in this computer's keyring and never shown."))
        self.passphrase_field.hint.show()

    def _show_kind(self) -> None:
        kind = KINDS[max(0, self.kind_group.checkedId())]
        self.network.setVisible(kind == "network")
        self.offline_box.setVisible(kind == "network")
        self.caps_note.setVisible(kind == "network" and self.store_and_forward.isChecked())
        self.test_connection.setVisible(bool(kind))
        self.kind_note.setText(
            {
                "": self.tr("Without a terminal this till takes cash only."),
                "simulated": self.tr("A pretend terminal inside this app, for training: no money moves."),
                "network": self.tr("A terminal on the shop's network, spoken to over HTTPS."),
            }[kind]
        )
        self.fit()

    # --- money of the caps -------------------------------------------------------------------

    def _amount_text(self, minor: int) -> str:
        if self.loaded is None or not minor:
            return ""
        return format_money(Money(minor, self.loaded.currency), self.loaded.locale)

    # --- saving and testing --------------------------------------------------------------------

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.say("")
        self.general.hide()

    def _failed(self, error: BaseException, result: QLabel | None = None) -> bool:
        """A problem in one line under its field (or under the buttons); True: said here."""
        self._busy(False)
        if not isinstance(error, ServiceError | TerminalError):
            return False  # a bug: the bridge's one path logs it and says "Sorry…"
        code = getattr(error, "code", "")
        field = self.fields.get(FIELD_OF.get(code, ""))
        if field is not None and field.isVisible():
            field.say(error_text(error))
        elif result is not None:
            self._result(result, error_text(error), bad=True)
        else:
            self.show_problem(error_text(error))
        self.fit()
        return True

    def _result(self, label: QLabel, text: str, bad: bool = False) -> None:
        label.setObjectName("error" if bad else "notice")
        label.style().unpolish(label)
        label.style().polish(label)
        label.setText(text)
        label.setVisible(bool(text))
        self.fit()

    def _busy(self, busy: bool) -> None:
        for b in (self.save_printer, self.test_page, self.save_terminal, self.test_connection, self.close_button):
            b.setEnabled(not busy)

    def _save_printer(self, test_page: bool) -> None:
        self.clear_errors()
        self.printer_result.hide()
        url = self.printer.text().strip()
        columns = 48 if self.columns_group.checkedId() != 1 else 42
        device, session, approver = self.device, self.session, self.approver
        saved = (
            self.tr("Saved: receipts print on {0}.").replace("{0}", url)
            if url
            else self.tr("Saved: this till prints no receipts.")
        )

        def op() -> str:
            s = device.settings.load()
            if (url, columns) != (s.printer, s.printer_columns):
                device.set_printer(url, columns, session=session, approver=approver)
            if test_page:
                text: str = device.print_test_page()
                return text
            return saved

        self._busy(True)
        CollectionOp(parent=self, op=op, success=self._printer_done).failure(
            lambda e: self._failed(e, self.printer_result)
        ).run_in_background(self.ops)

    def _printer_done(self, text: str) -> None:
        self._busy(False)
        self._result(self.printer_result, text_of(text))  # an errors.Said: in the screens' language

    def typed_terminal(self) -> TerminalSettings:
        """The terminal as typed (not yet checked: the service says what is wrong)."""
        kind = KINDS[max(0, self.kind_group.checkedId())]
        base = self.loaded.settings.terminal if self.loaded is not None else TerminalSettings()
        if not kind:
            return TerminalSettings()
        try:
            version = int(self.key_version.text().strip() or "1")
        except ValueError:
            raise ValidationFailed("settings.terminal_key", self.tr("The key version is a number from 1.")) from None
        offline = kind == "network" and self.store_and_forward.isChecked()
        return TerminalSettings(
            kind=kind,
            url=self.url.text().strip() if kind == "network" else "",
            poiid=self.poiid.text().strip() if kind == "network" else base.poiid if base.kind == "simulated" else "",
            key_id=self.key_id.text().strip() if kind == "network" else "",
            key_version=version,
            ca_file=self.ca_file.text().strip() if kind == "network" else "",
            allow_plain=base.allow_plain and kind == "network",  # loopback tests only; set by pos-app terminal set
            store_and_forward=offline,
        )

    def _typed(self) -> tuple[TerminalSettings, str] | None:
        self.clear_errors()
        self.terminal_result.hide()
        try:
            return self.typed_terminal(), self.passphrase.text()
        except ValidationFailed as e:
            self._failed(e)
            return None

    def _test_terminal(self) -> None:
        typed = self._typed()
        if typed is None:
            return
        terminal, passphrase = typed
        device = self.device
        self._busy(True)
        QueryOp(
            parent=self, op=lambda: device.test_terminal(terminal, passphrase or None), success=self._terminal_done
        ).failure(lambda e: self._failed(e, self.terminal_result)).run_in_background(self.ops)

    def _save_terminal(self) -> None:
        typed = self._typed()
        if typed is None:
            return
        terminal, passphrase = typed
        device, session, approver = self.device, self.session, self.approver

        def op() -> tuple[str, Loaded]:
            if terminal.key_id and not passphrase and not device.terminal_passphrase_kept(terminal.poiid):
                raise ValidationFailed(
                    "settings.terminal_passphrase", "Type the passphrase set on the terminal for this key."
                )
            device.set_terminal(terminal, passphrase or None, session=session, approver=approver)
            text = {
                "": "Saved: no card terminal; this till takes cash only.",
                "simulated": "Saved: the simulated terminal takes cards (no money moves).",
                "network": f"Saved: cards are paid on terminal {terminal.poiid}.",
            }[terminal.kind]
            return text, _load(device)

        def done(result: tuple[str, Loaded]) -> None:
            self.fill(result[1])
            self._terminal_done(self.tr(result[0]))

        self._busy(True)
        CollectionOp(parent=self, op=op, success=done).failure(
            lambda e: self._failed(e, self.terminal_result)
        ).run_in_background(self.ops)

    def _terminal_done(self, text: str) -> None:
        self._busy(False)
        self._result(self.terminal_result, text_of(text))


def open_settings(host: QWidget, device: Any, session: Session, ops: Ops) -> SettingsSheet:
    """The main window's "Settings": the sheet over `host`, on its approval page."""
    sheet = SettingsSheet(host, device, session, ops)
    sheet.open()
    return sheet


__all__ = ["SettingsSheet", "open_settings"]
