"""The download side of the sync protocol (DESIGN.md section 3): change pages by cursor,
streamed gzip NDJSON snapshots that resume by key, and order-independent checksums."""

from __future__ import annotations

import re
import zlib

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.app import create_app
from central.changes import adjust_stock, high_water, touch_variant, writing
from central.cli import main as central_main
from central.config import Settings
from central.db import Database, new_epoch
from central.feeds import PageCache
from central.models import Variant
from central.pickups import signing_key
from sync.protocol import CHECKSUM_MOD, STREAMS, ChangePage, Checksum, row_hash
from tests.central.helpers import Enrolled, enrol, location_id, snapshot

LARGE = ("catalog", "prices", "stock")
# Streams a fresh seed leaves empty: what makes their first rows (central's own code).
ONE_ROW = ("central_keys", "card_limits", "spend_limits", "shift_policies")  # one signing key until it is rotated; one row per store


def fill(backend: Database, stream: str, store: str) -> None:
    if stream == "pickups":  # orders as the web shop makes them
        assert central_main(["--db", backend.url, "pickup-demo", "--store", store, "--count", "6"]) == 0
    elif stream == "ship_orders":  # endless-aisle orders as the store's tills send them
        assert central_main(["--db", backend.url, "ship-demo", "--store", store, "--create", "6"]) == 0
    elif stream == "shift_policies":  # head office sets the store's rules
        assert central_main(["--db", backend.url, "shift-policy", "--store", store, "--show-expected", "yes"]) == 0
    elif stream == "central_keys":
        with backend.session() as s, writing(s):
            signing_key(s)


def variants(db: Database, n: int) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Variant.id).order_by(Variant.id).limit(n)))


def pull(api: TestClient, device: Enrolled, stream: str, after: int, limit: int | None = None) -> ChangePage:
    params = {"after": after} if limit is None else {"after": after, "limit": limit}
    r = api.get(f"/v1/sync/{stream}/changes", headers=device.headers, params=params)
    assert r.status_code == 200, r.text
    return ChangePage.model_validate_json(r.content)


