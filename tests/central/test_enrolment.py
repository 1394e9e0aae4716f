"""Device enrolment: a one-time code issued by central becomes a device id and a token
(DESIGN.md section 5); revoked devices are refused."""

from __future__ import annotations

import base64
import threading
import uuid
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central import cli
from central.changes import now
from central.cli import issue_enroll_code
from central.db import Database, get_pin_key, migrate
from central.models import Device, EnrollCode, Meta
from central.security import ALPHABET, digest, normalise_code
from central.seed import DEMO_PINS
from sync.pins import new_pin_key, verify_pin
from sync.protocol import STREAMS
from tests.central.helpers import enrol, snapshot
from tests.support.servers import run_central

# A wrong, used or expired code is refused with 403 and a sentence saying which
# (docs/architecture.md, "Security"); the pos app shows that sentence to the person enrolling.
REFUSED = 403


def devices(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Device)) or 0


def test_a_valid_code_gives_a_device_id_and_a_token(api: TestClient, backend: Database) -> None:
    code = issue_enroll_code(backend, "TKY02", 10)
    r = api.post("/v1/enroll", json={"code": code, "device_name": "Counter 2"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == {"device_id", "token", "pin_key", "store_id", "store_code", "store_name"}
    assert uuid.UUID(body["device_id"]).version == 4
    assert len(body["token"]) >= 40
    assert (body["store_code"], body["store_name"]) == ("TKY02", "Aisle Shinjuku")
    with backend.session() as s:
        device = s.get_one(Device, body["device_id"])
        # Only the digest of the token is kept, never the token itself.
        assert device.token_hash == digest(body["token"]) != body["token"]
        assert (device.name, device.store_id, device.revoked_at) == ("Counter 2", body["store_id"], None)
        used = s.get_one(EnrollCode, digest(code))
        assert used.used_at is not None and used.device_id == body["device_id"]
    me = api.get("/v1/device", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.json()["device_id"] == body["device_id"] and me.json()["store_code"] == "TKY02"


def test_enrolment_hands_out_the_retailers_pin_key_and_staff_hashes_need_it(api: TestClient, backend: Database) -> None:
    """Staff PIN hashes are keyed with a per-retailer secret: the synced hashes verify with the
    key an enrolled device received, and not without it (a copied cache.db alone is no help)."""
    first = api.post("/v1/enroll", json={"code": issue_enroll_code(backend, "TKY01", 10)}).json()
    second = api.post("/v1/enroll", json={"code": issue_enroll_code(backend, "BER01", 10)}).json()
    with backend.session() as s:
        stored = s.scalar(select(Meta.value).where(Meta.key == "pin_key"))
    assert first["pin_key"] == second["pin_key"] == stored  # one key per retailer, kept in meta
    assert len(base64.urlsafe_b64decode(stored or "")) == 32
    headers = {"Authorization": f"Bearer {first['token']}"}
    staff = api.get("/v1/sync/staff/changes", headers=headers).json()["changes"]
    snap = snapshot(api, headers, "staff").rows
    assert staff == [] and snap  # seeded in bulk: the staff arrive in the snapshot
    columns = STREAMS["staff"].columns
    manager = next(dict(zip(columns, row, strict=True)) for row in snap if row[2] == "manager")
    pin = DEMO_PINS["manager"]
    assert manager["pin_hash"].startswith("scrypt-k$")
    assert verify_pin(pin, manager["pin_hash"], first["pin_key"])
    assert not verify_pin(pin, manager["pin_hash"], new_pin_key())
    assert not verify_pin(str(9999 - int(pin)).zfill(len(pin)), manager["pin_hash"], first["pin_key"])


def test_migrate_keeps_the_pin_key(backend: Database) -> None:
    with backend.session() as s:
        key = get_pin_key(s)
    migrate(backend.engine)
    with backend.session() as s:
        assert get_pin_key(s) == key  # a new key would void every PIN the tablets hold


def test_codes_are_accepted_as_people_type_them(api: TestClient, backend: Database) -> None:
    def typed_variants(code: str) -> list[str]:
        bare = code.replace("-", "")
        return [
            code.lower(),
            f"  {bare[:4]} {bare[4:8]} {bare[8:]} ",
            bare.lower(),
            # 0 read as O and 1 as I or l: the alphabet has no O, I or L, so these are safe to map.
            code.replace("0", "O").replace("1", "l"),
        ]

    for variant_no in range(4):
        code = issue_enroll_code(backend, "TKY01", 10)
        typed = typed_variants(code)[variant_no]
        assert normalise_code(typed) == code
        r = api.post("/v1/enroll", json={"code": typed})
        assert r.status_code == 201, (typed, r.text)
        assert r.json()["store_code"] == "TKY01"
    assert set("ILOU").isdisjoint(ALPHABET)


def test_used_expired_and_unknown_codes_are_refused_with_a_reason(api: TestClient, backend: Database) -> None:
    code = issue_enroll_code(backend, "TKY01", 10)
    assert api.post("/v1/enroll", json={"code": code}).status_code == 201
    before = devices(backend)

    reused = api.post("/v1/enroll", json={"code": code})
    assert reused.status_code == REFUSED
    assert reused.json() == {"detail": "This enrolment code was already used. Ask for a new one."}
    # The same used code typed differently is still the same, used code.
    assert "already used" in api.post("/v1/enroll", json={"code": code.lower()}).json()["detail"]

    expired = issue_enroll_code(backend, "TKY01", 10)
    with backend.transaction() as s:
        s.get_one(EnrollCode, digest(expired)).expires_at = now() - timedelta(seconds=1)
    r = api.post("/v1/enroll", json={"code": expired})
    assert r.status_code == REFUSED
    assert r.json()["detail"] == "This enrolment code has expired. Ask for a new one."

    unknown = "".join(ALPHABET[(i * 7) % 32] for i in range(12))
    r = api.post("/v1/enroll", json={"code": unknown})
    assert r.status_code == REFUSED
    assert r.json()["detail"] == "This enrolment code is not valid. Check it and type it again."

    # Malformed requests are validation errors, not refusals.
    assert api.post("/v1/enroll", json={"code": "AB"}).status_code == 422
    assert api.post("/v1/enroll", json={}).status_code == 422
    assert api.post("/v1/enroll", json={"code": code, "device_name": ""}).status_code == 422
    assert devices(backend) == before


def test_a_code_is_valid_until_it_expires(api: TestClient, backend: Database) -> None:
    code = issue_enroll_code(backend, "BER01", 10)
    with backend.transaction() as s:
        s.get_one(EnrollCode, digest(code)).expires_at = now() + timedelta(seconds=30)
    r = api.post("/v1/enroll", json={"code": code})
    assert r.status_code == 201 and r.json()["store_code"] == "BER01"


@pytest.mark.parametrize("minutes", ["-1", "0", "10081", "99999999999", "ten"])
def test_enroll_code_refuses_a_lifetime_that_makes_no_sense(
    backend: Database, minutes: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = codes(backend)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--db", backend.url, "enroll-code", "--store", "TKY01", "--minutes", minutes])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--minutes must be" in err and ("between 1 and 10080" in err or "whole number" in err), err
    assert codes(backend) == before
    with pytest.raises(ValueError, match="valid for 1 to 10080 minutes"):
        issue_enroll_code(backend, "TKY01", int(minutes) if minutes.lstrip("-").isdigit() else 0)


def test_enroll_code_accepts_db_after_the_sub_command(backend: Database, capsys: pytest.CaptureFixture[str]) -> None:
    before = codes(backend)
    assert cli.main(["enroll-code", "--store", "TKY01", "--minutes", "5", "--db", backend.url]) == 0
    assert "Enrolment code for TKY01" in capsys.readouterr().out
    assert cli.main(["--db", "sqlite:///nowhere/else.db", "enroll-code", "--db", backend.url, "--store", "BER01"]) == 0
    assert codes(backend) == before + 2


def codes(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(EnrollCode)) or 0


def test_issuing_a_code_for_a_warehouse_or_unknown_store_fails(backend: Database) -> None:
    with pytest.raises(SystemExit, match="No store with code WH-JP"):
        issue_enroll_code(backend, "WH-JP", 10)
    with pytest.raises(SystemExit, match="Stores: TKY01, BER01, TKY02, BER02"):
        issue_enroll_code(backend, "NOPE", 10)


def test_a_revoked_device_is_refused_everywhere(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    other = enrol(api, backend)
    assert api.get("/v1/device", headers=device.headers).status_code == 200
    assert cli.main(["--db", backend.url, "revoke-device", device.device_id]) == 0
    for path in ("/v1/device", "/v1/sync/stock/changes", "/v1/sync/catalog/checksum", "/v1/events?once=true"):
        r = api.get(path, headers=device.headers)
        assert r.status_code == 401, path
        assert r.json()["detail"] == "This device was revoked: ask the head office to enrol it again"
        assert r.headers["www-authenticate"] == "Bearer"
    assert api.get("/v1/device", headers=other.headers).status_code == 200  # only that one device


def test_a_code_enrols_one_device_even_when_used_concurrently(backend: Database) -> None:
    """Eight tablets scan the same QR code at once: exactly one of them is enrolled."""
    code = issue_enroll_code(backend, "TKY01", 10)
    statuses: list[int] = []
    barrier = threading.Barrier(8)

    def attempt(client: httpx.Client) -> None:
        barrier.wait()
        statuses.append(client.post("/v1/enroll", json={"code": code}).status_code)

    with run_central(backend) as url, httpx.Client(base_url=url, timeout=30) as client:
        threads = [threading.Thread(target=attempt, args=(client,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(statuses) == [201] + [REFUSED] * 7
    assert devices(backend) == 1
