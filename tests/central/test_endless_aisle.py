"""The endless aisle on central (docs/endless-aisle.md), on SQLite and PostgreSQL: sourcing rules,
order.create once whatever the retries, a fee mismatch flagged not refused, a bad address refused
with its sentence, staff's decisions (source / wait / cancel) and the refund, shipping (op and
channel API), ship-to-store delivery opening a pickup, the e-mails, and the order page."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from central import cli
from central.changes import writing
from central.db import Database
from central.mail.render import render
from central.models import CustomerOrder, Fulfilment, Location, MailMessage, Stock, StockMovement
from central.shipments import retry_waiting
from central.sourcing import Want, plan
from tests.central.helpers import Enrolled, channel_token, enrol, location_id, snapshot
from tests.central.test_sales import push, sale_op

TOKYO_HOME = {
    "country": "JP",
    "postcode": "〒１５０－０００１",
    "region": "東京",
    "city": "渋谷区",
    "street": "神宮前1-2-3",
}


def at() -> str:
    return datetime.now(UTC).isoformat()


def some_variants(db: Database, n: int = 2) -> list[int]:
    """Variants the JP warehouse and TKY01 both carry (a stock row each), whatever the seed."""
    wh, tky = location_id(db, "WH-JP"), location_id(db, "TKY01")
    with db.session() as s:
        at_wh = set(s.scalars(select(Stock.variant_id).where(Stock.location_id == wh)))
        q = select(Stock.variant_id).where(Stock.location_id == tky).order_by(Stock.variant_id)
        return [v for v in s.scalars(q) if v in at_wh][:n]


def set_stock(db: Database, variant_id: int, **by_code: int) -> None:
    """Exactly this stock of the variant at these locations (on hand, nothing reserved) and none elsewhere."""
    with db.session() as s, writing(s):
        s.execute(delete(Stock).where(Stock.variant_id == variant_id))
        for code, qty in by_code.items():
            s.add(Stock(location_id=location_id(db, code), variant_id=variant_id, on_hand=qty, reserved=0, row_hash=0))
        s.commit()


def stock(db: Database, code: str, variant_id: int) -> tuple[int, int]:
    with db.session() as s:
        st = s.get(Stock, (location_id(db, code), variant_id))
        return (0, 0) if st is None else (st.on_hand, st.reserved)


def ship_sale(db: Database, store: str, variant_id: int, qty: int = 1, seq: int = 1) -> dict[str, Any]:
    """A sale.complete whose one line is shipped: no stock delta."""
    op = sale_op(db, location_id(db, store), variant_id, qty=qty, seq=seq)
    op["payload"]["lines"][0]["fulfilment"] = "ship"
    op["payload"]["stock"] = []
    return op


def order_op(sale: dict[str, Any], seq: int, **changes: Any) -> dict[str, Any]:
    p = sale["payload"]
    line = p["lines"][0]
    payload = {
        "order_id": str(uuid.uuid4()),
        "sale_id": p["sale_id"],
        "store_id": p["store_id"],
        "staff_id": 1,
        "customer_id": 12345,
        "created_at": at(),
        "language": "ja",
        "contact": {"name": "山田 花子", "email": "hanako@example.jp", "phone": "+819012345678"},
        "destination": {"kind": "home", "address": TOKYO_HOME},
        "delivery": {"option": "jp-standard", "fee": 0 if line["total"] >= 11000 else 550, "fee_line_id": None},
        "lines": [
            {
                "line_id": line["line_id"],
                "variant_id": line["variant_id"],
                "sku": line["sku"],
                "quantity": line["quantity"],
            }
        ],
    } | changes
    return {"op_id": str(uuid.uuid4()), "device_seq": seq, "type": "order.create", "payload": payload}


def op(type_: str, seq: int, **payload: Any) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "device_seq": seq, "type": type_, "payload": payload}


def ship_rows(api: TestClient, device: Enrolled) -> dict[int, list[Any]]:
    return {int(r[0]): r for r in snapshot(api, device.headers, "ship_orders").rows}


def order_of(db: Database, number: str) -> CustomerOrder:
    with db.session() as s:
        order = s.scalars(select(CustomerOrder).where(CustomerOrder.number == number)).one()
        s.expunge(order)
        return order


# --- sourcing rules ---------------------------------------------------------------------------------


def test_sourcing_warehouse_first_then_closest_split_only_when_allowed(backend: Database) -> None:
    a, b = some_variants(backend)

    def sources(wants: list[Want], split: bool = True) -> tuple[list[tuple[str, list[tuple[int, int]]]], list[int]]:
        with backend.session() as s:
            store = s.scalars(select(Location).where(Location.code == "TKY01")).one()
            code = {loc.id: loc.code for loc in s.scalars(select(Location))}
            p = plan(s, store, wants, split=split)
        return [(code[loc], [(w.n, q) for w, q in pieces]) for loc, pieces in p.sources], [q for _w, q in p.unsourced]

    wants = [Want(1, a, 2), Want(2, b, 1)]
    set_stock(backend, a, **{"WH-JP": 5, "TKY01": 5, "TKY02": 5})
    set_stock(backend, b, **{"WH-JP": 5, "TKY02": 5})
    assert sources(wants) == ([("WH-JP", [(1, 2), (2, 1)])], [])  # the warehouse first
    set_stock(backend, a, **{"TKY02": 5, "BER01": 50})  # another country's stock never counts
    set_stock(backend, b, **{"TKY02": 1})
    assert sources(wants) == ([("TKY02", [(1, 2), (2, 1)])], [])  # the closest that has all
    set_stock(backend, a, **{"WH-JP": 2})
    assert sources(wants) == ([("WH-JP", [(1, 2)]), ("TKY02", [(2, 1)])], [])  # split: one per source
    assert sources(wants, split=False) == ([], [2, 1])  # split forbidden: all unsourced
    set_stock(backend, a, **{"WH-JP": 1, "TKY02": 1, "BER01": 9})
    assert sources([Want(1, a, 2)]) == ([("WH-JP", [(1, 1)]), ("TKY02", [(1, 1)])], [])  # units split too
    assert sources([Want(1, a, 3)]) == ([], [3])  # not enough anywhere: none of it
    with backend.session() as s:  # the store's own rule decides when not told
        s.execute(Location.__table__.update().where(Location.code == "TKY01").values(split_shipments=0))
        s.commit()
    with backend.session() as s:
        store = s.scalars(select(Location).where(Location.code == "TKY01")).one()
        assert plan(s, store, [Want(1, a, 2)]).sources == []


def test_not_enough_anywhere_is_unsourced_and_reserves_nothing(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 1, "TKY02": 1})
    sale = ship_sale(backend, "TKY01", a, qty=3)
    out = push(api, till, sale, order_op(sale, 2))
    assert [o["status"] for o in out] == ["applied", "applied"], out
    result = out[1]["result"]
    assert [f["state"] for f in result["fulfilments"]] == ["unsourced"]
    assert stock(backend, "WH-JP", a) == (1, 0) and stock(backend, "TKY02", a) == (1, 0)
    with backend.session() as s:
        assert (
            s.scalar(
                select(StockMovement).where(StockMovement.variant_id == a, StockMovement.reason == "ship reserved")
            )
            is None
        )
    row = ship_rows(api, till)[result["fulfilments"][0]["id"]]
    assert row[5] == "unsourced" and row[4] is None and row[2] == out[1]["result"]["order_id"]


# --- order.create ---------------------------------------------------------------------------------


def test_an_order_is_sourced_reserved_mailed_and_made_once_whatever_the_retries(
    api: TestClient, backend: Database
) -> None:
    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 4, "TKY01": 0})
    sale = ship_sale(backend, "TKY01", a, qty=2)
    order = order_op(sale, 2)
    out = push(api, till, sale, order)
    assert [o["status"] for o in out] == ["applied", "applied"], out
    result = out[1]["result"]
    assert result["checks"] == [] and len(result["fulfilments"]) == 1
    f = result["fulfilments"][0]
    assert f["state"] == "sourced" and f["source_id"] == location_id(backend, "WH-JP")
    assert stock(backend, "WH-JP", a) == (4, 2)  # reserved at the source
    assert stock(backend, "TKY01", a) == (0, 0)  # the ship line moved nothing at the till
    row = ship_rows(api, till)[f["id"]]
    assert row[1] == result["number"] and row[3] == till.store_id and row[5] == "sourced"
    assert row[6] == "〒150-0001 東京都渋谷区神宮前1-2-3" and row[7] == "山田 花子"
    assert '"q":2' in row[8] and row[9] == 0 and row[10] is None
    # the same order under another op id (a re-enrolled till): the same order, nothing twice
    again = push(api, till, order | {"op_id": str(uuid.uuid4()), "device_seq": 3})
    assert again[0]["status"] == "applied" and again[0]["result"]["number"] == result["number"]
    assert stock(backend, "WH-JP", a) == (4, 2)
    replay = push(api, till, order)
    assert replay[0]["status"] == "replayed"
    other = order_op(sale, 4, order_id=order["payload"]["order_id"], language="en")
    refused = push(api, till, other)[0]
    assert refused["status"] == "rejected" and refused["code"] == 409
    with backend.session() as s:
        assert len(s.scalars(select(CustomerOrder).where(CustomerOrder.channel == "store")).all()) == 1
        msg = s.scalars(select(MailMessage).where(MailMessage.kind == "order.confirmation")).one()
        rendered = render(s, msg)
    assert msg.to == "hanako@example.jp" and msg.language == "ja"
    assert rendered.subject == f"【Aisle Shibuya】ご注文 {result['number']} を承りました"
    assert "通常配送" in rendered.text and "〒150-0001" in rendered.text and "山田 花子 様" in rendered.text
    token = order_of(backend, result["number"]).token
    assert f"/o/{token}" in rendered.text and f"/o/{token}" in rendered.html and "2 × " in rendered.html


def test_a_fee_other_than_centrals_is_flagged_not_refused(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 3})
    sale = ship_sale(backend, "TKY01", a)
    out = push(api, till, sale, order_op(sale, 2, delivery={"option": "jp-express", "fee": 100, "fee_line_id": None}))
    assert out[1]["status"] == "applied", out
    checks = out[1]["result"]["checks"]
    assert checks == [{"check": "delivery.fee", "tablet": 100, "central": 1100}]
    order = order_of(backend, out[1]["result"]["number"])
    assert order.delivery_fee == 100 and order.delivery_option == "jp-express"


@pytest.mark.parametrize(
    ("address", "sentence"),
    [
        (
            TOKYO_HOME | {"postcode": "150-001"},
            "The postcode '150-001' is not a Japanese postcode: it has 7 digits, like 150-0001.",
        ),
        (TOKYO_HOME | {"region": ""}, "The prefecture is missing: a Japanese address needs one, like 東京都."),
        (TOKYO_HOME | {"country": "US"}, "The country 'US' is not one we deliver to: give JP (Japan) or DE (Germany)."),
    ],
)
def test_a_bad_address_is_refused_with_its_sentence_and_nothing_is_reserved(
    api: TestClient, backend: Database, address: dict[str, str], sentence: str
) -> None:
    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 3})
    sale = ship_sale(backend, "TKY01", a)
    out = push(api, till, sale, order_op(sale, 2, destination={"kind": "home", "address": address}))
    assert out[0]["status"] == "applied"
    assert (out[1]["status"], out[1]["code"], out[1]["detail"]) == ("rejected", 422, sentence)
    assert stock(backend, "WH-JP", a) == (3, 0)
    with backend.session() as s:
        assert s.scalar(select(CustomerOrder).where(CustomerOrder.channel == "store")) is None


def test_another_stores_order_is_refused(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend, "BER01")
    (a,) = some_variants(backend, 1)
    sale = ship_sale(backend, "TKY01", a)
    refused = push(api, till, order_op(sale, 1))[0]
    assert (refused["status"], refused["code"]) == ("rejected", 403)


# --- decisions, refund ---------------------------------------------------------------------------------


def test_staff_source_elsewhere_wait_and_cancel_with_its_refund(
    api: TestClient, backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"TKY02": 0})
    sales = [ship_sale(backend, "TKY01", a, seq=n) for n in (1, 3, 5)]
    out = push(api, till, *[x for n, sale in enumerate(sales) for x in (sale, order_op(sale, 2 * n + 2))])
    assert [o["status"] for o in out] == ["applied"] * 6, out
    f1, f2, f3 = (out[i]["result"]["fulfilments"][0]["id"] for i in (1, 3, 5))
    # another source: staff pick TKY02, which has none yet -> a sentence; then it has some
    d = push(
        api,
        till,
        op(
            "order.decide",
            7,
            fulfilment_id=f1,
            store_id=till.store_id,
            choice="source",
            location_id=location_id(backend, "TKY02"),
            decided_at=at(),
        ),
    )[0]
    assert d["status"] == "rejected" and d["code"] == 409 and d["detail"].startswith("TKY02 cannot ship order ")
    set_stock(backend, a, **{"TKY02": 1})
    d = push(
        api,
        till,
        op(
            "order.decide",
            8,
            fulfilment_id=f1,
            store_id=till.store_id,
            choice="source",
            location_id=location_id(backend, "TKY02"),
            decided_at=at(),
        ),
    )[0]
    assert d["status"] == "applied" and d["result"]["state"] == "sourced", d
    assert stock(backend, "TKY02", a) == (1, 1)
    shipper = enrol(api, backend, "TKY02", "till 2")
    assert ship_rows(api, shipper)[f1][4] == location_id(backend, "TKY02")  # the shipping store sees it
    # wait: the job sources it once stock arrives
    d = push(
        api, till, op("order.decide", 9, fulfilment_id=f2, store_id=till.store_id, choice="wait", decided_at=at())
    )[0]
    assert d["status"] == "applied" and d["result"]["state"] == "unsourced"
    assert cli.main(["--db", backend.url, "orders-source"]) == 0
    assert "still waiting" in capsys.readouterr().out
    set_stock(backend, a, **{"TKY02": 1, "WH-JP": 2})
    with backend.session() as s, writing(s):
        done = retry_waiting(s)
        s.commit()
    assert [(f.id, [g.id for g in got]) for f, got in done] == [(f2, [f2])]
    assert stock(backend, "WH-JP", a) == (2, 1)
    assert ship_rows(api, till)[f2][5] == "sourced"
    # cancel: the refund is owed by the selling store, then paid out at its till
    d = push(
        api, till, op("order.decide", 10, fulfilment_id=f3, store_id=till.store_id, choice="cancel", decided_at=at())
    )[0]
    paid = sales[2]["payload"]["lines"][0]["total"]
    assert d["status"] == "applied" and d["result"]["state"] == "cancelled" and d["result"]["refund_due"] == paid
    assert ship_rows(api, till)[f3][9] == paid
    too_much = push(
        api,
        till,
        op(
            "order.refund",
            11,
            fulfilment_id=f3,
            store_id=till.store_id,
            amount=paid + 1,
            tender="cash",
            refunded_at=at(),
        ),
    )[0]
    assert too_much["status"] == "rejected" and too_much["code"] == 422
    r = push(
        api,
        till,
        op(
            "order.refund",
            12,
            fulfilment_id=f3,
            store_id=till.store_id,
            amount=paid,
            tender="card",
            reference="RF-1",
            refunded_at=at(),
        ),
    )[0]
    assert r["status"] == "applied" and r["result"]["refund_due"] == 0, r
    assert ship_rows(api, till)[f3][9] == 0
    again = push(
        api,
        till,
        op("order.refund", 13, fulfilment_id=f3, store_id=till.store_id, amount=1, tender="cash", refunded_at=at()),
    )[0]
    assert again["status"] == "rejected" and "owes no refund" in again["detail"]
    with backend.session() as s:
        msg = s.scalars(select(MailMessage).where(MailMessage.kind == "refund.done")).one()
        rendered = render(s, msg)
    assert "返金いたしました" in rendered.text and rendered.subject.endswith("の返金について")
    # a sourced one cannot wait, a cancelled one cannot be sourced
    late = push(
        api,
        till,
        op(
            "order.decide",
            14,
            fulfilment_id=f3,
            store_id=till.store_id,
            choice="source",
            location_id=location_id(backend, "WH-JP"),
            decided_at=at(),
        ),
    )[0]
    assert late["status"] == "rejected" and late["code"] == 409


# --- shipping and delivery ---------------------------------------------------------------------------------


def test_ship_from_store_by_op_and_from_the_warehouse_by_the_channel_with_tracking(
    api: TestClient, backend: Database
) -> None:
    till = enrol(api, backend)
    shipper = enrol(api, backend, "TKY02", "till 2")
    shop = channel_token(backend, "wms")
    a, b = some_variants(backend, 2)
    set_stock(backend, a, **{"TKY02": 2})
    set_stock(backend, b, **{"WH-JP": 2})
    sale_a, sale_b = ship_sale(backend, "TKY01", a), ship_sale(backend, "TKY01", b, seq=3)
    out = push(api, till, sale_a, order_op(sale_a, 2), sale_b, order_op(sale_b, 4))
    fa, fb = out[1]["result"]["fulfilments"][0]["id"], out[3]["result"]["fulfilments"][0]["id"]
    # the selling store cannot mark the other store's parcel shipped
    wrong = push(
        api,
        till,
        op(
            "shipment.ship",
            5,
            fulfilment_id=fa,
            store_id=till.store_id,
            carrier="yamato",
            tracking="1234-5678-9012",
            shipped_at=at(),
        ),
    )[0]
    assert wrong["status"] == "rejected" and wrong["code"] == 409
    done = push(
        api,
        shipper,
        op(
            "shipment.ship",
            1,
            fulfilment_id=fa,
            store_id=shipper.store_id,
            carrier="yamato",
            tracking="1234-5678-9012",
            shipped_at=at(),
        ),
    )[0]
    assert done["status"] == "applied" and done["result"]["state"] == "shipped", done
    assert stock(backend, "TKY02", a) == (1, 0)
    assert ship_rows(api, till)[fa][10:12] == ["yamato", "1234-5678-9012"]
    # the warehouse through the channel API
    r = api.post(f"/v1/channel/shipments/{fb}/ship", headers=shop, json={"carrier": "sagawa", "tracking": "SG7"})
    assert r.status_code == 422  # a tracking number of 4-40 characters
    r = api.post(f"/v1/channel/shipments/{fb}/ship", headers=shop, json={"carrier": "sagawa", "tracking": "SG-7788"})
    assert r.status_code == 200, r.text
    shipped = next(x for x in r.json()["fulfilments"] if x["id"] == fb)
    assert shipped["state"] == "shipped" and shipped["source"] == "WH-JP"
    assert shipped["tracking_url"] == "https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo=SG-7788"
    assert (
        api.post(
            f"/v1/channel/shipments/{fb}/ship", headers=shop, json={"carrier": "sagawa", "tracking": "SG-7788"}
        ).status_code
        == 200
    )
    assert stock(backend, "WH-JP", b) == (1, 0)  # shipped once
    r = api.post(f"/v1/channel/shipments/{fb}/deliver", headers=shop)
    assert r.status_code == 200 and next(x for x in r.json()["fulfilments"] if x["id"] == fb)["state"] == "delivered"
    assert (
        api.post(
            f"/v1/channel/shipments/{fb}/ship", headers=shop, json={"carrier": "dhl", "tracking": "XXXX1"}
        ).status_code
        == 409
    )
    assert (
        api.post(
            "/v1/channel/shipments/999999/ship", headers=shop, json={"carrier": "dhl", "tracking": "XXXX1"}
        ).status_code
        == 404
    )
    got = api.get(f"/v1/channel/orders/{out[1]['result']['number']}", headers=shop)
    assert got.status_code == 200 and got.json()["fulfilments"][0]["carrier"] == "yamato"
    assert api.get("/v1/channel/orders/nope", headers=shop).status_code == 404
    with backend.session() as s:
        msgs = s.scalars(
            select(MailMessage).where(MailMessage.kind == "shipment.shipped").order_by(MailMessage.id)
        ).all()
        assert [m.ref for m in msgs] == [str(fa), str(fb)]
        rendered = render(s, msgs[0])
    assert "ヤマト運輸" in rendered.text and "1234-5678-9012" in rendered.text
    assert "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&amp;number01=1234-5678-9012" in rendered.html


def test_ship_to_store_delivered_opens_a_pickup_there(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    there = enrol(api, backend, "TKY02", "till 2")
    shop = channel_token(backend, "wms")
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 2, "TKY02": 0})
    sale = ship_sale(backend, "TKY01", a)
    out = push(
        api,
        till,
        sale,
        order_op(
            sale,
            2,
            destination={"kind": "store", "store_id": there.store_id},
            delivery={"option": "jp-store", "fee": 0, "fee_line_id": None},
        ),
    )
    assert out[1]["status"] == "applied", out
    f = out[1]["result"]["fulfilments"][0]["id"]
    assert ship_rows(api, till)[f][6] == "Store Aisle Shinjuku"
    assert api.post(f"/v1/channel/shipments/{f}/deliver", headers=shop).status_code == 409  # not shipped yet
    assert (
        api.post(
            f"/v1/channel/shipments/{f}/ship", headers=shop, json={"carrier": "japanpost", "tracking": "JP123456"}
        ).status_code
        == 200
    )
    r = api.post(f"/v1/channel/shipments/{f}/deliver", headers=shop)
    assert r.status_code == 200, r.text
    pickup = next(x for x in r.json()["fulfilments"] if x["kind"] == "pickup")
    assert pickup["state"] == "new" and pickup["location"] == "TKY02"
    assert stock(backend, "TKY02", a) == (1, 1)  # arrived, reserved for the customer
    rows = {int(x[0]): x for x in snapshot(api, there.headers, "pickups").rows}
    assert rows[pickup["id"]][1] == out[1]["result"]["number"] and rows[pickup["id"]][3] == "new"
    assert api.post(f"/v1/channel/shipments/{f}/deliver", headers=shop).status_code == 200  # again: as is
    with backend.session() as s:
        order_id = s.get_one(Fulfilment, f).order_id
        assert (
            len(s.scalars(select(Fulfilment).where(Fulfilment.kind == "pickup", Fulfilment.order_id == order_id)).all())
            == 1
        )


def test_the_order_page_shows_the_shipment_with_its_tracking_link(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    shop = channel_token(backend, "wms")
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 2})
    sale = ship_sale(backend, "TKY01", a)
    out = push(api, till, sale, order_op(sale, 2, language="en"))
    number = out[1]["result"]["number"]
    f = out[1]["result"]["fulfilments"][0]["id"]
    token = order_of(backend, number).token
    page = api.get(f"/o/{token}")
    assert page.status_code == 200 and "Being prepared" in page.text and "〒150-0001" in page.text
    api.post(f"/v1/channel/shipments/{f}/ship", headers=shop, json={"carrier": "yamato", "tracking": "4455-6677"})
    page = api.get(f"/o/{token}")
    assert "On its way" in page.text and "Yamato Transport" in page.text and "4455-6677" in page.text
    assert 'href="https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&amp;number01=4455-6677"' in page.text
    assert api.get(f"/o/{'y' * 32}").status_code == 404


# --- the fee line, the e-mail over SMTP, the page in a real browser ------------------------------


def with_fee_line(db: Database, sale: dict[str, Any], sku: str, fee: int) -> dict[str, Any]:
    """The sale with the delivery fee as a second line, priced as the tablet prices it: the fee
    SKU is in no price list, so the line carries the delivery option's fee as its unit price."""
    from sync.pricing import price_basket, read_basket

    p = sale["payload"]
    doc = p["pricing"]
    rate = (
        doc["lines"][0]["tax_rate"]
        if doc["lines"][0]["tax_class"] == "standard"
        else ("10" if p["currency"] == "JPY" else "19")
    )
    doc["lines"].append(
        {
            "id": "fee",
            "sku": sku,
            "category": "delivery",
            "quantity": 1,
            "tax_class": "standard",
            "tax_rate": rate,
            "unit_price": fee,
        }
    )
    priced = price_basket(read_basket(doc)[0])
    with db.session() as s:
        from central.models import Variant

        fee_vid = s.scalars(select(Variant.id).where(Variant.sku == sku)).one()
    lines = []
    for pl, base in zip(
        priced.lines,
        [*p["lines"], {"line_id": "fee", "variant_id": fee_vid, "sku": sku, "fulfilment": "carry_out"}],
        strict=True,
    ):
        lines.append(
            {
                "line_id": base["line_id"], "variant_id": base["variant_id"], "sku": base["sku"], "quantity": pl.quantity,
                "fulfilment": base["fulfilment"], "unit_price": pl.unit_price, "amount": pl.amount,
                "promotions": pl.promotion_saving, "discounts": pl.discount_amount, "total": pl.total,
                "tax_class": pl.tax_class, "tax_rate": format(pl.tax_rate.normalize(), "f"), "net": pl.net, "tax": pl.tax,
            }
        )  # fmt: skip
    t = priced.totals
    p |= {
        "lines": lines,
        "discounts": [
            {"kind": "promotion", "promotion": u.id, "name": u.name, "coupon": u.coupon, "amount": u.saving}
            for u in priced.promotions
        ],
        "taxes": [
            {"tax_class": x.tax_class, "rate": format(x.rate.normalize(), "f"), "net": x.net, "tax": x.tax, "gross": x.gross}
            for x in priced.taxes
        ],
        "totals": {"amount": t.amount, "promotions": t.promotions, "discounts": t.discounts, "net": t.net, "tax": t.tax,
                   "total": t.total, "cash_rounding": 0},
        "tenders": [{"type": "cash", "amount": t.total, "change": 0}],
    }  # fmt: skip
    return sale


