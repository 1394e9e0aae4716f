"""The sell screen's basket rows are kept, not rebuilt: a row per line stays on screen while its
line is in the basket, a scan adds one row and sets text only on the rows whose line changed
(a promotion that starts to apply changes the rows it touches), a removed line's row goes and
comes back in its place with undo, and the rows show exactly what a freshly built row would.
(The speed this buys is measured in tests/bench/scan.py, not here.)"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from pos_app.services.app import Device
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sell_view import LineRow, LineWords, SellView


def barcodes(device: Device, n: int, category: str | None = None, exclude: tuple[str, ...] = ()) -> list[str]:
    """n barcodes of different variants priced under ¥9,000, so that three stay under the
    spend promotion's ¥30,000 (of `category`, or of none of `exclude`)."""
    cond, args = "", [device.identity.store_id]
    if category is not None:
        cond, args = " AND c.category=?", [*args, category]
    elif exclude:
        cond, args = f" AND c.category NOT IN ({','.join('?' * len(exclude))})", [*args, *exclude]
    rows = device.store.query(
        "SELECT min(b.code) FROM barcodes b JOIN catalog c ON c.id=b.variant_id "
        "WHERE EXISTS (SELECT 1 FROM prices p WHERE p.variant_id=c.id AND p.amount < 9000 AND p.currency="
        f"(SELECT currency FROM locations WHERE id=?)){cond} GROUP BY c.id ORDER BY c.id LIMIT ?",
        (*args, n),
    )
    assert len(rows) == n, (category, rows)
    return [str(r[0]) for r in rows]


# The categories the Tokyo seed promotes (central/seed.py): lines outside them save nothing
# while the basket is under the spend threshold.
PROMOTED = ("Knitwear", "Sneakers", "T-shirts", "Jeans", "Hoodies", "Jackets")


def sell_screen(qtbot: QtBot, window: MainWindow) -> SellView:
    qtbot.mouseClick(window.sell_button, Qt.MouseButton.LeftButton)
    assert window.selling()
    return window.sell


