"""Store-and-forward card caps on central (docs/terminal.md "Offline"): the small store-scoped
`card_limits` stream seeded per store, changed by `put_card_limits` and `central card-limits`,
each store's devices seeing their own row only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from central.card_limits import put_card_limits
from central.changes import writing
from central.cli import main
from central.db import Database
from tests.central.helpers import enrol, location_id, snapshot


def test_caps_are_a_store_scoped_stream_seeded_per_store(api: TestClient, backend: Database) -> None:
    tokyo, berlin = enrol(api, backend, "TKY01"), enrol(api, backend, "BER01", "berlin till")
    snap = snapshot(api, tokyo.headers, "card_limits")
    assert snap.rows == [[tokyo.store_id, 30_000, 200_000]]  # ¥30,000 / ¥200,000
    assert snapshot(api, berlin.headers, "card_limits").rows == [
        [berlin.store_id, 30_000, 200_000]  # €300.00 / €2,000.00 in cents
    ]
    with backend.session() as s, writing(s):
        seq = put_card_limits(s, berlin.store_id, 25_000, 100_000)
    page = api.get("/v1/sync/card_limits/changes", params={"after": seq - 1}, headers=berlin.headers).json()
    assert [c["row"] for c in page["changes"]] == [[berlin.store_id, 25_000, 100_000]]
    other = api.get("/v1/sync/card_limits/changes", params={"after": seq - 1}, headers=tokyo.headers).json()
    assert other["changes"] == []  # Tokyo's tills never see Berlin's caps


def test_put_card_limits_refuses_what_makes_no_sense(backend: Database) -> None:
    tky = location_id(backend, "TKY01")
    for per_sale, total, message in [
        (-1, 100, "per-sale cap"),
        (100, -5, "total cap"),
        (500, 100, "cannot be above the total"),
        (1.5, 100, "whole amount"),
    ]:
        with backend.session() as s, writing(s), pytest.raises(ValueError, match=message):
            put_card_limits(s, tky, per_sale, total)  # type: ignore[arg-type]
    with backend.session() as s, writing(s), pytest.raises(ValueError, match="no store"):
        put_card_limits(s, location_id(backend, "WH-JP"), 0, 0)  # a warehouse takes no cards


def test_the_cli_shows_and_sets_a_stores_caps(backend: Database, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", backend.url]
    assert main([*db, "card-limits"]) == 0
    out = capsys.readouterr().out
    assert "TKY01   JPY  offline card at most 30,000 JPY a sale, 200,000 JPY in all per terminal" in out
    assert "BER01   EUR  offline card at most 300.00 EUR a sale, 2,000.00 EUR in all per terminal" in out
    assert main(["card-limits", "--store", "TKY01", "--per-sale", "0", "--total", "0", *db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Set (change ") and "TKY01   JPY  no offline card payments" in out
    assert main([*db, "card-limits", "--store", "TKY01", "--per-sale", "100"]) == 2
    assert "needs --store, --per-sale and --total" in capsys.readouterr().err
    assert main([*db, "card-limits", "--store", "NOPE1", "--per-sale", "1", "--total", "1"]) == 2
    assert "no store with code NOPE1" in capsys.readouterr().err
    assert main([*db, "card-limits", "--store", "BER01", "--per-sale", "9", "--total", "5"]) == 2
    assert "cannot be above the total" in capsys.readouterr().err
