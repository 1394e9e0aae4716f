"""Qt models over what the services answer. They hold pages of results, never the catalog, and
never read on the UI thread: `fetchMore` asks the window for the next page (a QueryOp) and the
page is added when it lands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pos_app.core.stock import Level, level
from pos_app.ui import theme

PAGE = 50
ROW_HEIGHT = 76
Index = QModelIndex | QPersistentModelIndex


def hit_price(hit: Any) -> str:
    return str(getattr(hit, "price_text", "") or "")


def hit_stock(hit: Any) -> int | None:
    for name in ("available", "stock", "in_store"):
        value = getattr(hit, name, None)
        if isinstance(value, int):
            return value
    return None


class StyleResultsModel(QAbstractListModel):
    CodeRole = Qt.ItemDataRole.UserRole + 1
    PriceRole = Qt.ItemDataRole.UserRole + 2
    StockRole = Qt.ItemDataRole.UserRole + 3
    DetailRole = Qt.ItemDataRole.UserRole + 4

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
    """A result row: name and details on the left, this store's price and stock on the right
    (stock in the matrix's colours), a clear divider below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        painter.save()
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(r, QColor("#E3ECFD") if selected else QColor("white"))
        model = index.model()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        name = text.split("\n")[0]
        detail = str(model.data(index, StyleResultsModel.DetailRole) or "")
        price = str(model.data(index, StyleResultsModel.PriceRole) or "")
        stock = model.data(index, StyleResultsModel.StockRole)
        base = QFont(option.font)
        inner = r.adjusted(12, 6, -12, -6)
        half = inner.height() // 2
        top = QRect(inner.left(), inner.top(), inner.width(), half)
        bottom = QRect(inner.left(), inner.top() + half, inner.width(), inner.height() - half)
        # line 1: the name, and this store's stock in the matrix's colours at the right
        chip_w = 0
        small = QFont(base)
        small.setPixelSize(14)
        small.setBold(True)
        if stock is not None or price:
            painter.setFont(small)
            label = self.tr("{0} here").replace("{0}", str(stock)) if stock is not None else self.tr("not stocked")
            chip_w = painter.fontMetrics().horizontalAdvance(label) + 16
            chip = QRect(top.right() - chip_w, top.center().y() - 13, chip_w, 26)
            if stock is not None:
                lvl = level(int(stock))
                painter.fillRect(chip, {Level.OUT: theme.OUT, Level.LOW: theme.LOW, Level.OK: QColor("#E6F4EA")}[lvl])
                painter.setPen(QColor("#1F2933"))
            else:
                painter.setPen(QColor("#52606D"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        f = QFont(base)
        f.setPixelSize(18)
        f.setBold(True)
        painter.setFont(f)
        painter.setPen(QColor("#1F2933"))
        name_rect = top.adjusted(0, 0, -(chip_w + 8), 0)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, name_rect.width()),
        )
        # line 2: brand · category · colours, and the price at the right
        price_w = 0
        if price:
            pf = QFont(base)
            pf.setPixelSize(17)
            pf.setBold(True)
            painter.setFont(pf)
            price_w = painter.fontMetrics().horizontalAdvance(price) + 4
            painter.setPen(QColor("#102A43"))
            painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, price)
        f.setBold(False)
        f.setPixelSize(15)
        painter.setFont(f)
        painter.setPen(QColor("#52606D"))
        detail_rect = bottom.adjusted(0, 0, -(price_w + 8), 0)
        painter.drawText(
            detail_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        painter.setPen(QPen(QColor("#CBD2D9"), 2))  # the divider: visible at arm's length
        painter.drawLine(r.left() + 8, r.bottom(), r.right() - 8, r.bottom())
        painter.restore()
