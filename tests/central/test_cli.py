"""`central` as people type it: `--db` before or after the sub-command."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from central import cli
from central.db import Database, get_pin_key
from central.models import Staff, Variant
from central.seed import DELIVERY_OPTIONS
from sync.pins import verify_pin


@pytest.mark.parametrize("where", ["after", "before"])
def test_seed_takes_db_before_or_after_the_sub_command(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    args = ["seed", "--products", "12", "--stores", "2"]
    argv = [*args, "--db", url] if where == "after" else ["--db", url, *args]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "Seeded 12 variants" in out
    db = Database(url)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Variant)) == 12 + len(DELIVERY_OPTIONS)  # + fee SKUs
            # Staff PINs are keyed with this central's PIN key, as printed for the demo.
            key = get_pin_key(s)
            staff = s.scalars(select(Staff).order_by(Staff.id)).first()
        assert staff is not None
        line = next(ln for ln in out.splitlines() if f" {staff.name} " in ln and staff.role in ln)
        assert verify_pin(line.split()[-1], staff.pin_hash, key)
    finally:
        db.dispose()
