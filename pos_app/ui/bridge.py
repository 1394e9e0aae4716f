"""The sync engine's events (from its own threads) as Qt signals on the UI thread.

Background work of the screens goes through `pos_app.ui.operations` (QueryOp / CollectionOp)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from pos_app.services.sync import Changed, Progress, SyncStatus


class SyncBridge(QObject):
    status = Signal(object)  # SyncStatus
    progress = Signal(object)  # Progress
    changed = Signal(object)  # Changed

    def __init__(self, engine: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        engine.add_listener(self._on_event)

    def _on_event(self, event: object) -> None:  # any thread; signals queue to the UI thread
        if isinstance(event, SyncStatus):
            self.status.emit(event)
        elif isinstance(event, Progress):
            self.progress.emit(event)
        elif isinstance(event, Changed):
            self.changed.emit(event)
