"""Central's side of a sale: sale.complete becomes an order of channel "store", once, re-priced
with the shared engine and flagged (not refused) when the tablet's figures differ."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import Category, Location, Style, TaxRate, Variant
from central.ops.sale_complete import percent, price_lists, store_rules
from central.promotions import for_sale
from sync.pricing import price_basket, read_basket
from tests.central.helpers import Enrolled, channel_token, enrol, location_id, on_hand, stocked_variant


def sale_op(db: Database, store_id: int, variant_id: int, qty: int = 1, seq: int = 1) -> dict[str, Any]:
    """A sale.complete op as a tablet makes it, priced from central's own lists (JSON form)."""
    with db.session() as s:
        loc = s.get_one(Location, store_id)
        sku, tax_class, category = s.execute(
            select(Variant.sku, Style.tax_class, Category.name)
            .join(Style, Style.id == Variant.style_id)
            .join(Category, Category.id == Style.category_id)
            .where(Variant.id == variant_id)
        ).one()
        rate = s.scalar(select(TaxRate.rate).where(TaxRate.country == loc.country, TaxRate.tax_class == tax_class))
        assert rate is not None
        now = datetime.now(UTC)
        doc = {
            "store": store_rules(s, loc),
            "at": now.isoformat(),
            "lines": [
                {
                    "id": "1",
                    "sku": sku,
                    "category": category,
                    "quantity": qty,
                    "tax_class": tax_class,
                    "tax_rate": percent(rate),
                }
            ],
            "price_lists": price_lists(s, loc, [variant_id], {variant_id: sku}),
        }
        promotions = for_sale(s, loc, now, None, [])  # as a tablet takes them from its cache
        if promotions:
            doc["promotions"] = promotions
        code = loc.code
    priced = price_basket(read_basket(doc)[0])
    pl = priced.lines[0]
    t = priced.totals
    return {
        "op_id": str(uuid.uuid4()),
        "device_seq": seq,
        "type": "sale.complete",
        "payload": {
            "sale_id": str(uuid.uuid4()),
            "receipt_no": f"{code}-ABC123-{seq:06d}",
            "store_id": store_id,
            "staff_id": 1,
            "customer_id": None,
            "completed_at": now.isoformat(),
            "currency": priced.currency,
            "pricing": doc,
            "lines": [
                {
                    "line_id": "1",
                    "variant_id": variant_id,
                    "sku": sku,
                    "quantity": qty,
                    "fulfilment": "carry_out",
                    "unit_price": pl.unit_price,
                    "amount": pl.amount,
                    "promotions": pl.promotion_saving,
                    "discounts": pl.discount_amount,
                    "total": pl.total,
                    "tax_class": pl.tax_class,
                    "tax_rate": format(pl.tax_rate.normalize(), "f"),
                    "net": pl.net,
                    "tax": pl.tax,
                }
            ],
            "discounts": [
                {"kind": "promotion", "promotion": u.id, "name": u.name, "coupon": u.coupon, "amount": u.saving}
                for u in priced.promotions
            ],
            "taxes": [
                {
                    "tax_class": x.tax_class,
                    "rate": format(x.rate.normalize(), "f"),
                    "net": x.net,
                    "tax": x.tax,
                    "gross": x.gross,
                }
                for x in priced.taxes
            ],
            "totals": {
                "amount": t.amount,
                "promotions": t.promotions,
                "discounts": t.discounts,
                "net": t.net,
                "tax": t.tax,
                "total": t.total,
                "cash_rounding": 0,
            },
            "tenders": [{"type": "cash", "amount": t.total + 100, "change": 100}],
            "stock": [{"variant_id": variant_id, "location_id": store_id, "delta": -qty}],
        },
    }


def push(api: TestClient, device: Enrolled, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    r = api.post("/v1/ops", headers=device.headers, json={"ops": list(ops)})
    assert r.status_code == 200, r.text
    return list(r.json()["results"])


def test_tax_stream_rates_read_as_engine_percents() -> None:
    # (Both ends' store rules: tests/integration/test_promotions.py reads them from one row.)
    assert percent("0.10") == "10" and Decimal(percent("0.075")) == Decimal("7.5")


def test_a_sale_becomes_one_order_whatever_the_retries(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _sku, before = stocked_variant(backend, store)
    op = sale_op(backend, store, vid, qty=before + 5)  # more than there is: stock goes negative
    first = push(api, device, op)[0]
    assert first["status"] == "applied", first
    assert [push(api, device, op)[0]["status"] for _ in range(2)] == ["replayed", "replayed"]
    assert on_hand(backend, store, vid) == -5
    sale_id = op["payload"]["sale_id"]
    order = api.get(f"/v1/orders/{sale_id}", headers=device.headers).json()
    assert order["channel"] == "store" and order["flagged"] is False and order["checks"] == []
    assert order["lines"][0]["quantity"] == before + 5 and order["payments"][0]["change"] == 100
    # the same sale under another op_id (a tablet that lost its outbox record) is not a second order
    again = {**op, "op_id": str(uuid.uuid4()), "device_seq": 2}
    assert push(api, device, again)[0]["code"] == 409
    channel = channel_token(backend)
    page = api.get("/v1/orders", params={"store": "TKY01"}, headers=channel).json()
    assert [o["sale_id"] for o in page["orders"]] == [sale_id] and page["has_more"] is False
    assert (
        api.get("/v1/orders", params={"store": "TKY01", "after": page["next"]}, headers=channel).json()["orders"] == []
    )


def test_a_price_the_tablet_got_wrong_is_flagged_not_refused(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    store = location_id(backend, "TKY01")
    vid, _sku, _ = stocked_variant(backend, store)
    op = sale_op(backend, store, vid, qty=2)
    p = op["payload"]
    for lst in p["pricing"]["price_lists"]:  # the tablet's cache had an old price
        lst["prices"] = {k: v - 100 for k, v in lst["prices"].items()}
    p["lines"][0]["unit_price"] -= 100
    p["lines"][0]["total"] -= 7  # and its arithmetic slipped
    assert push(api, device, op)[0]["status"] == "applied"
    order = api.get(f"/v1/orders/{p['sale_id']}", headers=device.headers).json()
    assert order["flagged"] is True
    checks = {c["check"] for c in order["checks"]}
    assert {"as_sent.line.total", "as_sent.total", "central.line.unit_price", "central.line.total"} <= checks, checks
    assert order["central_total"] == order["total"]  # central's own prices give what was charged


def test_orders_are_read_by_their_store_or_a_channel(api: TestClient, backend: Database) -> None:
    tky = enrol(api, backend)
    ber = enrol(api, backend, store="BER01")
    store = location_id(backend, "TKY01")
    vid, _sku, _ = stocked_variant(backend, store)
    op = sale_op(backend, store, vid)
    assert push(api, tky, op)[0]["status"] == "applied"
    url = f"/v1/orders/{op['payload']['sale_id']}"
    assert api.get(url, headers=ber.headers).status_code == 404  # another store's device
    assert api.get(url).status_code == 401
    assert api.get(url, headers=channel_token(backend)).status_code == 200
    assert api.get("/v1/orders", params={"store": "TKY01"}, headers=tky.headers).status_code == 401
    other = sale_op(backend, store, vid, seq=2)
    other["payload"]["store_id"] = location_id(backend, "BER01")
    assert push(api, tky, other)[0]["code"] == 403
