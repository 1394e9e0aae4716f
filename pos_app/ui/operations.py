"""The one operations bridge, in the shape of Anki's `QueryOp` / `CollectionOp` (aqt/operations).

    QueryOp(parent=self, op=lambda: lookup.search(text), success=self.show_hits, kind="search")
        .failure(self.search_failed)      # optional: put the screen back in shape
        .run_in_background()

- `op` runs on a worker thread; `success(result)` and the failure path run on the UI thread.
  `QueryOp` (reads) share a small pool; `CollectionOp` (writes: corrections, sign-in, sign-out,
  retries) run one after another on a single writer thread, in the order they were asked for.
- `kind`: an answer overtaken by a newer op of the same kind for the same parent is dropped
  (two quick taps on two products show the second one, whichever answer comes back first).
- An answer for a parent widget that has been deleted meanwhile is dropped.
- Every failure reaches the person through ONE path, `report()`: a `ServiceError` (or another
  error made for people, see `person_errors`) shows its sentence, worded in the screens'
  language by its code (`ui/messages.error_text`), where the screen shows messages
  (the nearest parent with `show_problem(text)`); anything else is logged with a short reference
  and shown as "Sorry, something went wrong (reference …)". A `.failure(fn)` callback runs
  first, to put the screen back (re-enable a button); it does not replace the message, unless it
  returns True to say it told the person itself (e.g. a lockout countdown).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger("aisle.ui")

T = TypeVar("T")


def person_errors() -> tuple[type[BaseException], ...]:
    """Errors whose text is a sentence a person can act on (the rest are bugs)."""
    kinds: list[type[BaseException]] = []
    try:
        from pos_app.services.errors import ServiceError

        kinds.append(ServiceError)
    except ImportError:  # pragma: no cover - until services land their error type
        pass
    # Errors made for people before ServiceError existed; kept while services still raise them.
    from pos_app.core.auth import PermissionDenied
    from pos_app.services.auth import SignInError
    from pos_app.services.enrollment import EnrollmentError
    from pos_app.services.secrets import NoSecureKeyring

    kinds += [SignInError, EnrollmentError, NoSecureKeyring, PermissionDenied]
    return tuple(kinds)


def is_for_people(error: BaseException) -> bool:
    return isinstance(error, person_errors())


def sorry_text(ref: str) -> str:
    return QCoreApplication.translate("ops", "Sorry, something went wrong (reference {0}).").replace("{0}", ref)


def report(parent: QObject | None, error: BaseException) -> str:
    """The one failure path: returns the text shown, after showing it on the nearest screen."""
    if is_for_people(error):
        from pos_app.ui.messages import error_text  # the code's sentence in the screens' language

        text = error_text(error)
    else:
        ref = uuid.uuid4().hex[:8]
        log.error("UI operation failed [%s]", ref, exc_info=error)
        text = sorry_text(ref)
    target = parent
    while target is not None and not hasattr(target, "show_problem"):
        target = target.parent()
    if target is not None:
        target.show_problem(text)
    else:
        log.warning("nowhere on screen to say: %s", text)
    return text


class Ops(QObject):
    """The workers and the way back to the UI thread. One per application (`ops()`)."""

    _landed = Signal(object, object, object)  # the op, its result, its error

    def __init__(self, workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.readers = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aisle-read")
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aisle-write")
        self._landed.connect(self._deliver)
        self.in_flight = 0
        self._latest: dict[tuple[int, str], int] = {}
        self._ticket = 0
        self._lock = threading.Lock()
        self.dropped = 0  # answers dropped (overtaken or owner gone): for tests
        self._closed = False

    def submit(self, op: _Op[Any]) -> Future[Any]:
        if self._closed:  # the app is closing: a late timer's work is not started
            cancelled: Future[Any] = Future()
            cancelled.cancel()
            return cancelled
        self.in_flight += 1
        self._ticket += 1
        op.ticket = self._ticket
        if op.kind is not None:
            self._latest[(id(op.parent), op.kind)] = op.ticket
        pool = self.writer if op.writes else self.readers
        future = pool.submit(op.op)

        def landed(f: Future[Any]) -> None:
            if f.cancelled():
                return
            err = f.exception()
            self._landed.emit(op, None if err else f.result(), err)

        future.add_done_callback(landed)
        return future

    @Slot(object, object, object)
    def _deliver(self, op: _Op[Any], result: Any, error: BaseException | None) -> None:
        self.in_flight -= 1
        parent = op.parent
        if parent is not None and not shiboken6.isValid(parent):
            self.dropped += 1
            log.debug("dropped an answer: its screen is gone")
            return
        if op.kind is not None and self._latest.get((id(parent), op.kind)) != op.ticket:
            self.dropped += 1
            log.debug("dropped an answer overtaken by a newer %s", op.kind)
            return
        if error is not None:
            handled = False
            if op._failure is not None:
                handled = bool(op._failure(error))
            if not handled:
                report(parent, error)
        elif op._success is not None:
            try:
                op._success(result)
            except Exception as e:  # a bug in the screen's own code: same path as any other
                report(parent, e)

    def shutdown(self, wait: bool = False) -> None:
        self._closed = True
        self.readers.shutdown(wait=wait, cancel_futures=not wait)
        self.writer.shutdown(wait=wait, cancel_futures=not wait)


_ops: Ops | None = None


def ops() -> Ops:
    global _ops
    if _ops is None or not shiboken6.isValid(_ops):
        _ops = Ops()
    return _ops


def reset_ops() -> Ops:
    """A fresh set of workers (tests; the app after a shutdown)."""
    global _ops
    _ops = Ops()
    return _ops


class _Op(Generic[T]):
    writes = False

    def __init__(
        self,
        *,
        parent: QObject | None,
        op: Callable[[], T],
        success: Callable[[T], None] | None = None,
        kind: str | None = None,
    ) -> None:
        self.parent = parent
        self.op = op
        self._success = success
        self._failure: Callable[[BaseException], bool | None] | None = None
        self.kind = kind
        self.ticket = 0

    def success(self, fn: Callable[[T], None]) -> _Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], bool | None]) -> _Op[T]:
        self._failure = fn
        return self

    def run_in_background(self, bridge: Ops | None = None) -> Future[T]:
        return (bridge or ops()).submit(self)


class QueryOp(_Op[T]):
    """A read: runs beside other reads."""


class CollectionOp(_Op[T]):
    """A write: runs on the one writer thread, after the writes asked for before it."""

    writes = True
