"""The append-only, hash-chained journal of business events on a device, and its ONE canonical
JSON encoding: the device writes and verifies the chain with it, central will verify the chains
it receives with the same function (DESIGN.md section 7), so it lives in `sync/`, shared by both.

Entry n carries `hash_n = SHA-256(hash_{n-1} || canonical_json(body_n))` where body holds the
sequence, time, type and data. Sequences are gapless from 1. Anyone holding the entries can
recompute the chain; `pos-app journal verify` does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> bytes:
    """Keys sorted, no spaces, UTF-8 as is (not \\u escapes). Changing this breaks every chain."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True, slots=True)
class JournalEntry:
    seq: int
    at: str  # ISO 8601 UTC
    type: str
    data: dict[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "type": self.type, "data": self.data}


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()


def make_entry(prev: JournalEntry | None, at: str, type_: str, data: dict[str, Any]) -> JournalEntry:
    seq = 1 if prev is None else prev.seq + 1
    prev_hash = GENESIS if prev is None else prev.hash
    body = {"seq": seq, "at": at, "type": type_, "data": data}
    return JournalEntry(seq, at, type_, data, prev_hash, chain_hash(prev_hash, body))


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(entries: Iterable[JournalEntry]) -> list[ChainProblem]:
    problems: list[ChainProblem] = []
    expected_seq, prev_hash = 1, GENESIS
    for e in entries:
        if e.seq != expected_seq:
            problems.append(ChainProblem(e.seq, f"gap: expected entry {expected_seq}"))
        if e.prev_hash != prev_hash:
            problems.append(ChainProblem(e.seq, "link to the previous entry is broken"))
        if chain_hash(e.prev_hash, e.body()) != e.hash:
            problems.append(ChainProblem(e.seq, "entry was altered after it was written"))
        expected_seq, prev_hash = e.seq + 1, e.hash
    return problems
