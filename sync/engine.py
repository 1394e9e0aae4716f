"""The client sync engine: bootstrap, pull by cursor, push the outbox, live pokes, retries.

It runs on its own threads and talks to the local database only through the `SyncStore`
protocol (implemented by `pos_app.local`), and to the UI only through listener callbacks
(turned into Qt signals by `pos_app.ui.bridge`). No Qt here.

Rules it keeps (DESIGN.md section 3):
- a page and its cursor commit in one local transaction (`SyncStore.apply_page`);
- a snapshot commits batch by batch with its resume key, so a killed bootstrap resumes;
- a changed epoch or a checksum mismatch resyncs that stream, pushing the outbox first;
- the outbox is FIFO, one uploader; network errors and 5xx retry on a timer with backoff and
  jitter; a 4xx moves the op to the dead-letter list and the queue goes on.
"""

from __future__ import annotations

import gc
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import orjson
from pydantic import ValidationError

from sync.client import (
    CentralClient,
    CentralError,
    MalformedResponse,
    Rejected,
    Unauthorized,
    Unreachable,
)
from sync.protocol import (
    BOOTSTRAP_ORDER,
    CHECKSUM_MOD,
    STREAMS,
    ChangePage,
    Op,
    Scalar,
    SnapshotHeader,
    SnapshotTrailer,
    row_hash,
)

log = logging.getLogger("aisle.sync")


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


@dataclass(frozen=True)
class PendingOp:
    op_id: str
    device_seq: int
    type: str
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None = None  # None: not tried yet
    live: bool = False  # the poke stream is connected
    last_sync_at: datetime | None = None
    data_as_of: datetime | None = None  # oldest successful pull over all streams
    pending_ops: int = 0
    dead_ops: int = 0
    errors: tuple[str, ...] = ()
    bootstrapping: bool = False
    message: str = ""


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
    def begin_bootstrap(self, stream: str, epoch: str, high_water: int) -> None: ...
    def apply_snapshot_rows(
        self, stream: str, rows: list[list[Scalar]], hashes: list[int], after_key: list[Scalar]
    ) -> None: ...
    def finish_bootstrap(self, stream: str) -> None: ...
    def apply_page(self, stream: str, page: ChangePage) -> None: ...
    def local_checksum(self, stream: str) -> tuple[int, int]: ...
    def reset_stream(self, stream: str) -> None: ...
    def next_op(self) -> tuple[PendingOp | None, datetime | None]: ...
    def op_done(self, op_id: str, result: dict[str, Any]) -> None: ...
    def op_retry(self, op_id: str, error: str, at: datetime) -> None: ...
    def op_dead(self, op_id: str, status: int, detail: str) -> None: ...
    def outbox_counts(self) -> tuple[int, int]: ...
    def record_error(self, kind: str, message: str | None) -> None: ...
    def errors(self) -> list[str]: ...


Listener = Callable[[object], None]


