"""The pricing engine's input from stream rows, the same code on both ends.

The tablet reads its cached `locations` and `promotions` rows, central its own tables turned
into the same rows (sync.protocol.STREAMS); both build the pricing document's `store` object
and `promotions[]` here, so a store's rules and a promotion's meaning cannot drift apart
between the till and central's re-pricing (docs/pricing.md for the document).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from sync.protocol import STREAMS, Scalar

LOCATION_COLUMNS = STREAMS["locations"].columns
PROMOTION_COLUMNS = STREAMS["promotions"].columns

# Promotions that ended (or start) within this span of the sale still go to the engine, so it
# can say why they did not apply ("ended a minute ago"); older ones are left out.
NEAR = timedelta(days=1)


def as_mapping(columns: tuple[str, ...], row: Iterable[Scalar]) -> dict[str, Scalar]:
    return dict(zip(columns, row, strict=True))


def store_document(loc: Mapping[str, Any]) -> dict[str, Any]:
    """The pricing document's `store` object from a locations row (by column name)."""
    doc: dict[str, Any] = {
        "id": loc["code"],
        "currency": loc["currency"],
        "timezone": loc["timezone"],
        "tax_mode": loc["tax_mode"],
        "tax_rounding": loc["tax_rounding"],
        "tax_rounding_mode": loc["tax_rounding_mode"],
    }
    if loc["cash_rounding"]:
        doc["cash_rounding"] = {"increment": loc["cash_rounding"], "mode": loc["cash_rounding_mode"]}
    return doc


def codes(value: str) -> list[str]:
    """A space-separated list column ("" = none)."""
    return value.split()


def normalise(code: str) -> str:
    return code.strip().upper()  # as the engine compares coupon codes


def promotion_document(p: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of the pricing document's `promotions[]` from a promotions row."""
    doc: dict[str, Any] = {"id": p["code"], "kind": p["kind"], "name": p["name"]}
    target = orjson.loads(p["target"])
    if target:
        doc["target"] = target
    if p["get_target"] is not None:
        doc["get_target"] = orjson.loads(p["get_target"])
    for col in ("percent", "amount", "max_applications", "starts", "ends"):
        if p[col] is not None:
            doc[col] = p[col]
    for col in ("buy", "pay", "get", "threshold"):
        if p[col]:
            doc[col] = p[col]
    for col in ("stores", "groups", "coupons"):
        if p[col]:
            doc[col] = codes(p[col])
    if p["kind"] == "spend_save":
        doc["stack_group"] = p["stack_group"]
    return doc


def _when(value: str | None, zone: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    t = datetime.fromisoformat(value)
    return t.replace(tzinfo=zone) if t.tzinfo is None else t


def choose(
    promotions: Iterable[Mapping[str, Any]],
    *,
    store: str,
    timezone: str,
    at: datetime,
    customer_group: str | None = None,
    coupons: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """The promotions a sale in `store` at `at` (aware) gives the engine, as document entries in
    code order: active ones of this store (or every store) and of the customer's group (or
    everyone) whose window is within a day of the sale; and any promotion a presented coupon
    names, whatever its window, store or group, so the engine can say why it does not apply
    (`coupon.ended`, `coupon.other_store`) instead of calling the code unknown."""
    zone = ZoneInfo(timezone)
    presented = {normalise(c) for c in coupons if c.strip()}
    out: list[tuple[str, dict[str, Any]]] = []
    for p in promotions:
        if not p["active"]:
            continue
        if presented & {normalise(c) for c in codes(p["coupons"])}:
            out.append((p["code"], promotion_document(p)))
            continue
        if p["coupons"]:
            continue  # a coupon's promotion without its coupon: the engine would not list it
        stores, groups = codes(p["stores"]), codes(p["groups"])
        if (stores and store not in stores) or (groups and customer_group not in groups):
            continue
        starts, ends = _when(p["starts"], zone), _when(p["ends"], zone)
        if (ends is not None and ends <= at - NEAR) or (starts is not None and starts > at + NEAR):
            continue
        out.append((p["code"], promotion_document(p)))
    return [doc for _code, doc in sorted(out, key=lambda x: x[0])]


def target_json(skus: Iterable[str] = (), categories: Iterable[str] = ()) -> str:
    """A `target` column value: compact JSON, keys sorted, empty lists left out ("{}" = all)."""
    value: dict[str, list[str]] = {}
    if categories:
        value["categories"] = sorted(categories)
    if skus:
        value["skus"] = sorted(skus)
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
