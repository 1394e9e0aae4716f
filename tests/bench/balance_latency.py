"""`python -m tests.bench.balance_latency [--tablets 50] [--changes 100]`: a balance changed in one
channel, visible on the tablets (issue 13: "balance change in one channel visible on a tablet
showing that customer: p99 <= 1 s, 50 tablets connected").

The pickup-latency bench's set-up (tests/bench/pickup_latency.py): a small seeded central run as
shipped (`central serve`) in its own process, one TKY01 tablet bootstrapped and copied
`--tablets` times, each enrolled as its own device, all running their sync engines with the live
poke stream in five host processes. Then, as a web shop would, the bench changes a demo
customer's points through the channel API (`POST /v1/channel/accounts/entries`, earning or
spending 1-200 points, 50-200 ms apart) and, for each change, polls every tablet's cache.db
(every 5 ms) until its `balances` row of that customer holds the new balance: latency = that
moment minus the moment the POST was sent. What the till's screen shows of the attached
customer is that row (the sell view re-reads it on the engine's `Changed("balances")`), so every
tablet counts as showing the customer. Target: p99 of all (change, tablet) latencies <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import httpx

from tests.bench.harness import BENCH_DIR, log
from tests.bench.pickup_latency import FanOut, build_tablets, channel_token, load, make_central

TARGET = 1.0  # seconds, p99


def main() -> int:
    from central.seed import DEMO_CUSTOMER_NS
    from sync.protocol import customer_id_for
    from tests.bench.figures import Hosts

    ap = argparse.ArgumentParser()
    ap.add_argument("--tablets", type=int, default=50)
    ap.add_argument("--changes", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--procs", type=int, default=5, help="host processes for the tablets' engines")
    ap.add_argument("--store", default="TKY01")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    at_start = load()
    log(f"balance bench: load average at start {at_start}")
    BENCH_DIR.mkdir(exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="balance-bench-", dir=BENCH_DIR))
    central = make_central(run_dir)
    hosts = None
    customers = [
        customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, e)) for e in ("hanako.yamada@example.jp", "kenji.mori@example.jp")
    ]
    try:
        tablets = build_tablets(central, run_dir, args.tablets, args.store)
        log(f"balance bench: {len(tablets)} tablets copied and enrolled")
        hosts = Hosts(SimpleNamespace(run_dir=run_dir), SimpleNamespace(tablets=tablets), args.procs, "balance")  # type: ignore[arg-type]
        ready, startup = hosts.wait_ready(stall=120, limit=900)
        log(f"balance bench: fleet {'ready' if ready else 'NOT ready'} after {startup:.1f} s")
        token = channel_token(central)
        rnd = random.Random(args.seed)
        polls = [sqlite3.connect(t["dir"] + "/cache.db", check_same_thread=False) for t in tablets]
        http = httpx.Client(base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        fan = FanOut(polls, args.warmup, "balance bench")
        q = "SELECT 1 FROM balances WHERE customer_id=? AND kind='points' AND currency='PTS' AND balance=?"
        for i in range(args.warmup + args.changes):
            customer = customers[i % len(customers)]
            amount = rnd.randint(1, 200) * (1 if i % 3 else -1)
            body = {"reference": f"bench-{token[:6]}-{i}", "kind": "points", "customer_id": customer,
                    "amount": amount, "currency": "PTS", "reason": "earn" if amount > 0 else "spend"}  # fmt: skip
            sent = fan.probe(
                i,
                lambda body=body: http.post("/v1/channel/accounts/entries", json=body),  # type: ignore[misc]
                q,
                lambda answer, customer=customer: (customer, int(answer["balance"])),  # type: ignore[misc]
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
    result = {**fan.result(args.tablets, "changes"), "load_start": at_start, "load_end": at_end}
    (BENCH_DIR / "results-balance-latency.json").write_text(json.dumps(result, indent=1))
    p99 = result["p99_ms"]
    verdict = "pass" if p99 is not None and p99 <= TARGET * 1000 else "FAIL"
    print(json.dumps(result, indent=1))
    print(
        f"channel balance change -> balances row in every tablet's store, {args.tablets} tablets live: p99 {p99} ms "
        f"(target <= {TARGET * 1000:.0f} ms): {verdict}; load average {at_start} at start, {at_end} at end"
    )
    shutil.rmtree(run_dir, ignore_errors=True)
    return 0 if verdict == "pass" else 1


if __name__ == "__main__":
    raise SystemExit(main())
