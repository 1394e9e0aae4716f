"""Qt models over the local cache. They hold one page of results, never the catalog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from pos_app.services.lookup import StyleHit

PAGE = 50
Index = QModelIndex | QPersistentModelIndex


class StyleResultsModel(QAbstractListModel):
    CodeRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, fetch: Callable[[str, int, int], list[StyleHit]]) -> None:
        super().__init__()
        self.fetch = fetch
        self.query = ""
        self.hits: list[StyleHit] = []
        self.exhausted = True

    def set_results(self, query: str, hits: list[StyleHit]) -> None:
        self.beginResetModel()
        self.query = query
        self.hits = list(hits)
        self.exhausted = len(hits) < PAGE
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
        if role == self.CodeRole:
            return hit.code
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.code
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and bool(self.query)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        more = self.fetch(self.query, PAGE, len(self.hits))  # one indexed FTS page: milliseconds
        if len(more) < PAGE:
            self.exhausted = True
        if more:
            self.beginInsertRows(QModelIndex(), len(self.hits), len(self.hits) + len(more) - 1)
            self.hits.extend(more)
            self.endInsertRows()
