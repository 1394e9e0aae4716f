"""Central as several replicas (`central serve` processes) on one real PostgreSQL, behind a real
HAProxy (tests/support/replicas.py): live pokes cross replicas through LISTEN/NOTIFY
(central.fanout), a bulk change of 100,000 rows is one poke per device, a replica SIGKILLed in
the middle of a push loses and doubles nothing while the device's retry goes to another replica
through HAProxy, and a PostgreSQL restart is survived by every replica."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import func, select

from central.changes import price_row, record_many
from central.db import Database, migrate
from central.fanout import conninfo
from central.models import ChangeLog, Order, Price, PriceList
from central.scope import scope_for_store
from central.seed import seed
from tests.central.helpers import Enrolled, channel_token, enrol, location_id, stocked_variant
from tests.central.test_events import EventReader
from tests.central.test_sales import sale_op
from tests.support.postgres import PostgresCluster, postgres_cluster
from tests.support.replicas import HAProxy, Replicas, connections, haproxy_binary

__all__ = ["haproxy_binary"]

pytestmark = pytest.mark.postgres

SLOW_WATCH = 60.0  # the one-second watcher slowed down: a poke within seconds came by NOTIFY


@pytest.fixture
def two_replicas(pg_backend: Database, tmp_path: Path) -> Iterator[Replicas]:
    replicas = Replicas.start(pg_backend.url, 2, tmp_path, watch=SLOW_WATCH)
    try:
        yield replicas
    finally:
        replicas.stop()


def _adjust(client: httpx.Client, headers: dict[str, str], sku: str, ref: str) -> int:
    r = client.post(
        "/v1/channel/adjustments",
        headers=headers,
        json={"reference": ref, "location_code": "TKY01", "sku": sku, "delta": -1, "reason": "web order"},
    )
    assert r.status_code == 200, r.text
    return int(r.json()["seq"])


def test_a_write_through_one_replica_pokes_streams_on_the_other_through_notify(
    two_replicas: Replicas, pg_backend: Database
) -> None:
    a, b = (httpx.Client(base_url=r.url, timeout=10) for r in two_replicas.items)
    tky01_on_b, tky01_on_a, ber01_on_b = (
        enrol(b, pg_backend, "TKY01"),
        enrol(a, pg_backend, "TKY01"),
        enrol(b, pg_backend, "BER01"),
    )
    _, sku, _ = stocked_variant(pg_backend, tky01_on_a.store_id)
    webshop = channel_token(pg_backend)
    readers = [EventReader(b, tky01_on_b), EventReader(a, tky01_on_a), EventReader(b, ber01_on_b)]
    try:
        for reader in readers:
            assert reader.next("hello", 5) is not None
        for i in range(3):  # each write reaches the other replica's stream, not only the first
            seq = _adjust(a, webshop, sku, f"w-{i}")
            for reader in readers[:2]:
                poke = reader.next("poke", 5)  # the watcher would take a minute
                assert poke is not None and poke.data == {"seq": seq, "streams": ["stock"]}
        assert readers[2].next("poke", 1.0) is None  # Berlin cannot see Tokyo's stock, on any replica
    finally:
        for reader in readers:
            reader.close()
        a.close()
        b.close()


def test_a_bulk_change_of_100000_rows_pokes_each_device_once(pg_backend: Database, tmp_path: Path) -> None:
    replicas = Replicas.start(pg_backend.url, 2, tmp_path, watch=0.2)  # the watcher ticks, and must not poke again
    clients = [httpx.Client(base_url=r.url, timeout=10) for r in replicas.items]
    try:
        devices = [enrol(c, pg_backend, "TKY01") for c in clients]
        with pg_backend.session() as s:
            price_list = scope_for_store(s, devices[0].store_id).price_lists[0]
            pl = s.get_one(PriceList, price_list)
            prices = list(s.scalars(select(Price).where(Price.list_id == price_list).limit(2000)))
            entries = [("prices", price_list, [p.list_id, p.variant_id], price_row(p, pl)) for p in prices]
        assert entries
        bulk: list[Any] = (entries * (100_000 // len(entries) + 1))[:100_000]
        readers = [EventReader(c, d) for c, d in zip(clients, devices, strict=True)]
        try:
            for reader in readers:
                assert reader.next("hello", 5) is not None
            with pg_backend.transaction() as s:  # head office's bulk price change: one transaction
                seqs = record_many(s, bulk)
            assert len(seqs) == 100_000
            for reader in readers:
                poke = reader.next("poke", 10)
                assert poke is not None and poke.data == {"seq": seqs[-1], "streams": ["prices"]}
            time.sleep(2.0)  # ten watcher ticks on each replica
            for reader in readers:  # nothing more: not 100,000 pokes, not a second one from the watcher
                assert reader.next("poke", 0.1) is None
        finally:
            for reader in readers:
                reader.close()
    finally:
        for c in clients:
            c.close()
        replicas.stop()


def _receipts(db: Database, device_id: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Order.receipt_no).where(Order.device_id == device_id).order_by(Order.id)))


def _push_until_done(url: str, device: Enrolled, ops: list[dict[str, Any]], limit: float = 60) -> dict[str, str]:
    """The device's retry: send what is not done yet again until every op is applied or replayed."""
    done: dict[str, str] = {}
    deadline = time.monotonic() + limit
    with httpx.Client(base_url=url, timeout=30) as c:
        while len(done) < len(ops):
            assert time.monotonic() < deadline, f"{len(ops) - len(done)} ops never went through"
            todo = [op for op in ops if op["op_id"] not in done][:200]  # the outbox in order, a push at a time
            try:
                r = c.post("/v1/ops", headers=device.headers, json={"ops": todo})
            except httpx.TransportError:
                time.sleep(0.2)
                continue
            if r.status_code >= 500:
                time.sleep(0.2)
                continue
            assert r.status_code == 200, r.text
            for outcome in r.json()["results"]:
                if outcome["status"] in ("applied", "replayed"):
                    done[outcome["op_id"]] = outcome["status"]
                else:
                    assert outcome["status"] in ("failed", "skipped"), outcome
    return done


