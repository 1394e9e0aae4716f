"""The operations bridge (pos_app.ui.operations): work on a worker, answers on the UI thread,
overtaken answers dropped (the product view included), answers for deleted screens dropped, one
failure path — and the guard that proves the UI thread never reads the store itself."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

import pos_app.ui
from pos_app.services.app import Device
from pos_app.services.errors import ValidationFailed
from pos_app.ui.main_window import MainWindow
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from tests.ui.conftest import OnTheUiThread


class Screen(QLabel):
    """A screen with the one place messages go."""

    def show_problem(self, text: str) -> None:
        self.setText(text)


@pytest.fixture
def ops(qtbot: QtBot) -> Ops:
    o = Ops()
    yield o
    qtbot.waitUntil(lambda: o.in_flight == 0, timeout=5000)
    o.shutdown(wait=True)


def test_the_op_runs_on_a_worker_and_success_on_the_ui_thread(qtbot: QtBot, ops: Ops) -> None:
    seen: dict[str, object] = {}

    def op() -> int:
        seen["op"] = threading.current_thread()
        return 42

    def success(n: int) -> None:
        seen["success"] = threading.current_thread()
        seen["n"] = n

    QueryOp(parent=None, op=op, success=success).run_in_background(ops)
    qtbot.waitUntil(lambda: "n" in seen, timeout=2000)
    assert seen["op"] is not threading.main_thread()
    assert seen["success"] is threading.main_thread() and seen["n"] == 42


def test_an_overtaken_answer_is_dropped(qtbot: QtBot, ops: Ops) -> None:
    screen = Screen()
    qtbot.addWidget(screen)
    shown: list[str] = []
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "first"

    QueryOp(parent=screen, op=slow, success=shown.append, kind="product").run_in_background(ops)
    QueryOp(parent=screen, op=lambda: "second", success=shown.append, kind="product").run_in_background(ops)
    qtbot.waitUntil(lambda: shown == ["second"], timeout=2000)
    release.set()  # the first answer arrives last, and is not shown over the second
    qtbot.waitUntil(lambda: ops.in_flight == 0, timeout=2000)
    assert shown == ["second"] and ops.dropped == 1


def test_writes_run_one_after_another_in_order(qtbot: QtBot, ops: Ops) -> None:
    done: list[int] = []
    for i in range(5):
        CollectionOp(
            parent=None, op=lambda i=i: (time.sleep(0.01 * (5 - i)), i)[1], success=done.append
        ).run_in_background(ops)
    qtbot.waitUntil(lambda: len(done) == 5, timeout=3000)
    assert done == [0, 1, 2, 3, 4]


def test_an_answer_for_a_deleted_screen_is_dropped(qtbot: QtBot, ops: Ops) -> None:
    screen = Screen()
    release = threading.Event()
    shown: list[object] = []
    QueryOp(parent=screen, op=lambda: release.wait(5), success=shown.append).run_in_background(ops)
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen), timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: ops.in_flight == 0, timeout=2000)
    assert shown == [] and ops.dropped == 1


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_service_error_shows_its_sentence_where_the_screen_shows_messages(qtbot: QtBot, ops: Ops) -> None:
    screen = Screen()
    child = QWidget(screen)  # the nearest parent with show_problem() gets it
    qtbot.addWidget(screen)

    def op() -> None:
        raise ValidationFailed("correction.no_change")

    QueryOp(parent=child, op=op).run_in_background(ops)
    qtbot.waitUntil(lambda: screen.text() != "", timeout=2000)
    assert screen.text() == "That is what the figures already say, so there is nothing to save."


def test_a_bug_is_logged_with_a_reference_and_shown_as_an_apology(
    qtbot: QtBot, ops: Ops, caplog: pytest.LogCaptureFixture
) -> None:
    screen = Screen()
    qtbot.addWidget(screen)
    cleaned: list[BaseException] = []

    def op() -> None:
        raise KeyError("variant_id")

    with caplog.at_level(logging.ERROR, logger="aisle.ui"):
        QueryOp(parent=screen, op=op).failure(cleaned.append).run_in_background(ops)
        qtbot.waitUntil(lambda: screen.text() != "", timeout=2000)
    assert screen.text().startswith("Sorry, something went wrong (reference ")
    ref = screen.text().split("reference ")[1].rstrip(").")
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)
    assert len(cleaned) == 1  # the screen's own clean-up ran, and the message still came


def test_two_quick_taps_show_the_second_product(
    qtbot: QtBot, window: MainWindow, ui_device: Device, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = (
        r[0] for r in ui_device.store.query("SELECT DISTINCT style_code FROM catalog ORDER BY style_code LIMIT 2")
    )
    real = ui_device.lookup.product
    release = threading.Event()

    def product(style: str, focus: int | None = None):  # type: ignore[no-untyped-def]
        if style == first:
            release.wait(5)  # the first tap's answer is slow (a big style, a busy disk)
        return real(style, focus)

    monkeypatch.setattr(ui_device.lookup, "product", product)
    window.open_style(first, live=False)
    window.open_style(second, live=False)
    qtbot.waitUntil(lambda: window.view is not None and window.view.style_code == second, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    qtbot.wait(50)
    assert window.view is not None and window.view.style_code == second


def test_the_guard_bites_when_ui_code_reads_the_store_on_the_gui_thread(
    window: MainWindow, ui_device: Device, thread_guard: list[str]
) -> None:
    # A line of "UI code" (compiled as if it lived in pos_app/ui) reading the store on the GUI
    # thread: what the bridge is there to prevent.
    ui_line = compile("device.cache_as_of()", str(Path(pos_app.ui.__file__).parent / "planted.py"), "exec")
    with pytest.raises(OnTheUiThread):
        exec(ui_line, {"device": window.device})
    assert thread_guard  # recorded too (then cleared: this test wanted it)
    thread_guard.clear()
    ui_device.store.query("SELECT 1")  # the test's own reads are fine
