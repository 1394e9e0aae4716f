"""The journal's way to central and back (DESIGN.md section 7), a real central on loopback:
journal.batch ops carry the entries in device order, exactly once through a lost answer;
`pos-app journal verify` names an edited, deleted or reordered entry (the rows edited with
sqlite3, as someone with the file would) and says what central holds; an entry edited before it
was sent still reaches central, as a break; a re-enrolled data directory's chain goes on."""

from __future__ import annotations

import io
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from central.db import Database
from central.models import JournalEntryRow, JournalHead
from pos_app.cli import main
from pos_app.local.journal_upload import JOURNAL_BATCH
from pos_app.services.app import Device
from pos_app.services.sync import sync_once
from tests.central.helpers import channel_token
from tests.support.tablet import a_stocked_variant, engine_through, enqueue_correction


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def append(device: Device, n: int, type_: str = "test.event") -> None:
    for i in range(n):
        with device.store.tx("device") as con:
            device.store.journal_append(con, type_, {"i": i, "note": "ﾃｽﾄ"})


def last_seq(device: Device) -> int:
    return int(device.store.query("SELECT max(seq) FROM journal", (), "device")[0][0])


def central_seqs(db: Database, device_id: str) -> list[int]:
    with db.session() as s:
        q = select(JournalEntryRow.seq).where(JournalEntryRow.device_id == device_id).order_by(JournalEntryRow.seq)
        return list(s.scalars(q))


def breaks(central_url: str, db: Database, device_id: str) -> list[tuple[int, str]]:
    r = httpx.get(
        f"{central_url}/v1/journal/breaks",
        params={"device": device_id},
        headers=channel_token(db, f"office {uuid.uuid4()}"),
    )
    assert r.status_code == 200, r.text
    return [(b["seq"], b["kind"]) for b in r.json()["breaks"]]


def edit(data_dir: Path, *sql: str) -> None:
    con = sqlite3.connect(data_dir / "device.db")
    with con:
        for statement in sql:
            con.execute(statement)
    con.close()


def test_entries_reach_central_in_batches_in_device_order_exactly_once(
    device: Device, central_db: Database, central_url: str
) -> None:
    vid, _ = a_stocked_variant(device)
    corrections = []
    for _ in range(13):  # business ops and journal entries interleaved, batches among them
        corrections.append(enqueue_correction(device, vid, 1))
        append(device, 10)
    batches = [r for r in device.store.outbox_rows() if r["type"] == "journal.batch"]
    assert len(batches) == (last_seq(device)) // JOURNAL_BATCH >= 2  # full batches, made as entries came
    assert all(len(b["payload"]["entries"]) == JOURNAL_BATCH for b in batches)

    lost = {"done": False}

    def lose_the_first_answer(request: httpx.Request, forward: Any) -> httpx.Response:
        if request.url.path == "/v1/ops" and b"journal.batch" in request.content and not lost["done"]:
            lost["done"] = True
            forward(request).close()  # central committed; the answer never arrives
            raise httpx.ReadError("the answer was lost", request=request)
        return forward(request)

    engine = engine_through(device, lose_the_first_answer, backoff_base=0.0)
    try:
        engine.push_now()  # central applied the batch; the tablet never heard
        assert lost["done"]
        assert device.store.journal_flush()  # the rest of the entries, at the end of the cycle
        status = engine.push_now()
    finally:
        engine.client.close()
    assert status.pending_ops == 0 and status.dead_ops == 0, status
    n = last_seq(device)
    assert central_seqs(central_db, device.identity.device_id) == list(range(1, n + 1))  # each once, in order
    assert breaks(central_url, central_db, device.identity.device_id) == []
    held = device.store.journal_marks()["held"]
    assert held["seq"] == n and held["device_id"] == device.identity.device_id and held["breaks"] == 0
    assert device.store.journal_flush() == []  # nothing left, nothing sent twice


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (('UPDATE journal SET data=\'{"i":99,"note":"void"}\' WHERE seq=4',), ["entry 4: edited"]),
        (("DELETE FROM journal WHERE seq=4",), ["entry 4: deleted"]),
        (
            (
                "UPDATE journal SET seq=-4 WHERE seq=4",
                "UPDATE journal SET seq=4 WHERE seq=5",
                "UPDATE journal SET seq=5 WHERE seq=-4",
            ),
            [
                "entry 4: reordered — written as entry 4, now stored at 5",
                "entry 5: reordered — written as entry 5, now stored at 4",
            ],
        ),
    ],
    ids=["edited", "deleted", "reordered"],
)
def test_journal_verify_names_the_edited_deleted_or_reordered_entry(
    device: Device, capsys: pytest.CaptureFixture[str], tamper: tuple[str, ...], expected: list[str]
) -> None:
    append(device, 7)
    device.store.journal_flush()
    assert sync_once(device).ok
    n = last_seq(device)
    data = device.data_dir
    device.close()
    code, out, _ = cli(capsys, "--data-dir", str(data), "journal", "verify")
    assert code == 0 and "chain intact" in out and f"central holds entries 1–{n}" in out, out

    edit(data, *tamper)
    code, out, _ = cli(capsys, "--data-dir", str(data), "journal", "verify")
    assert code == 1, out
    named = [ln for ln in out.splitlines() if ln.startswith("entry ")]
    assert [ln for ln in named if any(ln.startswith(e) for e in expected)] == named, out  # nothing else blamed
    for e in expected:
        assert any(ln.startswith(e) for ln in named), out
    assert f"central holds entries 1–{n}" in out


