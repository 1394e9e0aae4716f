"""`central serve` as people run it: a real process on a loopback port, stopped with SIGTERM
while a tablet holds its live event stream open (DESIGN.md section 3: a restart never hangs on
open connections)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from central.cli import issue_enroll_code
from central.db import Database
from central.server import GRACEFUL_SECONDS
from tests.support.servers import free_port

STOP_WITHIN = 5.0


@pytest.fixture
def served(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, Database]]:
    path = tmp_path / "central.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "AISLE_KEEPALIVE_SECONDS": "60"}  # nothing but the shutdown ends the stream
    proc = subprocess.Popen(
        [sys.executable, "-m", "central.cli", "serve", "--db", db.url, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(url + "/health", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
            assert time.monotonic() < deadline, "central serve did not start"
            time.sleep(0.1)
        yield proc, url, db
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        if proc.stderr:
            proc.stderr.close()
        db.dispose()


def test_sigterm_stops_serve_within_seconds_while_an_event_stream_is_open(
    served: tuple[subprocess.Popen[bytes], str, Database],
) -> None:
    proc, url, db = served
    code = issue_enroll_code(db, "TKY01", 10)
    enrolled = httpx.post(url + "/v1/enroll", json={"code": code}).json()
    headers = {"Authorization": f"Bearer {enrolled['token']}"}
    with (
        httpx.Client(base_url=url, timeout=httpx.Timeout(10.0)) as client,
        client.stream("GET", "/v1/events", headers=headers) as events,
    ):
        assert events.status_code == 200
        lines = events.iter_lines()
        assert next(lines) == "event: hello"  # the stream is live: central holds it open
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        try:
            proc.wait(STOP_WITHIN)
        except subprocess.TimeoutExpired:
            pytest.fail(f"central serve still running {STOP_WITHIN} s after SIGTERM with an event stream open")
        took = time.monotonic() - started
        rest = list(lines)  # the stream ended: the tablet sees the end and reconnects later
    # uvicorn re-raises the signal once it has shut down cleanly
    assert proc.returncode in (0, -signal.SIGTERM), proc.stderr.read() if proc.stderr else b""
    # The hub closed the stream at once; uvicorn's graceful-shutdown timeout is only a backstop.
    assert took < min(STOP_WITHIN, GRACEFUL_SECONDS), took
    assert not any(line.startswith("event: poke") for line in rest)
