"""`python -m tests.bench.shifts [--sales N] [--history N]`: closing a shift of N real sales
(default 2,000) on a till whose device.db already holds earlier days (default 60,000 sales
before the shift), from `ShiftService.close` called to the Z report returned (checks, journal
verified, the one transaction). Target (issue 11): report ready <= 1 s.

The shift's sales are made through `CheckoutService.complete` (the rows the report reads, each
with its journal entry and outbox op); the earlier days are 2,000 real sales copied in SQL with
their payments to the history's size (the report never reads them, but a range over
`sales.receipt_counter` without an index scans them). The outbox is marked sent in SQL (as if
synced: this figure is not about central). The close is timed once per copy of the device.db
(`--runs`, default 3), each on a fresh copy, with the receipt-counter index and without it."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import keyring

from central.cli import issue_enroll_code
from central.db import Database, migrate
from central.seed import seed
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.checkout import Tender, TenderType
from pos_app.services.enrollment import enroll
from tests.bench.harness import checkpoint
from tests.support.keyring_backend import MemoryKeyring
from tests.support.servers import run_central
from tests.support.tablet import a_stocked_variant, associate

INDEX = "ix_sales_receipt_counter"


def _clone_history(device: Device, copies: int, step: int) -> None:
    """The 'step' real sales (counters 1..step) copied `copies` times to counters above them."""
    with device.store.tx("device") as con:
        cols = [r[1] for r in con.execute("PRAGMA table_info(sales)")]
        pcols = [r[1] for r in con.execute("PRAGMA table_info(sale_payments)")]
        for k in range(1, copies + 1):
            sel = {c: c for c in cols}
            for c in ("sale_id", "op_id", "receipt_no"):
                sel[c] = f"{c} || '-h{k}'"
            sel["receipt_counter"] = f"receipt_counter + {k * step}"
            con.execute(
                f"INSERT INTO sales({', '.join(cols)}) SELECT {', '.join(sel[c] for c in cols)} FROM sales "
                f"WHERE receipt_counter <= {step}"
            )
            psel = {c: f"p.{c}" for c in pcols}
            psel["sale_id"] = f"p.sale_id || '-h{k}'"
            con.execute(
                f"INSERT INTO sale_payments({', '.join(pcols)}) SELECT {', '.join(psel[c] for c in pcols)} "
                f"FROM sale_payments p JOIN sales s ON s.sale_id = p.sale_id WHERE s.receipt_counter <= {step}"
            )
        con.execute("UPDATE meta SET value=? WHERE key='receipt_counter'", (str((copies + 1) * step),))


def _sell(device: Device, n: int) -> None:
    co = device.checkout
    people = [associate(device)]
    sup = next(p for p in device.auth.staff() if p.role.name == "SUPERVISOR")
    people.append(device.auth.sign_in(sup.id, "2222"))
    vid, _ = a_stocked_variant(device)
    others = [int(r[0]) for r in device.store.query("SELECT id FROM catalog ORDER BY id LIMIT 6")]
    for i in range(n):
        items = [(vid, 1), (others[i % len(others)], 1 + i % 3)]
        basket = co.basket(co.open_basket(), items)
        due = co.price(basket).totals.total
        tendered = due if i % 2 else (due // 1000 + 1) * 1000  # half with change
        co.complete(people[i % 2], basket, [Tender(TenderType.CASH, tendered)])


def _close_once(src: Path, dst: Path, index: bool) -> tuple[float, int, float, float]:
    """(seconds for close -> Z report, receipts in it, journal verify s, figures s) on a fresh copy."""
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    device = Device(dst)
    try:
        if not index:  # a device.db of before the index (opening it would add it back)
            with device.store.raw("device") as con:
                con.execute(f"DROP INDEX IF EXISTS {INDEX}")
        alice = associate(device)
        t0 = time.perf_counter()
        device.store.journal_verify()
        verify = time.perf_counter() - t0
        t0 = time.perf_counter()
        device.shifts.x_report()
        figures = time.perf_counter() - t0
        t0 = time.perf_counter()
        z = device.shifts.close(alice)
        took = time.perf_counter() - t0
        return took, int(z["receipts"]), verify, figures
    finally:
        device.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sales", type=int, default=2000, help="sales in the shift that closes")
    ap.add_argument("--history", type=int, default=60000, help="sales of earlier days already in device.db")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    keyring.set_keyring(MemoryKeyring())
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'central.db'}")
        migrate(db.engine)
        seed(db, products=300, stores=2, seed=7)
        with run_central(db) as url:
            data = Path(tmp) / "tablet"
            store = LocalStore(data)
            enroll(store, url, issue_enroll_code(db, "TKY01", 10), "bench")
            store.close()
            device = Device(data)
            device.engine.sync_once()
            t0 = time.perf_counter()
            step = min(args.sales, args.history) or 1
            if args.history:
                _sell(device, step)
                _clone_history(device, max(0, args.history // step - 1), step)
            alice = associate(device)
            device.shifts.open(alice, {"10000": 3, "1000": 20})
            _sell(device, args.sales)
            with device.store.tx("device") as con:
                con.execute("UPDATE outbox SET state='done' WHERE state<>'done'")  # as if synced
            expected = device.shifts.x_report()
            cash = device.shifts.save_count(alice, {"10000": 3}).variances[0].expected  # then counted right:
            device.shifts.save_count(alice, {"10000": cash // 10000, "1000": cash % 10000 // 1000, "1": cash % 1000})
            made = time.perf_counter() - t0
            n = int(device.store.query("SELECT count(*) FROM sales", (), "device")[0][0])
            journal = int(device.store.query("SELECT count(*) FROM journal", (), "device")[0][0])
            device.close()
        db.dispose()
        checkpoint(data / "device.db", data / "cache.db")
        print(f"made {args.sales} sales in the shift and {n - args.sales} before it in {made:.1f} s "
              f"({journal} journal entries, {expected['receipts']} receipts so far)")  # fmt: skip
        pristine = Path(tmp) / "pristine"  # the keyring holds the token by data dir: runs restore in place
        shutil.copytree(data, pristine)
        results: dict[bool, list[tuple[float, int, float, float]]] = {True: [], False: []}
        for _ in range(args.runs):
            for index in (False, True):
                results[index].append(_close_once(pristine, data, index))
        for index in (False, True):
            rows = results[index]
            assert all(r[1] == args.sales for r in rows), rows
            med = statistics.median(r[0] for r in rows)
            label = "with" if index else "without"
            print(
                f"close of a shift with {args.sales} sales -> Z report ready ({label} the receipt-counter index): "
                f"median {med:.3f} s, max {max(r[0] for r in rows):.3f} s over {args.runs} "
                f"(journal verify {statistics.median(r[2] for r in rows):.3f} s, "
                f"X report {statistics.median(r[3] for r in rows):.3f} s)"
            )
        print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
