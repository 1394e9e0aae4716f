"""`pos-app terminal-sim` as a real process: HTTPS with the CA file it prints, and --plain."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pos_app.devices.terminal import NexoKey, NexoTerminal, new_service_id
from pos_app.devices.terminal.sim_server import free_port

pytestmark = pytest.mark.slow


@contextmanager
def sim_process(tmp_path: Path, *args: str) -> Iterator[tuple[int, list[str]]]:
    port = free_port()
    cmd = [sys.executable, "-m", "pos_app.cli", "--data-dir", str(tmp_path / "data"), "terminal-sim", "--port", str(port), *args]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        assert p.stdout is not None
        while len(lines) < 4:
            line = p.stdout.readline()
            if not line:
                raise AssertionError(f"terminal-sim exited: {p.wait()} {p.stderr.read() if p.stderr else ''}")
            lines.append(line.strip())
            if line.startswith("Control:"):
                break
        yield port, lines
    finally:
        p.terminate()
        p.wait(10)
        for f in (p.stdout, p.stderr):
            if f:
                f.close()


def test_https_with_key_and_scripted_fault(tmp_path: Path) -> None:
    args = ["--poiid", "P400Plus-275102806", "--key-passphrase", "pw", "--key-id", "K1", "--key-version", "3", "--fault", "decline"]
    with sim_process(tmp_path, *args) as (port, lines):
        ca = next(line.split(": ", 1)[1] for line in lines if line.startswith("CA file:"))
        assert f"https://127.0.0.1:{port}/nexo/" in lines[0]
        with NexoTerminal(
            url=f"https://127.0.0.1:{port}/nexo/", poiid="P400Plus-275102806", sale_id="TILL", key=NexoKey("pw", "K1", 3), ca_file=ca
        ) as t:
            sid = new_service_id()
            assert t.start_payment(service_id=sid, amount_minor=100, currency="EUR", sale_reference="S").kind == "declined"
            assert t.start_payment(service_id=new_service_id(), amount_minor=100, currency="EUR", sale_reference="S").kind == "approved"


def test_plain(tmp_path: Path) -> None:
    with sim_process(tmp_path, "--plain") as (port, lines):
        assert not any(line.startswith("CA file:") for line in lines)
        with NexoTerminal(url=f"http://127.0.0.1:{port}/nexo/", poiid="V400m-123456789", sale_id="TILL", allow_plain=True) as t:
            assert t.start_payment(service_id=new_service_id(), amount_minor=5, currency="EUR", sale_reference="S").kind == "approved"


def test_bad_arguments_get_one_sentence(tmp_path: Path) -> None:
    port = str(free_port())
    for extra in (["--key-passphrase", "x"], ["--fault", "explode"]):
        r = subprocess.run(
            [sys.executable, "-m", "pos_app.cli", "--data-dir", str(tmp_path), "terminal-sim", "--port", port, *extra],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert r.returncode == 2 and r.stderr.startswith("terminal-sim: ") and r.stderr.count("\n") == 1
