"""pos-app as a person runs it: separate processes against a real central on loopback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def pos_app(data: Path, keyring_file: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.support.keyring_backend.MemoryKeyring",
        "AISLE_TEST_KEYRING_FILE": str(keyring_file),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
        cwd=ROOT,
    )


def test_enrol_sync_stock_doctor_journal(central_url: str, enroll_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, keys = tmp_path / "tablet", tmp_path / "keys.json"
    bad = pos_app(data, keys, "enroll", "--central", central_url, "--code", "ZZZZ-ZZZZ-ZZZZ")
    assert bad.returncode == 2 and "not valid" in bad.stderr and "Traceback" not in bad.stderr
    payload = f"aisle://enroll?central={central_url}&code={enroll_code('BER01')}"
    ok = pos_app(data, keys, "enroll", "--code", payload)
    assert ok.returncode == 0, ok.stderr
    assert "Aisle Berlin Mitte" in ok.stdout
    assert "device-token" in keys.read_text()  # the token went to the (test) keyring …
    assert not any(b"device-token" in p.read_bytes() for p in data.iterdir() if p.is_file())  # … not a file

    synced = pos_app(data, keys, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert "catalog:" in synced.stderr and "rows/s" in synced.stderr

    stock = pos_app(data, keys, "stock", "sneaker")
    assert stock.returncode == 0, stock.stderr
    assert "€" in stock.stdout and "Stock at BER01" in stock.stdout
    assert "WH-DE" in stock.stdout and "live" in stock.stdout

    doctor = pos_app(data, keys, "doctor")
    assert "[ok  ] keyring" in doctor.stdout and "[ok  ] cache.db" in doctor.stdout
    assert "[ok  ] central" in doctor.stdout and "clock" in doctor.stdout
    # every time is the store's local time with its zone (Berlin: CET in December)
    assert re.search(r"last pull \d{4}-\d\d-\d\d \d\d:\d\d CES?T", doctor.stdout), doctor.stdout

    # sending an op again needs a supervisor; the PIN comes from stdin when there is no terminal
    unknown = "00000000-0000-4000-8000-000000000000"
    ask = pos_app(data, keys, "outbox", "--retry", unknown)
    assert ask.returncode == 2 and "needs a supervisor" in ask.stderr
    first_approver = re.search(r"one of: (\d+) ", ask.stderr)
    assert first_approver, ask.stderr  # managers first: their demo PIN is 3333
    retry = pos_app(data, keys, "outbox", "--retry", unknown, "--supervisor", first_approver.group(1), stdin="3333\n")
    assert retry.returncode == 1 and "no operation with that id" in retry.stdout, retry.stderr

    journal = pos_app(data, keys, "journal", "verify")
    assert journal.returncode == 0 and "chain intact" in journal.stdout


def test_unenrolled_and_unreachable_have_clear_messages(tmp_path: Path) -> None:
    data, keys = tmp_path / "tablet", tmp_path / "keys.json"
    res = pos_app(data, keys, "sync", "--once")
    assert res.returncode != 0 and "not enrolled" in res.stderr and "Traceback" not in res.stderr
    res = pos_app(data, keys, "enroll", "--central", f"http://127.0.0.1:{free_port()}", "--code", "ABCD-EFGH-JKMN")
    assert res.returncode == 2 and "Cannot reach central" in res.stderr


def test_offline_stock_uses_the_cache(central_db, enroll_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.servers import run_central

    data, keys = tmp_path / "tablet", tmp_path / "keys.json"
    with run_central(central_db) as url:
        assert pos_app(data, keys, "enroll", "--central", url, "--code", enroll_code("TKY01")).returncode == 0
        assert pos_app(data, keys, "sync", "--once").returncode == 0
    res = pos_app(data, keys, "stock", "linen")
    assert res.returncode == 0, res.stderr
    assert "offline" in res.stderr and "￥" in res.stdout and "as of" in res.stdout
    res = pos_app(data, keys, "sync", "--once")
    assert res.returncode == 2 and "offline" in res.stderr
