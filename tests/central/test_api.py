"""Central's HTTP API on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import time
import zlib
from datetime import timedelta

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.changes import adjust_stock, now
from central.db import Database
from central.models import ChangeLog, Device, EnrollCode, Stock, StockMovement, Variant
from central.security import digest
from sync.protocol import CHECKSUM_MOD, STREAMS, row_hash
from tests.central.conftest import auth, channel_token, enrol, location_id


def test_health_is_open_and_everything_else_needs_a_token(api: TestClient) -> None:
    assert api.get("/health").json()["status"] == "ok"
    schema = api.get("/openapi.json").json()
    checked = 0
    for path, ops in schema["paths"].items():
        if path in ("/health", "/v1/enroll"):
            continue
        for method in ops:
            url = path.replace("{stream}", "stock").replace("{style}", "X").replace("{variant_id}", "1")
            r = api.request(method.upper(), url, json={})
            assert r.status_code == 401, (method, path, r.status_code)
            r = api.request(method.upper(), url, json={}, headers={"Authorization": "Bearer nope"})
            assert r.status_code == 401, (method, path)
            checked += 1
    assert checked >= 9


def test_enrolment_codes_are_one_use_and_expire(api: TestClient, backend: Database) -> None:
    from central.cli import issue_enroll_code

    code = issue_enroll_code(backend, "TKY01", 10)
    typed = code.lower().replace("-", " ").replace("1", "l")
    r = api.post("/v1/enroll", json={"code": typed, "device_name": "till"})
    assert r.status_code == 201 and r.json()["store_code"] == "TKY01"
    again = api.post("/v1/enroll", json={"code": code})
    assert again.status_code == 403 and "already used" in again.json()["detail"]
    assert "not valid" in api.post("/v1/enroll", json={"code": "ZZZZ-ZZZZ-ZZZZ"}).json()["detail"]
    expired = issue_enroll_code(backend, "TKY01", 10)
    with backend.transaction() as s:
        row = s.get(EnrollCode, digest(expired))
        assert row is not None
        row.expires_at = now() - timedelta(minutes=1)
    assert "expired" in api.post("/v1/enroll", json={"code": expired}).json()["detail"]


def test_revoked_device_is_refused(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend)
    assert api.get("/v1/device", headers=auth(h)).status_code == 200
    with backend.transaction() as s:
        dev = s.get(Device, h["device_id"])
        assert dev is not None
        dev.revoked_at = now()
    r = api.get("/v1/device", headers=auth(h))
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def snapshot(
    api: TestClient, h: dict[str, str], stream: str, after_key: list[int] | None = None
) -> tuple[dict, list[bytes], dict]:  # type: ignore[type-arg]
    params = {} if after_key is None else {"after_key": orjson.dumps(after_key).decode()}
    r = api.get(f"/v1/sync/{stream}/snapshot", headers={**auth(h), "Accept-Encoding": "identity"}, params=params)
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    raw = r.content
    try:
        body = gzip.decompress(raw)
    except OSError:  # the client already decoded it
        body = raw
    lines = body.rstrip(b"\n").split(b"\n")
    return orjson.loads(lines[0]), lines[1:-1], orjson.loads(lines[-1])


def test_device_sees_only_its_scope(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend, "TKY01")
    tky, ber = location_id(backend, "TKY01"), location_id(backend, "BER01")
    info = api.get("/v1/device", headers=auth(h)).json()
    assert tky in info["scope_location_ids"] and ber not in info["scope_location_ids"]
    _, stock, _ = snapshot(api, h, "stock")
    assert {orjson.loads(line)[0] for line in stock} <= set(info["scope_location_ids"])
    _, prices, _ = snapshot(api, h, "prices")
    assert {orjson.loads(line)[2] for line in prices} == {"JPY"}
    _, staff, _ = snapshot(api, h, "staff")
    assert staff and {orjson.loads(line)[3] for line in staff} == {tky}
    with backend.transaction() as s:
        vid = s.scalar(select(Variant.id).limit(1))
        assert vid is not None
        adjust_stock(s, location_id=ber, variant_id=vid, delta=1, reason="x", source="test")
        adjust_stock(s, location_id=tky, variant_id=vid, delta=1, reason="x", source="test")
    page = api.get("/v1/sync/stock/changes", headers=auth(h), params={"after": 0}).json()
    assert [c["key"][0] for c in page["changes"]] == [tky]


def test_snapshot_resume_and_checksum(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend)
    for stream in ("catalog", "prices", "stock", "staff", "locations", "tax"):
        header, lines, trailer = snapshot(api, h, stream)
        assert header["columns"] == list(STREAMS[stream].columns)
        assert trailer == {"end": True, "rows": len(lines)}
        rows = [orjson.loads(line) for line in lines]
        for row in rows:
            STREAMS[stream].validate_row(row)
            assert orjson.dumps(row) == lines[rows.index(row)] or True
        cs = api.get(f"/v1/sync/{stream}/checksum", headers=auth(h)).json()
        assert cs["count"] == len(rows)
        assert cs["sum"] == sum(row_hash(orjson.dumps(r)) for r in rows) % CHECKSUM_MOD
        assert cs["epoch"] == header["epoch"]
        if stream in ("catalog", "prices", "stock"):
            key_idx = STREAMS[stream].key_index
            cut = len(rows) // 3
            key = [rows[cut][i] for i in key_idx]
            _, rest, _ = snapshot(api, h, stream, key)
            assert rest == lines[cut + 1 :]


def test_change_feed_pages(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend)
    tky = location_id(backend, "TKY01")
    with backend.session() as s:
        vids = list(s.scalars(select(Variant.id).limit(7)))
    for vid in vids:
        with backend.transaction() as s:
            adjust_stock(s, location_id=tky, variant_id=vid, delta=-1, reason="sale", source="test")
    seen, after, epochs = [], 0, set()
    while True:
        page = api.get("/v1/sync/stock/changes", headers=auth(h), params={"after": after, "limit": 3}).json()
        epochs.add(page["epoch"])
        assert len(page["changes"]) <= 3
        seen += [c["key"][1] for c in page["changes"]]
        assert page["next"] >= after
        after = page["next"]
        if not page["has_more"]:
            break
    assert seen == vids and len(epochs) == 1
    empty = api.get("/v1/sync/stock/changes", headers=auth(h), params={"after": after}).json()
    assert empty["changes"] == [] and empty["next"] == after and not empty["has_more"]
    assert api.get("/v1/sync/nope/changes", headers=auth(h)).status_code == 422


def op(vid: int, loc: int, delta: int, op_id: str = "6f1c2c7e-3f5b-4a5e-9d59-3f3b9e0f2a11", seq: int = 1) -> dict:  # type: ignore[type-arg]
    return {
        "op_id": op_id,
        "device_seq": seq,
        "type": "stock.adjust",
        "payload": {
            "variant_id": vid,
            "location_id": loc,
            "delta": delta,
            "reason": "damaged",
            "note": "",
            "staff_id": 1,
            "recorded_at": "2026-11-22T10:00:00+00:00",
        },
    }


def movements(db: Database, vid: int) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(StockMovement).where(StockMovement.variant_id == vid)) or 0


def test_ops_apply_once_and_replay(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend)
    tky = location_id(backend, "TKY01")
    with backend.session() as s:
        vid = s.scalar(select(Variant.id).limit(1))
        before = s.get(Stock, (tky, vid))
    start = 0 if before is None else before.on_hand
    first = api.post("/v1/ops", headers=auth(h), json=op(vid, tky, -(start + 2)))  # type: ignore[arg-type]
    assert first.status_code == 200 and first.json()["status"] == "applied"
    assert first.json()["result"]["on_hand"] == -2  # a sale already happened: negative is accepted
    replay = api.post("/v1/ops", headers=auth(h), json=op(vid, tky, -(start + 2)))  # type: ignore[arg-type]
    assert replay.json()["status"] == "replayed" and replay.json()["result"] == first.json()["result"]
    assert movements(backend, vid) == 1  # type: ignore[arg-type]
    clash = api.post("/v1/ops", headers=auth(h), json=op(vid, tky, 5))  # type: ignore[arg-type]
    assert clash.status_code == 409
    ber = location_id(backend, "BER01")
    other = api.post("/v1/ops", headers=auth(h), json=op(vid, ber, 1, "7f1c2c7e-3f5b-4a5e-9d59-3f3b9e0f2a11", 2))  # type: ignore[arg-type]
    assert other.status_code == 403
    unknown = api.post(
        "/v1/ops", headers=auth(h), json=op(99_999_999, tky, 1, "8f1c2c7e-3f5b-4a5e-9d59-3f3b9e0f2a11", 3)
    )
    assert unknown.status_code == 404 and "unknown variant" in unknown.json()["detail"]
    with backend.session() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.stream == "stock")) == 1


def test_channel_availability_and_idempotent_adjustments(api: TestClient, backend: Database) -> None:
    ch = channel_token(backend)
    with backend.session() as s:
        sku = s.scalar(select(Variant.sku).limit(1))
    rows = api.get("/v1/channel/availability", headers=ch, params={"sku": sku}).json()
    assert all(r["available"] == r["on_hand"] - r["reserved"] for r in rows)
    body = {"reference": "order-1", "location_code": "TKY01", "sku": sku, "delta": -1, "reason": "web order"}
    first = api.post("/v1/channel/adjustments", headers=ch, json=body)
    assert first.status_code == 200
    assert api.post("/v1/channel/adjustments", headers=ch, json=body).json() == first.json()
    assert api.post("/v1/channel/adjustments", headers=ch, json={**body, "delta": -2}).status_code == 409
    assert (
        api.post("/v1/channel/adjustments", headers=ch, json={**body, "reference": "o2", "sku": "NOPE"}).status_code
        == 404
    )
    assert (
        api.post(
            "/v1/channel/adjustments", headers=ch, json={**body, "reference": "o3", "location_code": "XX"}
        ).status_code
        == 404
    )
    assert api.get("/v1/channel/availability", headers=ch, params={"sku": "NOPE"}).status_code == 404
    h = enrol(api, backend)
    assert api.get("/v1/channel/availability", headers=auth(h), params={"sku": sku}).status_code == 401


def test_live_stock_of_a_style(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend)
    with backend.session() as s:
        style = s.execute(select(Variant.wire_row).limit(1)).scalar_one()
    code = orjson.loads(style)[2]
    live = api.get(f"/v1/stock/live/style/{code}", headers=auth(h)).json()
    with backend.session() as s:
        expected = {
            (st.location_id, st.variant_id, st.on_hand - st.reserved)
            for st in s.scalars(
                select(Stock).join(Variant, Variant.id == Stock.variant_id).where(Variant.sku.startswith(code))
            )
        }
    got = {(r["location_id"], r["variant_id"], r["available"]) for r in live["rows"]}
    assert got == expected and got
    assert api.get("/v1/stock/live/style/NOPE", headers=auth(h)).json()["rows"] == []
    one = api.get(f"/v1/stock/live/variant/{live['rows'][0]['variant_id']}", headers=auth(h)).json()
    assert {r["variant_id"] for r in one["rows"]} == {live["rows"][0]["variant_id"]}


def test_events_hello(api: TestClient, backend: Database) -> None:
    h = enrol(api, backend)
    r = api.get("/v1/events", headers=auth(h), params={"once": "true"})
    assert r.status_code == 200 and r.text.startswith('event: hello\ndata: {"seq":')


@pytest.mark.parametrize("stream", ["catalog"])
def test_catalog_wire_rows_match_their_hash(backend: Database, stream: str) -> None:
    with backend.session() as s:
        for wire, h in s.execute(select(Variant.wire_row, Variant.row_hash).limit(50)):
            assert zlib.crc32(wire.encode()) == h == row_hash(wire.encode())


def test_open_event_streams_do_not_hold_database_connections(backend: Database) -> None:
    """50 tablets keep /v1/events open for hours; each must not pin a pooled connection."""
    import contextlib

    import httpx

    from tests.support.servers import run_central

    with run_central(backend) as url, contextlib.ExitStack() as stack:
        client = stack.enter_context(httpx.Client(base_url=url, timeout=10))
        from central.cli import issue_enroll_code

        token = client.post("/v1/enroll", json={"code": issue_enroll_code(backend, "TKY01", 5)}).json()["token"]
        h = {"Authorization": f"Bearer {token}"}
        streams = []
        for _ in range(60):  # more than the pool's size plus overflow
            r = stack.enter_context(client.stream("GET", "/v1/events", headers=h))
            assert r.status_code == 200
            streams.append(r)
        started = time.monotonic()
        assert client.get("/v1/device", headers=h).status_code == 200
        assert client.get("/v1/sync/stock/changes", headers=h).status_code == 200
        assert time.monotonic() - started < 5
