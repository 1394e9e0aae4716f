"""The customer-facing pickup kiosk (`pos-app run --kiosk`, pos_app/ui/kiosk_view.py) as the app
wires it (Shell in kiosk mode) against a real central: it opens on "Scan your pickup code" with
no sign-in anywhere, a keyboard-mode scanner's burst of the customer's code thanks them by first
name and central learns they arrived; a forged code or a product barcode gets a kind sentence;
a kiosk that is not enrolled says so instead of offering enrolment."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from central.db import Database
from central.models import Fulfilment
from pos_app.services.app import Device
from pos_app.ui.enroll_view import EnrollView
from pos_app.ui.kiosk_view import KioskView
from pos_app.ui.main import Shell
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN, enrol_dir, scanner_burst
from tests.ui.test_pickup_view import ready_with_code


def arrived(db: Database, pickup_id: int) -> bool:
    with db.session() as s:
        f = s.get(Fulfilment, pickup_id)
        return f is not None and f.arrived_at is not None


def test_the_kiosk_checks_the_customer_in_and_offers_no_staff_functions(
    qtbot: QtBot,
    qapp: QApplication,
    ui_device: Device,
    central_url: str,
    central_db: Database,
    enroll_code: Callable[..., str],
    tmp_path: Path,
) -> None:
    p, code = ready_with_code(ui_device, central_url, central_db)  # a staff tablet made it ready
    data = enrol_dir(central_url, enroll_code("TKY01"), tmp_path / "kiosk")
    shell = Shell(data, kiosk=True)
    qapp.installEventFilter(shell.scanner)
    try:
        shell.resize(*SCREEN)
        shell.show()
        qtbot.waitExposed(shell)
        qtbot.waitUntil(lambda: isinstance(shell.currentWidget(), KioskView), timeout=60_000)
        kiosk = shell.currentWidget()
        assert isinstance(kiosk, KioskView)
        assert kiosk.title.text() == "Scan your pickup code" and kiosk.title_ja.isVisible()  # a Tokyo store
        # nothing a customer could use to reach staff functions: no sign-in, no field, no button
        assert shell.signin is None and not shell.findChildren(SignInView) and not shell.findChildren(EnrollView)
        assert not [w for w in kiosk.findChildren(QPushButton) + kiosk.findChildren(QLineEdit) if w.isVisible()]
        kiosk.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is kiosk, timeout=2000)
        forged = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
        # the burst is ~170 keys: on a loaded test machine a 35 ms pause inside it is likely (the
        # timing rule has its own tests), so this one allows half a second between keys
        shell.scanner.max_gap = 0.5
        scanner_burst(kiosk, forged)
        qtbot.waitUntil(lambda: kiosk.answer.isVisible(), timeout=5000)
        assert kiosk.answer.objectName() == "kioskNo"
        assert kiosk.answer.text() == "This code is not one of ours. Please show your e-mail at the counter."
        scanner_burst(kiosk, code)
        qtbot.waitUntil(lambda: kiosk.answer.objectName() == "kioskOk", timeout=5000)
        assert kiosk.answer.text() == f"Thank you, Hanako — someone is coming with order {p.number}."
        deadline = time.monotonic() + 10  # the kiosk's own engine pushes pickup.arrive
        while time.monotonic() < deadline and not arrived(central_db, p.id):
            time.sleep(0.05)
            qapp.processEvents()
        assert arrived(central_db, p.id)
        kiosk.idle()  # what the timer does after a few seconds
        assert not kiosk.answer.isVisible() and kiosk.title.isVisible()
    finally:
        qapp.removeEventFilter(shell.scanner)
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=15_000)
        shell.close()
        shell.ops.shutdown(wait=True)
        shell.deleteLater()


def test_a_kiosk_not_enrolled_does_not_offer_enrolment(
    qtbot: QtBot, qapp: QApplication, memory_keyring: object, tmp_path: Path
) -> None:
    shell = Shell(tmp_path / "nothing", kiosk=True)
    try:
        shell.show()
        qtbot.waitUntil(lambda: "not set up yet" in shell.starting.text(), timeout=5000)
        assert shell.currentWidget() is shell.starting and shell.enroll is None
    finally:
        qtbot.waitUntil(lambda: shell.ops.in_flight == 0, timeout=15_000)
        shell.close()
        shell.ops.shutdown(wait=True)
        shell.deleteLater()
