"""The channel API: other systems (web shop, ERP) read availability by SKU and post stock
adjustments, idempotent by their own reference, with tokens issued by `central channel-token`."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central import cli
from central.changes import now
from central.db import Database
from central.models import ChangeLog, ChannelClient, Location, Stock, StockMovement, Variant
from central.security import digest
from sync.protocol import ChannelAdjustmentResult, LiveStockRow
from tests.central.helpers import channel_token, count_movements, enrol, location_id, on_hand, stocked_variant
from tests.support.servers import run_central


def adjustment(sku: str, reference: str = "order-1001", **changes: Any) -> dict[str, Any]:
    return {"reference": reference, "location_code": "TKY01", "sku": sku, "delta": -1, "reason": "web order"} | changes


def test_the_cli_issues_a_channel_token_and_stores_only_its_digest(
    backend: Database, capsys: pytest.CaptureFixture[str], api: TestClient
) -> None:
    assert cli.main(["--db", backend.url, "channel-token", "--name", "webshop"]) == 0
    token = capsys.readouterr().out.strip()
    assert len(token) >= 40 and " " not in token
    with backend.session() as s:
        client = s.scalars(select(ChannelClient).where(ChannelClient.name == "webshop")).one()
        assert client.token_hash == digest(token) and client.revoked_at is None
    _, sku, _ = stocked_variant(backend, location_id(backend, "TKY01"))
    r = api.get("/v1/channel/availability", headers={"Authorization": f"Bearer {token}"}, params={"sku": sku})
    assert r.status_code == 200 and r.json()


def test_availability_by_sku_in_every_location(api: TestClient, backend: Database) -> None:
    headers = channel_token(backend)
    with backend.session() as s:
        vid, sku = s.execute(
            select(Variant.id, Variant.sku)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.reserved > 0)
            .order_by(Variant.id)
            .limit(1)
        ).one()
        expected = [
            (code, loc, st.on_hand, st.reserved)
            for st, code, loc in s.execute(
                select(Stock, Location.code, Location.id)
                .join(Location, Location.id == Stock.location_id)
                .where(Stock.variant_id == vid)
                .order_by(Location.code)
            )
        ]
    r = api.get("/v1/channel/availability", headers=headers, params={"sku": sku})
    assert r.status_code == 200
    rows = [LiveStockRow.model_validate(row) for row in r.json()]
    assert [(row.location_code, row.location_id, row.on_hand, row.reserved) for row in rows] == expected
    assert all(row.variant_id == vid and row.available == row.on_hand - row.reserved for row in rows)
    assert any(row.available < row.on_hand for row in rows)  # reserved stock is not available

    missing = api.get("/v1/channel/availability", headers=headers, params={"sku": "NO-SUCH-SKU"})
    assert missing.status_code == 404 and missing.json()["detail"] == "Unknown SKU NO-SUCH-SKU"
    assert api.get("/v1/channel/availability", headers=headers).status_code == 422


def test_an_adjustment_applies_once_per_reference(api: TestClient, backend: Database) -> None:
    headers = channel_token(backend)
    tky = location_id(backend, "TKY01")
    vid, sku, start = stocked_variant(backend, tky)
    body = adjustment(sku)
    first = api.post("/v1/channel/adjustments", headers=headers, json=body)
    assert first.status_code == 200, first.text
    result = ChannelAdjustmentResult.model_validate_json(first.content)
    assert (result.reference, result.location_code, result.sku, result.on_hand) == (
        "order-1001",
        "TKY01",
        sku,
        start - 1,
    )
    with backend.session() as s:
        (move,) = s.scalars(select(StockMovement).where(StockMovement.variant_id == vid))
        assert (move.delta, move.reason, move.source, move.reference) == (
            -1,
            "web order",
            "channel:webshop",
            "order-1001",
        )
        log = s.get_one(ChangeLog, result.seq)
        assert (log.stream, log.scope) == ("stock", tky)

    replay = api.post("/v1/channel/adjustments", headers=headers, json=body)
    assert replay.status_code == 200 and replay.json() == first.json()
    conflict = api.post("/v1/channel/adjustments", headers=headers, json={**body, "delta": -2})
    assert conflict.status_code == 409
    assert conflict.json()["detail"] == "This reference was already used for another adjustment"
    assert on_hand(backend, tky, vid) == start - 1 and count_movements(backend, variant_id=vid) == 1

    # References belong to their channel: the ERP's "order-1001" is another adjustment.
    erp = channel_token(backend, "erp")
    other = api.post("/v1/channel/adjustments", headers=erp, json=body)
    assert other.status_code == 200 and other.json()["on_hand"] == start - 2


def test_unknown_sku_or_location_is_404_and_changes_nothing(api: TestClient, backend: Database) -> None:
    headers = channel_token(backend)
    _, sku, _ = stocked_variant(backend, location_id(backend, "TKY01"))
    r = api.post("/v1/channel/adjustments", headers=headers, json=adjustment("NO-SUCH-SKU", "o-1"))
    assert r.status_code == 404 and r.json()["detail"] == "Unknown SKU NO-SUCH-SKU"
    r = api.post("/v1/channel/adjustments", headers=headers, json=adjustment(sku, "o-2", location_code="XX99"))
    assert r.status_code == 404 and r.json()["detail"] == "Unknown location XX99"
    for invalid in (
        adjustment(sku, ""),
        adjustment(sku, "o-3", delta=100_001),
        adjustment(sku, "o-4", extra=1),
        adjustment(sku, "o-5", delta=0),  # an adjustment that changes nothing
        adjustment(sku, "o-6", delta="-1"),  # strict: no coercion
        adjustment(sku, "o-7", delta=-1.0),
    ):
        assert api.post("/v1/channel/adjustments", headers=headers, json=invalid).status_code == 422, invalid
    assert count_movements(backend) == 0
    # Refused references were not recorded: they may be used once the request is right.
    assert api.post("/v1/channel/adjustments", headers=headers, json=adjustment(sku, "o-1")).status_code == 200


def test_revoked_channel_and_device_tokens_are_refused(api: TestClient, backend: Database) -> None:
    headers = channel_token(backend)
    _, sku, _ = stocked_variant(backend, location_id(backend, "TKY01"))
    device = enrol(api, backend)
    assert api.get("/v1/channel/availability", headers=device.headers, params={"sku": sku}).status_code == 401
    assert api.get("/v1/channel/availability", headers=headers, params={"sku": sku}).status_code == 200
    with backend.transaction() as s:
        s.scalars(select(ChannelClient)).one().revoked_at = now()
    r = api.get("/v1/channel/availability", headers=headers, params={"sku": sku})
    assert r.status_code == 401 and r.json()["detail"] == "Unknown or revoked channel token"
    assert api.post("/v1/channel/adjustments", headers=headers, json=adjustment(sku)).status_code == 401


def test_the_same_reference_sent_concurrently_applies_once(backend: Database) -> None:
    """The web shop retries while its first request is still in flight."""
    headers = channel_token(backend)
    tky = location_id(backend, "TKY01")
    vid, sku, start = stocked_variant(backend, tky)
    answers: list[httpx.Response] = []
    with run_central(backend) as url, httpx.Client(base_url=url, timeout=30) as client:
        barrier = threading.Barrier(6)

        def send() -> None:
            barrier.wait()
            answers.append(client.post("/v1/channel/adjustments", headers=headers, json=adjustment(sku)))

        threads = [threading.Thread(target=send) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert [a.status_code for a in answers] == [200] * 6, [a.text for a in answers]
    assert len({a.content for a in answers}) == 1
    assert on_hand(backend, tky, vid) == start - 1 and count_movements(backend, variant_id=vid) == 1
