"""Applying a push: several ops per writing transaction, each op in its own savepoint.

The rules of central.ops hold per op, as if each op had its own transaction:

- each op is applied inside a SAVEPOINT together with its idempotency record (`applied_ops`);
  a deterministic failure (OpRejected, an integrity or data error) rolls back that savepoint
  only: the op is `rejected` and the next op is tried;
- an unexpected exception rolls back that op's savepoint: the op is `failed`, the ops before it
  in the transaction are committed, every later op of the push is `skipped`;
- an op's outcome is only said once its transaction committed: when the commit (or anything
  outside an op's savepoint) fails, nothing of that transaction holds, its first op is `failed`
  and the rest of the push `skipped`. A crash before the commit loses the whole transaction and
  never leaves half a sale; the device, having heard no answer, sends the ops again and the
  applied-op records make every resend exactly once;
- ops are applied in push order, so order ids and change-log sequences follow device order.

A transaction takes ops until MAX_TX_OPS or until it has held the writer lock for
MAX_TX_SECONDS, so another writer (a channel adjustment, another device's push) waits at most
about that long. One poke per transaction names every stream its ops touched (and every
sequence it wrote, for the watcher). Each op starts with an empty identity map, as it would in
a session of its own; what handlers read once per transaction lives in
`central.changes.tx_cache`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Protocol

import orjson
from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from central import ops as registry
from central.changes import now, writing, written
from central.db import Database
from central.models import AppliedOp
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import Op, OpOutcome, PushResponse

log = logging.getLogger("central.ops")

MAX_TX_OPS = 200
MAX_TX_SECONDS = 0.05

_APPLIED = AppliedOp.__table__
assert isinstance(_APPLIED, Table)
_APPLIED_KNOWN = select(_APPLIED.c.op_id).where(_APPLIED.c.op_id == bindparam("op_id"))
_APPLIED_INSERT = _APPLIED.insert()


class Publish(Protocol):
    def __call__(
        self, seq: int, touched: Iterable[tuple[str, int]] | None = None, *, also: Iterable[int] = ()
    ) -> None: ...


def _failed(op: Op) -> OpOutcome:
    return OpOutcome(
        op_id=str(op.op_id),
        status="failed",
        code=500,
        detail="central could not apply this op now; it will be sent again",
    )


def _skipped(op: Op) -> OpOutcome:
    return OpOutcome(
        op_id=str(op.op_id), status="skipped", code=503, detail="not tried: an earlier op of this push failed"
    )


def push(db: Database, caller: Caller, ops: list[Op], publish: Publish) -> PushResponse:
    """Apply `ops` in order (see the module's rules); `publish` once after each commit that
    wrote to the change log."""
    gaps = registry.note_seqs(db, caller.device_id, [op.device_seq for op in ops])
    results: list[OpOutcome] = []
    while len(results) < len(ops):
        outcomes, failed = _transaction(db, caller, ops[len(results) :], publish)
        results.extend(outcomes)
        if failed:
            results.extend(_skipped(op) for op in ops[len(results) :])
    return PushResponse(results=results, gaps=gaps)


def _transaction(db: Database, caller: Caller, ops: list[Op], publish: Publish) -> tuple[list[OpOutcome], bool]:
    """One writing transaction over ops from the head of `ops`: their outcomes (committed),
    and whether the last of them failed (then the rest of the push is skipped)."""
    outcomes: list[OpOutcome] = []
    failed = False
    touched: set[tuple[str, int]] = set()
    high = 0
    seqs: list[int] = []
    try:
        with db.session() as s, writing(s):
            started = time.perf_counter()
            for op in ops:
                if outcomes and (len(outcomes) >= MAX_TX_OPS or time.perf_counter() - started > MAX_TX_SECONDS):
                    break
                outcome, applied = _one(s, caller, op)
                outcomes.append(outcome)
                if outcome.status == "failed":
                    failed = True
                    break
                if applied is not None and applied.touched:
                    touched.update(applied.touched)
                    high = max(high, applied.seq)
            seqs = written(s)
    except Exception:
        # Nothing of this transaction holds: its outcomes were never true.
        log.exception("a transaction of %d ops from device %s failed", len(outcomes), caller.device_id)
        return [_failed(ops[0])], True
    if touched:
        publish(high, sorted(touched), also=seqs)
    return outcomes, failed


def _one(s: Session, caller: Caller, op: Op) -> tuple[OpOutcome, Applied | None]:
    """One op in its own savepoint. Raises only when the savepoint itself cannot be rolled back
    (the transaction is lost)."""
    op_id = str(op.op_id)
    h = registry.body_hash(op)
    sp = s.begin_nested()
    try:
        done = s.get(AppliedOp, op_id) if s.execute(_APPLIED_KNOWN, {"op_id": op_id}).first() else None
        if done is not None:
            outcome = registry._replay(s, done, caller, h)
            sp.commit()
            return outcome, None
        applied = registry.HANDLERS[op.type](s, caller, op)
        s.flush()
        s.execute(
            _APPLIED_INSERT,
            {
                "op_id": op_id,
                "device_id": caller.device_id,
                "device_seq": op.device_seq,
                "type": op.type,
                "body_hash": h,
                "result": orjson.dumps(applied.result).decode(),
                "at": now(),
            },
        )
        sp.commit()
    except OpRejected as e:
        sp.rollback()
        return OpOutcome(op_id=op_id, status="rejected", code=e.status, detail=e.detail), None
    except IntegrityError as e:
        sp.rollback()
        # The same op_id applied meanwhile (earlier in this push): answer from its record.
        # Otherwise the database refuses this op's rows, and will refuse them again.
        done = s.get(AppliedOp, op_id)
        if done is not None:
            return registry._replay(s, done, caller, h), None
        return registry._refused(op_id, e), None
    except DataError as e:
        sp.rollback()
        return registry._refused(op_id, e), None
    except Exception:
        log.exception("op %s (%s) failed", op_id, op.type)
        sp.rollback()  # if this raises too, the whole transaction is lost (the caller says so)
        return _failed(op), None
    finally:
        s.expunge_all()  # the next op starts as in a session of its own
    return OpOutcome(op_id=op_id, status="applied", code=200, result=applied.result), applied
