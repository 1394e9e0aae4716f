"""Who may call what, and what a device may see (DESIGN.md sections 2 and 5).

Every route but /health and the customer's capability pages needs a credential: a device
token, a channel token, or (for /v1/enroll only) a one-time enrolment code in the body. A device sees its store's staff, the
price lists of its store's currency (the base lists and its own store's overrides) and the stock
of its store and the locations its store calls nearby.
"""

from __future__ import annotations

import time
from typing import Any

import orjson
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.app import create_app
from central.changes import adjust_stock, set_price, touch_staff, touch_variant
from central.config import Settings
from central.db import Database
from central.models import Location, Nearby, Price, PriceList, Staff, Stock, Variant
from central.routes import routers
from tests.central.helpers import Enrolled, channel_token, enrol, snapshot

OPEN = {"/health"}
# The customer's pages: no credential, the random id in the address is the capability
# (docs/receipts.md "The e-receipt page"); an id central does not know is a 404.
CAPABILITY_PAGES = ("/r/", "/o/")
BY_ENROLMENT_CODE = {"/v1/enroll"}
# Head office's page in a browser: HTTP Basic, a channel token as the password (docs/shifts.md).
HEAD_OFFICE_PAGES = {"/ho/day"}
CHANNEL_ROUTES = {
    "/v1/channel/availability",
    "/v1/channel/adjustments",
    "/v1/orders",
    "/v1/journal/breaks",
    "/v1/channel/pickups",
    "/v1/channel/pickups/{reference}",
    "/v1/channel/pickups/{reference}/cancel",
    "/v1/channel/shipments/{fulfilment_id}/ship",
    "/v1/channel/shipments/{fulfilment_id}/deliver",
    "/v1/channel/orders/{number}",
    # stored value for the web shop (docs/loyalty.md)
    "/v1/channel/accounts/customers/{customer_id}",
    "/v1/channel/accounts/customers/{customer_id}/member-code",
    "/v1/channel/giftcards/{card_no}",
    "/v1/channel/accounts/customers/{customer_id}/entries",
    "/v1/channel/accounts/entries",
    "/v1/channel/accounts/overspends",
}
# a device of the store (its own only), or a channel client (any store)
EITHER_KIND = {
    "/v1/orders/{sale_id}",
    "/v1/shifts",
    "/v1/shifts/{shift_id}",
    "/v1/reports/day",
    # returns: a till of the store, or the web shop (docs/returns.md); only a till claims one
    "/v1/returns",
    "/v1/returns/find",
    "/v1/returns/sales/{sale_id}",
    "/v1/returns/{authorization_id}",
}
PATH_VALUES = {
    "stream": "stock",
    "style": "TS0000001",
    "variant_id": "1",
    "style_code": "TS0000001",
    "colour": "Navy",
    "sale_id": "00000000-0000-4000-8000-000000000000",
    "customer_id": "1",
    "token": "A" * 43,
    "reference": "WEB-NOT-THERE",
    "shift_id": "1",
    "fulfilment_id": "1",
    "number": "000001",
    "card_no": "GC00000000000",
    "authorization_id": "00000000-0000-4000-8000-000000000001",
}


def api_routes(api: TestClient) -> list[tuple[str, str]]:
    """Every API route: those of the app itself and of the routers it assembles."""
    tops = list(api.app.routes)  # type: ignore[attr-defined]
    routes = [
        (method, route.path)
        for route in [*tops, *(r for router in routers() for r in router.routes)]
        if isinstance(route, APIRoute)
        for method in sorted(route.methods)
    ]
    return sorted(routes)