def test_the_fee_is_a_sale_line_of_the_options_service_sku_and_central_checks_it(
    api: TestClient, backend: Database
) -> None:
    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 3})
    options = {r[0]: r for r in snapshot(api, till.headers, "delivery_options").rows}
    assert set(options) == {"jp-standard", "jp-express", "jp-store", "de-standard", "de-express", "de-store"}
    express = options["jp-express"]
    assert express[1:4] == ["JP", "JPY", "SVC-DLV-JP-EXP"] and express[7] == 1100 and express[8] is None
    sale = with_fee_line(backend, ship_sale(backend, "TKY01", a), "SVC-DLV-JP-EXP", 1100)
    order = order_op(sale, 2, delivery={"option": "jp-express", "fee": 1100, "fee_line_id": "fee"})
    out = push(api, till, sale, order)
    assert [o["status"] for o in out] == ["applied", "applied"], out
    assert out[1]["result"]["checks"] == []  # central's fee, charged on the fee line
    with backend.session() as s:
        from central.models import Order

        sold = s.scalars(select(Order).where(Order.sale_id == sale["payload"]["sale_id"])).one()
        sale_checks, flagged = sold.checks, sold.flagged
    # Central re-prices the sale as the tablet did: the ship line moves no stock at the till,
    # and the fee line keeps its own price (no price list has the fee SKU) and has no stock.
    assert out[0]["status"] == "applied" and (flagged, sale_checks) == (0, "[]")
    # the fee SKU has no stock row: the fee line moves no stock
    with backend.session() as s:
        from central.models import Stock as StockRow
        from central.models import Variant

        fee_vid = s.scalars(select(Variant.id).where(Variant.sku == "SVC-DLV-JP-EXP")).one()
        assert s.scalars(select(StockRow).where(StockRow.variant_id == fee_vid)).first() is None


