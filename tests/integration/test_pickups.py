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


def ready_order(till: Device, url: str, db: Database, missing: int = 0, payment: str = "paid") -> tuple[object, str]:
    """An order from the shop, synced, picked (line 2 `missing` short) and made ready; (pickup, code)."""
    order = create_order(url, db, payment=payment)
    assert till.engine.sync_once().online
    p = next(x for x in till.pickups.queue().by_state("new") if x.number == order["number"])
    picked = {x.line_no: x.quantity - (missing if x.line_no == 2 else 0) for x in p.lines}
    till.pickups.pick(p, picked, {2: missing} if missing else {}, "B-3", None)
    till.pickups.ready(till.pickups.get(p.id), None)
    assert till.engine.sync_once().online
    assert till.engine.sync_once().online
    p = till.pickups.get(p.id)
    assert p.state == "ready" and not p.pending
    return p, str(till.store.query("SELECT code FROM pickups WHERE id=?", (p.id,))[0][0])


def test_the_bag_label_prints_through_the_spool_and_its_qr_opens_the_order(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    import zxingcpp

    from pos_app.devices.printer import NetworkPrinter
    from pos_app.devices.printer.fake import FakeNetworkPrinter, read_escpos
    from pos_app.services.pickups import label_code

    till1, till2, online = tills
    fake = FakeNetworkPrinter().start()
    try:
        till1.receipts.printer = NetworkPrinter(fake.host, fake.port, timeout=2)
        with online() as url:
            p, code = ready_order(till1, url, central_db, missing=1)
            assert till2.engine.sync_once().online
        out = till1.pickups.print_label(p, till1.receipts)
        assert out.printed and out.problem is None and len(fake.jobs) == 1
        page = read_escpos(fake.jobs[0])  # the real bytes, read as a printer would
        assert page.kanji_mode_used and page.cuts == 1  # a Tokyo store: Shift_JIS
        assert p.number in page.double_lines and "Hanako Yamada" in page.double_lines and "棚 B-3" in page.double_lines
        assert "2 点（欠品 1）" in page.lines  # 1 + 1 in the bag, one missing
        [found] = [
            r.text
            for b in page.images
            for r in zxingcpp.read_barcodes(b.to_image(), formats=zxingcpp.BarcodeFormat.QRCode)
        ]
        assert found == label_code("TKY01", p.number) and found != code  # not the customer's signed code
        # the printer is off: the label waits in the spool (nothing blocks) and prints when it is back
        fake.power(False)
        waiting = till1.pickups.print_label(p, till1.receipts, shelf="C-1")
        assert not waiting.printed and waiting.problem == "printer.offline"
        assert [r for _i, r, _w in till1.receipts.labels_waiting()] == [f"pickup:{p.number}"]
        fake.power(True)
        assert till1.receipts.flush() == 1 and till1.receipts.labels_waiting() == []
        assert "棚 C-1" in read_escpos(fake.jobs[-1]).double_lines
        # scanned on a staff tablet, the label names the order (it collects nothing by itself)
        assert till2.pickups.from_label(found).id == p.id
        with pytest.raises(ValidationFailed, match="for store BER01"):
            till2.pickups.from_label(label_code("BER01", p.number))
        with pytest.raises(ValidationFailed, match="not a bag label"):
            till2.pickups.from_label("aisle:o1:garbage")
    finally:
        fake.stop()


def test_missing_units_are_refunded_and_an_expired_bag_waits_for_staff(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    from central.changes import writing
    from central.pickups import run_due

    till1, till2, online = tills
    with online() as url:
        p, _code = ready_order(till1, url, central_db, missing=1)
        unit = p.lines[1].unit_price
        assert p.refund == unit and p.lines[1].missing == 1  # the shop refunds the missing unit
        vid = p.lines[0].variant_id
        with central_db.session() as s:
            reserved = s.get_one(Stock, (1, vid)).reserved
        with central_db.session() as s, writing(s):
            run_due(s, datetime.now(UTC) + timedelta(days=8))
        assert till1.engine.sync_once().online and till2.engine.sync_once().online
        gone = till1.pickups.get(p.id)
        assert gone.state == "expired" and gone.needs_restock and till1.pickups.queue().to_restock == (gone,)
        with central_db.session() as s:  # still reserved: the bag is on its shelf
            assert s.get_one(Stock, (1, vid)).reserved == reserved
        till1.pickups.restock(gone, None)
        assert not till1.pickups.get(p.id).needs_restock and till1.pickups.get(p.id).pending  # offline-right
        with pytest.raises(ValidationFailed, match="already back on the shelf"):
            till1.pickups.restock(till1.pickups.get(p.id), None)
        assert till1.engine.sync_once().online
        assert till1.engine.sync_once().online
        done = till1.pickups.get(p.id)
        assert done.restocked_at and not done.pending and done.refund == sum(x.quantity * x.unit_price for x in p.lines)
        with central_db.session() as s:
            assert s.get_one(Stock, (1, vid)).reserved == reserved - 1
        # the other till, which saw "put back", sees it done after a sync
        assert till2.engine.sync_once().online and not till2.pickups.get(p.id).needs_restock
        assert any(e.type == "pickup.restock" for e in till1.store.journal_entries())


def test_the_kiosk_check_in_reaches_the_staff_tablet_and_finished_pickups_leave_it(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    from central.changes import writing
    from central.pickups import PRUNE_DAYS, run_due

    staff, kiosk, online = tills
    with online() as url:
        p, code = ready_order(staff, url, central_db)
        assert kiosk.engine.sync_once().online
        # refused codes: the customer's words, nothing sent
        forged = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
        assert (
            kiosk.pickups.check_in(forged).sentence
            == "This code is not one of ours. Please show your e-mail at the counter."
        )
        assert "could not read" in kiosk.pickups.check_in("4901234567894").sentence
        later = PickupService(
            kiosk.store, kiosk.identity, kiosk.lookup.scan, clock=lambda: datetime.now(UTC) + timedelta(days=8)
        )
        assert later.check_in(code).pickup is None and "expired" in later.check_in(code).sentence
        with central_db.session() as s:
            key = s.scalars(select(SigningKey)).one()
        claim = PickupClaim(p.id, p.number, "BER01", int(time.time()) + 3600, int(time.time()), key.kid)
        other = kiosk.pickups.check_in(sign_pickup_code(claim, private_key_from_text(key.private_key)))
        assert other.pickup is None and "not here" in other.sentence and "Berlin" in other.sentence
        assert kiosk.store.query("SELECT count(*) FROM outbox WHERE type='pickup.arrive'", (), "device")[0][0] == 0
        staff.engine.start()  # live, as a staff tablet runs
        try:
            answer = kiosk.pickups.check_in(code)
            assert answer.pickup is not None and answer.sentence.startswith("Thank you, Hanako — someone is coming")
            t0 = time.monotonic()
            assert kiosk.engine.sync_once().online  # the kiosk's engine pushes the op
            while time.monotonic() - t0 < 10 and not staff.pickups.queue().waiting():
                time.sleep(0.05)
            took = time.monotonic() - t0
        finally:
            staff.engine.stop()
        (waiting,) = staff.pickups.queue().waiting()
        assert waiting.id == p.id and waiting.arrived_at and took < 5  # within the poke time (live)
        # handed over: nobody waits any more
        staff.pickups.handover(staff.pickups.verify_code(code), staff_id=None, found_by="code")
        assert staff.pickups.queue().waiting() == ()
        assert staff.engine.sync_once().online and kiosk.engine.sync_once().online
        assert kiosk.pickups.check_in(code).sentence.startswith("This order has already been collected")
        # a fortnight later the finished pickup leaves the stream; the tablet drops it as a change
        with central_db.session() as s, writing(s):
            run_due(s, datetime.now(UTC) + timedelta(days=PRUNE_DAYS, hours=1))
        assert staff.engine.sync_once().online
        assert all(x.id != p.id for x in staff.pickups.queue().pickups)
        assert staff.store.query("SELECT count(*) FROM pickups WHERE id=?", (p.id,))[0][0] == 0
