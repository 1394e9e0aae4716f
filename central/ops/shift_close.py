"""`shift.close`: a till's closed shift with its Z report (docs/shifts.md).

Central keeps the shift as the till closed it — the float, the cash movements, the blind count
and the Z report — once per shift id. Z numbers are gapless per till on the tablet; a second
shift under the same (store, till, number) is refused (409), as is another store's shift (403).
A gap in a till's numbers is not refused (the earlier close may still be on its way) but is
answered in the result, so head office can see it.
"""

from __future__ import annotations

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.changes import now
from central.models import ShiftReport
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import ShiftCloseOp


def apply(session: Session, caller: Caller, op: ShiftCloseOp) -> Applied:
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "a device may only close shifts of its own store")
    try:
        report = orjson.loads(p.report)
    except orjson.JSONDecodeError:
        raise OpRejected(422, "the Z report is not JSON") from None
    if not isinstance(report, dict):
        raise OpRejected(422, "the Z report must be a JSON object")
    sales_total = report.get("sales_total", 0)
    if isinstance(sales_total, bool) or not isinstance(sales_total, int) or abs(sales_total) > 2**53:
        raise OpRejected(422, "the Z report's sales_total must be an amount in minor units")
    known = session.scalar(select(ShiftReport).where(ShiftReport.shift_id == str(p.shift_id)))
    if known is not None:  # the same shift sent again under another op id: stored once
        return Applied({"shift_id": known.shift_id, "number": known.number, "id": known.id})
    taken = session.scalar(
        select(ShiftReport.shift_id).where(
            ShiftReport.store_id == p.store_id, ShiftReport.till == p.till, ShiftReport.number == p.number
        )
    )
    if taken is not None:
        raise OpRejected(409, f"till {p.till} already sent Z report {p.number} for another shift")
    last = session.scalar(
        select(func.max(ShiftReport.number)).where(ShiftReport.store_id == p.store_id, ShiftReport.till == p.till)
    )
    row = ShiftReport(
        shift_id=str(p.shift_id),
        store_id=p.store_id,
        device_id=caller.device_id,
        op_id=str(op.op_id),
        till=p.till,
        number=p.number,
        currency=p.currency,
        opened_at=p.opened_at,
        closed_at=p.closed_at,
        received_at=now(),
        opened_by=p.opened_by,
        closed_by=p.closed_by,
        sales_total=sales_total,
        expected_cash=p.expected_cash,
        counted_cash=p.counted_cash,
        staff=orjson.dumps(p.staff).decode(),
        movements=orjson.dumps([m.model_dump(mode="json") for m in p.movements]).decode(),
        counts=orjson.dumps([c.model_dump(mode="json") for c in p.counts]).decode(),
        report=orjson.dumps(report, option=orjson.OPT_SORT_KEYS).decode(),
    )
    session.add(row)
    session.flush()
    gap = last is not None and p.number != last + 1
    return Applied({"shift_id": row.shift_id, "number": row.number, "id": row.id, "gap_before": bool(gap)})