def test_the_confirmation_reaches_a_real_smtp_server_in_japanese(api: TestClient, backend: Database) -> None:
    from central.mail import MailSender
    from tests.central.test_mail import mail_settings, parts
    from tests.support.smtp import free_port, smtp_server

    till = enrol(api, backend)
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 3})
    sale = ship_sale(backend, "TKY01", a)
    out = push(api, till, sale, order_op(sale, 2))
    number = out[1]["result"]["number"]
    port = free_port()
    with smtp_server(port) as sink:
        sender = MailSender(backend, mail_settings(port))
        assert sender.send_due() == 1
    assert len(sink.messages) == 1
    msg = sink.messages[0]
    assert msg["To"] == "hanako@example.jp" and msg["Subject"] == f"【Aisle Shibuya】ご注文 {number} を承りました"
    text, html, atts = parts(msg)
    assert (
        "ご注文 " + number in text and "〒150-0001" in text and "東京都渋谷区神宮前1-2-3" in text and "通常配送" in text
    )
    assert '<html lang="ja">' in html and "/o/" in html and atts == []


def test_the_order_page_in_a_real_browser_shows_the_tracking_link(api: TestClient, backend: Database) -> None:
    from tests.support.browser import dump_dom
    from tests.support.servers import run_central

    till = enrol(api, backend)
    shop = channel_token(backend, "wms")
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 3})
    sale = ship_sale(backend, "TKY01", a)
    out = push(api, till, sale, order_op(sale, 2))
    f = out[1]["result"]["fulfilments"][0]["id"]
    token = order_of(backend, out[1]["result"]["number"]).token
    assert (
        api.post(
            f"/v1/channel/shipments/{f}/ship", headers=shop, json={"carrier": "japanpost", "tracking": "AB123456789JP"}
        ).status_code
        == 200
    )
    with run_central(backend) as url:
        dom = dump_dom(f"{url}/o/{token}")
    assert '<html lang="ja">' in dom and "配送中" in dom and "日本郵便" in dom and "AB123456789JP" in dom
    assert (
        f'id="track-{f}" href="https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=AB123456789JP&amp;locale=ja"'
        in dom
    )
    assert "〒150-0001" in dom and "山田 花子 様" in dom


