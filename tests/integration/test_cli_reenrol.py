"""Re-enrolment of an existing data directory after a revoke, against a real central: the
outbox is kept, described before anything changes, and its op arrives once under the new
identity. `pos-app` runs in-process (the real CLI code, the test keyring)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from pos_app.cli import main
from pos_app.core.stock import CorrectionReason
from pos_app.services.app import Device
from pos_app.services.sync import sync_once


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def test_reenrol_after_a_revoke_keeps_the_outbox_and_sends_it_once(
    device: Device, central_db, central_url: str, enroll_code, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    data = device.data_dir
    old_id = device.identity.device_id
    person = next(p for p in device.auth.staff() if p.role.name == "MANAGER")
    session = device.auth.sign_in(person.id, "3333")
    vid = device.store.query("SELECT id FROM catalog LIMIT 1")[0][0]
    op_id = device.stock.correct(session, vid, delta=2, reason=CorrectionReason.FOUND)
    device.close()
    with central_db.engine.begin() as c:
        c.execute(text("UPDATE devices SET revoked_at=:t WHERE id=:d"), {"t": datetime.now(UTC), "d": old_id})

    code, out, err = cli(capsys, "--data-dir", str(data), "sync", "--once")
    assert code != 0 and "Synced." not in out
    assert "enrol the device again" in err.lower() and "pos-app enroll" in err

    new_code = enroll_code("TKY01")
    code, out, err = cli(capsys, "--data-dir", str(data), "enroll", "--central", central_url, "--code", new_code)
    assert code == 2 and "--yes" in err  # no terminal to ask on: refuse, the code is not used
    assert "will be sent under the new identity" in out and "Stock correction +2" in out

    code, out, err = cli(
        capsys, "--data-dir", str(data), "enroll", "--central", central_url, "--code", new_code, "--yes"
    )
    assert code == 0, err
    # the correction and the journal's batch of what happened meanwhile, both kept
    assert "Enrolled again" in out and "2 operation(s) kept" in out

    again = Device.open(data)
    try:
        assert again.identity.device_id != old_id
        report = sync_once(again)
        assert report.ok, report.sentence
        assert again.outbox.items() == []
        entry = [e for e in again.store.journal_entries() if e.type == "device.reenrolled"][-1]
        assert entry.data["old_device_id"] == old_id and op_id in entry.data["kept_ops"]
        kept_types = {
            r["op_id"]: r["type"] for r in again.store.outbox_rows("done") if r["op_id"] in entry.data["kept_ops"]
        }
        assert sorted(kept_types.values()) == ["journal.batch", "stock.adjust"], kept_types
        assert again.store.journal_verify() == []
    finally:
        again.close()
    with central_db.engine.connect() as c:
        applied = c.execute(text("SELECT device_id FROM applied_ops WHERE op_id=:o"), {"o": op_id}).all()
        moves = c.execute(
            text("SELECT count(*) FROM stock_movements WHERE source='device' AND variant_id=:v AND delta=2"),
            {"v": vid},
        ).scalar()
    assert len(applied) == 1 and applied[0][0] != old_id
    assert moves == 1
