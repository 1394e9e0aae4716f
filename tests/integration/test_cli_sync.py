"""`pos-app sync --once`, `outbox --retry` and `stock` as a person reads them: what happened,
in words that point at the fix (in-process CLI, real central on loopback, test keyring)."""

from __future__ import annotations

import io
import re
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore, now_iso
from pos_app.services.app import Device


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


class Always503(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = b'{"detail": "database is down"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def broken_central() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Always503)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _point_at(data: Path, url: str) -> None:
    store = LocalStore(data)
    store.set_meta({"central_url": url})
    store.close()


def test_sync_words_a_503_as_central_having_a_problem_not_offline(
    device: Device, broken_central: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = device.data_dir
    device.close()
    _point_at(data, broken_central)
    code, out, err = cli(capsys, "--data-dir", str(data), "sync", "--once")
    assert code == 1 and "Synced." not in out
    assert "had a problem" in err and "offline" not in err


def test_sync_offline_and_stock_offline_say_how_old_the_figures_are(
    device: Device, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.servers import free_port

    data = device.data_dir
    device.close()
    code, out, err = cli(capsys, "--data-dir", str(data), "stock", "linen", "--offline")
    assert code == 0, err
    # the home grid says when its figures are from, local with the zone (Tokyo), and how old
    assert re.search(r"Stock at TKY01 \(as of \d{4}-\d\d-\d\d \d\d:\d\d JST, (just now|\d+ min ago)\)", out), out
    assert not re.search(r"\blive$", out, re.M)
    _point_at(data, f"http://127.0.0.1:{free_port()}")
    code, out, err = cli(capsys, "--data-dir", str(data), "sync", "--once")
    assert code == 2 and "offline" in err and "Synced." not in out


def test_outbox_retry_needs_a_supervisor_pin_and_says_what_happened(
    device: Device, capsys: pytest.CaptureFixture[str]
) -> None:
    data = device.data_dir
    associate = next(p for p in device.auth.staff() if p.role.name == "ASSOCIATE")
    supervisor = next(p for p in device.auth.staff() if p.role.name == "SUPERVISOR")
    session = device.auth.sign_in(associate.id, "1111")
    vid = device.store.query("SELECT id FROM catalog LIMIT 1")[0][0]
    sent = device.stock.correct(session, vid, delta=1, reason=CorrectionReason.FOUND)
    with device.store.tx("device") as con:  # central will reject this one: no such variant
        bad, _ = device.store.enqueue(
            con,
            "stock.adjust",
            {
                "variant_id": 2**31 - 7,
                "location_id": device.identity.store_id,
                "delta": 1,
                "reason": "found",
                "note": "",
                "staff_id": associate.id,
                "approved_by": None,
                "recorded_at": now_iso(),
            },
        )
    device.engine.sync_once()
    device.close()

    code, out, _ = cli(capsys, "--data-dir", str(data), "outbox")
    assert code == 0 and bad in out and "REJECTED" in out
    code, _, err = cli(capsys, "--data-dir", str(data), "outbox", "--retry", bad)
    assert code == 2 and "needs a supervisor" in err and f"{supervisor.id} ({supervisor.name})" in err
    args = ("--data-dir", str(data), "outbox", "--retry")
    code, _, err = cli(capsys, *args, bad, "--supervisor", str(associate.id), stdin="1111\n")
    assert code == 2 and "cannot approve" in err
    code, _, err = cli(capsys, *args, bad, "--supervisor", str(supervisor.id), stdin="0000\n")
    assert code == 2 and "Wrong PIN" in err
    code, out, err = cli(capsys, *args, bad, "--supervisor", str(supervisor.id), stdin="2222\n")
    assert code == 0 and f"{bad}: requeued" in out, err
    code, out, _ = cli(capsys, *args, sent, "--supervisor", str(supervisor.id), stdin="2222\n")
    assert code == 1 and "not a rejected operation: it was already sent" in out
    unknown = "00000000-0000-4000-8000-000000000000"
    code, out, _ = cli(capsys, *args, unknown, "--supervisor", str(supervisor.id), stdin="2222\n")
    assert code == 1 and "no operation with that id" in out and "queued again" not in out
