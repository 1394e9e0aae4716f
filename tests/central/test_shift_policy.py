"""Each store's shift rules set by head office (docs/shifts.md "Blind count"): the small
store-scoped `shift_policies` stream, changed by `put_shift_policy` and `central shift-policy`,
each store's devices seeing their own row only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from central.changes import writing
from central.cli import main
from central.db import Database
from central.shift_policy import put_shift_policy
from tests.central.helpers import enrol, location_id, snapshot


def test_rules_are_a_store_scoped_stream_each_store_seeing_its_own(api: TestClient, backend: Database) -> None:
    tokyo, berlin = enrol(api, backend, "TKY01"), enrol(api, backend, "BER01", "berlin till")
    assert snapshot(api, tokyo.headers, "shift_policies").rows == []  # none: blind, the default limit
    assert snapshot(api, berlin.headers, "shift_policies").rows == [[berlin.store_id, 0, 2_000]]  # the seed's
    with backend.session() as s, writing(s):
        seq = put_shift_policy(s, berlin.store_id, True, 2_500)  # €25.00
    page = api.get("/v1/sync/shift_policies/changes", params={"after": seq - 1}, headers=berlin.headers).json()
    assert [c["row"] for c in page["changes"]] == [[berlin.store_id, 1, 2_500]]
    other = api.get("/v1/sync/shift_policies/changes", params={"after": seq - 1}, headers=tokyo.headers).json()
    assert other["changes"] == []  # Tokyo's tills never see Berlin's rules
    assert snapshot(api, berlin.headers, "shift_policies").rows == [[berlin.store_id, 1, 2_500]]


def test_put_shift_policy_refuses_what_makes_no_sense(backend: Database) -> None:
    tky = location_id(backend, "TKY01")
    for limit in (-1, 1.5, 10**13):
        with backend.session() as s, writing(s), pytest.raises(ValueError, match="variance limit"):
            put_shift_policy(s, tky, False, limit)  # type: ignore[arg-type]
    with backend.session() as s, writing(s), pytest.raises(ValueError, match="no store"):
        put_shift_policy(s, location_id(backend, "WH-JP"), False, None)  # a warehouse has no tills


def test_the_cli_shows_and_sets_a_stores_rules(backend: Database, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", backend.url]
    assert main([*db, "shift-policy"]) == 0
    out = capsys.readouterr().out
    assert "TKY01   JPY  counts blind; the default variance limit (10 major units)" in out
    assert main([*db, "shift-policy", "--store", "TKY01", "--variance-limit", "2000"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Set (change ") and "TKY01   JPY  counts blind; a manager above a variance of 2,000 JPY" in out
    assert main([*db, "shift-policy", "--store", "TKY01", "--show-expected", "yes"]) == 0  # the limit stays
    assert "TKY01   JPY  shows the expected amounts; a manager above a variance of 2,000 JPY" in capsys.readouterr().out
    assert main([*db, "shift-policy", "--store", "TKY01", "--default-limit"]) == 0  # showing stays
    assert "TKY01   JPY  shows the expected amounts; the default variance limit" in capsys.readouterr().out
    assert main([*db, "shift-policy", "--variance-limit", "5"]) == 2
    assert "setting needs --store" in capsys.readouterr().err
    assert main([*db, "shift-policy", "--store", "NOPE1", "--show-expected", "no"]) == 2
    assert "no store with code NOPE1" in capsys.readouterr().err
    assert main([*db, "shift-policy", "--store", "TKY01", "--variance-limit", "-3"]) == 2
    assert "from 0 to" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse's own sentence and exit 2
        main([*db, "shift-policy", "--store", "TKY01", "--show-expected", "maybe"])
    assert "say yes or no" in capsys.readouterr().err
