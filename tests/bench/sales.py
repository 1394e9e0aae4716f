"""`python -m tests.bench.sales [--replay N]`: completing a sale (the one local transaction),
p50/p99, and N offline sales (default 10,000) replayed to a real central on loopback, exactly once.
Targets (issue 7): p99 <= 20 ms; 10,000 replayed <= 30 s."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import keyring
from sqlalchemy import func, select

from central.cli import issue_enroll_code
from central.db import Database, migrate
from central.models import Order
from central.seed import seed
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.checkout import CheckoutService, Tender, TenderType
from pos_app.services.enrollment import enroll
from tests.support.keyring_backend import MemoryKeyring
from tests.support.servers import run_central
from tests.support.tablet import a_stocked_variant, associate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sales", type=int, default=1000, help="timed completions")
    ap.add_argument("--replay", type=int, default=10000, help="offline sales replayed")
    args = ap.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'central.db'}")
        migrate(db.engine)
        seed(db, products=500, stores=2, seed=7)
        with run_central(db) as url:
            data = Path(tmp) / "tablet"
            store = LocalStore(data)
            enroll(store, url, issue_enroll_code(db, "TKY01", 10), "bench")
            store.close()
            device = Device(data)
            device.engine.sync_once()
            co = CheckoutService(device.store, device.identity)
            session = associate(device)
            vid, _ = a_stocked_variant(device)
            others = [int(r[0]) for r in device.store.query("SELECT id FROM catalog ORDER BY id LIMIT 3")]
            items = [(vid, 1), *((v, 2) for v in others)]
            times = []
            for _ in range(args.sales):
                basket = co.basket(co.open_basket(), items)
                t0 = time.perf_counter()
                co.complete(session, basket, [Tender(TenderType.CASH, 10**8)])
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p50, p99 = statistics.median(times), times[int(len(times) * 0.99) - 1]
            print(
                f"complete a 4-line cash sale (price, settle, one device.db transaction): p50 {p50:.2f} ms, p99 {p99:.2f} ms over {args.sales}"
            )
            device.engine.sync_once()
            for _ in range(args.replay):
                co.complete(session, co.basket(co.open_basket(), [(vid, 1)]), [Tender(TenderType.CASH, 10**8)])
            t0 = time.perf_counter()
            while device.engine.sync_once().pending_ops:
                pass
            took = time.perf_counter() - t0
            with db.session() as s:
                n = s.scalar(select(func.count()).select_from(Order))
            assert n == args.sales + args.replay, n
            print(
                f"{args.replay} offline sales replayed to central (SQLite): {took:.1f} s, {args.replay / took:.0f} sales/s, {n} orders (exactly once)"
            )
            device.close()
        db.dispose()


if __name__ == "__main__":
    main()
