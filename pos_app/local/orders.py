"""This till's endless-aisle orders and the staff actions on ship fulfilments (device.db
`aisle_orders`, `order_actions`, `customer_addresses`), and the hooks of their ops.

An order.create is written in the sale's own transaction (pos_app/services/checkout.py), so a
sale that paid for a shipment always has its order, offline too. Central's answer marks it sent
(with the order number), or rejected with central's sentence; the orders screen shows it "to be
confirmed" until the `ship_orders` stream has it. order.decide / order.refund / shipment.ship
rows work like pickup_actions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import orjson

from pos_app.local.ops import register_op
from pos_app.local.words import Said


@dataclass(frozen=True)
class LocalOrder:
    order_id: str
    sale_id: str
    op_id: str
    receipt_no: str
    payload: dict[str, Any]
    summary: dict[str, Any]
    status: str
    number: str | None
    detail: str | None
    created_at: str
    refund_status: str | None = None  # a refused order paid back here: pending | sent | rejected
    refund_amount: int = 0
    refund_detail: str | None = None


@dataclass(frozen=True)
class OrderAction:
    op_id: str
    fulfilment_id: int
    kind: str
    data: dict[str, Any]
    status: str
    detail: str | None
    at: str


def add_order(
    con: sqlite3.Connection,
    *,
    order_id: str,
    sale_id: str,
    op_id: str,
    receipt_no: str,
    payload: dict[str, Any],
    summary: dict[str, Any],
    at: str,
) -> None:
    con.execute(
        "INSERT INTO aisle_orders(order_id, sale_id, op_id, receipt_no, payload, summary, status, number, detail, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', NULL, NULL, ?)",
        (order_id, sale_id, op_id, receipt_no, orjson.dumps(payload).decode(), orjson.dumps(summary).decode(), at),
    )


def orders(con: sqlite3.Connection) -> list[LocalOrder]:
    rows = con.execute(
        "SELECT order_id, sale_id, op_id, receipt_no, payload, summary, status, number, detail, created_at, "
        "refund_status, coalesce(refund_amount, 0), refund_detail FROM aisle_orders ORDER BY created_at, order_id"
    ).fetchall()
    return [LocalOrder(r[0], r[1], r[2], r[3], orjson.loads(r[4]), orjson.loads(r[5]), *r[6:]) for r in rows]


def mark_refund(con: sqlite3.Connection, order_id: str, op_id: str, amount: int) -> None:
    """A refused order's money paid back at this till, with its order.refund_refused op."""
    con.execute(
        "UPDATE aisle_orders SET refund_op=?, refund_status='pending', refund_amount=?, refund_detail=NULL "
        "WHERE order_id=?",
        (op_id, amount, order_id),
    )


def add_action(
    con: sqlite3.Connection, op_id: str, fulfilment_id: int, kind: str, data: dict[str, Any], at: str
) -> None:
    con.execute(
        "INSERT INTO order_actions(op_id, fulfilment_id, kind, data, status, detail, at) "
        "VALUES (?, ?, ?, ?, 'pending', NULL, ?)",
        (op_id, fulfilment_id, kind, orjson.dumps(data).decode(), at),
    )


def actions(con: sqlite3.Connection) -> list[OrderAction]:
    rows = con.execute(
        "SELECT op_id, fulfilment_id, kind, data, status, detail, at FROM order_actions ORDER BY at, op_id"
    ).fetchall()
    return [OrderAction(r[0], r[1], r[2], orjson.loads(r[3]), r[4], r[5], r[6]) for r in rows]


# --- the delivery addresses of the recent customers ---------------------------------------------


def remember_address(con: sqlite3.Connection, customer_id: int, address: dict[str, Any], at: str) -> None:
    con.execute(
        "INSERT INTO customer_addresses(customer_id, address, used_at) VALUES (?, ?, ?) "
        "ON CONFLICT(customer_id) DO UPDATE SET address=excluded.address, used_at=excluded.used_at",
        (customer_id, orjson.dumps(address).decode(), at),
    )
    # Only for customers the till still keeps (docs/customers.md: the last 200 and the pending).
    con.execute("DELETE FROM customer_addresses WHERE customer_id NOT IN (SELECT id FROM customers)")


def address_of(con: sqlite3.Connection, customer_id: int) -> dict[str, Any] | None:
    row = con.execute("SELECT address FROM customer_addresses WHERE customer_id=?", (customer_id,)).fetchone()
    return None if row is None else dict(orjson.loads(row[0]))


# --- the hooks ---------------------------------------------------------------------------------


def _last_error(con: sqlite3.Connection, op_id: str) -> str | None:
    row = con.execute("SELECT last_error FROM outbox WHERE op_id=?", (op_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def _order_applied(con: sqlite3.Connection, op_id: str, result: dict[str, Any] | None) -> None:
    number = (result or {}).get("number")
    con.execute(
        "UPDATE aisle_orders SET status='sent', detail=NULL, number=coalesce(?, number) WHERE op_id=?",
        (number if isinstance(number, str) else None, op_id),
    )


def _order_rejected(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE aisle_orders SET status='rejected', detail=? WHERE op_id=?", (_last_error(con, op_id), op_id))


def _order_requeued(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE aisle_orders SET status='pending', detail=NULL WHERE op_id=?", (op_id,))


def _action_applied(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE order_actions SET status='sent', detail=NULL WHERE op_id=?", (op_id,))


def _action_rejected(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE order_actions SET status='rejected', detail=? WHERE op_id=?", (_last_error(con, op_id), op_id))


def _action_requeued(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE order_actions SET status='pending', detail=NULL WHERE op_id=?", (op_id,))


def _refund_applied(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE aisle_orders SET refund_status='sent', refund_detail=NULL WHERE refund_op=?", (op_id,))


def _refund_rejected(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute(
        "UPDATE aisle_orders SET refund_status='rejected', refund_detail=? WHERE refund_op=?",
        (_last_error(con, op_id), op_id),
    )


def _refund_requeued(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE aisle_orders SET refund_status='pending', refund_detail=NULL WHERE refund_op=?", (op_id,))


def _describe_order(payload: dict[str, Any], _sku_of: Any) -> str:
    n = sum(int(x.get("quantity", 0)) for x in payload.get("lines", []))
    customer = payload.get("customer_id", "?")
    return Said("op.order_one", customer=customer) if n == 1 else Said("op.order", count=n, customer=customer)


def _describe(code: str) -> Any:
    def describe(payload: dict[str, Any], _sku_of: Any) -> str:
        return Said(code, shipment=payload.get("fulfilment_id", "?"))

    return describe


register_op(
    "order.create",
    _order_applied,
    _order_rejected,
    _order_requeued,
    streams=("ship_orders",),
    describe=_describe_order,
)
for _type, _code in (
    ("order.decide", "op.order_decide"),
    ("order.refund", "op.order_refund"),
    ("shipment.ship", "op.shipment_ship"),
):
    register_op(
        _type,
        _action_applied,
        _action_rejected,
        _action_requeued,
        streams=("ship_orders",),
        describe=_describe(_code),
    )
register_op(
    "order.refund_refused",
    _refund_applied,
    _refund_rejected,
    _refund_requeued,
    streams=(),
    describe=lambda payload, _sku_of: Said("op.refund_refused", order=payload.get("order_id", "?")),
)
