"""Serving central under uvicorn so that it stops promptly, in one process or several.

uvicorn's graceful shutdown stops accepting, closes idle connections and then waits for every
open response to finish before the lifespan ends. A tablet's event stream never finishes on its
own, so `central serve` waited forever on SIGTERM. `CentralServer` tells the poke hub to close
at the start of the shutdown: every event stream ends, the connections close, and uvicorn goes
on. `timeout_graceful_shutdown` bounds whatever else is still running.

Workers (AISLE_SERVE_WORKERS, default 1): N processes of central's app on one socket (uvicorn's
supervisor). One Python process has one GIL: parsing a push of 200 sales (20-30 ms, longer when
the machine is busy) on the event loop stops the thread holding the writer lock, which every
push waits for. Two processes took the 20-tablet PostgreSQL ingest from ~240-340 to ~630
sales/s (docs/performance.md, Ingest). What a process keeps is safe with several: the writer
lock is PostgreSQL's advisory lock (SQLite's write lock), each process's watcher pokes its
event streams with what the others wrote (within `change_watch_seconds`), caches follow the
change log, the mail sender claims a message with a conditional UPDATE. A worker is uvicorn's
own server: with event streams open it stops after `GRACEFUL_SECONDS`, not at once.
"""

from __future__ import annotations

import os
import socket
import threading

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from central.config import Settings
from central.hub import Hub

GRACEFUL_SECONDS = 3
WORKERS_ENV = "AISLE_SERVE_WORKERS"
_SETTINGS_ENV = "AISLE_SERVE_SETTINGS_JSON"  # what the parent hands its workers


class CentralServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        app = config.app
        self.hub: Hub | None = getattr(getattr(app, "state", None), "hub", None)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.hub is not None:
            self.hub.close()
        await super().shutdown(sockets)


class CentralWorkers:
    """`workers` processes of central's app (each built by `worker_app` from the settings of
    the app given to `make_server`) under uvicorn's supervisor, which restarts one that dies."""

    def __init__(self, config: uvicorn.Config, settings: Settings) -> None:
        self.config = config
        self.settings = settings

    def run(self) -> None:
        os.environ[_SETTINGS_ENV] = self.settings.model_dump_json()  # the workers are spawned with it
        sock = self.config.bind_socket()
        Multiprocess(self.config, sockets=[sock]).run()


def worker_app() -> FastAPI:
    """One worker's app (uvicorn's factory), from the settings its parent handed down."""
    from central.app import create_app

    return create_app(Settings.model_validate_json(os.environ[_SETTINGS_ENV]))


def workers_wanted() -> int:
    raw = os.environ.get(WORKERS_ENV, "").strip()
    try:
        n = int(raw) if raw else 1
    except ValueError:
        raise SystemExit(f"{WORKERS_ENV} must be a whole number of processes, not {raw!r}") from None
    if not 1 <= n <= 64:
        raise SystemExit(f"{WORKERS_ENV} must be between 1 and 64, not {n}")
    return n


def make_server(
    app: FastAPI, host: str, port: int, *, log_level: str = "info", workers: int | None = None
) -> CentralServer | CentralWorkers:
    """`app` served in this process, or (workers > 1, by default AISLE_SERVE_WORKERS) an app
    with the same settings in that many processes. A server run on another thread than the
    main one (tests: central in a thread, with state set on `app`) is always this process:
    the supervisor needs the main thread's signals, and a worker builds its own app."""
    if workers is None:
        workers = workers_wanted() if threading.current_thread() is threading.main_thread() else 1
    n = workers
    if n > 1:
        config = uvicorn.Config(
            "central.server:worker_app",
            factory=True,
            host=host,
            port=port,
            workers=n,
            log_level=log_level,
            lifespan="on",
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
        )
        return CentralWorkers(config, app.state.settings)
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, lifespan="on", timeout_graceful_shutdown=GRACEFUL_SECONDS
    )
    return CentralServer(config)
