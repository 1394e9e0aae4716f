"""The sync engine against a real central on loopback."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import func, select

from central.changes import adjust_stock, now
from central.db import Database, new_epoch
from central.models import ChangeLog, Location, StockMovement, Variant
from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.auth import Session
from sync.client import CentralClient
from sync.engine import SyncEngine, SyncStatus
from tests.support.servers import free_port, run_central


def tky01(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(Location.id).where(Location.code == "TKY01")) or 0


def a_stocked_variant(device: Device) -> tuple[int, int]:
    row = device.store.query(
        "SELECT variant_id, on_hand FROM stock WHERE location_id=? AND on_hand > 0 LIMIT 1",
        (device.identity.store_id,),
    )
    return int(row[0][0]), int(row[0][1])


def associate(device: Device) -> Session:
    person = next(p for p in device.auth.staff() if p.role.name == "ASSOCIATE")
    for pin in ("1111", "1112"):
        try:
            return device.auth.sign_in(person.id, pin)
        except Exception:
            continue
    raise AssertionError("demo PINs did not work")


def test_bootstrap_matches_central_checksums(device: Device) -> None:
    for stream in ("catalog", "prices", "stock", "staff", "locations", "tax"):
        assert device.engine.verify(stream) is True


def test_incremental_pull_applies_a_central_change(device: Device, central_db: Database) -> None:
    vid, on_hand = a_stocked_variant(device)
    with central_db.transaction() as s:
        adjust_stock(
            s, location_id=device.identity.store_id, variant_id=vid, delta=-2, reason="sold online", source="test"
        )
    device.engine.sync_once()
    assert (
        device.store.query(
            "SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?", (device.identity.store_id, vid)
        )[0][0]
        == on_hand - 2
    )


def test_barcode_moved_between_variants_and_added_follows_central(device: Device, central_db: Database) -> None:
    from stdnum import ean

    from central.changes import touch_variant
    from central.models import Barcode

    (a, codes_a), (b, _) = device.store.query("SELECT id, barcodes FROM catalog ORDER BY id LIMIT 2")
    moved = str(codes_a).split()[0]
    added = "2099" + f"{a:08d}"
    added += ean.calc_check_digit(added)
    with central_db.transaction() as s:
        s.get(Barcode, moved).variant_id = b  # type: ignore[union-attr]
        s.add(Barcode(code=added, variant_id=a))
        s.flush()
        touch_variant(s, s.get(Variant, b))  # type: ignore[arg-type]
    device.engine.sync_once()
    assert device.lookup.scan(moved).variant_id == b
    with central_db.transaction() as s:  # a's change comes later, alone: it must not take the code back
        touch_variant(s, s.get(Variant, a))  # type: ignore[arg-type]
    device.engine.sync_once()
    assert device.lookup.scan(moved).variant_id == b
    assert device.lookup.scan(added).variant_id == a
    assert device.engine.verify("catalog") is True


def test_a_barcode_given_and_taken_back_within_one_page_is_gone(device: Device, central_db: Database) -> None:
    from stdnum import ean

    from central.changes import touch_variant
    from central.models import Barcode

    (a,) = device.store.query("SELECT id FROM catalog ORDER BY id LIMIT 1")[0]
    brief = "2098" + f"{a:08d}"
    brief += ean.calc_check_digit(brief)
    with central_db.transaction() as s:
        s.add(Barcode(code=brief, variant_id=a))
        s.flush()
        touch_variant(s, s.get_one(Variant, a))
    with central_db.transaction() as s:
        s.delete(s.get_one(Barcode, brief))
        s.flush()
        touch_variant(s, s.get_one(Variant, a))
    device.engine.sync_once()  # both versions of the variant arrive in one page
    assert device.lookup.scan(brief).variant_id is None
    assert "not in the catalog" in device.lookup.scan(brief).message


class DyingStore:
    """Wraps the real store and dies (like a killed process) after `batches` committed batches."""

    def __init__(self, store: LocalStore, batches: int) -> None:
        self._store = store
        self._left = batches

    def apply_snapshot_rows(self, stream: str, *args: Any) -> None:
        if stream == "catalog":
            if self._left == 0:
                raise SystemExit("killed")
            self._left -= 1
        self._store.apply_snapshot_rows(stream, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_killed_bootstrap_resumes_where_it_was(enrolled: Path) -> None:
    device = Device(enrolled)
    dying = SyncEngine(device.new_client, DyingStore(device.store, 2), batch_rows=500)  # type: ignore[arg-type]
    with pytest.raises(SystemExit):
        dying.sync_once()
    dying.client.close()
    state = device.store.stream_state("catalog")
    assert not state.bootstrapped and state.bootstrap_rows == 1000
    assert state.bootstrap_after_key is not None
    requested: list[Any] = []
    client = device.new_client()
    original = client.snapshot

    def spy(stream: str, after_key: Any) -> Any:
        requested.append((stream, after_key))
        return original(stream, after_key)

    client.snapshot = spy  # type: ignore[method-assign]
    resumed = SyncEngine(lambda: client, device.store, batch_rows=500)
    assert resumed.sync_once().online
    assert ("catalog", state.bootstrap_after_key) in requested
    assert resumed.verify("catalog") is True
    client.close()
    device.close()


class DamagedLink(httpx.HTTPTransport):
    """The real central, seen through a broken link: the catalog snapshot is passed through the
    `damage` function (which gets the decoded lines and yields the bytes to deliver)."""

    def __init__(self, damage: Callable[[list[bytes]], Iterator[bytes]]) -> None:
        super().__init__()
        self.damage = damage

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if not request.url.path.endswith("/catalog/snapshot"):
            return response
        lines = response.read().split(b"\n")
        response.close()
        damage = self.damage

        class Body(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                yield from damage(lines)

        return httpx.Response(200, headers={"Content-Type": "application/x-ndjson"}, stream=Body())


def bootstrap_through(device: Device, damage: Callable[[list[bytes]], Iterator[bytes]]) -> SyncStatus:
    def client() -> CentralClient:
        return CentralClient(device.identity.central_url, device._token, transport=DamagedLink(damage))

    engine = SyncEngine(client, device.store, batch_rows=500)
    try:
        return engine.sync_once()
    finally:
        engine.client.close()
        assert gc.isenabled()  # paused per batch; back on whatever went wrong


def test_snapshot_cut_mid_download_keeps_what_arrived_and_resumes(enrolled: Path) -> None:
    def cut(lines: list[bytes]) -> Iterator[bytes]:
        yield b"\n".join(lines[:1201]) + b"\n"  # header and 1,200 rows, then the link dies
        raise httpx.ReadError("link down")

    device = Device(enrolled)
    status = bootstrap_through(device, cut)
    assert status.online is False and "broke during download" in status.message
    state = device.store.stream_state("catalog")
    assert not state.bootstrapped and state.bootstrap_rows == 1000  # two whole batches committed
    assert device.engine.sync_once().online  # the real link: resumes after the 1,000th row
    assert device.engine.verify("catalog") is True
    device.close()


def test_malformed_snapshot_row_stops_the_download_with_a_visible_error(enrolled: Path) -> None:
    def poison(lines: list[bytes]) -> Iterator[bytes]:
        lines = list(lines)
        lines[700] = b'[1, "half a row"'
        yield b"\n".join(lines)

    device = Device(enrolled)
    status = bootstrap_through(device, poison)
    assert "malformed catalog snapshot row" in status.message
    assert any("malformed catalog" in e for e in device.store.errors())
    assert device.store.stream_state("catalog").bootstrap_rows == 500  # the batch before it stays
    assert device.engine.sync_once().online and device.bootstrapped()
    assert not any("malformed catalog" in e for e in device.store.errors())
    assert device.engine.verify("catalog") is True
    device.close()


def test_snapshot_that_loses_rows_starts_over(enrolled: Path) -> None:
    def lossy(lines: list[bytes]) -> Iterator[bytes]:
        yield b"\n".join(lines[:300] + lines[301:])  # one row gone, trailer still counts it

    device = Device(enrolled)
    status = bootstrap_through(device, lossy)
    assert "lost rows" in status.message
    assert device.store.stream_state("catalog").bootstrap_rows == 0
    assert device.engine.sync_once().online
    assert device.engine.verify("catalog") is True
    device.close()


def test_epoch_change_resyncs_and_pushes_the_outbox_first(device: Device, central_db: Database) -> None:
    vid, _ = a_stocked_variant(device)
    device.stock.correct(associate(device), vid, delta=3, reason=CorrectionReason.FOUND)
    with central_db.transaction() as s:
        new_epoch(s)
    status = device.engine.sync_once()
    assert status.online and status.pending_ops == 0
    with central_db.session() as s:
        moved = s.scalar(
            select(func.count())
            .select_from(StockMovement)
            .where(StockMovement.variant_id == vid, StockMovement.source == "device")
        )
    assert moved == 1
    assert device.engine.verify("stock") is True


def test_checksum_mismatch_resyncs_the_stream(device: Device) -> None:
    with device.store.tx() as con:
        con.execute(
            "DELETE FROM stock WHERE (location_id, variant_id) IN (SELECT location_id, variant_id FROM stock LIMIT 3)"
        )
    assert device.engine.verify("stock") is False
    assert any("stock cache differed" in e for e in device.store.errors())
    assert device.engine.verify("stock") is True  # healed by the resync, and the note goes
    assert not any("stock cache differed" in e for e in device.store.errors())


def _poison(db: Database, stream: str, scope: int, key: list[Any], row: str) -> None:
    with db.transaction() as s:
        s.add(ChangeLog(stream=stream, scope=scope, key=orjson.dumps(key).decode(), row=row, at=now()))


def test_malformed_page_is_rejected_and_cache_untouched(device: Device, central_db: Database) -> None:
    store_id = device.identity.store_id
    vid, on_hand = a_stocked_variant(device)
    before = device.store.stream_state("stock").cursor
    _poison(central_db, "stock", store_id, [store_id, vid], orjson.dumps(["x", vid, 1, 0]).decode())
    status = device.engine.sync_once()
    assert "malformed" in status.message
    assert device.store.stream_state("stock").cursor == before
    assert (
        device.store.query("SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?", (store_id, vid))[0][0]
        == on_hand
    )
    assert any("malformed stock" in e for e in device.store.errors())


def test_oversized_page_is_rejected(device: Device, central_db: Database) -> None:
    huge = orjson.dumps([1, "X", "X", "n" * (17 * 1024 * 1024), "b", "c", "k", "s", 0, "", "standard", 1])
    _poison(central_db, "catalog", 0, [1], huge.decode())
    before = device.store.stream_state("catalog").cursor
    status = device.engine.sync_once()
    assert "bytes" in status.message
    assert device.store.stream_state("catalog").cursor == before


def test_dead_letter_does_not_block_the_queue(device: Device, central_db: Database) -> None:
    vid, _ = a_stocked_variant(device)
    with device.store.tx("device") as con:
        device.store.enqueue(
            con,
            "stock.adjust",
            {
                "variant_id": 99_999_999,
                "location_id": device.identity.store_id,
                "delta": 1,
                "reason": "found",
                "note": "",
                "staff_id": None,
                "recorded_at": now().isoformat(),
            },
        )
    device.stock.correct(associate(device), vid, delta=-1, reason=CorrectionReason.DAMAGED)
    status = device.engine.sync_once()
    assert (status.pending_ops, status.dead_ops) == (0, 1)
    dead = device.store.outbox_rows("dead")
    assert dead[0]["dead_status"] == 404 and "unknown variant" in dead[0]["last_error"]
    with central_db.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(StockMovement)
                .where(StockMovement.variant_id == vid, StockMovement.reason == "damaged")
            )
            == 1
        )


def test_outbox_retries_on_a_timer_when_central_comes_back(
    central_db: Database,
    enroll_code,
    memory_keyring,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from pos_app.services.enrollment import enroll

    port = free_port()
    data = tmp_path / "t"
    with run_central(central_db, port=port) as url:
        store = LocalStore(data)
        enroll(store, url, enroll_code(), "t")
        store.close()
        device = Device(data, poll_seconds=60)
        device.engine.sync_once()
    vid, _ = a_stocked_variant(device)
    device.stock.correct(associate(device), vid, delta=2, reason=CorrectionReason.FOUND)
    status = device.engine.sync_once()
    waiting = device.store.outbox_rows()
    # the correction, then the journal's entries, which travel with every cycle
    assert [r["type"] for r in waiting] == ["stock.adjust", "journal.batch"]
    assert status.online is False and status.pending_ops == len(waiting)
    row = waiting[0]
    assert row["attempts"] == 1 and row["next_attempt_at"] and "Cannot reach central" in row["last_error"]
    with run_central(central_db, port=port):
        device.engine.start(live=False)  # nobody kicks it: the retry timer must fire by itself
        deadline = time.monotonic() + 15
        while device.store.outbox_counts()[0] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert device.store.outbox_counts() == (0, 0, 0)
        device.close()


def test_a_poke_is_not_lost_when_another_streams_pull_went_past_it(device: Device, central_db: Database) -> None:
    """A price pull reaches central's high water, past a stock change this tablet has not pulled
    yet; the stock poke that arrives afterwards must still pull stock."""
    store = device.identity.store_id
    vid, on_hand = a_stocked_variant(device)
    with central_db.transaction() as s:
        seq, _ = adjust_stock(s, location_id=store, variant_id=vid, delta=-1, reason="sold online", source="test")
    device.engine._take_due(woken=True)  # as the engine's thread does: its first cycle is spent
    device.engine.sync_once(["prices"])
    device.engine._on_event("poke", orjson.dumps({"seq": seq, "streams": ["stock"]}))
    device.engine._on_event("poke", b'{"seq": [1], "streams": "stock"}')  # malformed: ignored
    device.engine.sync_once(device.engine._take_due(woken=True))
    q = "SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?"
    assert device.store.query(q, (store, vid))[0][0] == on_hand - 1


def test_live_poke_updates_the_cache_without_polling(device: Device, central_db: Database) -> None:
    from central.models import ChannelClient
    from central.security import digest

    device.engine.poll_seconds = 600  # prove it is the poke, not the poll
    device.engine.live_poll_seconds = 600
    device.engine.start(live=True)
    deadline = time.monotonic() + 5
    while not device.engine.status.live and time.monotonic() < deadline:
        time.sleep(0.05)
    assert device.engine.status.live
    assert device.engine.wait_idle(10)  # the first cycle and the catch-up after connecting are over
    pulled: list[str] = []
    real_changes = device.engine.client.changes

    def changes(stream: str, after: int, limit: int) -> Any:
        pulled.append(stream)
        return real_changes(stream, after, limit)

    device.engine.client.changes = changes  # type: ignore[method-assign]
    vid, on_hand = a_stocked_variant(device)
    with central_db.transaction() as s:
        s.add(ChannelClient(name="webshop", token_hash=digest("secret-token")))
        sku = s.scalar(select(Variant.sku).where(Variant.id == vid))
    import httpx

    r = httpx.post(
        f"{device.identity.central_url}/v1/channel/adjustments",
        headers={"Authorization": "Bearer secret-token"},
        json={"reference": "web-1", "location_code": "TKY01", "sku": sku, "delta": -1, "reason": "web order"},
    )
    assert r.status_code == 200, r.text
    deadline = time.monotonic() + 5
    q = "SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?"
    while time.monotonic() < deadline:
        if device.store.query(q, (device.identity.store_id, vid))[0][0] == on_hand - 1:
            break
        time.sleep(0.02)
    assert device.store.query(q, (device.identity.store_id, vid))[0][0] == on_hand - 1
    assert set(pulled) == {"stock"}  # the poke named the stream: the other five were not asked for
