"""The upload side (DESIGN.md section 3): POST /v1/ops takes several ops in device order and
answers per op. Each op applies once, in its own transaction with its idempotency record; a
replay returns the stored result; every deterministic failure is `rejected` with a 4xx and the
next op is still tried; an unexpected failure is `failed` (500) and the rest `skipped`. Stock
moves are deltas and may go negative (a sale has already happened)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central import cli
from central.db import Database
from central.models import AppliedOp, ChangeLog, DeviceSeq, SeqGap, Stock, StockMovement, Variant
from central.ops import HANDLERS
from sync.protocol import OP_TYPES, OpOutcome, PushResponse
from tests.central.helpers import (
    Client,
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


def stock_op(
    variant_id: int, location_id: int, delta: int, op_id: str | None = None, seq: int = 1, note: str = "torn seam"
) -> dict[str, Any]:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "device_seq": seq,
        "type": "stock.adjust",
        "payload": {
            "variant_id": variant_id,
            "location_id": location_id,
            "delta": delta,
            "reason": "damaged",
            "note": note,
            "staff_id": 3,
            "recorded_at": "2026-11-22T10:00:00+00:00",
        },
    }


def push(client: Client, device: Enrolled, *ops: dict[str, Any]) -> PushResponse:
    r = client.post("/v1/ops", headers=device.headers, json={"ops": list(ops)})
    assert r.status_code == 200, r.text
    answer = PushResponse.model_validate_json(r.content)
    assert [o.op_id for o in answer.results] == [op["op_id"] for op in ops]  # one outcome per op, in order
    return answer


def push_one(client: Client, device: Enrolled, op: dict[str, Any]) -> OpOutcome:
    (outcome,) = push(client, device, op).results
    return outcome


def test_every_op_type_has_a_handler() -> None:
    assert set(HANDLERS) == set(OP_TYPES)


def test_a_stock_adjustment_is_applied_ledgered_and_logged(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, -2)
    result = push_one(api, device, body)
    assert (result.op_id, result.status, result.code) == (body["op_id"], "applied", 200)
    assert result.result is not None
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
    first = push_one(api, device, stock_op(vid, tky, -(start + 3)))
    assert first.result is not None and first.result["on_hand"] == -3 == on_hand(backend, tky, vid)
    with backend.session() as s:
        stocked = set(s.scalars(select(Stock.variant_id).where(Stock.location_id == tky)))
        fresh = s.scalar(select(Variant.id).where(Variant.id.not_in(stocked)).limit(1))
    assert fresh is not None and on_hand(backend, tky, fresh) is None
    result = push_one(api, device, stock_op(fresh, tky, 4, seq=2)).result
    assert result is not None
    assert (result["on_hand"], result["reserved"]) == (4, 0) == (on_hand(backend, tky, fresh), 0)


def test_a_replayed_op_returns_the_stored_result_and_applies_nothing(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, 5)
    first = push_one(api, device, body)
    for _ in range(3):  # the response was lost, the outbox sends again
        again = push_one(api, device, body)
        assert again == first.model_copy(update={"status": "replayed"})
    assert on_hand(backend, tky, vid) == start + 5
    assert count_movements(backend, variant_id=vid) == 1
    assert count_changes(backend, "stock") == 1


def test_the_same_op_id_with_another_body_is_a_conflict(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, 1)
    assert push_one(api, device, body).status == "applied"
    changed_payload = {**body, "payload": {**body["payload"], "delta": 2}}
    changed_seq = {**body, "device_seq": 9}
    for clash in (changed_payload, changed_seq):
        outcome = push_one(api, device, clash)
        assert (outcome.status, outcome.code) == ("rejected", 409)
        assert outcome.detail == "this op_id was already used for a different operation"
    assert on_hand(backend, tky, vid) == start + 1 and count_movements(backend, variant_id=vid) == 1


def test_a_re_enrolled_tablet_replays_its_old_outbox_but_another_store_cannot(
    api: TestClient, backend: Database
) -> None:
    """A tablet enrolled again (new device id, same store) sends the ops its old identity had
    sent: the same body is a replay. The same op_id from a device of another store is a clash."""
    old = enrol(api, backend, "TKY01")
    new = enrol(api, backend, "TKY01")
    elsewhere = enrol(api, backend, "BER01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    body = stock_op(vid, tky, 1)
    first = push_one(api, old, body)
    again = push_one(api, new, body)
    assert again == first.model_copy(update={"status": "replayed"})
    clash = push_one(api, elsewhere, body)
    assert (clash.status, clash.code) == ("rejected", 409)
    changed = push_one(api, new, {**body, "payload": {**body["payload"], "delta": 3}})
    assert (changed.status, changed.code) == ("rejected", 409)
    assert on_hand(backend, tky, vid) == start + 1 and count_movements(backend, variant_id=vid) == 1


def test_rejected_ops_change_nothing(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky, tky02 = location_id(backend, "TKY01"), location_id(backend, "TKY02")
    vid, _, _ = stocked_variant(backend, tky02)
    before = on_hand(backend, tky02, vid)

    # Another store's stock, even a nearby one the device caches: forbidden.
    other_store = stock_op(vid, tky02, -1)
    outcome = push_one(api, device, other_store)
    assert (outcome.status, outcome.code) == ("rejected", 403)
    assert outcome.detail == "a device may only correct the stock of its own store"

    outcome = push_one(api, device, stock_op(1_000_000, tky, 1, seq=2))
    assert (outcome.status, outcome.code) == ("rejected", UNKNOWN_VARIANT)
    assert outcome.detail == "unknown variant 1000000"

    assert on_hand(backend, tky02, vid) == before
    assert count_movements(backend) == 0 and count_changes(backend, "stock") == 0
    with backend.session() as s:
        assert s.scalars(select(AppliedOp)).all() == []
    # A rejected op was not recorded: its op_id is still free for a valid operation.
    retry = push_one(api, device, {**stock_op(vid, tky, 1, seq=3), "op_id": other_store["op_id"]})
    assert retry.status == "applied"


def broken(vid: int, loc: int, **changes: Any) -> dict[str, Any]:
    body = stock_op(vid, loc, 1)
    payload = {k: v for k, v in {**body["payload"], **changes}.items() if v is not ...}
    return {**body, "payload": payload}


@pytest.mark.parametrize(
    "invalid",
    [
        pytest.param({"recorded_at": 0}, id="recorded_at-0"),  # an integer is not a time
        pytest.param({"recorded_at": 1764600000}, id="recorded_at-epoch-seconds"),
        pytest.param({"delta": 0}, id="delta-0"),  # a correction that changes nothing
        pytest.param({"delta": "1"}, id="delta-string"),
        pytest.param({"delta": 1.0}, id="delta-float"),
        pytest.param({"variant_id": True}, id="variant-bool"),
        pytest.param({"reason": "bored"}, id="reason"),
        pytest.param({"delta": 10_000}, id="delta-too-big"),
        pytest.param({"variant_id": 0}, id="variant-0"),
        pytest.param({"recorded_at": ...}, id="recorded_at-missing"),
        pytest.param({"extra": "field"}, id="extra-field"),
    ],
)
def test_a_malformed_op_is_refused_whole_with_422(api: TestClient, backend: Database, invalid: dict[str, Any]) -> None:
    """Strict wire types: no coercion on the way in, the same rules as the device's models."""
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    r = api.post("/v1/ops", headers=device.headers, json={"ops": [broken(vid, tky, **invalid)]})
    assert r.status_code == 422, r.text
    assert r.json()["detail"]
    assert on_hand(backend, tky, vid) == start and count_movements(backend) == 0


