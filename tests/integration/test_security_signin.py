"""Sign-in security (issue 6 section 4) on a real enrolled device: parallel wrong PINs cannot
beat the lockout, and PIN hashes need the retailer's key that only the keyring holds."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from pos_app.core.auth import Permission
from pos_app.services import auth as auth_module
from pos_app.services import secrets
from pos_app.services.app import Device
from pos_app.services.errors import PermissionNeeded, SignInError
from sync.pins import new_pin_key, verify_pin
from tests.support.keyring_backend import MemoryKeyring


def _manager(device: Device) -> int:
    return next(p.id for p in device.auth.staff() if p.role.name == "MANAGER")


def test_parallel_wrong_pins_cannot_beat_the_lockout(device: Device, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real = auth_module.verify_pin

    def counting(pin: str, stored: str, key: str) -> bool:
        checked.append(pin)
        return real(pin, stored, key)

    monkeypatch.setattr(auth_module, "verify_pin", counting)
    staff_id = _manager(device)
    threads = 8
    start = threading.Barrier(threads)
    codes: list[str] = []
    lock = threading.Lock()

    def guess(i: int) -> None:
        start.wait()
        try:
            device.auth.sign_in(staff_id, f"{9000 + i}")
        except SignInError as e:
            with lock:
                codes.append(e.code)

    workers = [threading.Thread(target=guess, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    free = device.auth.policy.free_attempts
    assert len(codes) == threads
    assert len(checked) == free, f"{len(checked)} PINs were checked, the policy allows {free}"
    assert codes.count("signin.locked") == threads - free
    assert device.auth.locked_until(staff_id) is not None
    with pytest.raises(SignInError) as locked:  # the right PIN waits too
        device.auth.sign_in(staff_id, "3333")
    assert locked.value.code == "signin.locked" and locked.value.locked_until is not None


def test_a_success_clears_the_count_and_approval_uses_the_same_rules(device: Device) -> None:
    staff_id = _manager(device)
    with pytest.raises(SignInError, match="Wrong PIN"):
        device.auth.sign_in(staff_id, "0000")
    device.auth.sign_in(staff_id, "3333")
    assert device.store.query("SELECT count(*) FROM signin_failures", (), "device")[0][0] == 0
    associate = next(p for p in device.auth.staff() if p.role.name == "ASSOCIATE")
    with pytest.raises(PermissionNeeded) as e:
        device.auth.approve(associate.id, "1111", Permission.RETRY_DEAD_LETTER)
    assert e.value.code == "approval.role"
    assert associate not in device.auth.approvers(Permission.RETRY_DEAD_LETTER)
    assert device.auth.approve(staff_id, "3333", Permission.RETRY_DEAD_LETTER).id == staff_id
    with pytest.raises(SignInError, match="Wrong PIN"):
        device.auth.approve(staff_id, "0001", Permission.RETRY_DEAD_LETTER)


def test_pin_key_is_kept_in_the_keyring_and_a_copied_cache_cannot_verify_a_pin(
    device: Device, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    data = str(device.data_dir)
    key = secrets.load_pin_key(data)
    assert key and (secrets.SERVICE, secrets.pin_key_for(data)) in memory_keyring.secrets
    staff_id = _manager(device)
    (stored,) = device.store.query("SELECT pin_hash FROM staff WHERE id=?", (staff_id,))[0]
    assert verify_pin("3333", stored, key)

    # What a thief has: the data directory's files, not the keyring.
    with device.store.raw() as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "stolen"
    shutil.copytree(device.data_dir, copy)
    files = [f for f in copy.rglob("*") if f.is_file()]  # the databases, the picture cache, …
    assert any(f.name == "cache.db" for f in files)
    for f in files:
        assert key.encode() not in f.read_bytes(), f"the PIN key is in {f.relative_to(copy)}"
    hashes = [h for (h,) in device.store.query("SELECT pin_hash FROM staff")]
    assert hashes and all(h.startswith("scrypt-k$") for h in hashes)
    assert not verify_pin("3333", stored, new_pin_key())  # any other key: nothing matches

    memory_keyring.secrets.clear()  # a device opened on the copy, with a token but no PIN key
    thief = Device(copy, token="stolen-token")
    try:
        with pytest.raises(SignInError) as e:
            thief.auth.sign_in(staff_id, "3333")
        assert e.value.code == "signin.no_pin_key"
    finally:
        thief.close()
