"""Plumbing of the benchmark: the seeded central cache, central in a subprocess, enrolment of
throwaway tablets, copies of SQLite files, percentiles and logging."""

from __future__ import annotations

import json
import math
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
STORES = 4  # the seed's default: TKY01, BER01, TKY02, BER02 and a warehouse per country
_T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def pct(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of `values`; nan when empty."""
    if not values:
        return math.nan
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def checkpoint(*paths: Path) -> None:
    """Fold the WAL into the main file so that a plain file copy is a complete database."""
    for p in paths:
        if p.exists():
            con = sqlite3.connect(p)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()


def copy_db_files(src_dir: Path, dst_dir: Path, names: Iterable[str] = ("cache.db", "device.db")) -> None:
    dst_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        for suffix in ("", "-wal", "-shm"):
            src = src_dir / (name + suffix)
            if src.exists():
                shutil.copyfile(src, dst_dir / (name + suffix))


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- the seeded central ---------------------------------------------------------------------


def _schema_heads() -> str:
    """Central's migration heads: a cached seed made under other heads is stale."""
    from alembic.script import ScriptDirectory

    from central.db import MIGRATIONS

    return ",".join(sorted(ScriptDirectory(str(MIGRATIONS)).get_heads()))


def seeded_central(variants: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The pristine seeded central for (variants, seed), made once and reused."""
    from central.db import Database, migrate
    from central.seed import seed as run_seed

    BENCH_DIR.mkdir(exist_ok=True)
    path = BENCH_DIR / f"central-{variants}-s{seed}.db"
    marker = path.with_suffix(".json")
    schema = _schema_heads()
    if path.exists() and marker.exists():
        info = json.loads(marker.read_text())
        if info.get("schema") == schema:
            log(f"reusing seeded central {path.name} ({info['variants']:,} variants)")
            return path, info
        # seeded by older code (another schema, e.g. before promotions were a stream): seed again
        log(f"cached {path.name} has schema {info.get('schema', 'unrecorded')}, not {schema}: seeding again")
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    log(f"seeding central with {variants:,} variants (seed {seed}, {STORES} stores)…")
    started = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    migrate(db.engine)
    summary = run_seed(db, products=variants, stores=STORES, seed=seed, progress=lambda m: log(f"  seed: {m}"))
    db.dispose()
    checkpoint(path)
    info = {
        "variants": summary.variants,
        "styles": summary.styles,
        "barcodes": summary.barcodes,
        "prices": summary.prices,
        "stock_rows": summary.stock_rows,
        "seed_seconds": round(time.perf_counter() - started, 1),
        "bytes": path.stat().st_size,
        "schema": schema,
    }
    marker.write_text(json.dumps(info, indent=1))
    log(f"seeded in {info['seed_seconds']} s: {info}")
    return path, info


@dataclass
class Central:
    """`central serve` in a subprocess on a loopback port, over a work copy of the seeded DB."""

    db_path: Path
    port: int
    proc: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"

    pool: int | None = None

    @classmethod
    def start(cls, pristine: Path, run_dir: Path) -> Central:
        work = run_dir / "central.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
        shutil.copyfile(pristine, work)
        return cls.serve(work, run_dir / "central.log")

    @classmethod
    def serve(cls, work: Path, log_path: Path, pool: int | None = None, port: int | None = None) -> Central:
        """`central serve` as shipped, or (pool) through tests.bench.serve with a larger pool."""
        import httpx

        port = port or free_port()
        # Production defaults for keepalive (15 s) and the change watcher (1 s).
        if pool is None:
            cmd = [sys.executable, "-m", "central.cli", "--db", f"sqlite:///{work}", "serve", "--port", str(port)]
        else:
            cmd = [sys.executable, "-m", "tests.bench.serve", "--pool", str(pool)]
            cmd += ["--db", f"sqlite:///{work}", "--port", str(port)]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log_path.open("ab"), stderr=subprocess.STDOUT)
        central = cls(work, port, proc, log_path, pool)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(central.url + "/health", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"central did not start; see {log_path}")
            time.sleep(0.1)
        what = "as shipped" if pool is None else f"pool {pool} + {pool} overflow"
        log(f"central ({what}) serving {work.name} at {central.url} (pid {proc.pid})")
        return central

    def restart(self, pool: int | None) -> Central:
        self.stop()
        return Central.serve(self.db_path, self.log_path, pool, self.port)  # same URL for enrolled tablets

    def database(self) -> Any:
        from central.db import Database

        return Database(self.db_url)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# --- tablets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    token: str
    store_id: int
    store_code: str
    store_name: str
    pin_key: str = ""


def enrol(central: Central, db: Any, store_code: str, name: str) -> Enrolment:
    """A one-time code issued on central's DB, redeemed over HTTP like a tablet does."""
    from central.cli import issue_enroll_code
    from sync.client import CentralClient

    code = issue_enroll_code(db, store_code, 60)
    with CentralClient(central.url) as c:
        r = c.enroll(code, name)
    return Enrolment(r.device_id, r.token, r.store_id, r.store_code, r.store_name, r.pin_key)


def write_identity(data_dir: Path, central: Central, e: Enrolment) -> None:
    """Give a (possibly copied) data directory this enrolment's identity."""
    from pos_app.local.store import LocalStore

    store = LocalStore(data_dir)
    try:
        store.set_meta(
            {
                "device_id": e.device_id,
                "store_id": str(e.store_id),
                "store_code": e.store_code,
                "store_name": e.store_name,
                "central_url": central.url,
            }
        )
    finally:
        store.close()


def store_codes(db: Any) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from central.models import Location

    with db.session() as s:
        return [(i, c) for i, c in s.execute(select(Location.id, Location.code).where(Location.kind == "store"))]


def rss_mb_of(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def env_for_children() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


# --- interference: CPU used on this machine by processes outside the benchmark ---------------


def _busy_jiffies() -> int:
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    values = [int(x) for x in fields]
    return sum(values) - values[3] - values[4]  # minus idle and iowait


def _tree_jiffies(root: int) -> int:
    """CPU of `root` and its live descendants, plus what its reaped children used."""
    stats: dict[int, list[str]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                raw = (d / "stat").read_text()
            except OSError:
                continue
            stats[int(d.name)] = raw[raw.rindex(")") + 2 :].split()
    children: dict[int, list[int]] = {}
    for pid, f in stats.items():
        children.setdefault(int(f[1]), []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        f = stats.get(pid)
        if f is None:
            continue
        total += sum(int(x) for x in f[11:15])  # utime stime cutime cstime
        todo += children.get(pid, [])
    return total


class Interference:
    """How much CPU other processes (a test suite, a build) took while a figure ran."""

    def __init__(self) -> None:
        self.busy0 = _busy_jiffies()
        self.ours0 = _tree_jiffies(os.getpid())
        self.t0 = time.monotonic()

    def result(self) -> dict[str, float]:
        hz = os.sysconf("SC_CLK_TCK")
        wall = time.monotonic() - self.t0
        foreign = max(0, (_busy_jiffies() - self.busy0) - (_tree_jiffies(os.getpid()) - self.ours0)) / hz
        cpus = len(os.sched_getaffinity(0))
        return {
            "wall_seconds": round(wall, 1),
            "foreign_cpu_seconds": round(foreign, 1),
            "foreign_share_of_machine": round(foreign / max(1e-9, wall * cpus), 3),
            "loadavg_1min_at_end": os.getloadavg()[0],
        }
