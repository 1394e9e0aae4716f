"""Customers on central (docs/customers.md): search by phone digits, e-mail or name, one by id,
`customer.create` exactly once per client UUID, a duplicate e-mail made offline linked to the
customer central has; role limits as the `role_limits` stream. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.changes import writing
from central.customers import put_role_limit
from central.db import Database
from central.models import Customer
from central.seed import DEMO_CUSTOMERS
from sync.protocol import (
    CustomerCreatePayload,
    CustomerList,
    CustomerOut,
    customer_id_for,
    normalise_email,
    normalise_phone,
)
from tests.central.helpers import Enrolled, enrol, snapshot


def create_op(
    device: Enrolled, *, name: str = "Sakura Ono", email: str = "", phone: str = "", client_id: uuid.UUID | None = None
) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "device_seq": 1,
        "type": "customer.create",
        "payload": {
            "client_id": str(client_id or uuid.uuid4()),
            "name": name,
            "kana": "",
            "email": email,
            "phone": phone,
            "store_id": device.store_id,
            "staff_id": None,
            "created_at": "2026-12-02T10:00:00+09:00",
        },
    }


def push(api: TestClient, device: Enrolled, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    r = api.post("/v1/ops", json={"ops": list(ops)}, headers=device.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["results"])


def find(api: TestClient, device: Enrolled, q: str) -> CustomerList:
    r = api.get("/v1/customers", params={"q": q}, headers=device.headers)
    assert r.status_code == 200, r.text
    return CustomerList.model_validate_json(r.text)


def test_search_by_phone_digits_email_and_name(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    hanako = DEMO_CUSTOMERS[0]
    assert [c.name for c in find(api, till, "090-1234-5678").customers] == [hanako[0]]  # national form
    assert [c.name for c in find(api, till, "+81 90 1234 5678").customers] == [hanako[0]]
    assert [c.name for c in find(api, till, "1234 5678").customers] == [hanako[0]]  # any part of the number
    assert [c.name for c in find(api, till, "HANAKO.Y").customers] == []  # no @: a name, not an e-mail
    assert [c.email for c in find(api, till, "Hanako.Yamada@").customers] == [hanako[2]]
    assert [c.name for c in find(api, till, "yamada").customers] == [hanako[0]]  # case-insensitive
    assert [c.name for c in find(api, till, "やまだ").customers] == [hanako[0]]  # the reading
    members = find(api, till, "example.").customers
    assert members == []  # an e-mail search starts at the address's beginning, a name has no dot
    got = find(api, till, "a").customers
    assert len(got) == len([c for c in DEMO_CUSTOMERS if "a" in (c[0] + " " + c[1]).lower()])
    assert [c.name for c in got] == sorted(c.name for c in got)
    first = got[0]
    r = api.get(f"/v1/customers/{first.id}", headers=till.headers)
    assert r.status_code == 200 and CustomerOut.model_validate_json(r.text) == first
    group = {c.name: c.group for c in got}
    assert group["Hanako Yamada"] == "members" and group["Max Hartmann"] == ""


def test_a_blank_search_finds_nobody_and_pages_at_twenty(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    r = api.get("/v1/customers", params={"q": "   "}, headers=till.headers)
    assert r.status_code == 200 and r.json() == {"customers": [], "more": False}  # nothing asked: nobody
    assert api.get("/v1/customers", params={"q": ""}, headers=till.headers).status_code == 422
    assert api.get("/v1/customers", params={"q": "yamada"}).status_code == 401  # devices only
    assert api.get("/v1/customers/1", headers=till.headers).status_code == 404
    ops = [create_op(till, name=f"Ono {n:02d}", email=f"ono{n}@example.jp") for n in range(25)]
    for n, op in enumerate(ops, start=1):
        op["device_seq"] = n
    assert {r["status"] for r in push(api, till, *ops)} == {"applied"}
    page = find(api, till, "ono ")
    assert len(page.customers) == 20 and page.more
    assert [c.name for c in page.customers] == [f"Ono {n:02d}" for n in range(20)]
    # LIKE's wildcards in a query are plain characters
    assert find(api, till, "o%o").customers == [] and find(api, till, "o_o").customers == []


def test_create_is_exactly_once_per_client_uuid(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    client_id = uuid.uuid4()
    op = create_op(till, email="sakura.ono@example.jp", phone="+819011112222", client_id=client_id)
    (first,) = push(api, till, op)
    assert first["status"] == "applied" and first["result"]["customer_id"] == customer_id_for(client_id)
    assert first["result"]["linked"] is False
    (again,) = push(api, till, op)  # the same op: replayed from its record
    assert again["status"] == "replayed" and again["result"] == first["result"]
    other = dict(op, op_id=str(uuid.uuid4()), device_seq=2)  # the same customer under another op id
    (second,) = push(api, till, other)
    assert second["status"] == "applied" and second["result"]["customer_id"] == customer_id_for(client_id)
    with backend.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer).where(Customer.client_id == str(client_id))) == 1
        c = s.get_one(Customer, customer_id_for(client_id))
        assert (c.created_device_id, c.created_store_id, c.customer_group) == (till.device_id, till.store_id, "")
    assert [c.name for c in find(api, till, "9011112222").customers] == ["Sakura Ono"]


def test_a_duplicate_email_made_offline_is_linked_to_the_customer_central_has(
    api: TestClient, backend: Database
) -> None:
    till = enrol(api, backend)
    hanako = find(api, till, "hanako.yamada@").customers[0]
    client_id = uuid.uuid4()
    (res,) = push(api, till, create_op(till, name="Hanako Y.", email=hanako.email, client_id=client_id))
    assert res["status"] == "applied"
    assert res["result"]["linked"] is True and res["result"]["customer_id"] == hanako.id
    assert res["result"]["group"] == "members"
    alias = customer_id_for(client_id)
    r = api.get(f"/v1/customers/{alias}", headers=till.headers)  # a sale made with the alias id
    assert r.status_code == 200 and r.json()["id"] == hanako.id
    assert [c.id for c in find(api, till, "hanako").customers] == [hanako.id]  # the alias is not listed


def test_bad_create_ops_are_rejected_with_a_reason(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    berlin = enrol(api, backend, store="BER01")
    op = create_op(till, email="a@example.jp")
    op["payload"]["store_id"] = berlin.store_id
    (res,) = push(api, till, op)
    assert res["status"] == "rejected" and res["code"] == 403
    for payload, where in [
        ({"email": "", "phone": ""}, "e-mail or a phone"),
        ({"email": "Not@Lower.jp"}, "body.ops.0.customer.create.payload.email"),
        ({"phone": "090-1234"}, "body.ops.0.customer.create.payload.phone"),
        ({"name": " "}, "body.ops.0.customer.create.payload.name"),
    ]:
        bad = create_op(till, email="x@example.jp")
        bad["payload"].update(payload)
        r = api.post("/v1/ops", json={"ops": [bad]}, headers=till.headers)
        assert r.status_code == 422 and where in r.text, (payload, r.text)


def test_normalising_phone_numbers_and_emails() -> None:
    assert normalise_phone("090-1234-5678", "JP") == "+819012345678"
    assert normalise_phone("(030) 1234 567", "DE") == "+49301234567"
    assert normalise_phone("0049 30 1234567", "JP") == "+49301234567"
    assert normalise_phone("+1 212 555 0123", "JP") == "+12125550123"
    assert normalise_phone("  ", "JP") == ""
    for bad in ["abc", "12345", "030 12", "+0 123 4567", "+1234567890123456"]:
        with pytest.raises(ValueError):
            normalise_phone(bad, "DE")
    assert normalise_email("  Hanako.Yamada@Example.JP ") == "hanako.yamada@example.jp"
    for bad in ["hanako", "hanako@", "@example.jp", "hanako@example", "ha nako@example.jp", "a@b@example.jp"]:
        with pytest.raises(ValueError):
            normalise_email(bad)
    with pytest.raises(ValueError, match="e-mail or a phone"):
        CustomerCreatePayload.model_validate(
            {"client_id": uuid.uuid4(), "name": "A", "store_id": 1, "created_at": "2026-12-02T10:00:00+00:00"}
        )


def test_role_limits_are_a_stream_seeded_with_the_old_built_in_values(api: TestClient, backend: Database) -> None:
    till = enrol(api, backend)
    snap = snapshot(api, till.headers, "role_limits")
    assert snap.rows == [
        ["associate", "discount", "10"],
        ["associate", "override", "10"],
        ["manager", "discount", None],
        ["manager", "override", None],
        ["supervisor", "discount", "30"],
        ["supervisor", "override", "30"],
    ]
    with backend.session() as s, writing(s):
        seq = put_role_limit(s, "associate", "discount", "12.50")
    page = api.get("/v1/sync/role_limits/changes", params={"after": seq - 1}, headers=till.headers).json()
    assert [c["row"] for c in page["changes"]] == [["associate", "discount", "12.5"]]
    with backend.session() as s, writing(s), pytest.raises(ValueError, match="between 0 and 100"):
        put_role_limit(s, "associate", "override", "120")
    with backend.session() as s, writing(s), pytest.raises(ValueError, match="unknown role"):
        put_role_limit(s, "cashier", "discount", "5")
    with backend.session() as s, writing(s), pytest.raises(ValueError, match="unknown limit"):
        put_role_limit(s, "associate", "refund", "5")


def test_head_office_sets_role_limits_at_the_command_line(
    api: TestClient, backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from central.cli import main

    till = enrol(api, backend)
    db = ["--db", backend.url]
    assert main([*db, "role-limits"]) == 0
    out = capsys.readouterr().out
    assert "associate  discount  a discount up to 10 % without approval" in out
    assert "manager    override  any price override without approval" in out
    assert main([*db, "role-limits", "--role", "supervisor", "--kind", "override", "--max-percent", "25"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Set (change ") and "supervisor override  a price override up to 25 %" in out
    seq = int(out.split("change ")[1].split(")")[0])
    page = api.get("/v1/sync/role_limits/changes", params={"after": seq - 1}, headers=till.headers).json()
    assert [c["row"] for c in page["changes"]] == [["supervisor", "override", "25"]]  # the tills get it
    assert main([*db, "role-limits", "--role", "associate", "--kind", "discount", "--max-percent", "none"]) == 0
    assert "associate  discount  any discount without approval" in capsys.readouterr().out
    for argv, message in [
        (["--role", "associate", "--max-percent", "5"], "needs --role, --kind and --max-percent"),
        (["--role", "associate"], "set a limit together with --max-percent"),
        (["--role", "cashier", "--kind", "discount", "--max-percent", "5"], "unknown role 'cashier'"),
        (["--role", "associate", "--kind", "discount", "--max-percent", "lots"], "a percent such as 10"),
        (["--role", "associate", "--kind", "discount", "--max-percent", "101"], "between 0 and 100"),
    ]:
        assert main([*db, "role-limits", *argv]) == 2
        assert message in capsys.readouterr().err
    assert main([*db, "role-limits"]) == 0  # the refusals changed nothing
    out = capsys.readouterr().out
    assert "associate  discount  any discount" in out and "supervisor override  a price override up to 25 %" in out
