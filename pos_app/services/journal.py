"""The journal, checked and sent: `pos-app journal verify` and `pos-app journal upload`.

`verify` reads the rows as stored (a tampered row may hold anything) and names what was done
to them, not only where the chain breaks: each row's hash is recomputed for the seq it stands
at, and, when that fails, for the seq the entry it links to implies, so an entry found at
another position is "reordered" (moved from seq k), a seq no row holds is "deleted", a row that
fits no position is "edited", and a row that is whole but that the next one no longer links to
was "edited" with its hash recomputed. It compares the rows with the hashes central answered
for and the last one queued for it, and says which entries central already holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from pos_app.local.store import LocalStore
from sync.journal import GENESIS, chain_hash


@dataclass(frozen=True)
class Finding:
    seq: int
    kind: str  # edited | deleted | reordered | differs
    text: str


@dataclass(frozen=True)
class JournalReport:
    entries: int
    findings: list[Finding]
    held: dict[str, Any] | None  # central's answer to the last batch: device_id, seq, hash, breaks
    batched: dict[str, Any] | None  # the last entry queued for central: seq, hash, device_id
    queued: int  # journal.batch ops not sent yet

    @property
    def ok(self) -> bool:
        return not self.findings

    def central_line(self) -> str:
        if self.held is None:
            held = "central holds none of this journal yet"
        else:
            held = f"central holds entries 1–{self.held['seq']} (as device {self.held['device_id']})"
            if self.held.get("breaks"):
                held += f" and has noted {self.held['breaks']} break(s) in them"
        last_queued = 0 if self.batched is None else int(self.batched["seq"])
        sent = 0 if self.held is None else int(self.held["seq"])
        if last_queued > sent:
            held += f"; entries {sent + 1}–{last_queued} are queued for it ({self.queued} batch(es))"
        return held + "."

    def lines(self) -> list[str]:
        return [f"entry {f.seq}: {f.kind} — {f.text}" for f in self.findings]


def _hash(prev_hash: Any, seq: int, at: Any, type_: Any, data: Any) -> str | None:
    try:
        return chain_hash(str(prev_hash), {"seq": seq, "at": at, "type": type_, "data": data})
    except (UnicodeEncodeError, TypeError, ValueError):
        return None


@dataclass
class _Row:
    pos: int  # the seq it is stored at
    at: Any
    type: Any
    data: Any
    prev_hash: Any
    hash: Any
    origin: int | None = None  # the seq its hash proves it was written at
    notes: list[str] = field(default_factory=list)


def analyse(rows: list[tuple[Any, ...]]) -> list[Finding]:
    """Name what was done to the rows (seq, at, type, data text, prev_hash, hash) in seq order."""
    table: list[_Row] = []
    for seq, at, type_, data, prev_hash, h in rows:
        try:
            parsed = orjson.loads(data)
        except (orjson.JSONDecodeError, TypeError):
            parsed = ("unreadable", data)
        table.append(_Row(int(seq), at, type_, parsed, prev_hash, h))
    by_hash = {r.hash: r for r in table}
    for r in table:  # where it stands
        if _hash(r.prev_hash, r.pos, r.at, r.type, r.data) == r.hash:
            r.origin = r.pos
    changed = True
    while changed:  # or where the entry it links to says it was written
        changed = False
        for r in table:
            if r.origin is not None:
                continue
            before = by_hash.get(r.prev_hash)
            k = 1 if r.prev_hash == GENESIS else (before.origin + 1 if before and before.origin is not None else None)
            if k is not None and _hash(r.prev_hash, k, r.at, r.type, r.data) == r.hash:
                r.origin, changed = k, True
    findings: list[Finding] = []
    origins = {r.origin: r for r in table if r.origin is not None}
    top = max([r.pos for r in table] + list(origins), default=0)
    for r in table:
        if r.origin is None:
            findings.append(Finding(r.pos, "edited", "its content no longer matches its hash"))
        elif r.origin != r.pos:
            findings.append(Finding(r.origin, "reordered", f"written as entry {r.origin}, now stored at {r.pos}"))
    for k in range(1, top + 1):
        if k not in origins and not any(r.pos == k and r.origin is None for r in table):
            findings.append(
                Finding(k, "deleted", f"no entry {k} is left: the chain jumps from entry {k - 1} to a later one")
            )
    for k, r in sorted(origins.items()):  # whole entries the next one no longer links to
        nxt = origins.get(k + 1)
        if nxt is not None and nxt.prev_hash != r.hash:
            findings.append(Finding(k, "edited", f"rewritten with a new hash: entry {k + 1} no longer links to it"))
    return sorted(findings, key=lambda f: (f.seq, f.kind))


def report(store: LocalStore) -> JournalReport:
    rows = store.query("SELECT seq, at, type, data, prev_hash, hash FROM journal ORDER BY seq", (), "device")
    findings = analyse(rows)
    marks = store.journal_marks()
    hashes = {int(r[0]): r[5] for r in rows}
    named = {f.seq for f in findings}
    for which, mark in (("central holds", marks["held"]), ("was queued for central", marks["batched"])):
        if mark is None:
            continue
        seq = int(mark["seq"])
        if seq not in named and hashes.get(seq, mark["hash"]) != mark["hash"]:
            findings.append(Finding(seq, "edited", f"differs from the copy that {which}"))
            named.add(seq)
        elif seq not in hashes and seq not in named:
            findings.append(Finding(seq, "deleted", f"the copy that {which} is gone from this device"))
            named.add(seq)
    queued = store.query("SELECT count(*) FROM outbox WHERE type='journal.batch' AND state<>'done'", (), "device")[0][0]
    return JournalReport(
        len(rows), sorted(findings, key=lambda f: (f.seq, f.kind)), marks["held"], marks["batched"], int(queued)
    )


@contextmanager
def _store(data_dir: Path) -> Iterator[LocalStore]:
    store = LocalStore(data_dir)
    try:
        yield store
    finally:
        store.close()


def verify(data_dir: Path) -> JournalReport:
    with _store(data_dir) as store:
        return report(store)


def flush(data_dir: Path) -> int:
    """Queue every entry not yet in a batch; returns how many batches were queued."""
    with _store(data_dir) as store:
        return len(store.journal_flush())
