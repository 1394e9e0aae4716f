"""The figures of the issue's section 6, each through the product's code path, each with the
matching raw sqlite3 figure measured in the same run."""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from sync.protocol import STREAMS, row_hash
from tests.bench.harness import (
    BENCH_DIR,
    ROOT,
    Central,
    Enrolment,
    checkpoint,
    copy_db_files,
    dir_size,
    enrol,
    env_for_children,
    log,
    pct,
    write_identity,
)

BIG_STREAMS = ("catalog", "prices", "stock")
# Bare connections get the same pragmas as the tablet's own (read from a LocalStore connection,
# so that they follow pos_app.local.db): a ratio then measures the layers above SQLite, not a
# differently tuned SQLite.
_APP_PRAGMAS: list[str] = []


def app_pragmas() -> list[str]:
    if not _APP_PRAGMAS:
        import tempfile

        from pos_app.local.store import LocalStore

        with tempfile.TemporaryDirectory() as tmp:
            store = LocalStore(Path(tmp))
            with store.raw() as con:
                for name in ("journal_mode", "synchronous", "cache_size", "temp_store", "mmap_size"):
                    _APP_PRAGMAS.append(f"PRAGMA {name}={con.execute(f'PRAGMA {name}').fetchone()[0]}")
            store.close()
    return _APP_PRAGMAS


@dataclass
class Row:
    figure: str
    measured: float
    unit: str
    target: float
    baseline: float | None
    baseline_what: str
    note: str = ""

    @property
    def passed(self) -> bool:
        return self.measured <= self.target

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0 or math.isinf(self.baseline) or math.isinf(self.measured):
            return None
        return self.measured / self.baseline


@dataclass
class Ctx:
    variants: int
    seed: int
    run_dir: Path
    central: Central
    db: Any  # central.db.Database on the work copy (admin writes, like the CLI does)
    info: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    tablet: Path | None = None
    enrolment: Enrolment | None = None
    raw_db: Path | None = None
    fleet: Fleet | None = None

    @property
    def label(self) -> str:
        return f"{self.variants / 1e6:g}M" if self.variants >= 1_000_000 else f"{self.variants:,}"


def connect_like_app(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, check_same_thread=False, timeout=30)
    for p in app_pragmas():
        con.execute(p)
    return con


class Timers:
    """Wall time spent inside chosen methods of live objects (wrapped per instance)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, obj: Any, name: str, label: str | None = None) -> None:
        fn = getattr(obj, name)
        key = label or name

        def timed(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                self.seconds[key] += time.perf_counter() - t0
                self.calls[key] += 1

        setattr(obj, name, timed)

    def report(self) -> dict[str, dict[str, float]]:
        return {k: {"seconds": round(v, 3), "calls": self.calls[k]} for k, v in self.seconds.items()}


# --- the bootstrapped tablet ---------------------------------------------------------------------


def _epoch_of(db_path: Path) -> str:
    con = sqlite3.connect(db_path)
    try:
        return str(con.execute("SELECT value FROM meta WHERE key='epoch'").fetchone()[0])
    finally:
        con.close()


def _tablet_cache_dir(ctx: Ctx) -> Path:
    return BENCH_DIR / f"tablet-{ctx.variants}-s{ctx.seed}"


def ensure_tablet(ctx: Ctx) -> None:
    """Tablet 0 (TKY01): from this run's bootstrap, else from the cached one of an earlier run."""
    if ctx.tablet is not None:
        return
    cached = _tablet_cache_dir(ctx)
    marker = cached / "bench.json"
    if marker.exists() and json.loads(marker.read_text()).get("epoch") == _epoch_of(ctx.central.db_path):
        data = ctx.run_dir / "tablet0"
        shutil.rmtree(data, ignore_errors=True)
        copy_db_files(cached, data)
        e = enrol(ctx.central, ctx.db, "TKY01", "bench tablet 0")
        write_identity(data, ctx.central, e)
        ctx.tablet, ctx.enrolment = data, e
        log(f"tablet 0 copied from the cached bootstrap in {cached.name}")
    else:
        log("no cached bootstrapped tablet: bootstrapping one (not reported)")
        bench_bootstrap(ctx, report=False)
    if ctx.raw_db is None:
        raw_bootstrap(ctx)


def open_device(ctx: Ctx) -> Any:
    from pos_app.services.app import Device

    assert ctx.tablet is not None and ctx.enrolment is not None
    return Device(ctx.tablet, token=ctx.enrolment.token, pin_key=ctx.enrolment.pin_key)


# --- 1. bootstrap ----------------------------------------------------------------------------------


