"""Services on an enrolled, bootstrapped device: bad input gets a clear message, loses nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from stdnum import ean

from pos_app.core.auth import PermissionDenied
from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.auth import SignInError
from pos_app.services.enrollment import EnrollmentError, enroll, parse_enroll_payload
from sync.protocol import Scalar
from tests.support.servers import free_port


@pytest.mark.parametrize("text", ['"', "*", "-", "NEAR", "AND", 'sneaker" OR', "(", "a:b", "NOT NOT", "^", "ﾃｽﾄ"])
def test_search_never_raises_on_fts_syntax(device: Device, text: str) -> None:
    device.lookup.search(text)


def test_search_finds_by_name_prefix_sku_and_barcode(device: Device) -> None:
    sku, style, barcodes = device.store.query("SELECT sku, style_code, barcodes FROM catalog LIMIT 1")[0]
    assert style in [h.code for h in device.lookup.search(sku)]
    assert style in [h.code for h in device.lookup.search(barcodes.split()[0][:9])]
    hits = device.lookup.search("sne")
    assert hits and all("sne" in (h.name + " " + h.category).lower() for h in hits)


def test_scan_unknown_and_bad_barcodes_have_clear_messages(device: Device) -> None:
    unknown = "20" + "1234567890"
    unknown += str(ean.calc_check_digit(unknown))
    assert "not in the catalog" in device.lookup.scan(unknown).message
    code = device.store.query("SELECT code FROM barcodes LIMIT 1")[0][0]
    bad = code[:-1] + str((int(code[-1]) + 3) % 10)
    res = device.lookup.scan(bad)
    assert res.style_code is None and "check digit" in res.message
    good = device.lookup.scan(code)
    assert good.variant_id is not None and good.message == ""


def test_product_view_prices_matrix_and_elsewhere(device: Device) -> None:
    vid = device.store.query(
        "SELECT variant_id FROM stock WHERE location_id=? AND on_hand>3 LIMIT 1", (device.identity.store_id,)
    )[0][0]
    style = device.store.query("SELECT style_code FROM catalog WHERE id=?", (vid,))[0][0]
    view = device.lookup.product(style, vid)
    assert view is not None and view.price is not None
    assert view.price.currency == "JPY" and view.price_text.startswith("￥")
    assert len(view.cells) == len({(c.variant_id) for c in view.cells.values()})
    codes = [r.location.code for r in view.elsewhere]
    assert "WH-JP" in codes and "TKY01" not in codes and all(not c.startswith("BER") for c in codes)


def sign_in_any(device: Device, role: str):  # type: ignore[no-untyped-def]
    person = next(p for p in device.auth.staff() if p.role.name == role)
    for pin in {"ASSOCIATE": ("1111", "1112"), "SUPERVISOR": ("2222",), "MANAGER": ("3333",)}[role]:
        try:
            return device.auth.sign_in(person.id, pin)
        except SignInError:
            continue
    raise AssertionError


def test_sign_in_offline_with_lockout_and_journal(device: Device) -> None:
    device.engine.client.close()  # no network needed: hashes are local
    person = next(p for p in device.auth.staff() if p.role.name == "MANAGER")
    t = datetime.now(UTC)
    for i in range(2):
        with pytest.raises(SignInError, match="Wrong PIN"):
            device.auth.sign_in(person.id, "0000", now=t + timedelta(seconds=i))
    with pytest.raises(SignInError, match="Locked"):
        device.auth.sign_in(person.id, "0000", now=t + timedelta(seconds=2))
    with pytest.raises(SignInError, match="Try again in"):
        device.auth.sign_in(person.id, "3333", now=t + timedelta(seconds=3))
    session = device.auth.sign_in(person.id, "3333", now=t + timedelta(seconds=40))
    assert session.staff.role.name == "MANAGER"
    types = [e.type for e in device.store.journal_entries()]
    assert types.count("signin.failed") == 3 and types[-1] == "signin"
    assert device.store.journal_verify() == []


def test_large_correction_needs_a_supervisor(device: Device) -> None:
    vid = device.store.query("SELECT id FROM catalog LIMIT 1")[0][0]
    with pytest.raises(PermissionDenied, match="supervisor"):
        device.stock.correct(sign_in_any(device, "ASSOCIATE"), vid, delta=25, reason=CorrectionReason.FOUND)
    device.stock.correct(sign_in_any(device, "SUPERVISOR"), vid, delta=25, reason=CorrectionReason.FOUND)
    assert [i.state for i in device.outbox.items()] == ["pending"]


def test_correction_shows_as_pending_until_central_confirms(device: Device) -> None:
    vid, on_hand = device.store.query(
        "SELECT variant_id, on_hand - reserved FROM stock WHERE location_id=? AND on_hand > 0 LIMIT 1",
        (device.identity.store_id,),
    )[0]
    style = device.store.query("SELECT style_code FROM catalog WHERE id=?", (vid,))[0][0]
    device.stock.correct(sign_in_any(device, "ASSOCIATE"), vid, delta=-1, reason=CorrectionReason.DAMAGED)
    cell = next(c for c in device.lookup.product(style).cells.values() if c.variant_id == vid)  # type: ignore[union-attr]
    assert (cell.available, cell.pending) == (on_hand - 1, -1)
    device.engine.sync_once()
    cell = next(c for c in device.lookup.product(style).cells.values() if c.variant_id == vid)  # type: ignore[union-attr]
    assert (cell.available, cell.pending) == (on_hand - 1, 0)


def test_enrolment_errors_are_clear(central_url: str, central_db, enroll_code, memory_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = LocalStore(tmp_path / "d")
    with pytest.raises(EnrollmentError, match="not valid"):
        enroll(store, central_url, "AAAA-BBBB-CCCC")
    code = enroll_code("TKY01")
    enroll(store, central_url, code.lower().replace("-", " "))
    other = LocalStore(tmp_path / "e")
    with pytest.raises(EnrollmentError, match="already used"):
        enroll(other, central_url, code)
    stale = enroll_code("TKY01", minutes=1)
    with central_db.engine.begin() as c:  # codes for a negative time are refused: age one instead
        c.exec_driver_sql(
            "UPDATE enroll_codes SET expires_at=? WHERE used_at IS NULL", (datetime(2000, 1, 1, tzinfo=UTC),)
        )
    with pytest.raises(EnrollmentError, match="expired"):
        enroll(other, central_url, stale)
    with pytest.raises(EnrollmentError, match="Cannot reach central"):
        enroll(other, f"http://127.0.0.1:{free_port()}", enroll_code("TKY01"))
    assert other.identity() is None
    with pytest.raises(EnrollmentError):
        parse_enroll_payload("https://example.com/?code=1")
    target = parse_enroll_payload(f"aisle://enroll?central={central_url}&code=ABCD-EFGH-JKMN")
    assert (target.central_url, target.code) == (central_url, "ABCD-EFGH-JKMN")


def test_no_secure_keyring_refuses_before_using_the_code(central_url: str, enroll_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    from pos_app.services.secrets import NoSecureKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        code = enroll_code("TKY01")
        with pytest.raises(NoSecureKeyring, match="No secure keyring"):
            enroll(LocalStore(tmp_path / "x"), central_url, code)
    finally:
        keyring.set_keyring(previous)


def test_corrupt_cache_is_set_aside_and_the_outbox_kept(device: Device) -> None:
    vid = device.store.query("SELECT id FROM catalog LIMIT 1")[0][0]
    device.stock.correct(sign_in_any(device, "ASSOCIATE"), vid, delta=1, reason=CorrectionReason.FOUND)
    data = device.data_dir
    device.engine.stop()
    device.store.close()
    cache = data / "cache.db"
    for extra in ("cache.db-wal", "cache.db-shm"):
        (data / extra).unlink(missing_ok=True)
    blob = bytearray(cache.read_bytes())
    blob[0:100] = b"\x00" * 100  # the header is gone
    cache.write_bytes(bytes(blob))
    again = Device(data)
    assert again.recovery_note and "set aside" in again.recovery_note
    assert not again.bootstrapped()
    assert [i.state for i in again.outbox.items()] == ["pending"]
    status = again.engine.sync_once()
    assert status.online and again.bootstrapped() and status.pending_ops == 0
    assert list(data.glob("cache.db.damaged-*"))
    again.close()


def test_redownload_is_for_managers_and_keeps_the_outbox(device: Device) -> None:
    vid = device.store.query("SELECT id FROM catalog LIMIT 1")[0][0]
    associate = sign_in_any(device, "ASSOCIATE")
    with pytest.raises(PermissionDenied, match="manager"):
        device.redownload(associate)
    device.engine.client.close()
    device.engine.client = device.new_client()
    device.stock.correct(associate, vid, delta=1, reason=CorrectionReason.FOUND)
    device.redownload(sign_in_any(device, "MANAGER"))
    assert device.outbox.items() == []  # pushed before the cache was emptied
    assert device.engine.sync_once().online and device.bootstrapped()
    assert device.engine.verify("stock") is True


def test_address_without_scheme_hints_at_plain_http(memory_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    with pytest.raises(EnrollmentError, match=rf"type http://127.0.0.1:{port}"):
        enroll(LocalStore(tmp_path / "d"), f"127.0.0.1:{port}", "ABCD-EFGH-JKMN")


DIGITS = ["4006381333931", "4006381333948 4006381333955", " 4012345678901  4012345678918 ", ""]
# Values central has never sent: letters, a tab and an ideographic space (str.split() splits at
# both), JSON's own quote and backslash. The fast rebuild would keep "C\t5" whole and fail on '"'.
ODD = ["A-77 4099999999999", "C\t5", "6\u30007", '9"9 1\\2']


def _catalog_rows(codes: list[str]) -> list[list[Scalar]]:
    return [
        [i, f"SKU{i}", "ST1", "Shirt", "B", "tops", "red", "M", 2, c, "standard", 1] for i, c in enumerate(codes, 1)
    ]


def _split(rows: list[list[Scalar]]) -> list[tuple[str, int]]:
    return sorted((code, int(str(r[0]))) for r in rows for code in str(r[9]).split())


def _plain_failed(store: LocalStore) -> object:
    return store.query("SELECT bootstrap_plain_failed FROM stream_state WHERE stream='catalog'")[0][0]


@pytest.mark.parametrize("codes", [DIGITS, DIGITS + ODD], ids=["digits", "odd"])
def test_bootstrapped_barcodes_split_like_incremental_ones(tmp_path: Path, codes: list[str]) -> None:
    """The catalog bootstrap builds the barcode table in SQL; it must agree with str.split(),
    by its fast way when every batch held digits and spaces, else by the exact one (the odd
    values come in the second batch: the first batch's answer does not stand for the copy)."""
    rows = _catalog_rows(codes)
    store = LocalStore(tmp_path / "t")
    expected = _split(rows)  # before the store appends each row's hash
    store.begin_bootstrap("catalog", "epoch", len(rows))
    for batch in (rows[:4], rows[4:]):
        if batch:
            store.apply_snapshot_rows("catalog", batch, [0] * len(batch), [batch[-1][0]])
    assert _plain_failed(store) == (0 if codes == DIGITS else 1)  # the way the rebuild takes
    store.finish_bootstrap("catalog")
    assert sorted(store.query("SELECT code, variant_id FROM barcodes")) == expected
    assert _plain_failed(store) is None  # the copy is in: later rows are not known to be plain
    if codes != DIGITS:
        assert {("A-77", 5), ("C", 6), ("5", 6), ("6", 7), ("7", 7), ('9"9', 8), ("1\\2", 8)} <= set(expected)
    store.close()


def test_a_download_begun_by_an_older_app_rebuilds_barcodes_the_exact_way(tmp_path: Path) -> None:
    """A copy half downloaded before batches were checked (the flag NULL): its unchecked rows may
    be odd, so the rebuild does not take the fast way even though the rest were digits."""
    odd, digits = _catalog_rows(ODD), _catalog_rows(DIGITS)
    for r in digits:
        r[0] = int(str(r[0])) + 10
    expected = _split(odd + digits)
    store = LocalStore(tmp_path / "t")
    store.begin_bootstrap("catalog", "epoch", 8)
    store.apply_snapshot_rows("catalog", odd, [0] * len(odd), [odd[-1][0]])
    with store.tx() as con:  # what an app before the check left behind
        con.execute("UPDATE stream_state SET bootstrap_plain_failed=NULL WHERE stream='catalog'")
    store.close()
    store = LocalStore(tmp_path / "t")  # the new app resumes the download
    store.apply_snapshot_rows("catalog", digits, [0] * len(digits), [digits[-1][0]])
    store.finish_bootstrap("catalog")
    assert sorted(store.query("SELECT code, variant_id FROM barcodes")) == expected
    store.close()


def _home_variant(device: Device, min_on_hand: int = 3) -> tuple[int, int]:
    vid, on_hand = device.store.query(
        "SELECT variant_id, on_hand FROM stock WHERE location_id=? AND on_hand >= ? LIMIT 1",
        (device.identity.store_id, min_on_hand),
    )[0]
    return int(vid), int(on_hand)


def test_correction_by_count_agrees_with_the_reason_and_refuses_no_change(device: Device) -> None:
    from pos_app.services.errors import ValidationFailed

    associate = sign_in_any(device, "ASSOCIATE")
    vid, on_hand = _home_variant(device)
    with pytest.raises(ValidationFailed) as e:
        device.stock.correct(associate, vid, counted=on_hand, reason=CorrectionReason.MISCOUNT)
    assert e.value.code == "correction.no_change"
    with pytest.raises(ValidationFailed) as e:
        device.stock.correct(associate, vid, counted=on_hand - 2, reason=CorrectionReason.FOUND)
    assert e.value.code == "correction.reason_direction" and e.value.params["delta"] == -2
    with pytest.raises(ValidationFailed) as e:
        device.stock.correct(associate, vid, delta=2, reason=CorrectionReason.DAMAGED)
    assert e.value.code == "correction.reason_direction"
    with pytest.raises(ValidationFailed) as e:
        device.stock.correct(associate, vid, delta=1, counted=4, reason=CorrectionReason.FOUND)
    assert e.value.code == "correction.delta_or_counted"
    with pytest.raises(ValidationFailed) as e:
        device.stock.correct(associate, vid, delta=-1, reason=CorrectionReason.OTHER)
    assert e.value.code == "correction.note_needed"

    op_id = device.stock.correct(associate, vid, counted=on_hand - 2, reason=CorrectionReason.DAMAGED)
    (payload,) = [r["payload"] for r in device.store.outbox_rows() if r["op_id"] == op_id]
    assert payload["delta"] == -2
    assert device.stock.on_hand(vid) == on_hand - 2  # the pending correction counts
    with pytest.raises(ValidationFailed) as e:  # "the shelf has" what the device now says
        device.stock.correct(associate, vid, counted=on_hand - 2, reason=CorrectionReason.MISCOUNT)
    assert e.value.code == "correction.no_change"


def test_a_supervisor_approves_a_large_correction_on_the_spot(device: Device) -> None:
    from pos_app.core.auth import Permission
    from pos_app.services.errors import PermissionNeeded

    associate = sign_in_any(device, "ASSOCIATE")
    vid, _ = _home_variant(device)
    with pytest.raises(PermissionNeeded) as e:
        device.stock.correct(associate, vid, delta=25, reason=CorrectionReason.FOUND)
    assert e.value.code == "approval.needed" and e.value.needed.name == "SUPERVISOR"
    boss = next(p for p in device.auth.approvers(Permission.LARGE_STOCK_CORRECTION) if p.role.name == "SUPERVISOR")
    approver = device.auth.approve(boss.id, "2222", Permission.LARGE_STOCK_CORRECTION)
    op_id = device.stock.correct(associate, vid, delta=25, reason=CorrectionReason.FOUND, approver=approver)
    entry = [e for e in device.store.journal_entries() if e.type == "stock.correction"][-1]
    assert entry.data["op_id"] == op_id
    assert (entry.data["staff_id"], entry.data["approved_by"]) == (associate.staff.id, boss.id)
    assert device.engine.sync_once().pending_ops == 0  # central took the approved op


def test_outbox_retry_needs_a_supervisor_and_says_what_happened(device: Device) -> None:
    from pos_app.core.auth import Permission
    from pos_app.local.store import now_iso
    from pos_app.services.errors import PermissionNeeded

    associate = sign_in_any(device, "ASSOCIATE")
    vid, _ = _home_variant(device)
    sent = device.stock.correct(associate, vid, delta=1, reason=CorrectionReason.FOUND)
    with device.store.tx("device") as con:  # an op central will reject: no such variant
        bad, _seq = device.store.enqueue(
            con,
            "stock.adjust",
            {
                "variant_id": 2**31 - 7,
                "location_id": device.identity.store_id,
                "delta": 1,
                "reason": "found",
                "note": "",
                "staff_id": associate.staff.id,
                "approved_by": None,
                "recorded_at": now_iso(),
            },
        )
    device.engine.sync_once()
    states = {i.op_id: i for i in device.outbox.items()}
    assert states[bad].state == "dead" and sent not in states
    assert "Stock correction +1" in states[bad].description
    with pytest.raises(PermissionNeeded):
        device.outbox.retry(associate, bad)
    supervisor = device.auth.approve(
        next(p.id for p in device.auth.staff() if p.role.name == "SUPERVISOR"), "2222", Permission.RETRY_DEAD_LETTER
    )
    assert device.outbox.retry(supervisor, bad) == "requeued"
    assert device.outbox.retry(supervisor, sent) == "not-rejected"
    assert device.outbox.explain(sent, "not-rejected") == "not a rejected operation: it was already sent"
    assert device.outbox.retry(supervisor, "00000000-0000-4000-8000-000000000000") == "unknown"
    retries = [e.data for e in device.store.journal_entries() if e.type == "outbox.retry"]
    assert [(r["staff_id"], r["outcome"]) for r in retries] == [
        (supervisor.id, "requeued"),
        (supervisor.id, "not-rejected"),
        (supervisor.id, "unknown"),
    ]
    # the correction that was sent is not marked pending again
    assert device.store.query("SELECT status FROM stock_corrections WHERE op_id=?", (sent,), "device") == [("sent",)]


def test_search_hits_carry_this_stores_price_and_stock(device: Device) -> None:
    hits = device.lookup.search("linen")
    assert hits and all(h.price_text.startswith("￥") for h in hits)
    h = hits[0]
    (total,) = device.store.query(
        "SELECT sum(s.on_hand - s.reserved) FROM stock s JOIN catalog c ON c.id = s.variant_id "
        "WHERE s.location_id=? AND c.style_code=?",
        (device.identity.store_id, h.code),
    )[0]
    assert h.available == total


def test_refresh_live_says_whether_central_answered(device: Device, central_db) -> None:  # type: ignore[no-untyped-def]
    style = device.lookup.search("linen")[0].code
    assert device.stock.refresh_live(style) is True
    assert device.store.query("SELECT count(*) FROM live_stock")[0][0] > 0
    device.identity = type(device.identity)(
        device.identity.device_id,
        device.identity.store_id,
        device.identity.store_code,
        device.identity.store_name,
        f"http://127.0.0.1:{free_port()}",
    )
    assert device.stock.refresh_live(style) is False
    assert device.lookup.online is False


def test_device_facade_status_home_and_cache_age(device: Device) -> None:
    home = device.home()
    assert home is not None and home.code == "TKY01" and home.timezone == "Asia/Tokyo"
    assert device.status().online is True
    as_of = device.cache_as_of()
    assert as_of is not None and as_of <= datetime.now(UTC)
