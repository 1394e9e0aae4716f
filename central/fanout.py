"""Live pokes between replicas: PostgreSQL LISTEN/NOTIFY (DESIGN.md section 3, "poke, then pull").

Every writing transaction that appended to the change log sends ONE notification on
`CHANNEL` just before it commits (central.changes.writing): PostgreSQL delivers it at the
commit, to every listening session, and never for a rolled-back transaction. Its payload is
small JSON: the process that wrote (`o`), the lowest and highest sequence written (`lo`, `hi`;
writers hold the change-log lock, so the range is this transaction's alone) and the (stream,
scope) pairs touched (`t`; null when there were too many to name: every device pulls).

Each replica runs one `Listener` (its own autocommit connection, outside the pool). It merges
every notification that arrived together into one publish on its hub, so a burst of commits, or
one commit of 100,000 rows, is one poke per device; the publish marks the range as dealt with,
so the one-second watcher (central.app `_watch`) does not poke for it again. A process skips
what it wrote itself (its request handlers published already). The connection lost (PostgreSQL
restarting): one log line, reconnect with backoff; the watcher covers the gap meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import orjson
import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from central.db import APP_NAME
from central.hub import Hub

log = logging.getLogger("aisle.central.fanout")

CHANNEL = "aisle_changes"
ORIGIN = uuid.uuid4().hex[:12]  # this process (each uvicorn worker is its own)
PAIRS_MAX = 200  # more (stream, scope) pairs than this in one commit: "anything may have changed"
PAYLOAD_MAX = 7_000  # PostgreSQL refuses payloads of 8,000 bytes or more
RETRY_FIRST, RETRY_MAX = 0.2, 5.0  # seconds between reconnects, doubling

_NOTIFY = text("SELECT pg_notify(:channel, :payload)")


@dataclass(frozen=True)
class Notice:
    origin: str
    lo: int
    hi: int
    pairs: frozenset[tuple[str, int]] | None


def encode(lo: int, hi: int, pairs: Iterable[tuple[str, int]] | None, origin: str = ORIGIN) -> str:
    touched = None if pairs is None else sorted(pairs)
    if touched is not None and len(touched) > PAIRS_MAX:
        touched = None
    body = orjson.dumps({"o": origin, "lo": lo, "hi": hi, "t": touched}).decode()
    if len(body) > PAYLOAD_MAX:
        body = orjson.dumps({"o": origin, "lo": lo, "hi": hi, "t": None}).decode()
    return body


def decode(payload: str) -> Notice | None:
    """The notice, or None (logged in one sentence) for a payload that is not one of ours."""
    try:
        d = orjson.loads(payload)
        lo, hi = int(d["lo"]), int(d["hi"])
        t = d["t"]
        pairs = None if t is None else frozenset((str(s), int(sc)) for s, sc in t)
        if lo > hi or lo < 1:
            raise ValueError("bad range")
        return Notice(str(d["o"]), lo, hi, pairs)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        log.warning("ignored a notification on %s that is not a change-log range: %.80r", CHANNEL, payload)
        return None


def notify(session: Session, seqs: list[int], pairs: set[tuple[str, int]] | None) -> None:
    """Inside the writing transaction, before its commit (central.changes.writing)."""
    session.execute(_NOTIFY, {"channel": CHANNEL, "payload": encode(min(seqs), max(seqs), pairs)})


def merge(notices: Iterable[Notice]) -> Notice | None:
    """One notice for several (the widest range, the union of their pairs)."""
    items = list(notices)
    if not items:
        return None
    pairs: frozenset[tuple[str, int]] | None = frozenset()
    for n in items:
        pairs = None if pairs is None or n.pairs is None else pairs | n.pairs
    return Notice(items[0].origin, min(n.lo for n in items), max(n.hi for n in items), pairs)


def conninfo(database_url: str) -> str:
    """A libpq URI for psycopg from SQLAlchemy's URL (`postgresql+psycopg://...`)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class Listener:
    """LISTEN on `CHANNEL` and publish what other processes committed on `hub`."""

    def __init__(self, database_url: str, hub: Hub, on_notice: Callable[[Notice], None] | None = None) -> None:
        self.conninfo = conninfo(database_url)
        self.hub = hub
        self.on_notice = on_notice  # e.g. drop the scope cache when locations changed
        self.listening = asyncio.Event()
        self.received = 0  # notifications read (others' and ours)
        self.published = 0  # merged publishes handed to the hub
        self._pending: list[Notice] = []
        self._flush_due = False

    async def run(self) -> None:
        """Until cancelled: listen, and reconnect (with backoff) whenever the connection drops."""
        wait = RETRY_FIRST
        down_since_logged = False
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self.conninfo, autocommit=True, application_name=f"{APP_NAME} {os.getpid()} listen"
                )
            except psycopg.Error as e:
                if not down_since_logged:
                    log.warning(
                        "live fan-out: cannot reach PostgreSQL (%s); retrying, the watcher pokes meanwhile",
                        _first_line(e),
                    )
                    down_since_logged = True
                await asyncio.sleep(wait)
                wait = min(wait * 2, RETRY_MAX)
                continue
            try:
                await conn.execute(f"LISTEN {CHANNEL}")
                if down_since_logged:
                    log.warning("live fan-out: listening again")
                down_since_logged = False
                wait = RETRY_FIRST
                self.listening.set()
                async for n in conn.notifies():
                    self.received += 1
                    notice = decode(n.payload)
                    if notice is None or notice.origin == ORIGIN:
                        continue
                    self._pending.append(notice)
                    if not self._flush_due:  # after the batch psycopg read at once
                        self._flush_due = True
                        asyncio.get_running_loop().call_soon(self._flush)
            except psycopg.Error as e:
                self.listening.clear()
                log.warning("live fan-out: lost the PostgreSQL connection (%s); reconnecting", _first_line(e))
                down_since_logged = True
            finally:
                self.listening.clear()
                with contextlib.suppress(psycopg.Error):
                    await conn.close()

    def _flush(self) -> None:
        self._flush_due = False
        notice = merge(self._pending)
        self._pending = []
        if notice is None:
            return
        self.published += 1
        # local=True: the range counts as published by this process, so the watcher skips it.
        self.hub.publish(notice.hi, notice.pairs, local=True, also=range(notice.lo, notice.hi))
        if self.on_notice is not None:
            self.on_notice(notice)


def _first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]