def bench_bootstrap(ctx: Ctx, report: bool = True) -> None:
    from pos_app.services.app import Device
    from sync.engine import Progress, SyncStatus

    data = ctx.run_dir / "tablet0"
    shutil.rmtree(data, ignore_errors=True)
    e = enrol(ctx.central, ctx.db, "TKY01", "bench tablet 0")
    write_identity(data, ctx.central, e)  # enrolment made the empty databases
    marks: dict[str, list[float]] = {}
    rows_done: dict[str, int] = {}

    def on_event(ev: object) -> None:
        now = time.perf_counter()
        if isinstance(ev, SyncStatus) and ev.message.startswith("Downloading "):
            stream = ev.message.removeprefix("Downloading ").rstrip("…")
            marks.setdefault(stream, [now, now])
        elif isinstance(ev, Progress):
            if ev.stream in marks:
                marks[ev.stream][1] = now
            if ev.done:
                rows_done[ev.stream] = ev.rows

    log(f"bootstrap: {ctx.label} variants into an empty tablet…")
    timers = Timers()
    t0 = time.perf_counter()
    dev = Device(data, token=e.token, pin_key=e.pin_key)
    t_open = time.perf_counter() - t0
    dev.engine.add_listener(on_event)
    timers.wrap(dev.engine, "_parse_batch", "parse + check + hash (engine._parse_batch)")
    timers.wrap(dev.store, "apply_snapshot_rows", "insert batches (LocalStore.apply_snapshot_rows)")
    timers.wrap(dev.store, "finish_bootstrap", "indexes + styles + FTS (LocalStore.finish_bootstrap)")
    timers.wrap(dev.store, "begin_bootstrap", "LocalStore.begin_bootstrap")
    timers.wrap(dev.store, "apply_page", "LocalStore.apply_page")
    timers.wrap(dev.engine, "verify", "checksums (engine.verify)")
    status = dev.engine.sync_once()
    elapsed = time.perf_counter() - t0
    ok = dev.bootstrapped() and status.online and not status.message
    dev.close()
    if not ok:
        raise RuntimeError(f"bootstrap failed: {status}")
    accounted = sum(timers.seconds.values())
    breakdown = timers.report()
    breakdown["rest: HTTP, gunzip, line split, waiting on central"] = {
        "seconds": round(elapsed - t_open - accounted, 3),
        "calls": 0,
    }
    per_stream = {s: {"seconds": round(b - a, 3), "rows": rows_done.get(s, 0)} for s, (a, b) in marks.items()}
    log(f"bootstrap: {elapsed:.1f} s; {per_stream}")

    checkpoint(data / "cache.db", data / "device.db")
    size = dir_size(data)
    ctx.tablet, ctx.enrolment = data, e
    cached = _tablet_cache_dir(ctx)
    shutil.rmtree(cached, ignore_errors=True)
    copy_db_files(data, cached)
    (cached / "bench.json").write_text(json.dumps({"epoch": _epoch_of(ctx.central.db_path)}))

    dl = download_only(ctx)
    raw = raw_bootstrap(ctx)
    ctx.details["bootstrap"] = {
        "seconds": round(elapsed, 2),
        "device_open_seconds": round(t_open, 3),
        "per_stream_wall": per_stream,
        "inside": breakdown,
        "download_only_seconds": dl,
        "raw_executemany_seconds": raw,
        "tablet_bytes": size,
    }
    if report:
        total_rows = sum(rows_done.get(s, 0) for s in BIG_STREAMS)
        ctx.rows.append(
            Row(
                f"bootstrap {ctx.label} variants, empty tablet, end to end",
                elapsed,
                "s",
                20.0,
                raw["total"],
                f"executemany of the same {total_rows:,} catalog/price/stock rows into bare tables",
                f"{total_rows / elapsed:,.0f} rows/s",
            )
        )


def download_only(ctx: Ctx) -> dict[str, float]:
    """Each big snapshot fetched and split into lines, nothing parsed or stored: central's share."""
    from sync.client import CentralClient

    assert ctx.enrolment is not None
    out: dict[str, float] = {}
    with CentralClient(ctx.central.url, ctx.enrolment.token) as c:
        for stream in BIG_STREAMS:
            t0 = time.perf_counter()
            n = 0
            with c.snapshot(stream, None) as lines:
                for _ in lines:
                    n += 1
            out[stream] = round(time.perf_counter() - t0, 3)
            log(f"download only: {stream} {n:,} lines in {out[stream]:.2f} s")
    out["total"] = round(sum(out.values()), 3)
    return out


def _bare_table(stream: str) -> str:
    spec = STREAMS[stream]
    cols = [f"{c} {'INTEGER' if t is int else 'TEXT'}" for c, t in zip(spec.columns, spec.types, strict=True)]
    if len(spec.key) == 1:
        cols = [c + " PRIMARY KEY" if c.split()[0] == spec.key[0] else c for c in cols]
        tail = ""
    else:
        tail = f", PRIMARY KEY ({', '.join(spec.key)})"
    without = " WITHOUT ROWID" if len(spec.key) > 1 else ""
    return f"CREATE TABLE {stream} ({', '.join(cols)}, h INTEGER{tail}){without}"


def raw_bootstrap(ctx: Ctx) -> dict[str, float]:
    """The same rows as the tablet holds, executemany'd into bare tables (one commit per table)."""
    assert ctx.tablet is not None
    raw = ctx.run_dir / "raw.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(raw) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(ctx.tablet / "cache.db")
    dst = connect_like_app(raw)
    out: dict[str, float] = {}
    try:
        for stream in BIG_STREAMS:
            spec = STREAMS[stream]
            cols = [*spec.columns, "h"]
            rows = src.execute(f"SELECT {', '.join(cols)} FROM {stream} ORDER BY {', '.join(spec.key)}").fetchall()
            dst.execute(_bare_table(stream))
            sql = f"INSERT INTO {stream} VALUES ({', '.join('?' * len(cols))})"
            t0 = time.perf_counter()
            dst.executemany(sql, rows)
            dst.commit()
            out[stream] = round(time.perf_counter() - t0, 3)
            log(f"raw sqlite3: {len(rows):,} {stream} rows in {out[stream]:.2f} s")
            del rows
    finally:
        src.close()
        dst.close()
    out["total"] = round(sum(out.values()), 3)
    ctx.raw_db = raw
    return out


# --- 2. incremental pull ---------------------------------------------------------------------------