def test_every_route_but_health_needs_a_token(api: TestClient, backend: Database) -> None:
    routes = api_routes(api)
    documented = sorted(
        (method.upper(), path) for path, ops in api.get("/openapi.json").json()["paths"].items() for method in ops
    )
    assert routes == documented  # nothing hidden from the OpenAPI document (or from this test)
    device = enrol(api, backend)
    channel = channel_token(backend)
    guarded = 0
    for method, path in routes:
        url = path.format(**PATH_VALUES) + ("?once=true" if path == "/v1/events" else "")  # it streams
        if path in OPEN:
            assert api.request(method, url).status_code == 200
            continue
        if path.startswith(CAPABILITY_PAGES):
            assert api.request(method, url).status_code == 404
            continue
        if path in BY_ENROLMENT_CODE:
            assert api.request(method, url, json={"code": "0000-0000-0000"}).status_code == 403
            continue
        if path in HEAD_OFFICE_PAGES:
            token = channel["Authorization"].removeprefix("Bearer ")
            for headers in ({}, {"Authorization": "Basic dXNlcjpwdw=="}, channel, device.headers):
                r = api.request(method, url, headers=headers)
                assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic"), (path, headers)
            assert api.request(method, url, auth=("head-office", token)).status_code == 200
            continue
        wrong_kind = [] if path in EITHER_KIND else [device.headers if path in CHANNEL_ROUTES else channel]
        for headers in (
            {},
            {"Authorization": "Bearer not-a-token"},
            {"Authorization": "Basic dXNlcjpwdw=="},
            *wrong_kind,
        ):
            r = api.request(method, url, headers=headers, json={})
            assert r.status_code == 401, (method, path, headers, r.status_code, r.text)
            assert r.headers["www-authenticate"] == "Bearer"
            assert r.json()["detail"]
        right_kind = channel if path in CHANNEL_ROUTES else device.headers
        assert api.request(method, url, headers=right_kind, json={}).status_code != 401, (method, path)
        guarded += 1
    pages = sum(1 for _m, path in routes if path.startswith(CAPABILITY_PAGES))
    assert guarded == len(routes) - 2 - len(HEAD_OFFICE_PAGES) - pages and pages == 7  # 3 + the return forms


def test_the_openapi_document_declares_bearer_auth_where_it_is_needed(api: TestClient) -> None:
    doc = api.get("/openapi.json").json()
    assert doc["components"]["securitySchemes"]["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Device token from enrolment, or channel token",
    }
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if path in HEAD_OFFICE_PAGES:
                assert op.get("security") == [{"HTTPBasic": []}], (method, path)
                continue
            declared = op.get("security") == [{"HTTPBearer": []}]
            public = path in OPEN | BY_ENROLMENT_CODE or path.startswith(CAPABILITY_PAGES)
            assert declared == (not public), (method, path)


def changes(api: TestClient, device: Enrolled, stream: str) -> list[dict[str, Any]]:
    r = api.get(f"/v1/sync/{stream}/changes", headers=device.headers, params={"after": 0, "limit": 5000})
    assert r.status_code == 200 and not r.json()["has_more"]
    result: list[dict[str, Any]] = r.json()["changes"]
    return result


def test_a_device_sees_only_what_its_store_may_see(api: TestClient, backend: Database) -> None:
    with backend.session() as s:
        locs = {loc.code: loc for loc in s.scalars(select(Location))}
        nearby = {
            code: {locs[code].id, *s.scalars(select(Nearby.nearby_id).where(Nearby.store_id == locs[code].id))}
            for code in ("TKY01", "TKY02", "BER01")
        }
        lists = {pl.id: pl for pl in s.scalars(select(PriceList))}
        variant = s.scalars(select(Variant).order_by(Variant.id)).first()
        assert variant is not None
    # The seed's shape that makes this test meaningful: JP and DE stores, a store override list.
    assert nearby["TKY01"] == {locs[c].id for c in ("TKY01", "TKY02", "WH-JP")}
    assert {pl.store_id for pl in lists.values()} == {None, locs["TKY01"].id, locs["BER01"].id}

    # One change of every scoped kind, everywhere.
    with backend.transaction() as s:
        for loc in locs.values():
            adjust_stock(s, location_id=loc.id, variant_id=variant.id, delta=1, reason="count", source="test")
        for pl in lists.values():
            set_price(s, pl.id, variant.id, 12345)
        for staff in s.scalars(select(Staff)):
            staff.name += " (moved desk)"
            touch_staff(s, staff)
        touch_variant(s, s.get_one(Variant, variant.id))

    for code in ("TKY01", "TKY02", "BER01"):
        store = locs[code]
        device = enrol(api, backend, code)
        allowed_lists = {
            pl.id for pl in lists.values() if pl.currency == store.currency and pl.store_id in (None, store.id)
        }
        info = api.get("/v1/device", headers=device.headers).json()
        assert set(info["scope_location_ids"]) == nearby[code]

        # Change pages.
        stock = changes(api, device, "stock")
        assert {c["key"][0] for c in stock} == nearby[code]
        prices = changes(api, device, "prices")
        assert {c["key"][0] for c in prices} == allowed_lists
        assert {c["row"][2] for c in prices} == {store.currency}
        staff = changes(api, device, "staff")
        assert len(staff) == 4 and {c["row"][3] for c in staff} == {store.id}
        assert [c["key"] for c in changes(api, device, "catalog")] == [[variant.id]]  # for everyone

        # Snapshots and checksums.
        snap_stock = snapshot(api, device.headers, "stock")
        assert {row[0] for row in snap_stock.rows} == nearby[code]
        snap_prices = snapshot(api, device.headers, "prices")
        assert {row[0] for row in snap_prices.rows} == allowed_lists
        assert {(row[2], row[3]) for row in snap_prices.rows} <= {(store.currency, None), (store.currency, store.id)}
        snap_staff = snapshot(api, device.headers, "staff")
        assert len(snap_staff.rows) == 4 and {row[3] for row in snap_staff.rows} == {store.id}
        assert len(snapshot(api, device.headers, "locations").rows) == len(locs)
        for stream, snap in (("stock", snap_stock), ("prices", snap_prices), ("staff", snap_staff)):
            assert api.get(f"/v1/sync/{stream}/checksum", headers=device.headers).json()["count"] == len(snap.rows)

    # TKY02 is not the JPY flagship: its devices never see TKY01's store override list.
    with backend.session() as s:
        override = s.scalar(select(PriceList.id).where(PriceList.store_id == locs["TKY01"].id))
        assert s.get(Price, (override, variant.id)) is not None
    tky02 = enrol(api, backend, "TKY02")
    assert override not in {row[0] for row in snapshot(api, tky02.headers, "prices").rows}


