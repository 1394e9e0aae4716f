"""A push applies a run of ops per transaction, each op in its own savepoint (central.ops.batch):
per-op outcomes as if each op had its own transaction, never half a sale, a transaction that
does not commit reports none of its ops applied, one poke per transaction covering every
sequence it wrote."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.app import create_app
from central.config import Settings
from central.db import Database
from central.models import AppliedOp, ChangeLog, Order, OrderLine, Payment, StockMovement
from central.ops import batch
from central.ops.base import Caller
from sync.protocol import OP_ADAPTER
from tests.central.helpers import enrol, location_id, on_hand, stocked_variant
from tests.central.test_sales import push, sale_op


@contextmanager
def refusing(db: Database, receipt_no: str, kind: str) -> Iterator[None]:
    """A real database refusal of the stock movement a sale of `receipt_no` writes (its last
    write): `integrity` (a check), `crash` (not the op's fault), or `at_commit` (PostgreSQL: a
    deferred constraint trigger, so the statement succeeds and the COMMIT fails)."""
    with db.engine.begin() as c:
        if c.dialect.name == "sqlite":
            assert kind != "at_commit"
            body = "SELECT raise(ABORT, 'refused')" if kind == "integrity" else "SELECT abs(-9223372036854775807 - 1)"
            c.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE INSERT ON stock_movements "
                f"WHEN NEW.reference = '{receipt_no}' BEGIN {body}; END"
            )
        else:
            errcode = "check_violation" if kind == "integrity" else "internal_error"
            c.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.reference = '{receipt_no}' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '{errcode}'; "
                "END IF; RETURN NEW; END $$"
            )
            if kind == "at_commit":
                c.exec_driver_sql(
                    "CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON stock_movements DEFERRABLE INITIALLY DEFERRED "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            else:
                c.exec_driver_sql(
                    "CREATE TRIGGER refuse BEFORE INSERT ON stock_movements FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
    try:
        yield
    finally:
        with db.engine.begin() as c:
            if c.dialect.name == "sqlite":
                c.exec_driver_sql("DROP TRIGGER refuse")
            else:
                c.exec_driver_sql("DROP TRIGGER refuse ON stock_movements")
                c.exec_driver_sql("DROP FUNCTION refuse()")


def sales(db: Database, store: int, vid: int, n: int) -> list[dict[str, Any]]:
    return [sale_op(db, store, vid, qty=1, seq=i) for i in range(1, n + 1)]


def what_central_holds(db: Database, ops: list[dict[str, Any]]) -> dict[str, int]:
    sale_ids = [op["payload"]["sale_id"] for op in ops]
    receipts = [op["payload"]["receipt_no"] for op in ops]
    with db.session() as s:
        orders = select(Order.id).where(Order.sale_id.in_(sale_ids))
        return {
            "orders": s.scalar(select(func.count()).select_from(orders.subquery())) or 0,
            "lines": s.scalar(select(func.count()).where(OrderLine.order_id.in_(orders))) or 0,
            "payments": s.scalar(select(func.count()).where(Payment.order_id.in_(orders))) or 0,
            "movements": s.scalar(select(func.count()).where(StockMovement.reference.in_(receipts))) or 0,
            "applied": s.scalar(select(func.count()).where(AppliedOp.op_id.in_([op["op_id"] for op in ops]))) or 0,
        }


@pytest.fixture(autouse=True)
def runs_by_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs these tests expect are decided by op count, not by how busy the machine is: the
    50 ms bound on the writer lock would split them on a loaded CI machine."""
    monkeypatch.setattr(batch, "MAX_TX_SECONDS", 60.0)


def test_the_time_bound_ends_a_run_after_the_op_that_passed_it(
    api: TestClient, backend: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, _ = stocked_variant(backend, store)
    ops = sales(backend, store, vid, 3)
    pokes: list[int] = []

    def publish(seq: int, touched: Iterable[tuple[str, int]] | None = None, *, also: Iterable[int] = ()) -> None:
        pokes.append(seq)

    monkeypatch.setattr(batch, "MAX_TX_SECONDS", 0.0)  # every run is past the bound: one run per transaction
    monkeypatch.setattr(batch, "MAX_RUN_OPS", 1)  # and one op per run
    answer = batch.push(
        backend, Caller(device.device_id, store), [OP_ADAPTER.validate_json(orjson.dumps(op)) for op in ops], publish
    )
    assert [o.status for o in answer.results] == ["applied"] * 3
    assert len(pokes) == 3


def test_a_sale_failing_midway_leaves_nothing_of_itself_keeps_the_earlier_and_skips_the_rest(
    api: TestClient, backend: Database
) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, store)
    ops = sales(backend, store, vid, 3)
    # The second sale's order, lines and payment are written before its stock movement breaks.
    with refusing(backend, ops[1]["payload"]["receipt_no"], "crash"):
        answer = push(api, device, *ops)
    assert [(o["status"], o["code"]) for o in answer] == [("applied", 200), ("failed", 500), ("skipped", 503)]
    assert what_central_holds(backend, ops[:1]) == dict(orders=1, lines=1, payments=1, movements=1, applied=1)
    assert what_central_holds(backend, ops[1:]) == dict(orders=0, lines=0, payments=0, movements=0, applied=0)
    assert on_hand(backend, store, vid) == start - 1
    again = push(api, device, *ops)
    assert [o["status"] for o in again] == ["replayed", "applied", "applied"]
    assert what_central_holds(backend, ops) == dict(orders=3, lines=3, payments=3, movements=3, applied=3)
    assert on_hand(backend, store, vid) == start - 3