def make_changes(ctx: Ctx, store_id: int, total: int, rnd: random.Random) -> tuple[int, int, dict[str, int]]:
    """`total` changes this tablet may see, through central's own write functions: 70 % stock
    deltas in its scope, 20 % price changes on its base list, 10 % catalog re-publications."""
    from sqlalchemy import func, select

    from central.changes import adjust_stock, high_water, set_price, touch_variant
    from central.feeds import scope_for_store
    from central.models import Price, PriceList, Variant

    n_stock, n_price = total * 7 // 10, total * 2 // 10
    n_cat = total - n_stock - n_price
    with ctx.db.transaction() as s:
        hw0 = high_water(s)
        scope = scope_for_store(s, store_id)
        base = s.scalar(
            select(PriceList.id).where(
                PriceList.id.in_(scope.price_lists), PriceList.store_id.is_(None), PriceList.customer_group == ""
            )
        )
        max_vid = s.scalar(select(func.max(Variant.id))) or 0
        vids = rnd.sample(range(1, max_vid + 1), min(max_vid, max(n_price, n_cat)))
        stock_keys = rnd.sample(
            [(loc, v) for loc in scope.stock_locations for v in range(1, max_vid + 1)]
            if max_vid * len(scope.stock_locations) < 200_000
            else list({(rnd.choice(scope.stock_locations), rnd.randint(1, max_vid)) for _ in range(n_stock * 2)}),
            n_stock,
        )
        ops: list[tuple[str, Any]] = (
            [("stock", k) for k in stock_keys]
            + [("price", v) for v in vids[:n_price]]
            + [("catalog", v) for v in vids[:n_cat]]
        )
        rnd.shuffle(ops)
        t0 = time.perf_counter()
        for kind, arg in ops:
            if kind == "stock":
                loc, vid = arg
                adjust_stock(
                    s,
                    location_id=loc,
                    variant_id=vid,
                    delta=rnd.choice([-2, -1, 1, 2, 3]),
                    reason="bench",
                    source="bench",
                )
            elif kind == "price":
                price = s.get(Price, (base, arg))
                set_price(s, base, arg, (price.amount if price else 1000) + 10)
            else:
                touch_variant(s, s.get_one(Variant, arg))
        s.flush()
        hw1 = high_water(s)
        took = time.perf_counter() - t0
    log(f"central: {len(ops):,} changes written through central.changes in {took:.1f} s")
    return hw0, hw1, {"stock": n_stock, "prices": n_price, "catalog": n_cat}


def bench_pull(ctx: Ctx, changes: int = 10_000) -> None:
    from sync.engine import Changed

    ensure_tablet(ctx)
    dev = open_device(ctx)
    try:
        # The app's engine has been running: its first cycle (checksums of every stream) is done.
        t0 = time.perf_counter()
        status = dev.engine.sync_once()
        warm = time.perf_counter() - t0
        if status.message:
            raise RuntimeError(f"warm-up sync failed: {status.message}")
        log(f"pull: warm-up cycle (first-cycle checksums of every stream) {warm:.1f} s")
        hw0, hw1, mix = make_changes(ctx, dev.identity.store_id, changes, random.Random(ctx.seed * 7919))
        applied: dict[str, int] = defaultdict(int)
        dev.engine.add_listener(
            lambda ev: (
                applied.__setitem__(ev.stream, applied[ev.stream] + ev.count) if isinstance(ev, Changed) else None
            )
        )
        timers = Timers()
        timers.wrap(dev.store, "apply_page", "LocalStore.apply_page")
        timers.wrap(dev.engine.client, "changes", "CentralClient.changes (HTTP + JSON + pydantic)")
        t0 = time.perf_counter()
        status = dev.engine.sync_once()
        elapsed = time.perf_counter() - t0
        if status.message:
            raise RuntimeError(f"pull failed: {status.message}")
        cursor = min(dev.store.stream_state(s).cursor for s in ("catalog", "prices", "stock"))
    finally:
        dev.close()
    got = sum(applied.values())
    if got != changes or cursor < hw1:
        raise RuntimeError(f"pull applied {got} changes (wanted {changes}); cursor {cursor} < {hw1}")
    raw = raw_apply(ctx, hw0, hw1)
    log(f"pull: {got:,} changes in {elapsed:.2f} s (raw sqlite3 {raw:.3f} s)")
    ctx.details["pull"] = {
        "seconds": round(elapsed, 3),
        "mix": mix,
        "applied": dict(applied),
        "inside": timers.report(),
        "raw_seconds": round(raw, 4),
        "warm_up_cycle_seconds": round(warm, 2),
    }
    ctx.rows.append(
        Row(
            f"incremental pull of {changes:,} changes",
            elapsed,
            "s",
            2.0,
            raw,
            "executemany INSERT OR REPLACE of the same rows into the bare tables",
            f"{mix['stock']:,} stock / {mix['prices']:,} price / {mix['catalog']:,} catalog",
        )
    )


def raw_apply(ctx: Ctx, hw0: int, hw1: int) -> float:
    assert ctx.raw_db is not None
    src = sqlite3.connect(ctx.central.db_path)
    try:
        changes = src.execute(
            "SELECT stream, row FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq", (hw0, hw1)
        ).fetchall()
    finally:
        src.close()
    by_stream: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for stream, row in changes:
        by_stream[stream].append((*orjson.loads(row), row_hash(row.encode())))
    con = connect_like_app(ctx.raw_db)
    try:
        t0 = time.perf_counter()
        for stream, rows in by_stream.items():
            n = len(STREAMS[stream].columns) + 1
            con.executemany(f"INSERT OR REPLACE INTO {stream} VALUES ({', '.join('?' * n)})", rows)
        con.commit()
        return time.perf_counter() - t0
    finally:
        con.close()


# --- 3. search as you type -----------------------------------------------------------------------

FTS_SQL = (
    "SELECT s.code, s.name, s.brand, s.category, s.colours, s.first_variant, s.variants "
    "FROM styles_fts JOIN styles s ON s.id = styles_fts.rowid "
    "WHERE styles_fts MATCH ? LIMIT ? OFFSET ?"
)
BARCODE_PREFIX_SQL = (
    "SELECT DISTINCT s.code, s.name, s.brand, s.category, s.colours, s.first_variant, s.variants "
    "FROM barcodes b JOIN catalog c ON c.id = b.variant_id JOIN styles s ON s.code = c.style_code "
    "WHERE b.code >= ? AND b.code < ? LIMIT ? OFFSET ?"
)


