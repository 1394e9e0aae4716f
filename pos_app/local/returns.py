"""Returns taken back at this till (device.db `till_returns`), written with their
`return.complete` op, the cash refund's drawer movement and the journal entry in one
transaction (pos_app/services/returns.py), and the op's hooks: central's answer marks the row
sent, or rejected with central's sentence (another till won, the line is already back)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import orjson

from pos_app.local.ops import register_op
from pos_app.local.words import RETURN_KINDS, Said


@dataclass(frozen=True)
class LocalReturn:
    return_id: str
    op_id: str
    kind: str
    authorization_id: str | None
    number: str
    sale_id: str | None
    receipt_no: str
    currency: str
    total: int
    lines: list[dict[str, Any]]
    refunds: list[dict[str, Any]]
    status: str
    detail: str | None
    staff_id: int | None
    approved_by: int | None
    customer_id: int | None
    created_at: str


COLS = (
    "return_id, op_id, kind, authorization_id, number, sale_id, receipt_no, currency, total, lines, refunds, status, "
    "detail, staff_id, approved_by, customer_id, created_at"
)


def _row(r: tuple[Any, ...]) -> LocalReturn:
    d = dict(zip(COLS.replace(" ", "").split(","), r, strict=True))
    d["lines"] = orjson.loads(d["lines"])
    d["refunds"] = orjson.loads(d["refunds"])
    return LocalReturn(**d)


def add(con: sqlite3.Connection, r: LocalReturn) -> None:
    con.execute(
        f"INSERT INTO till_returns({COLS}) VALUES ({', '.join('?' * 17)})",
        (r.return_id, r.op_id, r.kind, r.authorization_id, r.number, r.sale_id, r.receipt_no, r.currency, r.total,
         orjson.dumps(r.lines).decode(), orjson.dumps(r.refunds).decode(), r.status, r.detail, r.staff_id,
         r.approved_by, r.customer_id, r.created_at),
    )  # fmt: skip


def get(con: sqlite3.Connection, return_id: str) -> LocalReturn | None:
    row = con.execute(f"SELECT {COLS} FROM till_returns WHERE return_id=?", (return_id,)).fetchone()
    return None if row is None else _row(row)


def of_authorization(con: sqlite3.Connection, authorization_id: str) -> LocalReturn | None:
    row = con.execute(
        f"SELECT {COLS} FROM till_returns WHERE authorization_id=? AND status<>'rejected' ORDER BY created_at LIMIT 1",
        (authorization_id,),
    ).fetchone()
    return None if row is None else _row(row)


def of_sale(con: sqlite3.Connection, sale_id: str) -> list[LocalReturn]:
    rows = con.execute(
        f"SELECT {COLS} FROM till_returns WHERE sale_id=? AND status<>'rejected' ORDER BY created_at", (sale_id,)
    ).fetchall()
    return [_row(r) for r in rows]


def latest(con: sqlite3.Connection, limit: int = 50) -> list[LocalReturn]:
    rows = con.execute(f"SELECT {COLS} FROM till_returns ORDER BY created_at DESC LIMIT ?", (limit,)).fetchall()
    return [_row(r) for r in rows]


def no_receipt_total(con: sqlite3.Connection, customer_id: int, since: str, *, unsent: bool = False) -> int:
    """This till's returns without a receipt for the customer since `since` (`unsent`: only
    those central does not have yet)."""
    row = con.execute(
        "SELECT coalesce(sum(total), 0) FROM till_returns WHERE kind='no_receipt' AND customer_id=? "
        f"AND status{'=' if unsent else '<>'}? AND created_at >= ?",
        (customer_id, "pending" if unsent else "rejected", since),
    ).fetchone()
    return int(row[0])


def drawer_refund(con: sqlite3.Connection, till: str, amount: int, staff_id: int, note: str, at: str) -> str | None:
    """A cash refund out of the drawer: a paid out (reason `return`) on this till's open shift,
    so the shift's expected cash counts it. Returns the shift id, None when no shift is open."""
    row = con.execute("SELECT shift_id FROM shifts WHERE till=? AND state<>'closed'", (till,)).fetchone()
    if row is None:
        return None
    sid = str(row[0])
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM shift_cash WHERE shift_id=?", (sid,)).fetchone()[0]
    con.execute(
        "INSERT INTO shift_cash(shift_id, seq, kind, amount, reason, note, staff_id, at) "
        "VALUES (?, ?, 'paid_out', ?, 'return', ?, ?, ?)",
        (sid, seq, amount, note, staff_id, at),
    )
    con.execute(
        "INSERT OR IGNORE INTO shift_staff(shift_id, staff_id, joined_at) VALUES (?, ?, ?)", (sid, staff_id, at)
    )
    return sid


def _last_error(con: sqlite3.Connection, op_id: str) -> str | None:
    row = con.execute("SELECT last_error FROM outbox WHERE op_id=?", (op_id,)).fetchone()
    return None if row is None else row[0]


def _applied(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE till_returns SET status='sent', detail=NULL WHERE op_id=?", (op_id,))


def _rejected(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE till_returns SET status='rejected', detail=? WHERE op_id=?", (_last_error(con, op_id), op_id))


def _requeued(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE till_returns SET status='pending', detail=NULL WHERE op_id=?", (op_id,))


def _describe(payload: dict[str, Any], sku_of: Any) -> str:
    n = sum(int(x.get("resellable", 0)) + int(x.get("damaged", 0)) for x in payload.get("lines", []))
    kind = str(payload.get("kind", "?"))
    words = RETURN_KINDS.get(kind, kind)
    return (
        Said("op.return_one", kind=words, kind_code=kind)
        if n == 1
        else Said("op.return", count=n, kind=words, kind_code=kind)
    )


register_op("return.complete", _applied, _rejected, _requeued, streams=("stock",), describe=_describe)
register_op("return.refund", describe=lambda p, _s: Said("op.return_refund", number=str(p.get("return_id", "?"))[:8]))


def set_refunds(con: sqlite3.Connection, return_id: str, refunds: list[dict[str, Any]]) -> None:
    con.execute("UPDATE till_returns SET refunds=? WHERE return_id=?", (orjson.dumps(refunds).decode(), return_id))
