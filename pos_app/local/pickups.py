"""This till's click-and-collect actions (`pickup_actions` in device.db) and the hooks of their
ops: a pick, a ready, a handover, a restock (an expired bag back on the shelf) or a kiosk
check-in (arrive) is written with its op in one transaction; central's answer
marks it sent, or rejected with central's sentence ("already collected at 14:02 by till 2").
The pickups themselves are the `pickups` stream (cache.db), as central has them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import orjson

from pos_app.local.ops import register_op
from pos_app.local.words import Said


@dataclass(frozen=True)
class PickupAction:
    op_id: str
    pickup_id: int
    kind: str
    data: dict[str, Any]
    status: str
    detail: str | None
    at: str


def add(con: sqlite3.Connection, op_id: str, pickup_id: int, kind: str, data: dict[str, Any], at: str) -> None:
    con.execute(
        "INSERT INTO pickup_actions(op_id, pickup_id, kind, data, status, detail, at) VALUES (?, ?, ?, ?, 'pending', NULL, ?)",
        (op_id, pickup_id, kind, orjson.dumps(data).decode(), at),
    )


def actions(con: sqlite3.Connection, pickup_id: int | None = None) -> list[PickupAction]:
    q = "SELECT op_id, pickup_id, kind, data, status, detail, at FROM pickup_actions"
    args: tuple[Any, ...] = ()
    if pickup_id is not None:
        q += " WHERE pickup_id=?"
        args = (pickup_id,)
    rows = con.execute(q + " ORDER BY at, op_id", args).fetchall()
    return [PickupAction(r[0], r[1], r[2], orjson.loads(r[3]), r[4], r[5], r[6]) for r in rows]


def _applied(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE pickup_actions SET status='sent' WHERE op_id=?", (op_id,))


def _rejected(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    row = con.execute("SELECT last_error FROM outbox WHERE op_id=?", (op_id,)).fetchone()
    con.execute("UPDATE pickup_actions SET status='rejected', detail=? WHERE op_id=?", (row[0] if row else None, op_id))


def _requeued(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE pickup_actions SET status='pending', detail=NULL WHERE op_id=?", (op_id,))


def _describe(kind: str) -> Any:
    def describe(payload: dict[str, Any], _sku_of: Any) -> str:
        return Said(f"op.pickup_{kind}", order=payload.get("pickup_id", "?"))

    return describe


for _kind in ("pick", "ready", "handover", "restock"):
    register_op(
        f"pickup.{_kind}", _applied, _rejected, _requeued, streams=("pickups", "stock"), describe=_describe(_kind)
    )
register_op("pickup.arrive", _applied, _rejected, _requeued, streams=("pickups",), describe=_describe("arrive"))