def test_a_replica_killed_mid_push_applies_each_op_once_and_the_retry_goes_to_another(
    pg_backend: Database, tmp_path: Path, haproxy_binary: str
) -> None:
    replicas = Replicas.start(pg_backend.url, 3, tmp_path)
    proxy = HAProxy(haproxy_binary, replicas, tmp_path)
    try:
        proxy.start()
        with httpx.Client(base_url=proxy.url, timeout=10) as c:
            device = enrol(c, pg_backend, "TKY01")
        store = location_id(pg_backend, "TKY01")
        vid, _, _ = stocked_variant(pg_backend, store)
        template = sale_op(pg_backend, store, vid)
        n = 800  # the device's outbox: four pushes of 200 sales (sync.protocol.MAX_PUSH_OPS), one transaction each
        ops = []
        for i in range(1, n + 1):
            op = sale_op(pg_backend, store, vid, seq=i) if i == 1 else _copy_sale(template, i)
            op["payload"]["receipt_no"] = f"TKY01-KILL-{i:06d}"
            ops.append(op)
        victim = replicas[0]
        failure: list[BaseException] = []

        def push_to_victim() -> None:  # as HAProxy had routed the device's connection to replica 0
            try:
                with httpx.Client(base_url=victim.url, timeout=60) as c:
                    for i in range(0, n, 200):
                        c.post("/v1/ops", headers=device.headers, json={"ops": ops[i : i + 200]})
            except httpx.TransportError as e:
                failure.append(e)

        t = threading.Thread(target=push_to_victim)
        t.start()
        deadline = time.monotonic() + 60
        # Mid-push: a push committed, and replica 0 is inside the writing transaction of the next.
        while not (
            (committed := len(_receipts(pg_backend, device.device_id))) and _in_transaction(pg_backend, victim.pid)
        ):
            assert time.monotonic() < deadline and t.is_alive(), (
                f"never caught replica 0 mid-push ({committed} committed)"
            )
            time.sleep(0.002)
        victim.kill()
        t.join(30)
        assert 0 < committed < n and failure, f"not killed mid-push ({committed} of {n} committed)"
        proxy.wait_states({"r0": "DOWN", "r1": "UP", "r2": "UP"})
        outcomes = _push_until_done(proxy.url, device, ops)  # the device's retry, through HAProxy
        assert set(outcomes.values()) == {"applied", "replayed"}
        assert _receipts(pg_backend, device.device_id) == [f"TKY01-KILL-{i:06d}" for i in range(1, n + 1)]
        # Replica 0 comes back and HAProxy sends it traffic again.
        victim.start()
        proxy.wait_states({"r0": "UP"})
    finally:
        proxy.stop()
        replicas.stop()


