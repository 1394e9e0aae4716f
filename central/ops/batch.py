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
`central.changes.tx_cache`, what they read once per process in `lasting_cache`.

Runs (MANY): consecutive ops of a type with a many-handler (`sale.complete`: sales whose lines
are all carried out) go to it together, up to MAX_RUN_OPS, in ONE savepoint with their
applied-op records: a few statements for the run instead of ~15 round trips per sale. The
handler gives each op the outcome it would have had applied alone after the ones before it
(a rejection is answered in its place and writes nothing). A run with an op applied before (a
replay), or that raises anything (a database refusal, a bug), is rolled back whole and its
ops go one by one as above, which names the op and its outcome.

A push answers before MAX_PUSH_SECONDS have passed (as far as the last transaction tells):
what was not tried is `skipped` and the device sends it again at once. Twenty tablets pushing 200 ops each wait
for each other's transactions; an answer later than the device's 10 s request timeout is
never heard and the device falls back to one op per request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import orjson
from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from central import ops as registry
from central.changes import now, writing, written
from central.db import Database
from central.models import AppliedOp
from central.ops import sale_complete
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import Op, OpOutcome, PushResponse

log = logging.getLogger("central.ops")

MAX_TX_OPS = 200
MAX_TX_SECONDS = 0.05
# A push answers before it has spent this long (when one more transaction like the last one,
# its wait for the lock included, would go past it, the ops not tried yet are `skipped` and
# the device sends them again at once), inside the device's 10 s request timeout: with 20
# tablets sending 200 ops each, a push waits for the others' transactions too, and a device
# that hears no answer resends one op per request (docs/architecture.md, In doubt). Not much
# less: every op sent again is parsed again, on central and on the tablet.
MAX_PUSH_SECONDS = 6.0
MAX_RUN_OPS = 50  # ops of one many-handler call: the time bound is looked at between runs

# Op types whose handler can also apply a run of ops at once: (apply_many, batchable).
MANY: dict[str, tuple[Callable[[Session, Caller, Any], list[Applied | OpRejected]], Callable[[Any], bool]]] = {
    "sale.complete": (sale_complete.apply_many, sale_complete.batchable),
}

_APPLIED = AppliedOp.__table__
assert isinstance(_APPLIED, Table)
_APPLIED_KNOWN = select(_APPLIED.c.op_id).where(_APPLIED.c.op_id == bindparam("op_id"))
_APPLIED_ANY = select(_APPLIED.c.op_id).where(_APPLIED.c.op_id.in_(bindparam("ids", expanding=True))).limit(1)
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


def _late(op: Op) -> OpOutcome:
    return OpOutcome(
        op_id=str(op.op_id),
        status="skipped",
        code=503,
        detail="not tried: central's time for this push ran out; send it again",
    )


def push(db: Database, caller: Caller, ops: list[Op], publish: Publish) -> PushResponse:
    """Apply `ops` in order (see the module's rules); `publish` once after each commit that
    wrote to the change log."""
    started = time.monotonic()
    gaps = registry.note_seqs(db, caller.device_id, [op.device_seq for op in ops])
    results: list[OpOutcome] = []
    last = 0.0  # how long the last transaction took, its wait for the writer lock included
    while len(results) < len(ops):
        if results and time.monotonic() - started + last > MAX_PUSH_SECONDS:
            results.extend(_late(op) for op in ops[len(results) :])
            break
        began = time.monotonic()
        outcomes, failed = _transaction(db, caller, ops[len(results) :], publish)
        last = time.monotonic() - began
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
            while len(outcomes) < len(ops):
                if outcomes and (len(outcomes) >= MAX_TX_OPS or time.perf_counter() - started > MAX_TX_SECONDS):
                    break
                room = MAX_TX_OPS - len(outcomes) if outcomes else MAX_TX_OPS
                run = _run_at(ops, len(outcomes), min(room, MAX_RUN_OPS))
                done = _many(s, caller, run) if len(run) > 1 else None
                if done is None:
                    done = [_one(s, caller, ops[len(outcomes)])]
                for outcome, applied in done:
                    outcomes.append(outcome)
                    if outcome.status == "failed":
                        failed = True
                        break
                    if applied is not None and applied.touched:
                        touched.update(applied.touched)
                        high = max(high, applied.seq)
                if failed:
                    break
            seqs = written(s)
    except Exception:
        # Nothing of this transaction holds: its outcomes were never true.
        log.exception("a transaction of %d ops from device %s failed", len(outcomes), caller.device_id)
        return [_failed(ops[0])], True
    if touched:
        publish(high, sorted(touched), also=seqs)
    return outcomes, failed


def _run_at(ops: list[Op], start: int, limit: int) -> list[Op]:
    """The ops from `start` that one many-handler can take together (at most `limit`): of one
    type that has one, each accepted by its `batchable`, no op_id twice."""
    first = ops[start]
    many = MANY.get(first.type)
    if many is None:
        return [first]
    _apply, batchable = many
    run: list[Op] = []
    ids: set[str] = set()
    for op in ops[start : start + limit]:
        if op.type != first.type or not batchable(op) or str(op.op_id) in ids:
            break
        run.append(op)
        ids.add(str(op.op_id))
    return run or [first]


def _many(s: Session, caller: Caller, run: list[Op]) -> list[tuple[OpOutcome, Applied | None]] | None:
    """A run of ops through their type's many-handler, in one savepoint with their applied-op
    records: the same outcomes as `_one` op after op, in a few statements for the run. None
    when the run is to go op by op instead: one of them was applied before (a replay), or the
    run raised anything (rolled back whole; op by op then says which op and how). Raises only
    when the savepoint itself cannot be rolled back (the transaction is lost)."""
    op_ids = [str(op.op_id) for op in run]
    if s.execute(_APPLIED_ANY, {"ids": op_ids}).first() is not None:
        return None
    hashes = [registry.body_hash(op) for op in run]
    apply_many, _batchable = MANY[run[0].type]
    sp = s.begin_nested()
    try:
        answers = apply_many(s, caller, run)
        stamp = now()
        records = [
            {
                "op_id": op_id,
                "device_id": caller.device_id,
                "device_seq": op.device_seq,
                "type": op.type,
                "body_hash": h,
                "result": orjson.dumps(a.result).decode(),
                "at": stamp,
            }
            for op, op_id, h, a in zip(run, op_ids, hashes, answers, strict=True)
            if isinstance(a, Applied)
        ]
        if records:
            s.execute(_APPLIED_INSERT, records)
        sp.commit()
    except Exception:
        log.info("a run of %d %s ops goes op by op", len(run), run[0].type, exc_info=True)
        sp.rollback()  # if this raises too, the whole transaction is lost (the caller says so)
        return None
    finally:
        s.expunge_all()
    return [
        (OpOutcome(op_id=op_id, status="applied", code=200, result=a.result), a)
        if isinstance(a, Applied)
        else (OpOutcome(op_id=op_id, status="rejected", code=a.status, detail=a.detail), None)
        for op_id, a in zip(op_ids, answers, strict=True)
    ]


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