def test_live_stock_is_any_location_as_of_now(api: TestClient, backend: Database) -> None:
    """Stock outside the cached scope is asked live (DESIGN.md section 2): every location."""
    device = enrol(api, backend, "TKY01")
    with backend.session() as s:
        style_code, variant_ids = None, []
        for wire in s.scalars(select(Variant.wire_row).order_by(Variant.id).limit(40)):
            row = orjson.loads(wire)
            style_code = style_code or row[2]
            if row[2] == style_code:
                variant_ids.append(row[0])
        ber = s.scalar(select(Location.id).where(Location.code == "BER01"))
        assert ber is not None
    with backend.transaction() as s:
        adjust_stock(s, location_id=ber, variant_id=variant_ids[0], delta=7, reason="count", source="test")
    live = api.get(f"/v1/stock/live/style/{style_code}", headers=device.headers)
    assert live.status_code == 200
    rows = live.json()["rows"]
    assert {r["variant_id"] for r in rows} <= set(variant_ids)
    assert ber in {r["location_id"] for r in rows}  # outside the device's scope, but live
    with backend.session() as s:
        expected = {
            (st.location_id, st.variant_id, st.on_hand, st.reserved, st.on_hand - st.reserved)
            for st in s.scalars(select(Stock).where(Stock.variant_id.in_(variant_ids)))
        }
    assert {(r["location_id"], r["variant_id"], r["on_hand"], r["reserved"], r["available"]) for r in rows} == expected
    one = api.get(f"/v1/stock/live/variant/{variant_ids[0]}", headers=device.headers).json()["rows"]
    assert {r["variant_id"] for r in one} == {variant_ids[0]} and len(one) == sum(
        1 for e in expected if e[1] == variant_ids[0]
    )
    assert api.get("/v1/stock/live/style/NOPE", headers=device.headers).json()["rows"] == []


def test_a_reconfigured_scope_reaches_devices_after_the_scope_cache_and_revocation_at_once(
    backend: Database, settings: Settings
) -> None:
    """A store's scope is cached (`scope_cache_seconds`); the device row, and so revocation, is not."""
    from datetime import UTC, datetime

    from central.models import Device

    settings.scope_cache_seconds = 0.5
    with TestClient(create_app(settings, backend)) as api:
        device = enrol(api, backend, "TKY01")
        before = set(api.get("/v1/device", headers=device.headers).json()["scope_location_ids"])
        with backend.transaction() as s:
            ber01 = s.scalar(select(Location.id).where(Location.code == "BER01"))
            s.add(Nearby(store_id=device.store_id, nearby_id=ber01, rank=9))
        assert ber01 not in before
        deadline = time.monotonic() + 5
        while ber01 not in api.get("/v1/device", headers=device.headers).json()["scope_location_ids"]:
            assert time.monotonic() < deadline, "the new nearby store never reached the device"
            time.sleep(0.1)
        with backend.transaction() as s:
            s.get_one(Device, device.device_id).revoked_at = datetime.now(UTC)
        assert api.get("/v1/device", headers=device.headers).status_code == 401
