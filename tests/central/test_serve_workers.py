"""`central serve` in several processes (AISLE_SERVE_WORKERS, central.server): two devices
pushing at once through a real two-process central get each sale applied once and in their
order, a poke reaches a device whatever process its stream is on, SIGTERM stops it in seconds
with a stream open, and a bad worker count is one clear sentence."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from central.cli import issue_enroll_code
from central.db import Database
from central.models import Order
from central.server import GRACEFUL_SECONDS
from tests.central.helpers import location_id, stocked_variant
from tests.central.test_sales import sale_op
from tests.support.servers import free_port


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                out.append(int(d.name))
    return out


@pytest.fixture
def served(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, Database]]:
    path = tmp_path / "central.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "AISLE_KEEPALIVE_SECONDS": "60"}
    env.pop("AISLE_SERVE_WORKERS", None)
    proc = subprocess.Popen(  # the flag (the variable is tested below)
        [sys.executable, "-m", "central.cli", "serve", "--db", db.url, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/health", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, "central serve exited"
            assert time.monotonic() < deadline, "central serve did not start"
            time.sleep(0.1)
        yield proc, url, db
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        db.dispose()


def _enrol(url: str, db: Database, name: str) -> dict[str, str]:
    code = issue_enroll_code(db, "TKY01", 10)
    body = httpx.post(url + "/v1/enroll", json={"code": code, "device_name": name}).json()
    return {"Authorization": f"Bearer {body['token']}", "device_id": body["device_id"]}


def test_two_processes_apply_concurrent_pushes_once_in_order_and_stop_on_sigterm(
    served: tuple[subprocess.Popen[bytes], str, Database],
) -> None:
    proc, url, db = served
    time.sleep(0.5)  # both workers spawned (the first to start already answers /health)
    workers = [p for p in _children(proc.pid) if "spawn_main" in (Path(f"/proc/{p}/cmdline").read_bytes().decode())]
    assert len(workers) == 2
    store = location_id(db, "TKY01")
    vid, _, _ = stocked_variant(db, store)
    devices = [_enrol(url, db, f"till-{i}") for i in range(2)]
    listener = _enrol(url, db, "viewer")
    pushes = {d["device_id"]: [sale_op(db, store, vid, seq=i) for i in range(1, 31)] for d in devices}
    for n, d in enumerate(devices):  # receipt numbers of their own per device
        for op in pushes[d["device_id"]]:
            op["payload"]["receipt_no"] = f"TKY01-DEV{n}-{op['device_seq']:06d}"
    answers: dict[str, list[str]] = {}

    def send(d: dict[str, str]) -> None:
        ops = pushes[d["device_id"]]
        got: list[str] = []
        with httpx.Client(base_url=url, timeout=30) as c:
            for i in range(0, len(ops), 10):  # several requests, so both processes take some
                r = c.post("/v1/ops", headers={"Authorization": d["Authorization"]}, json={"ops": ops[i : i + 10]})
                assert r.status_code == 200, r.text
                got += [o["status"] for o in r.json()["results"]]
        answers[d["device_id"]] = got

    with (
        httpx.Client(base_url=url, timeout=httpx.Timeout(10.0)) as client,
        client.stream("GET", "/v1/events", headers={"Authorization": listener["Authorization"]}) as events,
    ):
        lines = events.iter_lines()
        assert next(lines) == "event: hello"
        threads = [threading.Thread(target=send, args=(d,)) for d in devices]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert {k: set(v) for k, v in answers.items()} == {d["device_id"]: {"applied"} for d in devices}
        # A store device sees its store's stock change, whichever process applied the sale.
        deadline = time.monotonic() + 10
        for line in lines:
            if line == "event: poke":
                break
            assert time.monotonic() < deadline, "no poke"
        with db.session() as s:
            for n, d in enumerate(devices):
                receipts = list(
                    s.scalars(select(Order.receipt_no).where(Order.device_id == d["device_id"]).order_by(Order.id))
                )
                assert receipts == [f"TKY01-DEV{n}-{i:06d}" for i in range(1, 31)]
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        proc.wait(GRACEFUL_SECONDS + 5)
    assert time.monotonic() - started < GRACEFUL_SECONDS + 5
    assert all(not Path(f"/proc/{p}").exists() for p in workers)


def test_a_worker_count_that_is_not_a_number_is_one_sentence(tmp_path: Path) -> None:
    env = {**os.environ, "AISLE_SERVE_WORKERS": "two"}
    r = subprocess.run(
        [sys.executable, "-m", "central.cli", "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0
    assert "AISLE_SERVE_WORKERS must be a whole number of processes, not 'two'" in r.stderr


def test_a_worker_count_out_of_range_is_one_sentence(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "central.cli", "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "--workers must be between 1 and 64, not 0" in r.stderr