def raw_search(con: sqlite3.Connection, text: str, limit: int = 50) -> list[Any]:
    """The same statements the service runs, on a bare sqlite3 connection."""
    from pos_app.core.search import fts_query

    text = text.strip()
    compact = text.replace(" ", "")
    if compact.isdigit() and len(compact) >= 4:
        upper = compact[:-1] + chr(ord(compact[-1]) + 1)
        rows = con.execute(BARCODE_PREFIX_SQL, (compact, upper, limit, 0)).fetchall()
        if rows:
            return rows
    q = fts_query(text)
    return [] if q is None else con.execute(FTS_SQL, (q, limit, 0)).fetchall()


def typed(word: str, lo: int, hi: int) -> list[str]:
    return [word[:i] for i in range(lo, min(hi, len(word)) + 1)]


def realistic_prefixes(cache: Path, n: int, rnd: random.Random) -> list[str]:
    """What people type, keystroke by keystroke: words of names, brands, categories and colours
    cut to 1-5 characters; a finished word then a second one; style/SKU codes; barcode digits."""
    con = sqlite3.connect(cache)
    try:
        styles = con.execute("SELECT name, brand, category, colours, code FROM styles").fetchall()
        codes = [r[4] for r in styles]
        max_id = con.execute("SELECT max(id) FROM catalog").fetchone()[0]
        barcodes = [
            r[0]
            for r in con.execute(
                "SELECT code FROM barcodes WHERE variant_id IN ({})".format(
                    ",".join(str(rnd.randint(1, max_id)) for _ in range(300))
                )
            )
        ]
        skus = [
            r[0]
            for r in con.execute(
                "SELECT sku FROM catalog WHERE id IN ({})".format(
                    ",".join(str(rnd.randint(1, max_id)) for _ in range(300))
                )
            )
        ]
    finally:
        con.close()
    words = sorted({w for r in styles for field_ in r[:4] for w in re.findall(r"[A-Za-z]+", field_) if len(w) > 1})
    out: list[str] = []
    while len(out) < n:
        x = rnd.random()
        if x < 0.60:  # one word, as typed
            w = rnd.choice(words).lower()
            out += typed(w, 1, 5)
        elif x < 0.78:  # "navy", then the second word keystroke by keystroke
            a, b = rnd.choice(words).lower(), rnd.choice(words).lower()
            out += [f"{a} {p}" for p in typed(b, 1, 5)]
        elif x < 0.88:  # a style code from a label: "sn", "sn0", ... (style code then SKU)
            code = rnd.choice(codes if rnd.random() < 0.5 else skus)
            out += typed(code.lower() if rnd.random() < 0.7 else code, 2, len(code))
        else:  # barcode digits typed by hand
            out += typed(rnd.choice(barcodes), 1, 13)
    return out[:n]


def bench_search(ctx: Ctx, n: int = 1000) -> None:
    ensure_tablet(ctx)
    assert ctx.tablet is not None
    prefixes = realistic_prefixes(ctx.tablet / "cache.db", n, random.Random(ctx.seed * 31))
    dev = open_device(ctx)
    try:
        lookup = dev.lookup
        lookup.search("warm")  # the pool's first connection, not a query cost
        times: list[float] = []
        hits: list[int] = []
        for q in prefixes:
            t0 = time.perf_counter()
            got = lookup.search(q)
            times.append(time.perf_counter() - t0)
            hits.append(len(got))
    finally:
        dev.close()
    con = connect_like_app(ctx.tablet / "cache.db")
    try:
        raw_search(con, "warm")
        raw_times: list[float] = []
        for q in prefixes:
            t0 = time.perf_counter()
            raw_search(con, q)
            raw_times.append(time.perf_counter() - t0)
    finally:
        con.close()
    slow = sorted(zip(times, prefixes, strict=True), reverse=True)[:10]
    ctx.details["search"] = {
        "queries": len(prefixes),
        "ms": {p: round(pct(times, p) * 1e3, 3) for p in (50, 95, 99, 100)},
        "raw_ms": {p: round(pct(raw_times, p) * 1e3, 3) for p in (50, 95, 99, 100)},
        "with_hits": sum(1 for h in hits if h),
        "slowest": [(q, round(t * 1e3, 2)) for t, q in slow],
        "sample": prefixes[:40],
    }
    log(f"search: {ctx.details['search']}")
    ctx.rows.append(
        Row(
            f"search as you type, {len(prefixes):,} prefixes, p99",
            pct(times, 99) * 1e3,
            "ms",
            10.0,
            pct(raw_times, 99) * 1e3,
            "the same FTS5 MATCH / barcode-range SQL on a bare sqlite3 connection, p99",
            f"p50 {pct(times, 50) * 1e3:.2f} ms",
        )
    )


# --- 4. barcode to priced product --------------------------------------------------------------

SCAN_SQL = "SELECT c.id, c.style_code FROM barcodes b JOIN catalog c ON c.id=b.variant_id WHERE b.code=?"
# Its prices by primary key (list_id, variant_id), the tablet's price lists known beforehand.
PRICE_SQL = (
    "SELECT variant_id, currency, store_id, customer_group, amount FROM prices WHERE list_id IN ({}) AND variant_id=?"
)


