"""The client sync engine: bootstrap, pull by cursor, push the outbox, live pokes, retries.

It runs on its own threads and talks to the local database only through the `SyncStore`
protocol (implemented by `pos_app.local`), and to the UI only through listener callbacks
(turned into Qt signals by `pos_app.ui.bridge`). No Qt here.

Rules it keeps (DESIGN.md section 3):
- a page and its cursor commit in one local transaction (`SyncStore.apply_page`);
- a snapshot commits batch by batch with its resume key, so a killed bootstrap resumes;
- a changed epoch, a checksum mismatch or a cursor below central's floor (its change log pruned
  past it: a 410) resyncs that stream, pushing the outbox first; a stream
  that has rows is downloaded beside them and swapped in at the end (the old rows stay usable,
  marked old, until the new copy is complete);
- the outbox is pushed in device order, up to MAX_PUSH_OPS per request, by one uploader; network
  errors and 5xx retry on a timer with backoff and jitter; a rejected op is dead-lettered and the
  queue goes on; an op central keeps failing (5xx, STUCK_AFTER times) is set aside as stuck;
- an op sent without an answer heard is "in doubt": before a pull of a stream it touches, it is
  sent again (a replay answers with central's sequence), and while it stays in doubt that stream
  is not pulled — so a pending mark never counts a change the pulled figures already contain.

Threads: status changes under one lock; each start() has its own stop event, checked between
snapshot batches and pages; stop() interrupts blocked reads and waits for the threads it started.
"""

from __future__ import annotations

import gc
import itertools
import logging
import random
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, Protocol

import orjson
from pydantic import ValidationError

from sync.client import (
    CentralClient,
    CentralError,
    CursorPruned,
    MalformedResponse,
    Rejected,
    ServerError,
    Unauthorized,
    Unreachable,
)
from sync.protocol import (
    BOOTSTRAP_ORDER,
    CHECKSUM_MOD,
    MAX_PUSH_OPS,
    OP_ADAPTER,
    STREAMS,
    ChangePage,
    Op,
    PushResponse,
    Scalar,
    SnapshotHeader,
    SnapshotTrailer,
    row_hash,
)
from sync.words import Said, said_of

log = logging.getLogger("aisle.sync")

_DONE = ("applied", "replayed")
STUCK_AFTER = 8  # attempts central answered with a 5xx before an op is set aside as stuck


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StreamState:
    stream: str
    epoch: str | None = None
    cursor: int = 0
    bootstrapped: bool = False
    bootstrap_hw: int | None = None
    bootstrap_after_key: list[Scalar] | None = None
    bootstrap_rows: int = 0
    synced_at: datetime | None = None
    resync_epoch: str | None = None  # a new copy downloading beside the rows (of `epoch`)


@dataclass(frozen=True)
class PendingOp:
    op_id: str
    device_seq: int
    type: str
    payload: str  # the stored JSON text of the payload
    attempts: int
    in_doubt: bool = False
    due: bool = True  # its backoff had passed when it was read (only then a 5xx counts towards stuck)


class OutboxCounts(NamedTuple):
    pending: int
    dead: int
    stuck: int


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None = None  # None: not tried yet; False: central could not be reached
    live: bool = False  # the poke stream is connected
    last_sync_at: datetime | None = None
    data_as_of: datetime | None = None  # oldest successful pull over all streams
    pending_ops: int = 0
    dead_ops: int = 0
    errors: tuple[str, ...] = ()
    bootstrapping: bool = False
    message: str = ""
    stuck_ops: int = 0
    needs_enrolment: bool = False  # central refused the device's token
    central_trouble: bool = False  # central answered but could not serve (5xx)
    stale_streams: tuple[str, ...] = ()  # old rows in use while a new copy downloads


@dataclass(frozen=True)
class Progress:
    stream: str
    rows: int
    estimated: int | None
    rate: float  # rows per second
    eta_seconds: float | None
    done: bool = False


@dataclass(frozen=True)
class Changed:
    stream: str
    count: int
    keys: tuple[tuple[Scalar, ...], ...] = field(default=())


