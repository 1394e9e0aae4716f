"""MainWindow on a real synced device: search through the work bridge, scans (good, mistyped,
unknown), the size × colour matrix against the cache's own figures, and the status bar's word on
whether central is there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from stdnum import ean

from pos_app.core.stock import Level, level
from pos_app.services.app import Device
from pos_app.ui import theme
from pos_app.ui.bridge import SyncBridge
from pos_app.ui.main_window import MainWindow
from pos_app.ui.models import StyleResultsModel
from pos_app.ui.operations import Ops, QueryOp
from pos_app.ui.scanner import ScannerFilter
from pos_app.ui.widgets import StatusBar
from tests.ui.conftest import StoppableCentral, open_window, scanner_burst, sign_in


def wait_product(qtbot: QtBot, window: MainWindow, style: str) -> None:
    qtbot.waitUntil(lambda: window.view is not None and window.view.style_code == style, timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)  # the live refresh too


def expected_matrix(device: Device, style: str) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    """Sizes, colours and this store's figures straight from the cache tables."""
    rows = device.store.query(
        "SELECT c.id, c.colour, c.size, coalesce(s.on_hand - s.reserved, 0) FROM catalog c "
        "LEFT JOIN stock s ON s.variant_id = c.id AND s.location_id = ? "
        "WHERE c.style_code = ? AND c.active = 1 ORDER BY c.size_order, c.id",
        (device.identity.store_id, style),
    )
    sizes = list(dict.fromkeys(r[2] for r in rows))
    colours = list(dict.fromkeys(r[1] for r in rows))
    return sizes, colours, {(r[1], r[2]): int(r[3]) for r in rows}


def a_barcode(device: Device) -> tuple[str, int, str]:
    """A barcode of a style with at least two sizes and two colours (so 'the focus cell' means something)."""
    code, vid, style = device.store.query(
        "SELECT b.code, c.id, c.style_code FROM barcodes b JOIN catalog c ON c.id = b.variant_id "
        "WHERE c.style_code IN (SELECT style_code FROM catalog GROUP BY style_code "
        "HAVING count(DISTINCT colour) > 1 AND count(DISTINCT size) > 1) ORDER BY b.code LIMIT 1 OFFSET 7"
    )[0]
    return str(code), int(vid), str(style)


def most_colours(device: Device) -> str:
    """The style with the most colours (rows), then sizes: the hardest matrix to fit on screen."""
    return str(
        device.store.query(
            "SELECT style_code FROM catalog WHERE active=1 GROUP BY style_code "
            "ORDER BY count(DISTINCT colour) DESC, count(DISTINCT size) DESC, style_code LIMIT 1"
        )[0][0]
    )


def test_typing_in_search_fills_the_results_through_the_bridge(qtbot: QtBot, window: MainWindow) -> None:
    model = window.list.model()
    assert isinstance(model, StyleResultsModel) and model.rowCount() == 0
    qtbot.keyClicks(window.search, "linen")
    assert model.rowCount() == 0  # not answered on the UI thread while typing: debounced, then a worker
    qtbot.waitUntil(lambda: model.rowCount() > 1, timeout=5000)
    assert model.query == "linen"
    for row in range(model.rowCount()):
        text = model.index(row).data(Qt.ItemDataRole.DisplayRole)
        assert "linen" in text.lower(), text
        assert model.index(row).data(StyleResultsModel.CodeRole)
    assert not window.message.isVisible()


def test_search_with_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "zzqxv")
    qtbot.waitUntil(window.message.isVisible, timeout=5000)
    assert window.message.text() == "Nothing matches “zzqxv”."
    assert window.results.rowCount() == 0


def test_tapping_a_result_opens_the_product(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "linen")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=5000)
    index = window.results.index(1)
    rect = window.list.visualRect(index)
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_product(qtbot, window, index.data(StyleResultsModel.CodeRole))
    hit = window.results.hits[1]
    assert hit.local_name  # Tokyo: the catalog has a Japanese name for every style
    assert window.title.text() == hit.local_name  # the name in this store's language first
    assert window.latin.text() == hit.name == index.data(Qt.ItemDataRole.DisplayRole).split("\n")[0]
    assert window.latin.isVisible()
    assert window.price.text().startswith("￥")


