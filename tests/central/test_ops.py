"""The upload side (DESIGN.md section 3): POST /v1/ops applies each op once, in one transaction
with its idempotency record; a replay returns the stored result; stock moves are deltas and may
go negative (a sale has already happened)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx
import orjson
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import AppliedOp, ChangeLog, Stock, StockMovement, Variant
from sync.protocol import OpResult
from tests.central.helpers import (
    Enrolled,
    count_changes,
    count_movements,
    enrol,
    location_id,
    on_hand,
    stocked_variant,
)
from tests.support.servers import run_central

# An op naming a variant central does not know can never succeed: a 4xx the device dead-letters.
# Central answers 404 (tests/integration/test_sync.py relies on it), not 422.
UNKNOWN_VARIANT = 404


def stock_op(variant_id: int, location_id: int, delta: int, op_id: str | None = None, seq: int = 1) -> dict[str, Any]:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "device_seq": seq,
        "type": "stock.adjust",
        "payload": {
            "variant_id": variant_id,
            "location_id": location_id,
            "delta": delta,
            "reason": "damaged",
            "note": "torn seam",
            "staff_id": 3,
            "recorded_at": "2026-11-22T10:00:00+00:00",
        },
    }


def test_a_stock_adjustment_is_applied_ledgered_and_logged(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, -2)
    r = api.post("/v1/ops", headers=device.headers, json=body)
    assert r.status_code == 200, r.text
    result = OpResult.model_validate_json(r.content)
    assert (result.op_id, result.status) == (body["op_id"], "applied")
    assert result.result["on_hand"] == start - 2 == on_hand(backend, tky, vid)
    seq = result.result["seq"]

    with backend.session() as s:
        (move,) = s.scalars(select(StockMovement).where(StockMovement.variant_id == vid))
        assert (move.location_id, move.delta, move.reason, move.note) == (tky, -2, "damaged", "torn seam")
        assert (move.source, move.device_id, move.staff_id) == ("device", device.device_id, 3)
        log = s.get_one(ChangeLog, seq)
        stock = s.get_one(Stock, (tky, vid))
        assert (log.stream, log.scope, orjson.loads(log.key)) == ("stock", tky, [tky, vid])
        assert orjson.loads(log.row or "") == [tky, vid, stock.on_hand, stock.reserved]
        record = s.get_one(AppliedOp, body["op_id"])
        assert (record.device_id, record.device_seq, record.type) == (device.device_id, 1, "stock.adjust")
    # The device's next pull brings the change it caused.
    page = api.get("/v1/sync/stock/changes", headers=device.headers, params={"after": seq - 1}).json()
    assert [c["seq"] for c in page["changes"]] == [seq]
    assert page["changes"][0]["row"] == [tky, vid, start - 2, stock.reserved]


def test_stock_may_go_negative_and_unknown_rows_start_at_zero(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    r = api.post("/v1/ops", headers=device.headers, json=stock_op(vid, tky, -(start + 3)))
    assert r.status_code == 200 and r.json()["result"]["on_hand"] == -3 == on_hand(backend, tky, vid)
    with backend.session() as s:
        stocked = set(s.scalars(select(Stock.variant_id).where(Stock.location_id == tky)))
        fresh = s.scalar(select(Variant.id).where(Variant.id.not_in(stocked)).limit(1))
    assert fresh is not None and on_hand(backend, tky, fresh) is None
    r = api.post("/v1/ops", headers=device.headers, json=stock_op(fresh, tky, 4, seq=2))
    assert r.status_code == 200
    result = r.json()["result"]
    assert (result["on_hand"], result["reserved"]) == (4, 0) == (on_hand(backend, tky, fresh), 0)


def test_a_replayed_op_returns_the_stored_result_and_applies_nothing(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, 5)
    first = api.post("/v1/ops", headers=device.headers, json=body).json()
    for _ in range(3):  # the response was lost, the outbox sends again
        again = api.post("/v1/ops", headers=device.headers, json=body)
        assert again.status_code == 200
        assert again.json() == {**first, "status": "replayed"}
    assert on_hand(backend, tky, vid) == start + 5
    assert count_movements(backend, variant_id=vid) == 1
    assert count_changes(backend, "stock") == 1


def test_the_same_op_id_with_another_body_is_a_conflict(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    other = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, 1)
    assert api.post("/v1/ops", headers=device.headers, json=body).status_code == 200
    changed_payload = {**body, "payload": {**body["payload"], "delta": 2}}
    changed_seq = {**body, "device_seq": 9}
    for clash in (changed_payload, changed_seq):
        r = api.post("/v1/ops", headers=device.headers, json=clash)
        assert r.status_code == 409
        assert r.json()["detail"] == "this op_id was already used for a different operation"
    # The same op from another device is not a replay of this one.
    assert api.post("/v1/ops", headers=other.headers, json=body).status_code == 409
    assert on_hand(backend, tky, vid) == start + 1 and count_movements(backend, variant_id=vid) == 1


def test_rejected_ops_change_nothing(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky, tky02 = location_id(backend, "TKY01"), location_id(backend, "TKY02")
    vid, _, _ = stocked_variant(backend, tky02)
    before = on_hand(backend, tky02, vid)

    # Another store's stock, even a nearby one the device caches: forbidden.
    other_store = stock_op(vid, tky02, -1)
    r = api.post("/v1/ops", headers=device.headers, json=other_store)
    assert r.status_code == 403
    assert r.json()["detail"] == "a device may only correct the stock of its own store"

    unknown = stock_op(1_000_000, tky, 1)
    r = api.post("/v1/ops", headers=device.headers, json=unknown)
    assert r.status_code == UNKNOWN_VARIANT
    assert r.json()["detail"] == "unknown variant 1000000"

    def broken(**changes: Any) -> dict[str, Any]:
        body = stock_op(vid, tky, 1)
        payload = {k: v for k, v in {**body["payload"], **changes}.items() if v is not ...}
        return {**body, "payload": payload}

    for invalid in (
        broken(reason="bored"),
        broken(delta=10_000),
        broken(variant_id=0),
        broken(recorded_at=...),
        broken(extra="field"),
        {**stock_op(vid, tky, 1), "type": "sale.create"},
        {**stock_op(vid, tky, 1), "op_id": "not-a-uuid"},
        {**stock_op(vid, tky, 1), "device_seq": 0},
    ):
        r = api.post("/v1/ops", headers=device.headers, json=invalid)
        assert r.status_code == 422, (invalid, r.text)
        assert r.json()["detail"]

    assert on_hand(backend, tky02, vid) == before
    assert count_movements(backend) == 0 and count_changes(backend, "stock") == 0
    with backend.session() as s:
        assert s.scalars(select(AppliedOp)).all() == []
    # A rejected op was not recorded: its op_id is still free for a valid operation.
    retry = api.post("/v1/ops", headers=device.headers, json={**stock_op(vid, tky, 1), "op_id": other_store["op_id"]})
    assert retry.status_code == 200 and retry.json()["status"] == "applied"


def test_the_same_op_sent_concurrently_applies_once(backend: Database) -> None:
    """A retry overtakes the original request: both answers agree and the stock moves once."""
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, -1)
    answers: list[httpx.Response] = []
    with run_central(backend) as url, httpx.Client(base_url=url, timeout=30) as client:
        device = enrol(client, backend, "TKY01")
        barrier = threading.Barrier(6)

        def send() -> None:
            barrier.wait()
            answers.append(client.post("/v1/ops", headers=device.headers, json=body))

        threads = [threading.Thread(target=send) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert [a.status_code for a in answers] == [200] * 6, [a.text for a in answers]
    assert sorted(a.json()["status"] for a in answers) == ["applied"] + ["replayed"] * 5
    assert len({orjson.dumps(a.json()["result"]) for a in answers}) == 1
    assert on_hand(backend, tky, vid) == start - 1
    assert count_movements(backend, variant_id=vid) == 1 and count_changes(backend, "stock") == 1


def test_concurrent_adjustments_of_one_stock_row_all_count(backend: Database) -> None:
    """Four tills correct the same item at the same moment: stock moves by the sum of the deltas
    (no lost update), and equals the seed figure plus the ledger."""
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    answers: list[httpx.Response] = []
    with run_central(backend) as url, httpx.Client(base_url=url, timeout=30) as client:
        tills = [enrol(client, backend, "TKY01", f"till {n}") for n in range(4)]
        barrier = threading.Barrier(len(tills))

        def send(device: Enrolled) -> None:
            barrier.wait()
            for seq in range(1, 6):
                answers.append(client.post("/v1/ops", headers=device.headers, json=stock_op(vid, tky, -1, seq=seq)))

        threads = [threading.Thread(target=send, args=(till,)) for till in tills]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert [a.status_code for a in answers] == [200] * 20, [a.text for a in answers]
    assert sorted(a.json()["result"]["on_hand"] for a in answers) == list(range(start - 20, start))
    assert on_hand(backend, tky, vid) == start - 20
    assert count_movements(backend, variant_id=vid) == 20
