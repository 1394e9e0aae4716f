"""Device operations (the outbox's other end): each op applies once, in one transaction with
its idempotency record; a replay returns the stored result (DESIGN.md section 3)."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.changes import adjust_stock, now
from central.models import AppliedOp, Variant
from sync.protocol import Op, OpResult, StockAdjustPayload


class OpRejected(Exception):
    """The op can never succeed as sent (a 4xx): the device dead-letters it."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def body_hash(op: Op) -> str:
    body = {"type": op.type, "device_seq": op.device_seq, "payload": op.payload.model_dump(mode="json")}
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def apply_op(session: Session, device_id: str, store_id: int, op: Op) -> tuple[OpResult, list[tuple[str, int]]]:
    """Returns the result and the (stream, scope) pairs it touched (for the poke hub)."""
    h = body_hash(op)
    op_id = str(op.op_id)
    done = session.get(AppliedOp, op_id)
    if done is not None:
        return _replay(done, device_id, h), []
    try:
        result, touched = _stock_adjust(session, device_id, store_id, op.payload)
        session.add(
            AppliedOp(
                op_id=op_id,
                device_id=device_id,
                device_seq=op.device_seq,
                type=op.type,
                body_hash=h,
                result=orjson.dumps(result).decode(),
                at=now(),
            )
        )
        session.commit()
    except IntegrityError:
        # The same op raced in on another connection: answer from its record.
        session.rollback()
        done = session.get(AppliedOp, op_id)
        if done is None:
            raise
        return _replay(done, device_id, h), []
    except OpRejected:
        session.rollback()
        raise
    return OpResult(op_id=op_id, status="applied", result=result), touched


def _replay(done: AppliedOp, device_id: str, h: str) -> OpResult:
    if done.device_id != device_id or done.body_hash != h:
        raise OpRejected(409, "this op_id was already used for a different operation")
    return OpResult(op_id=done.op_id, status="replayed", result=orjson.loads(done.result))


def _stock_adjust(
    session: Session, device_id: str, store_id: int, p: StockAdjustPayload
) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    if p.location_id != store_id:
        raise OpRejected(403, "a device may only correct the stock of its own store")
    if session.get(Variant, p.variant_id) is None:
        raise OpRejected(404, f"unknown variant {p.variant_id}")
    seq, stock = adjust_stock(
        session,
        location_id=p.location_id,
        variant_id=p.variant_id,
        delta=p.delta,
        reason=p.reason,
        source="device",
        reference="",
        device_id=device_id,
        staff_id=p.staff_id,
        note=p.note,
    )
    result = {"seq": seq, "on_hand": stock.on_hand, "reserved": stock.reserved}
    return result, [("stock", p.location_id)]
