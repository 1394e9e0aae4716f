"""Central ingesting sales (issue 7's last two figures), through the product's code paths:

- `ingest`: N sales (default 10,000) made on a tablet while central is down, then central is
  started (`central serve` as shipped, SQLite) and the tablet's sync engine runs its cycles until
  its outbox is empty. Timed from central answering to the last op acknowledged. Then checked:
  exactly N new orders, no duplicate receipt number, and central's order ids follow the tablet's
  receipt counter (order kept).
- `ingest-pg`: 20 tablets (in a few host processes, each tablet its own engine on its own thread)
  push their offline sales at once to `central serve` on a throwaway PostgreSQL cluster
  (tests/support/postgres.py). Sustained rate: orders central received between the first and
  the last 5 % of them (by `received_at`), per second; also the plain total / wall time.

Baskets vary (1-4 lines of the store's stocked variants, quantities 1-3, seeded), so central's
re-pricing does the work real sales give it.

    python -m tests.bench --only ingest,ingest-pg
    python -m tests.bench.ingest [--sales N] [--pg-tablets 20 --pg-sales 500] [--only ingest,ingest-pg]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench.harness import (
    ROOT,
    Central,
    Enrolment,
    _busy_jiffies,
    _tree_jiffies,
    copy_db_files,
    enrol,
    env_for_children,
    free_port,
    log,
)

REPLAY_TARGET_S = 30.0
PG_TARGET_RATE = 500.0


@dataclass
class Result:
    figure: str
    measured: float
    unit: str
    target: float
    higher_is_better: bool
    note: str

    @property
    def passed(self) -> bool:
        return self.measured >= self.target if self.higher_is_better else self.measured <= self.target


# --- making sales offline ----------------------------------------------------------------------


def make_sales(data_dir: Path, token: str, pin_key: str, n: int, seed: int) -> None:
    """`n` cash sales completed on the tablet in `data_dir` (its engine never runs here)."""
    from pos_app.services.app import Device
    from pos_app.services.checkout import CheckoutService, Tender, TenderType
    from tests.support.tablet import associate

    device = Device(data_dir, token=token, pin_key=pin_key)
    try:
        co = CheckoutService(device.store, device.identity)
        session = associate(device)
        stocked = [
            int(r[0])
            for r in device.store.query(
                "SELECT variant_id FROM stock WHERE location_id=? AND on_hand > 0 ORDER BY variant_id LIMIT 300",
                (device.identity.store_id,),
            )
        ]
        rnd = random.Random(seed)
        for _ in range(n):
            lines = rnd.randint(1, 4)
            items = [(vid, rnd.randint(1, 3)) for vid in rnd.sample(stocked, lines)]
            co.complete(session, co.basket(co.open_basket(), items), [Tender(TenderType.CASH, 10**9)])
    finally:
        device.close()


def _serve(db_url: str, log_path: Path, port: int, workers: int = 1) -> Central:
    """`central serve` as shipped on `db_url` (SQLite or PostgreSQL), in `workers` processes
    (AISLE_SERVE_WORKERS, central.server)."""
    import httpx

    cmd = [sys.executable, "-m", "central.cli", "--db", db_url, "serve", "--port", str(port)]
    env = {**os.environ, "AISLE_SERVE_WORKERS": str(workers)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_path.open("ab"), stderr=subprocess.STDOUT)
    central = Central(Path(db_url.removeprefix("sqlite:///")), port, proc, log_path)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(central.url + "/health", timeout=1.0).status_code == 200:
                return central
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"central did not start; see {log_path}")
        time.sleep(0.1)


def _seeded(db_url: str, stores: int) -> Any:
    from central.db import Database, migrate
    from central.seed import seed

    db = Database(db_url)
    migrate(db.engine)
    seed(db, products=500, stores=stores, seed=7)
    return db


def _bootstrapped(central: Central, db: Any, store_code: str, data_dir: Path) -> Enrolment:
    """An enrolled tablet of `store_code` in `data_dir`, through its first sync cycle."""
    from pos_app.services.app import Device
    from tests.bench.harness import write_identity

    e = enrol(central, db, store_code, data_dir.name)
    data_dir.mkdir(parents=True)
    write_identity(data_dir, central, e)
    device = Device(data_dir, token=e.token, pin_key=e.pin_key)
    try:
        status = device.engine.sync_once()
        assert status.online and not status.message, status
    finally:
        device.close()
    return e


def _check_once(db: Any, device_ids: list[str], expected: dict[str, list[str]]) -> tuple[int, str]:
    """(new orders, "" or what is wrong): exactly once, no duplicate receipt, device order kept."""
    from sqlalchemy import select

    from central.models import Order

    with db.session() as s:
        rows = s.execute(
            select(Order.device_id, Order.receipt_no).where(Order.device_id.in_(device_ids)).order_by(Order.id)
        ).all()
    receipts = [r for _, r in rows]
    if len(set(receipts)) != len(receipts):
        return len(rows), f"{len(receipts) - len(set(receipts))} duplicate receipt numbers"
    for device_id in device_ids:
        got = [r for d, r in rows if d == device_id]
        if got != expected[device_id]:
            return len(rows), f"device {device_id}: {len(got)} orders, not in the tablet's receipt order"
    return len(rows), ""


def _tablet_receipts(data_dir: Path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(data_dir / "device.db")
    try:
        return [r[0] for r in con.execute("SELECT receipt_no FROM sales ORDER BY receipt_counter")]
    finally:
        con.close()


# --- figure: 10,000 offline sales replayed (SQLite central) -----------------------------------


def bench_replay(work: Path, sales: int = 10_000) -> tuple[Result, dict[str, Any]]:
    from pos_app.services.app import Device

    db_path = work / "central.db"
    db = _seeded(f"sqlite:///{db_path}", stores=2)
    port = free_port()
    central = _serve(f"sqlite:///{db_path}", work / "central.log", port)
    try:
        e = _bootstrapped(central, db, "TKY01", work / "tablet")
    finally:
        central.stop()  # the network is gone for the day
    log(f"ingest: central stopped; making {sales:,} sales offline…")
    t0 = time.perf_counter()
    make_sales(work / "tablet", e.token, e.pin_key, sales, seed=1)
    log(f"ingest: {sales:,} sales made in {time.perf_counter() - t0:.1f} s; starting central")
    central = _serve(f"sqlite:///{db_path}", work / "central.log", port)
    device = Device(work / "tablet", token=e.token, pin_key=e.pin_key)
    cpu0 = (_tree_jiffies(central.proc.pid), _tree_jiffies(os.getpid()) - _tree_jiffies(central.proc.pid))
    spy = _profiler(central.proc.pid)
    try:
        t0 = time.perf_counter()
        cycles = 0
        while True:
            status = device.engine.sync_once()
            cycles += 1
            if status.message or not status.online:
                raise RuntimeError(f"sync cycle failed: {status.message}")
            if status.pending_ops == 0:
                break
        took = time.perf_counter() - t0
        hz = os.sysconf("SC_CLK_TCK")
        central_cpu = (_tree_jiffies(central.proc.pid) - cpu0[0]) / hz
        tablet_cpu = (_tree_jiffies(os.getpid()) - _tree_jiffies(central.proc.pid) - cpu0[1]) / hz
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(60)
        counts = device.store.outbox_counts()
    finally:
        device.close()
        central.stop()
    n, wrong = _check_once(db, [e.device_id], {e.device_id: _tablet_receipts(work / "tablet")})
    db.dispose()
    if n != sales or wrong or counts.dead or counts.stuck:
        raise AssertionError(f"not exactly once: {n} orders of {sales}; {wrong}; outbox {counts}")
    note = (
        f"{sales / took:.0f} sales/s; {cycles} sync cycles; {n:,} orders, no duplicate receipt, "
        "in the tablet's order; central = `central serve` (SQLite) in its own process; CPU ms per "
        f"sale: central {1000 * central_cpu / sales:.2f}, tablet {1000 * tablet_cpu / sales:.2f}"
    )
    res = Result(f"{sales:,} offline sales replayed to central, exactly once", took, "s", REPLAY_TARGET_S, False, note)
    return res, {"seconds": round(took, 2), "sales_per_s": round(sales / took, 1), "cycles": cycles}


# --- figure: 20 tablets on PostgreSQL -----------------------------------------------------------


def host(spec_path: str) -> int:
    """A host process of the PostgreSQL figure's tablets: on "go" each tablet pushes its whole
    outbox (the engine's push_now, on its own thread); prints one JSON line when all are done."""
    logging.basicConfig(level=logging.WARNING)
    from pos_app.services.app import Device

    spec = json.loads(Path(spec_path).read_text())
    devices = [Device(Path(t["dir"]), token=t["token"], pin_key=t["pin_key"]) for t in spec]
    for d in devices:
        d.store.journal_flush()  # the journal's batches travel with the sales, as in a sync cycle
    print(json.dumps({"ready": len(devices)}), flush=True)
    if sys.stdin.readline().strip() != "go":
        return 1
    errors: list[str] = []

    def push(d: Device) -> None:
        for _ in range(1000):
            status = d.engine.push_now()
            if status.message:
                errors.append(status.message)
                time.sleep(0.2)
            if status.pending_ops == 0:
                return
        errors.append("gave up")

    threads = [threading.Thread(target=push, args=(d,)) for d in devices]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    left = sum(d.store.outbox_counts().pending for d in devices)
    for d in devices:
        d.close()
    print(json.dumps({"seconds": took, "pending": left, "errors": sorted(set(errors))[:5]}), flush=True)
    return 0


def _profiler(pid: int) -> subprocess.Popen[bytes] | None:
    """py-spy on central during the push when AISLE_INGEST_PYSPY names the output (raw
    collapsed stacks, idle threads left out): what the lock holder spends its time on."""
    out = os.environ.get("AISLE_INGEST_PYSPY")
    if not out:
        return None
    spy = Path(sys.executable).parent / "py-spy"
    cmd = [str(spy), "record", "--pid", str(pid), "--rate", "200", "--format", "raw", "-o", out]
    cmd += ["--gil", "--nonblocking"]  # Python on the CPU only; never pauses central
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def bench_pg(
    work: Path, tablets: int = 20, sales: int = 500, procs: int = 2, workers: int = 2
) -> tuple[Result, dict[str, Any]]:
    from sqlalchemy import select

    from central.models import Order
    from tests.bench.harness import write_identity
    from tests.support.postgres import postgres_cluster

    with postgres_cluster() as cluster:
        url = cluster.create_database("aisle_ingest")
        db = _seeded(url, stores=2)
        central = _serve(url, work / "central.log", free_port(), workers)
        hosts: list[subprocess.Popen[str]] = []
        try:
            stores = ["TKY01", "BER01"]
            base: dict[str, Enrolment] = {}
            for code in stores:
                base[code] = _bootstrapped(central, db, code, work / f"base-{code}")
            fleet: list[tuple[Path, Enrolment]] = []
            for i in range(tablets):
                code = stores[i % len(stores)]
                d = work / f"tablet-{i:02d}"
                copy_db_files(work / f"base-{code}", d)
                e = enrol(central, db, code, d.name)
                write_identity(d, central, e)
                fleet.append((d, e))
            log(f"ingest-pg: {tablets} tablets enrolled; making {sales:,} sales on each…")
            t0 = time.perf_counter()
            for i, (d, e) in enumerate(fleet):
                make_sales(d, e.token, e.pin_key, sales, seed=100 + i)
            log(f"ingest-pg: {tablets * sales:,} sales made in {time.perf_counter() - t0:.1f} s; pushing")
            env = env_for_children()
            for p in range(procs):
                share = [{"dir": str(d), "token": e.token, "pin_key": e.pin_key} for d, e in fleet[p::procs]]
                spec = work / f"host-{p}.json"
                spec.write_text(json.dumps(share))
                cmd = [sys.executable, "-m", "tests.bench.ingest", "--host", str(spec)]
                hosts.append(
                    subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                )
            for h in hosts:
                assert h.stdout is not None
                json.loads(h.stdout.readline())
            postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
            parts = {"central": [central.proc.pid], "tablets": [h.pid for h in hosts], "postgres": [postmaster]}
            cpu0 = {k: sum(_tree_jiffies(p) for p in pids) for k, pids in parts.items()}
            busy0 = _busy_jiffies()
            spy = _profiler(central.proc.pid)
            t0 = time.perf_counter()
            for h in hosts:
                assert h.stdin is not None
                h.stdin.write("go\n")
                h.stdin.flush()
            answers = []
            for h in hosts:
                assert h.stdout is not None
                answers.append(json.loads(h.stdout.readline()))
            wall = time.perf_counter() - t0
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(60)
            hz = os.sysconf("SC_CLK_TCK")
            cpu = {k: (sum(_tree_jiffies(p) for p in pids) - cpu0[k]) / hz for k, pids in parts.items()}
            cpu["machine"] = (_busy_jiffies() - busy0) / hz
            cpu["others"] = max(0.0, cpu["machine"] - cpu["central"] - cpu["tablets"] - cpu["postgres"])
            for h in hosts:
                h.wait(30)
        finally:
            for h in hosts:
                if h.poll() is None:
                    h.kill()
            central.stop()
        ids = [e.device_id for _, e in fleet]
        n, wrong = _check_once(db, ids, {e.device_id: _tablet_receipts(d) for d, e in fleet})
        with db.session() as s:
            stamps = sorted(s.scalars(select(Order.received_at).where(Order.device_id.in_(ids))))
        db.dispose()
    total = tablets * sales
    if n != total or wrong or any(a["pending"] for a in answers):
        raise AssertionError(f"not exactly once: {n} orders of {total}; {wrong}; hosts said {answers}")
    cut = len(stamps) // 20
    span = (stamps[-1 - cut] - stamps[cut]).total_seconds()
    sustained = (len(stamps) - 2 * cut - 1) / span
    note = (
        f"{total:,} sales from {tablets} tablets in {procs} processes, all pushing at once, to "
        f"`central serve` in {workers} processes (AISLE_SERVE_WORKERS); "
        f"{total / wall:.0f} sales/s over the whole {wall:.1f} s; rate = central's received_at, "
        f"first and last 5 % left out; exactly once, device order kept; PostgreSQL 15 (fsync off); "
        f"CPU ms per sale (push phase): "
        + ", ".join(f"{k} {1000 * v / total:.2f}" for k, v in cpu.items())
        + f" (wall {1000 * wall / total:.2f} ms per sale, {len(os.sched_getaffinity(0))} cores)"
    )
    res = Result(
        f"central ingesting from {tablets} tablets on PostgreSQL, sustained",
        sustained,
        "sales/s",
        PG_TARGET_RATE,
        True,
        note,
    )
    cpu_ms = {k: round(1000 * v / total, 3) for k, v in cpu.items()}
    return res, {"sustained": round(sustained, 1), "wall": round(wall, 2), "hosts": answers, "cpu_ms_per_sale": cpu_ms}


# --- running -------------------------------------------------------------------------------------


def run(
    only: list[str], sales: int, pg_tablets: int, pg_sales: int, procs: int, workers: int = 2
) -> list[tuple[Result, dict[str, Any]]]:
    import keyring

    from tests.support.keyring_backend import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    out = []
    for name in only:
        work = Path(tempfile.mkdtemp(prefix=f"aisle-{name}-"))
        try:
            if name == "ingest":
                out.append(bench_replay(work, sales))
            elif name == "ingest-pg":
                out.append(bench_pg(work, pg_tablets, pg_sales, procs, workers))
            else:
                raise ValueError(f"unknown figure {name}")
        finally:
            if os.environ.get("AISLE_INGEST_KEEP"):
                log(f"{name}: work directory kept: {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
    return out


def table(results: list[Result]) -> str:
    head = ["figure", "measured", "target", "pass/fail"]
    body = [
        [
            r.figure,
            f"{r.measured:.2f} {r.unit}" if r.unit == "s" else f"{r.measured:.0f} {r.unit}",
            (f"≥ {r.target:.0f} {r.unit}" if r.higher_is_better else f"≤ {r.target:.0f} {r.unit}"),
            "PASS" if r.passed else "FAIL",
        ]
        for r in results
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    lines.append("+".join("-" * (w + 2) for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    lines += [f"  {r.figure}: {r.note}" for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.bench.ingest", description=__doc__)
    p.add_argument("--only", default="ingest,ingest-pg")
    p.add_argument("--sales", type=int, default=10_000, help="offline sales replayed (ingest)")
    p.add_argument("--pg-tablets", type=int, default=20)
    p.add_argument("--pg-sales", type=int, default=500, help="offline sales per tablet (ingest-pg)")
    p.add_argument("--procs", type=int, default=2, help="processes hosting the PostgreSQL figure's tablets")
    p.add_argument("--workers", type=int, default=2, help="central's processes (ingest-pg)")
    p.add_argument("--host", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.host:
        return host(args.host)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    only = [x.strip() for x in args.only.split(",") if x.strip()]
    load = os.getloadavg()
    results = run(only, args.sales, args.pg_tablets, args.pg_sales, args.procs, args.workers)
    print()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: {os.getloadavg()[0]:.2f}")
    print(table([r for r, _ in results]))
    for _, extra in results:
        print(json.dumps(extra))
    return 0 if all(r.passed for r, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
