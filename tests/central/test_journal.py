"""A device's journal at central (DESIGN.md section 7): `journal.batch` ops carry runs of
entries in device order; central stores them per device, checks each batch against the last
entry it holds with verify_chain's rules, and records breaks instead of refusing them; a
re-enrolled device's chain continues its old identity's. Both backends, the real server."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from central import cli
from central.db import Database
from central.models import JournalEntryRow, JournalHead
from sync.journal import JournalEntry, make_entry
from tests.central.helpers import Client, Enrolled, channel_token, enrol
from tests.support.servers import run_central


def chain(n: int, start: JournalEntry | None = None) -> list[JournalEntry]:
    out: list[JournalEntry] = []
    prev = start
    for i in range(n):
        prev = make_entry(prev, f"2026-12-01T10:{i % 60:02d}:00.000+00:00", "sale", {"n": i, "name": "ｼｬﾂ €"})
        out.append(prev)
    return out


def wire(e: JournalEntry) -> dict[str, Any]:
    return {"seq": e.seq, "at": e.at, "type": e.type, "data": e.data, "prev_hash": e.prev_hash, "hash": e.hash}


def batch_op(device_id: str, entries: list[JournalEntry], seq: int, **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"device_id": device_id, "entries": [wire(e) for e in entries], **extra}
    return {"op_id": str(uuid.uuid4()), "device_seq": seq, "type": "journal.batch", "payload": payload}


def push(client: Client, device: Enrolled, op: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/v1/ops", headers=device.headers, json={"ops": [op]})
    assert r.status_code == 200, r.text
    (outcome,) = r.json()["results"]
    return dict(outcome)


def breaks(client: Client, channel: dict[str, str], device: str | None = None) -> list[tuple[int, str]]:
    r = client.get("/v1/journal/breaks", headers=channel, params={"device": device} if device else {})
    assert r.status_code == 200, r.text
    return [(b["seq"], b["kind"]) for b in r.json()["breaks"]]


def held(db: Database, device_id: str) -> list[int]:
    with db.session() as s:
        return list(
            s.scalars(select(JournalEntryRow.seq).where(JournalEntryRow.device_id == device_id).order_by("seq"))
        )


@pytest.fixture
def live(backend: Database):  # type: ignore[no-untyped-def]
    with run_central(backend) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_batches_in_device_order_are_stored_once_and_a_whole_chain_has_no_breaks(
    live: httpx.Client, backend: Database
) -> None:
    device, channel = enrol(live, backend, "TKY01"), channel_token(backend)
    entries = chain(120)
    first = batch_op(device.device_id, entries[:50], 1)
    out = push(live, device, first)
    assert out["status"] == "applied" and out["result"]["seq"] == 50 and out["result"]["breaks"] == 0
    assert out["result"]["hash"] == entries[49].hash
    assert push(live, device, batch_op(device.device_id, entries[50:], 2))["result"]["seq"] == 120
    again = push(live, device, first)  # the answer was lost: the outbox sends it again
    assert again["status"] == "replayed" and again["result"] == out["result"]
    assert held(backend, device.device_id) == list(range(1, 121))
    assert breaks(live, channel) == []
    with backend.session() as s:
        head = s.get_one(JournalHead, device.device_id)
        assert (head.seq, head.hash, head.entries) == (120, entries[-1].hash, 120)
        row = s.get_one(JournalEntryRow, (device.device_id, 7))
        assert row.hash == entries[6].hash and row.type == "sale"


def test_edited_deleted_and_reordered_entries_are_recorded_as_breaks_not_refused(
    live: httpx.Client, backend: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    device, channel = enrol(live, backend, "TKY01"), channel_token(backend)
    other = enrol(live, backend, "TKY01", "till 2")
    e = chain(12)
    altered = replace(e[2], data={"n": 2, "name": "refund of nothing"})  # entry 3 edited in place
    batch = [e[0], e[1], altered, e[3], e[5], e[4], *e[6:10]]  # 5 deleted from its place, 5 after 6
    out = push(live, device, batch_op(device.device_id, batch, 1))
    assert out["status"] == "applied" and out["result"]["breaks"] > 0
    found = breaks(live, channel, device.device_id)
    assert (3, "altered") in found
    assert (6, "gap") in found  # entry 5 missing before 6
    assert (5, "gap") in found and (5, "link") in found  # 5 arrives after 6, linking to 4
    assert (7, "gap") in found and (7, "link") in found  # 7 follows 5, not 6
    # The device still reports: the next batch is taken and checked against what central holds.
    out = push(live, device, batch_op(device.device_id, e[10:], 2))
    assert out["status"] == "applied" and out["result"]["seq"] == 12
    assert not any(seq > 10 for seq, _ in breaks(live, channel, device.device_id))
    assert held(backend, device.device_id) == list(range(1, 13))
    # a seq central already holds is not stored twice
    dup = push(live, device, batch_op(device.device_id, [e[11]], 3))
    assert dup["status"] == "applied" and (12, "duplicate") in breaks(live, channel, device.device_id)
    assert held(backend, device.device_id) == list(range(1, 13))
    assert breaks(live, channel, other.device_id) == []

    assert cli.main(["journal-breaks", "--db", backend.url, "--device", device.device_id]) == 0
    text = capsys.readouterr().out
    assert "entry 3" in text and "altered" in text and "entry 5 is missing" in text and "out of order" in text
    assert cli.main(["journal-breaks", "--db", backend.url, "--device", other.device_id]) == 0
    assert "No journal breaks" in capsys.readouterr().out


def test_a_reenrolled_device_continues_its_old_identitys_chain(live: httpx.Client, backend: Database) -> None:
    old, channel = enrol(live, backend, "TKY01", "old"), channel_token(backend)
    e = chain(8)
    assert push(live, old, batch_op(old.device_id, e[:3], 1))["status"] == "applied"
    new = enrol(live, backend, "TKY01", "new")
    # the old outbox goes first, under the new token, still for the old identity's chain
    assert push(live, new, batch_op(old.device_id, e[3:5], 2))["result"]["seq"] == 5
    link = {"device_id": old.device_id, "seq": 5, "hash": e[4].hash}
    out = push(live, new, batch_op(new.device_id, e[5:], 3, continues=link))
    assert out["status"] == "applied" and out["result"] == {
        "device_id": new.device_id,
        "seq": 8,
        "hash": e[7].hash,
        "stored": 3,
        "breaks": 0,
    }
    assert held(backend, old.device_id) == [1, 2, 3, 4, 5] and held(backend, new.device_id) == [6, 7, 8]
    assert breaks(live, channel) == []
    with backend.session() as s:
        head = s.get_one(JournalHead, new.device_id)
        assert (head.continues_device_id, head.continues_seq) == (old.device_id, 5)

    # a link that does not meet the old chain's end is a break, and the chain still goes on
    third = enrol(live, backend, "TKY01", "third")
    wrong = {"device_id": new.device_id, "seq": 6, "hash": e[5].hash}
    assert push(live, third, batch_op(third.device_id, chain(1, e[7]), 4, continues=wrong))["status"] == "applied"
    assert (7, "relink") in breaks(live, channel, third.device_id)


def test_a_device_cannot_write_another_stores_journal(live: httpx.Client, backend: Database) -> None:
    tky, ber = enrol(live, backend, "TKY01"), enrol(live, backend, "BER01")
    out = push(live, ber, batch_op(tky.device_id, chain(2), 1))
    assert (out["status"], out["code"]) == ("rejected", 403)
    with backend.session() as s:
        assert s.scalar(select(func.count()).select_from(JournalEntryRow)) == 0


def test_a_tampered_row_with_odd_values_is_still_taken(live: httpx.Client, backend: Database) -> None:
    device, channel = enrol(live, backend, "TKY01"), channel_token(backend)
    e = chain(2)
    odd = {"seq": 2, "at": "x\x00y", "type": "sale", "data": {"t": "\x00"}, "prev_hash": "é" * 64, "hash": "zz"}
    op = batch_op(device.device_id, e[:1], 1)
    op["payload"]["entries"].append(odd)
    out = push(live, device, op)
    assert out["status"] == "applied", out
    assert {(2, "link"), (2, "altered")} <= set(breaks(live, channel, device.device_id))


def test_journal_breaks_need_a_channel_token(live: httpx.Client, backend: Database) -> None:
    device = enrol(live, backend, "TKY01")
    assert live.get("/v1/journal/breaks", headers=device.headers).status_code == 401
    assert live.get("/v1/journal/breaks").status_code == 401
    page = live.get("/v1/journal/breaks", headers=channel_token(backend), params={"limit": 1}).json()
    assert page == {"breaks": [], "next": 0, "has_more": False}


def test_an_entry_with_an_integer_beyond_64_bits_is_taken_and_replays(live: httpx.Client, backend: Database) -> None:
    """Found by the fuzz run: free journal data with a huge integer gave a 500 (orjson stops at
    64 bits) instead of an answer."""
    device = enrol(live, backend, "TKY01")
    big = make_entry(None, "2026-12-01T10:00:00.000+00:00", "sale", {"n": 2**70})
    op = batch_op(device.device_id, [big], 1)
    first = push(live, device, op)
    assert first["status"] == "applied", first
    again = push(live, device, op)
    assert again["status"] == "replayed" and again["result"] == first["result"]