def bench_barcode(ctx: Ctx, n: int = 2000) -> None:
    ensure_tablet(ctx)
    assert ctx.tablet is not None
    rnd = random.Random(ctx.seed * 131)
    con = connect_like_app(ctx.tablet / "cache.db")
    try:
        max_id = con.execute("SELECT max(id) FROM catalog").fetchone()[0]
        ids = ",".join(str(rnd.randint(1, max_id)) for _ in range(n))
        codes = [r[0] for r in con.execute(f"SELECT code FROM barcodes WHERE variant_id IN ({ids})")]
    finally:
        con.close()
    rnd.shuffle(codes)
    codes = codes[:n]
    dev = open_device(ctx)
    misses = 0
    try:
        lookup = dev.lookup
        lookup.scan(codes[0])
        times: list[float] = []
        for code in codes:
            t0 = time.perf_counter()
            result = lookup.scan(code)
            price = lookup.price_of(result.variant_id) if result.variant_id is not None else None
            times.append(time.perf_counter() - t0)
            if price is None:
                misses += 1
    finally:
        dev.close()
    con = connect_like_app(ctx.tablet / "cache.db")
    try:
        lists = [r[0] for r in con.execute("SELECT DISTINCT list_id FROM prices")]
        price_sql = PRICE_SQL.format(",".join(str(x) for x in lists))
        raw_times: list[float] = []
        for code in codes:
            t0 = time.perf_counter()
            row = con.execute(SCAN_SQL, (code,)).fetchone()
            con.execute(price_sql, (row[0],)).fetchall()
            raw_times.append(time.perf_counter() - t0)
    finally:
        con.close()
    ctx.details["barcode"] = {
        "scans": len(codes),
        "without_price": misses,
        "ms": {p: round(pct(times, p) * 1e3, 4) for p in (50, 95, 99, 100)},
        "raw_ms": {p: round(pct(raw_times, p) * 1e3, 4) for p in (50, 95, 99, 100)},
    }
    log(f"barcode: {ctx.details['barcode']}")
    ctx.rows.append(
        Row(
            f"barcode to priced product, {len(codes):,} scans, p99",
            pct(times, 99) * 1e3,
            "ms",
            2.0,
            pct(raw_times, 99) * 1e3,
            "bare indexed SELECTs: barcode → variant, then its prices by primary key, p99",
            f"p50 {pct(times, 50) * 1e3:.3f} ms; {misses} without a price",
        )
    )


# --- 5. app start ------------------------------------------------------------------------------


