"""`pos-app run --kiosk` as a subprocess (offscreen): an enrolled device opens straight on the
pickup kiosk, never on the sign-in screen; an unenrolled one does not offer enrolment."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.e2e.test_app import stop, wait_for
from tests.e2e.test_cli import ROOT, pos_app


def start_kiosk(data: Path, keys: Path) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "tests.support.keyring_backend.MemoryKeyring",
        "AISLE_TEST_KEYRING_FILE": str(keys),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app.cli", "--data-dir", str(data), "run", "--kiosk"],
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


def test_an_enrolled_kiosk_opens_on_scan_your_code(central_db, enroll_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.servers import run_central

    data, keys = tmp_path / "kiosk", tmp_path / "keys.json"
    with run_central(central_db) as url:
        assert pos_app(data, keys, "enroll", "--central", url, "--code", enroll_code()).returncode == 0
        assert pos_app(data, keys, "sync", "--once").returncode == 0
        proc, lines = start_kiosk(data, keys)
        try:
            seen = wait_for(lines, "screen: KioskView")
            time.sleep(0.5)
            while not lines.empty():
                seen.append(lines.get())
            assert not any("SignInView" in line or "Traceback" in line for line in seen)
        finally:
            stop(proc)


def test_an_unenrolled_kiosk_offers_no_enrolment(tmp_path: Path) -> None:
    proc, lines = start_kiosk(tmp_path / "nothing", tmp_path / "keys.json")
    try:
        seen = wait_for(lines, "kiosk: not enrolled")
        time.sleep(0.5)
        while not lines.empty():
            seen.append(lines.get())
        assert proc.poll() is None  # still up, saying it is not set up
        assert not any("EnrollView" in line or "Traceback" in line for line in seen), seen
    finally:
        stop(proc)