LOCS = ("WH-JP", "TKY01", "TKY02", "BER01")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stock_a=st.lists(st.integers(0, 4), min_size=4, max_size=4),
    stock_b=st.lists(st.integers(0, 4), min_size=4, max_size=4),
    qa=st.integers(1, 6),
    qb=st.integers(1, 6),
    split=st.booleans(),
)
def test_sourcing_never_takes_more_than_is_available_and_a_line_is_whole_or_unsourced(
    backend: Database, stock_a: list[int], stock_b: list[int], qa: int, qb: int, split: bool
) -> None:
    a, b = some_variants(backend)
    set_stock(backend, a, **dict(zip(LOCS, stock_a, strict=True)))
    set_stock(backend, b, **dict(zip(LOCS, stock_b, strict=True)))
    avail = {(c, v): n for v, row in ((a, stock_a), (b, stock_b)) for c, n in zip(LOCS, row, strict=True)}
    with backend.session() as s:
        store = s.scalars(select(Location).where(Location.code == "TKY01")).one()
        code = {loc.id: loc.code for loc in s.scalars(select(Location))}
        p = plan(s, store, [Want(1, a, qa), Want(2, b, qb)], split=split)
    taken: dict[tuple[str, int], int] = {}
    per_line: dict[int, int] = {1: 0, 2: 0}
    for loc, pieces in p.sources:
        assert code[loc] != "BER01"  # never another country
        for w, units in pieces:
            assert units > 0
            taken[(code[loc], w.variant_id)] = taken.get((code[loc], w.variant_id), 0) + units
            per_line[w.n] += units
    for key, units in taken.items():
        assert units <= avail[key]  # never more than is available: nothing goes negative
    unsourced = {w.n: units for w, units in p.unsourced}
    for n, want in ((1, qa), (2, qb)):
        assert (per_line[n], unsourced.get(n, 0)) in ((want, 0), (0, want))  # whole, or none of it
    if not split:
        assert len(p.sources) <= 1 and (not p.sources or not p.unsourced)
    jp = ("WH-JP", "TKY01", "TKY02")
    if any(avail[(c, a)] >= qa and avail[(c, b)] >= qb for c in jp):  # one place has everything: one source
        first = next(c for c in jp if avail[(c, a)] >= qa and avail[(c, b)] >= qb)
        assert [code[loc] for loc, _ in p.sources] == [first] and not p.unsourced


