"""`python -m tests.bench.pickup_latency [--tablets 50] [--orders 100]`: the pickup queue's
latency (issue 9: "the pickup queue updates within 1 s of central creating the order, p99, 50
tablets connected").

A small seeded central (300 products, 2 stores) runs as shipped (`central serve`, production
keepalive and change watcher) in its own process. One TKY01 tablet is bootstrapped and copied
`--tablets` times, each copy enrolled as its own device (the channel bench's way:
tests/bench/figures.py build_fleet), and all of them run their sync engines with the live poke
stream in five host processes (`tests.bench.tablets`, the channel bench's `Hosts`). Then, as a web
shop would, the bench creates pickup orders through the channel API (`POST /v1/channel/pickups`,
one or two lines each, 50–200 ms apart) and, for each order, polls every tablet's cache.db (every 5 ms) until
its `pickups` table holds the order's row: latency = that moment minus the moment the POST was
sent. Every tablet is at the order's store, so each order must reach all of them. Target: p99 of
all (order, tablet) latencies ≤ 1 s. The machine's load average is printed at start and end: the
figure is only as good as the cores the bench had.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx

from tests.bench.harness import (
    BENCH_DIR,
    Central,
    checkpoint,
    copy_db_files,
    enrol,
    log,
    pct,
    write_identity,
)

TARGET = 1.0  # seconds, p99
# How often the bench looks into the 50 cache.db files: every 5 ms is fine-grained enough for a
# 1 s target, and leaves the two cores to central and the tablets (polling every 0.5 ms, as the
# channel bench does for its 300 ms target, kept most of a core busy in the bench itself).
POLL = 0.005


def load() -> str:
    a, b, c = os.getloadavg()
    return f"{a:.2f} {b:.2f} {c:.2f} ({len(os.sched_getaffinity(0))} CPUs)"


def make_central(run_dir: Path) -> Central:
    from central.db import Database, migrate
    from central.seed import seed

    path = run_dir / "central.db"
    db = Database(f"sqlite:///{path}")
    migrate(db.engine)
    seed(db, products=300, stores=2, seed=7)
    from sqlalchemy import text

    with db.engine.begin() as con:  # a goods receipt before the tablets download: every order can be reserved
        con.execute(text("UPDATE stock SET on_hand = on_hand + 100"))
    db.dispose()
    checkpoint(path)
    return Central.serve(path, run_dir / "central.log")


def build_tablets(central: Central, run_dir: Path, n: int, store: str) -> list[dict[str, Any]]:
    from pos_app.services.app import Device

    db = central.database()
    template = run_dir / "template"
    e = enrol(central, db, store, "bench template")
    write_identity(template, central, e)
    dev = Device(template, token=e.token, pin_key=e.pin_key)
    t0 = time.perf_counter()
    status = dev.engine.sync_once()
    dev.close()
    if not status.online or status.message:
        raise RuntimeError(f"template bootstrap: {status}")
    checkpoint(template / "cache.db", template / "device.db")
    log(f"pickup bench: template tablet bootstrapped in {time.perf_counter() - t0:.1f} s")
    tablets = []
    for i in range(n):
        d = run_dir / "tablets" / f"t{i:02d}"
        copy_db_files(template, d)
        e = enrol(central, db, store, f"bench tablet {i:02d}")
        write_identity(d, central, e)
        tablets.append({"dir": str(d), "token": e.token, "pin_key": e.pin_key, "store_id": e.store_id})
    db.dispose()
    return tablets


class FanOut:
    """One change sent to central, then every tablet's cache.db polled (every POLL s, for at most
    10 s) until `query` finds it: the latencies from the moment the POST was sent, per tablet
    (inf for one that never saw it), the last tablet's per change, and the POST's round trip.
    Shared by the pickup and balance benches."""

    def __init__(self, polls: list[sqlite3.Connection], warmup: int, label: str) -> None:
        self.polls, self.warmup, self.label = polls, warmup, label
        self.lat: list[float] = []
        self.last: list[float] = []
        self.rtt: list[float] = []
        self.failures: list[str] = []
        self.timeouts = 0

    @property
    def given_up(self) -> bool:
        return len(self.failures) >= 3

    def probe(self, i: int, send: Callable[[], httpx.Response], query: str, args_of: Callable[[Any], tuple[Any, ...]]) -> bool:
        """Change number `i` (the first `warmup` are not counted); False when the POST failed."""
        t_send = time.monotonic()
        try:
            r = send()
            r.raise_for_status()
        except httpx.HTTPError as e:
            self.failures.append(f"{type(e).__name__}: {getattr(getattr(e, 'response', None), 'text', '')[:120]}")
            log(f"{self.label}: POST failed: {self.failures[-1]}")
            return False
        t_ack = time.monotonic()
        args = args_of(r.json())
        seen: dict[int, float] = {}
        until = t_send + 10.0
        while len(seen) < len(self.polls) and time.monotonic() < until:
            for k, con in enumerate(self.polls):
                if k not in seen and con.execute(query, args).fetchone():
                    seen[k] = time.monotonic()
            if len(seen) < len(self.polls):
                time.sleep(POLL)
        if i < self.warmup:
            return True
        self.rtt.append(t_ack - t_send)
        got = [t - t_send for t in seen.values()] + [math.inf] * (len(self.polls) - len(seen))
        self.timeouts += len(self.polls) - len(seen)
        self.lat += got
        self.last.append(max(got))
        return True

    def result(self, tablets: int, counted: str) -> dict[str, Any]:
        """The figures, `counted` naming what was sent ("orders", "changes")."""
        lat, last, rtt = self.lat, self.last, self.rtt
        finite = [x for x in lat if math.isfinite(x)]

        def ms(values: list[float], p: float) -> float | None:
            return round(pct(values, p) * 1000, 1) if values else None

        return {
            "tablets": tablets,
            counted: len(last),
            "samples": len(lat),
            "timeouts_10s": self.timeouts,
            "p50_ms": ms(lat, 50),
            "p90_ms": ms(lat, 90),
            "p99_ms": ms(lat, 99),
            "max_ms": round(max(lat) * 1000, 1) if lat else None,
            "mean_ms": round(statistics.fmean(finite) * 1000, 1) if finite else None,
            "last_tablet_p99_ms": ms(last, 99),
            "post_p50_ms": ms(rtt, 50),
            "post_p99_ms": ms(rtt, 99),
            "post_failures": self.failures,
        }


def skus(central: Central, store: str) -> list[str]:
    from sqlalchemy import select

    from central.models import Location, Stock, Variant

    db = central.database()
    with db.session() as s:
        loc = s.scalar(select(Location.id).where(Location.code == store))
        q = (
            select(Variant.sku)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.location_id == loc, Stock.on_hand - Stock.reserved >= 5, Variant.active == 1)
            .order_by(Variant.id)
        )
        out = list(s.scalars(q))
    db.dispose()
    return out


def channel_token(central: Central) -> str:
    from central.models import ChannelClient
    from central.security import digest, new_token

    token = new_token()
    db = central.database()
    with db.transaction() as s:
        s.add(ChannelClient(name=f"bench-shop-{token[:6]}", token_hash=digest(token)))
    db.dispose()
    return token


def main() -> int:
    from tests.bench.figures import Hosts

    ap = argparse.ArgumentParser()
    ap.add_argument("--tablets", type=int, default=50)
    ap.add_argument("--orders", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=5)
    # Five host processes of ten engines: a real tablet has its own interpreter and CPU; 25 engines
    # sharing one interpreter's GIL (the channel bench's 2 hosts) queue behind each other, which is
    # the bench's cost, not the tablets' (measured: p99 1.2-1.5 s with 2 hosts, 0.78 s with 5).
    ap.add_argument("--procs", type=int, default=5, help="host processes for the tablets' engines")
    ap.add_argument("--store", default="TKY01")
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()
    at_start = load()
    log(f"pickup bench: load average at start {at_start}")
    BENCH_DIR.mkdir(exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="pickup-bench-", dir=BENCH_DIR))
    central = make_central(run_dir)
    hosts = None
    try:
        tablets = build_tablets(central, run_dir, args.tablets, args.store)
        log(f"pickup bench: {len(tablets)} tablets copied and enrolled")
        hosts = Hosts(SimpleNamespace(run_dir=run_dir), SimpleNamespace(tablets=tablets), args.procs, "pickup")  # type: ignore[arg-type]
        ready, startup = hosts.wait_ready(stall=120, limit=900)
        log(f"pickup bench: fleet {'ready' if ready else 'NOT ready'} after {startup:.1f} s")
        token = channel_token(central)
        rnd = random.Random(args.seed)
        pool = skus(central, args.store)
        polls = [sqlite3.connect(t["dir"] + "/cache.db", check_same_thread=False) for t in tablets]
        http = httpx.Client(base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        fan = FanOut(polls, args.warmup, "pickup bench")
        for i in range(args.warmup + args.orders):
            lines = [{"sku": pool[(i * 2) % len(pool)], "qty": 1}]
            if rnd.random() < 0.5:
                lines.append({"sku": pool[(i * 2 + 1) % len(pool)], "qty": 2})
            body = {
                "reference": f"bench-{token[:6]}-{i}",
                "store": args.store,
                "customer": {"name": "Hanako Yamada", "email": "hanako@example.com", "language": "ja"},
                "lines": lines,
                "payment": "paid" if i % 2 else "pay_on_pickup",
            }
            sent = fan.probe(
                i,
                lambda body=body: http.post("/v1/channel/pickups", json=body),  # type: ignore[misc]
                "SELECT 1 FROM pickups WHERE number=?",
                lambda answer: (answer["number"],),
            )
            if not sent:
                if fan.given_up:
                    break
                continue
            time.sleep(rnd.uniform(0.05, 0.2))
        http.close()
        for c in polls:
            c.close()
    finally:
        if hosts is not None:
            hosts.stop()
        central.stop()
    at_end = load()
    result = {**fan.result(args.tablets, "orders"), "load_start": at_start, "load_end": at_end}
    (BENCH_DIR / "results-pickup-latency.json").write_text(json.dumps(result, indent=1))
    p99 = result["p99_ms"]
    verdict = "pass" if p99 is not None and p99 <= TARGET * 1000 else "FAIL"
    print(json.dumps(result, indent=1))
    print(
        f"pickup order -> row in every tablet's store, {args.tablets} tablets live: p99 {p99} ms "
        f"(target <= {TARGET * 1000:.0f} ms): {verdict}; load average {at_start} at start, {at_end} at end"
    )
    shutil.rmtree(run_dir, ignore_errors=True)
    return 0 if verdict == "pass" else 1


if __name__ == "__main__":
    raise SystemExit(main())
