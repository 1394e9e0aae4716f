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
        device.stock.correct(sign_in_any(device, "ASSOCIATE"), vid, 25, CorrectionReason.FOUND)
    device.stock.correct(sign_in_any(device, "SUPERVISOR"), vid, 25, CorrectionReason.FOUND)
    assert device.store.outbox_counts() == (1, 0)


def test_correction_shows_as_pending_until_central_confirms(device: Device) -> None:
    vid, on_hand = device.store.query(
        "SELECT variant_id, on_hand - reserved FROM stock WHERE location_id=? AND on_hand > 0 LIMIT 1",
        (device.identity.store_id,),
    )[0]
    style = device.store.query("SELECT style_code FROM catalog WHERE id=?", (vid,))[0][0]
    device.stock.correct(sign_in_any(device, "ASSOCIATE"), vid, -1, CorrectionReason.DAMAGED)
    cell = next(c for c in device.lookup.product(style).cells.values() if c.variant_id == vid)  # type: ignore[union-attr]
    assert (cell.available, cell.pending) == (on_hand - 1, -1)
    device.engine.sync_once()
    cell = next(c for c in device.lookup.product(style).cells.values() if c.variant_id == vid)  # type: ignore[union-attr]
    assert (cell.available, cell.pending) == (on_hand - 1, 0)


def test_enrolment_errors_are_clear(central_url: str, enroll_code, memory_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = LocalStore(tmp_path / "d")
    with pytest.raises(EnrollmentError, match="not valid"):
        enroll(store, central_url, "AAAA-BBBB-CCCC")
    code = enroll_code("TKY01")
    enroll(store, central_url, code.lower().replace("-", " "))
    other = LocalStore(tmp_path / "e")
    with pytest.raises(EnrollmentError, match="already used"):
        enroll(other, central_url, code)
    with pytest.raises(EnrollmentError, match="expired"):
        enroll(other, central_url, enroll_code("TKY01", minutes=-1))
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
    device.stock.correct(sign_in_any(device, "ASSOCIATE"), vid, 1, CorrectionReason.FOUND)
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
    assert again.store.outbox_counts() == (1, 0)
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
    device.stock.correct(associate, vid, 1, CorrectionReason.FOUND)
    device.redownload(sign_in_any(device, "MANAGER"))
    assert device.store.outbox_counts() == (0, 0)  # pushed before the cache was emptied
    assert not device.bootstrapped()
    assert device.engine.sync_once().online and device.bootstrapped()
    assert device.engine.verify("stock") is True


def test_address_without_scheme_hints_at_plain_http(memory_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    with pytest.raises(EnrollmentError, match=rf"type http://127.0.0.1:{port}"):
        enroll(LocalStore(tmp_path / "d"), f"127.0.0.1:{port}", "ABCD-EFGH-JKMN")


def test_bootstrapped_barcodes_split_like_incremental_ones(tmp_path: Path) -> None:
    """The catalog bootstrap builds the barcode table in SQL; it must agree with str.split()."""
    odd = ["4006381333931", "4006381333948 4006381333955", " 4012345678901  4012345678918 ", "A-77 4099999999999", ""]
    rows = [
        [i, f"SKU{i}", "ST1", "Shirt", "B", "tops", "red", "M", 2, codes, "standard", 1]
        for i, codes in enumerate(odd, 1)
    ]
    store = LocalStore(tmp_path / "t")
    store.begin_bootstrap("catalog", "epoch", 5)
    store.apply_snapshot_rows("catalog", rows, [0] * len(rows), [rows[-1][0]])
    store.finish_bootstrap("catalog")
    got = sorted(store.query("SELECT code, variant_id FROM barcodes"))
    assert got == sorted((code, int(r[0])) for r in rows for code in str(r[9]).split())
    assert ("A-77", 4) in got and len(got) == 7
    store.close()
