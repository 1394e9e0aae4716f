"""Head office's day (central/reports.py): every store's sales of a local day by hour, tender,
top items and staff, from the orders tills sent; `GET /v1/reports/day` (a channel token: every
store; a device: its own), the `/ho/day` page behind HTTP Basic with a channel token, and
`central day-report`. On SQLite and PostgreSQL."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.cli import main
from central.db import Database
from central.models import Location, Order, Staff
from tests.central.helpers import channel_token, enrol, location_id, stocked_variant
from tests.central.test_sales import push, sale_op


def _basic(token_headers: dict[str, str]) -> dict[str, str]:
    token = token_headers["Authorization"].removeprefix("Bearer ")
    return {"Authorization": "Basic " + base64.b64encode(f"head-office:{token}".encode()).decode()}


def test_the_day_of_each_store_from_the_orders_tills_sent(
    api: TestClient, backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tokyo, berlin = enrol(api, backend, "TKY01"), enrol(api, backend, "BER01", "berlin till")
    tky = location_id(backend, "TKY01")
    vid, sku, _ = stocked_variant(backend, tky)
    ops = [sale_op(backend, tky, vid, qty, seq) for seq, qty in ((1, 1), (2, 2), (3, 1))]
    yesterday = ops[2]["payload"]
    yesterday["completed_at"] = (datetime.fromisoformat(yesterday["completed_at"]) - timedelta(days=1)).isoformat()
    assert [r["status"] for r in push(api, tokyo, *ops)] == ["applied"] * 3
    with backend.session() as s:
        tz = ZoneInfo(s.get_one(Location, tky).timezone)
        staff = s.get_one(Staff, 1).name
        totals = [o.total for o in s.scalars(select(Order).order_by(Order.id))]
    today = datetime.now(tz).date()
    channel = channel_token(backend)

    r = api.get("/v1/reports/day", headers=channel)
    assert r.status_code == 200, r.text
    stores = {s["store"]: s for s in r.json()["stores"]}
    assert {"TKY01", "BER01"} <= set(stores) and stores["BER01"]["sales"] == 0
    t = stores["TKY01"]
    assert t["day"] == today.isoformat() and (t["sales"], t["total"]) == (2, totals[0] + totals[1])
    hours = {f"{datetime.fromisoformat(op['payload']['completed_at']).astimezone(tz).hour:02d}" for op in ops[:2]}
    assert {h["key"] for h in t["hours"]} == hours and sum(h["count"] for h in t["hours"]) == 2
    assert [(x["key"], x["total"]) for x in t["tenders"]] == [("cash", t["total"])]  # tendered − change
    assert [(i["key"], i["count"], i["total"]) for i in t["top_items"]] == [(sku, 3, t["total"])]
    assert [(x["label"], x["count"]) for x in t["staff"]] == [(staff, 2)]

    before = api.get(
        "/v1/reports/day", params={"date": (today - timedelta(days=1)).isoformat(), "store": "TKY01"}, headers=channel
    ).json()["stores"]
    assert [(s["store"], s["sales"], s["total"]) for s in before] == [("TKY01", 1, totals[2])]

    # A device reads its own store only; nobody reads without a token; a bad date is one sentence.
    own = api.get("/v1/reports/day", params={"store": "TKY01"}, headers=tokyo.headers)
    assert own.status_code == 200 and own.json()["stores"][0]["sales"] == 2
    assert [s["store"] for s in api.get("/v1/reports/day", headers=berlin.headers).json()["stores"]] == ["BER01"]
    assert api.get("/v1/reports/day", params={"store": "TKY01"}, headers=berlin.headers).status_code == 403
    assert api.get("/v1/reports/day").status_code == 401
    assert api.get("/v1/reports/day", params={"store": "NOPE"}, headers=channel).status_code == 404
    bad = api.get("/v1/reports/day", params={"date": "yesterday"}, headers=channel)
    assert bad.status_code == 422
    feb = api.get("/v1/reports/day", params={"date": "2026-02-31"}, headers=channel)
    assert feb.status_code == 404 and feb.json()["detail"] == "There is no day 2026-02-31 in the calendar"

    # The head-office page: the browser's sign-in prompt, the channel token as the password.
    page = api.get("/ho/day")
    assert page.status_code == 401 and page.headers["www-authenticate"].startswith('Basic realm="Aisle head office"')
    wrong = {"Authorization": "Basic " + base64.b64encode(b"x:not-a-token").decode()}
    assert api.get("/ho/day", headers=wrong).status_code == 401
    assert api.get("/ho/day", headers=tokyo.headers).status_code == 401  # a device token is not head office
    html = api.get("/ho/day", headers=_basic(channel))
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    body = html.text
    assert 'id="store-TKY01"' in body and 'id="store-BER01"' in body
    section = body.split('id="store-TKY01"')[1].split("</section>")[0]
    assert '<span class="sales">2</span>' in section and staff in section and "Sales by hour" in section
    assert f"{totals[0] + totals[1]:,}" in section  # ¥ amounts as the store writes them
    missing = api.get("/ho/day", params={"store": "NOPE"}, headers=_basic(channel))
    assert missing.status_code == 404 and "Unknown store NOPE" in missing.text and "<html" in missing.text

    assert main(["--db", backend.url, "day-report", "--store", "TKY01"]) == 0
    out = capsys.readouterr().out
    item = t["top_items"][0]["label"]
    assert out.startswith("TKY01 ") and "2 sales" in out and f"staff: {staff} " in out and f"items: {item} " in out
    assert main(["--db", backend.url, "day-report", "--date", "2026-13-01"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_health_says_the_release_and_the_commit(api: TestClient) -> None:
    from sync.version import commit, version

    body = api.get("/health").json()
    assert body["status"] == "ok" and (body["version"], body["commit"]) == (version(), commit())
    assert body["commit"] != "unknown"  # a checkout: git's HEAD
