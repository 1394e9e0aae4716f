"""Runs of sales applied at once (central.ops.batch with sale_complete.apply_many): each op's
outcome, and everything central holds afterwards, are those of applying the ops one after the
other; a push answers within its time bound; central's re-pricing facts, kept across
transactions, follow a change of them."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.app import create_app
from central.changes import set_price, writing
from central.config import Settings
from central.db import Database
from central.models import (
    AppliedOp,
    ChangeLog,
    Order,
    OrderLine,
    Payment,
    Price,
    PriceList,
    Stock,
    StockMovement,
    Variant,
)
from central.ops import batch
from central.ops.base import Caller
from sync.protocol import OP_ADAPTER
from tests.central.conftest import DatabaseFactory
from tests.central.helpers import Enrolled, enrol, location_id, on_hand, stocked_variant
from tests.central.test_sales import push, sale_op


@pytest.fixture(autouse=True)
def runs_by_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs and transactions decided by op count, not by how busy the machine is."""
    monkeypatch.setattr(batch, "MAX_TX_SECONDS", 60.0)
    monkeypatch.setattr(batch, "MAX_PUSH_SECONDS", 60.0)


@contextmanager
def serving(db: Database) -> Iterator[tuple[TestClient, Enrolled]]:
    settings = Settings(database_url=db.url, keepalive_seconds=0.3, change_watch_seconds=0.2)
    with TestClient(create_app(settings, db)) as api:
        yield api, enrol(api, db)


def unstocked_variant(db: Database, store: int) -> int:
    """A variant with a price and no stock row at `store` (its first sale creates the row)."""
    with db.session() as s:
        held = select(Stock.variant_id).where(Stock.location_id == store)
        vid = s.scalar(
            select(Variant.id)
            .where(Variant.id.not_in(held), Variant.id.in_(select(Price.variant_id)))
            .order_by(Variant.id)
            .limit(1)
        )
    assert vid is not None
    return vid


def mixed_push(db: Database, store: int, other_store: int) -> list[dict[str, Any]]:
    """Sales with every per-op outcome a run can give, in one push: applied ones on the same
    stock row and on a row that does not exist yet, an unknown variant (404), another store's
    sale (403), a sale sent again under another op_id (409, also inside the run), a receipt
    number reused by another sale (flagged), a stock.adjust in between (ends the run) and the
    same op twice (replayed)."""
    vid, _, _ = stocked_variant(db, store)
    fresh = unstocked_variant(db, store)
    ops = [sale_op(db, store, vid, qty=q, seq=i) for i, q in enumerate([1, 2, 3, 1, 2], start=1)]
    unknown = copy.deepcopy(sale_op(db, store, vid, seq=6))
    unknown["payload"]["lines"][0]["variant_id"] = 10**9
    unknown["payload"]["stock"][0]["variant_id"] = 10**9
    elsewhere = copy.deepcopy(sale_op(db, store, vid, seq=7))
    elsewhere["payload"]["store_id"] = other_store
    again = {**ops[1], "op_id": str(uuid.uuid4())}  # the same sale under another op
    reused = sale_op(db, store, vid, seq=2)  # another sale, the receipt number of ops[1]
    adjust = {
        "op_id": str(uuid.uuid4()),
        "type": "stock.adjust",
        "payload": {
            "location_id": store,
            "variant_id": vid,
            "delta": 5,
            "reason": "found",
            "note": "",
            "staff_id": 1,
            "recorded_at": ops[0]["payload"]["completed_at"],
        },
    }
    later = [sale_op(db, store, fresh, qty=2, seq=i) for i in (20, 21)]
    pushed = [
        ops[0],
        ops[1],
        unknown,
        ops[2],
        again,
        elsewhere,
        reused,
        ops[3],
        adjust,
        ops[4],
        *later,
        ops[4],
    ]
    seqs: dict[str, int] = {}
    for op in pushed:
        seqs.setdefault(op["op_id"], len(seqs) + 1)  # the same op sent twice is the same body
    return [{**op, "device_seq": seqs[op["op_id"]]} for op in pushed]


