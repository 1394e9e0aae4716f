"""Click-and-collect end to end with a real central on loopback and real tablets: the web shop's
order reaches the store's tablets live, is picked with scans (a wrong item refused), made ready
(central e-mails the customer), and handed over after the customer's QR is checked OFFLINE; two
tablets handing over the same order offline: central takes the first, the second is told."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from central.db import Database
from central.models import MailMessage, SigningKey, Stock, Variant
from pos_app.services.app import Device
from pos_app.services.errors import ValidationFailed
from pos_app.services.pickups import PickupService
from sync.pickup_code import PickupClaim, sign_pickup_code
from sync.receipts.code import private_key_from_text
from tests.central.helpers import channel_token
from tests.support.servers import free_port, run_central

Online = Callable[[], AbstractContextManager[str]]


@pytest.fixture
def tills(
    central_db: Database, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path
) -> Iterator[tuple[Device, Device, Online]]:
    """Two enrolled, bootstrapped TKY01 tablets ("till 1", "till 2") and `online()`."""
    from pos_app.local.store import LocalStore
    from pos_app.services.enrollment import enroll

    port = free_port()

    def online() -> AbstractContextManager[str]:
        return run_central(central_db, port=port, watch=0.1)

    devices = []
    with online() as url:
        for name in ("till 1", "till 2"):
            store = LocalStore(tmp_path / name.replace(" ", ""))
            enroll(store, url, enroll_code("TKY01"), name)
            store.close()
            dev = Device(tmp_path / name.replace(" ", ""), keepalive_seconds=1.0, poll_seconds=2.0)
            status = dev.engine.sync_once()
            assert status.online and dev.bootstrapped(), status.message
            devices.append(dev)
    try:
        yield devices[0], devices[1], online
    finally:
        for d in devices:
            d.close()


def create_order(url: str, db: Database, payment: str = "paid") -> dict[str, object]:
    with db.session() as s:
        rows = s.execute(
            select(Variant.sku)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.location_id == 1, Stock.on_hand - Stock.reserved >= 3)
            .order_by(Variant.id)
            .limit(2)
        ).all()
    body = {
        "reference": "web-2001",
        "store": "TKY01",
        "customer": {"name": "Hanako Yamada", "email": "hanako@example.com", "language": "ja"},
        "lines": [{"sku": rows[0][0], "qty": 1}, {"sku": rows[1][0], "qty": 2}],
        "payment": payment,
    }
    r = httpx.post(f"{url}/v1/channel/pickups", headers=channel_token(db), json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def barcode(device: Device, variant_id: int) -> str:
    return str(device.store.query("SELECT code FROM barcodes WHERE variant_id=? LIMIT 1", (variant_id,))[0][0])


def test_pick_ready_and_handover_offline_with_one_winner(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    till1, till2, online = tills
    with online() as url:
        till1.engine.start()  # live: the poke brings the new order without a sync asked for
        try:
            order = create_order(url, central_db)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not till1.pickups.queue().by_state("new"):
                time.sleep(0.05)
        finally:
            till1.engine.stop()
        queue = till1.pickups.queue()
        assert queue.counts["new"] == 1
        (p,) = queue.by_state("new")
        assert p.number == order["number"] and p.customer == "Hanako Yamada" and len(p.lines) == 2
        # picking: a unit of each line scanned; a wrong item is refused with a sentence
        picked: dict[int, int] = {}
        wrong = till1.store.query(
            "SELECT variant_id FROM barcodes WHERE variant_id NOT IN (?, ?) LIMIT 1",
            (p.lines[0].variant_id, p.lines[1].variant_id),
        )[0][0]
        with pytest.raises(ValidationFailed, match="is not in order"):
            till1.pickups.scan_item(p, barcode(till1, int(wrong)), picked)
        for line in p.lines:
            for _ in range(line.quantity):
                n = till1.pickups.scan_item(p, barcode(till1, line.variant_id), picked)
                picked[n] = picked.get(n, 0) + 1
        with pytest.raises(ValidationFailed, match="needs no more"):
            till1.pickups.scan_item(p, barcode(till1, p.lines[0].variant_id), picked)
        with pytest.raises(ValidationFailed, match="still needs a scan"):
            till1.pickups.ready(p, None)
        till1.pickups.pick(p, picked, {}, "B-3", None)
        p = till1.pickups.get(p.id)
        assert p.state == "picking" and p.pending and p.shelf == "B-3"
        till1.pickups.ready(p, None)
        assert till1.engine.sync_once().online
        assert till2.engine.sync_once().online
        p = till1.pickups.get(p.id)
        assert p.state == "ready" and not p.pending and p.expires_at
        with central_db.session() as s:
            assert s.scalars(select(MailMessage.to).where(MailMessage.kind == "pickup.ready")).all() == [
                "hanako@example.com"
            ]
            code = str(till1.store.query("SELECT code FROM pickups WHERE id=?", (p.id,))[0][0])
            key = s.scalars(select(SigningKey)).one()
    # central is gone: both tills check the customer's QR offline and hand the bag over
    assert till1.pickups.verify_code(code).id == p.id
    forged = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
    with pytest.raises(ValidationFailed, match="not genuine"):
        till1.pickups.verify_code(forged)
    claim = PickupClaim(p.id, p.number, "BER01", int(time.time()) + 3600, int(time.time()), key.kid)
    with pytest.raises(ValidationFailed, match="not here"):
        till1.pickups.verify_code(sign_pickup_code(claim, private_key_from_text(key.private_key)))
    later = PickupService(
        till1.store, till1.identity, till1.lookup.scan, clock=lambda: datetime.now(UTC) + timedelta(days=8)
    )
    with pytest.raises(ValidationFailed, match="expired"):
        later.verify_code(code)
    till1.pickups.handover(till1.pickups.verify_code(code), staff_id=None, found_by="code")
    with pytest.raises(ValidationFailed, match=r"already collected .* by this till"):
        till1.pickups.verify_code(code)
    p2 = till2.pickups.verify_code(code)
    till2.pickups.handover(p2, staff_id=None, found_by="code", collector_name="Ken Yamada")
    assert till1.pickups.get(p.id).state == "collected" and till2.pickups.get(p.id).state == "collected"
    with online():
        assert till1.engine.sync_once().online
        till2.engine.sync_once()
        till2.engine.sync_once()  # the rejection, then the pickups page that says who collected
    mine = till1.pickups.get(p.id)
    assert mine.state == "collected" and not mine.pending and mine.collected_device == "till 1"
    theirs = till2.pickups.get(p.id)
    assert theirs.state == "collected" and theirs.collected_device == "till 1"
    assert "already collected at" in theirs.refused and "by till till 1" in theirs.refused
    with pytest.raises(ValidationFailed, match=r"already collected at \d\d:\d\d by till till 1"):
        till2.pickups.verify_code(code)
    # both handovers are in the tills' journals
    for dev in (till1, till2):
        assert any(e.type == "pickup.handover" for e in dev.store.journal_entries())


def test_search_by_number_and_name(tills: tuple[Device, Device, Online], central_db: Database) -> None:
    till1, _till2, online = tills
    with online() as url:
        order = create_order(url, central_db, payment="pay_on_pickup")
        assert till1.engine.sync_once().online
    number = str(order["number"])
    with pytest.raises(ValidationFailed, match="is new, not ready"):
        till1.pickups.find(number, "yamada")
    with pytest.raises(ValidationFailed, match="No pickup order"):
        till1.pickups.find(number, "Suzuki")
    p = till1.pickups.queue().by_state("new")[0]
    assert p.pay_on_pickup
