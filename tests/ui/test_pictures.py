"""Product pictures and the Tokyo store's words on a real synced device: thumbnails per result row
loaded on a worker and painted from memory, loads for rows gone dropped, the typo note, the
product's picture following the chosen colour, and offline what the cache has."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from pos_app.services.app import Device
from pos_app.services.images import ImageService
from pos_app.ui.main_window import MainWindow
from pos_app.ui.models import picture_key
from pos_app.ui.operations import Ops
from pos_app.ui.pictures import LOADING, Pictures
from tests.ui.conftest import open_window, sign_in


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search.setText(text)
    window._search_now()
    qtbot.waitUntil(lambda: window.results.query == text and window.results.rowCount() > 0, timeout=5000)


def test_result_rows_show_pictures_loaded_on_a_worker_and_painted_from_memory(
    qtbot: QtBot, window: MainWindow, ui_device: Device, monkeypatch: Any
) -> None:
    calls: list[str] = []
    original = ImageService.get

    def counting(self: ImageService, style: str, colour: str) -> bytes | None:
        calls.append(threading.current_thread().name)
        return original(self, style, colour)

    monkeypatch.setattr(ImageService, "get", counting)
    search(qtbot, window, "linen")
    key = picture_key(window.results.hits[0])
    qtbot.waitUntil(lambda: isinstance(window.thumbs.pixmap(key), QPixmap), timeout=10_000)
    assert calls and all(name.startswith("aisle-read") for name in calls)  # never the GUI thread
    assert list((ui_device.data_dir / "images").glob("*.png"))  # kept on disk for offline
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=10_000)
    before = len(calls)
    for _ in range(3):
        window.list.viewport().repaint()  # a paint reads memory only
    assert len(calls) == before
    # the row's picture is drawn where the delegate puts it (not the placeholder's grey)
    rect = window.list.visualRect(window.results.index(0))
    shot = window.list.viewport().grab().toImage()
    colours = {shot.pixelColor(rect.left() + 8 + x, rect.center().y()).name() for x in range(10, 50, 4)}
    assert colours - {"#f0f4f8", "#ffffff", "#bcccdc", "#9aa5b1"}


def test_loads_for_rows_scrolled_away_are_dropped_before_they_start(qtbot: QtBot) -> None:
    release = threading.Event()
    fetched: list[tuple[str, str]] = []

    def slow(style: str, colour: str) -> bytes | None:
        release.wait(5)
        fetched.append((style, colour))
        return None

    bridge = Ops()
    try:
        pics = Pictures(slow, bridge, 60, parallel=2)
        first = [(f"S{i}", "Navy") for i in range(10)]
        pics.want(first)
        pics.want([("S9", "Navy")])  # scrolled: only the last row is on screen now
        release.set()
        qtbot.waitUntil(lambda: bridge.in_flight == 0, timeout=5000)
        assert sorted(fetched) == sorted([("S0", "Navy"), ("S1", "Navy"), ("S9", "Navy")])
        assert pics.dropped == 7
        assert pics.pixmap(("S9", "Navy")) is None  # none: the placeholder, not asked again at once
        assert pics.pixmap(("S5", "Navy")) is LOADING
    finally:
        bridge.shutdown(wait=True)


def test_a_typo_shows_a_calm_note_above_the_results_not_nothing_matches(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "lenin")
    assert window.note.isVisible() and window.note.text() == "Showing results for “linen”"
    assert window.note.objectName() == "hint"
    assert not window.message.isVisible()
    window.search.setText("zzqxv")
    window._search_now()
    qtbot.waitUntil(lambda: window.message.isVisible(), timeout=5000)
    assert window.message.text() == "Nothing matches “zzqxv”." and not window.note.isVisible()


def test_the_product_picture_follows_the_chosen_colour(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    style = ui_device.store.query(
        "SELECT style_code FROM catalog WHERE active=1 GROUP BY style_code HAVING count(DISTINCT colour) > 1 "
        "ORDER BY style_code LIMIT 1"
    )[0][0]
    window.open_style(style)
    qtbot.waitUntil(lambda: window.view is not None and window.view.style_code == style, timeout=5000)
    view = window.view
    assert view is not None
    first = (style, view.colours[0])
    assert window.picture_key == first
    qtbot.waitUntil(lambda: isinstance(window.pictures.pixmap(first), QPixmap), timeout=10_000)
    assert window.picture.isVisible() and not window.picture.pixmap().isNull()
    # the local name first, the Latin one under it, the colours in Japanese with the Latin names
    assert window.title.text() == view.local_name and window.latin.text() == view.name
    m = window.matrix
    assert m.verticalHeaderItem(1).text() == f"{view.colour_names[view.colours[1]]}\n{view.colours[1]}"
    row = 1
    col = next(c for c in range(m.columnCount()) if m.item(row, c) and m.item(row, c).data(Qt.ItemDataRole.UserRole))
    qtbot.mouseClick(m.viewport(), Qt.MouseButton.LeftButton, pos=m.visualItemRect(m.item(row, col)).center())
    second = (style, view.colours[1])
    qtbot.waitUntil(lambda: window.picture_key == second, timeout=5000)
    qtbot.waitUntil(lambda: isinstance(window.pictures.pixmap(second), QPixmap), timeout=10_000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=10_000)


def test_offline_the_product_shows_a_placeholder_and_no_error(
    qtbot: QtBot, offline_device: Device, offline_bridge: Ops
) -> None:
    window = open_window(qtbot, offline_device, sign_in(offline_device), offline_bridge)
    style = offline_device.store.query("SELECT style_code FROM catalog ORDER BY id LIMIT 1")[0][0]
    window.open_style(style, live=False)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    key = window.picture_key
    assert key is not None
    qtbot.waitUntil(lambda: window.pictures.pixmap(key) is None, timeout=10_000)  # asked; none offline
    assert window.picture.isVisible() and not window.picture.pixmap().isNull()  # the placeholder
    assert not window.message.isVisible()
