"""Stored value through central's API and ops: a sale earns points on its lines and redeems
them, store credit and gift cards are spent as tenders (online at once, offline reconciled as
overspends for head office), gift cards are loaded and a paid top-up voided, the web shop reads
and spends the same balances, and two tills spending one card at once: one wins, the other is
told. The real app, on SQLite and PostgreSQL (and a real server on loopback for the race)."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import Account, ChangeLog, LedgerEntry, Order
from central.seed import DEMO_CUSTOMER_NS
from sync.loyalty import points_reason, tender_reference
from sync.protocol import customer_id_for
from tests.central.helpers import Enrolled, channel_token, enrol, stocked_variant
from tests.central.test_sales import sale_op
from tests.support.servers import run_central

HANAKO = customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp"))  # 2,400 points, ¥3,000 credit


def gift_card(db: Database, currency: str = "JPY", status: str = "active") -> tuple[str, int]:
    with db.session() as s:
        a = s.scalars(
            select(Account)
            .where(Account.kind == "gift", Account.currency == currency, Account.status == status)
            .order_by(Account.id)
        ).first()
        assert a is not None
        return a.owner, int(a.balance)


def push(api: TestClient | httpx.Client, device: Enrolled, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    r = api.post("/v1/ops", headers=device.headers, json={"ops": list(ops)})
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def a_sale(db: Database, device: Enrolled, *, customer: int | None = HANAKO, seq: int = 1) -> dict[str, Any]:
    vid, _sku, _ = stocked_variant(db, device.store_id)
    op = sale_op(db, device.store_id, vid, seq=seq)
    op["payload"]["customer_id"] = customer
    return op


def paid_with(op: dict[str, Any], kind: str, amount: int, reference: str) -> None:
    total = op["payload"]["totals"]["total"]
    op["payload"]["tenders"] = [{"type": kind, "amount": amount, "change": 0, "reference": reference}]
    if total > amount:
        op["payload"]["tenders"].append({"type": "cash", "amount": total - amount, "change": 0})


def test_a_sale_to_a_customer_earns_points_per_line_and_the_balance_is_poked(
    api: TestClient, backend: Database
) -> None:
    device = enrol(api, backend, "TKY01")
    before = api.get(f"/v1/accounts/customers/{HANAKO}", headers=device.headers).json()
    assert before["points"] == 2400 and before["tier"] == "silver" and before["redeem_value"] == 100
    assert before["credit"] == [{"currency": "JPY", "balance": 3000}]
    op = a_sale(backend, device)
    [out] = push(api, device, op)
    total = op["payload"]["totals"]["total"]
    # 1 point per ¥100 (2 on jackets), times silver's 1.25, rounded down
    assert out["status"] == "applied" and out["result"]["points_earned"] > 0
    earned = out["result"]["points_earned"]
    assert earned in (
        int(total // 100 * 1.25),
        int(total * 2 // 100 * 1.25),
        total * 125 // 10000,
        total * 250 // 10000,
    )
    after = api.get(f"/v1/accounts/customers/{HANAKO}", headers=device.headers).json()
    assert after["points"] == 2400 + earned
    with backend.session() as s:
        entry = s.scalars(select(LedgerEntry).where(LedgerEntry.ref == f"sale:{op['payload']['sale_id']}")).one()
        assert orjson.loads(entry.lines) == {"1": [1, earned]}
        row = s.scalars(
            select(ChangeLog.row).where(ChangeLog.stream == "balances").order_by(ChangeLog.seq.desc())
        ).first()
    assert orjson.loads(row or "[]") == [HANAKO, "points", "PTS", 2400 + earned, "silver"]
    assert out["result"]["seq"] >= 0
    page = api.get(f"/r/{op['payload']['sale_id']}")  # the customer's e-receipt page
    assert (
        page.status_code == 200 and "獲得ポイント" in page.text and f"{earned:,}" in page.text
    )  # a Tokyo sale: Japanese
    # the same op again: replayed, nothing earned twice
    [again] = push(api, device, op)
    assert again["status"] == "replayed"
    assert api.get(f"/v1/accounts/customers/{HANAKO}", headers=device.headers).json()["points"] == 2400 + earned


def test_points_redeemed_as_a_discount_come_off_and_earn_nothing_on_what_they_paid(
    api: TestClient, backend: Database
) -> None:
    device = enrol(api, backend, "TKY01")
    op = a_sale(backend, device)
    p = op["payload"]
    p["discounts"].append({"kind": "manual", "reason": points_reason(500), "amount": 0})
    [out] = push(api, device, op)
    assert out["status"] == "applied" and out["result"]["points_redeemed"] == 500
    assert api.get(f"/v1/accounts/customers/{HANAKO}", headers=device.headers).json()["points"] == (
        2400 - 500 + out["result"]["points_earned"]
    )


def test_a_gift_card_spent_online_then_completed_is_debited_once(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    card, balance = gift_card(backend)
    op = a_sale(backend, device, customer=None)
    spend = str(uuid.uuid4())
    amount = min(balance, op["payload"]["totals"]["total"])
    body = {"spend_id": spend, "sale_id": op["payload"]["sale_id"], "kind": "gift", "card_no": card,
            "amount": amount, "currency": "JPY"}  # fmt: skip
    r = api.post("/v1/accounts/spend", headers=device.headers, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["balance"] == balance - amount
    assert api.post("/v1/accounts/spend", headers=device.headers, json=body).json()["balance"] == balance - amount
    paid_with(op, "gift_card", amount, tender_reference(spend, card))
    [out] = push(api, device, op)
    assert out["status"] == "applied"
    assert api.get(f"/v1/accounts/giftcards/{card}", headers=device.headers).json()["balance"] == balance - amount
    with backend.session() as s:
        assert not s.get_one(Order, out["result"]["order_id"]).flagged


def test_gift_card_refusals_are_one_sentence_and_take_nothing(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    card, balance = gift_card(backend)
    inactive, _ = gift_card(backend, status="inactive")
    sale = str(uuid.uuid4())

    def spend(card_no: str, amount: int) -> httpx.Response:
        body = {"spend_id": str(uuid.uuid4()), "sale_id": sale, "kind": "gift", "card_no": card_no, "amount": amount,
                "currency": "JPY"}  # fmt: skip
        return api.post("/v1/accounts/spend", headers=device.headers, json=body)

    r = spend(card, balance + 1)
    assert r.status_code == 409
    assert r.json()["detail"] == f"Not enough on this account: {balance:,} JPY left, {balance + 1:,} JPY asked."
    r = spend(inactive, 100)
    assert r.status_code == 409 and "not active" in r.json()["detail"]
    bad = card[:-1] + str((int(card[-1]) + 1) % 10)
    r = spend(bad, 100)
    assert r.status_code == 404 and "typing error" in r.json()["detail"]
    r = api.get(f"/v1/accounts/giftcards/{bad}", headers=device.headers)
    assert r.status_code == 404
    r = spend("GC00000000000", 100)  # a valid check digit, never sold
    assert r.status_code == 404 and "not known" in r.json()["detail"]
    assert api.get(f"/v1/accounts/giftcards/{card}", headers=device.headers).json()["balance"] == balance


def test_an_offline_spend_beyond_the_balance_is_kept_and_shown_to_head_office(
    api: TestClient, backend: Database
) -> None:
    device = enrol(api, backend, "TKY01")
    card, balance = gift_card(backend)
    office = channel_token(backend, "head-office")
    # another channel spent most of the card while the till was offline
    r = api.post("/v1/channel/accounts/entries", headers=office,
                 json={"reference": "web-1", "kind": "gift", "card_no": card, "amount": -(balance - 100),
                       "currency": "JPY", "reason": "spend"})  # fmt: skip
    assert r.status_code == 200 and r.json()["balance"] == 100
    op = a_sale(backend, device, customer=None)
    amount = min(1000, op["payload"]["totals"]["total"])
    paid_with(op, "gift_card", amount, tender_reference(str(uuid.uuid4()), card))
    [out] = push(api, device, op)
    assert out["status"] == "applied"  # the sale happened: never refused
    over = api.get("/v1/channel/accounts/overspends", headers=office).json()
    assert [(o["owner"], o["shortfall"], o["balance"], o["store_id"]) for o in over] == [
        (card, amount - 100, 100 - amount, device.store_id)
    ]


def test_a_topup_paid_then_voided_comes_off_and_a_void_after_spending_is_refused(
    api: TestClient, backend: Database
) -> None:
    device = enrol(api, backend, "TKY01")
    card, _ = gift_card(backend, status="inactive")
    staff = 1
    now = datetime.now(UTC).isoformat()

    def op(kind: str, load: str, amount: int, seq: int) -> dict[str, Any]:
        payload: dict[str, Any] = {"load_id": load, "card_no": card, "store_id": device.store_id, "staff_id": staff,
                                   "amount": amount, "currency": "JPY"}  # fmt: skip
        if kind == "load":
            payload |= {"tender": "cash", "loaded_at": now}
        else:
            payload["voided_at"] = now
        return {"op_id": str(uuid.uuid4()), "device_seq": seq, "type": f"giftcard.{kind}", "payload": payload}

    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    [a, b] = push(api, device, op("load", first, 5000, 1), op("load", second, 2000, 2))
    assert a["status"] == b["status"] == "applied" and b["result"]["balance"] == 7000
    [v] = push(api, device, op("void", second, 2000, 3))
    assert v["status"] == "applied" and v["result"]["balance"] == 5000
    [w] = push(api, device, op("void", str(uuid.uuid4()), 100, 4))
    assert w["status"] == "rejected" and w["code"] == 404
    r = api.post("/v1/accounts/spend", headers=device.headers,
                 json={"spend_id": str(uuid.uuid4()), "sale_id": str(uuid.uuid4()), "kind": "gift", "card_no": card,
                       "amount": 4500, "currency": "JPY"})  # fmt: skip
    assert r.status_code == 200
    [x] = push(api, device, op("void", first, 5000, 5))
    assert x["status"] == "rejected" and x["code"] == 422 and "spent since" in (x["detail"] or "")
    assert api.get(f"/v1/accounts/giftcards/{card}", headers=device.headers).json() == {
        "number": card, "currency": "JPY", "balance": 500, "status": "active"}  # fmt: skip


def test_the_web_shop_reads_and_spends_the_same_points(api: TestClient, backend: Database) -> None:
    shop = channel_token(backend)
    r = api.get(f"/v1/channel/accounts/customers/{HANAKO}", headers=shop)
    assert r.status_code == 200 and r.json()["points"] == 2400
    body = {"reference": "order-77", "kind": "points", "customer_id": HANAKO, "amount": -400, "currency": "PTS",
            "reason": "spend"}  # fmt: skip
    assert api.post("/v1/channel/accounts/entries", headers=shop, json=body).json()["balance"] == 2000
    assert api.post("/v1/channel/accounts/entries", headers=shop, json=body).json()["balance"] == 2000  # idempotent
    r = api.post("/v1/channel/accounts/entries", headers=shop, json={**body, "amount": -300})
    assert r.status_code == 409
    r = api.post("/v1/channel/accounts/entries", headers=shop, json={**body, "reference": "order-78", "amount": -9000})
    assert r.status_code == 409 and "2,000" in r.json()["detail"]
    lines = api.get(f"/v1/channel/accounts/customers/{HANAKO}/entries", headers=shop).json()
    assert [(x["amount"], x["balance_after"]) for x in lines] == [(-400, 2000), (2400, 2400)]
    assert api.get(f"/v1/accounts/customers/{HANAKO}").status_code == 401  # the till's route needs a device


def test_two_tills_spending_one_card_at_once_one_wins_the_other_is_told(backend: Database) -> None:
    card, balance = gift_card(backend)
    with run_central(backend) as url, httpx.Client(base_url=url, timeout=10) as client:
        tills = [enrol(client, backend, "TKY01", f"till-{i}") for i in range(2)]
        gate = threading.Barrier(2)
        answers: list[httpx.Response] = []

        def spend(till: Enrolled) -> None:
            with httpx.Client(base_url=url, timeout=10) as own:
                body = {"spend_id": str(uuid.uuid4()), "sale_id": str(uuid.uuid4()), "kind": "gift", "card_no": card,
                        "amount": balance, "currency": "JPY"}  # fmt: skip
                gate.wait()
                answers.append(own.post("/v1/accounts/spend", headers=till.headers, json=body))

        threads = [threading.Thread(target=spend, args=(t,)) for t in tills]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r.status_code for r in answers) == [200, 409]
        lost = next(r for r in answers if r.status_code == 409)
        assert lost.json()["detail"].startswith("Not enough on this account: 0 JPY left")
        assert client.get(f"/v1/accounts/giftcards/{card}", headers=tills[0].headers).json()["balance"] == 0


def test_the_member_code_is_signed_for_the_customer_and_a_forgery_is_told(api: TestClient, backend: Database) -> None:
    from sync.member_code import MemberCodeError, verify_member_code
    from sync.receipts.code import public_key_from_text

    shop = channel_token(backend)
    r = api.get(f"/v1/channel/accounts/customers/{HANAKO}/member-code", headers=shop)
    assert r.status_code == 200, r.text
    code = r.json()["code"]
    device = enrol(api, backend, "TKY01")
    keys = {}
    page = api.get("/v1/sync/central_keys/changes", headers=device.headers, params={"after": 0}).json()
    for ch in page["changes"]:
        kid, _use, public, _active = ch["row"]
        keys[kid] = public_key_from_text(public)
    claim = verify_member_code(code, keys)
    assert (claim.customer_id, claim.name, claim.group) == (HANAKO, "Hanako Yamada", "members")
    head, sig = code.rsplit(".", 1)
    forged = head[:-2] + ("A" if head[-2] != "A" else "B") + head[-1] + "." + sig
    try:
        verify_member_code(forged, keys)
    except MemberCodeError as e:
        assert e.code in ("member_code.forged", "member_code.format")
    else:
        raise AssertionError("a forged member code verified")
    assert api.get("/v1/channel/accounts/customers/12345/member-code", headers=shop).status_code == 404
