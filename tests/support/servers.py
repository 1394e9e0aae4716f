"""Real servers on loopback for tests: central under uvicorn in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from central.app import create_app
from central.config import Settings
from central.db import Database
from central.server import make_server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def run_central(
    db: Database,
    *,
    keepalive: float = 1.0,
    watch: float = 0.2,
    port: int | None = None,
    smtp_port: int | None = None,
) -> Iterator[str]:
    """Serve `db` on a free loopback port; yields the base URL. `smtp_port`: central's mail
    sender delivers to an SMTP server there (quick retries, for tests)."""
    settings = Settings(database_url=db.url, keepalive_seconds=keepalive, change_watch_seconds=watch)
    app = create_app(settings, db)
    if smtp_port is not None:
        from central.mail import MailSettings

        app.state.mail_settings = MailSettings(
            smtp_url=f"smtp://127.0.0.1:{smtp_port}", mail_poll_seconds=0.1, mail_retry_seconds=0.3, smtp_timeout_seconds=3
        )
    port = port or free_port()
    # central's own server: its hub closes the event streams when shutdown begins, so stopping
    # with a tablet's live stream open does not wait for the graceful-shutdown timeout.
    server = make_server(app, "127.0.0.1", port, log_level="warning")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=0.5).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    else:
        raise RuntimeError("central did not start")
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(10)
