"""Promotions as a stream and store pricing rules on the locations row, on both backends:
the seed's definitions, a change recorded, poked, pulled and checksummed like every stream,
and central re-pricing each sale with ITS promotions (a promotion it ended a minute before the
sale, a coupon it does not know: flagged, never refused)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.changes import touch_location, writing
from central.cli import main as central_main
from central.db import Database
from central.feeds import checksum
from central.hub import Subscriber
from central.models import Category, Location, Promotion, Style, Variant
from central.ops.sale_complete import store_rules
from central.promotions import promotion_row, put_promotion
from central.scope import scope_for_store
from sync.pricing import price_basket, read_basket
from sync.pricing_rows import PROMOTION_COLUMNS, as_mapping, choose, promotion_document
from sync.protocol import STREAMS, row_hash
from tests.central.helpers import enrol, location_id, snapshot
from tests.central.test_sales import push, sale_op

KINDS = {"percent_off", "amount_off", "multibuy", "buy_x_get_y", "spend_save"}


def test_the_seed_defines_promotions_of_every_kind_for_tokyo_and_berlin(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    snap = snapshot(api, device.headers, "promotions")
    assert snap.header.columns == list(STREAMS["promotions"].columns)
    rows = [as_mapping(PROMOTION_COLUMNS, r) for r in snap.rows]
    for prefix, stores in (("JP-", "TKY01 TKY02"), ("DE-", "BER01 BER02")):
        mine = [r for r in rows if r["code"].startswith(prefix)]
        assert {r["kind"] for r in mine} == KINDS, prefix
        assert {r["stores"] for r in mine} == {stores}  # amounts are in that country's currency
        assert any(r["coupons"] for r in mine) and any(r["groups"] == "members" for r in mine)
    coupons = {r["coupons"] for r in rows if r["coupons"]}
    assert coupons == {"TOKYO500", "BERLIN10"}
    for r in rows:  # canonical: JSON targets with sorted keys, as the stream declares them
        assert r["target"] == orjson.dumps(orjson.loads(r["target"]), option=orjson.OPT_SORT_KEYS).decode()
    # The same rows on every backend and every seed (no randomness): the row hashes say so.
    assert sum(row_hash(orjson.dumps(r)) for r in snap.rows) == snap.trailer.sum


def test_store_rules_travel_on_the_locations_row(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "BER01")
    rows = {
        r[1]: dict(zip(STREAMS["locations"].columns, r, strict=True))
        for r in snapshot(api, device.headers, "locations").rows
    }
    tky, ber = rows["TKY01"], rows["BER01"]
    assert (tky["tax_mode"], tky["tax_rounding"], tky["tax_rounding_mode"]) == ("included", "per_rate", "down")
    assert tky["registration_no"].startswith("T") and len(tky["registration_no"]) == 14
    assert (ber["tax_mode"], ber["tax_rounding"], ber["tax_rounding_mode"]) == ("included", "per_line", "half_up")
    assert ber["registration_no"] == "" and ber["cash_rounding"] == 0
    with backend.session() as s:
        loc = s.get_one(Location, location_id(backend, "TKY01"))
        assert store_rules(s, loc) == {
            "id": "TKY01",
            "currency": "JPY",
            "timezone": "Asia/Tokyo",
            "tax_mode": "included",
            "tax_rounding": "per_rate",
            "tax_rounding_mode": "down",
        }
    # A store with cash rounding says so in its pricing document.
    with Session(backend.engine) as s, writing(s):
        loc = s.get_one(Location, location_id(backend, "BER01"))
        loc.cash_rounding, loc.cash_rounding_mode = 5, "half_up"
        touch_location(s, loc)
    with backend.session() as s:
        doc = store_rules(s, s.get_one(Location, location_id(backend, "BER01")))
        assert doc["cash_rounding"] == {"increment": 5, "mode": "half_up"}


def test_a_promotion_change_is_recorded_poked_pulled_and_checksummed(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    before = api.get("/v1/sync/promotions/checksum", headers=device.headers).json()
    with Session(backend.engine) as s, writing(s):
        seq = put_promotion(
            s,
            "JP-SOCKS-NEW",
            name="新作 10%オフ",
            kind="percent_off",
            target='{"skus":["X-1"]}',
            percent="10",
            stores="TKY01",
        )
    page = api.get("/v1/sync/promotions/changes", headers=device.headers, params={"after": seq - 1}).json()
    assert [c["seq"] for c in page["changes"]] == [seq]
    row = as_mapping(PROMOTION_COLUMNS, page["changes"][0]["row"])
    assert (row["code"], row["kind"], row["percent"], row["stores"], row["active"]) == (
        "JP-SOCKS-NEW",
        "percent_off",
        "10",
        "TKY01",
        1,
    )
    after = api.get("/v1/sync/promotions/checksum", headers=device.headers).json()
    assert after["count"] == before["count"] + 1
    assert after["sum"] == sum(row_hash(orjson.dumps(r)) for r in snapshot(api, device.headers, "promotions").rows)
    with backend.session() as s:
        tokyo = scope_for_store(s, location_id(backend, "TKY01"))
        assert checksum(s, tokyo, "promotions").count == after["count"]
    # Global: every store's devices are poked (the engine filters by `stores`).
    assert Subscriber(tokyo).wanted((("promotions", 0),)) == {"promotions"}
    with pytest.raises(ValueError, match="no settable column"), Session(backend.engine) as s, writing(s):
        put_promotion(s, "JP-SOCKS-NEW", colour="red")


def _knit_variant(db: Database, category: str) -> int:
    with db.session() as s:
        vid = s.scalar(
            select(Variant.id)
            .join(Style, Style.id == Variant.style_id)
            .join(Category, Category.id == Style.category_id)
            .where(Category.name == category)
            .order_by(Variant.id)
            .limit(1)
        )
    assert vid is not None, category
    return vid


def test_central_reprices_with_its_own_promotions_and_flags_one_it_ended(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    store = location_id(backend, "TKY01")
    vid = _knit_variant(backend, "Knitwear")
    op = sale_op(backend, store, vid, qty=1)  # priced with JP-KNIT-10, as the tablet's cache had it
    assert [d["promotion"] for d in op["payload"]["discounts"]] == ["JP-KNIT-10"]
    sold_at = datetime.fromisoformat(op["payload"]["pricing"]["at"])
    with Session(backend.engine) as s, writing(s):  # central ended it a minute before the sale
        put_promotion(s, "JP-KNIT-10", ends=(sold_at - timedelta(minutes=1)).astimezone(UTC).isoformat())
    result = push(api, device, op)[0]
    assert result["status"] == "applied" and result["result"]["flagged"] is True
    order = api.get(f"/v1/orders/{op['payload']['sale_id']}", headers=device.headers).json()
    checks = {c["check"]: c for c in order["checks"]}
    assert checks["central.promotions"]["tablet"] == {"JP-KNIT-10": op["payload"]["totals"]["promotions"]}
    assert checks["central.promotions"]["central"] == {}
    assert "central.total" in checks and "as_sent.total" not in checks  # the tablet's arithmetic held
    assert order["central_total"] == order["total"] + op["payload"]["totals"]["promotions"]

    # Once central runs it again, a sale priced with it is not flagged.
    with Session(backend.engine) as s, writing(s):
        put_promotion(s, "JP-KNIT-10", ends=(datetime.now(UTC) + timedelta(minutes=5)).isoformat())
    again = sale_op(backend, store, vid, qty=1, seq=2)
    assert [d["promotion"] for d in again["payload"]["discounts"]] == ["JP-KNIT-10"]
    assert push(api, device, again)[0]["result"]["flagged"] is False


def _with_coupon(op: dict[str, Any], code: str, promo: dict[str, Any]) -> dict[str, Any]:
    """The op re-priced by the 'tablet' with an extra cached coupon promotion presented."""
    op = copy.deepcopy(op)
    p = op["payload"]
    doc = p["pricing"]
    doc["promotions"] = [*doc.get("promotions", []), promo]
    doc["coupons"] = [code]
    priced = price_basket(read_basket(doc)[0])
    pl, t = priced.lines[0], priced.totals
    p["lines"][0].update(promotions=pl.promotion_saving, total=pl.total, net=pl.net, tax=pl.tax)
    p["discounts"] = [
        {"kind": "promotion", "promotion": u.id, "name": u.name, "coupon": u.coupon, "amount": u.saving}
        for u in priced.promotions
    ]
    p["taxes"] = [
        {
            "tax_class": x.tax_class,
            "rate": format(x.rate.normalize(), "f"),
            "net": x.net,
            "tax": x.tax,
            "gross": x.gross,
        }
        for x in priced.taxes
    ]
    p["totals"].update(promotions=t.promotions, net=t.net, tax=t.tax, total=t.total)
    p["tenders"] = [{"type": "cash", "amount": t.total, "change": 0}]
    return op


def test_a_coupon_central_does_not_know_is_flagged(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    store = location_id(backend, "TKY01")
    vid = _knit_variant(backend, "Jackets")
    ghost = {
        "id": "JP-GHOST",
        "kind": "spend_save",
        "name": "幻",
        "threshold": 1,
        "amount": 100,
        "coupons": ["GHOST"],
        "stack_group": "coupon",
    }
    op = _with_coupon(sale_op(backend, store, vid), "ghost", ghost)
    assert op["payload"]["totals"]["promotions"] >= 100
    result = push(api, device, op)[0]
    assert result["status"] == "applied" and result["result"]["flagged"] is True
    order = api.get(f"/v1/orders/{op['payload']['sale_id']}", headers=device.headers).json()
    checks = {c["check"]: c for c in order["checks"]}
    assert checks["central.coupons"]["tablet"] == {"GHOST": "coupon.accepted"}
    assert checks["central.coupons"]["central"] == {"GHOST": "coupon.unknown"}
    assert "JP-GHOST" in checks["central.promotions"]["tablet"]

    # Central's own coupon, typed in lower case, is accepted on both ends: nothing to flag.
    with backend.session() as s:
        coupon = s.scalar(select(Promotion).where(Promotion.code == "JP-COUPON-500"))
        assert coupon is not None
        mine = as_mapping(PROMOTION_COLUMNS, promotion_row(coupon))
    ok = _with_coupon(sale_op(backend, store, vid, seq=2), " tokyo500", promotion_document(mine))
    assert ok["payload"]["discounts"][-1]["coupon"] == "TOKYO500"
    assert push(api, device, ok)[0]["result"]["flagged"] is False


def test_central_seed_prints_the_demo_coupons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["migrate", "--db", url]) == 0
    assert central_main(["seed", "--db", url, "--products", "40", "--stores", "4"]) == 0
    out = capsys.readouterr().out
    assert "16 promotions" in out
    assert "TOKYO500" in out and "BERLIN10" in out


def _promo(code: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(PROMOTION_COLUMNS)
    row.update(
        id=1, code=code, name=code, kind="percent_off", target='{"categories":["Knitwear"]}', percent="10", buy=0,
        pay=0, get=0, threshold=0, stores="", groups="", coupons="", stack_group="spend", active=1,
    )  # fmt: skip
    row.update(values)
    return row


def test_what_a_sale_gives_the_engine_store_group_window_and_coupons() -> None:
    at = datetime(2026, 12, 1, 18, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    promos = [
        _promo("ALL"),
        _promo("OTHER-STORE", stores="BER01"),
        _promo("MINE", stores="TKY02 TKY01"),
        _promo("MEMBERS", groups="members"),
        _promo("OFF", active=0),
        _promo("ENDED-A-MINUTE-AGO", ends="2026-12-01T18:29:00"),  # the store's wall clock
        _promo("ENDED-LAST-WEEK", ends="2026-11-24T00:00:00+09:00"),
        _promo("STARTS-TOMORROW", starts="2026-12-02T10:00:00"),
        _promo("NEXT-MONTH", starts="2027-01-01T00:00:00"),
        _promo("COUPON", kind="spend_save", target="{}", percent=None, amount=500, threshold=5000, coupons="TOKYO500"),
        _promo("OLD-COUPON", coupons="OLD1", ends="2026-01-01T00:00:00", stores="BER01"),
    ]

    def chosen(**kw: Any) -> list[str]:
        return [d["id"] for d in choose(promos, store="TKY01", timezone="Asia/Tokyo", at=at, **kw)]

    near = ["ALL", "ENDED-A-MINUTE-AGO", "MINE", "STARTS-TOMORROW"]
    assert chosen() == near
    assert chosen(customer_group="members") == sorted([*near, "MEMBERS"])
    # A presented coupon brings its promotion whatever its window or store, so the engine can
    # say "ended" or "other store" rather than "unknown"; codes compare as the engine does.
    assert chosen(coupons=[" tokyo500", "old1", "NOPE"]) == sorted([*near, "COUPON", "OLD-COUPON"])
    doc = choose(promos, store="TKY01", timezone="Asia/Tokyo", at=at, coupons=["TOKYO500"])
    assert next(d for d in doc if d["id"] == "COUPON") == {
        "id": "COUPON", "kind": "spend_save", "name": "COUPON", "amount": 500, "threshold": 5000,
        "coupons": ["TOKYO500"], "stack_group": "spend",
    }  # fmt: skip
    assert next(d for d in doc if d["id"] == "MINE") == {
        "id": "MINE", "kind": "percent_off", "name": "MINE", "target": {"categories": ["Knitwear"]},
        "percent": "10", "stores": ["TKY02", "TKY01"],
    }  # fmt: skip
