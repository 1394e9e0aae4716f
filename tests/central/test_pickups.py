"""Click-and-collect on central (docs/pickups.md): the web shop's pickup orders through the channel
API with their reservations, the `pickups` stream for the store's tablets, the tablet ops
(pick, ready, handover) and their refusals, the signed code, the ready e-mail, the expiry job,
the CLI, and the customer's order page read by a real headless browser."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central import cli
from central.changes import writing
from central.db import Database
from central.mail.render import render
from central.models import Fulfilment, MailMessage, Stock, Variant
from central.pickups import run_due
from sync.pickup_code import PickupCodeError, verify_pickup_code
from sync.receipts.code import public_key_from_text
from tests.central.helpers import Enrolled, channel_token, enrol, location_id, snapshot
from tests.central.test_sales import push
from tests.support.browser import decode_qr_screenshot, dump_dom
from tests.support.servers import run_central


def skus_with_stock(db: Database, store: str, n: int = 2, at_least: int = 3) -> list[tuple[int, str]]:
    loc = location_id(db, store)
    with db.session() as s:
        q = (
            select(Variant.id, Variant.sku)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.location_id == loc, Stock.on_hand - Stock.reserved >= at_least)
            .order_by(Variant.id)
            .limit(n)
        )
        return [(int(a), str(b)) for a, b in s.execute(q)]


def stock_of(db: Database, store: str, vid: int) -> tuple[int, int]:
    with db.session() as s:
        st = s.get_one(Stock, (location_id(db, store), vid))
        return st.on_hand, st.reserved


def order_body(skus: list[str], reference: str = "web-1001", **changes: Any) -> dict[str, Any]:
    body = {
        "reference": reference,
        "store": "TKY01",
        "customer": {
            "name": "Hanako Yamada",
            "email": "Hanako@Example.com",
            "phone": "090-1234-5678",
            "language": "ja",
        },
        "lines": [{"sku": sku, "qty": q} for sku, q in zip(skus, (1, 2), strict=False)],
        "payment": "paid",
    }
    return body | changes


def op(type_: str, seq: int, **payload: Any) -> dict[str, Any]:
    return {"op_id": str(uuid.uuid4()), "device_seq": seq, "type": type_, "payload": payload}


def at() -> str:
    return datetime.now(UTC).isoformat()


def ready_pickup(api: TestClient, device: Enrolled, pickup: dict[str, Any], seq: int = 1) -> int:
    """Pick every line of a created pickup and make it ready; returns the next device_seq."""
    pid = pickup_id(api, device, pickup["number"])
    lines = [{"line_no": x["line_no"], "picked": x["qty"], "missing": 0} for x in pickup["lines"]]
    out = push(
        api,
        device,
        op("pickup.pick", seq, pickup_id=pid, store_id=device.store_id, lines=lines, shelf="B-3", picked_at=at()),
        op("pickup.ready", seq + 1, pickup_id=pid, store_id=device.store_id, ready_at=at()),
    )
    assert [o["status"] for o in out] == ["applied", "applied"], out
    return seq + 2


def pickup_rows(api: TestClient, device: Enrolled) -> dict[str, list[Any]]:
    rows = snapshot(api, device.headers, "pickups").rows
    return {str(r[1]): r for r in rows}


def pickup_id(api: TestClient, device: Enrolled, number: str) -> int:
    return int(pickup_rows(api, device)[number][0])


def test_the_shop_creates_a_pickup_once_and_its_stock_is_reserved(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    (v1, s1), (v2, s2) = skus_with_stock(backend, "TKY01")
    before = stock_of(backend, "TKY01", v1), stock_of(backend, "TKY01", v2)
    r = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2]))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["state"] == "new" and out["store"] == "TKY01" and out["currency"] == "JPY"
    assert [(x["sku"], x["qty"]) for x in out["lines"]] == [(s1, 1), (s2, 2)]
    assert out["total"] == sum(x["unit_price"] * x["qty"] for x in out["lines"]) > 0
    assert [e["event"] for e in out["history"]] == ["created"]
    assert out["page_url"].split("/o/")[1]
    assert stock_of(backend, "TKY01", v1) == (before[0][0], before[0][1] + 1)
    assert stock_of(backend, "TKY01", v2) == (before[1][0], before[1][1] + 2)
    # the same request again: the same order, nothing reserved twice
    again = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2]))
    assert again.status_code == 201 and again.json()["number"] == out["number"]
    assert stock_of(backend, "TKY01", v1)[1] == before[0][1] + 1
    # the reference with another body is refused
    other = api.post("/v1/channel/pickups", headers=shop, json=order_body([s2, s1]))
    assert other.status_code == 409 and "already used" in other.json()["detail"]
    got = api.get("/v1/channel/pickups/web-1001", headers=shop)
    assert got.status_code == 200 and got.json()["number"] == out["number"]
    assert api.get("/v1/channel/pickups/web-nope", headers=shop).status_code == 404
    # another channel client does not see it
    assert api.get("/v1/channel/pickups/web-1001", headers=channel_token(backend, "erp")).status_code == 404


def test_bad_pickup_requests_get_one_sentence_and_reserve_nothing(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    (v1, s1), _ = skus_with_stock(backend, "TKY01")
    reserved = stock_of(backend, "TKY01", v1)[1]
    cases = [
        (order_body([s1, "NO-SUCH-SKU"], "r1"), 404, "Unknown SKU NO-SUCH-SKU"),
        (order_body([s1], "r2", store="NOPE1"), 404, "no store NOPE1"),
        (order_body([s1], "r3", lines=[{"sku": s1, "qty": 99}]), 409, "cannot reserve 99"),
    ]
    for body, status, words in cases:
        r = api.post("/v1/channel/pickups", headers=shop, json=body)
        assert r.status_code == status and words in r.json()["detail"], r.text
    bad_mail = order_body([s1], "r4")
    bad_mail["customer"]["email"] = "hanako@"
    assert api.post("/v1/channel/pickups", headers=shop, json=bad_mail).status_code == 422
    assert api.post("/v1/channel/pickups", json=order_body([s1], "r5")).status_code == 401
    assert stock_of(backend, "TKY01", v1)[1] == reserved
    # a product the store never carries: no stock row there at all
    with backend.session() as s:
        never = s.scalar(
            select(Variant.sku)
            .where(~Variant.id.in_(select(Stock.variant_id).where(Stock.location_id == location_id(backend, "TKY01"))))
            .limit(1)
        )
    if never is not None:
        r = api.post("/v1/channel/pickups", headers=shop, json=order_body([never], "r6"))
        assert r.status_code == 409 and "does not carry it" in r.json()["detail"]


def test_tablets_of_the_store_get_the_pickup_and_hand_it_over_once(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    till1, till2 = enrol(api, backend, "TKY01", "till 1"), enrol(api, backend, "TKY01", "till 2")
    berlin = enrol(api, backend, "BER01", "berlin")
    (v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    before = stock_of(backend, "TKY01", v1)
    created = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2])).json()
    rows = pickup_rows(api, till1)
    assert created["number"] in rows and rows[created["number"]][3] == "new"
    assert created["number"] not in pickup_rows(api, berlin)  # store scope
    pid = int(rows[created["number"]][0])
    # ready before picking is refused with the sentence the tablet shows
    early = push(api, till1, op("pickup.ready", 1, pickup_id=pid, store_id=till1.store_id, ready_at=at()))
    assert early[0]["status"] == "rejected" and "not picked yet" in early[0]["detail"]
    # another store's device cannot touch it
    foreign = push(api, berlin, op("pickup.ready", 1, pickup_id=pid, store_id=berlin.store_id, ready_at=at()))
    assert foreign[0]["status"] == "rejected" and foreign[0]["code"] == 404
    # line 2 is one short: picked 1, missing 1 (that unit leaves the reservation)
    lines = [{"line_no": 1, "picked": 1, "missing": 0}, {"line_no": 2, "picked": 1, "missing": 1}]
    out = push(
        api,
        till1,
        op("pickup.pick", 2, pickup_id=pid, store_id=till1.store_id, lines=lines, shelf="B-3", picked_at=at()),
        op("pickup.ready", 3, pickup_id=pid, store_id=till1.store_id, ready_at=at()),
    )
    assert [o["status"] for o in out] == ["applied", "applied"], out
    row = pickup_rows(api, till1)[created["number"]]
    assert row[3] == "ready" and row[9] == "B-3" and str(row[16]).startswith("aisle:p1:")
    # the code verifies offline with the key of the central_keys stream
    keys = {r[0]: public_key_from_text(r[2]) for r in snapshot(api, till1.headers, "central_keys").rows}
    claim = verify_pickup_code(str(row[16]), keys, store="TKY01", now=datetime.now(UTC).timestamp())
    assert claim.pickup_id == pid and claim.number == created["number"]
    with pytest.raises(PickupCodeError, match="not here"):
        verify_pickup_code(str(row[16]), keys, store="BER01", now=datetime.now(UTC).timestamp())
    forged = str(row[16])[:-3] + ("AAA" if not str(row[16]).endswith("AAA") else "BBB")
    with pytest.raises(PickupCodeError, match="not genuine"):
        verify_pickup_code(forged, keys, store="TKY01", now=datetime.now(UTC).timestamp())
    with pytest.raises(PickupCodeError, match="expired"):
        verify_pickup_code(str(row[16]), keys, store="TKY01", now=claim.expires + 1.0)
    # the customer's e-mail, in Japanese, with the QR attached
    with backend.session() as s:
        msg = s.scalars(select(MailMessage).where(MailMessage.kind == "pickup.ready")).one()
        assert msg.to == "hanako@example.com" and msg.language == "ja"
        rendered = render(s, msg)
    assert created["number"] in rendered.subject and "受け取り" in rendered.subject
    assert created["page_url"] in rendered.text and str(row[16]) in rendered.text
    assert rendered.attachments[0].content_type == "image/png"
    # two tablets hand over at once: the first wins, the second is told when and by which till
    hand = {"pickup_id": pid, "store_id": till1.store_id, "collected_by": "customer", "found_by": "code"}
    give = [{"line_no": 1, "quantity": 1}, {"line_no": 2, "quantity": 1}]
    first = push(api, till1, op("pickup.handover", 4, **hand, lines=give, handed_over_at=at()))
    second = push(api, till2, op("pickup.handover", 1, **hand, lines=give, handed_over_at=at()))
    assert first[0]["status"] == "applied"
    assert second[0]["status"] == "rejected" and second[0]["code"] == 409
    assert "already collected at" in second[0]["detail"] and "by till till 1" in second[0]["detail"]
    row = pickup_rows(api, till1)[created["number"]]
    assert row[3] == "collected" and row[15] == "till 1"
    # stock: 1 of line 1 left the shelf, the reservation is gone
    assert stock_of(backend, "TKY01", v1) == (before[0] - 1, before[1])
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    assert [e["event"] for e in got["history"]] == ["created", "picked", "ready", "short", "collected"]
    assert [x["collected"] for x in got["lines"]] == [1, 1] and got["lines"][1]["missing"] == 1
    # a paid order with a missing unit: its amount is owed back to the shop's payment
    unit = got["lines"][1]["unit_price"]
    assert got["refunds"] == [
        {"amount": unit, "reason": "missing", "lines": [{"line_no": 2, "sku": s2, "qty": 1, "amount": unit}],
         "at": got["refunds"][0]["at"]}
    ]  # fmt: skip
    assert got["refund_total"] == unit and got["total"] == created["total"]  # paid: the total stays what was paid
    assert row[20] == unit  # the stream's refund column
    assert "Not available" not in rendered.text  # ja mail
    # the customer's order page says it in words (ja: the order's language), not the event's name
    page = api.get("/o/" + created["page_url"].split("/o/")[1]).text
    assert "一部の商品をご用意できませんでした（返金）" in page and ">short<" not in page
    assert "在庫がなく" in rendered.text and "返金" in rendered.text


def test_someone_else_collecting_needs_a_name(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    till = enrol(api, backend)
    (_v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    created = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2])).json()
    seq = ready_pickup(api, till, created)
    pid = pickup_id(api, till, created["number"])
    base = {"pickup_id": pid, "store_id": till.store_id, "collected_by": "someone_else", "found_by": "search"}
    give = [{"line_no": 1, "quantity": 1}]
    nameless = push(api, till, op("pickup.handover", seq, **base, lines=give, handed_over_at=at()))
    assert nameless[0]["status"] == "rejected" and "Say who collected" in nameless[0]["detail"]
    named = push(
        api,
        till,
        op(
            "pickup.handover",
            seq + 1,
            **base,
            collector_name="Ken Yamada",
            id_checked=True,
            lines=give,
            handed_over_at=at(),
        ),
    )
    assert named[0]["status"] == "applied"
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    assert got["collected_by"] == "Ken Yamada" and [x["collected"] for x in got["lines"]] == [1, 0]
    assert "ID checked" in got["history"][-1]["detail"]


def test_reminder_then_expiry_releases_the_stock(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    till = enrol(api, backend)
    (v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    before = stock_of(backend, "TKY01", v1)
    created = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2])).json()
    ready_pickup(api, till, created)
    with backend.session() as s, writing(s):
        assert run_due(s) == ([], [])
    with backend.session() as s, writing(s):
        reminded, expired = run_due(s, datetime.now(UTC) + timedelta(days=4))
        assert len(reminded) == 1 and not expired
    with backend.session() as s:
        assert s.scalars(select(MailMessage.kind).order_by(MailMessage.id)).all() == ["pickup.ready", "pickup.reminder"]
    with backend.session() as s, writing(s):
        reminded, expired = run_due(s, datetime.now(UTC) + timedelta(days=8))
        assert not reminded and len(expired) == 1
    # expiry keeps the reservation: the bag is still on its shelf until staff put it back
    assert stock_of(backend, "TKY01", v1) == (before[0], before[1] + 1)
    row = pickup_rows(api, till)[created["number"]]
    assert row[3] == "expired" and row[19] is None and row[20] == 0  # restocked_at, refund
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    assert got["refunds"] == [] and got["restocked_at"] is None
    pid = int(row[0])
    restock = op("pickup.restock", 10, pickup_id=pid, store_id=till.store_id, restocked_at=at())
    again = op("pickup.restock", 11, pickup_id=pid, store_id=till.store_id, restocked_at=at())
    out = push(api, till, restock, again)
    assert [o["status"] for o in out] == ["applied", "applied"] and out[1]["result"]["already"] is True
    assert stock_of(backend, "TKY01", v1) == before  # released now
    row = pickup_rows(api, till)[created["number"]]
    total = created["total"]
    assert row[19] and row[20] == total
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    assert [(r["reason"], r["amount"]) for r in got["refunds"]] == [("expired", total)]
    assert got["history"][-1]["event"] == "restocked" and got["restocked_at"]
    # restocking an order that is not expired is refused with a sentence
    other = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1], "web-1002")).json()
    oid = pickup_id(api, till, other["number"])
    early = push(api, till, op("pickup.restock", 12, pickup_id=oid, store_id=till.store_id, restocked_at=at()))
    assert early[0]["status"] == "rejected" and "not expired" in early[0]["detail"]
    # the shop cancelling an expired order is refused with a sentence
    r = api.post("/v1/channel/pickups/web-1001/cancel", headers=shop)
    assert r.status_code == 409 and "expired" in r.json()["detail"]


def test_the_shop_cancels_and_the_stock_is_released(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    (v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    before = stock_of(backend, "TKY01", v1)
    api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2]))
    r = api.post("/v1/channel/pickups/web-1001/cancel", headers=shop)
    assert r.status_code == 200 and r.json()["state"] == "cancelled"
    assert stock_of(backend, "TKY01", v1) == before
    assert api.post("/v1/channel/pickups/web-1001/cancel", headers=shop).status_code == 200  # again: the same


def test_the_demo_cli_creates_orders_and_the_expire_command_runs(
    backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", backend.url, "pickup-demo", "--store", "TKY01", "--count", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("for pickup at TKY01") == 3 and "/o/" in out
    with backend.session() as s:
        assert len(s.scalars(select(Fulfilment)).all()) == 3
    assert cli.main(["--db", backend.url, "pickup-demo", "--store", "NOPE", "--count", "1"]) == 2
    assert cli.main(["--db", backend.url, "pickups-expire"]) == 0
    assert "Nothing due." in capsys.readouterr().out


def test_the_demo_cli_never_asks_a_sku_for_more_than_is_left(
    backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    # two SKUs with 3 free each hold 6 pieces: two demo orders (1 + 2 pieces each), never a refused third
    store = location_id(backend, "TKY01")
    keep = [vid for vid, _sku in skus_with_stock(backend, "TKY01")]
    with backend.session() as s, writing(s):
        for row in s.scalars(select(Stock).where(Stock.location_id == store)):
            row.on_hand = row.reserved + (3 if row.variant_id in keep else 0)
    assert cli.main(["--db", backend.url, "pickup-demo", "--store", "TKY01", "--count", "3"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("for pickup at TKY01") == 2
    assert "stock for 2 demo orders only" in captured.err and "not enough" not in captured.err.lower()
    with backend.session() as s:
        assert len(s.scalars(select(Fulfilment)).all()) == 2
        assert all(
            r.on_hand == r.reserved
            for r in s.scalars(select(Stock).where(Stock.variant_id.in_(keep), Stock.location_id == store))
        )


def test_the_order_page_shows_status_history_and_the_qr_when_ready(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    till = enrol(api, backend)
    (_v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    created = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2])).json()
    token = created["page_url"].split("/o/")[1]
    with run_central(backend) as url:
        dom = dump_dom(f"{url}/o/{token}")
        assert '<html lang="ja">' in dom and "ご注文受付" in dom and created["number"] in dom
        assert "pickup-qr" not in dom
        ready_pickup(api, till, created)
        dom = dump_dom(f"{url}/o/{token}")
        assert "お受け取りいただけます" in dom and "pickup-qr" in dom and "受け取り店舗" in dom
        code = pickup_rows(api, till)[created["number"]][16]
        assert decode_qr_screenshot(f"{url}/o/{token}") == code
        assert httpx.get(f"{url}/o/{'x' * 32}").status_code == 404
        assert httpx.get(f"{url}/o/short").status_code == 422


def test_a_pay_on_pickup_order_with_missing_units_costs_less(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    till = enrol(api, backend)
    (_v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    body = order_body([s1, s2], payment="pay_on_pickup") | {
        "customer": {"name": "Max Weber", "email": "max@example.com", "language": "en"}
    }
    created = api.post("/v1/channel/pickups", headers=shop, json=body).json()
    pid = pickup_id(api, till, created["number"])
    lines = [{"line_no": 1, "picked": 0, "missing": 1}, {"line_no": 2, "picked": 2, "missing": 0}]
    out = push(
        api,
        till,
        op("pickup.pick", 1, pickup_id=pid, store_id=till.store_id, lines=lines, shelf="A-1", picked_at=at()),
        op("pickup.ready", 2, pickup_id=pid, store_id=till.store_id, ready_at=at()),
    )
    assert [o["status"] for o in out] == ["applied", "applied"], out
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    line2 = got["lines"][1]
    assert got["total"] == 2 * line2["unit_price"] < created["total"] and got["refunds"] == []
    assert pickup_rows(api, till)[created["number"]][6] == got["total"]  # the till asks for this much
    with backend.session() as s:
        msg = s.scalars(select(MailMessage).where(MailMessage.kind == "pickup.ready")).one()
        rendered = render(s, msg)
    assert "Not available, so not in your bag:" in rendered.text and got["lines"][0]["name"] in rendered.text
    assert "You pay only for what is in the bag." in rendered.text and "refund" not in rendered.text
    assert "Not available" in rendered.html


def test_the_kiosk_check_in_sets_the_arrival_and_finished_pickups_leave_the_stream(
    api: TestClient, backend: Database
) -> None:
    from central.pickups import PRUNE_DAYS

    shop = channel_token(backend)
    kiosk = enrol(api, backend, "TKY01", "kiosk")
    (_v1, s1), (_v2, s2) = skus_with_stock(backend, "TKY01")
    created = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1, s2])).json()
    pid = pickup_id(api, kiosk, created["number"])
    early = push(api, kiosk, op("pickup.arrive", 1, pickup_id=pid, store_id=kiosk.store_id, arrived_at=at()))
    assert early[0]["status"] == "rejected" and "not ready" in early[0]["detail"]
    seq = ready_pickup(api, kiosk, created, 2)
    out = push(api, kiosk, op("pickup.arrive", seq, pickup_id=pid, store_id=kiosk.store_id, arrived_at=at()))
    assert out[0]["status"] == "applied"
    row = pickup_rows(api, kiosk)[created["number"]]
    assert row[18] is not None and row[3] == "ready"
    got = api.get("/v1/channel/pickups/web-1001", headers=shop).json()
    assert got["arrived_at"] and got["history"][-1]["event"] == "arrived"
    give = [{"line_no": 1, "quantity": 1}, {"line_no": 2, "quantity": 2}]
    hand = {"pickup_id": pid, "store_id": kiosk.store_id, "collected_by": "customer", "found_by": "code"}
    assert (
        push(api, kiosk, op("pickup.handover", seq + 1, **hand, lines=give, handed_over_at=at()))[0]["status"]
        == "applied"
    )
    open_one = api.post("/v1/channel/pickups", headers=shop, json=order_body([s1], "web-open")).json()
    # not yet PRUNE_DAYS after the handover: both stay
    with backend.session() as s, writing(s):
        run_due(s, datetime.now(UTC) + timedelta(days=PRUNE_DAYS - 1))
    assert {created["number"], open_one["number"]} <= set(pickup_rows(api, kiosk))
    before = snapshot(api, kiosk.headers, "pickups")
    with backend.session() as s, writing(s):
        run_due(s, datetime.now(UTC) + timedelta(days=PRUNE_DAYS, minutes=1))
    rows = pickup_rows(api, kiosk)
    assert created["number"] not in rows and open_one["number"] in rows  # an open order never leaves
    # the tablet sees a delete in the change feed after its cursor
    changes = api.get("/v1/sync/pickups/changes", headers=kiosk.headers, params={"after": before.header.high_water})
    assert changes.status_code == 200, changes.text
    deleted = [c for c in changes.json()["changes"] if c["row"] is None]
    assert [c["key"] for c in deleted] == [[pid]]
    # central keeps the order itself
    assert api.get("/v1/channel/pickups/web-1001", headers=shop).json()["state"] == "collected"


def test_migration_0010p_pads_the_change_logs_old_pickup_rows(tmp_path: Path) -> None:
    import orjson
    from alembic import command
    from sqlalchemy import create_engine, text

    from central.db import alembic_config

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0010e")
    old = [7, "000007", 1, "expired", "paid", "JPY", 100, "A", "[]", "B-3", "t0", "t1", "t2", None, "", "", "c", "t9"]
    with engine.begin() as con:
        for seq, row in ((1, old), (2, [*old[:3], "new", *old[4:]]), (3, None)):
            con.execute(
                text(
                    "INSERT INTO change_log(seq, stream, scope, key, row, at) VALUES (:s, 'pickups', 1, '[7]', :r, :a)"
                ),
                {"s": seq, "r": None if row is None else orjson.dumps(row).decode(), "a": "2026-12-01 00:00:00"},
            )
    command.upgrade(alembic_config(engine), "0010p")
    with engine.connect() as con:
        rows = [r[0] for r in con.execute(text("SELECT row FROM change_log ORDER BY seq"))]
    engine.dispose()
    assert orjson.loads(rows[0]) == [*old, None, "t9", 0]  # expired before: counts as restocked then
    assert orjson.loads(rows[1])[18:] == [None, None, 0] and rows[2] is None
    from sync.protocol import STREAMS

    for r in rows[:2]:
        STREAMS["pickups"].validate_row(orjson.loads(r))
