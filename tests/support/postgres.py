"""A throwaway PostgreSQL 15 cluster for the test session: `initdb` + `pg_ctl` into a temp dir.

The cluster listens on 127.0.0.1 on a free port, keeps its unix socket inside its own temp dir,
trusts every local connection (user `postgres`, no password) and runs with fsync off: it lives
for one test session and is thrown away. PostgreSQL refuses to run as root, so as root the
server and its tools run as the `postgres` user (`runuser`, or `su` where that is missing) in a
temp dir chowned to that user.

No PostgreSQL on the machine: the tests that need it are skipped on a workstation, but when the
environment variable CI is "true" the fixture FAILS, so a CI image that lost its PostgreSQL
cannot turn the database half of the suite green by skipping it.

Use `postgres_url` (a session-scoped fixture; import it into a conftest) or the
`postgres_cluster()` context manager; `PostgresCluster.create_database()` makes a database per
test cheaply (optionally a copy of a template database).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.support.servers import free_port

PG_MAJOR = "15"
SEARCH_DIRS = (f"/usr/lib/postgresql/{PG_MAJOR}/bin", "/usr/local/bin")
RUN_AS = "postgres"
# Throwaway: durability is worth nothing here, speed is.
SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c shared_buffers=64MB -c log_min_messages=warning"
)


class PostgresUnavailable(RuntimeError):
    """The binaries (or the user to run them as) are not on this machine."""


def find_binary(name: str) -> str | None:
    """`name` from PostgreSQL 15's bin dir, /usr/local/bin, or the PATH, in that order."""
    for folder in SEARCH_DIRS:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def _runner() -> tuple[str, ...] | None:
    """How to run a command as `postgres` when we are root; () when we are not root."""
    if os.geteuid() != 0:
        return ()
    try:
        pwd.getpwnam(RUN_AS)
    except KeyError:
        raise PostgresUnavailable(f"running as root and there is no `{RUN_AS}` user to run PostgreSQL as") from None
    if shutil.which("runuser"):
        return ("runuser", "-u", RUN_AS, "--")
    if shutil.which("su"):
        return None  # su takes one shell string, see _command
    raise PostgresUnavailable("running as root and neither runuser nor su is available")


def _command(cmd: list[str]) -> list[str]:
    runner = _runner()
    if runner is None:
        return ["su", RUN_AS, "-s", "/bin/sh", "-c", shlex.join(cmd)]
    return [*runner, *cmd]


def _run(cmd: list[str], cwd: Path, what: str) -> None:
    done = subprocess.run(_command(cmd), cwd=cwd, capture_output=True, text=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")


@dataclass
class PostgresCluster:
    root: Path
    port: int
    pg_ctl: str

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the cluster's `postgres` database."""
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """CREATE DATABASE (a file copy of `template` if given); returns its SQLAlchemy URL."""
        sql = f'CREATE DATABASE "{name}"'
        if template:
            # FILE_COPY: with fsync off a file copy beats PG 15's default WAL_LOG for small databases.
            sql += f' TEMPLATE "{template}" STRATEGY FILE_COPY'
        with self.admin() as con:
            con.execute(sql.encode())
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())

    def restart(self) -> None:
        """Stop (fast: every connection is cut) and start again on the same port and options."""
        _run(
            [
                self.pg_ctl,
                "-D",
                str(self.data),
                "-m",
                "fast",
                "-l",
                str(self.root / "log"),
                "-w",
                "-t",
                "60",
                "restart",
            ],
            self.root,
            "pg_ctl restart",
        )

    def log(self) -> str:
        try:
            return (self.root / "log").read_text(errors="replace")[-4000:]
        except OSError:
            return ""


def _start(initdb: str, pg_ctl: str) -> PostgresCluster:
    root = Path(tempfile.mkdtemp(prefix="aisle-pg-"))
    sock = root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        pw = pwd.getpwnam(RUN_AS)
        for path in (root, sock):
            os.chown(path, pw.pw_uid, pw.pw_gid)
    cluster = PostgresCluster(root, 0, pg_ctl)
    try:
        _run(
            [
                initdb,
                "-D",
                str(cluster.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            root,
            "initdb",
        )
        for attempt in range(3):  # the free port can be taken between choosing and binding it
            cluster.port = free_port()
            opts = f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {sock} {SERVER_OPTIONS}"
            try:
                _run(
                    [pg_ctl, "-D", str(cluster.data), "-o", opts, "-l", str(root / "log"), "-w", "-t", "60", "start"],
                    root,
                    "pg_ctl start",
                )
                break
            except RuntimeError as e:
                if attempt == 2:
                    raise RuntimeError(f"{e}\n--- server log ---\n{cluster.log()}") from None
        return cluster
    except BaseException:
        _stop(cluster)
        raise


def _stop(cluster: PostgresCluster) -> None:
    if (cluster.data / "postmaster.pid").exists():
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            _run(
                [cluster.pg_ctl, "-D", str(cluster.data), "-m", "immediate", "-w", "stop"], cluster.root, "pg_ctl stop"
            )
    shutil.rmtree(cluster.root, ignore_errors=True)


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Start a throwaway cluster, yield it, stop it and delete its files.

    Raises PostgresUnavailable when the binaries are missing (see `postgres_url` for the
    skip-or-fail policy) and RuntimeError, with PostgreSQL's own words, when they fail.
    """
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise PostgresUnavailable(
            f"PostgreSQL {PG_MAJOR} binaries (initdb, pg_ctl) are not installed: looked in "
            f"{', '.join(SEARCH_DIRS)} and the PATH (scripts/system-deps.sh installs them)"
        )
    _runner()  # as root without a postgres user: unavailable, before any temp dir is made
    cluster = _start(initdb, pg_ctl)
    try:
        yield cluster
    finally:
        _stop(cluster)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresCluster]:
    """The session's cluster. Missing PostgreSQL: skip, or fail when CI=true."""
    try:
        with postgres_cluster() as cluster:
            yield cluster
    except PostgresUnavailable as e:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and PostgreSQL is unavailable, the postgres tests cannot run: {e}", pytrace=False)
        pytest.skip(f"PostgreSQL is unavailable: {e}")


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresCluster) -> str:
    """SQLAlchemy URL `postgresql+psycopg://postgres@127.0.0.1:PORT/postgres` of the session's cluster."""
    return postgres_server.url
