"""EnrollView against a real central: central's own words on a bad code, a good code enrols,
a scanned or photographed `aisle://enroll?…` payload fills the form and enrols."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
import qrcode
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.local.store import LocalStore
from pos_app.services import secrets
from pos_app.services.enrollment import EnrollmentError, enroll_data_dir
from pos_app.ui.enroll_view import EnrollView, decode_qr_image
from pos_app.ui.operations import Ops
from tests.support.servers import free_port
from tests.ui.conftest import SCREEN, button


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path / "tablet")
    yield s
    s.close()


@pytest.fixture
def view(qtbot: QtBot, store: LocalStore, memory_keyring: object) -> Iterator[EnrollView]:
    bridge = Ops()
    v = EnrollView(
        lambda url, code, confirm: enroll_data_dir(store.data_dir, url, code, confirm=confirm).store_name, bridge
    )
    qtbot.addWidget(v)
    v.resize(*SCREEN)
    v.show()
    qtbot.waitExposed(v)
    yield v
    qtbot.waitUntil(lambda: bridge.in_flight == 0, timeout=10_000)
    bridge.shutdown(wait=True)


def payload(url: str, code: str) -> str:
    return "aisle://enroll?" + urlencode({"central": url, "code": code})


def test_bad_code_shows_centrals_message_and_the_button_works_again(
    qtbot: QtBot, view: EnrollView, central_url: str, store: LocalStore
) -> None:
    view.url.setText(central_url)
    view.code.setText("AAAA-BBBB-CCCC")
    qtbot.mouseClick(view.submit, Qt.MouseButton.LeftButton)
    assert not view.submit.isEnabled()  # no double submit while central is asked
    qtbot.waitUntil(view.submit.isEnabled, timeout=5000)
    assert view.error.text() == "This enrolment code is not valid. Check it and type it again."
    assert view.error.isVisible()
    assert view.submit.text() == "Enrol this device"
    assert store.identity() is None


def test_unreachable_central_says_so_in_words(qtbot: QtBot, view: EnrollView) -> None:
    view.url.setText(f"127.0.0.1:{free_port()}")  # no scheme typed, and nothing listening there
    view.code.setText("AAAA-BBBB-CCCC")
    qtbot.mouseClick(view.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.submit.isEnabled, timeout=10_000)
    assert view.error.text().startswith("Cannot reach central at https://127.0.0.1:")


def test_good_code_enrols_with_the_real_central(
    qtbot: QtBot,
    view: EnrollView,
    central_url: str,
    enroll_code: Callable[..., str],
    store: LocalStore,
    memory_keyring: object,
) -> None:
    view.url.setText(central_url)
    view.code.setText(enroll_code("TKY01"))
    with qtbot.waitSignal(view.enrolled, timeout=10_000) as got:
        qtbot.keyClick(view.code, Qt.Key.Key_Return)  # Enter in the code field submits too
    assert got.args == ["Aisle Shibuya"]
    assert view.error.text() == ""
    identity = store.identity()
    assert identity is not None and identity.store_code == "TKY01" and identity.central_url == central_url
    assert secrets.load_token(str(store.data_dir))  # the token went to the keyring


def test_scanned_payload_fills_both_fields_and_enrols(
    qtbot: QtBot, view: EnrollView, central_url: str, enroll_code: Callable[..., str]
) -> None:
    code = enroll_code("TKY01")
    with qtbot.waitSignal(view.enrolled, timeout=10_000) as got:
        assert view.apply_payload(payload(central_url + "/", code))
        assert view.url.text() == central_url  # normalised: no trailing slash
        assert view.code.text() == code
    assert got.args == ["Aisle Shibuya"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("https://example.com/enroll?code=X", "That is not an Aisle enrolment code."),
        ("4901234567894", "That is not an Aisle enrolment code."),
        ("aisle://enroll?central=https://c.example.com", "The enrolment QR code is incomplete."),
    ],
)
def test_foreign_payload_shows_a_message_and_contacts_nobody(
    view: EnrollView, store: LocalStore, text: str, message: str
) -> None:
    view.url.setText("typed by hand")
    assert view.apply_payload(text) is False
    assert view.error.text().startswith(message)
    assert view.url.text() == "typed by hand"  # what the person typed is kept
    assert view.submit.isEnabled() and view.ops.in_flight == 0
    assert store.identity() is None


def test_decode_qr_image_reads_a_real_qr_code(tmp_path: Path) -> None:
    text = payload("https://central.example.com", "K7QF-3MZP-9XTA")
    qrcode.make(text).save(tmp_path / "enrol.png")
    assert decode_qr_image(tmp_path / "enrol.png") == text


def test_decode_qr_image_without_a_code_explains(tmp_path: Path) -> None:
    Image.new("RGB", (200, 200), "white").save(tmp_path / "blank.png")
    with pytest.raises(EnrollmentError, match="No QR code found"):
        decode_qr_image(tmp_path / "blank.png")


def test_qr_picture_button_enrols(
    qtbot: QtBot,
    view: EnrollView,
    central_url: str,
    enroll_code: Callable[..., str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    picture = tmp_path / "from-head-office.png"
    qrcode.make(payload(central_url, enroll_code("TKY01"))).save(picture)
    # Only the native file chooser is replaced: decoding and enrolment are the real ones.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(picture), "Images (*.png)"))
    with qtbot.waitSignal(view.enrolled, timeout=10_000):
        qtbot.mouseClick(button(view, "Read QR code from a picture…"), Qt.MouseButton.LeftButton)
    assert view.url.text() == central_url


def test_enrol_screen_is_touch_sized(qtbot: QtBot, view: EnrollView) -> None:
    view.error.setText("This enrolment code is not valid. Check it and type it again.")
    # the error message is shown whole (once the layout has run), not cut off at the bottom
    qtbot.waitUntil(lambda: view.error.height() >= view.error.heightForWidth(view.error.width()), timeout=1000)
    for w in view.findChildren(QPushButton) + view.findChildren(QLineEdit):
        assert w.height() >= 56, (w.text() or w.placeholderText(), w.height())
    assert view.url.width() >= 560  # room for a real address


def test_enrolling_an_enrolled_device_again_shows_the_plan_and_asks_first(
    qtbot: QtBot, central_url: str, enroll_code: Callable[..., str], enrolled_dir: Path
) -> None:
    from pos_app.core.stock import CorrectionReason
    from tests.ui.conftest import sign_in, synced_device

    device = synced_device(enrolled_dir)
    vid = device.store.query("SELECT id FROM catalog ORDER BY id LIMIT 1")[0][0]
    op_id = device.stock.correct(sign_in(device), vid, delta=-1, reason=CorrectionReason.DAMAGED)
    old = device.identity
    device.close()

    bridge = Ops()
    v = EnrollView(
        lambda url, code, confirm: enroll_data_dir(enrolled_dir, url, code, confirm=confirm).store_name, bridge
    )
    qtbot.addWidget(v)
    v.resize(*SCREEN)
    v.show()
    try:
        v.url.setText(central_url)
        v.code.setText(enroll_code("TKY01"))
        # Cancel: nothing changes, the one-time code is not used
        qtbot.mouseClick(v.submit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(v.plan_box.isVisible, timeout=10_000)
        text = v.plan_text.text()
        assert f"enrolled as device {old.device_id}" in text
        assert "1 operation(s) in the outbox" in text and "will be sent under the new identity" in text
        assert text.endswith("Enrol this device again?") and not v.submit.isEnabled()
        qtbot.mouseClick(v.plan_no, Qt.MouseButton.LeftButton)
        assert v.error.text() == "Not enrolled again: nothing was changed." and v.submit.isEnabled()
        store = LocalStore(enrolled_dir)
        try:
            identity = store.identity()
            assert identity is not None and identity.device_id == old.device_id
        finally:
            store.close()
        # Yes: enrolled again with the same code, the waiting operation kept
        qtbot.mouseClick(v.submit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(v.plan_box.isVisible, timeout=10_000)
        with qtbot.waitSignal(v.enrolled, timeout=10_000) as got:
            qtbot.mouseClick(v.plan_yes, Qt.MouseButton.LeftButton)
        assert got.args == ["Aisle Shibuya"]
        qtbot.waitUntil(lambda: bridge.in_flight == 0, timeout=10_000)
        store = LocalStore(enrolled_dir)
        try:
            identity = store.identity()
            assert identity is not None and identity.device_id != old.device_id
            assert [r["op_id"] for r in store.outbox_rows()] == [op_id]
        finally:
            store.close()
    finally:
        qtbot.waitUntil(lambda: bridge.in_flight == 0, timeout=10_000)
        bridge.shutdown(wait=True)