def holdings(db: Database, since: int) -> dict[str, Any]:
    """Everything a push can write, in a form two databases can be compared by."""
    with db.session() as s:
        orders = [
            (r.id, r.sale_id, r.op_id, r.receipt_no, r.total, r.tax, r.central_total, r.flagged, r.checks)
            for r in s.scalars(select(Order).where(Order.channel == "store").order_by(Order.id))
        ]
        lines = [
            (r.order_id, r.line_no, r.variant_id, r.quantity, r.total, r.tax)
            for r in s.scalars(select(OrderLine).order_by(OrderLine.order_id, OrderLine.line_no))
        ]
        payments = [(r.order_id, r.type, r.amount, r.change) for r in s.scalars(select(Payment).order_by(Payment.id))]
        moves = [
            (r.location_id, r.variant_id, r.delta, r.reason, r.reference, r.staff_id)
            for r in s.scalars(select(StockMovement).order_by(StockMovement.id))
        ]
        changes = [
            (r.seq, r.stream, r.scope, r.key, r.row)
            for r in s.scalars(select(ChangeLog).where(ChangeLog.seq > since).order_by(ChangeLog.seq))
        ]
        stock = [
            (r.location_id, r.variant_id, r.on_hand, r.reserved, r.row_hash)
            for r in s.scalars(select(Stock).order_by(Stock.location_id, Stock.variant_id))
        ]
        applied = [
            (r.op_id, r.device_seq, r.type, r.body_hash, r.result)
            for r in s.scalars(select(AppliedOp).order_by(AppliedOp.device_seq))
        ]
    return dict(
        orders=orders, lines=lines, payments=payments, moves=moves, changes=changes, stock=stock, applied=applied
    )


def high(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(ChangeLog.seq))) or 0