def backoff(attempts: int, rng: random.Random, base: float = 2.0, cap: float = 300.0) -> float:
    """Exponential backoff with full jitter between half and all of the step."""
    step = min(cap, base ** max(1, attempts))
    return step * (0.5 + rng.random() / 2)


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
        rng: random.Random | None = None,
    ) -> None:
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
        self.rng = rng or random.Random()
        self.listeners: list[Listener] = []
        self._status = SyncStatus()
        self._lock = threading.Lock()  # one sync cycle at a time (one uploader)
        self._wake = threading.Event()
        self._due_lock = threading.Lock()
        self._due: set[str] = set()  # streams pokes named since the last cycle began
        self._due_all = True  # a cycle of every stream was asked for
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._checked_at: dict[str, float] = {}
        self._live_client: CentralClient | None = None
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
        pending, dead = self.store.outbox_counts()
        self._status = replace(
            self._status, pending_ops=pending, dead_ops=dead, errors=tuple(self.store.errors()), **changes
        )
        self._emit(self._status)

    def refresh_status(self) -> None:
        self._update()

    # --- one cycle ----------------------------------------------------------------------------

    def sync_once(self, streams: Iterable[str] | None = None) -> SyncStatus:
        """Push what is due, then pull every stream (bootstrapping where needed), or only the
        given ones (a poke names what changed)."""
        named = None if streams is None else set(streams)
        wanted = self.streams if named is None else tuple(s for s in self.streams if s in named)
        with self._lock:
            try:
                self._push()
                for stream in wanted:
                    self._pull(stream)
                self._verify_due()
            except Unauthorized as e:
                self.store.record_error("auth", str(e))
                self._update(online=True, message=str(e))
                return self._status
            except Unreachable as e:
                self._update(online=False, bootstrapping=False, message=str(e))
                return self._status
            except MalformedResponse as e:
                self._update(online=True, bootstrapping=False, message=str(e))
                return self._status
            self.store.record_error("auth", None)
            now = utcnow()
            oldest = min(
                (s.synced_at for s in map(self.store.stream_state, self.streams) if s.synced_at),
                default=None,
            )
            self._update(online=True, last_sync_at=now, data_as_of=oldest, bootstrapping=False, message="")
            return self._status

    def push_now(self) -> None:
        with self._lock:
            try:
                self._push()
            except CentralError as e:
                self._update(online=not isinstance(e, Unreachable), message=str(e))
            else:
                self._update(online=True)

    # --- upload -----------------------------------------------------------------------------

    def _push(self) -> None:
        while True:
            op, _ = self.store.next_op()
            if op is None:
                return
            try:
                wire = Op.model_validate(
                    {"op_id": op.op_id, "device_seq": op.device_seq, "type": op.type, "payload": op.payload}
                )
            except ValidationError as e:  # written by an older app, or damaged: never sendable
                self.store.op_dead(op.op_id, 0, f"this operation cannot be sent: {e.errors()[0]['msg']}")
                self._update()
                continue
            try:
                result = self.client.push(wire)
            except Unauthorized:
                raise
            except Rejected as e:
                log.warning("op %s rejected: %s %s", op.op_id, e.status, e.detail)
                self.store.op_dead(op.op_id, e.status, e.detail)
                self._update()
                continue
            except (Unreachable, MalformedResponse) as e:
                delay = backoff(op.attempts + 1, self.rng)
                self.store.op_retry(op.op_id, str(e), utcnow() + timedelta(seconds=delay))
                self._update()
                raise
            self.store.op_done(op.op_id, result.result)
            self._update()

    # --- download -----------------------------------------------------------------------------

    def _pull(self, stream: str) -> None:
        spec = STREAMS[stream]
        state = self.store.stream_state(stream)
        if not state.bootstrapped:
            self._bootstrap(stream)
            state = self.store.stream_state(stream)
        while True:
            page = self.client.changes(stream, state.cursor, self.page_size)
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
                msg = f"Central sent malformed {stream} data; kept the cache as it was ({e})"
                self.store.record_error(f"malformed:{stream}", msg)
                raise MalformedResponse(msg) from None
            self.store.apply_page(stream, page)
            self.store.record_error(f"malformed:{stream}", None)
            self._known_seq[stream] = max(self._known_seq.get(stream, 0), page.next)
            if page.changes:
                keys = tuple(tuple(c.key) for c in page.changes[:200])
                self._emit(Changed(stream, len(page.changes), keys))
            state = self.store.stream_state(stream)
            if not page.has_more:
                return

    def _bootstrap(self, stream: str) -> None:
        try:
            self._bootstrap_stream(stream)
        except MalformedResponse as e:
            self.store.record_error(f"malformed:{stream}", str(e))
            raise

    def _bootstrap_stream(self, stream: str) -> None:
        key_index = STREAMS[stream].key_index
        state = self.store.stream_state(stream)
        self._update(bootstrapping=True, message=f"Downloading {stream}…")
        started = time.perf_counter()
        received = 0
        with self.client.snapshot(stream, state.bootstrap_after_key) as lines:
            header = self._header(next(lines, b""), stream)
            resuming = state.bootstrap_hw is not None and state.epoch == header.epoch
            if not resuming:
                self._known_seq.pop(stream, None)  # a new epoch may number its changes from 1 again
                self.store.begin_bootstrap(stream, header.epoch, header.high_water)
                state = self.store.stream_state(stream)
            done_before = state.bootstrap_rows
            trailer: SnapshotTrailer | None = None
            for batch in self._batches(lines, stream):
                if isinstance(batch, SnapshotTrailer):
                    trailer = batch
                    break
                with _gc_paused():
                    rows, hashes = self._parse_batch(stream, batch)
                    self.store.apply_snapshot_rows(stream, rows, hashes, [rows[-1][i] for i in key_index])
                    del rows  # freed here, while the collector is off
                received += len(hashes)
                self._progress(stream, done_before + received, header.estimated_rows, started, received)
            if trailer is None:
                raise Unreachable(f"The {stream} download stopped early; it will resume")
            if trailer.rows != received:
                self.store.reset_stream(stream)
                raise MalformedResponse(
                    f"The {stream} download lost rows ({received} of {trailer.rows}); starting over"
                )
        self.store.finish_bootstrap(stream)
        self._checked_at.pop(stream, None)
        total = done_before + received
        self._emit(Progress(stream, total, total, received / max(1e-6, time.perf_counter() - started), 0.0, True))
        self._emit(Changed(stream, total))

    def _batches(self, lines: Iterator[bytes], stream: str) -> Iterator[list[bytes] | SnapshotTrailer]:
        """Snapshot lines grouped into batches of `batch_rows`, ending with the trailer if it came."""
        batch: list[bytes] = []
        for line in lines:
            if not line:
                continue
            if line[:1] == b"{":
                if batch:
                    yield batch
                yield self._trailer(line, stream)
                return
            batch.append(line)
            if len(batch) >= self.batch_rows:
                yield batch
                batch = []
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
            raise MalformedResponse(f"Central sent a malformed {stream} snapshot row; download stopped ({e})") from None
        if len(rows) != len(lines):  # a line held more than one value
            raise MalformedResponse(f"Central sent a malformed {stream} snapshot (one row per line expected)")
        if orjson.dumps(rows) == joined:
            hashes = list(map(row_hash, lines))
        else:
            hashes = [row_hash(orjson.dumps(r)) for r in rows]
        return rows, hashes

    def _header(self, line: bytes, stream: str) -> SnapshotHeader:
        try:
            header = SnapshotHeader.model_validate_json(line)
        except ValidationError:
            raise MalformedResponse(f"Central sent a {stream} snapshot without a valid header") from None
        if header.stream != stream or tuple(header.columns) != STREAMS[stream].columns:
            raise MalformedResponse(f"Central's {stream} snapshot has other columns than this app knows")
        return header

    def _trailer(self, line: bytes, stream: str) -> SnapshotTrailer:
        try:
            return SnapshotTrailer.model_validate_json(line)
        except ValidationError:
            raise MalformedResponse(f"Central's {stream} snapshot ended with a malformed trailer") from None

    def _progress(self, stream: str, rows: int, estimated: int | None, started: float, received: int) -> None:
        elapsed = max(1e-6, time.perf_counter() - started)
        rate = received / elapsed
        eta = (estimated - rows) / rate if estimated and rate > 0 and estimated > rows else None
        self._emit(Progress(stream, rows, estimated, rate, eta))

    def _resync(self, stream: str, why: str) -> None:
        """Throw this stream's cache away and bootstrap it again — after pushing the outbox."""
        log.warning("resync of %s: %s", stream, why)
        self._push()  # the outbox goes first; it is never discarded
        self.store.reset_stream(stream)
        self._bootstrap(stream)
        self._pull(stream)

    # --- integrity ----------------------------------------------------------------------------

    def _verify_due(self) -> None:
        now = time.monotonic()
        for stream in self.streams:
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
                f"The {stream} cache differed from central ({count} rows here, {cs.count} there); "
                "it was downloaded again",
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
        self._wake.set()

    def _take_due(self, woken: bool) -> tuple[str, ...] | None:
        """What the cycle about to run pulls: None for everything (the timer, or a plain kick)."""
        with self._due_lock:
            due, self._due = self._due, set()
            everything, self._due_all = self._due_all or not woken, False
        return None if everything else tuple(due)  # () when a kick's streams were pulled already

    def start(self, live: bool = True) -> None:
        self._stop.clear()
        with self._due_lock:
            self._due_all = True  # the first cycle pulls everything, also after a stop()
        self._threads = [threading.Thread(target=self._run, name="aisle-sync", daemon=True)]
        if live:
            self._threads.append(threading.Thread(target=self._listen, name="aisle-live", daemon=True))
        for t in self._threads:
            t.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        live = self._live_client
        if live is not None:
            live.close()
        for t in self._threads:
            t.join(timeout)
        self._threads = []

    def _next_wait(self) -> float:
        wait = self.live_poll_seconds if self._status.live else self.poll_seconds
        if self._status.online is False:
            wait = min(wait, 5.0 + self.rng.random() * 5.0)
        _op, due = self.store.next_op()
        if due is not None:
            wait = min(wait, max(0.05, (due - utcnow()).total_seconds()))
        return wait

    def _run(self) -> None:
        woken = True  # the first cycle pulls everything (_due_all starts so)
        while not self._stop.is_set():
            self._wake.clear()
            streams = self._take_due(woken)
            try:
                self.sync_once(streams)
            except Exception as e:  # a bug: keep the engine alive, show it
                log.exception("sync cycle failed")
                self.store.record_error("bug", f"Sync hit an unexpected problem ({type(e).__name__}); it will retry")
                self._update(message="Sync hit an unexpected problem")
            woken = self._wake.wait(self._next_wait())

    def _listen(self) -> None:
        delay = 1.0
        while not self._stop.is_set():
            client = self.client_factory()
            self._live_client = client
            try:
                with client.events(read_timeout=self.keepalive_seconds * 2 + 5) as events:
                    delay = 1.0
                    self._update(live=True)
                    self.kick()  # catch up on anything missed while disconnected
                    for event, data in self._until_stopped(events):
                        self._on_event(event, data)
            except (CentralError, ValueError, orjson.JSONDecodeError, RuntimeError):
                pass
            finally:
                client.close()
                self._live_client = None
            if self._status.live:
                self._update(live=False)
            if self._stop.wait(delay * (0.5 + self.rng.random() / 2)):
                return
            delay = min(delay * 2, 60.0)

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

    def _until_stopped(self, events: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        for item in events:
            if self._stop.is_set():
                return
            yield item


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