class SyncStore(Protocol):
    def stream_state(self, stream: str) -> StreamState: ...
    def resyncing(self) -> list[str]: ...
    def begin_bootstrap(self, stream: str, epoch: str, high_water: int) -> None: ...
    def begin_resync(self, stream: str, epoch: str, high_water: int) -> None: ...
    def apply_snapshot_rows(
        self, stream: str, rows: list[list[Scalar]], hashes: list[int], after_key: list[Scalar]
    ) -> None: ...
    def finish_bootstrap(self, stream: str) -> None: ...
    def abandon_download(self, stream: str) -> None: ...
    def apply_page(self, stream: str, page: ChangePage) -> None: ...
    def local_checksum(self, stream: str) -> tuple[int, int]: ...
    def reset_stream(self, stream: str) -> None: ...
    def next_ops(
        self, limit: int, *, ignore_backoff: bool = False, through_in_doubt: bool = False
    ) -> tuple[list[PendingOp], datetime | None]: ...
    def next_due(self) -> datetime | None: ...
    def in_doubt_streams(self) -> set[str]: ...
    def op_done(self, op_id: str, result: dict[str, Any] | None) -> None: ...
    def ops_done(self, done: list[tuple[str, dict[str, Any] | None]]) -> None: ...
    def op_retry(
        self, op_id: str, error: str, at: datetime, *, server_failure: bool, in_doubt: bool, stuck_after: int
    ) -> str: ...
    def op_dead(self, op_id: str, status: int, detail: str) -> None: ...
    def outbox_counts(self) -> tuple[int, int, int]: ...
    def record_error(self, kind: str, message: str | None) -> None: ...
    def errors(self) -> list[str]: ...


Listener = Callable[[object], None]


class Stopped(Exception):
    """stop() was called: the thread running this leaves at the next safe point."""


def backoff(attempts: int, rng: random.Random, base: float = 2.0, cap: float = 300.0) -> float:
    """Exponential backoff with full jitter between half and all of the step."""
    step = min(cap, base ** max(1, attempts))
    return step * (0.5 + rng.random() / 2)


@dataclass
class _Run:
    """One start(): its own stop event, the threads it started, its live client."""

    stop: threading.Event
    threads: list[threading.Thread] = field(default_factory=list)
    live_client: CentralClient | None = None


