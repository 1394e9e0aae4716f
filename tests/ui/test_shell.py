"""The whole first day, as the app wires it (pos_app.ui.main.Shell) against a real central: scan
the enrolment QR code with a keyboard-mode scanner, watch the first download, sign in on the pad,
scan a barcode, sign out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pos_app.ui.enroll_view import EnrollView
from pos_app.ui.main import Shell
from pos_app.ui.main_window import MainWindow
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN, button, scanner_burst


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def test_first_run_scan_to_enrol_sign_in_scan_sign_out(
    qtbot: QtBot,
    qapp: QApplication,
    central_url: str,
    enroll_code: Callable[..., str],
    memory_keyring: object,
    tmp_path: Path,
) -> None:
    data = tmp_path / "tablet"
    shell = Shell(data)
    qapp.installEventFilter(shell.scanner)
    try:
        shell.resize(*SCREEN)
        shell.show()
        qtbot.waitExposed(shell)
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), EnrollView), timeout=5000)
        enrol = shell.currentWidget()
        assert isinstance(enrol, EnrollView)

        focus(qtbot, enrol.url)
        scanner_burst(enrol.url, "aisle://enroll?" + urlencode({"central": central_url, "code": enroll_code("TKY01")}))
        assert enrol.url.text() == central_url  # filled from the scan, not typed into
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), SignInView), timeout=30_000)
        assert shell.device is not None and shell.device.bootstrapped()
        signin = shell.currentWidget()
        assert isinstance(signin, SignInView)

        associate = next(p for p in shell.device.auth.staff() if p.role.name == "ASSOCIATE")
        qtbot.waitUntil(lambda: len(signin.findChildren(QPushButton, "staff")) > 0, timeout=5000)
        qtbot.mouseClick(button(signin, f"{associate.name}\nAssociate"), Qt.MouseButton.LeftButton)
        for digit in "1111":
            qtbot.mouseClick(button(signin, digit), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button(signin, "OK"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), MainWindow), timeout=5000)
        main = shell.main
        assert main is not None and main.session.staff == associate

        code, vid, style = shell.device.store.query(
            "SELECT b.code, c.id, c.style_code FROM barcodes b JOIN catalog c ON c.id = b.variant_id LIMIT 1"
        )[0]
        focus(qtbot, main.search)
        scanner_burst(main.search, code)
        qtbot.waitUntil(lambda: main.view is not None and main.view.style_code == style, timeout=5000)
        current = main.matrix.currentItem()
        assert current is not None and current.data(Qt.ItemDataRole.UserRole) == vid
        assert main.search.text() == ""

        qtbot.mouseClick(main.sign_out, Qt.MouseButton.LeftButton)
        assert shell.currentWidget() is signin
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=5000)
        assert signin.chosen is None and signin.who.text() == "Tap your name"  # the next person starts clean
        assert not any(b.isChecked() for b in signin.findChildren(QPushButton, "staff") if b.isVisible())
    finally:
        qapp.removeEventFilter(shell.scanner)
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=15_000)
        shell.close()  # stops the sync engine's threads and closes the device
        shell.ops.shutdown(wait=True)
        shell.deleteLater()
