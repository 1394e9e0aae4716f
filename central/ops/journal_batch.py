"""`journal.batch`: a run of a device's journal entries in the device's order (DESIGN.md 7).

Each batch is checked against the last entry central holds for the chain's device with the
rules of `sync.journal.verify_chain`: the seq follows without a gap, `prev_hash` is the hash of
the entry before, and `hash` recomputes over the shared canonical JSON. What does not hold is
RECORDED in `journal_breaks` (gap | link | altered | duplicate | relink, at the device's seq),
never refused: a device whose journal was tampered with must still be able to report it, and
its later entries still arrive. The batch travels through the outbox like any op, so it is
applied exactly once and after every op enqueued before it.

The chain belongs to the identity the batch was made under (`payload.device_id`: the caller,
or an earlier identity of a device of the same store, sending its old outbox after a
re-enrolment). The first batch under a new identity names the chain it continues
(`payload.continues`: the old id, the last seq and hash batched under it); central checks that
against the old chain's head and starts the new chain from it, so one chain runs on across ids.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.changes import now
from central.models import Device, JournalBreak, JournalEntryRow, JournalHead
from central.ops.base import Applied, Caller, OpRejected
from sync.journal import GENESIS, chain_hash
from sync.protocol import JournalBatchOp, JournalWireEntry

Broken = Callable[[int, str, str], None]


def _text(value: str) -> str:
    return value.replace("\x00", "\ufffd")  # PostgreSQL text holds no NUL; the hash was checked first


def _hash_of(e: JournalWireEntry) -> str | None:
    body = {"seq": e.seq, "at": e.at, "type": e.type, "data": e.data}
    try:
        return chain_hash(e.prev_hash, body)
    except (UnicodeEncodeError, ValueError, TypeError):  # a prev_hash that is not ASCII: altered
        return None


def apply(session: Session, caller: Caller, op: JournalBatchOp) -> Applied:
    p = op.payload
    owner = p.device_id
    if owner != caller.device_id:
        store = session.scalar(select(Device.store_id).where(Device.id == owner))
        if store != caller.store_id:
            raise OpRejected(
                403, "a device may only upload its own journal or that of its earlier identity in its store"
            )
    op_id, stamp = str(op.op_id), now()
    breaks: list[JournalBreak] = []

    def broken(seq: int, kind: str, detail: str) -> None:
        breaks.append(
            JournalBreak(device_id=owner, seq=seq, kind=kind, detail=detail[:300], op_id=op_id, noticed_at=stamp)
        )

    head = session.get(JournalHead, owner, with_for_update=True)
    if head is None:
        head = JournalHead(device_id=owner, seq=0, hash=GENESIS, entries=0)
        if p.continues is not None:
            _link(session, caller, head, p.continues.device_id, p.continues.seq, p.continues.hash, broken)
        session.add(head)

    seqs = [e.seq for e in p.entries]
    held = set(
        session.scalars(
            select(JournalEntryRow.seq).where(JournalEntryRow.device_id == owner, JournalEntryRow.seq.in_(seqs))
        )
    )
    expected, prev = head.seq + 1, head.hash
    stored = 0
    for e in p.entries:
        if e.seq in held:
            broken(
                e.seq, "duplicate", f"central already holds an entry {e.seq} from this device; this copy is not kept"
            )
        else:
            if e.seq > expected and all(k in held for k in range(expected, min(e.seq, expected + 1000))):
                broken(e.seq, "gap", f"entry {e.seq} follows entry {expected - 1} (out of order)")
            elif e.seq > expected:
                missing = f"entry {expected} is" if e.seq == expected + 1 else f"entries {expected}-{e.seq - 1} are"
                broken(e.seq, "gap", f"{missing} missing before entry {e.seq}")
            elif e.seq != expected:
                broken(e.seq, "gap", f"expected entry {expected}, got entry {e.seq} (out of order)")
            held.add(e.seq)
            stored += 1
            session.add(
                JournalEntryRow(
                    device_id=owner,
                    seq=e.seq,
                    at=_text(e.at),
                    type=_text(e.type),
                    data=json.dumps(e.data, sort_keys=True, separators=(",", ":")),  # \\u escapes: no NUL
                    prev_hash=_text(e.prev_hash),
                    hash=_text(e.hash),
                    op_id=op_id,
                    received_at=stamp,
                )
            )
        if e.prev_hash != prev:
            broken(e.seq, "link", f"entry {e.seq} does not link to entry {e.seq - 1} central holds")
        if _hash_of(e) != e.hash:
            broken(e.seq, "altered", f"entry {e.seq} was altered after it was written: its hash does not match")
        expected, prev = e.seq + 1, e.hash
    head.seq, head.hash = p.entries[-1].seq, _text(p.entries[-1].hash)
    head.entries = (head.entries or 0) + stored
    session.add_all(breaks)
    result = {"device_id": owner, "seq": head.seq, "hash": head.hash, "stored": stored, "breaks": len(breaks)}
    return Applied(result)


def _link(
    session: Session, caller: Caller, head: JournalHead, old_id: str, seq: int, hash_: str, broken: Broken
) -> None:
    """Start `head` (a new identity's chain) where the old identity's chain ended."""
    old_store = session.scalar(select(Device.store_id).where(Device.id == old_id))
    old = session.get(JournalHead, old_id)
    if old_store != caller.store_id:
        broken(seq + 1, "relink", f"continues device {old_id}, which is not a device of this store")
    elif old is None:
        broken(seq + 1, "relink", f"continues device {old_id} at entry {seq}, but central holds no journal from it")
    elif (old.seq, old.hash) != (seq, hash_):
        broken(
            seq + 1,
            "relink",
            f"continues device {old_id} at entry {seq}, but central's copy of that chain ends at entry {old.seq}"
            + (" with another hash" if old.seq == seq else ""),
        )
    head.seq, head.hash = seq, _text(hash_)
    head.continues_device_id, head.continues_seq = old_id, seq
