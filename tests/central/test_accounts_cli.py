"""`central accounts`: support reads a customer's or card's balance and entries, issues a demo
gift card, head office lists and settles overspends and sets the offline cap."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from central import accounts
from central.cli import main
from central.db import Database
from central.models import ChangeLog
from sync.loyalty import normalise_card


def run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, "accounts", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_support_reads_issues_and_settles(backend: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(backend, capsys, "show", "--customer", "hanako.yamada@example.jp")
    assert code == 0
    assert "Points: 2,400 · Silver (×1.25)" in out and "Store credit: 3,000 JPY" in out and "seed:points" in out
    code, out, _ = run(backend, capsys, "issue-card", "--currency", "JPY", "--amount", "5000")
    assert code == 0
    number = re.search(r"\((GC\d{11})\)", out)
    assert number is not None and normalise_card(number.group(1)) == number.group(1)
    code, out, _ = run(backend, capsys, "show", "--card", number.group(1))
    assert code == 0 and "5,000 JPY, active" in out and "activation" in out
    code, _, err = run(backend, capsys, "show", "--card", number.group(1)[:-1] + "X")
    assert code == 2 and "not a gift card number" in err
    # an overspend, as an offline till leaves one
    with backend.transaction() as s:
        accounts.post(s, kind="gift", amount=-6000, currency="JPY", op_id="o", ref="sale:x", reason="spend",
                      card_no=number.group(1), allow_negative=True, store_id=1)  # fmt: skip
    code, out, _ = run(backend, capsys, "overspends")
    assert code == 0 and "1,000 JPY short (balance -1,000 JPY)" in out and "open" in out
    oid = re.match(r"#(\d+)", out)
    assert oid is not None
    assert run(backend, capsys, "settle", "--overspend", oid.group(1), "--note", "card blocked")[0] == 0
    assert run(backend, capsys, "overspends")[1] == "No open overspends.\n"
    code, out, _ = run(backend, capsys, "spend-limit", "--store", "TKY01", "--per-day", "15000")
    assert code == 0 and "15,000 JPY" in out
    with backend.session() as s:
        assert s.scalars(select(ChangeLog.row).where(ChangeLog.stream == "spend_limits")).all()[-1].endswith("15000]")