def _in_transaction(db: Database, pid: int) -> bool:
    with psycopg.connect(conninfo(db.url), autocommit=True) as con:
        row = con.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND xact_start IS NOT NULL "
            "AND state <> 'idle' AND query NOT LIKE 'LISTEN%%'",
            (f"aisle-central {pid}",),
        ).fetchone()
    return bool(row and row[0])


def _copy_sale(op: dict[str, Any], seq: int) -> dict[str, Any]:
    import copy
    import uuid

    out = copy.deepcopy(op)
    out["op_id"] = str(uuid.uuid4())
    out["device_seq"] = seq
    out["payload"]["sale_id"] = str(uuid.uuid4())
    return out


def test_replicas_survive_a_postgresql_restart_and_lose_nothing(
    postgres_server: PostgresCluster,  # not used: its skip-or-fail policy when PostgreSQL is missing
    tmp_path: Path,
    haproxy_binary: str,
) -> None:
    with postgres_cluster() as cluster:  # its own cluster: the session's is shared by other tests
        db = Database(cluster.create_database("restart"))
        migrate(db.engine)
        seed(db, products=200, stores=2, seed=5)
        replicas = Replicas.start(db.url, 2, tmp_path, watch=SLOW_WATCH)
        proxy = HAProxy(haproxy_binary, replicas, tmp_path)
        a, b = (httpx.Client(base_url=r.url, timeout=10) for r in replicas.items)
        try:
            proxy.start()
            viewer = enrol(b, db, "TKY01")
            _, sku, _ = stocked_variant(db, viewer.store_id)
            webshop = channel_token(db)
            before = _adjust(a, webshop, sku, "before")
            db.dispose()
            cluster.restart()
            # Each replica answers again (the pool's pre-ping drops the dead connections).
            with httpx.Client(base_url=proxy.url, timeout=10) as c:
                deadline = time.monotonic() + 30
                while c.get("/health").status_code != 200:
                    assert time.monotonic() < deadline
                    time.sleep(0.2)
            proxy.wait_states({"r0": "UP", "r1": "UP"})
            # The listener reconnected: a write through replica A pokes a stream on replica B at once.
            reader = EventReader(b, viewer)
            try:
                assert reader.next("hello", 5) is not None
                deadline = time.monotonic() + 30
                tries, poke = 0, None
                while poke is None:  # until replica B is listening again (it retries with backoff)
                    assert time.monotonic() < deadline, "replica B never listened again"
                    tries += 1
                    _adjust(a, webshop, sku, f"after-{tries}")
                    poke = reader.next("poke", 1.0)
                assert poke.data["streams"] == ["stock"]
            finally:
                reader.close()
            with db.session() as s:  # nothing lost: the change before the restart is still there
                assert s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.seq == before)) == 1
            logs = replicas[0].log(tail=None) + replicas[1].log(tail=None)  # the tracebacks after it are long
            assert "live fan-out: lost the PostgreSQL connection" in logs  # said in one sentence
            assert "live fan-out: listening again" in logs
        finally:
            a.close()
            b.close()
            proxy.stop()
            replicas.stop()
            db.dispose()


