"""A tablet that never reads its event stream is dropped after a bound (central.hub
EventStreamResponse), not buffered for ever, while a tablet that reads keeps its stream and its
pokes. Real uvicorn on loopback, a real socket that stops reading (a small receive buffer), and a
storm of pokes published through the hub as request handlers do."""

from __future__ import annotations

import logging
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from central.app import create_app
from central.config import Settings
from central.db import Database
from central.server import make_server
from sync.protocol import STREAMS
from tests.central.helpers import enrol
from tests.central.test_events import EventReader
from tests.support.servers import free_port


def test_a_stream_that_is_never_read_is_dropped_and_a_reading_one_keeps_its_pokes(
    sqlite_template: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "central.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    settings = Settings(
        database_url=db.url, keepalive_seconds=5, change_watch_seconds=60, stream_send_timeout_seconds=1.0
    )
    app = create_app(settings, db)
    hub = app.state.hub
    port = free_port()
    server = make_server(app, "127.0.0.1", port, log_level="warning")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    slow: socket.socket | None = None
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                if httpx.get(url + "/health", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "central did not start"
                time.sleep(0.05)
        client = httpx.Client(base_url=url, timeout=10)
        reader_dev, slow_dev = enrol(client, db, "TKY01", "reads"), enrol(client, db, "TKY01", "never reads")
        reader = EventReader(client, reader_dev)
        assert reader.next("hello", 5) is not None
        slow = socket.socket()
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow.connect(("127.0.0.1", port))
        slow.sendall(f"GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {slow_dev.token}\r\n\r\n".encode())
        deadline = time.monotonic() + 10
        while len(hub.subscribers) < 2:
            assert time.monotonic() < deadline, "the slow stream never subscribed"
            time.sleep(0.05)
        every = [(name, 0) for name in sorted(STREAMS)]  # a long poke: it fills the socket sooner
        seq = hub.last_seq
        with caplog.at_level(logging.WARNING, logger="aisle.central.events"):
            deadline = time.monotonic() + 120
            while len(hub.subscribers) > 1:  # a storm of pokes until the slow stream is dropped
                assert time.monotonic() < deadline, "the stream that is never read was not dropped"
                for _ in range(50):
                    seq += 1
                    hub.publish(seq, every)
                time.sleep(0.001)
            assert any("dropped the event stream of device" in r.getMessage() for r in caplog.records)
        assert len(hub.subscribers) == 1  # the reading tablet is still subscribed ...
        while reader.next("poke", 0.2) is not None:  # (what the storm left it)
            pass
        hub.publish(seq + 1, every)
        poke = reader.next("poke", 5)  # ... and still poked
        assert poke is not None and poke.data["seq"] == seq + 1
        reader.close()
        client.close()
    finally:
        if slow is not None:
            slow.close()
        server.should_exit = True
        thread.join(10)
        db.dispose()
