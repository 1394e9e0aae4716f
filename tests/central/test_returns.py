"""Returns at central: authorizations with their signed code and e-mail, the policy stream, the
till's return.complete with its checks (one till wins, never above a tender, only the sale's
cards), stock back on the shelf or into quarantine, and the refund e-mail."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.mail.render import render
from central.models import Location, MailMessage
from sync.receipts.code import public_key_from_text
from sync.return_code import verify_return_code
from tests.central.helpers import Enrolled, channel_token, enrol, location_id, on_hand, snapshot, stocked_variant
from tests.central.test_sales import push, sale_op


def _sale(api: TestClient, db: Database, till: Enrolled, qty: int = 2, days_ago: int = 0, card: bool = True,
          seq: int = 1) -> dict[str, Any]:  # fmt: skip
    vid, _sku, _n = stocked_variant(db, till.store_id)
    op = sale_op(db, till.store_id, vid, qty, seq=seq)
    p = op["payload"]
    total = p["totals"]["total"]
    if card:
        p["tenders"] = [{"type": "cash", "amount": total // 4}, {"type": "card", "amount": total - total // 4,
                                                                  "reference": "TX-0001"}]  # fmt: skip
    if days_ago:
        at = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
        p["completed_at"] = at
        p["pricing"]["at"] = at
    (res,) = push(api, till, op)
    assert res["status"] == "applied", res
    return op


def _complete(till: Enrolled, auth: dict[str, Any], *, return_id: str | None = None, damaged: int = 0,
              refunds: list[dict[str, Any]] | None = None, seq: int = 1) -> dict[str, Any]:  # fmt: skip
    ln = auth["lines"][0]
    return {
        "op_id": str(uuid.uuid4()),
        "device_seq": seq,
        "type": "return.complete",
        "payload": {
            "return_id": return_id or str(uuid.uuid4()),
            "kind": "authorized",
            "authorization_id": auth["id"],
            "sale_id": auth["sale_id"],
            "store_id": till.store_id,
            "staff_id": 1,
            "currency": "JPY",
            "reason": auth["reason"],
            "completed_at": datetime.now(UTC).isoformat(),
            "lines": [{"line_id": ln["line_id"], "variant_id": ln["variant_id"], "sku": ln["sku"],
                       "resellable": ln["quantity"] - damaged, "damaged": damaged, "amount": ln["amount"]}],
            "refunds": refunds if refunds is not None else [
                {"type": t["type"], "amount": t["amount"], "reference": t["reference"], "state": "paid"}
                for t in auth["tenders"]
            ],
        },
    }  # fmt: skip


def test_the_web_shop_authorizes_a_return_and_the_customer_gets_its_signed_code(
    api: TestClient, backend: Database
) -> None:
    till = enrol(api, backend, "TKY01")
    web = channel_token(backend)
    op = _sale(api, backend, till)
    sale_id = op["payload"]["sale_id"]
    r = api.post("/v1/returns", headers=web, json={"sale_id": sale_id, "lines": [{"line_id": "1", "quantity": 1}],
                                                   "reason": "size", "email": "Hana@example.jp", "language": "ja"})  # fmt: skip
    assert r.status_code == 201, r.text
    auth = r.json()
    total = op["payload"]["totals"]["total"]
    assert auth["lines"][0]["amount"] == total // 2 and auth["number"].startswith("R-")
    # split as paid: a quarter cash, the rest on the card, adding up exactly
    assert [t["type"] for t in auth["tenders"]] == ["cash", "card"]
    assert sum(t["amount"] for t in auth["tenders"]) == total // 2
    keys = {row[0]: public_key_from_text(row[2]) for row in snapshot(api, till.headers, "central_keys").rows}
    claim = verify_return_code(auth["code"], keys, currency="JPY", now=time.time())
    assert claim.sale_id == sale_id and claim.lines[0].quantity == 1 and claim.tenders[1].reference == "TX-0001"
    with backend.session() as s:
        mail = s.scalars(select(MailMessage).where(MailMessage.kind == "return.instructions")).one()
        assert mail.to == "hana@example.jp" and mail.language == "ja"
        shown = render(s, mail)
    assert shown.subject.startswith("【") and auth["number"] in shown.subject and auth["code"] in shown.text
    assert shown.attachments[0].content_type == "image/png"
    # the policy travels as a stream: the default window and the reasons
    rows = {row[0]: row for row in snapshot(api, till.headers, "return_policy").rows}
    assert rows["window:*"][3] == 30 and "reason:size" in rows


def test_bad_requests_each_get_one_sentence(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend, "TKY01")
    web = channel_token(backend)
    sale_id = _sale(api, backend, till)["payload"]["sale_id"]

    def ask(qty: int, line: str = "1", reason: str = "size") -> Any:
        return api.post("/v1/returns", headers=web, json={"sale_id": sale_id, "reason": reason,
                                                          "lines": [{"line_id": line, "quantity": qty}]})  # fmt: skip

    r = ask(3)
    assert (
        r.status_code == 409 and r.json()["detail"].startswith("Only 2 of ") and "2 were bought" in r.json()["detail"]
    )
    assert ask(1, line="9").json()["detail"] == "Line 9 is not a line of this sale."
    assert ask(1, reason="bored").json()["detail"] == "Choose a reason from the list."
    assert ask(2).status_code == 201
    again = ask(1)  # both units are on an open authorization now
    assert again.status_code == 409 and "already returned" in again.json()["detail"]
    old = _sale(api, backend, till, days_ago=40, seq=2)["payload"]["sale_id"]
    late = api.post("/v1/returns", headers=web, json={"sale_id": old, "reason": "size",
                                                      "lines": [{"line_id": "1", "quantity": 1}]})  # fmt: skip
    assert late.status_code == 409 and late.json()["detail"].startswith("The 30-day return window for ")


def test_one_till_wins_and_the_stock_and_refund_mail_follow(api: TestClient, backend: Database) -> None:
    a = enrol(api, backend, "TKY01", "till-a")
    b = enrol(api, backend, "TKY01", "till-b")
    op = _sale(api, backend, a)
    vid = op["payload"]["lines"][0]["variant_id"]
    sale_id = op["payload"]["sale_id"]
    r = a_auth = api.post("/v1/returns", headers=a.headers, json={"sale_id": sale_id, "reason": "damaged",
                                                                  "lines": [{"line_id": "1", "quantity": 2}],
                                                                  "email": "kai@example.jp"})  # fmt: skip
    assert r.status_code == 201, r.text
    auth = a_auth.json()
    before = on_hand(backend, a.store_id, vid) or 0
    rid_a, rid_b = str(uuid.uuid4()), str(uuid.uuid4())
    assert api.post(f"/v1/returns/{auth['id']}/claim", headers=a.headers, json={"return_id": rid_a}).status_code == 200
    taken = api.post(f"/v1/returns/{auth['id']}/claim", headers=b.headers, json={"return_id": rid_b})
    assert taken.status_code == 409 and "is being completed on till-a" in taken.json()["detail"]
    done = _complete(a, auth, return_id=rid_a, damaged=1)
    (res,) = push(api, a, done)
    assert res["status"] == "applied", res
    assert push(api, a, done)[0]["status"] == "replayed"
    (lost,) = push(api, b, _complete(b, auth, return_id=rid_b))
    assert lost["status"] == "rejected" and lost["code"] == 409
    assert "already completed at TKY01 on till-a" in lost["detail"]
    assert on_hand(backend, a.store_id, vid) == before + 1
    q = location_id(backend, "TKY01-Q")
    assert on_hand(backend, q, vid) == 1
    with backend.session() as s:
        assert s.scalars(select(Location.kind).where(Location.id == q)).one() == "quarantine"
        assert s.scalars(select(MailMessage.to).where(MailMessage.kind == "return.refunded")).all() == [
            "kai@example.jp"
        ]
    view = api.get(f"/v1/returns/sales/{sale_id}", headers=b.headers).json()
    assert view["lines"][0]["back"] == 2 and view["lines"][0]["open"] == 0
    (ret,) = view["returns"]
    assert sum(x["amount"] for x in ret["refunds"]) == op["payload"]["totals"]["total"]
    assert {(m["location"], m["delta"]) for m in ret["stock"]} == {("TKY01", 1), ("TKY01-Q", 1)}
    order = api.get(f"/v1/orders/{sale_id}", headers=a.headers).json()  # central's order shows the return
    assert [r["id"] for r in order["returns"]] == [rid_a] and order["returns"][0]["stock"] == ret["stock"]
    # the line is back: a further return of it is refused whoever asks
    again = api.post("/v1/returns", headers=b.headers, json={"sale_id": sale_id, "reason": "size",
                                                             "lines": [{"line_id": "1", "quantity": 1}]})  # fmt: skip
    assert again.status_code == 409


def test_a_refund_to_a_card_the_sale_did_not_use_or_above_a_tender_is_refused(
    api: TestClient, backend: Database
) -> None:
    till = enrol(api, backend, "TKY01")
    op = _sale(api, backend, till)
    auth = api.post("/v1/returns", headers=till.headers, json={"sale_id": op["payload"]["sale_id"], "reason": "size",
                                                               "lines": [{"line_id": "1", "quantity": 2}]}).json()  # fmt: skip
    total = op["payload"]["totals"]["total"]
    foreign = [{"type": "card", "amount": total, "reference": "TX-OTHER", "state": "paid"}]
    (res,) = push(api, till, _complete(till, auth, refunds=foreign))
    assert res["status"] == "rejected" and res["detail"] == "A card refund must go to a card this sale was paid with."
    all_cash = [{"type": "cash", "amount": total, "reference": "", "state": "paid"}]
    (res,) = push(api, till, _complete(till, auth, refunds=all_cash, seq=2))
    assert res["status"] == "rejected" and res["detail"] == "More than the sale's cash payment can take back."
    queued = [
        {**t, "state": "queued"} if t["type"] == "card" else t for t in _complete(till, auth)["payload"]["refunds"]
    ]
    (res,) = push(api, till, _complete(till, auth, refunds=queued, seq=3))
    assert res["status"] == "applied", res
    listed = api.get("/v1/returns", headers=till.headers).json()["returns"]
    assert [r["state"] for r in listed[0]["refunds"]] == ["paid", "queued"]


def test_store_credit_goes_to_the_customers_ledger(api: TestClient, backend: Database) -> None:
    from central.accounts import balance
    from central.seed import DEMO_CUSTOMER_NS
    from sync.protocol import customer_id_for

    till = enrol(api, backend, "TKY01")
    vid, _sku, _n = stocked_variant(backend, till.store_id)
    op = sale_op(backend, till.store_id, vid, 1)
    customer = customer_id_for(uuid.UUID(str(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp"))))
    op["payload"]["customer_id"] = customer
    assert push(api, till, op)[0]["status"] == "applied"
    auth = api.post("/v1/returns", headers=till.headers, json={"sale_id": op["payload"]["sale_id"], "reason": "fit",
                                                               "refund": "store_credit",
                                                               "lines": [{"line_id": "1", "quantity": 1}]})  # fmt: skip
    assert auth.status_code == 201, auth.text
    with backend.session() as s:
        before = balance(s, kind="credit", currency="JPY", customer_id=customer)
    total = op["payload"]["totals"]["total"]
    credit = [{"type": "store_credit", "amount": total, "reference": "", "state": "paid"}]
    (res,) = push(api, till, _complete(till, auth.json(), refunds=credit))
    assert res["status"] == "applied", res
    with backend.session() as s:
        assert balance(s, kind="credit", currency="JPY", customer_id=customer) == before + total


def test_the_return_code_and_the_refund_reach_the_customer_over_smtp(api: TestClient, backend: Database) -> None:
    from tests.support.servers import run_central
    from tests.support.smtp import free_port, smtp_server

    till = enrol(api, backend, "TKY01")
    op = _sale(api, backend, till, card=False)
    auth = api.post("/v1/returns", headers=till.headers, json={"sale_id": op["payload"]["sale_id"], "reason": "size",
                                                               "lines": [{"line_id": "1", "quantity": 2}],
                                                               "email": "ken@example.jp", "language": "en"}).json()  # fmt: skip
    (res,) = push(api, till, _complete(till, auth))
    assert res["status"] == "applied", res
    port = free_port()
    with smtp_server(port) as sink, run_central(backend, smtp_port=port):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(sink.messages) < 2:
            time.sleep(0.1)
    got = {m["Subject"]: m for m in sink.messages}
    assert set(got) == {f"Your return {auth['number']} at Aisle Shibuya", "Your refund from Aisle Shibuya"}, list(got)
    code_mail = got[f"Your return {auth['number']} at Aisle Shibuya"]
    assert code_mail["To"] == "ken@example.jp"
    body = code_mail.get_body(preferencelist=("plain",))
    assert body is not None and auth["code"] in body.get_content()
    assert any(p.get_content_type() == "image/png" for p in code_mail.iter_attachments())
    refund = got["Your refund from Aisle Shibuya"].get_body(preferencelist=("plain",))
    assert refund is not None and "in cash at the counter" in refund.get_content()