def test_connections_are_counted_per_replica(two_replicas: Replicas, pg_backend: Database) -> None:
    with httpx.Client(base_url=two_replicas[0].url, timeout=10) as c:
        assert c.get("/health").status_code == 200
    seen = connections(pg_backend.url)
    for r in two_replicas.items:  # each replica: its pool's connections and its one listener
        assert seen.get(f"aisle-central {r.pid} listen") == 1
        assert 1 <= seen.get(f"aisle-central {r.pid}", 0) <= 30


def test_the_pickup_job_run_by_every_replica_at_once_reminds_each_customer_once(pg_backend: Database) -> None:
    """Cron on every replica's host runs `central pickups-expire` at the same minute: the writer
    lock (taken before the job reads anything) serialises the runs, and the second finds
    nothing due. Real processes, real PostgreSQL."""
    from fastapi.testclient import TestClient

    from central.app import create_app
    from central.config import Settings
    from central.models import Fulfilment, FulfilmentEvent, MailMessage
    from tests.central.test_pickups import order_body, ready_pickup, skus_with_stock

    settings = Settings(database_url=pg_backend.url, keepalive_seconds=0.3, change_watch_seconds=0.2)
    with TestClient(create_app(settings, pg_backend)) as api:
        shop = channel_token(pg_backend)
        till = enrol(api, pg_backend)
        skus = [sku for _, sku in skus_with_stock(pg_backend, "TKY01", n=10)]
        assert len(skus) == 10
        seq = 1
        numbers = []
        for i in range(5):
            created = api.post(
                "/v1/channel/pickups", headers=shop, json=order_body(skus[2 * i : 2 * i + 2], f"web-{i}")
            ).json()
            seq = ready_pickup(api, till, created, seq)
            numbers.append(created["number"])
    with pg_backend.transaction() as s:  # ready four days ago: a reminder is due for each
        for f in s.scalars(select(Fulfilment).where(Fulfilment.kind == "pickup")):
            assert f.ready_at is not None
            f.ready_at = f.ready_at - timedelta(days=4)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "central.cli", "pickups-expire", "--db", pg_backend.url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outs]
    lines = [line for out, _ in outs for line in out.splitlines() if line.startswith("reminded ")]
    assert sorted(lines) == sorted(f"reminded {n}" for n in numbers)  # each once, across the three runs
    with pg_backend.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(FulfilmentEvent).where(FulfilmentEvent.event == "reminded")) == 5
        )
        kinds = s.scalars(select(MailMessage.kind).where(MailMessage.kind == "pickup.reminder")).all()
        assert len(kinds) == 5


def test_a_storm_of_notifications_is_a_few_pokes_not_one_per_notification(
    two_replicas: Replicas, pg_backend: Database
) -> None:
    """20,000 commits' notifications arriving together (a replay burst): the listener merges
    what it reads at once and each device's queue keeps one merged poke, so a device gets a
    handful of pokes, the last naming the newest sequence, not 20,000."""
    from central.fanout import CHANNEL, encode

    b = httpx.Client(base_url=two_replicas[1].url, timeout=10)
    device = enrol(b, pg_backend, "TKY01")
    reader = EventReader(b, device)
    try:
        assert reader.next("hello", 5) is not None
        with pg_backend.session() as s:
            base = int(s.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0) + 1000
        n = 20_000
        with psycopg.connect(conninfo(pg_backend.url)) as con, con.cursor() as cur:  # one commit sends them all
            cur.executemany(
                "SELECT pg_notify(%s, %s)",
                [(CHANNEL, encode(base + i, base + i, [("stock", device.store_id)], origin="storm")) for i in range(n)],
            )
        pokes = []
        while (poke := reader.next("poke", 2.0)) is not None:
            pokes.append(poke)
            assert len(pokes) < n // 100, "a poke per notification"
        assert pokes and pokes[-1].data == {"seq": base + n - 1, "streams": ["stock"]}
    finally:
        reader.close()
        b.close()
