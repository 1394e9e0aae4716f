"""The till's customers (docs/customers.md): the recent ones, the ones a search found, and the
ones it created, in device.db's `customers` table.

Not a synced stream: a retailer has too many customers, and each is personal data. The till
keeps the last RECENT_KEPT it served or found (plus every one whose `customer.create` op still
waits), so it can still attach a regular offline; anything else is asked live.

A customer created here is written with its `customer.create` op in one transaction
(`add_created`); the op's hooks mark it synced, or take the customer central linked it to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pos_app.local.ops import register_op
from pos_app.local.words import Said

RECENT_KEPT = 200
COLUMNS = (
    "id",
    "central_id",
    "client_id",
    "name",
    "kana",
    "email",
    "phone",
    "customer_group",
    "status",
    "op_id",
    "used_at",
)


@dataclass(frozen=True)
class CustomerRow:
    id: int
    central_id: int
    client_id: str | None
    name: str
    kana: str
    email: str
    phone: str
    customer_group: str
    status: str
    op_id: str | None
    used_at: str


def _rows(cur: Iterable[Sequence[Any]]) -> list[CustomerRow]:
    return [CustomerRow(*r) for r in cur]


_SELECT = f"SELECT {', '.join(COLUMNS)} FROM customers"


def remember(con: sqlite3.Connection, rows: Iterable[CustomerRow]) -> None:
    """Keep customers central answered with (a search, an attach): their details as central has
    them now; a customer still waiting to be sent keeps its own."""
    con.executemany(
        "INSERT INTO customers(id, central_id, client_id, name, kana, email, phone, customer_group, status, op_id, "
        "used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'synced', NULL, ?) ON CONFLICT(id) DO UPDATE SET "
        "name=excluded.name, kana=excluded.kana, email=excluded.email, phone=excluded.phone, "
        "customer_group=excluded.customer_group, used_at=max(used_at, excluded.used_at) WHERE status='synced'",
        [(r.id, r.id, r.client_id, r.name, r.kana, r.email, r.phone, r.customer_group, r.used_at) for r in rows],
    )
    prune(con)


def add_created(con: sqlite3.Connection, row: CustomerRow) -> None:
    """A customer made on this till, in the transaction of its `customer.create` op."""
    con.execute(
        f"INSERT INTO customers({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        (
            row.id,
            row.central_id,
            row.client_id,
            row.name,
            row.kana,
            row.email,
            row.phone,
            row.customer_group,
            "pending",
            row.op_id,
            row.used_at,
        ),
    )


def touch(con: sqlite3.Connection, customer_id: int, at: str) -> None:
    con.execute("UPDATE customers SET used_at=? WHERE id=? OR central_id=?", (at, customer_id, customer_id))


def prune(con: sqlite3.Connection, keep: int = RECENT_KEPT) -> None:
    """Forget all but the `keep` most recently used customers (never one still being sent)."""
    con.execute(
        "DELETE FROM customers WHERE status != 'pending' AND id NOT IN "
        "(SELECT id FROM customers WHERE status != 'pending' ORDER BY used_at DESC, id LIMIT ?)",
        (keep,),
    )


def get(con: sqlite3.Connection, customer_id: int) -> CustomerRow | None:
    found = _rows(con.execute(_SELECT + " WHERE id=? OR central_id=? ORDER BY id=? DESC LIMIT 1", (customer_id,) * 3))
    return found[0] if found else None


def recent(con: sqlite3.Connection, limit: int = 20) -> list[CustomerRow]:
    return _rows(con.execute(_SELECT + " ORDER BY used_at DESC, id LIMIT ?", (limit,)))


def search(
    con: sqlite3.Connection, *, email: str = "", phone_digits: str = "", name: str = "", limit: int = 20
) -> list[CustomerRow]:
    """The cached customers matching an e-mail's beginning, phone digits anywhere, or a name or
    reading anywhere (case-insensitive), most recent first."""
    if email:
        where, arg = "email LIKE ? ESCAPE '\\'", _like(email) + "%"
    elif phone_digits:
        where, arg = "phone LIKE ? ESCAPE '\\'", "%" + _like(phone_digits) + "%"
    else:
        where, arg = "lower(name || ' ' || kana) LIKE ? ESCAPE '\\'", "%" + _like(name.lower()) + "%"
    return _rows(con.execute(_SELECT + f" WHERE {where} ORDER BY used_at DESC, id LIMIT ?", (arg, limit)))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- customer.create: the hooks of its outbox op -------------------------------------------------


def _applied(con: sqlite3.Connection, op_id: str, result: dict[str, Any] | None) -> None:
    r = result or {}
    cid = r.get("customer_id")
    if type(cid) is not int:
        con.execute("UPDATE customers SET status='synced' WHERE op_id=?", (op_id,))
        return
    if r.get("linked") is True:  # central had this e-mail: the till shows that customer from now on
        con.execute(
            "UPDATE customers SET status='synced', central_id=?, name=?, kana=?, email=?, phone=?, customer_group=? "
            "WHERE op_id=?",
            (
                cid,
                str(r.get("name", "")),
                str(r.get("kana", "")),
                str(r.get("email", "")),
                str(r.get("phone", "")),
                str(r.get("group", "")),
                op_id,
            ),
        )
    else:
        con.execute("UPDATE customers SET status='synced', central_id=? WHERE op_id=?", (cid, op_id))


def _status(status: str) -> Any:
    def hook(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
        con.execute("UPDATE customers SET status=? WHERE op_id=?", (status, op_id))

    return hook


def _describe(payload: dict[str, Any], _sku_of: Any) -> str:
    return Said("op.customer", name=payload.get("name", "?"))


register_op("customer.create", _applied, _status("rejected"), _status("pending"), describe=_describe)