def test_a_sale_refused_midway_leaves_nothing_and_the_next_is_applied(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, store)
    ops = sales(backend, store, vid, 3)
    with refusing(backend, ops[1]["payload"]["receipt_no"], "integrity"):
        answer = push(api, device, *ops)
    assert [(o["status"], o["code"]) for o in answer] == [("applied", 200), ("rejected", 422), ("applied", 200)]
    assert what_central_holds(backend, [ops[1]]) == dict(orders=0, lines=0, payments=0, movements=0, applied=0)
    assert what_central_holds(backend, [ops[0], ops[2]])["orders"] == 2
    assert on_hand(backend, store, vid) == start - 2


def test_a_long_push_is_several_transactions_each_poked_once_for_all_it_wrote(
    api: TestClient, backend: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, store)
    ops = sales(backend, store, vid, 5)
    with backend.session() as s:
        before = s.scalar(select(func.max(ChangeLog.seq))) or 0
    pokes: list[tuple[int, list[tuple[str, int]], list[int]]] = []

    def publish(seq: int, touched: Iterable[tuple[str, int]] | None = None, *, also: Iterable[int] = ()) -> None:
        pokes.append((seq, list(touched or ()), sorted(also)))

    monkeypatch.setattr(batch, "MAX_TX_OPS", 2)
    answer = batch.push(
        backend, Caller(device.device_id, store), [OP_ADAPTER.validate_json(orjson.dumps(op)) for op in ops], publish
    )
    assert [o.status for o in answer.results] == ["applied"] * 5
    with backend.session() as s:
        seqs = list(s.scalars(select(ChangeLog.seq).where(ChangeLog.seq > before).order_by(ChangeLog.seq)))
        receipts = list(
            s.scalars(select(Order.receipt_no).where(Order.device_id == device.device_id).order_by(Order.id))
        )
    assert receipts == [op["payload"]["receipt_no"] for op in ops]  # device order kept
    assert len(pokes) == 3  # transactions of 2, 2 and 1 op
    assert [p[1] for p in pokes] == [[("stock", store)]] * 3
    assert sorted(s for p in pokes for s in p[2]) == seqs  # every sequence written, for the watcher
    assert [p[0] for p in pokes] == [max(p[2]) for p in pokes]
    assert on_hand(backend, store, vid) == start - 5


@pytest.mark.postgres
def test_a_transaction_that_cannot_commit_reports_none_of_its_ops_applied(pg_backend: Database) -> None:
    settings = Settings(database_url=pg_backend.url, keepalive_seconds=0.3, change_watch_seconds=0.2)
    with TestClient(create_app(settings, pg_backend)) as api:
        device = enrol(api, pg_backend)
        store = location_id(pg_backend, "TKY01")
        vid, _, start = stocked_variant(pg_backend, store)
        ops = sales(pg_backend, store, vid, 3)
        # Every statement of the third sale succeeds; the COMMIT of the transaction fails.
        with refusing(pg_backend, ops[2]["payload"]["receipt_no"], "at_commit"):
            answer = push(api, device, *ops)
        assert [(o["status"], o["code"]) for o in answer] == [("failed", 500), ("skipped", 503), ("skipped", 503)]
        assert what_central_holds(pg_backend, ops) == dict(orders=0, lines=0, payments=0, movements=0, applied=0)
        assert on_hand(pg_backend, store, vid) == start
        again = push(api, device, *ops)
        assert [o["status"] for o in again] == ["applied"] * 3
        assert what_central_holds(pg_backend, ops) == dict(orders=3, lines=3, payments=3, movements=3, applied=3)


def test_the_same_op_twice_in_one_push_applies_once(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, store)
    op = sale_op(backend, store, vid, qty=2, seq=1)
    other = {**op, "op_id": str(uuid.uuid4()), "device_seq": 2}  # the same sale under another op: 409
    answer = push(api, device, op, op, other)
    assert [(o["status"], o["code"]) for o in answer] == [("applied", 200), ("replayed", 200), ("rejected", 409)]
    assert answer[0]["result"] == answer[1]["result"]
    assert what_central_holds(backend, [op])["orders"] == 1
    assert on_hand(backend, store, vid) == start - 2
