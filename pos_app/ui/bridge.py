"""The one background-work bridge: futures in, Qt signals out (DESIGN.md section 6).

`Bridge.run(fn, ..., done=..., failed=..., owner=widget)` runs `fn` on a worker thread and calls
`done(result)` or `failed(exc)` on the UI thread, unless `owner` has been deleted meanwhile (a
window replaced after sign-out must not be written to when its slow network answer arrives).
`SyncBridge` turns the sync engine's callbacks (from its own threads) into Qt signals.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from sync.engine import Changed, Progress, SyncEngine, SyncStatus

log = logging.getLogger("aisle.ui")


class Bridge(QObject):
    _landed = Signal(object, object, object, object, object)  # done, failed, owner, result, error

    def __init__(self, workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aisle-work")
        self._landed.connect(self._deliver)
        self.in_flight = 0

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> Future[Any]:
        self.in_flight += 1
        future = self.pool.submit(fn, *args)

        def landed(f: Future[Any]) -> None:
            err = f.exception()
            self._landed.emit(done, failed, owner, None if err else f.result(), err)

        future.add_done_callback(landed)
        return future

    @Slot(object, object, object, object, object)
    def _deliver(self, done: Any, failed: Any, owner: Any, result: Any, error: Any) -> None:
        self.in_flight -= 1
        if owner is not None and not shiboken6.isValid(owner):
            log.debug("dropped a background result: its window is gone")
            return
        if error is not None:
            if failed is not None:
                failed(error)
            else:
                ref = uuid.uuid4().hex[:8]
                log.error("background task failed [%s]", ref, exc_info=error)
        elif done is not None:
            done(result)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class SyncBridge(QObject):
    status = Signal(object)  # SyncStatus
    progress = Signal(object)  # Progress
    changed = Signal(object)  # Changed

    def __init__(self, engine: SyncEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        engine.add_listener(self._on_event)

    def _on_event(self, event: object) -> None:  # any thread; signals queue to the UI thread
        if isinstance(event, SyncStatus):
            self.status.emit(event)
        elif isinstance(event, Progress):
            self.progress.emit(event)
        elif isinstance(event, Changed):
            self.changed.emit(event)