def bench_appstart(ctx: Ctx, runs: int = 3) -> None:
    from pos_app.services.secrets import SERVICE, key_for, pin_key_for

    ensure_tablet(ctx)
    assert ctx.tablet is not None and ctx.enrolment is not None
    checkpoint(ctx.tablet / "cache.db", ctx.tablet / "device.db")
    keyring_file = ctx.run_dir / "keyring.json"
    where = str(ctx.tablet.resolve())
    keyring_file.write_text(
        json.dumps(
            {
                f"{SERVICE}\x00{key_for(where)}": ctx.enrolment.token,
                f"{SERVICE}\x00{pin_key_for(where)}": ctx.enrolment.pin_key,  # sign-in needs the PIN key
            }
        )
    )
    env = env_for_children()
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="tests.support.keyring_backend.MemoryKeyring",
        AISLE_TEST_KEYRING_FILE=str(keyring_file),
    )
    results = []
    for i in range(runs):
        t0 = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-m", "tests.bench.appstart", str(ctx.tablet), str(t0)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        try:
            r = json.loads(out.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            raise RuntimeError(f"app start child failed ({out.returncode}):\n{out.stderr[-4000:]}") from None
        if not r["search_ok"]:
            raise RuntimeError(f"app start: no search results on the main window: {r}")
        r["exit_code"] = out.returncode  # the window was usable; a non-zero exit is at teardown
        log(f"app start run {i + 1}: {r}")
        results.append(r)
    raw = []
    for _ in range(runs):
        t0 = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-c", RAW_START, str(ctx.tablet / "cache.db"), str(t0)],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        raw.append(json.loads(out.stdout))
    usable = sorted(r["usable"] for r in results)[len(results) // 2]
    rss = max(r["peak_rss_mb"] for r in results)
    raw_usable = sorted(r["usable"] for r in raw)[len(raw) // 2]
    raw_rss = max(r["peak_rss_mb"] for r in raw)
    ctx.details["appstart"] = {"runs": results, "raw_runs": raw}
    ctx.rows.append(
        Row(
            f"app start to usable main window, {ctx.label} cached (median of {runs})",
            usable,
            "s",
            2.0,
            raw_usable,
            "new python: sqlite3.connect(cache.db) + first FTS query",
            "spawn → window shown and first search answered",
        )
    )
    ctx.rows.append(
        Row(
            "app resident memory, peak (VmHWM)",
            rss,
            "MB",
            300.0,
            raw_rss,
            "peak RSS of that sqlite3 process",
            "incl. the first background sync cycle",
        )
    )


RAW_START = """
import json, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
rows = con.execute(
    "SELECT s.code, s.name FROM styles_fts JOIN styles s ON s.id = styles_fts.rowid "
    "WHERE styles_fts MATCH ? LIMIT 50", ('"linen"*',)).fetchall()
t = time.monotonic() - float(sys.argv[2])
hwm = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM"))
print(json.dumps({"usable": t, "rows": len(rows), "peak_rss_mb": hwm / 1024}))
"""


# --- 6. channel adjustment to 50 tablets ------------------------------------------------------


@dataclass
class Fleet:
    tablets: list[dict[str, Any]]
    stores: list[tuple[int, str]]
    scopes: dict[int, set[int]]
    locations: dict[int, str]
    dir: Path


def build_fleet(ctx: Ctx, tablets: int) -> Fleet:
    """Copies of a bootstrapped tablet per store, each enrolled as its own device."""
    from sqlalchemy import select

    from central.feeds import scope_for_store
    from central.models import Location
    from pos_app.local.store import LocalStore
    from pos_app.services.app import Device

    if ctx.fleet is not None and len(ctx.fleet.tablets) == tablets:
        return ctx.fleet
    ensure_tablet(ctx)
    assert ctx.tablet is not None and ctx.enrolment is not None
    checkpoint(ctx.tablet / "cache.db", ctx.tablet / "device.db")
    with ctx.db.session() as s:
        stores = [
            (loc.id, loc.code)
            for loc in s.scalars(select(Location).where(Location.kind == "store").order_by(Location.id))
        ]
        scopes = {sid: set(scope_for_store(s, sid).stock_locations) for sid, _ in stores}
        locations = {loc.id: loc.code for loc in s.scalars(select(Location))}

    # One template per store: tablet 0 is TKY01's; the others re-download only their scoped streams.
    templates: dict[int, Path] = {ctx.enrolment.store_id: ctx.tablet}
    for sid, code in stores:
        if sid in templates:
            continue
        tdir = ctx.run_dir / f"template-{code}"
        shutil.rmtree(tdir, ignore_errors=True)
        copy_db_files(ctx.tablet, tdir)
        e = enrol(ctx.central, ctx.db, code, f"bench template {code}")
        write_identity(tdir, ctx.central, e)
        st = LocalStore(tdir)
        for stream in ("staff", "prices", "stock"):
            st.reset_stream(stream)
        st.close()
        t0 = time.perf_counter()
        dev = Device(tdir, token=e.token, pin_key=e.pin_key)
        status = dev.engine.sync_once()
        dev.close()
        if not status.online or status.message:
            raise RuntimeError(f"template {code}: {status}")
        checkpoint(tdir / "cache.db", tdir / "device.db")
        log(f"channel: template for {code} (staff, prices, stock re-downloaded) in {time.perf_counter() - t0:.1f} s")
        templates[sid] = tdir

    fleet_dir = ctx.run_dir / "tablets"
    shutil.rmtree(fleet_dir, ignore_errors=True)
    fleet: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for i in range(tablets):
        sid, code = stores[i % len(stores)]
        d = fleet_dir / f"t{i:02d}"
        copy_db_files(templates[sid], d)
        e = enrol(ctx.central, ctx.db, code, f"bench tablet {i:02d}")
        write_identity(d, ctx.central, e)
        fleet.append({"dir": str(d), "token": e.token, "pin_key": e.pin_key, "store_id": sid})
    log(
        f"channel: {tablets} tablets copied and enrolled in {time.perf_counter() - t0:.1f} s "
        f"({dir_size(fleet_dir) / 1e9:.1f} GB)"
    )
    ctx.fleet = Fleet(fleet, stores, scopes, locations, fleet_dir)
    return ctx.fleet


class Hosts:
    """The fleet's sync engines, started with the live stream, in a few processes."""

    def __init__(self, ctx: Ctx, fleet: Fleet, procs: int, tag: str) -> None:
        self.procs: list[subprocess.Popen[str]] = []
        self.states: list[dict[str, Any]] = [{} for _ in range(procs)]
        self.logs = [ctx.run_dir / f"host-{tag}-{p}.log" for p in range(procs)]
        for p in range(procs):
            spec = ctx.run_dir / f"host-{tag}-{p}.json"
            spec.write_text(json.dumps(fleet.tablets[p::procs]))
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.bench.tablets", str(spec)],
                cwd=ROOT,
                env=env_for_children(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.logs[p].open("w"),
                text=True,
            )
            self.procs.append(proc)
            threading.Thread(target=self._read, args=(p, proc), daemon=True).start()

    def _read(self, i: int, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.states[i] = json.loads(line)
        self.states[i] = {**self.states[i], "ready": False, "dead": True}

    def total(self, key: str) -> int:
        return sum(int(s.get(key, 0)) for s in self.states)

    def wait_ready(self, stall: float, limit: float) -> tuple[bool, float]:
        """Until every engine is live and through its first cycle, or no progress for `stall` s."""
        t0 = time.monotonic()
        best, best_at = -1, t0
        while time.monotonic() - t0 < limit:
            if all(s.get("ready") for s in self.states):
                return True, time.monotonic() - t0
            if any(s.get("dead") for s in self.states):
                raise RuntimeError(f"a tablet host died; see {self.logs}")
            progress = self.total("live") + self.total("first_cycle_done")
            if progress > best:
                best, best_at = progress, time.monotonic()
            elif time.monotonic() - best_at > stall:
                break
            time.sleep(0.2)
        return False, time.monotonic() - t0

    def stop(self) -> None:
        for h in self.procs:
            try:
                if h.stdin:
                    h.stdin.write("stop\n")
                    h.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
        for h in self.procs:
            try:
                h.wait(60)
            except subprocess.TimeoutExpired:
                h.kill()
                h.wait(10)


def run_fleet(
    ctx: Ctx, fleet: Fleet, *, adjustments: int, procs: int, warmup: int, tag: str, stall: float = 120.0
) -> dict[str, Any]:
    import httpx

    from central.models import ChannelClient
    from central.security import digest, new_token

    assert ctx.tablet is not None
    log_start = ctx.central.log_path.stat().st_size
    hosts = Hosts(ctx, fleet, procs, tag)
    lat: list[float] = []
    first: list[float] = []
    last: list[float] = []
    rtt: list[float] = []
    timeouts = 0
    post_failures: list[str] = []
    try:
        ready, startup = hosts.wait_ready(stall, limit=1800)
        fleet_state = {"live": hosts.total("live"), "first_cycle_done": hosts.total("first_cycle_done")}
        errors = sorted({e for s in hosts.states for e in s.get("errors", [])})
        log(f"channel[{tag}]: fleet {'ready' if ready else 'NOT ready'} after {startup:.1f} s: {fleet_state} {errors}")
        if not ready:  # measure anyway, briefly: what a web order sees with this fleet
            adjustments, warmup = min(adjustments, 20), 0
        token = new_token()
        with ctx.db.transaction() as s:
            s.add(ChannelClient(name=f"bench-{token[:8]}", token_hash=digest(token)))
        rnd = random.Random(ctx.seed * 17)
        con0 = sqlite3.connect(ctx.tablet / "cache.db")
        max_id = con0.execute("SELECT max(id) FROM catalog").fetchone()[0]
        picks = [(rnd.choice(sorted(fleet.locations)), rnd.randint(1, max_id)) for _ in range(warmup + adjustments)]
        ids = ",".join(str(v) for _, v in picks)
        sku_of = dict(con0.execute(f"SELECT id, sku FROM catalog WHERE id IN ({ids})").fetchall())
        con0.close()
        polls = [sqlite3.connect(t["dir"] + "/cache.db", check_same_thread=False) for t in fleet.tablets]
        q = "SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?"
        http = httpx.Client(base_url=ctx.central.url, headers={"Authorization": f"Bearer {token}"}, timeout=40)
        blind = 0
        for i, (loc, vid) in enumerate(picks):
            affected = [k for k, t in enumerate(fleet.tablets) if loc in fleet.scopes[t["store_id"]]]
            delta = rnd.choice([-3, -2, -1, 1, 2, 5])
            body = {
                "reference": f"bench-{token[:8]}-{i}",
                "location_code": fleet.locations[loc],
                "sku": sku_of[vid],
                "delta": delta,
                "reason": "web order" if delta < 0 else "return",
            }
            t_send = time.monotonic()
            try:
                r = http.post("/v1/channel/adjustments", json=body)
                r.raise_for_status()
            except httpx.HTTPError as e:  # central could not take the web order at all
                post_failures.append(f"{type(e).__name__} after {time.monotonic() - t_send:.1f} s")
                log(f"channel[{tag}]: POST /v1/channel/adjustments failed: {post_failures[-1]}")
                if i >= warmup:
                    rtt.append(math.inf)
                    lat += [math.inf] * len(affected)
                    first.append(math.inf)
                    last.append(math.inf)
                    timeouts += len(affected)
                if len(post_failures) >= 3:
                    break
                continue
            t_ack = time.monotonic()
            want = r.json()["on_hand"]
            seen: dict[int, float] = {}
            until = t_send + 10.0
            while len(seen) < len(affected) and time.monotonic() < until:
                for k in affected:
                    if k not in seen:
                        row = polls[k].execute(q, (loc, vid)).fetchone()
                        if row is not None and row[0] == want:
                            seen[k] = time.monotonic()
                if len(seen) < len(affected):
                    time.sleep(0.0005)
            if i < warmup:
                continue
            rtt.append(t_ack - t_send)
            timeouts += len(affected) - len(seen)
            got = [t - t_send for t in seen.values()] + [math.inf] * (len(affected) - len(seen))
            lat += got
            first.append(min(got))
            last.append(max(got))
            blind = blind + 1 if not seen else 0
            if blind >= 5:
                log(f"channel[{tag}]: 5 adjustments in a row reached no tablet within 10 s; stopping")
                break
            time.sleep(rnd.uniform(0.05, 0.2))
        http.close()
        for c in polls:
            c.close()
    finally:
        hosts.stop()
    with ctx.central.log_path.open("rb") as f:
        f.seek(log_start)
        access = f.read().decode(errors="replace")
    return {
        "tablets": len(fleet.tablets),
        "per_store": {code: sum(1 for t in fleet.tablets if t["store_id"] == sid) for sid, code in fleet.stores},
        "fleet_ready": ready,
        "fleet_state": fleet_state,
        "fleet_errors": errors,
        "fleet_startup_seconds": round(startup, 1),
        "adjustments": len(rtt),
        "warmup_adjustments": warmup,
        "samples": len(lat),
        "timeouts_10s": timeouts,
        "ms": {p: round(pct(lat, p) * 1e3, 1) for p in (50, 95, 99, 100)},
        "first_tablet_ms": {p: round(pct(first, p) * 1e3, 1) for p in (50, 99)},
        "last_tablet_ms": {p: round(pct(last, p) * 1e3, 1) for p in (50, 99)},
        "post_rtt_ms": {p: round(pct(rtt, p) * 1e3, 2) for p in (50, 99)},
        "post_failures": post_failures,
        "central_log_during_run": {
            "GET changes": access.count("/changes?"),
            "GET events": access.count("GET /v1/events"),
            "GET checksum": access.count("/checksum"),
            "HTTP 500": access.count(" 500 "),
            "QueuePool timeouts": access.count("QueuePool limit"),
        },
        "_lat": lat,
        "_rtt": rtt,
    }


def _channel_row(ctx: Ctx, res: dict[str, Any], figure: str, note: str) -> None:
    lat, rtt = res.pop("_lat"), res.pop("_rtt")
    p50 = "p50 timeout" if math.isinf(pct(lat, 50)) else f"p50 {pct(lat, 50) * 1e3:.0f} ms"
    ctx.rows.append(
        Row(
            figure,
            pct(lat, 99) * 1e3,
            "ms",
            300.0,
            pct(rtt, 99) * 1e3,
            "central-side commit: POST /v1/channel/adjustments round trip, p99",
            f"{res['samples']:,} (adjustment, tablet) pairs, {res['timeouts_10s']:,} not visible within 10 s; {p50}"
            + (f"; {note}" if note else ""),
        )
    )


def bench_channel(ctx: Ctx, tablets: int = 50, adjustments: int = 200, procs: int = 2, warmup: int = 10) -> None:
    """As shipped: `central serve` exactly as the CLI runs it."""
    fleet = build_fleet(ctx, tablets)
    if ctx.central.pool is not None:
        ctx.central = ctx.central.restart(None)
    res = run_fleet(ctx, fleet, adjustments=adjustments, procs=procs, warmup=warmup, tag="shipped")
    ctx.details["channel"] = res
    log(f"channel: { {k: v for k, v in res.items() if not k.startswith('_')} }")
    note = "" if res["fleet_ready"] else f"fleet never got ready: {res['fleet_state']}"
    if res["post_failures"]:
        note += f"; the adjustment POST itself failed {len(res['post_failures'])}× ({res['post_failures'][0]})"
    _channel_row(ctx, res, f"channel adjustment → visible in tablet cache, {tablets} tablets live, p99", note)


DIAGNOSTIC_POOL = 64


def bench_channel_pool(ctx: Ctx, tablets: int = 50, adjustments: int = 200, procs: int = 2, warmup: int = 10) -> None:
    """Diagnostic: the same, with central's connection pool raised (tests/bench/serve.py)."""
    fleet = build_fleet(ctx, tablets)
    ctx.central = ctx.central.restart(DIAGNOSTIC_POOL)
    try:
        res = run_fleet(ctx, fleet, adjustments=adjustments, procs=procs, warmup=warmup, tag="pool")
    finally:
        ctx.central = ctx.central.restart(None)
    ctx.details["channel_pool"] = res
    log(f"channel-pool: { {k: v for k, v in res.items() if not k.startswith('_')} }")
    _channel_row(
        ctx,
        res,
        f"  diagnostic: the same with central's DB pool raised to {DIAGNOSTIC_POOL}+{DIAGNOSTIC_POOL}",
        "not the product as shipped",
    )


# --- card payments (tests/bench/card.py), on their own: a small central and the terminal simulator -----

CARD_PAY = re.compile(r"^Pay -> approved \(.*\): p50 ([\d.]+) ms, p99 ([\d.]+) ms over (\d+)", re.M)
CARD_RECOVERY = re.compile(r"^recovery of an unknown outcome .*: p50 ([\d.]+) ms, max ([\d.]+) ms over (\d+)", re.M)


def bench_card(payments: int = 300, recoveries: int = 30) -> list[Row]:
    """`tests/bench/card.py` in this process (its lines are printed as it goes), read back into
    the table's rows: Pay -> approved p99 (target 150 ms) and the slowest recovery of an unknown
    outcome after a restart (target 2 s). A line missing from its output is a failure, not a
    blank row."""
    import contextlib
    import io

    from tests.bench import card

    class Tee(io.StringIO):
        def write(self, text: str) -> int:
            sys.__stdout__.write(text) if sys.__stdout__ is not None else None
            return super().write(text)

    out = Tee()
    argv = sys.argv
    sys.argv = ["tests.bench.card", "--payments", str(payments), "--recoveries", str(recoveries)]
    try:
        with contextlib.redirect_stdout(out):
            card.main()
    finally:
        sys.argv = argv
    text = out.getvalue()
    pay, rec = CARD_PAY.search(text), CARD_RECOVERY.search(text)
    if pay is None or rec is None:
        raise RuntimeError(f"tests/bench/card.py printed no figures this table can read:\n{text}")
    return [
        Row("card: Pay -> approved (p99)", float(pay.group(2)), "ms", 150.0, None, "",
            f"p50 {pay.group(1)} ms over {pay.group(3)} payments, HTTPS loopback, protection on"),
        Row("card: recovery after a restart (max)", float(rec.group(2)) / 1000, "s", 2.0, None, "",
            f"p50 {rec.group(1)} ms over {rec.group(3)} restarts"),
    ]  # fmt: skip


# --- the close of a shift (tests/bench/shifts.py), on its own: a small central, one till ---------------

SHIFT_CLOSE = re.compile(
    r"^close of a shift with (\d+) sales -> Z report ready \((with|without) the receipt-counter index\): "
    r"median ([\d.]+) s, max ([\d.]+) s over (\d+)",
    re.M,
)


def bench_shifts(sales: int = 2000, history: int = 60000, runs: int = 3) -> list[Row]:
    """`tests/bench/shifts.py` in this process (its lines printed as it goes), read back into the
    table's rows: the close of a shift of 2,000 sales to its Z report (target 1 s), with the
    receipt-counter index (what devices have) and without it (a device.db of before it)."""
    import contextlib
    import io

    from tests.bench import shifts

    class Tee(io.StringIO):
        def write(self, text: str) -> int:
            sys.__stdout__.write(text) if sys.__stdout__ is not None else None
            return super().write(text)

    out = Tee()
    argv = sys.argv
    sys.argv = ["tests.bench.shifts", "--sales", str(sales), "--history", str(history), "--runs", str(runs)]
    try:
        with contextlib.redirect_stdout(out):
            shifts.main()
    finally:
        sys.argv = argv
    found = {m.group(2): m for m in SHIFT_CLOSE.finditer(out.getvalue())}
    if set(found) != {"with", "without"}:
        raise RuntimeError(f"tests/bench/shifts.py printed no figures this table can read:\n{out.getvalue()}")
    return [
        Row(f"shifts: close of {int(m.group(1)):,} sales -> Z report ({kind} index, median)", float(m.group(3)), "s",
            1.0, None, "", f"max {m.group(4)} s over {m.group(5)} closes, {history:,} earlier sales in device.db")
        for kind, m in ((k, found[k]) for k in ("with", "without"))
    ]  # fmt: skip


def bench_scan(ctx: Ctx, **kwargs: Any) -> None:
    """Scan to a priced line with the sell screen updated (tests/bench/scan.py)."""
    from tests.bench import scan

    scan.run(ctx, **kwargs)


FIGURES: dict[str, Callable[..., None]] = {
    "bootstrap": bench_bootstrap,
    "pull": bench_pull,
    "search": bench_search,
    "barcode": bench_barcode,
    "scan": bench_scan,
    "appstart": bench_appstart,
    "channel": bench_channel,
    "channel-pool": bench_channel_pool,
}
OPTIONAL = {"channel-pool"}  # diagnostics, run with --only
