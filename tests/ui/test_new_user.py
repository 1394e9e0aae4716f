"""What a new user tripped on (issue 6, section 5), each on the real screens against a real
central: scans, search rows, the offline word, the queue, the lockout countdown, small things."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from stdnum import ean

from pos_app.core.stock import Level, level
from pos_app.services.app import Device
from pos_app.services.errors import SignInError
from pos_app.ui import theme
from pos_app.ui.dialogs import ProblemsDialog
from pos_app.ui.main_window import LEVEL_COLOUR, MainWindow
from pos_app.ui.models import PAGE, StyleResultsModel
from pos_app.ui.operations import Ops
from pos_app.ui.signin_view import SignInView
from tests.ui.conftest import SCREEN, StoppableCentral, button
from tests.ui.test_main_window import a_barcode, wait_product


def unknown_ean() -> str:
    first12 = "200000000001"
    return first12 + ean.calc_check_digit(first12)


def test_an_unknown_barcode_message_clears_at_the_next_action(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    window.scanned(unknown_ean())
    qtbot.waitUntil(window.message.isVisible, timeout=5000)
    assert window.message.objectName() == "error"
    code, _vid, style = a_barcode(ui_device)
    window.scanned(code)  # the next scan: the old message never sits over the new product
    wait_product(qtbot, window, style)
    assert not window.message.isVisible()
    window.scanned(unknown_ean())
    qtbot.waitUntil(window.message.isVisible, timeout=5000)
    qtbot.keyClicks(window.search, "li")  # typing is a new action too
    qtbot.waitUntil(lambda: not window.message.isVisible(), timeout=5000)


def test_a_scan_does_not_leave_the_previous_result_highlighted(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    qtbot.keyClicks(window.search, "linen")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=5000)
    index = window.results.index(1)
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=window.list.visualRect(index).center())
    wait_product(qtbot, window, index.data(StyleResultsModel.CodeRole))
    assert window.list.selectionModel().hasSelection()
    code, _vid, style = a_barcode(ui_device)
    window.scanned(code)
    wait_product(qtbot, window, style)
    assert not window.list.selectionModel().hasSelection()
    assert window.list.currentIndex() == QModelIndex()


def test_a_hand_typed_barcode_selects_the_size_like_a_scan(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, vid, style = a_barcode(ui_device)
    qtbot.keyClicks(window.search, code)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    wait_product(qtbot, window, style)
    current = window.matrix.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == vid
    assert window.correct.isEnabled()


def test_a_scan_on_the_sign_in_screen_says_sign_in_first(qtbot: QtBot, ui_device: Device, bridge: Ops) -> None:
    from pos_app.ui.main import Shell

    view = SignInView(ui_device.auth, bridge, ui_device.identity.store_name)
    qtbot.addWidget(view)

    class Routing:  # the shell's scan routing alone: its start-up is tested in test_shell.py
        def currentWidget(self) -> SignInView:
            return view

        def tr(self, text: str) -> str:
            return text

    Shell._scanned(Routing(), "4901234567894")  # type: ignore[arg-type]
    assert view.error.text() == "Sign in first, then scan."


def test_result_rows_show_this_stores_price_and_stock(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "linen")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=5000)
    idx = window.results.index(0)
    assert str(idx.data(StyleResultsModel.PriceRole)).startswith("￥")
    for r in range(window.results.rowCount()):
        hit = window.results.hits[r]
        assert window.results.index(r).data(StyleResultsModel.StockRole) == hit.available  # this store's
    assert window.list.visualRect(idx).height() >= 64  # thumb-sized rows


def test_nothing_matches_is_a_notice_not_an_error(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "zzqxv")
    qtbot.waitUntil(window.message.isVisible, timeout=5000)
    assert window.message.objectName() == "notice"


def test_more_results_are_read_on_a_worker(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    words = ("cotton", "shirt", "dress", "black", "navy", "s", "c")
    word = next(w for w in words if len(ui_device.lookup.search(w, 2 * PAGE + 1, 0)) > 2 * PAGE)
    qtbot.keyClicks(window.search, word)
    qtbot.waitUntil(lambda: window.results.rowCount() >= PAGE, timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)  # the view may have asked already
    assert window.results.canFetchMore()
    n = window.results.rowCount()
    window.results.fetchMore()  # the store guard would raise if this read on the UI thread
    assert window.results.rowCount() == n  # not yet: asked, not answered here
    qtbot.waitUntil(lambda: window.results.rowCount() > n, timeout=5000)


def test_correct_stock_is_disabled_until_a_size_is_chosen_with_a_hint(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    _code, _vid, style = a_barcode(ui_device)
    window.open_style(style)
    wait_product(qtbot, window, style)
    assert not window.correct.isEnabled()
    assert window.selected.text() == "Tap a size to see it elsewhere or correct its count."
    assert window.correct.toolTip()


def test_low_stock_is_coloured_the_same_in_the_matrix_and_the_other_stores(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    _code, _vid, style = a_barcode(ui_device)
    window.open_style(style)
    wait_product(qtbot, window, style)
    t = window.elsewhere
    for r in range(t.rowCount()):
        text = t.item(r, 2).text()
        if text.isdigit():
            assert t.item(r, 2).background().color() == LEVEL_COLOUR[level(int(text))].name() or (
                t.item(r, 2).background().color() == LEVEL_COLOUR[level(int(text))]
            )
    assert LEVEL_COLOUR[Level.LOW] == theme.LOW


def test_the_clear_button_is_thumb_sized(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "linen")
    assert window.clear.isVisible() and window.clear.width() >= 56 and window.clear.height() >= 56
    qtbot.mouseClick(window.clear, Qt.MouseButton.LeftButton)
    assert window.search.text() == "" and not window.clear.isVisible()


def test_the_pin_pad_ignores_digits_before_a_name_is_chosen(qtbot: QtBot, ui_device: Device, bridge: Ops) -> None:
    view = SignInView(ui_device.auth, bridge, ui_device.identity.store_name)
    qtbot.addWidget(view)
    view.resize(*SCREEN)
    view.show()
    qtbot.mouseClick(button(view, "1"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(view, "2"), Qt.MouseButton.LeftButton)
    assert view.pin.text() == ""


def test_the_lockout_countdown_counts_down(qtbot: QtBot, ui_device: Device, bridge: Ops) -> None:
    view = SignInView(ui_device.auth, bridge, ui_device.identity.store_name)
    qtbot.addWidget(view)
    view.show()
    view._failed(SignInError("signin.locked", locked_until=datetime.now(UTC) + timedelta(seconds=5), wait="5 seconds"))
    first = view.error.text()
    qtbot.waitUntil(lambda: view.error.text() != first and "Try again in" in view.error.text(), timeout=3000)
    later = view.error.text()
    qtbot.waitUntil(lambda: view.error.text() != later, timeout=3000)
    assert view.error.text() != later  # it moves by itself, second by second


def test_the_problems_sheet_never_says_none_and_the_queue_opens_from_the_bar(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.pending, Qt.MouseButton.LeftButton)
    sheet = window.problems_sheet
    assert isinstance(sheet, ProblemsDialog)
    qtbot.waitUntil(lambda: sheet.queue.count() > 0, timeout=5000)
    assert not sheet.errors.isVisible()  # no "Problems talking to central: None"
    assert "None" not in sheet.errors.text()
    assert sheet.queue.item(0).text() == "Nothing waiting: everything was sent."
    qtbot.mouseClick(button(sheet, "Close"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.problems_sheet is None, timeout=2000)


def test_live_figures_turn_to_as_of_when_the_link_drops(
    qtbot: QtBot, stoppable_central: StoppableCentral, stoppable_device: Device, stoppable_bridge: Ops
) -> None:
    from pos_app.ui.bridge import SyncBridge
    from pos_app.ui.operations import QueryOp
    from tests.ui.conftest import open_window, sign_in

    window = open_window(qtbot, stoppable_device, sign_in(stoppable_device), stoppable_bridge)
    code, _vid, style = a_barcode(stoppable_device)
    window.scanned(code)
    wait_product(qtbot, window, style)
    qtbot.waitUntil(
        lambda: any(window.elsewhere.item(r, 3).text() == "live" for r in range(window.elsewhere.rowCount())),
        timeout=5000,
    )
    stoppable_central.stop()
    sync = window.findChild(SyncBridge)
    assert sync is not None
    with qtbot.waitSignal(sync.status, timeout=15_000, check_params_cb=lambda s: s.online is False):
        QueryOp(parent=None, op=stoppable_device.engine.sync_once).run_in_background(window.ops)
    qtbot.waitUntil(
        lambda: all(
            window.elsewhere.item(r, 3).text().startswith("as of ") for r in range(window.elsewhere.rowCount())
        ),
        timeout=5000,
    )
    qtbot.mouseClick(window.problems, Qt.MouseButton.LeftButton)
    sheet = window.problems_sheet
    assert sheet is not None
    qtbot.waitUntil(lambda: sheet.link.text().startswith("Central cannot be reached."), timeout=5000)
    assert any(isinstance(b, QPushButton) for b in sheet.findChildren(QPushButton))


def test_a_rejected_correction_is_sent_again_by_a_supervisor_entering_their_pin_on_the_spot(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    from pos_app.core.stock import CorrectionReason

    vid = ui_device.store.query("SELECT id FROM catalog ORDER BY id LIMIT 1")[0][0]
    op_id = ui_device.stock.correct(window.session, vid, delta=-1, reason=CorrectionReason.DAMAGED)
    ui_device.store.op_dead(op_id, 422, "the item was withdrawn")
    qtbot.mouseClick(window.problems, Qt.MouseButton.LeftButton)
    sheet = window.problems_sheet
    assert isinstance(sheet, ProblemsDialog)
    qtbot.waitUntil(lambda: sheet.queue.count() == 1 and sheet.retry.isEnabled(), timeout=5000)
    assert "rejected" in sheet.queue.item(0).text()
    sheet.queue.setCurrentRow(0)
    qtbot.mouseClick(sheet.retry, Qt.MouseButton.LeftButton)  # an associate may not: a supervisor comes
    qtbot.waitUntil(lambda: sheet.pages.currentIndex() == 1, timeout=5000)
    supervisor = next(p for p in ui_device.auth.staff() if p.role.name == "SUPERVISOR")
    qtbot.waitUntil(lambda: any(b.isVisible() for b in sheet.findChildren(QPushButton, "approver")), timeout=5000)
    qtbot.mouseClick(button(sheet, supervisor.name), Qt.MouseButton.LeftButton)
    pad = {b.text(): b for b in sheet.approval.pad.findChildren(QPushButton)}
    for d in "2222":
        qtbot.mouseClick(pad[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad["OK"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui_device.store.outbox_rows("dead") == [], timeout=5000)
    (row,) = ui_device.store.outbox_rows()
    assert row["op_id"] == op_id and row["state"] == "pending"
    entries = [e for e in ui_device.store.journal_entries() if e.type == "outbox.retry"]
    assert entries and entries[-1].data["staff_id"] == supervisor.id  # journaled with who
