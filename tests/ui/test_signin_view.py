"""SignInView on a real, synced device: tap a name, type the PIN on the pad, wrong PINs say so
and lock after three, the right PIN signs in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.auth import Session, StaffMember
from pos_app.ui.operations import Ops
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN, button


@pytest.fixture
def view(qtbot: QtBot, ui_device: Device, bridge: Ops) -> Iterator[SignInView]:
    v = SignInView(ui_device.auth, bridge, ui_device.identity.store_name)
    qtbot.addWidget(v)
    v.resize(*SCREEN)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: len(v.findChildren(QPushButton, "staff")) > 0, timeout=5000)  # read on a worker
    yield v


def person(device: Device, role: str) -> StaffMember:
    return next(p for p in device.auth.staff() if p.role.name == role)


def tap(qtbot: QtBot, view: SignInView, text: str) -> None:
    qtbot.mouseClick(button(view, text), Qt.MouseButton.LeftButton)


def tap_name(qtbot: QtBot, view: SignInView, who: StaffMember) -> None:
    tap(qtbot, view, f"{who.name}\n{who.role.name.title()}")
    assert view.who.text() == who.name


def type_pin(qtbot: QtBot, view: SignInView, pin: str) -> None:
    for digit in pin:
        tap(qtbot, view, digit)
    assert len(view.pin.text()) == len(pin)
    tap(qtbot, view, "OK")


def wait_message(qtbot: QtBot, view: SignInView, before: str = "") -> str:
    qtbot.waitUntil(lambda: view.error.text() not in ("", before), timeout=5000)
    return view.error.text()


def test_everyone_of_the_store_is_listed(view: SignInView, ui_device: Device) -> None:
    names = {b.text().split("\n")[0] for b in view.findChildren(QPushButton) if b.objectName() == "staff"}
    assert names == {p.name for p in ui_device.auth.staff()}
    assert len(names) == 4  # manager, supervisor, two associates (central/seed.py)


def test_ok_before_choosing_a_name_asks_for_one(qtbot: QtBot, view: SignInView) -> None:
    tap(qtbot, view, "1")
    tap(qtbot, view, "OK")
    assert view.error.text() == "Tap your name first."


def test_wrong_pin_then_lockout_then_even_the_right_pin_waits(
    qtbot: QtBot, view: SignInView, ui_device: Device
) -> None:
    signed: list[Session] = []
    view.signed_in.connect(signed.append)
    manager = person(ui_device, "MANAGER")
    tap_name(qtbot, view, manager)
    type_pin(qtbot, view, "0000")
    first = wait_message(qtbot, view)
    assert first == "Wrong PIN. 2 more tries before a pause."
    assert view.pin.text() == ""  # cleared for the next try
    type_pin(qtbot, view, "9999")
    second = wait_message(qtbot, view, first)
    assert second == "Wrong PIN. 1 more try before a pause."
    type_pin(qtbot, view, "1234")
    third = wait_message(qtbot, view, second)
    assert third.startswith("Wrong PIN.") and "locked" in third.lower()
    type_pin(qtbot, view, "3333")  # right, but too soon
    fourth = wait_message(qtbot, view, third)
    assert fourth.startswith("Too many wrong PINs. Try again in")
    qtbot.wait(50)
    assert signed == []


def test_backspace_then_right_pin_signs_in(qtbot: QtBot, view: SignInView, ui_device: Device) -> None:
    supervisor = person(ui_device, "SUPERVISOR")
    tap_name(qtbot, view, supervisor)
    tap(qtbot, view, "7")
    tap(qtbot, view, "⌫")
    assert view.pin.text() == ""
    with qtbot.waitSignal(view.signed_in, timeout=5000) as got:
        type_pin(qtbot, view, "2222")
    session = got.args[0]
    assert isinstance(session, Session)
    assert session.staff == supervisor
    assert view.error.text() == ""


def test_pin_typed_on_a_keyboard_and_enter_signs_in(qtbot: QtBot, view: SignInView, ui_device: Device) -> None:
    manager = person(ui_device, "MANAGER")
    tap_name(qtbot, view, manager)
    assert view.pin.hasFocus()  # ready for a hardware keyboard
    with qtbot.waitSignal(view.signed_in, timeout=5000) as got:
        qtbot.keyClicks(view.pin, "3333")
        qtbot.keyClick(view.pin, Qt.Key.Key_Return)
    assert got.args[0].staff.role.name == "MANAGER"


def test_sign_in_screen_is_touch_sized(view: SignInView) -> None:
    pad = [b for b in view.findChildren(QPushButton) if b.objectName() in ("pin", "pinOk")]
    assert len(pad) == 12
    assert {b.height() for b in pad} == {pad[0].height()}  # OK as big as the digits
    assert pad[0].height() >= 72
    for w in view.findChildren(QPushButton) + view.findChildren(QLineEdit):
        assert w.height() >= 56, (w.text(), w.height())