def test_a_malformed_request_is_422(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, _ = stocked_variant(backend, tky)
    for invalid in (
        {"ops": []},
        {"ops": [stock_op(vid, tky, 1)] * 201},
        stock_op(vid, tky, 1),  # a bare op, as the old API took
        {"ops": [{**stock_op(vid, tky, 1), "type": "sale.create"}]},
        {"ops": [{**stock_op(vid, tky, 1), "op_id": "not-a-uuid"}]},
        {"ops": [{**stock_op(vid, tky, 1), "device_seq": 0}]},
    ):
        r = api.post("/v1/ops", headers=device.headers, json=invalid)
        assert r.status_code == 422, (invalid, r.text)
    assert count_movements(backend) == 0


def test_a_poison_op_at_the_head_of_a_push_is_rejected_and_the_rest_applied(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    poison = stock_op(1_000_000, tky, 1, seq=1)
    good = [stock_op(vid, tky, -1, seq=n) for n in (2, 3)]
    answer = push(api, device, poison, *good)
    assert [(o.status, o.code) for o in answer.results] == [("rejected", 404), ("applied", 200), ("applied", 200)]
    assert on_hand(backend, tky, vid) == start - 2
    assert answer.gaps == []


def test_several_ops_of_one_push_apply_in_order(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    deltas = [5, -2, -7, 1, 3]
    answer = push(api, device, *(stock_op(vid, tky, d, seq=n) for n, d in enumerate(deltas, 1)))
    assert all(o.status == "applied" for o in answer.results)
    figures = [o.result["on_hand"] for o in answer.results if o.result]
    expected = [start + sum(deltas[: i + 1]) for i in range(len(deltas))]
    assert figures == expected
    seqs = [o.result["seq"] for o in answer.results if o.result]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)  # one change per op, in order
    with backend.session() as s:
        moves = s.scalars(select(StockMovement.delta).where(StockMovement.variant_id == vid).order_by(StockMovement.id))
        assert list(moves) == deltas


@contextmanager
def trigger(db: Database, note: str, kind: str) -> Iterator[None]:
    """A real database refusal of stock movements carrying `note`: `integrity` as a constraint
    (a check a later migration might add), `crash` as an error that is not the op's fault."""
    with db.engine.begin() as c:
        if c.dialect.name == "sqlite":
            body = (
                "SELECT raise(ABORT, 'refused by a check')"
                if kind == "integrity"
                else "SELECT abs(-9223372036854775807 - 1)"
            )
            c.exec_driver_sql(
                f"CREATE TRIGGER refuse_{kind} BEFORE INSERT ON stock_movements WHEN NEW.note = '{note}' BEGIN {body}; END"
            )
        else:
            errcode = "check_violation" if kind == "integrity" else "internal_error"
            c.exec_driver_sql(
                f"CREATE FUNCTION refuse_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.note = '{note}' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '{errcode}'; END IF; "
                "RETURN NEW; END $$"
            )
            c.exec_driver_sql(
                f"CREATE TRIGGER refuse_{kind} BEFORE INSERT ON stock_movements FOR EACH ROW EXECUTE FUNCTION refuse_{kind}()"
            )
    try:
        yield
    finally:
        with db.engine.begin() as c:
            c.exec_driver_sql(
                f"DROP TRIGGER refuse_{kind}" + ("" if c.dialect.name == "sqlite" else " ON stock_movements")
            )


def test_a_deterministic_integrity_failure_is_a_422_not_a_500(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    with trigger(backend, "poison", "integrity"):
        answer = push(api, device, stock_op(vid, tky, 1, seq=1, note="poison"), stock_op(vid, tky, 2, seq=2))
    first, second = answer.results
    assert (first.status, first.code) == ("rejected", 422)
    assert first.detail and "refused" in first.detail
    assert second.status == "applied" and on_hand(backend, tky, vid) == start + 2
    assert count_changes(backend, "stock") == 1  # the refused op left nothing behind


def test_an_unexpected_failure_fails_that_op_and_skips_the_rest_keeping_earlier_ones(
    api: TestClient, backend: Database
) -> None:
    """Per-op transactions: the op applied before the failure stays applied."""
    device = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, start = stocked_variant(backend, tky)
    ops = [stock_op(vid, tky, 1, seq=1), stock_op(vid, tky, 2, seq=2, note="boom"), stock_op(vid, tky, 4, seq=3)]
    with trigger(backend, "boom", "crash"):
        answer = push(api, device, *ops)
    assert [(o.status, o.code) for o in answer.results] == [("applied", 200), ("failed", 500), ("skipped", 503)]
    assert on_hand(backend, tky, vid) == start + 1
    # Sent again later (the device retries failed and skipped ops): applied now, the first replayed.
    again = push(api, device, *ops)
    assert [o.status for o in again.results] == ["replayed", "applied", "applied"]
    assert on_hand(backend, tky, vid) == start + 7


def test_a_jump_in_device_seq_is_recorded_as_a_gap(
    api: TestClient, backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    device = enrol(api, backend, "TKY01")
    other = enrol(api, backend, "TKY01")
    tky = location_id(backend, "TKY01")
    vid, _, _ = stocked_variant(backend, tky)
    # The first op ever seen starts the count: a device enrolled again may begin anywhere.
    assert push(api, device, stock_op(vid, tky, 1, seq=40)).gaps == []
    answer = push(api, device, stock_op(vid, tky, 1, seq=41), stock_op(vid, tky, 1, seq=44))
    assert answer.gaps == [42, 43]
    assert push(api, device, stock_op(vid, tky, 1, seq=45)).gaps == []  # reported once
    # An op arriving late (one of the gap) is accepted; a rejected op counts as seen too.
    late = push(api, device, stock_op(1_000_000, tky, 1, seq=250))
    assert late.results[0].code == 404 and late.gaps == list(range(46, 146))  # at most 100 listed
    assert push(api, other, stock_op(vid, tky, 1, seq=1)).gaps == []
    with backend.session() as s:
        assert s.get_one(DeviceSeq, device.device_id).high == 250
        gaps = [(g.first, g.last) for g in s.scalars(select(SeqGap).where(SeqGap.device_id == device.device_id))]
    assert sorted(gaps) == [(42, 43), (46, 249)]
    assert cli.main(["gaps", "--db", backend.url, "--device", device.device_id]) == 0
    out = capsys.readouterr().out
    assert "seq 42-43" in out and "seq 46-249" in out
    assert cli.main(["gaps", "--db", backend.url, "--device", other.device_id]) == 0
    assert "No gaps" in capsys.readouterr().out


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
            answers.append(client.post("/v1/ops", headers=device.headers, json={"ops": [body]}))

        threads = [threading.Thread(target=send) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert [a.status_code for a in answers] == [200] * 6, [a.text for a in answers]
    outcomes = [a.json()["results"][0] for a in answers]
    assert sorted(o["status"] for o in outcomes) == ["applied"] + ["replayed"] * 5
    assert len({orjson.dumps(o["result"]) for o in outcomes}) == 1
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
                ops = {"ops": [stock_op(vid, tky, -1, seq=seq)]}
                answers.append(client.post("/v1/ops", headers=device.headers, json=ops))

        threads = [threading.Thread(target=send, args=(till,)) for till in tills]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert [a.status_code for a in answers] == [200] * 20, [a.text for a in answers]
    assert sorted(a.json()["results"][0]["result"]["on_hand"] for a in answers) == list(range(start - 20, start))
    assert on_hand(backend, tky, vid) == start - 20
    assert count_movements(backend, variant_id=vid) == 20
