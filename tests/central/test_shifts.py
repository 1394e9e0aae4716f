"""`shift.close` on central (docs/shifts.md): a till's closed shift and its Z report stored once
per shift, a second shift under the same Z number refused, another store's refused, a gap in a
till's numbers answered; `GET /v1/shifts` for head office (channel) and a device of the store.
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.db import Database
from central.models import ShiftReport
from tests.central.helpers import Enrolled, channel_token, enrol, location_id

REPORT = {"kind": "Z", "sales_total": 12800, "tenders": [{"tender": "cash", "count": 2, "total": 12800}]}


def close_op(device: Enrolled, *, number: int = 1, shift_id: uuid.UUID | None = None, seq: int = 1,
             store_id: int | None = None, till: str = "T1") -> dict[str, Any]:  # fmt: skip
    return {
        "op_id": str(uuid.uuid4()),
        "device_seq": seq,
        "type": "shift.close",
        "payload": {
            "shift_id": str(shift_id or uuid.uuid4()),
            "store_id": store_id or device.store_id,
            "till": till,
            "number": number,
            "currency": "JPY",
            "opened_at": "2026-12-02T09:00:00+09:00",
            "closed_at": "2026-12-02T18:00:00+09:00",
            "opened_by": 1,
            "closed_by": 2,
            "staff": [1, 2],
            "movements": [
                {
                    "kind": "float",
                    "amount": 30000,
                    "reason": "float",
                    "note": "",
                    "staff_id": 1,
                    "approved_by": None,
                    "at": "2026-12-02T09:00:00+09:00",
                },
                {
                    "kind": "no_sale",
                    "amount": 0,
                    "reason": "give_change",
                    "note": "",
                    "staff_id": 2,
                    "approved_by": None,
                    "at": "2026-12-02T11:00:00+09:00",
                },
            ],
            "counts": [{"denomination": 10000, "pieces": 4}, {"denomination": 1000, "pieces": 2}],
            "expected_cash": 42800,
            "counted_cash": 42000,
            "report": json.dumps(REPORT),
        },
    }


def push(api: TestClient, device: Enrolled, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    r = api.post("/v1/ops", json={"ops": list(ops)}, headers=device.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["results"])


def test_a_closed_shift_is_stored_once_and_head_office_reads_it(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    sid = uuid.uuid4()
    op = close_op(till, shift_id=sid)
    (first,) = push(api, till, op)
    assert first["status"] == "applied", first
    assert first["result"]["number"] == 1 and first["result"]["gap_before"] is False
    (again,) = push(api, till, op)
    assert again["status"] == "replayed" and again["result"] == first["result"]
    (other_op,) = push(api, till, dict(op, op_id=str(uuid.uuid4()), device_seq=2))  # same shift, new op id
    assert other_op["status"] == "applied" and other_op["result"]["id"] == first["result"]["id"]
    with backend.session() as s:
        assert s.scalar(select(func.count()).select_from(ShiftReport)) == 1
        row = s.scalars(select(ShiftReport)).one()
        assert (row.till, row.number, row.expected_cash, row.counted_cash, row.device_id) == (
            "T1",
            1,
            42800,
            42000,
            till.device_id,
        )
    office = channel_token(backend)
    r = api.get("/v1/shifts", params={"store": "TKY01"}, headers=office)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [s["shift_id"] for s in body["shifts"]] == [str(sid)] and body["has_more"] is False
    got = body["shifts"][0]
    assert got["report"] == REPORT and got["counts"][0] == {"denomination": 10000, "pieces": 4}
    assert got["movements"][1]["kind"] == "no_sale" and got["sales_total"] == 12800
    r2 = api.get("/v1/shifts", params={"store": "TKY01", "after": body["next"]}, headers=office)
    assert r2.json()["shifts"] == []
    mine = api.get(f"/v1/shifts/{sid}", headers=till.headers)
    assert mine.status_code == 200 and mine.json()["number"] == 1
    assert api.get("/v1/shifts", params={"store": "TKY01"}, headers=till.headers).status_code == 200


def test_bad_closes_are_refused_with_a_reason(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    (ok,) = push(api, till, close_op(till, number=1))
    assert ok["status"] == "applied"
    (dup,) = push(api, till, close_op(till, number=1, seq=2))  # another shift, the same Z number
    assert dup["status"] == "rejected" and dup["code"] == 409 and "Z report 1" in dup["detail"]
    berlin = location_id(backend, "BER01")
    (foreign,) = push(api, till, close_op(till, number=2, seq=3, store_id=berlin))
    assert foreign["status"] == "rejected" and foreign["code"] == 403
    (gap,) = push(api, till, close_op(till, number=5, seq=4))
    assert gap["status"] == "applied" and gap["result"]["gap_before"] is True
    (other_till,) = push(api, till, close_op(till, number=1, seq=5, till="T2"))  # numbers are per till
    assert other_till["status"] == "applied"
    for report, words in (("{", "not JSON"), ("[1]", "JSON object"), ('{"sales_total": "x"}', "sales_total")):
        bad_report = close_op(till, number=9, seq=7)
        bad_report["payload"]["report"] = report
        (refused,) = push(api, till, bad_report)
        assert refused["status"] == "rejected" and refused["code"] == 422 and words in refused["detail"]
    bad = close_op(till, seq=6)
    bad["payload"]["counts"] = [{"denomination": 1000, "pieces": -1}]
    r = api.post("/v1/ops", json={"ops": [bad]}, headers=till.headers)
    assert r.status_code == 422 and "pieces" in r.text


def test_shifts_are_read_by_a_channel_or_a_device_of_the_store_only(api: TestClient, backend: Database) -> None:
    tokyo = enrol(api, backend)
    berlin = enrol(api, backend, store="BER01")
    sid = uuid.uuid4()
    push(api, tokyo, close_op(tokyo, shift_id=sid))
    assert api.get("/v1/shifts", params={"store": "TKY01"}).status_code == 401
    assert api.get("/v1/shifts", params={"store": "TKY01"}, headers=berlin.headers).status_code == 403
    assert api.get(f"/v1/shifts/{sid}", headers=berlin.headers).status_code == 404
    assert api.get("/v1/shifts", params={"store": "NOPE"}, headers=channel_token(backend)).status_code == 404
