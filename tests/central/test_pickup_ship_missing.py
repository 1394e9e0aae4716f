"""The store rule "ship_missing" (docs/pickups.md "Missing lines"): a paid pickup order's units not
found at picking are sourced elsewhere by central.sourcing (never the pickup store itself) and
sent to the pickup store, where they become a new pickup of the same order; only what nobody
can send is refunded to the channel; the ready e-mail says so. The default rule still refunds."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.mail.render import render
from central.models import Fulfilment, FulfilmentLine, Location, MailMessage, Stock
from tests.central.helpers import channel_token, enrol, location_id
from tests.central.test_pickups import at, op, order_body, pickup_id, skus_with_stock
from tests.central.test_sales import push

RESERVED_BEFORE: dict[int, int] = {}  # the warehouse's reservation of v1 before the order


def set_stock(db: Database, code: str, vid: int, available: int) -> None:
    """The test's stock figures: `available` units at that location (on hand less reserved)."""
    with db.transaction() as s:
        loc = location_id(db, code)
        st = s.get(Stock, (loc, vid))
        if st is None:
            s.add(Stock(location_id=loc, variant_id=vid, on_hand=available, reserved=0))
        else:
            st.on_hand = st.reserved + available


def short_ready(api: TestClient, db: Database, rule: str) -> tuple[dict[str, Any], Any, list[tuple[int, str]]]:
    """A paid order (1 of v1, 2 of v2) at TKY01 under `rule`: v1's only unit and one of v2 missing;
    v1 is available at the JP warehouse only, v2 nowhere else. (channel token, order, variants)"""
    with db.transaction() as s:
        s.scalars(select(Location).where(Location.code == "TKY01")).one().missing_rule = rule
    (v1, s1), (v2, s2) = skus_with_stock(db, "TKY01", at_least=3)
    with db.session() as s:
        others = [x for x in s.scalars(select(Location.code).where(Location.country == "JP")) if x != "TKY01"]
    for code in others:
        set_stock(db, code, v1, 4 if code == "WH-JP" else 0)
        set_stock(db, code, v2, 0)
    with db.session() as s:
        RESERVED_BEFORE[v1] = s.get_one(Stock, (location_id(db, "WH-JP"), v1)).reserved
    shop = channel_token(db)
    body = order_body([s1, s2]) | {"customer": {"name": "Max Weber", "email": "max@example.com", "language": "en"}}
    created = api.post("/v1/channel/pickups", headers=shop, json=body).json()
    till = enrol(api, db)
    pid = pickup_id(api, till, created["number"])
    lines = [{"line_no": 1, "picked": 0, "missing": 1}, {"line_no": 2, "picked": 1, "missing": 1}]
    out = push(
        api,
        till,
        op("pickup.pick", 1, pickup_id=pid, store_id=till.store_id, lines=lines, shelf="A-1", picked_at=at()),
        op("pickup.ready", 2, pickup_id=pid, store_id=till.store_id, ready_at=at()),
    )
    assert [o["status"] for o in out] == ["applied", "applied"], out
    return shop, (created, till, pid), [(v1, s1), (v2, s2)]


def test_missing_units_are_shipped_to_the_store_and_only_the_rest_is_refunded(
    api: TestClient, backend: Database
) -> None:
    shop, (created, till, pid), [(v1, _s1), (_v2, s2)] = short_ready(api, backend, "ship_missing")
    wh = location_id(backend, "WH-JP")
    with backend.session() as s:
        parts = s.scalars(select(Fulfilment).where(Fulfilment.order_id == s.get_one(Fulfilment, pid).order_id,
                                                   Fulfilment.kind == "ship")).all()  # fmt: skip
        assert [(f.state, f.source_id, orjson.loads(f.destination or "{}")) for f in parts] == [
            ("sourced", wh, {"kind": "store", "store_id": till.store_id})
        ]
        part = parts[0]
        sent = s.scalars(select(FulfilmentLine).where(FulfilmentLine.fulfilment_id == part.id)).all()
        assert [(x.line_no, x.variant_id, x.quantity) for x in sent] == [(1, v1, 1)]
        assert s.get_one(Stock, (wh, v1)).reserved == RESERVED_BEFORE[v1] + 1  # reserved at the source
        msg = s.scalars(select(MailMessage).where(MailMessage.kind == "pickup.ready")).one()
        mail = render(s, msg).text
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    unit2 = got["lines"][1]["unit_price"]
    # only v2's unit is refunded: nobody else has it
    assert [(r["reason"], r["amount"], r["lines"]) for r in got["refunds"]] == [
        ("missing", unit2, [{"line_no": 2, "sku": s2, "qty": 1, "amount": unit2}])
    ]
    assert any(e["event"] == "short" and "1 sent to the store" in e["detail"] for e in got["history"])
    assert "We are sending them to Aisle Shibuya from another of our locations" in mail
    assert "We refund" in mail
    # the warehouse ships it, it arrives: a new pickup of the same order at the store
    assert api.post(f"/v1/channel/shipments/{part.id}/ship", headers=shop,
                    json={"carrier": "yamato", "tracking": "1234-5678-9012"}).status_code == 200  # fmt: skip
    assert api.post(f"/v1/channel/shipments/{part.id}/deliver", headers=shop).status_code == 200
    rows = [r for r in pickup_rows_all(api, till) if r[1] == created["number"]]
    assert sorted(r[3] for r in rows) == ["new", "ready"]
    new = next(r for r in rows if r[3] == "new")
    assert [(x["v"], x["q"]) for x in orjson.loads(new[8])] == [(v1, 1)]


def pickup_rows_all(api: TestClient, till: Any) -> list[list[Any]]:
    from tests.central.helpers import snapshot

    return list(snapshot(api, till.headers, "pickups").rows)


def test_the_default_rule_still_refunds_every_missing_unit(api: TestClient, backend: Database) -> None:
    shop, (_created, _till, pid), _ = short_ready(api, backend, "refund")
    with backend.session() as s:
        order_id = s.get_one(Fulfilment, pid).order_id
        assert (
            s.scalars(select(Fulfilment).where(Fulfilment.order_id == order_id, Fulfilment.kind == "ship")).all() == []
        )
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    assert got["refund_total"] == got["lines"][0]["unit_price"] + got["lines"][1]["unit_price"]
