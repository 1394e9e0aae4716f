"""Item tiles cut a long name with an ellipsis at their width (a Japanese name at 150 % text on
a tablet was clipped mid-character), keep the price line whole, and give the whole name to the
tooltip and to a screen reader."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pos_app.ui.widgets import TileButton

NAME = "リネン混ワイドパンツ アンクル丈 ナチュラル"


def test_a_long_name_is_cut_with_an_ellipsis_and_the_price_stays(qtbot: QtBot) -> None:
    tile = TileButton(f"{NAME}\n¥7,990")
    qtbot.addWidget(tile)
    tile.setObjectName("tile")
    tile.resize(160, 80)
    tile.show()
    qtbot.waitUntil(lambda: tile.text() != tile.full, timeout=2000)
    name, price = tile.text().split("\n")
    assert name.endswith("…") and NAME.startswith(name[:-1]) and price == "¥7,990"
    assert tile.fontMetrics().horizontalAdvance(name) <= tile.width()
    assert tile.toolTip() == f"{NAME}\n¥7,990" and tile.accessibleName() == f"{NAME}, ¥7,990"
    tile.resize(900, 80)  # room again: the whole name
    qtbot.waitUntil(lambda: tile.text() == tile.full, timeout=2000)