def test_a_run_gives_each_op_the_outcome_and_the_rows_of_applying_them_one_by_one(
    make_database: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_run, one_by_one = make_database(), make_database()
    store, other = location_id(by_run, "TKY01"), location_id(by_run, "BER01")
    ops = mixed_push(by_run, store, other)
    answers: list[list[dict[str, Any]]] = []
    held: list[dict[str, Any]] = []
    for db, run_ops in ((by_run, batch.MAX_RUN_OPS), (one_by_one, 1)):
        monkeypatch.setattr(batch, "MAX_RUN_OPS", run_ops)
        since = high(db)
        with serving(db) as (api, device):
            answers.append(push(api, device, *ops))
        held.append(holdings(db, since))
    statuses = [(a["status"], a["code"]) for a in answers[0]]
    assert statuses == [
        ("applied", 200),
        ("applied", 200),
        ("rejected", 404),
        ("applied", 200),
        ("rejected", 409),
        ("rejected", 403),
        ("applied", 200),
        ("applied", 200),
        ("applied", 200),
        ("applied", 200),
        ("applied", 200),
        ("applied", 200),
        ("replayed", 200),
    ]
    assert answers[0] == answers[1]  # order ids, sequences, details: all the same
    assert held[0] == held[1]  # orders, lines, payments, ledger, change log, stock, op records
    flagged = [o for o in held[0]["orders"] if o[7]]
    assert [o[3] for o in flagged] == [ops[6]["payload"]["receipt_no"]]  # the reused receipt number
    assert "receipt_no.duplicate" in flagged[0][8]
    assert [o[0] for o in held[0]["orders"]] == sorted(o[0] for o in held[0]["orders"])
    assert [o[2] for o in held[0]["orders"]] == [
        op["op_id"]
        for op, a in zip(ops, answers[0], strict=True)
        if a["status"] == "applied" and op["type"] == "sale.complete"
    ]  # order ids follow the push's order


def test_a_run_is_one_savepoint_and_a_refused_sale_sends_it_op_by_op(
    api: TestClient, backend: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of a run that the database refuses holds; op by op, only the refused sale is
    rejected and the sales around it apply (one transaction for them all)."""
    from tests.central.test_ops_batch import refusing, what_central_holds

    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, store)
    ops = [sale_op(backend, store, vid, qty=1, seq=i) for i in range(1, 6)]
    pokes: list[int] = []

    def publish(seq: int, touched: Iterable[tuple[str, int]] | None = None, *, also: Iterable[int] = ()) -> None:
        pokes.append(seq)

    with refusing(backend, ops[3]["payload"]["receipt_no"], "integrity"):
        answer = batch.push(
            backend,
            Caller(device.device_id, store),
            [OP_ADAPTER.validate_json(orjson.dumps(op)) for op in ops],
            publish,
        )
    assert [(o.status, o.code) for o in answer.results] == [("applied", 200)] * 3 + [
        ("rejected", 422),
        ("applied", 200),
    ]
    assert len(pokes) == 1
    assert what_central_holds(backend, [ops[3]]) == dict(orders=0, lines=0, payments=0, movements=0, applied=0)
    assert what_central_holds(backend, ops[:3] + ops[4:])["orders"] == 4
    assert on_hand(backend, store, vid) == start - 4


def test_a_push_answers_when_its_time_is_up_and_the_rest_is_sent_again(
    api: TestClient, backend: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, store)
    ops = [sale_op(backend, store, vid, qty=1, seq=i) for i in range(1, 6)]
    monkeypatch.setattr(batch, "MAX_TX_OPS", 2)
    monkeypatch.setattr(batch, "MAX_PUSH_SECONDS", 0.0)  # up after the first transaction
    answer = push(api, device, *ops)
    assert [o["status"] for o in answer] == ["applied", "applied", "skipped", "skipped", "skipped"]
    assert answer[2]["code"] == 503 and "ran out" in answer[2]["detail"]
    assert on_hand(backend, store, vid) == start - 2
    monkeypatch.setattr(batch, "MAX_PUSH_SECONDS", 60.0)
    again = push(api, device, *ops)
    assert [o["status"] for o in again] == ["replayed", "replayed", "applied", "applied", "applied"]
    assert on_hand(backend, store, vid) == start - 5
    with backend.session() as s:
        receipts = list(
            s.scalars(select(Order.receipt_no).where(Order.device_id == device.device_id).order_by(Order.id))
        )
    assert receipts == [op["payload"]["receipt_no"] for op in ops]


def test_a_price_changed_between_pushes_is_the_one_central_prices_with(api: TestClient, backend: Database) -> None:
    """Central keeps the prices it re-prices with across transactions; a price change (in the
    change log) makes the next transaction read them again."""
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _, _ = stocked_variant(backend, store)
    first = sale_op(backend, store, vid, seq=1)
    stale = sale_op(backend, store, vid, seq=2)  # priced by the tablet before the change
    assert [o["status"] for o in push(api, device, first)] == ["applied"]
    with backend.session() as s:
        lists = s.execute(
            select(Price.list_id, Price.amount)
            .join(PriceList, PriceList.id == Price.list_id)
            .where(Price.variant_id == vid)
        ).all()
    with backend.session() as s, writing(s):
        for list_id, amount in lists:
            set_price(s, list_id, vid, amount + 1000)
    answer = push(api, device, stale)
    assert [o["status"] for o in answer] == ["applied"]
    assert answer[0]["result"]["flagged"] is True
    with backend.session() as s:
        checks = orjson.loads(
            s.scalar(select(Order.checks).where(Order.receipt_no == stale["payload"]["receipt_no"])) or "[]"
        )
    assert any(c["check"] == "central.line.unit_price" for c in checks)
    fresh = sale_op(backend, store, vid, seq=3)  # priced from the new prices
    answer = push(api, device, fresh)
    assert answer[0]["result"]["flagged"] is False
