"""Qt models over what the services answer. They hold pages of results, never the catalog, and
never read on the UI thread: `fetchMore` asks the window for the next page (a QueryOp) and the
page is added when it lands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pos_app.core.stock import Level, level
from pos_app.ui import theme
from pos_app.ui.pictures import Pictures, paint_picture

PAGE = 50
ROW_HEIGHT = 84
THUMB = 60  # the picture in a result row (pixels, square)
Index = QModelIndex | QPersistentModelIndex


def hit_price(hit: Any) -> str:
    return str(getattr(hit, "price_text", "") or "")


def hit_stock(hit: Any) -> int | None:
    for name in ("available", "stock", "in_store"):
        value = getattr(hit, name, None)
        if isinstance(value, int):
            return value
    return None


def picture_key(hit: Any) -> tuple[str, str]:
    """(style, its first colour): what the row's picture shows."""
    return hit.code, hit.colours.split(",")[0].strip()


class StyleResultsModel(QAbstractListModel):
    CodeRole = Qt.ItemDataRole.UserRole + 1
    PriceRole = Qt.ItemDataRole.UserRole + 2
    StockRole = Qt.ItemDataRole.UserRole + 3
    DetailRole = Qt.ItemDataRole.UserRole + 4
    LocalRole = Qt.ItemDataRole.UserRole + 5  # the name in this store's language, "" if none
    PictureRole = Qt.ItemDataRole.UserRole + 6  # (style, first colour): the key of its picture

    def __init__(self, fetch_more: Callable[[str, int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fetch_more = fetch_more
        self.query = ""
        self.hits: list[Any] = []
        self.exhausted = True
        self.loading = False

    def set_results(self, query: str, hits: list[Any]) -> None:
        self.beginResetModel()
        self.query = query
        self.hits = list(hits)
        self.exhausted = len(hits) < PAGE
        self.loading = False
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            colours = hit.colours.replace(",", ", ")
            return f"{hit.name}\n{hit.brand} · {hit.category} · {colours}"
        if role == self.DetailRole:
            return f"{hit.brand} · {hit.category} · {hit.colours.replace(',', ', ')}"
        if role == self.CodeRole:
            return hit.code
        if role == self.LocalRole:
            return str(getattr(hit, "local_name", "") or "")
        if role == self.PictureRole:
            return picture_key(hit)
        if role == self.PriceRole:
            return hit_price(hit)
        if role == self.StockRole:
            return hit_stock(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.code
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and not self.loading and bool(self.query)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Never reads here (the UI thread): asks for the page and returns."""
        if self.loading or self.exhausted:
            return
        self.loading = True
        self.fetch_more(self.query, len(self.hits))

    def add_page(self, query: str, offset: int, more: list[Any]) -> None:
        if query != self.query or offset != len(self.hits):
            return  # an answer for an older search or an older page
        self.loading = False
        if len(more) < PAGE:
            self.exhausted = True
        if more:
            self.beginInsertRows(QModelIndex(), len(self.hits), len(self.hits) + len(more) - 1)
            self.hits.extend(more)
            self.endInsertRows()

    def page_failed(self) -> None:
        self.loading = False
        self.exhausted = True


class ResultDelegate(QStyledItemDelegate):
    """A result row: the picture at the left; the name in this store's language in bold (the
    Japanese name in Tokyo, on two lines when it needs them) with the Latin name after it; this
    store's stock (in the matrix's colours) and price at the right; a clear divider below.
    Pictures come from memory only (`Pictures.pixmap`): a paint never reads the disk."""

    def __init__(self, parent: QObject | None = None, pictures: Pictures | None = None) -> None:
        super().__init__(parent)
        self.pictures = pictures

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        return QSize(option.rect.width(), max(ROW_HEIGHT, theme.px(ROW_HEIGHT - 30) + 30))  # taller text, taller rows

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        painter.save()
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(r, theme.colour("#E3ECFD", "background") if selected else QColor("white"))
        model = index.model()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        latin = text.split("\n")[0]
        local = str(model.data(index, StyleResultsModel.LocalRole) or "")
        detail = str(model.data(index, StyleResultsModel.DetailRole) or "")
        price = str(model.data(index, StyleResultsModel.PriceRole) or "")
        stock = model.data(index, StyleResultsModel.StockRole)
        base = QFont(option.font)
        inner = r.adjusted(8, 6, -10, -6)
        if self.pictures is not None:
            key = model.data(index, StyleResultsModel.PictureRole)
            pic = QRect(inner.left(), r.top() + (r.height() - THUMB) // 2, THUMB, THUMB)
            paint_picture(painter, pic, self.pictures.pixmap(key) if key else None)
            inner.setLeft(pic.right() + 10)
        # the right column: stock chip above, price below
        small = QFont(base)
        small.setPixelSize(theme.px(14))
        small.setBold(True)
        painter.setFont(small)
        right_w = 0
        label = ""
        if stock is not None or price:
            label = self.tr("{0} here").replace("{0}", str(stock)) if stock is not None else self.tr("not stocked")
            right_w = painter.fontMetrics().horizontalAdvance(label) + 16
        pf = QFont(base)
        pf.setPixelSize(theme.px(17))
        pf.setBold(True)
        if price:
            painter.setFont(pf)
            right_w = max(right_w, painter.fontMetrics().horizontalAdvance(price) + 4)
        if label:
            painter.setFont(small)
            chip = QRect(inner.right() - right_w, inner.top() + 2, right_w, 26)
            if stock is not None:
                lvl = level(int(stock))
                painter.fillRect(
                    chip,
                    {Level.OUT: theme.OUT, Level.LOW: theme.LOW, Level.OK: theme.colour("#E6F4EA", "background")}[lvl],
                )
                painter.setPen(theme.colour("#1F2933"))
            else:
                painter.setPen(theme.colour("#52606D"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        if price:
            painter.setFont(pf)
            painter.setPen(theme.colour("#102A43"))
            low = QRect(inner.right() - right_w, inner.bottom() - 26, right_w, 26)
            painter.drawText(low, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, price)
        # the chip shares line 1 only and the price line 3 only: line 2 has the whole width
        text_rect = inner
        line = text_rect.height() // 3
        # lines 1-2: the name (local first, bold; the Latin one after it, grey)
        f = QFont(base)
        f.setPixelSize(theme.px(17))
        f.setBold(True)
        painter.setFont(f)
        painter.setPen(theme.colour("#1F2933"))
        fm = painter.fontMetrics()
        width = text_rect.width()
        chip_room = (right_w + 8) if label else 0
        price_room = (painter.fontMetrics().horizontalAdvance(price) + 12) if price else 0
        first = local or latin
        second_font = QFont(base)
        second_font.setPixelSize(theme.px(14))
        l1 = QRect(text_rect.left(), text_rect.top(), width - chip_room, line)
        l2 = QRect(text_rect.left(), text_rect.top() + line, width, line)
        l3 = QRect(text_rect.left(), text_rect.top() + 2 * line, width - price_room, text_rect.height() - 2 * line)
        second = latin if local else ""
        if fm.horizontalAdvance(first) <= l1.width():
            painter.drawText(l1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, first)
        else:  # two lines of the name, broken at a space where there is one, before eliding
            head, tail = split_to_fit(first, fm, l1.width())
            painter.drawText(l1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, head)
            tail = fm.elidedText(tail, Qt.TextElideMode.ElideRight, width)
            painter.drawText(l2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tail)
            # the Latin name after the rest of the Japanese one, as far as it fits
            l2 = l2.adjusted(min(fm.horizontalAdvance(tail + " "), width), 0, 0, 0)
            second = second if l2.width() > 48 else ""
        if second:
            painter.setFont(second_font)
            painter.setPen(theme.colour("#52606D"))
            painter.drawText(
                l2,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(second, Qt.TextElideMode.ElideRight, l2.width()),
            )
        # line 3: brand · category · colours
        f.setBold(False)
        f.setPixelSize(theme.px(14))
        painter.setFont(f)
        painter.setPen(theme.colour("#52606D"))
        painter.drawText(
            l3,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, l3.width()),
        )
        painter.setPen(QPen(theme.colour("#CBD2D9", "border"), 2))  # the divider: visible at arm's length
        painter.drawLine(r.left() + 8, r.bottom(), r.right() - 8, r.bottom())
        painter.restore()


def split_to_fit(text: str, fm: QFontMetrics, width: int) -> tuple[str, str]:
    """The longest head of `text` that fits `width` (ending at a space if one is in reach), and
    the rest. Japanese names have a space between their parts; otherwise any character breaks."""
    cut = len(text)
    while cut > 1 and fm.horizontalAdvance(text[:cut]) > width:
        cut -= 1
    space = text.rfind(" ", 0, cut + 1)
    if space > cut * 2 // 3:
        cut = space
    # Japanese line breaking: no line ends with an opening bracket or starts with a closing one
    while cut > 1 and (text[cut - 1] in OPENING or (cut < len(text) and text[cut] in CLOSING)):
        cut -= 1
    return text[:cut].rstrip(), text[cut:].strip()


OPENING = "（(「『【〔［"
CLOSING = "）)」』】〕］、。・ー"
