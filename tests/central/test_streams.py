"""Central's feeds read the stream registry (sync.protocol.STREAMS): a stream's scope rule says
which change-log scopes a store sees, and its rows come from one source per stream
(central.streams.SOURCES). Adding a stream is a declaration plus its source."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import orjson
import pytest
from sqlalchemy.orm import Session

import central
from central.changes import record, writing
from central.db import Database
from central.feeds import GLOBAL, change_page, checksum, gzip_stream, scope_for_store, snapshot_lines
from central.hub import Subscriber
from central.scope import SCOPE_RULES, Scope
from central.streams import SOURCES, StreamSource, small
from sync.protocol import STREAMS, Scalar, StreamSpec, row_hash
from tests.central.helpers import location_id


def test_every_stream_has_a_source_and_every_scope_rule_a_meaning() -> None:
    assert set(SOURCES) == set(STREAMS)
    assert {spec.scope for spec in STREAMS.values()} <= set(SCOPE_RULES)


def test_scopes_follow_each_streams_declared_rule() -> None:
    scope = Scope(store_id=7, stock_locations=(7, 8, 30), price_lists=(1, 4))
    expected = {"global": (GLOBAL,), "store": (7,), "stock_locations": (7, 8, 30), "price_lists": (1, 4)}
    for name, spec in STREAMS.items():
        assert scope.scopes(name) == expected[spec.scope], name


def test_no_stream_name_chains_are_left_in_central() -> None:
    source = Path(central.__file__).parent
    offenders = [
        f"{path.relative_to(source)}:{n}"
        for path in source.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bif\b.*\bstream (==|!=) \"", line)  # `if stream == "catalog"`
    ]
    assert offenders == []


PROMOTIONS = StreamSpec(
    name="promotions",
    columns=("id", "store_id", "title"),
    types=(int, int, str),
    nullable=frozenset(),
    key=("id",),
    scope="store",
)


def test_a_new_stream_is_a_declaration_plus_its_source(backend: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    tky, ber = location_id(backend, "TKY01"), location_id(backend, "BER01")
    promotions: list[list[Scalar]] = [[1, tky, "Linen week"], [2, ber, "Sommer"], [3, tky, "Socks 3 for 2"]]

    def rows(_session: Session, scope: Scope) -> list[list[Scalar]]:
        return [row for row in promotions if row[1] == scope.store_id]

    monkeypatch.setitem(STREAMS, "promotions", PROMOTIONS)
    monkeypatch.setitem(SOURCES, "promotions", small("promotions", rows))
    assert isinstance(SOURCES["promotions"], StreamSource)

    with Session(backend.engine) as s, writing(s):
        seqs = [record(s, "promotions", int(row[1] or 0), [row[0]], row) for row in promotions]
    with backend.session() as s:
        tokyo, berlin = scope_for_store(s, tky), scope_for_store(s, ber)
        page = change_page(s, tokyo, "promotions", 0, 100)
        assert [c.seq for c in page.changes] == [seqs[0], seqs[2]]  # the store rule: only its own
        assert [c.row for c in change_page(s, berlin, "promotions", 0, 100).changes] == [promotions[1]]
        sums = checksum(s, tokyo, "promotions")
        assert (sums.count, sums.sum) == (2, sum(row_hash(orjson.dumps(r)) for r in rows(s, tokyo)))
    lines = gzip.decompress(b"".join(gzip_stream(snapshot_lines(backend.engine, tokyo, "promotions", None))))
    body = [orjson.loads(line) for line in lines.splitlines()]
    assert body[0]["stream"] == "promotions" and body[0]["columns"] == ["id", "store_id", "title"]
    assert body[1:-1] == [promotions[0], promotions[2]] and body[-1] == {"end": True, "rows": 2, "sum": sums.sum}
    resumed = gzip.decompress(b"".join(gzip_stream(snapshot_lines(backend.engine, tokyo, "promotions", [1]))))
    assert [orjson.loads(line) for line in resumed.splitlines()][1:-1] == [promotions[2]]
    # The poke hub asks the same rule who may see a change.
    assert Subscriber(tokyo).wanted((("promotions", tky),)) == {"promotions"}
    assert Subscriber(berlin).wanted((("promotions", tky),)) == frozenset()
