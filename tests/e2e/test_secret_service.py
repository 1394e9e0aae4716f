"""The device token in a real Secret Service (GNOME Keyring on a private D-Bus session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[dict[str, str]]:
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI") == "true":
            pytest.fail("dbus-daemon and gnome-keyring-daemon are needed (scripts/system-deps.sh installs them)")
        pytest.skip("no dbus-daemon/gnome-keyring-daemon here")
    home = tmp_path / "home"
    (home / ".local" / "share").mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    keyring_daemon = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
        input="test-password",
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert keyring_daemon.returncode == 0, keyring_daemon.stderr
    control = {k: v for k, v in (line.split("=", 1) for line in keyring_daemon.stdout.split() if "=" in line)}
    env.update(control)
    try:
        yield env
    finally:
        bus.terminate()  # gnome-keyring-daemon leaves with its session bus
        bus.wait(10)
        bus.stdout.close()


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", *args],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=120,
        cwd=ROOT,
    )


def test_token_lives_in_the_secret_service(
    secret_service: dict[str, str], central_url: str, enroll_code, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "tablet"
    res = run(secret_service, "--data-dir", str(data), "enroll", "--central", central_url, "--code", enroll_code())
    assert res.returncode == 0, res.stderr
    doctor = run(secret_service, "--data-dir", str(data), "doctor")
    assert "[ok  ] keyring" in doctor.stdout and "SecretService" in doctor.stdout
    assert "[ok  ] central" in doctor.stdout
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import keyring,sys; print(keyring.get_password('aisle-pos', 'device-token:' + sys.argv[1]) is not None)",
            str(data.resolve()),
        ],
        capture_output=True,
        text=True,
        env=secret_service,
        timeout=60,
    )
    assert probe.stdout.strip() == "True", probe.stderr
    for f in data.iterdir():
        assert b"device-token" not in f.read_bytes()


def test_no_secret_service_means_a_clear_refusal(central_url: str, enroll_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")}
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path}/no-bus"
    res = run(env, "--data-dir", str(tmp_path / "t"), "enroll", "--central", central_url, "--code", enroll_code())
    assert res.returncode == 2
    assert "No secure keyring" in res.stderr and "Traceback" not in res.stderr


def test_demo_cli_commands_run_as_printed_without_a_secret_service(
    central_url: str, enroll_code, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """`make demo` on a headless machine prints scripts/demo-cli.sh commands; each starts the
    demo's keyring (a private D-Bus with GNOME Keyring, password 'demo') and finds the token."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI") == "true":
            pytest.fail("dbus-run-session and gnome-keyring-daemon are needed (scripts/system-deps.sh)")
        pytest.skip("no dbus-run-session/gnome-keyring-daemon here")
    home = tmp_path / "home"
    (home / ".local" / "share").mkdir(parents=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "POS_APP_DATA_DIR", "DISPLAY")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/no-bus",  # no Secret Service in this shell
        DEMO=str(tmp_path / "demo"),
        BIN=str(Path(sys.executable).parent),
        PYTHONPATH=str(ROOT),
    )

    def demo_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(ROOT / "scripts" / "demo-cli.sh"), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
            cwd=tmp_path,
        )

    plain = run(env, "--data-dir", str(tmp_path / "demo" / "tablet"), "doctor")
    assert "No secure keyring" in plain.stdout  # what the user tripped on
    res = demo_cli("enroll", "--central", central_url, "--code", enroll_code(), "--name", "demo tablet")
    assert res.returncode == 0, res.stdout + res.stderr
    assert demo_cli("sync", "--once").returncode == 0
    stock = demo_cli("stock", "linen shirt")  # as demo.sh prints it
    assert stock.returncode == 0, stock.stderr
    assert "Stock at TKY01" in stock.stdout and "Traceback" not in stock.stderr
    doctor = demo_cli("doctor")
    assert "[ok  ] keyring" in doctor.stdout and "SecretService" in doctor.stdout, doctor.stdout
    assert "[ok  ] central" in doctor.stdout