def test_an_entry_rewritten_with_a_new_hash_at_the_end_is_found_against_centrals_copy(
    device: Device, capsys: pytest.CaptureFixture[str]
) -> None:
    append(device, 3)
    device.store.journal_flush()
    assert sync_once(device).ok
    n, data = last_seq(device), device.data_dir
    device.close()
    edit(data, f"UPDATE journal SET hash='{'0' * 63}1' WHERE seq={n}")
    code, out, _ = cli(capsys, "--data-dir", str(data), "journal", "verify")
    assert code == 1 and f"entry {n}: edited" in out, out


def test_a_journal_edited_before_it_was_sent_still_reports_to_central(
    device: Device, central_db: Database, central_url: str
) -> None:
    append(device, 6)
    edit(device.data_dir, 'UPDATE journal SET data=\'{"i":0,"note":"nothing"}\' WHERE seq=3')
    edit(device.data_dir, "DELETE FROM journal WHERE seq=5")
    device.store.journal_flush()
    status = device.engine.sync_once()
    assert status.pending_ops == 0 and status.dead_ops == 0, status
    found = breaks(central_url, central_db, device.identity.device_id)
    assert (3, "altered") in found and (6, "gap") in found, found
    assert central_seqs(central_db, device.identity.device_id) == [s for s in range(1, last_seq(device) + 1) if s != 5]


def test_a_reenrolled_data_directory_continues_its_chain_under_the_new_id(
    device: Device, central_db: Database, central_url: str, enroll_code, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    data, old_id = device.data_dir, device.identity.device_id
    append(device, 4)
    device.store.journal_flush()
    assert sync_once(device).ok
    append(device, 2)
    device.store.journal_flush()  # queued under the old identity, not sent before the re-enrolment
    old_end = last_seq(device)
    device.close()

    code, out, err = cli(
        capsys, "--data-dir", str(data), "enroll", "--central", central_url, "--code", enroll_code("TKY01"), "--yes"
    )
    assert code == 0, err
    again = Device.open(data)
    try:
        new_id = again.identity.device_id
        assert new_id != old_id
        append(again, 3)
        again.store.journal_flush()
        assert sync_once(again).ok
        n = last_seq(again)
    finally:
        again.close()
    assert central_seqs(central_db, old_id) == list(range(1, old_end + 1))
    assert central_seqs(central_db, new_id) == list(range(old_end + 1, n + 1))
    with central_db.session() as s:
        head = s.get_one(JournalHead, new_id)
        assert (head.continues_device_id, head.continues_seq, head.seq) == (old_id, old_end, n)
    assert breaks(central_url, central_db, old_id) == [] and breaks(central_url, central_db, new_id) == []
    code, out, _ = cli(capsys, "--data-dir", str(data), "journal", "verify")
    assert code == 0 and f"central holds entries 1–{n} (as device {new_id})" in out, out


def test_every_sync_cycle_takes_the_journal_with_it(device: Device, central_db: Database) -> None:
    """Fewer entries than a batch, none old: the device's own engine still sends them at its
    next cycle (before_push queues them), so central never waits for 50 sign-ins."""
    append(device, 3)
    assert not [r for r in device.store.outbox_rows() if r["type"] == "journal.batch"]
    status = device.engine.sync_once()
    assert status.online and status.pending_ops == 0, status
    assert central_seqs(central_db, device.identity.device_id) == list(range(1, last_seq(device) + 1))
