"""Central as N replicas (`central serve` processes) on one PostgreSQL, behind a real HAProxy.

`Replicas.start(url, n)` runs n `central serve` processes on free loopback ports; each can be
SIGKILLed (`kill`) and started again (`start`). `HAProxy` runs Debian's haproxy in the
foreground with a generated configuration: round robin (or least connections) over the
replicas, health checks of `GET /health` every 300 ms (a replica is out after two failures, in
again after one success), `option redispatch` so a connection refused goes to another replica,
`option http-no-delay` so a poke is not held back in the kernel for more data,
timeouts long enough for the event streams, and a stats page (`states()`) the tests read to wait
until HAProxy sees a replica up or down.

No haproxy on the machine: the `haproxy_binary` fixture skips with the reason (fails when CI is
"true", like tests/support/postgres.py); scripts/system-deps.sh should install it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.support.servers import free_port

HAPROXY_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/bin")


def find_haproxy() -> str | None:
    for folder in HAPROXY_DIRS:
        candidate = Path(folder) / "haproxy"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("haproxy")


@pytest.fixture(scope="session")
def haproxy_binary() -> str:
    found = find_haproxy()
    if found is None:
        why = "HAProxy is not installed (apt-get install haproxy; scripts/system-deps.sh should install it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {why}: the replica tests cannot run", pytrace=False)
        pytest.skip(why)
    return found


def wait_healthy(url: str, proc: subprocess.Popen[bytes] | None = None, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            if httpx.get(url + "/health", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"central serve exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy in {limit:.0f} s")
        time.sleep(0.1)


@dataclass
class Replica:
    name: str
    port: int
    database_url: str
    env: dict[str, str]
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, wait: bool = True) -> None:
        with self.log_path.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "central.cli", "serve", "--db", self.database_url, "--port", str(self.port)],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if wait:
            wait_healthy(self.url, self.proc)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: no shutdown, no commit of what was in flight."""
        if self.alive():
            assert self.proc is not None
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.alive():
            assert self.proc is not None
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self, tail: int | None = 4000) -> str:
        """The replica's output: its last `tail` characters (for a failure message), or all of it."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return text if tail is None else text[-tail:]


@dataclass
class Replicas:
    items: list[Replica] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        database_url: str,
        n: int,
        root: Path,
        *,
        watch: float = 1.0,
        keepalive: float = 1.0,
        extra: dict[str, str] | None = None,
    ) -> Replicas:
        env = {
            **os.environ,
            "AISLE_CHANGE_WATCH_SECONDS": str(watch),
            "AISLE_KEEPALIVE_SECONDS": str(keepalive),
            **(extra or {}),
        }
        env.pop("AISLE_SERVE_WORKERS", None)
        out = cls([Replica(f"r{i}", free_port(), database_url, env, root / f"replica-{i}.log") for i in range(n)])
        try:
            for r in out.items:
                r.start(wait=False)
            for r in out.items:
                assert r.proc is not None
                wait_healthy(r.url, r.proc)
        except BaseException:
            out.stop()
            raise
        return out

    def __getitem__(self, i: int) -> Replica:
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)

    def stop(self) -> None:
        for r in self.items:
            r.stop()


CONFIG = """\
global
    maxconn 4000
defaults
    mode http
    timeout connect 1s
    timeout client 120s
    timeout server 120s
    timeout http-request 10s
    timeout queue 5s
    retries 2
    option redispatch
    # Event streams are interactive: without this HAProxy sends with MSG_MORE and the kernel
    # holds each small poke for up to 200 ms waiting for more (measured: p50 229 ms -> see docs/scale.md).
    option http-no-delay
frontend central
    bind 127.0.0.1:{port}
    default_backend replicas
backend replicas
    balance {balance}
    option httpchk GET /health
    http-check expect status 200
    default-server inter 300ms fastinter 200ms downinter 300ms fall 2 rise 1
{servers}
frontend stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats
"""


@dataclass
class HAProxy:
    """Debian's HAProxy in front of the replicas, in the foreground (`-db`)."""

    binary: str
    replicas: Replicas
    root: Path
    balance: str = "roundrobin"
    port: int = 0
    stats_port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HAProxy:
        self.port, self.stats_port = free_port(), free_port()
        servers = "\n".join(f"    server {r.name} 127.0.0.1:{r.port} check" for r in self.replicas.items)
        cfg = self.root / "haproxy.cfg"
        cfg.write_text(CONFIG.format(port=self.port, stats_port=self.stats_port, balance=self.balance, servers=servers))
        check = subprocess.run([self.binary, "-c", "-q", "-f", str(cfg)], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"haproxy refused its configuration: {check.stderr.strip() or check.stdout.strip()}")
        with (self.root / "haproxy.log").open("ab") as out:
            self.proc = subprocess.Popen([self.binary, "-db", "-f", str(cfg)], stdout=out, stderr=subprocess.STDOUT)
        self.wait_states({r.name: "UP" for r in self.replicas.items})
        return self

    def states(self) -> dict[str, str]:
        """Each replica's state as HAProxy's health checks see it (UP, DOWN, ...)."""
        text = httpx.get(f"http://127.0.0.1:{self.stats_port}/stats;csv", timeout=2).text.lstrip("# ")
        rows = csv.DictReader(io.StringIO(text))
        return {
            row["svname"]: row["status"].split()[0]
            for row in rows
            if row["pxname"] == "replicas" and row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def wait_states(self, want: dict[str, str], limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        seen: dict[str, str] = {}
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"haproxy exited with {self.proc.returncode}")
            try:
                seen = self.states()
            except httpx.TransportError:
                seen = {}
            if all(seen.get(k) == v for k, v in want.items()):
                return
            time.sleep(0.1)
        raise RuntimeError(f"haproxy did not see {want} in {limit:.0f} s (it sees {seen})")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def connections(database_url: str) -> dict[str, int]:
    """PostgreSQL connections of central's processes now, by application_name ("aisle-central PID[ listen]")."""
    from central.fanout import conninfo

    with psycopg.connect(conninfo(database_url), autocommit=True) as con:
        rows = con.execute(
            "SELECT application_name, count(*) FROM pg_stat_activity "
            "WHERE application_name LIKE 'aisle-central %%' GROUP BY application_name"
        ).fetchall()
    return {str(name): int(n) for name, n in rows}