def test_scanned_barcode_opens_the_product_on_its_cell(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, vid, style = a_barcode(ui_device)
    window.scanned(code)
    wait_product(qtbot, window, style)
    m = window.matrix
    current = m.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == vid
    assert current.isSelected()
    # the chosen cell keeps its stock colour (out / low / ok) under the selection frame
    rect = m.visualItemRect(current)
    shot = m.viewport().grab().toImage()
    assert shot.pixelColor(rect.left() + 12, rect.center().y()) == current.background().color()
    assert shot.pixelColor(rect.left() + 3, rect.center().y()) == theme.ACCENT
    colour, size, names = ui_device.store.query(
        "SELECT c.colour, c.size, n.value FROM catalog c JOIN names n ON n.kind='colour' AND n.key=c.colour "
        "WHERE c.id=?",
        (vid,),
    )[0]
    local = json.loads(names)["ja"]
    # as on the label, not the SKU; the colour in Japanese with the catalog's name
    assert window.selected.text().startswith(f"{local} ({colour}) · {size}: ")
    assert window.correct.isEnabled()
    assert not window.message.isVisible()


def test_scanner_burst_in_the_search_box_opens_the_product_not_a_search(
    qtbot: QtBot, window: MainWindow, ui_device: Device, qapp: QApplication
) -> None:
    """As the app wires it (Shell): the app-wide scanner filter hands the code to the window."""
    code, vid, style = a_barcode(ui_device)
    scanner = ScannerFilter()
    scanner.scanned.connect(window.scanned)
    qapp.installEventFilter(scanner)
    try:
        window.activateWindow()
        window.search.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
        scanner_burst(window.search, code)
        wait_product(qtbot, window, style)
    finally:
        qapp.removeEventFilter(scanner)
    assert window.search.text() == ""  # the digits never landed in the search box
    current = window.matrix.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == vid


def test_scanned_code_with_a_wrong_check_digit_says_so(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    code, _vid, _style = a_barcode(ui_device)
    bad = code[:-1] + str((int(code[-1]) + 5) % 10)
    window.scanned(bad)
    qtbot.waitUntil(window.message.isVisible, timeout=5000)
    assert "wrong check digit" in window.message.text()
    assert bad in window.message.text()
    assert window.view is None


def test_scanned_unknown_but_valid_ean13_is_not_in_the_catalog(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    first12 = "200000000001"
    unknown = first12 + ean.calc_check_digit(first12)
    assert ean.is_valid(unknown)
    assert not ui_device.store.query("SELECT 1 FROM barcodes WHERE code=?", (unknown,))
    window.scanned(unknown)
    qtbot.waitUntil(window.message.isVisible, timeout=5000)
    assert window.message.text() == f"Barcode {unknown} is not in the catalog. Check the label or search by name."


def test_matrix_has_sizes_as_columns_colours_as_rows_and_this_stores_figures(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    style = most_colours(ui_device)
    window.open_style(style)
    wait_product(qtbot, window, style)
    sizes, colours, figures = expected_matrix(ui_device, style)
    m = window.matrix
    assert [m.horizontalHeaderItem(c).text() for c in range(m.columnCount())] == sizes
    local = {
        c: json.loads(n)["ja"]
        for c, n in ui_device.store.query(
            "SELECT DISTINCT c.colour, n.value FROM catalog c JOIN names n ON n.kind='colour' AND n.key=c.colour "
            "WHERE c.style_code=?",
            (style,),
        )
    }
    # the colours as a Tokyo assistant says them, with the catalog's (Latin) names under them
    assert [m.verticalHeaderItem(r).text() for r in range(m.rowCount())] == [f"{local[c]}\n{c}" for c in colours]
    assert len(colours) >= 5
    for r, colour in enumerate(colours):
        for c, size in enumerate(sizes):
            item = m.item(r, c)
            if (colour, size) in figures:
                n = figures[(colour, size)]
                # low and out carry a mark, not only a colour (docs/accessibility.md)
                mark = {Level.LOW: " ▼", Level.OUT: " ✕"}.get(level(n), "")
                assert item.text() == f"{n}{mark}", (colour, size)
            else:
                assert item.text() == "" and not item.flags() & Qt.ItemFlag.ItemIsEnabled
    # every colour is on screen whole: no row hidden behind a scroll bar
    assert not m.verticalScrollBar().isVisible()
    last = m.visualItemRect(m.item(m.rowCount() - 1, 0))
    assert last.bottom() <= m.viewport().height()
    assert m.rowHeight(0) >= 56
    # nearby stores and warehouses, never this store itself
    places = [window.elsewhere.item(r, 0).text() for r in range(window.elsewhere.rowCount())]
    assert places and not any("(TKY01)" in p for p in places)


def test_main_window_is_touch_sized(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    _code, _vid, style = a_barcode(ui_device)
    window.open_style(style)
    wait_product(qtbot, window, style)
    for w in window.findChildren(QPushButton) + window.findChildren(QLineEdit):
        if w.isVisible():
            assert w.height() >= 56, (w.text(), w.height())
    assert window.correct.height() >= 56


def test_status_bar_online_after_a_sync(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    sync = window.findChild(SyncBridge)
    assert sync is not None
    with qtbot.waitSignal(sync.status, timeout=10_000, check_params_cb=lambda s: s.last_sync_at is not None):
        QueryOp(parent=None, op=ui_device.engine.sync_once).run_in_background(window.ops)
    qtbot.waitUntil(lambda: "last sync" in window.net.text(), timeout=2000)
    at = ui_device.engine.status.last_sync_at
    assert at is not None
    local = at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert window.net.text() == f"● Online · last sync {local:%H:%M}"
    assert window.pending.text() == "All sent"
    assert window.problems.text() == "No problems"
    assert window.bar.property("offline") is False


def test_status_bar_counts_problems_and_waiting_ops_in_words(qtbot: QtBot) -> None:
    from sync.engine import SyncStatus

    bar = StatusBar()
    qtbot.addWidget(bar)
    for status, problems, waiting in [
        (SyncStatus(online=True), "No problems", "All sent"),
        (SyncStatus(online=True, dead_ops=1, pending_ops=2), "1 problem", "2 waiting to send"),
        (
            SyncStatus(online=True, dead_ops=1, errors=("stock: refused",), stuck_ops=1),
            "2 problems",
            "1 waiting to send",
        ),
    ]:
        bar.show_status(status)
        assert (bar.problems.text(), bar.pending.text()) == (problems, waiting)
        assert bar.problems.property("bad") is (problems != "No problems")


@pytest.fixture
def stoppable_window(qtbot: QtBot, stoppable_device: Device, stoppable_bridge: Ops) -> Iterator[MainWindow]:
    yield open_window(qtbot, stoppable_device, sign_in(stoppable_device), stoppable_bridge)


def test_status_bar_says_offline_when_central_stops_and_online_when_it_is_back(
    qtbot: QtBot, stoppable_window: MainWindow, stoppable_device: Device, stoppable_central: StoppableCentral
) -> None:
    window, engine = stoppable_window, stoppable_device.engine
    assert "Online" in window.net.text()

    def sync_and_wait(online: bool) -> None:
        sync = window.findChild(SyncBridge)
        assert sync is not None
        with qtbot.waitSignal(sync.status, timeout=15_000, check_params_cb=lambda s: s.online is online):
            QueryOp(parent=None, op=engine.sync_once).run_in_background(window.ops)
        qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)

    stoppable_central.stop()
    sync_and_wait(online=False)
    as_of = stoppable_device.store.stream_state("catalog").synced_at
    assert as_of is not None
    assert window.net.text().startswith("○ Offline — working from data as of ")
    assert window.bar.property("offline") is True
    # the cache still answers while offline
    qtbot.keyClicks(window.search, "linen")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=5000)

    stoppable_central.start()
    sync_and_wait(online=True)
    assert window.net.text().startswith("● Online")
    assert window.bar.property("offline") is False


@pytest.fixture
def offline_window(qtbot: QtBot, offline_device: Device, offline_bridge: Ops) -> Iterator[MainWindow]:
    yield open_window(qtbot, offline_device, sign_in(offline_device), offline_bridge)


def test_starting_without_central_works_from_the_cache_and_says_how_old(
    qtbot: QtBot, offline_window: MainWindow, offline_device: Device
) -> None:
    window = offline_window
    assert window.net.text() == "● Connecting to central…"
    sync = window.findChild(SyncBridge)
    assert sync is not None
    with qtbot.waitSignal(sync.status, timeout=15_000, check_params_cb=lambda s: s.online is False):
        QueryOp(parent=None, op=offline_device.engine.sync_once).run_in_background(window.ops)
    synced = min(offline_device.store.stream_state(s).synced_at for s in ("catalog", "stock"))  # type: ignore[type-var]
    local = synced.astimezone(ZoneInfo("Asia/Tokyo"))
    qtbot.waitUntil(lambda: "Offline" in window.net.text(), timeout=2000)
    assert window.net.text() == f"○ Offline — working from data as of {local:%H:%M}"
    code, _vid, style = a_barcode(offline_device)
    window.scanned(code)
    wait_product(qtbot, window, style)
    freshness = [window.elsewhere.item(r, 3).text() for r in range(window.elsewhere.rowCount())]
    assert freshness and all(f.startswith("as of ") for f in freshness), freshness  # never "live" offline
