"""The real app as a subprocess (offscreen), waiting for its log lines, as qutebrowser does."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.e2e.test_cli import ROOT, pos_app


def start_app(
    data: Path, keys: Path, backend: str = "tests.support.keyring_backend.MemoryKeyring"
) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": backend,
        "AISLE_TEST_KEYRING_FILE": str(keys),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app.cli", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def wait_for(lines: queue.Queue[str], needle: str, timeout: float = 30.0) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return seen
    raise AssertionError(f"no {needle!r} within {timeout}s; log was:\n{''.join(seen)}")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(10)
    if proc.stderr:
        proc.stderr.close()


def test_first_run_shows_enrolment(tmp_path: Path) -> None:
    proc, lines = start_app(tmp_path / "t", tmp_path / "keys.json")
    try:
        wait_for(lines, "screen: EnrollView")
    finally:
        stop(proc)


def test_opens_from_cache_with_central_down(central_db, enroll_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.servers import run_central

    data, keys = tmp_path / "t", tmp_path / "keys.json"
    with run_central(central_db) as url:
        assert pos_app(data, keys, "enroll", "--central", url, "--code", enroll_code()).returncode == 0
        assert pos_app(data, keys, "sync", "--once").returncode == 0
    started = time.monotonic()
    proc, lines = start_app(data, keys)
    try:
        seen = wait_for(lines, "screen: SignInView")
        assert time.monotonic() - started < 20
        assert not any("Traceback" in line for line in seen)
    finally:
        stop(proc)


def test_refuses_without_a_secure_keyring(tmp_path: Path) -> None:
    proc, lines = start_app(tmp_path / "t", tmp_path / "keys.json", backend="keyring.backends.fail.Keyring")
    try:
        seen = wait_for(lines, "No secure keyring")  # then a message box says the same and it stops
        assert not any("Traceback" in line for line in seen)
        assert not (tmp_path / "t" / "device.db").exists()  # refused before touching anything
    finally:
        stop(proc)
