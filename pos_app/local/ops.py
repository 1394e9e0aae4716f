"""Device-side hooks of each op type: what the business rows joined to an outbox op (by `op_id`)
do when central applies it, rejects it, or a supervisor queues it again.

Each hook is `fn(con, op_id, result)` and runs inside the device.db transaction that changes the
outbox row, so the business row and the op can never disagree. A new op type is its wire model
in `sync.protocol.OP_TYPES`, central's handler, and one `register_op` call here (or in the module
that owns its business table).

`streams` names the streams whose pulled figures will contain the op's effect once central has
applied it: while such an op is in doubt (sent, answer never heard) the engine resolves it before
it pulls those streams, so a pending mark never counts a change the pulled figures already hold.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_app.local.words import Said
from sync.loyalty import masked_card

Hook = Callable[[sqlite3.Connection, str, "dict[str, Any] | None"], None]


def _nothing(_con: sqlite3.Connection, _op_id: str, _result: dict[str, Any] | None) -> None:
    return None


# describe(payload, sku_of) -> one line a person reads; sku_of(variant_id) gives its SKU.
Describe = Callable[["dict[str, Any]", Callable[[int], str]], str]


@dataclass(frozen=True)
class OpHooks:
    type: str
    on_applied: Hook = _nothing
    on_rejected: Hook = _nothing
    on_requeued: Hook = _nothing
    streams: tuple[str, ...] = ()
    describe: Describe | None = None


OP_HOOKS: dict[str, OpHooks] = {}


def register_op(
    type_: str,
    on_applied: Hook | None = None,
    on_rejected: Hook | None = None,
    on_requeued: Hook | None = None,
    *,
    streams: tuple[str, ...] = (),
    describe: Describe | None = None,
) -> OpHooks:
    hooks = OpHooks(
        type_, on_applied or _nothing, on_rejected or _nothing, on_requeued or _nothing, tuple(streams), describe
    )
    OP_HOOKS[type_] = hooks
    return hooks


def hooks_for(type_: str) -> OpHooks:
    return OP_HOOKS.get(type_) or OpHooks(type_)


def describe_op(type_: str, payload: dict[str, Any], sku_of: Callable[[int], str]) -> str:
    """The one line a person reads for an op (its type's `describe`, else the type)."""
    describe = hooks_for(type_).describe
    return type_ if describe is None else describe(payload, sku_of)


# Pending marks: business rows that add a sent op's effect to pulled figures until the stream's
# cursor passes central's sequence for it. A sequence belongs to one epoch's log: when a copy of
# the stream from another epoch is swapped in, `settle(con)` (device.db) settles the sent marks.
MARKS: dict[str, list[Callable[[sqlite3.Connection], None]]] = {}


def register_marks(stream: str, settle: Callable[[sqlite3.Connection], None]) -> None:
    MARKS.setdefault(stream, []).append(settle)


def marks_settlers(stream: str) -> list[Callable[[sqlite3.Connection], None]]:
    return list(MARKS.get(stream, ()))


# --- stock.adjust: a stock correction (stock_corrections joins the outbox by op_id) -----------


def _stock_applied(con: sqlite3.Connection, op_id: str, result: dict[str, Any] | None) -> None:
    seq = (result or {}).get("seq")
    con.execute(
        "UPDATE stock_corrections SET status='sent', server_seq=? WHERE op_id=?",
        (seq if type(seq) is int else None, op_id),
    )


def _stock_rejected(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE stock_corrections SET status='rejected' WHERE op_id=?", (op_id,))


def _stock_requeued(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
    con.execute("UPDATE stock_corrections SET status='pending' WHERE op_id=?", (op_id,))


def _stock_describe(payload: dict[str, Any], sku_of: Callable[[int], str]) -> str:
    vid = int(payload.get("variant_id", 0))
    delta = int(payload.get("delta", 0))
    sign = "+" if delta > 0 else "−"
    reason = str(payload.get("reason", "?"))
    return Said("op.stock_adjust", delta=f"{sign}{abs(delta)}", sku=sku_of(vid), reason=reason, reason_code=reason)


def _settle_stock_marks(con: sqlite3.Connection) -> None:
    # Corrections and sales' stock effects alike are stock_corrections rows.
    con.execute("UPDATE stock_corrections SET server_seq=NULL WHERE status='sent' AND server_seq IS NOT NULL")


register_op(
    "stock.adjust", _stock_applied, _stock_rejected, _stock_requeued, streams=("stock",), describe=_stock_describe
)
register_marks("stock", _settle_stock_marks)


# --- sale.complete: a sale (sales + sale_lines + sale_payments join the outbox by op_id) -------
# Its stock effect lives in stock_corrections rows keyed "<op_id>:<n>", between these bounds.


def _sale_rows(op_id: str) -> tuple[str, str]:
    return op_id + ":", op_id + ";"


def _sale_applied(con: sqlite3.Connection, op_id: str, result: dict[str, Any] | None) -> None:
    r = result or {}
    seq, order, flagged = r.get("seq"), r.get("order_id"), r.get("flagged")
    seq = seq if type(seq) is int else None
    con.execute(
        "UPDATE sales SET status='sent', server_seq=?, order_id=?, flagged=? WHERE op_id=?",
        (seq, order if type(order) is int else None, int(flagged) if type(flagged) is bool else None, op_id),
    )
    con.execute(
        "UPDATE stock_corrections SET status='sent', server_seq=? WHERE op_id > ? AND op_id < ?",
        (seq, *_sale_rows(op_id)),
    )


def _sale_status(status: str) -> Hook:
    def hook(con: sqlite3.Connection, op_id: str, _result: dict[str, Any] | None) -> None:
        con.execute("UPDATE sales SET status=? WHERE op_id=?", (status, op_id))
        con.execute("UPDATE stock_corrections SET status=? WHERE op_id > ? AND op_id < ?", (status, *_sale_rows(op_id)))

    return hook


register_op(
    "sale.complete",
    _sale_applied,
    _sale_status("rejected"),
    _sale_status("pending"),
    streams=("stock",),
    describe=lambda p, _s: Said("op.sale", receipt=p.get("receipt_no", "?")),
)
# Ops with nothing to do on the device when applied: registered for their line only.
register_op(
    "shift.close", describe=lambda p, _s: Said("op.shift_close", number=p.get("number", "?"), till=p.get("till", "?"))
)
register_op("giftcard.load", describe=lambda p, _s: Said("op.giftcard_load", card=masked_card(str(p.get("card_no", "????")))))
register_op("giftcard.void", describe=lambda p, _s: Said("op.giftcard_void", card=masked_card(str(p.get("card_no", "????")))))


# --- journal.batch: a run of journal entries (pos_app/local/journal_upload.py makes them) -----
# Marks in device.db meta: `journal.batched` the last entry put in a batch, `journal.held`
# central's answer to the last batch applied (the chain's head there and the breaks it found).

META_BATCHED = "journal.batched"
META_HELD = "journal.held"


def _journal_applied(con: sqlite3.Connection, _op_id: str, result: dict[str, Any] | None) -> None:
    r = result or {}
    seq, h, device = r.get("seq"), r.get("hash"), r.get("device_id")
    if type(seq) is not int or not isinstance(h, str) or not isinstance(device, str):
        return
    row = con.execute("SELECT value FROM meta WHERE key=?", (META_HELD,)).fetchone()
    before = json.loads(row[0]) if row else {}
    breaks = int(before.get("breaks", 0)) + (r["breaks"] if type(r.get("breaks")) is int else 0)
    held = {"device_id": device, "seq": seq, "hash": h, "breaks": breaks}
    con.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (META_HELD, json.dumps(held, sort_keys=True)),
    )


def _journal_describe(payload: dict[str, Any], _sku_of: Callable[[int], str]) -> str:
    entries = payload.get("entries") or [{}]
    first, last = entries[0].get("seq", "?"), entries[-1].get("seq", "?")
    return Said("op.journal", first=first, last=last)


register_op("journal.batch", _journal_applied, describe=_journal_describe)