def scan(qtbot: QtBot, window: MainWindow, code: str, lines: int) -> SellView:
    window.scanned(code)
    sell = window.sell
    qtbot.waitUntil(lambda: sell.current is not None and len(sell.current.lines) == lines, timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    return sell


def rows_in_order(sell: SellView) -> list[LineRow]:
    """The rows as the basket's column lays them out, top to bottom."""
    lay = sell.lines
    out = []
    for i in range(lay.count()):
        item = lay.itemAt(i)
        w = item.widget() if item is not None else None
        if isinstance(w, LineRow):
            out.append(w)
    return out


class Sets:
    """Counts the texts set on the rows' labels (the real setText runs)."""

    def __init__(self, rows: list[LineRow]) -> None:
        self.n: Counter[tuple[str, str]] = Counter()
        for row in rows:
            for part in ("info", "saved", "qty", "total"):
                label = getattr(row, part)
                real = label.setText

                def spy(text: str, _real: Any = real, _key: tuple[str, str] = (row.key, part)) -> None:
                    self.n[_key] += 1
                    _real(text)

                label.setText = spy  # type: ignore[method-assign]


def shown_as_built(qtbot: QtBot, sell: SellView) -> None:
    """Every row shows what a row built afresh from the current view shows, in the view's order,
    and, once the layout has settled, is as tall as its words are at their width (QLabel's own
    measure)."""
    assert sell.current is not None
    rows = rows_in_order(sell)
    assert [r.key for r in rows] == [x.key for x in sell.current.lines]
    for row, line in zip(rows, sell.current.lines, strict=True):
        fresh = LineRow(line, sell, row.narrow)
        for part in ("info", "saved", "qty", "total"):
            assert getattr(row, part).text() == getattr(fresh, part).text(), (line.key, part)
        assert row.saved.isVisibleTo(row) == bool(line.savings)
        assert row.minus.isEnabled() == fresh.minus.isEnabled()
        fresh.deleteLater()

    def measured() -> bool:
        return all(
            w.height() == QLabel.heightForWidth(w, w.width())
            for r in rows
            for w in ((r.info, r.saved) if r.line.savings else (r.info,))
        )

    qtbot.waitUntil(measured, timeout=3000)


def test_a_row_survives_an_unrelated_scan_untouched(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    first, second = barcodes(ui_device, 2, exclude=PROMOTED)
    sell = sell_screen(qtbot, window)
    scan(qtbot, window, first, 1)
    (row,) = rows_in_order(sell)
    sets = Sets([row])
    scan(qtbot, window, second, 2)
    rows = rows_in_order(sell)
    assert rows[0] is row and len(rows) == 2 and rows[1] is not row
    assert sum(sets.n.values()) == 0, sell.current  # nothing about the first line changed: no text set
    # A widget put in a shown layout is shown by a posted event: let it land, then no other row shows.
    qtbot.waitUntil(lambda: {r for r in sell.findChildren(LineRow) if not r.isHidden()} == set(rows), timeout=3000)
    assert not sell.empty.isVisible()
    shown_as_built(qtbot, sell)


def test_a_quantity_change_sets_only_that_rows_texts(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    first, second = barcodes(ui_device, 2, exclude=PROMOTED)
    sell = sell_screen(qtbot, window)
    scan(qtbot, window, first, 1)
    scan(qtbot, window, second, 2)
    a, b = rows_in_order(sell)
    sets = Sets([a, b])
    qtbot.mouseClick(b.plus, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 3, timeout=5000)
    assert rows_in_order(sell) == [a, b]
    assert b.qty.text() == "2" and b.minus.isEnabled()
    assert sets.n[(b.key, "qty")] == 1 and sets.n[(b.key, "total")] == 1
    assert sets.n[(b.key, "info")] == 0 and sets.n[(b.key, "saved")] == 0  # same words, no saving
    assert not [k for k in sets.n if k[0] == a.key]
    qtbot.mouseClick(b.minus, Qt.MouseButton.LeftButton)  # the button reads the row's current line
    qtbot.waitUntil(lambda: sell.current is not None and sell.current.items == 2, timeout=5000)
    assert b.qty.text() == "1" and not b.minus.isEnabled()
    shown_as_built(qtbot, sell)


def test_a_promotion_that_starts_to_apply_updates_the_rows_it_touches(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    """Tシャツ 3枚で2枚分 (3 for 2 on T-shirts): the third T-shirt makes it apply, and the rows of
    the T-shirts already in the basket say what they save, in place."""
    tees = barcodes(ui_device, 3, "T-shirts")
    trial = ui_device.basket.new()  # which T-shirt the promotion rewards (the cheapest)
    for code in tees:
        view = ui_device.basket.add_scan(trial, code)
    rewarded = [code for code, line in zip(tees, view.lines, strict=True) if line.savings]
    assert rewarded, view.lines
    tees = rewarded + [c for c in tees if c not in rewarded]  # it goes in first
    sell = sell_screen(qtbot, window)
    scan(qtbot, window, tees[0], 1)
    scan(qtbot, window, tees[1], 2)
    before = rows_in_order(sell)
    assert not any(r.saved.text() or r.saved.isVisibleTo(r) for r in before)
    sets = Sets(before)
    scan(qtbot, window, tees[2], 3)
    rows = rows_in_order(sell)
    assert rows[:2] == before  # the same widgets
    assert "3枚で2枚分" in rows[0].saved.text() and rows[0].saved.isVisibleTo(rows[0])  # says what it saves
    assert sets.n[(before[0].key, "saved")] == 1 and sets.n[(before[0].key, "total")] == 1
    assert sets.n[(before[0].key, "info")] == 0  # its name and price stay as they were
    assert not [k for k in sets.n if k[0] == before[1].key]  # the other T-shirt pays: untouched
    shown_as_built(qtbot, sell)


def test_remove_and_undo_put_the_row_back_in_its_place(qtbot: QtBot, window: MainWindow, ui_device: Device) -> None:
    codes = barcodes(ui_device, 3, exclude=PROMOTED)
    sell = sell_screen(qtbot, window)
    for n, code in enumerate(codes, start=1):
        scan(qtbot, window, code, n)
    a, b, c = rows_in_order(sell)
    qtbot.mouseClick(b.remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and len(sell.current.lines) == 2, timeout=5000)
    assert rows_in_order(sell) == [a, c]
    assert not Shiboken.isValid(b) or b.isHidden()  # off the screen at once, deleted soon after
    qtbot.mouseClick(sell.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.current is not None and len(sell.current.lines) == 3, timeout=5000)
    rows = rows_in_order(sell)
    assert rows[0] is a and rows[2] is c and rows[1].key == b.key  # back between them
    shown_as_built(qtbot, sell)
    # emptied: the words of the empty basket again, no rows
    for row in list(rows):
        qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda r=row: r not in rows_in_order(sell), timeout=5000)
    qtbot.waitUntil(lambda: window.ops.in_flight == 0, timeout=5000)
    assert rows_in_order(sell) == [] and sell.empty.isVisible()


def test_a_narrower_screen_makes_the_rows_again_in_two_levels(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    codes = barcodes(ui_device, 2, exclude=PROMOTED)
    sell = sell_screen(qtbot, window)
    scan(qtbot, window, codes[0], 1)
    scan(qtbot, window, codes[1], 2)
    wide = rows_in_order(sell)
    assert not any(r.narrow for r in wide)
    window.resize(853, 533)
    qtbot.waitUntil(lambda: all(r.narrow for r in rows_in_order(sell)) and len(rows_in_order(sell)) == 2)
    narrow = rows_in_order(sell)
    assert not set(narrow) & set(wide)
    shown_as_built(qtbot, sell)
    for r in narrow:  # touch sizes kept
        assert min(r.plus.height(), r.minus.height(), r.remove.height()) >= 48


def test_line_words_height_follows_its_text_and_width(qtbot: QtBot) -> None:
    """LineWords is as tall as QLabel says its text is at its present width: measured again
    after a new text, a new font and a new width (not only the first time)."""
    words = LineWords()
    words.setObjectName("lineInfo")
    words.setWordWrap(True)
    qtbot.addWidget(words)
    plain = QLabel()
    plain.setObjectName("lineInfo")
    plain.setWordWrap(True)
    qtbot.addWidget(plain)
    texts = [
        "<b>Linen shirt</b><br><span>White · M · ¥4,900</span>",
        "<b>Linen shirt</b><br><span>White · M · ¥4,900</span><br><span>3 for 2: −¥4,900</span>"
        "<br><span>Spend ¥30,000, save ¥3,000: −¥312</span>",
    ]
    for text in texts:
        words.setText(text)
        plain.setText(text)
        for w in (120, 311, 600, 311):
            words.resize(w, words.height())
            plain.resize(w, plain.height())
            assert words.sizeHint().height() == plain.heightForWidth(w), (text, w)
            assert words.minimumSizeHint().height() == plain.heightForWidth(w)
    assert not words.hasHeightForWidth()
    one = words.sizeHint().height()
    font = words.font()
    font.setPixelSize(34)
    words.setFont(font)
    plain.setFont(font)
    assert words.sizeHint().height() == plain.heightForWidth(words.width()) > one


def test_savings_lines_known_unwrapped_are_as_tall_as_qlabel_says(qtbot: QtBot) -> None:
    """A savings label told its plain lines (`set_lines`) takes the height of so many unwrapped
    lines from the first label that measured it; a line too long for the width still wraps and
    the label is as tall as QLabel says, at every width."""
    savings = [
        ("3 for 2: −¥4,900",),
        ("3 for 2: −¥4,900", "Spend ¥30,000, save ¥3,000: −¥312"),
        ("Spend ¥30,000, save ¥3,000 on everything in the autumn collection this week only: −¥312",),
    ]
    for lines in savings:
        text = "<br>".join(f"<span style='color:#1F7A3D'>{s}</span>" for s in lines)
        words = LineWords()
        words.setWordWrap(True)
        words.setContentsMargins(6, 0, 6, 4)
        qtbot.addWidget(words)
        plain = QLabel()
        plain.setWordWrap(True)
        plain.setContentsMargins(6, 0, 6, 4)
        plain.setIndent(words.indent())
        qtbot.addWidget(plain)
        words.set_lines(text, lines)
        plain.setText(text)
        for w in (140, 420, 900, 420):
            words.resize(w, words.height())
            plain.resize(w, plain.height())
            assert words.sizeHint().height() == plain.heightForWidth(w), (lines, w)
    # the long one wraps at 420 px: taller than one line
    assert words.sizeHint().height() > LineWords._unwrapped[(words.font().key(), 1, 4)]