class SyncEngine:
    def __init__(
        self,
        client_factory: Callable[[], CentralClient],
        store: SyncStore,
        *,
        streams: tuple[str, ...] = BOOTSTRAP_ORDER,
        page_size: int = 1000,
        batch_rows: int = 20000,
        poll_seconds: float = 30.0,
        live_poll_seconds: float = 300.0,
        checksum_seconds: float = 900.0,
        keepalive_seconds: float = 15.0,
        backoff_base: float = 2.0,
        rng: random.Random | None = None,
        before_push: Callable[[], object] | None = None,
    ) -> None:
        # Run at the start of every cycle, before the outbox is pushed: the device queues what
        # should travel with this cycle (the journal's last entries as a batch op).
        self.before_push = before_push
        self.client_factory = client_factory
        self.client = client_factory()
        self.store = store
        self.streams = streams
        self.page_size = page_size
        self.batch_rows = batch_rows
        self.poll_seconds = poll_seconds
        self.live_poll_seconds = live_poll_seconds
        self.checksum_seconds = checksum_seconds
        self.keepalive_seconds = keepalive_seconds
        self.backoff_base = backoff_base
        self.rng = rng or random.Random()
        self.listeners: list[Listener] = []
        self._status = SyncStatus()
        self._status_lock = threading.RLock()  # every status change, and its event, under it
        self._lock = threading.Lock()  # one sync cycle at a time (one uploader)
        self._wake = threading.Event()
        self._due_lock = threading.Lock()
        self._due: set[str] = set()  # streams pokes named since the last cycle began
        self._due_all = True  # a cycle of every stream was asked for
        self._runs: list[_Run] = []
        self._runs_lock = threading.Lock()
        self._local = threading.local()  # .stop: the stop event of the run this thread belongs to
        self._idle = threading.Condition()
        self._asked = 0  # cycles asked for (start, kick) ...
        self._served = 0  # ... and how many of those asks a finished cycle covered
        self._busy = 0  # cycles or pushes running now, or waiting for the cycle lock
        self._closing = threading.Event()  # stop() is running: every cycle, on any thread, leaves
        self._solo = False  # after a push without an answer: one op per request until one works
        self._stale: set[str] = set()  # streams whose new copy was asked for and is not in yet
        self._checked_at: dict[str, float] = {}
        self._verified: set[str] = set()  # downloaded whole, matching the trailer's sum: no checksum due
        self._known_seq: dict[str, int] = {}  # per stream: how far its pulls have reached

    # --- observation ------------------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        return self._status

    def add_listener(self, fn: Listener) -> None:
        self.listeners.append(fn)

    def _emit(self, event: object) -> None:
        for fn in list(self.listeners):
            try:
                fn(event)
            except Exception:  # a listener bug must not stop sync
                log.exception("sync listener failed")

    def _update(self, **changes: Any) -> None:
        with self._status_lock:
            pending, dead, stuck = self.store.outbox_counts()
            self._status = replace(
                self._status,
                pending_ops=pending,
                dead_ops=dead,
                stuck_ops=stuck,
                errors=tuple(self.store.errors()),
                stale_streams=tuple(sorted(set(self.store.resyncing()) | self._stale)),
                **changes,
            )
            self._emit(self._status)

    def refresh_status(self) -> None:
        self._update()

    # --- one cycle ----------------------------------------------------------------------------

    @contextmanager
    def _working(self) -> Iterator[None]:
        """One cycle or push, on the engine's thread or a caller's (sync_once, redownload,
        push_now from a UI worker): counted from before it waits for the cycle lock, so stop()
        can wait for every one of them."""
        with self._idle:
            self._busy += 1
        try:
            with self._lock:
                yield
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def sync_once(self, streams: Iterable[str] | None = None) -> SyncStatus:
        """Push what is due, then pull every stream (bootstrapping where needed), or only the
        given ones (a poke names what changed)."""
        named = None if streams is None else set(streams)
        wanted = self.streams if named is None else tuple(s for s in self.streams if s in named)
        with self._working():
            return self._cycle(wanted, fresh=False)

    def redownload(self) -> SyncStatus:
        """Everything again: the outbox is pushed first, then each stream is downloaded beside its
        old rows (still usable meanwhile) and swapped in when complete."""
        with self._working():
            return self._cycle(self.streams, fresh=True)

    def _cycle(self, wanted: tuple[str, ...], *, fresh: bool) -> SyncStatus:
        try:
            if self.before_push is not None:
                try:
                    self.before_push()
                except Exception:  # what it queues waits for the next cycle; the push goes on
                    log.exception("before_push failed")
            self._push()
            held = self.store.in_doubt_streams()  # over all streams: the checksum check pulls too
            if held:  # sent without an answer heard: settle them before pulling what they touch
                self._push(in_doubt=True)
                held = self.store.in_doubt_streams()
            for stream in wanted:
                if stream in held:
                    log.info("pull of %s waits: operations touching it are in doubt", stream)
                    continue
                self._check_stop()
                self._pull_recorded(stream, fresh)
            if not fresh:
                self._verify_due(held)
        except Stopped:
            self._update(bootstrapping=False, message=Said("sync.stopped"))
            return self._status
        except Unauthorized as e:
            msg = Said("sync.enrol_again", detail=e.detail)
            self.store.record_error("auth", msg)
            self._update(online=True, needs_enrolment=True, central_trouble=False, bootstrapping=False, message=msg)
            return self._status
        except (ServerError, Unreachable, MalformedResponse, Rejected) as e:
            if self._stop_asked():  # stop() broke the read: the error is the stop, not central's
                self._update(bootstrapping=False, message=Said("sync.stopped"))
            elif isinstance(e, ServerError):
                self._update(online=True, central_trouble=True, bootstrapping=False, message=said_of(e))
            elif isinstance(e, Unreachable):
                self._update(online=False, central_trouble=False, bootstrapping=False, message=said_of(e))
            else:
                self._update(online=True, central_trouble=False, bootstrapping=False, message=said_of(e))
            return self._status
        self.store.record_error("auth", None)
        self.store.record_error("bug", None)  # a cycle ran through: an earlier unexpected problem is over
        oldest = min(
            (s.synced_at for s in map(self.store.stream_state, self.streams) if s.synced_at),
            default=None,
        )
        self._update(
            online=True,
            needs_enrolment=False,
            central_trouble=False,
            last_sync_at=utcnow(),
            data_as_of=oldest,
            bootstrapping=False,
            message="",
        )
        return self._status

    def _pull_recorded(self, stream: str, fresh: bool) -> None:
        """Pull one stream; whatever central sent that could not be used is a visible error."""
        try:
            if fresh:
                self._resync(stream, "a full download was asked for")
            else:
                self._pull(stream)
        except Unauthorized:
            raise
        except MalformedResponse as e:
            said = said_of(e)
            # a sentence that names the stream already stands; another is said as about it
            msg = (
                said
                if getattr(said, "params", {}).get("stream") == stream
                else Said("sync.malformed_kept", stream=stream, detail=said)
            )
            self.store.record_error(f"malformed:{stream}", msg)
            raise MalformedResponse(msg) from None
        except Rejected as e:
            msg = Said("sync.download_refused", stream=stream, status=e.status, detail=e.detail)
            self.store.record_error(f"download:{stream}", msg)
            raise Rejected(e.status, msg) from None
        self.store.record_error(f"malformed:{stream}", None)
        self.store.record_error(f"download:{stream}", None)
        self.store.record_error(f"resync:{stream}", None)  # a pull worked: the rows are current

    def push_now(self) -> SyncStatus:
        with self._working():
            try:
                self._push()
            except Stopped:
                pass
            except Unauthorized as e:
                msg = Said("sync.enrol_again", detail=e.detail)
                self.store.record_error("auth", msg)
                self._update(online=True, needs_enrolment=True, message=msg)
            except CentralError as e:
                self._update(
                    online=isinstance(e, ServerError) or not isinstance(e, Unreachable),
                    central_trouble=isinstance(e, ServerError),
                    message=said_of(e),
                )
            else:
                self._update(online=True)
            return self._status

    # --- upload -----------------------------------------------------------------------------

    def _push(self, *, in_doubt: bool = False) -> None:
        """Send due ops from the head of the outbox, several per request, until none is due, one
        failed, or central cannot be reached. `in_doubt`: the ops from the head up to the last
        one sent before without an answer, backoff or not (a replay settles them; an earlier op
        is never skipped, so device order holds for every type). Only an attempt made when the
        op was due counts towards stuck, so resending in-doubt ops each cycle cannot set one aside."""
        while True:
            self._check_stop()
            limit = 1 if self._solo else MAX_PUSH_OPS
            ops, _due = self.store.next_ops(limit, through_in_doubt=in_doubt)
            if not ops or not self._push_batch(ops):
                return

    def _wire(self, op: PendingOp) -> Op | None:
        doc = b'{"op_id":%s,"device_seq":%d,"type":%s,"payload":%s}' % (
            orjson.dumps(op.op_id),
            op.device_seq,
            orjson.dumps(op.type),
            op.payload.encode(),
        )
        try:
            return OP_ADAPTER.validate_json(doc)
        except ValidationError as e:  # written by an older app, or damaged: never sendable
            err = e.errors()[0]
            self.store.op_dead(op.op_id, 0, Said("sync.op_unsendable", why=err["msg"]))
            return None

    def _push_batch(self, ops: list[PendingOp]) -> bool:
        """One request. True: go on with the next ops; False: stop pushing for this cycle."""
        wire = [self._wire(op) for op in ops]
        if any(w is None for w in wire):
            self._update()
            return True  # dead-lettered; the queue is read again from its head
        sendable = [w for w in wire if w is not None]
        try:
            answer = self.client.push(sendable)
        except Unauthorized:
            raise
        except Rejected as e:  # the request as a whole refused: find the op, one per request
            if len(ops) > 1:
                self._solo = True
                return True
            log.warning("op %s rejected: %s %s", ops[0].op_id, e.status, e.detail)
            self.store.op_dead(ops[0].op_id, e.status, e.detail)
            self._update()
            return True
        except (Unreachable, MalformedResponse) as e:
            # No answer heard: central may have applied any of them. The head alone counts a
            # server failure (a 5xx or an unusable answer; a dead network never does), and from
            # now on goes alone, so the op that breaks central is the one set aside.
            server = isinstance(e, ServerError | MalformedResponse)
            at = utcnow() + timedelta(seconds=backoff(ops[0].attempts + 1, self.rng, self.backoff_base))
            self._solo = True
            head_state = "pending"
            for i, op in enumerate(ops):
                state = self.store.op_retry(
                    op.op_id,
                    said_of(e),
                    at,
                    server_failure=server and i == 0 and op.due,
                    in_doubt=True,
                    stuck_after=STUCK_AFTER,
                )
                head_state = state if i == 0 else head_state
            self._update()
            if head_state == "stuck":
                log.warning("op %s set aside as stuck after %d failures", ops[0].op_id, STUCK_AFTER)
                return True
            raise
        return self._settle(ops, answer)

    def _settle(self, ops: list[PendingOp], answer: PushResponse) -> bool:
        go_on = True
        retry_at: datetime | None = None
        # Every op central applied is acknowledged in one local transaction (ops are independent
        # of each other's outcome there), then the others one by one.
        self.store.ops_done(
            [(op.op_id, out.result) for op, out in zip(ops, answer.results, strict=True) if out.status in _DONE]
        )
        for op, out in zip(ops, answer.results, strict=True):
            if out.status in _DONE:
                continue
            if out.status == "rejected":
                log.warning("op %s rejected: %s %s", op.op_id, out.code, out.detail)
                self.store.op_dead(op.op_id, out.code, out.detail or Said("sync.op_refused", code=out.code))
            elif out.status == "failed":
                retry_at = utcnow() + timedelta(seconds=backoff(op.attempts + 1, self.rng, self.backoff_base))
                state = self.store.op_retry(
                    op.op_id,
                    out.detail or Said("sync.op_failed", code=out.code),
                    retry_at,
                    server_failure=op.due,
                    in_doubt=op.in_doubt,  # "not now" does not say an earlier send was not applied
                    stuck_after=STUCK_AFTER,
                )
                go_on = go_on and state == "stuck"
            else:  # skipped behind a failed op: sent again after it
                self.store.op_retry(
                    op.op_id,
                    out.detail or Said("sync.op_skipped"),
                    retry_at or utcnow(),
                    server_failure=False,
                    in_doubt=op.in_doubt,
                    stuck_after=STUCK_AFTER,
                )
        if answer.gaps:
            log.warning("central saw gaps in this device's operations: %s", answer.gaps[:20])
        self._solo = False
        self._update()
        return go_on

    # --- download -----------------------------------------------------------------------------

    def _stop_asked(self) -> bool:
        stop: threading.Event | None = getattr(self._local, "stop", None)
        return self._closing.is_set() or (stop is not None and stop.is_set())

    def _check_stop(self) -> None:
        if self._stop_asked():
            raise Stopped

    def _pull(self, stream: str, pruned: int = 0) -> None:
        """Pages from the cursor. Below central's floor (it pruned its change log past the
        cursor) the stream is downloaded again, outbox first, and pulled from the new copy's
        high water; `pruned` counts those resyncs in this pull, so a central that keeps
        answering 410 is a visible error, not a loop. The second try is a fresh copy: the first
        may have finished a resumed download whose high water was already below the floor."""
        spec = STREAMS[stream]
        state = self.store.stream_state(stream)
        if state.resync_epoch is not None:  # a new copy was downloading beside the old rows
            self._resync(stream, "finishing the new copy", pruned)
            return
        if not state.bootstrapped:
            self._bootstrap(stream, beside=False)
            state = self.store.stream_state(stream)
        while True:
            self._check_stop()
            try:
                page = self.client.changes(stream, state.cursor, self.page_size)
            except CursorPruned as e:
                if pruned >= 2:
                    raise
                self._resync(
                    stream, f"central pruned its change log past this device's cursor ({e.detail})", pruned + 1
                )
                return
            if page.epoch != state.epoch:
                self._resync(stream, "central started a new data epoch")
                return
            try:
                for ch in page.changes:
                    spec.validate_key(ch.key)
                    if ch.row is not None:
                        spec.validate_row(ch.row)
                        if [ch.row[i] for i in spec.key_index] != ch.key:
                            raise ValueError(f"{stream}: key and row disagree")
                    if ch.seq <= page.after or ch.seq > page.next:
                        raise ValueError(f"{stream}: change {ch.seq} outside the page")
            except ValueError as e:
                raise MalformedResponse(Said("sync.malformed_kept", stream=stream, detail=str(e))) from None
            self.store.apply_page(stream, page)
            self._known_seq[stream] = max(self._known_seq.get(stream, 0), page.next)
            if page.changes:
                keys = tuple(tuple(c.key) for c in page.changes[:200])
                self._emit(Changed(stream, len(page.changes), keys))
            state = self.store.stream_state(stream)
            if not page.has_more:
                return

    def _bootstrap(self, stream: str, *, beside: bool) -> None:
        try:
            self._bootstrap_stream(stream, beside)
        except MalformedResponse as e:
            self.store.record_error(f"malformed:{stream}", said_of(e))
            raise

    def _bootstrap_stream(self, stream: str, beside: bool) -> None:
        key_index = STREAMS[stream].key_index
        state = self.store.stream_state(stream)
        in_progress = state.bootstrap_hw is not None
        progress_epoch = state.resync_epoch if beside else state.epoch
        after_key = state.bootstrap_after_key if in_progress else None
        self._update(bootstrapping=True, message=Said("sync.downloading", stream=stream))
        started = time.perf_counter()
        received = 0
        while True:
            with self.client.snapshot(stream, after_key) as blocks:
                first = next(blocks, [b""])
                header = self._header(first[0], stream)
                resuming = in_progress and progress_epoch == header.epoch
                if not resuming and after_key is not None:
                    after_key, in_progress = None, False  # the resume point belongs to another copy
                    continue
                if not resuming:
                    self._known_seq.pop(stream, None)  # a new epoch may number its changes from 1 again
                    if beside:
                        self.store.begin_resync(stream, header.epoch, header.high_water)
                    else:
                        self.store.begin_bootstrap(stream, header.epoch, header.high_water)
                    state = self.store.stream_state(stream)
                done_before = state.bootstrap_rows
                whole = done_before == 0  # this response carries every row of the copy
                trailer: SnapshotTrailer | None = None
                total = 0  # sum of the row hashes of this response, against the trailer's
                for batch in self._batches(itertools.chain([first[1:]], blocks), stream):
                    if isinstance(batch, SnapshotTrailer):
                        trailer = batch
                        break
                    with _gc_paused():
                        rows, hashes = self._parse_batch(stream, batch)
                        self.store.apply_snapshot_rows(stream, rows, hashes, [rows[-1][i] for i in key_index])
                        del rows  # freed here, while the collector is off
                    received += len(hashes)
                    total += sum(hashes)
                    self._progress(stream, done_before + received, header.estimated_rows, started, received)
                    self._check_stop()  # what is committed stays: the next start resumes after it
                if trailer is None:
                    raise Unreachable(Said("sync.stopped_early", stream=stream))
                if trailer.rows != received:
                    self.store.abandon_download(stream)
                    raise MalformedResponse(Said("sync.lost_rows", stream=stream, received=received, rows=trailer.rows))
                if trailer.sum is not None and trailer.sum != total % CHECKSUM_MOD:
                    self.store.abandon_download(stream)
                    raise MalformedResponse(Said("sync.checksum_download", stream=stream))
            break
        self.store.finish_bootstrap(stream)
        self.store.record_error(f"resync:{stream}", None)
        self._checked_at.pop(stream, None)
        if whole and trailer.sum is not None:
            # Every row of the copy came in this response and their hashes add up to central's
            # sum: the copy is verified, without a checksum scan of the table (and a checksum
            # request) right after it (_verify_due). The periodic check comes checksum_seconds later.
            self._verified.add(stream)
        else:
            self._verified.discard(stream)
        total = done_before + received
        self._emit(Progress(stream, total, total, received / max(1e-6, time.perf_counter() - started), 0.0, True))
        self._emit(Changed(stream, total))

    def _batches(self, blocks: Iterable[list[bytes]], stream: str) -> Iterator[list[bytes] | SnapshotTrailer]:
        """Snapshot lines (in the client's lists) grouped into batches of `batch_rows`, ending
        with the trailer if it came. Only the last line of a list can be the trailer (a "{" line
        anywhere else fails the batch's parse as a row that is not an array)."""
        batch: list[bytes] = []
        size = self.batch_rows
        for block in blocks:
            if b"" in block:
                block = [line for line in block if line]
            if block and block[-1][:1] == b"{":
                batch.extend(block[:-1])
                while len(batch) > size:
                    yield batch[:size]
                    del batch[:size]
                if batch:
                    yield batch
                yield self._trailer(block[-1], stream)
                return
            batch.extend(block)
            while len(batch) >= size:
                yield batch[:size]
                del batch[:size]
        # no trailer: the download stopped early, and the last line may be cut; the batch is dropped

    def _parse_batch(self, stream: str, lines: list[bytes]) -> tuple[list[list[Scalar]], list[int]]:
        """Parse and check a batch of snapshot lines in a few C calls instead of per-row Python.

        The rows must be canonical (orjson's bytes) so that their hashes match central's; one
        re-serialisation of the whole batch proves it, and then each line's CRC is its hash.
        """
        spec = STREAMS[stream]
        joined = b"[" + b",".join(lines) + b"]"
        try:
            rows = orjson.loads(joined)
            sigs = spec.type_signatures
            for row in rows:
                if type(row) is not list or tuple(map(type, row)) not in sigs:
                    spec.validate_row(row)  # raises with the precise complaint
        except (ValueError, orjson.JSONDecodeError) as e:
            raise MalformedResponse(Said("sync.bad_row", stream=stream, detail=str(e))) from None
        if len(rows) != len(lines):  # a line held more than one value
            raise MalformedResponse(Said("sync.row_per_line", stream=stream))
        if orjson.dumps(rows) == joined:
            hashes = list(map(_ROW_HASH, lines))
        else:
            hashes = [row_hash(orjson.dumps(r)) for r in rows]
        return rows, hashes

    def _header(self, line: bytes, stream: str) -> SnapshotHeader:
        try:
            header = SnapshotHeader.model_validate_json(line)
        except ValidationError:
            raise MalformedResponse(Said("sync.no_header", stream=stream)) from None
        if header.stream != stream or tuple(header.columns) != STREAMS[stream].columns:
            raise MalformedResponse(Said("sync.other_columns", stream=stream))
        return header

    def _trailer(self, line: bytes, stream: str) -> SnapshotTrailer:
        try:
            return SnapshotTrailer.model_validate_json(line)
        except ValidationError:
            raise MalformedResponse(Said("sync.bad_trailer", stream=stream)) from None

    def _progress(self, stream: str, rows: int, estimated: int | None, started: float, received: int) -> None:
        elapsed = max(1e-6, time.perf_counter() - started)
        rate = received / elapsed
        eta = (estimated - rows) / rate if estimated and rate > 0 and estimated > rows else None
        self._emit(Progress(stream, rows, estimated, rate, eta))

    def _resync(self, stream: str, why: str, pruned: int = 0) -> None:
        """A new copy of this stream — after pushing the outbox. A stream with rows keeps them,
        usable and marked old, until the new copy is complete; a first download loads in place."""
        log.warning("resync of %s: %s", stream, why)
        self._push()  # the outbox goes first; it is never discarded
        state = self.store.stream_state(stream)
        beside = state.bootstrapped or state.resync_epoch is not None
        if beside:
            self._stale.add(stream)
            self.store.record_error(
                f"resync:{stream}",
                Said("sync.older_copy", stream=stream),
            )
            self._update()
        self._bootstrap(stream, beside=beside)
        self._stale.discard(stream)
        self._pull(stream, pruned)

    # --- integrity ----------------------------------------------------------------------------

    def _verify_due(self, held: set[str] | frozenset[str] = frozenset()) -> None:
        """Checksums that are due, except of `held` streams (in-doubt ops touch them: a check
        would pull them)."""
        now = time.monotonic()
        for stream in self.streams:
            if stream in held:
                continue
            if stream in self._verified:  # by its snapshot's trailer, just now
                self._verified.discard(stream)
                self.store.record_error(f"checksum:{stream}", None)
                self._checked_at[stream] = now
                continue
            last = self._checked_at.get(stream)
            due = last is None or now - last >= self.checksum_seconds
            if due and self.verify(stream) is not None:
                self._checked_at[stream] = now

    def verify(self, stream: str) -> bool | None:
        """Compare checksums; resync on mismatch. None when central moved on meanwhile."""
        for _ in range(3):
            cs = self.client.checksum(stream)
            state = self.store.stream_state(stream)
            if cs.epoch != state.epoch:
                self._resync(stream, "epoch changed")
                return False
            if cs.high_water != state.cursor:
                self._pull(stream)
                continue
            count, total = self.store.local_checksum(stream)
            if count == cs.count and total % CHECKSUM_MOD == cs.sum:
                self.store.record_error(f"checksum:{stream}", None)
                return True
            self.store.record_error(
                f"checksum:{stream}",
                Said("sync.cache_differed", stream=stream, here=count, there=cs.count),
            )
            self._resync(stream, "checksum mismatch")
            return False
        return None

    # --- background running -----------------------------------------------------------------

    def kick(self, streams: Iterable[str] | None = None) -> None:
        """Run a cycle now: push, then pull `streams` (every stream when None)."""
        with self._due_lock:
            if streams is None:
                self._due_all = True
            else:
                self._due.update(streams)
        with self._idle:
            self._asked += 1
        self._wake.set()

    def _take_due(self, woken: bool) -> tuple[str, ...] | None:
        """What the cycle about to run pulls: None for everything (the timer, or a plain kick)."""
        with self._due_lock:
            due, self._due = self._due, set()
            everything, self._due_all = self._due_all or not woken, False
        return None if everything else tuple(due)  # () when a kick's streams were pulled already

    def _running(self) -> bool:
        return any(t.is_alive() and not run.stop.is_set() for run in self._runs for t in run.threads[:1])

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Until no cycle runs and none is asked for (a kick, a poke, the first cycle of a start).
        Returns False if that did not happen within `timeout`."""
        with self._idle:
            return self._idle.wait_for(
                lambda: self._busy == 0 and (self._served >= self._asked or not self._running()), timeout
            )

    def start(self, live: bool = True) -> None:
        """Run in the background. A second start() while running does nothing."""
        with self._runs_lock:
            if self._running():
                return
            run = _Run(threading.Event())
            with self._due_lock:
                self._due_all = True  # the first cycle pulls everything, also after a stop()
            with self._idle:
                self._asked += 1
            run.threads.append(threading.Thread(target=self._run, args=(run,), name="aisle-sync", daemon=True))
            if live:
                run.threads.append(threading.Thread(target=self._listen, args=(run,), name="aisle-live", daemon=True))
            self._runs.append(run)
            for t in run.threads:
                t.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the threads start() started and every cycle running on a caller's thread
        (sync_once, redownload, push_now), and wait for them: a bootstrap stops after its batch,
        a blocked read is broken. Returns whether they all ended within `timeout` (only then may
        the client and the store be closed). A cycle asked for after stop() returned runs."""
        self._closing.set()
        try:
            with self._runs_lock:
                runs = list(self._runs)
            for run in runs:
                run.stop.set()
                live = run.live_client
                if live is not None:
                    live.interrupt()
            self._wake.set()
            with self._idle:
                self._idle.notify_all()
            deadline = time.monotonic() + timeout
            idle = False
            while True:  # every cycle, also on callers' threads: break its reads until it has left
                with self._idle:
                    if self._busy == 0:
                        idle = True
                        break
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self.client.interrupt()  # a snapshot or page read of a running cycle
                    self._idle.wait(min(0.05, left))
            for run in runs:
                for t in run.threads:
                    t.join(max(0.0, deadline - time.monotonic()))
            with self._runs_lock:
                self._runs = [r for r in self._runs if any(t.is_alive() for t in r.threads)]
                ended = idle and not any(r in self._runs for r in runs)
        finally:
            self._closing.clear()
        if not ended:
            log.warning("sync threads did not stop within %.1f s", timeout)
        return ended

    def _next_wait(self) -> float:
        wait = self.live_poll_seconds if self._status.live else self.poll_seconds
        if self._status.online is False or self._status.central_trouble:
            wait = min(wait, 5.0 + self.rng.random() * 5.0)
        due = self.store.next_due()
        if due is not None:
            wait = min(wait, max(0.05, (due - utcnow()).total_seconds()))
        return wait

    def _run(self, run: _Run) -> None:
        self._local.stop = run.stop
        woken = True  # the first cycle pulls everything (_due_all starts so)
        while not run.stop.is_set():
            self._wake.clear()
            with self._idle:
                asked = self._asked
            streams = self._take_due(woken)
            named = None if streams is None else set(streams)
            wanted = self.streams if named is None else tuple(s for s in self.streams if s in named)
            try:
                with self._working():
                    self._cycle(wanted, fresh=False)
            except Exception as e:  # a bug: keep the engine alive, show it
                log.exception("sync cycle failed")
                self.store.record_error("bug", Said("sync.unexpected_retry", kind=type(e).__name__))
                self._update(message=Said("sync.unexpected"))
            with self._idle:
                self._served = max(self._served, asked)
                self._idle.notify_all()
            if run.stop.is_set():
                return
            woken = self._wake.wait(self._next_wait())

    def _listen(self, run: _Run) -> None:
        self._local.stop = run.stop
        delay = 1.0
        while not run.stop.is_set():
            client = self.client_factory()
            run.live_client = client
            try:
                if run.stop.is_set():  # stop() came while the client was being made
                    break
                with client.events(read_timeout=self.keepalive_seconds * 2 + 5) as events:
                    delay = 1.0
                    self.kick()  # catch up on anything missed while disconnected
                    self._update(live=True)
                    for event, data in self._until_stopped(events, run.stop):
                        self._on_event(event, data)
            except (CentralError, ValueError, orjson.JSONDecodeError, RuntimeError):
                pass
            except Exception:  # an httpx error from a read broken by stop(), or a bug
                if not run.stop.is_set():
                    log.exception("live connection failed")
            finally:
                client.close()
                run.live_client = None
            if self._status.live:
                self._update(live=False)
            if run.stop.wait(delay * (0.5 + self.rng.random() / 2)):
                return
            delay = min(delay * 2, 60.0)
        if self._status.live:
            self._update(live=False)

    def _on_event(self, event: str, data: bytes) -> None:
        """A poke names the streams that changed: pull those this engine has not pulled up to
        its sequence (per stream: a pull of another stream may have reached it already). A poke
        naming nothing pulls every stream behind it; anything malformed is ignored."""
        if event not in ("poke", "hello") or not data:
            return
        try:
            poke = orjson.loads(data)
        except orjson.JSONDecodeError:
            return
        seq = poke.get("seq") if isinstance(poke, dict) else None
        if type(seq) is not int:
            return
        named = poke.get("streams") if event == "poke" else None
        if isinstance(named, list) and all(isinstance(n, str) for n in named):
            behind = [s for s in named if s in self.streams and seq > self._known_seq.get(s, 0)]
            if behind:
                self.kick(behind)
        elif any(seq > self._known_seq.get(s, 0) for s in self.streams):
            self.kick()

    def _until_stopped(self, events: Iterator[tuple[str, bytes]], stop: threading.Event) -> Iterator[tuple[str, bytes]]:
        for item in events:
            if stop.is_set():
                return
            yield item


# sync.protocol.row_hash without a Python frame per row (a million-row snapshot calls it per line).
_ROW_HASH = zlib.crc32
assert _ROW_HASH(b"[1]") == row_hash(b"[1]"), "row_hash is no longer the CRC-32 of the row"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one snapshot batch: its 20,000 parsed rows are lists
    that cannot form cycles, and collecting them over and over was half the parse time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
