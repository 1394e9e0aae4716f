"""`python -m tests.bench [--variants N] [--only NAME,...]`: measure, then print one table.

Figures (in this order): bootstrap, pull, search, barcode, scan, appstart, channel. On request only
(--only channel-pool): the channel figure again with central's DB pool raised, a diagnostic.
On their own (--only ingest,ingest-pg): central ingesting sales (tests/bench/ingest.py).
On its own (--only card): card payments against the terminal simulator (tests/bench/card.py).
On its own (--only shifts): the close of a shift of 2,000 sales to its Z report (tests/bench/shifts.py).
On its own (--only pickup-latency): a web order to the pickup queue of 50 live tablets
(tests/bench/pickup_latency.py, which takes its own options when run directly).
On its own (--only scale): 3 central replicas on PostgreSQL behind HAProxy, a tablet fleet, one
replica SIGKILLed in the middle (tests/bench/scale.py; `--tablets N` sets the fleet, default 30).
On its own (--only balance-latency): a channel balance change to 50 live tablets' caches
(tests/bench/balance_latency.py, likewise).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from tests.bench.figures import FIGURES, OPTIONAL, Ctx, Row
from tests.bench.harness import BENCH_DIR, ROOT, Central, Interference, log, seeded_central

# Figures with their own small centrals (tests/bench/ingest.py), run only when named in --only.
INGEST = ("ingest", "ingest-pg")
# Card payments against the terminal simulator (tests/bench/card.py), its own central too.
CARD = ("card",)
# The close of a shift (tests/bench/shifts.py): its own small central and one till.
SHIFTS = ("shifts",)
# A pickup order to 50 live tablets' queues (tests/bench/pickup_latency.py): its own central.
PICKUPS = ("pickup-latency",)
# Replicas behind HAProxy, a replica killed under load (tests/bench/scale.py): its own PostgreSQL.
SCALE = ("scale",)
# A balance changed through the channel API to 50 live tablets (tests/bench/balance_latency.py).
BALANCES = ("balance-latency",)


def machine() -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    return {
        "date": date.today().isoformat(),
        "cpus": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "commit": commit.strip() + (" (+ uncommitted changes)" if dirty.strip() else ""),
    }


def fmt(value: float | None, unit: str) -> str:
    if value is None or math.isnan(value):
        return "—"
    if math.isinf(value):
        return "timeout"
    if unit == "ms":
        return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def table(rows: list[Row]) -> str:
    head = ["figure", "measured", "target", "pass/fail", "raw sqlite3 baseline", "ratio"]
    body = [
        [
            r.figure,
            fmt(r.measured, r.unit),
            f"≤ {fmt(r.target, r.unit)}",
            "PASS" if r.passed else "FAIL",
            fmt(r.baseline, r.unit),
            "—" if r.ratio is None or math.isinf(r.ratio) else f"{r.ratio:,.1f}×",
        ]
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), line]
    out += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in body]
    return "\n".join(out)


def markdown(rows: list[Row]) -> str:
    out = [
        "| figure | measured | target | pass/fail | raw sqlite3 baseline | ratio |",
        "|---|---:|---:|:---:|---:|---:|",
    ]
    for r in rows:
        ratio = "—" if r.ratio is None or math.isinf(r.ratio) else f"{r.ratio:,.1f}×"
        out.append(
            f"| {r.figure} | {fmt(r.measured, r.unit)} | ≤ {fmt(r.target, r.unit)} | "
            f"{'pass' if r.passed else '**FAIL**'} | {fmt(r.baseline, r.unit)} | {ratio} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    p.add_argument("--variants", type=int, default=1_000_000, help="catalog size (default 1,000,000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only", default="", help=f"comma-separated subset of {','.join(FIGURES)}")
    p.add_argument("--tablets", type=int, default=50)
    p.add_argument("--adjustments", type=int, default=200)
    p.add_argument("--tablet-procs", type=int, default=2, help="processes hosting the tablet fleet")
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--keep", action="store_true", help="keep the run directory (tablet copies are large)")
    args = p.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop central and the fleet on the way out
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    only = [x.strip() for x in args.only.split(",") if x.strip()] or [n for n in FIGURES if n not in OPTIONAL]
    unknown = set(only) - set(FIGURES) - set(INGEST) - set(CARD) - set(SHIFTS) - set(PICKUPS) - set(SCALE) - set(BALANCES)
    if unknown:
        p.error(
            f"unknown figure(s) {', '.join(sorted(unknown))}; choose from {', '.join([*FIGURES, *INGEST, *CARD, *SHIFTS, *PICKUPS, *SCALE, *BALANCES])}"
        )

    info_machine = machine()
    log(f"machine: {info_machine}")
    if "card" in only:  # its own central and terminal simulator, no seeded 1M central
        if only != ["card"]:
            p.error("run card on its own (--only card)")
        from tests.bench.figures import bench_card

        rows = bench_card()
        print()
        print(table(rows))
        return 0 if all(r.passed for r in rows) else 1
    if "pickup-latency" in only:  # its own small central and 50 tablets in five host processes
        if only != ["pickup-latency"]:
            p.error("run pickup-latency on its own (--only pickup-latency)")
        return subprocess.run([sys.executable, "-m", "tests.bench.pickup_latency"], cwd=ROOT, check=False).returncode
    if "scale" in only:  # its own PostgreSQL, replicas, HAProxy and fleet
        if only != ["scale"]:
            p.error("run scale on its own (--only scale)")
        from tests.bench import scale

        return scale.main(["--tablets", str(args.tablets if "--tablets" in (argv or sys.argv) else 30)])
    if "balance-latency" in only:  # its own small central and 50 tablets in five host processes
        if only != ["balance-latency"]:
            p.error("run balance-latency on its own (--only balance-latency)")
        return subprocess.run([sys.executable, "-m", "tests.bench.balance_latency"], cwd=ROOT, check=False).returncode
    if "shifts" in only:  # its own small central and one till, no seeded 1M central
        if only != ["shifts"]:
            p.error("run shifts on its own (--only shifts)")
        from tests.bench.figures import bench_shifts

        rows = bench_shifts()
        print()
        print(table(rows))
        for r in rows:
            print(f"  {r.figure}: {r.note}")
        return 0 if all(r.passed for r in rows if "without" not in r.figure) else 1
    standalone = [n for n in only if n in INGEST]
    if standalone:  # their own centrals and tablets (tests/bench/ingest.py), no seeded 1M central
        if len(standalone) != len(only):
            p.error(f"run {', '.join(INGEST)} on their own (--only {','.join(standalone)})")
        from tests.bench import ingest

        results = ingest.run(standalone, 10_000, 20, 500, args.tablet_procs)
        print()
        print(ingest.table([r for r, _ in results]))
        return 0 if all(r.passed for r, _ in results) else 1
    pristine, info = seeded_central(args.variants, args.seed)
    run_dir = BENCH_DIR / f"run-{args.variants}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    central = Central.start(pristine, run_dir)
    db = central.database()
    ctx = Ctx(args.variants, args.seed, run_dir, central, db, info)
    ctx.details["keep"] = args.keep
    started = time.perf_counter()
    failed: list[str] = []
    try:
        for name in FIGURES:
            if name not in only:
                continue
            log(f"=== {name} ===")
            kwargs: dict[str, Any] = {}
            if name in ("channel", "channel-pool"):
                kwargs = {"tablets": args.tablets, "adjustments": args.adjustments, "procs": args.tablet_procs}
            elif name == "search":
                kwargs = {"n": args.queries}
            watch = Interference()
            try:
                FIGURES[name](ctx, **kwargs)
            except Exception as e:
                logging.exception("figure %s failed", name)
                failed.append(f"{name}: {type(e).__name__}: {e}")
            ctx.details.setdefault("interference", {})[name] = seen = watch.result()
            log(f"{name}: other processes on this machine used {seen['foreign_share_of_machine']:.0%} of it")
    finally:
        db.dispose()
        ctx.central.stop()
        if not args.keep:
            for sub in run_dir.iterdir():
                if sub.is_dir():
                    shutil.rmtree(sub, ignore_errors=True)
    took = time.perf_counter() - started
    print()
    print(
        f"Aisle benchmark — {args.variants:,} variants (seed {args.seed}), {info_machine['date']}, "
        f"{info_machine['cpus']} CPUs {info_machine['cpu']}, {info_machine['ram_gb']} GB RAM, "
        f"Python {info_machine['python']}, SQLite {info_machine['sqlite']}, commit {info_machine['commit']}"
    )
    print()
    print(table(ctx.rows))
    print()
    for r in ctx.rows:
        print(f"  {r.figure}: baseline = {r.baseline_what}" + (f"; {r.note}" if r.note else ""))
    for f in failed:
        print(f"  NOT MEASURED {f}")
    for name, seen in ctx.details.get("interference", {}).items():
        if seen["foreign_share_of_machine"] > 0.05:
            print(
                f"  WARNING {name}: other processes used {seen['foreign_share_of_machine']:.0%} of the machine "
                f"({seen['foreign_cpu_seconds']} CPU-s in {seen['wall_seconds']} s); its figures are pessimistic"
            )
    out = BENCH_DIR / f"results-{args.variants}.json"
    ctx.details.pop("keep", None)
    out.write_text(
        json.dumps(
            {
                "machine": info_machine,
                "command": "python -m tests.bench " + " ".join(argv if argv is not None else sys.argv[1:]),
                "seeded": info,
                "seconds": round(took, 1),
                "rows": [
                    {
                        "figure": r.figure,
                        "measured": r.measured,
                        "unit": r.unit,
                        "target": r.target,
                        "pass": r.passed,
                        "baseline": r.baseline,
                        "baseline_what": r.baseline_what,
                        "ratio": r.ratio,
                        "note": r.note,
                    }
                    for r in ctx.rows
                ],
                "markdown": markdown(ctx.rows),
                "details": ctx.details,
                "not_measured": failed,
            },
            indent=1,
            default=str,
        )
    )
    print(f"\n  details: {out.relative_to(ROOT)}  (whole run {took:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
