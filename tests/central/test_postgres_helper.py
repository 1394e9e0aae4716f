"""tests/support/postgres.py itself: without PostgreSQL the database tests skip on a workstation
but fail under CI=true, so a CI image that lost PostgreSQL cannot pass by skipping them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.support.postgres import PostgresCluster

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import tests.support.postgres as pg
from tests.support.postgres import postgres_server, postgres_url

pg.SEARCH_DIRS = ()  # and no PostgreSQL on the PATH either: this machine has none


def test_needs_postgres(postgres_url):
    pass
"""


def run_without_postgres(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # a bare session: no Qt, no plugins, quick
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(probe)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_postgres_skips_on_a_workstation(tmp_path: Path) -> None:
    done = run_without_postgres(tmp_path, ci=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout and "PostgreSQL 15 binaries (initdb, pg_ctl) are not installed" in done.stdout


def test_missing_postgres_fails_under_ci(tmp_path: Path) -> None:
    done = run_without_postgres(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 error" in done.stdout and "skipped" not in done.stdout
    assert "CI=true and PostgreSQL is unavailable" in done.stdout


@pytest.mark.postgres
def test_the_cluster_is_postgresql_15_on_loopback_with_fsync_off(postgres_server: PostgresCluster) -> None:
    assert postgres_server.url == f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/postgres"
    with psycopg.connect(host="127.0.0.1", port=postgres_server.port, user="postgres", dbname="postgres") as con:
        settings = dict(
            con.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('server_version_num', 'listen_addresses', 'fsync', 'unix_socket_directories')"
            ).fetchall()
        )
    assert settings["server_version_num"].startswith("15")
    assert settings["listen_addresses"] == "127.0.0.1" and settings["fsync"] == "off"
    assert Path(settings["unix_socket_directories"]).is_relative_to(postgres_server.root)