def test_change_pages_follow_the_cursor(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    tky, ber = location_id(backend, "TKY01"), location_id(backend, "BER01")
    epoch = api.get("/health").json()["epoch"]
    start = pull(api, device, "stock", 0)
    assert start.changes == [] and start.next == 0 and not start.has_more  # the seed logs nothing

    mine: list[int] = []
    for i, vid in enumerate(variants(backend, 7)):
        with backend.transaction() as s:
            seq, _ = adjust_stock(s, location_id=tky, variant_id=vid, delta=-1, reason="sale", source="test")
            mine.append(seq)
            # Interleaved changes a TKY01 device may not see: its cursor must still move past them.
            adjust_stock(s, location_id=ber, variant_id=vid, delta=i, reason="count", source="test")
    with backend.session() as s:
        hw = high_water(s)
    assert hw > mine[-1]

    pages, after = [], 0
    while True:
        page = pull(api, device, "stock", after, limit=3)
        pages.append(page)
        assert (page.stream, page.epoch, page.after) == ("stock", epoch, after)
        assert all(c.seq > after for c in page.changes)
        assert all(c.row is not None for c in page.changes)  # nothing is deleted (yet)
        if page.has_more:
            assert len(page.changes) == 3 and page.next == page.changes[-1].seq
        else:
            assert page.next == hw  # past the invisible tail too
        after = page.next
        if not page.has_more:
            break
    assert [len(p.changes) for p in pages] == [3, 3, 1]
    assert [c.seq for p in pages for c in p.changes] == mine

    # Nothing new: an empty page that keeps the cursor.
    again = pull(api, device, "stock", after)
    assert again.changes == [] and again.next == after and not again.has_more
    # A cursor beyond the high water (a restored database with the same epoch) is kept, not rewound.
    ahead = pull(api, device, "stock", hw + 100)
    assert ahead.changes == [] and ahead.next == hw + 100

    # Every change is the row as it was written; replaying them rebuilds today's rows.
    latest = {tuple(c.key): c.row for p in pages for c in p.changes}
    snap = {tuple(row[:2]): row for row in snapshot(api, device.headers, "stock").rows}
    assert all(snap[key] == row for key, row in latest.items())


def test_change_page_parameters_are_validated(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    for params in ({"after": -1}, {"limit": 0}, {"limit": 5001}, {"after": "x"}, {"after": 2**62 + 1}):
        assert api.get("/v1/sync/stock/changes", headers=device.headers, params=params).status_code == 422, params
    r = api.get("/v1/sync/nope/changes", headers=device.headers)
    assert r.status_code == 422
    for stream in STREAMS:
        assert pull(api, device, stream, 0).stream == stream


def test_the_page_size_is_capped_by_the_server(backend: Database) -> None:
    tky = location_id(backend, "TKY01")
    with backend.transaction() as s:
        for vid in variants(backend, 5):
            adjust_stock(s, location_id=tky, variant_id=vid, delta=1, reason="count", source="test")
    app = create_app(Settings(database_url=backend.url, max_page=2), backend)
    with TestClient(app) as api:
        device = enrol(api, backend)
        page = pull(api, device, "stock", 0, limit=5000)
    assert len(page.changes) == 2 and page.has_more and page.next == page.changes[-1].seq


def test_devices_poked_by_one_change_share_its_page_and_never_see_another_scope_or_a_stale_one(
    api: TestClient, backend: Database
) -> None:
    tokyo_a, tokyo_b = enrol(api, backend, "TKY01"), enrol(api, backend, "TKY01")
    berlin = enrol(api, backend, "BER01")
    tky, ber = location_id(backend, "TKY01"), location_id(backend, "BER01")
    vid, other = variants(backend, 2)
    with backend.transaction() as s:
        adjust_stock(s, location_id=tky, variant_id=vid, delta=-1, reason="sale", source="test")
        adjust_stock(s, location_id=ber, variant_id=vid, delta=5, reason="count", source="test")
    pages = api.app.state.pages  # type: ignore[attr-defined]
    hits = pages.hits

    first = api.get("/v1/sync/stock/changes", headers=tokyo_a.headers, params={"after": 0})
    second = api.get("/v1/sync/stock/changes", headers=tokyo_b.headers, params={"after": 0})
    assert second.content == first.content and pages.hits == hits + 1  # one encoding, two devices
    rows = [c.key[0] for c in ChangePage.model_validate_json(first.content).changes]  # (location, variant)
    assert tky in rows and ber not in rows  # Berlin's count is not in Tokyo's scope
    # Same stream, cursor and high water, another scope: its own page, never Tokyo's bytes.
    berlin_page = pull(api, berlin, "stock", 0)
    assert [c.key[0] for c in berlin_page.changes] == [ber]

    # A newer change moves the high water: the next request reads it, nothing stale is sent.
    with backend.transaction() as s:
        seq, _ = adjust_stock(s, location_id=tky, variant_id=other, delta=2, reason="count", source="test")
    again = pull(api, tokyo_b, "stock", 0)
    assert again.changes[-1].seq == seq and again.next >= seq


def test_a_new_epoch_is_in_every_page_snapshot_and_checksum(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    old = pull(api, device, "catalog", 0).epoch
    with backend.transaction() as s:
        fresh = new_epoch(s)
    assert fresh != old
    assert api.get("/health").json()["epoch"] == fresh
    assert pull(api, device, "catalog", 0).epoch == fresh
    assert snapshot(api, device.headers, "tax").header.epoch == fresh
    assert api.get("/v1/sync/tax/checksum", headers=device.headers).json()["epoch"] == fresh


@pytest.mark.parametrize("stream", sorted(STREAMS))
def test_snapshot_is_gzip_ndjson_with_header_rows_and_trailer(api: TestClient, backend: Database, stream: str) -> None:
    device = enrol(api, backend, "BER01")
    fill(backend, stream, "BER01")
    tky = location_id(backend, "TKY01")
    with backend.transaction() as s:  # the high water is not 0
        adjust_stock(s, location_id=tky, variant_id=1, delta=1, reason="count", source="test")
        hw = high_water(s)
    snap = snapshot(api, device.headers, stream)
    assert snap.raw[:2] == b"\x1f\x8b"  # gzip on the wire
    spec = STREAMS[stream]
    assert snap.header.stream == stream and snap.header.columns == list(spec.columns)
    assert snap.header.high_water == hw and snap.header.after_key is None
    assert snap.trailer.rows == len(snap.lines) == snap.header.estimated_rows > 0
    keys = []
    for line, row in zip(snap.lines, snap.rows, strict=True):
        spec.validate_row(row)
        assert orjson.dumps(row) == line  # canonical bytes: the line's CRC is the row hash
        keys.append([row[i] for i in spec.key_index])
    assert keys == sorted(keys) and len({tuple(k) for k in keys}) == len(keys)  # key order, no duplicates


@pytest.mark.parametrize("stream", sorted(STREAMS))
def test_snapshot_resumes_after_a_key_with_exactly_the_rest(api: TestClient, backend: Database, stream: str) -> None:
    device = enrol(api, backend, "TKY01")
    fill(backend, stream, "TKY01")
    whole = snapshot(api, device.headers, stream)
    rows, key_index = whole.rows, STREAMS[stream].key_index
    assert len(rows) > (100 if stream in LARGE else 0 if stream in ONE_ROW else 3)
    for cut in sorted({c for c in (0, len(rows) // 3, len(rows) - 2, len(rows) - 1) if c >= 0}):
        key = [rows[cut][i] for i in key_index]
        rest = snapshot(api, device.headers, stream, key)
        assert rest.header.after_key == key
        assert rest.lines == whole.lines[cut + 1 :]
        assert rest.trailer.rows == len(rows) - cut - 1
    # A key before the first row (not itself a row) resumes at the first row.
    key_types = [STREAMS[stream].types[i] for i in key_index]
    before_all = [0 if t is int else "" for t in key_types]
    assert snapshot(api, device.headers, stream, before_all).lines == whole.lines
    wrong_type = orjson.dumps(["1" if t is int else 1 for t in key_types]).decode()
    for bad in ("[1", "{}", "[1,2,3]", wrong_type, "[" + "1," * 150 + "1]"):
        r = api.get(f"/v1/sync/{stream}/snapshot", headers=device.headers, params={"after_key": bad})
        assert r.status_code == 422, (bad, r.text)


@pytest.mark.parametrize("stream", sorted(STREAMS))
def test_an_after_key_that_is_not_strict_json_of_the_key_types_is_422(
    api: TestClient, backend: Database, stream: str
) -> None:
    """Schema-valid (a JSON-array-looking string) but not what the key is: no coercion."""
    device = enrol(api, backend, "TKY01")
    pattern = api.get("/openapi.json").json()["paths"]["/v1/sync/{stream}/snapshot"]["get"]["parameters"]
    (after_key,) = [p for p in pattern if p["name"] == "after_key"]
    regex = re.compile(after_key["schema"]["anyOf"][0]["pattern"])
    two = len(STREAMS[stream].key) == 2
    for bad in (
        ["[1, 01]", '["x", 01]', "[1, 1.0]", "[1, true]", "[1, 1e3]", "[1, NaN]"]
        if two
        else ["[01]", '["x", 01]', "[00]", "[1.0]", "[true]", "[1e3]", "[NaN]", "[null]"]
    ):
        assert regex.search(bad), bad  # the documented form allows it: only the key rules refuse it
        r = api.get(f"/v1/sync/{stream}/snapshot", headers=device.headers, params={"after_key": bad})
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["detail"].startswith("after_key: ")


@pytest.mark.parametrize("stream", sorted(STREAMS))
def test_checksum_is_count_and_sum_of_row_hashes_of_the_snapshot(
    api: TestClient, backend: Database, stream: str
) -> None:
    device = enrol(api, backend, "TKY02")

    def check() -> Checksum:
        snap = snapshot(api, device.headers, stream)
        r = api.get(f"/v1/sync/{stream}/checksum", headers=device.headers)
        assert r.status_code == 200
        cs = Checksum.model_validate_json(r.content)
        rows = snap.rows
        # Recomputed here from the parsed rows, independent of central's stored hashes.
        expected = sum(zlib.crc32(orjson.dumps(row)) for row in rows) % CHECKSUM_MOD
        assert expected == sum(row_hash(orjson.dumps(row)) for row in rows) % CHECKSUM_MOD
        assert (cs.stream, cs.count, cs.sum) == (stream, len(rows), expected)
        assert (cs.epoch, cs.high_water) == (snap.header.epoch, snap.header.high_water)
        return cs

    before = check()
    if stream in ("stock", "catalog"):
        with backend.transaction() as s:
            tky02 = location_id(backend, "TKY02")
            if stream == "stock":
                vid = variants(backend, 3)[2]
                adjust_stock(s, location_id=tky02, variant_id=vid, delta=-3, reason="sale", source="test")
            else:
                variant = s.get_one(Variant, 5)
                variant.colour = "Sunset"
                touch_variant(s, variant)
        after = check()
        assert after.sum != before.sum and after.high_water > before.high_water


def test_the_page_cache_is_bounded_by_pages_and_bytes() -> None:
    cache = PageCache(size=3, max_bytes=80)
    for i in range(5):
        cache.put(("stock", i), b"x" * 10)
    assert [cache.get(("stock", i)) is not None for i in range(5)] == [False, False, True, True, True]
    cache.put(("stock", "big"), b"y" * 11)  # over an eighth of the bytes: not kept
    assert cache.get(("stock", "big")) is None
    for i in range(5, 8):
        cache.put(("stock", i), b"z" * 10)
    cache.get(("stock", 5))  # used: the others go first
    cache.put(("stock", "wide"), b"w" * 10)
    assert cache.get(("stock", 5)) is not None and cache.get(("stock", 6)) is None