def test_two_tills_ordering_the_last_unit_at_once_never_reserve_it_twice(api: TestClient, backend: Database) -> None:
    """Stock gone between an offline order and its sync: the writer lock orders the two
    order.create ops; the second finds the unit reserved and goes unsourced (staff decide)."""
    import threading

    import httpx

    from tests.support.servers import run_central

    tills = [enrol(api, backend, "TKY01", "till 1"), enrol(api, backend, "TKY02", "till 2")]
    (a,) = some_variants(backend, 1)
    set_stock(backend, a, **{"WH-JP": 1})
    pushes = []
    for till in tills:
        sale = ship_sale(backend, till.store_code, a, seq=1)
        pushes.append((till, [sale, order_op(sale, 2)]))
    results: dict[str, list[dict[str, Any]]] = {}
    with run_central(backend) as url:
        barrier = threading.Barrier(2)

        def send(till: Enrolled, ops: list[dict[str, Any]]) -> None:
            barrier.wait()
            r = httpx.post(f"{url}/v1/ops", headers=till.headers, json={"ops": ops}, timeout=30)
            results[till.store_code] = r.json()["results"]

        threads = [threading.Thread(target=send, args=x) for x in pushes]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    states = sorted(r[1]["result"]["fulfilments"][0]["state"] for r in results.values())
    assert states == ["sourced", "unsourced"], results
    assert stock(backend, "WH-JP", a) == (1, 1)  # reserved once, never more than on hand
