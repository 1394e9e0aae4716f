"""Device operations (the outbox's other end), dispatched through a table keyed by op type.

A push carries ops in device order. Each op is applied in its own writing transaction together
with its idempotency record (`applied_ops`), so a replay is answered from the stored result
(DESIGN.md section 3). Outcomes, per op (sync.protocol.OpOutcome):

- a deterministic failure (unknown variant 404, another store 403, op_id reused with another
  body 409, an integrity or data error 422) is `rejected` and the next op is still tried;
- an unexpected exception is `failed` (500) and every later op of the push `skipped` (503),
  so the device's order is kept;
- an op_id already applied by this device, or by another device of the same store (a
  re-enrolled tablet sending its old outbox), with the same body is `replayed`.

A push is applied by `central.ops.batch.push` (runs of ops in one transaction, each in its
own savepoint: docs/architecture.md). A new op type is its wire model in sync.protocol plus a
module here with `apply(session, caller, op) -> Applied`, registered in HANDLERS.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from central.changes import now, writing
from central.db import Database
from central.models import AppliedOp, Device, DeviceSeq, SeqGap
from central.ops import (
    customer_create,
    journal_batch,
    order_create,
    order_decide,
    order_refund,
    order_refund_refused,
    pickup_arrive,
    pickup_handover,
    pickup_pick,
    pickup_ready,
    pickup_restock,
    return_complete,
    return_refund,
    sale_complete,
    shift_close,
    shipment_ship,
    stock_adjust,
    stored_value,
)
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import OpBase, OpOutcome

__all__ = ["HANDLERS", "Applied", "Caller", "OpRejected", "body_hash"]

log = logging.getLogger(__name__)

Handler = Callable[[Session, Caller, Any], Applied]

HANDLERS: dict[str, Handler] = {
    "stock.adjust": stock_adjust.apply,
    "sale.complete": sale_complete.apply,
    "journal.batch": journal_batch.apply,
    "customer.create": customer_create.apply,
    "pickup.pick": pickup_pick.apply,
    "pickup.ready": pickup_ready.apply,
    "pickup.handover": pickup_handover.apply,
    "pickup.restock": pickup_restock.apply,
    "pickup.arrive": pickup_arrive.apply,
    "shift.close": shift_close.apply,
    "order.create": order_create.apply,
    "order.decide": order_decide.apply,
    "order.refund": order_refund.apply,
    "shipment.ship": shipment_ship.apply,
    "order.refund_refused": order_refund_refused.apply,
    "giftcard.load": stored_value.apply_load,
    "giftcard.void": stored_value.apply_void,
    "return.complete": return_complete.apply,
    "return.refund": return_refund.apply,
}

MAX_GAPS_REPORTED = 100
Publish = Callable[[int, list[tuple[str, int]]], None]


def body_hash(op: OpBase) -> str:
    body = op.model_dump(mode="json", exclude={"op_id"})
    try:
        raw = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits (a journal entry's free data):
        # the standard library's canonical form; no op stored before could hold one, so no
        # earlier hash changes
        raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


def _refused(op_id: str, e: IntegrityError | DataError) -> OpOutcome:
    log.warning("op %s refused by the database: %s", op_id, e.orig)
    reason = str(e.orig).strip().splitlines()[0] if e.orig is not None else type(e).__name__
    return OpOutcome(op_id=op_id, status="rejected", code=422, detail=f"the database refused this op: {reason:.200}")


def _replay(session: Session, done: AppliedOp, caller: Caller, h: str) -> OpOutcome:
    same_store = done.device_id == caller.device_id or (
        session.scalar(select(Device.store_id).where(Device.id == done.device_id)) == caller.store_id
    )
    if not same_store or done.body_hash != h:
        return OpOutcome(
            op_id=done.op_id,
            status="rejected",
            code=409,
            detail="this op_id was already used for a different operation",
        )
    return OpOutcome(op_id=done.op_id, status="replayed", code=200, result=orjson.loads(done.result))


def note_seqs(db: Database, device_id: str, seqs: list[int]) -> list[int]:
    """Advance the device's highest seen device_seq over `seqs` (in push order) and record any
    range it jumped over; returns the missing seqs noticed now (at most MAX_GAPS_REPORTED).
    The first op ever seen from a device starts its count."""
    missing: list[tuple[int, int]] = []
    with db.session() as s, writing(s):
        mark = s.get(DeviceSeq, device_id)
        high = None if mark is None else mark.high
        for seq in seqs:
            if high is not None and seq > high + 1:
                missing.append((high + 1, seq - 1))
            high = seq if high is None else max(high, seq)
        assert high is not None
        if mark is None:
            s.add(DeviceSeq(device_id=device_id, high=high))
        elif mark.high != high:
            mark.high = high
        stamp = now()
        s.add_all(SeqGap(device_id=device_id, first=a, last=b, noticed_at=stamp) for a, b in missing)
    reported: list[int] = []
    for a, b in missing:
        reported.extend(range(a, min(b, a + MAX_GAPS_REPORTED - len(reported) - 1) + 1))
        if len(reported) >= MAX_GAPS_REPORTED:
            break
    return reported[:MAX_GAPS_REPORTED]
