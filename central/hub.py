"""Poke hub for the server-sent-event stream: "poke, then pull" (DESIGN.md section 3).

Writers publish the newest sequence and which (stream, scope) pairs they touched; each connected
device gets a poke only when something it may see changed, naming the streams to pull. The
watcher (central.app) publishes, the same way, what other processes wrote (another worker, the
CLI); the hub remembers what this process published so that the watcher can leave it out.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import StreamingResponse
from starlette.types import Send

from central.feeds import GLOBAL, Scope

log = logging.getLogger("aisle.central.events")


@dataclass(frozen=True)
class Poke:
    """The newest sequence, and the streams that changed (None: any may have)."""

    seq: int
    streams: frozenset[str] | None

    def payload(self) -> dict[str, object]:
        if self.streams is None:
            return {"seq": self.seq}
        return {"seq": self.seq, "streams": sorted(self.streams)}


# Put in every subscriber's queue when the server stops: its event stream ends.
CLOSING = Poke(-1, frozenset())


@dataclass(eq=False)
class Subscriber:
    scope: Scope
    queue: asyncio.Queue[Poke] = field(default_factory=lambda: asyncio.Queue(maxsize=1))
    closed: bool = False

    def close(self) -> None:
        """Wake the stream's reader with CLOSING (instead of whatever poke was waiting)."""
        self.closed = True
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(CLOSING)

    def wanted(self, touched: tuple[tuple[str, int], ...] | None) -> frozenset[str] | None:
        """The streams of `touched` this device may see (maybe none); None when unknown (any)."""
        if touched is None:
            return None
        return frozenset(stream for stream, scope in touched if scope == GLOBAL or scope in self.scope.scopes(stream))

    def offer(self, seq: int, streams: frozenset[str] | None) -> None:
        # Keep one poke, merged: a slow reader needs one pull of what changed, not a backlog.
        if self.closed:
            return
        if self.queue.full():
            waiting = self.queue.get_nowait()
            seq = max(seq, waiting.seq)
            streams = None if streams is None or waiting.streams is None else streams | waiting.streams
        self.queue.put_nowait(Poke(seq, streams))


class Hub:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.subscribers: set[Subscriber] = set()
        self.last_seq = 0
        self._local: set[int] = set()  # sequences this process published, until the watcher looks
        self._local_lock = threading.Lock()
        self.closing = False  # the server is stopping: every event stream ends, new ones at once

    def bind(self, loop: asyncio.AbstractEventLoop, seq: int) -> None:
        self.loop = loop
        self.last_seq = seq

    def subscribe(self, scope: Scope) -> Subscriber:
        sub = Subscriber(scope)
        self.subscribers.add(sub)
        if self.closing:
            sub.close()
        return sub

    def close(self) -> None:
        """Thread- and signal-safe: end every event stream (the server is shutting down, and
        uvicorn waits for open responses before it stops)."""
        if self.loop is None or self.loop.is_closed():
            self.closing = True
            return
        self.loop.call_soon_threadsafe(self._close)

    def _close(self) -> None:
        self.closing = True
        for sub in list(self.subscribers):
            sub.close()

    def unsubscribe(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)

    def publish(
        self,
        seq: int,
        touched: Iterable[tuple[str, int]] | None = None,
        *,
        local: bool = True,
        also: Iterable[int] = (),
    ) -> None:
        """Thread-safe: called by request handlers after their commit (and by the watcher, with
        local=False, for what other processes wrote). `also`: the other sequences the commit
        wrote (one poke covers them; the watcher leaves them out too)."""
        if self.loop is None or self.loop.is_closed():
            return
        if local:
            with self._local_lock:
                self._local.add(seq)
                self._local.update(also)
        pairs = None if touched is None else tuple(touched)
        self.loop.call_soon_threadsafe(self._deliver, seq, pairs)

    def take_local(self) -> set[int]:
        """The sequences published by this process since the last call (the watcher skips them)."""
        with self._local_lock:
            taken, self._local = self._local, set()
        return taken

    def _deliver(self, seq: int, touched: tuple[tuple[str, int], ...] | None) -> None:
        self.last_seq = max(self.last_seq, seq)
        for sub in list(self.subscribers):
            streams = sub.wanted(touched)
            if streams is None or streams:
                sub.offer(seq, streams)


class EventStreamResponse(StreamingResponse):
    """An event stream whose reader must keep up: memory per device is already bounded (one
    merged poke waits in its queue; uvicorn stops writing into a socket whose peer does not read
    past its transport's high-water mark), and a device whose stream has not taken a write for
    `send_timeout` seconds (it stopped reading: the socket's buffers are full) is dropped, so
    it holds neither a subscriber nor a connection for ever. It reconnects when it reads again."""

    def __init__(self, content: AsyncIterator[bytes], send_timeout: float, who: str, **kw: Any) -> None:
        super().__init__(content, **kw)
        self.send_timeout = send_timeout
        self.who = who
        self.dropped = False

    async def stream_response(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        body = self.body_iterator
        try:
            async for chunk in body:
                try:
                    await asyncio.wait_for(
                        send({"type": "http.response.body", "body": chunk, "more_body": True}), self.send_timeout
                    )
                except TimeoutError:
                    self.dropped = True
                    log.warning(
                        "dropped the event stream of %s: it has not read for %.0f s", self.who, self.send_timeout
                    )
                    raise OSError("event stream reader too slow") from None  # starlette: a client disconnect
        finally:
            aclose = getattr(body, "aclose", None)
            if aclose is not None:
                await aclose()  # its `finally` unsubscribes at once
        await send({"type": "http.response.body", "body": b"", "more_body": False})
