"""Throwaway demo data for `pos-app screenshots`: a seeded central in a subprocess, a device
enrolled against it over HTTP (its token kept in memory, not in the keyring), signed-in staff,
a product worth showing, a correction waiting to be sent, one rejected by central, and the link
going down. The screenshot command (pos_app/ui/screenshots.py) only renders; everything that
needs the local store, the sync client or central lives here."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.auth import Session
from pos_app.services.enrollment import record_enrollment
from pos_app.services.errors import Said, SignInError
from sync.client import CentralClient

DEMO_PINS = ("1111", "1112", "2222", "3333")  # central/seed.py prints them


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class DemoCentral:
    workdir: Path
    products: int = 4000
    db: str = ""
    url: str = ""
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def _cmd(self) -> list[str]:
        """How to run central: `AISLE_CENTRAL_CMD` (a packaged app holds no central: the package
        check points it at the venv's `central`), else this Python's `-m central.cli`."""
        given = os.environ.get("AISLE_CENTRAL_CMD", "")
        if given:
            return [*shlex.split(given), "--db", self.db]
        if getattr(sys, "frozen", False):
            raise RuntimeError("a packaged app has no central: set AISLE_CENTRAL_CMD to a `central` command")
        return [sys.executable, "-m", "central.cli", "--db", self.db]

    def seed(self) -> None:
        self.db = f"sqlite:///{self.workdir / 'central.db'}"
        subprocess.run(
            [*self._cmd(), "seed", "--products", str(self.products), "--stores", "4", "--seed", "1"],
            check=True,
            capture_output=True,
        )
        self.url = f"http://127.0.0.1:{_free_port()}"

    def start(self) -> None:
        port = self.url.rsplit(":", 1)[1]
        self.proc = subprocess.Popen(
            [*self._cmd(), "serve", "--port", port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with CentralClient(self.url) as c:
                    c.health()
                return
            except Exception:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("the demo central did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def enroll_code(self, store: str) -> str:
        out = subprocess.run(
            [*self._cmd(), "enroll-code", "--store", store, "--central-url", self.url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        m = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", out)
        assert m, out
        return m.group(1)

    def gift_card(self, currency: str = "JPY", amount: int = 3000) -> str:
        """A new gift card loaded with `amount` (`central accounts issue-card`): its number."""
        out = subprocess.run(
            [*self._cmd(), "accounts", "issue-card", "--currency", currency, "--amount", str(amount)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        m = re.search(r"\((GC[0-9]{11})\)", out)
        assert m, out
        return m.group(1)


@contextmanager
def demo_central(workdir: Path, products: int = 4000) -> Iterator[DemoCentral]:
    central = DemoCentral(workdir, products)
    central.seed()
    central.start()
    try:
        yield central
    finally:
        central.stop()


def demo_device(central: DemoCentral, data: Path, store_code: str = "TKY01") -> Device:
    """Enrolled over HTTP and bootstrapped; the token and PIN key stay in memory."""
    store = LocalStore(data)
    with CentralClient(central.url) as c:
        resp = c.enroll(central.enroll_code(store_code), "screenshots")
    record_enrollment(store, resp, central.url)
    store.close()
    device = Device(data, token=resp.token, pin_key=getattr(resp, "pin_key", None))
    status = device.engine.sync_once()
    assert device.bootstrapped(), status.message
    return device


def demo_session(device: Device, role: str = "ASSOCIATE") -> Session:
    person = next(p for p in device.auth.staff() if p.role.name == role)
    for pin in DEMO_PINS:
        try:
            return device.auth.sign_in(person.id, pin)
        except SignInError:
            continue
    raise RuntimeError(f"no demo PIN signs in {person.name}")


def demo_product(device: Device, query: str = "linen") -> tuple[str, int]:
    """(style, variant): the best-stocked of the first results, on its best-stocked size."""

    def stocked(code: str) -> int:
        v = device.lookup.product(code)
        return 0 if v is None else sum(c.available > 0 for c in v.cells.values())

    hits = device.lookup.search(query, 20, 0)
    target = max(hits, key=lambda h: stocked(h.code))
    view = device.lookup.product(target.code)
    assert view is not None
    focus = max(view.cells.values(), key=lambda c: c.available).variant_id
    return target.code, focus


def demo_sell(device: Device, count: int = 3) -> list[str]:
    """Barcodes of a few priced items for the sell screen, and a demo promotion on the first
    (20 % off) until promotions come from central as a stream."""
    rows = device.store.query(
        "SELECT b.code, c.sku FROM barcodes b JOIN catalog c ON c.id=b.variant_id WHERE c.id IN ("
        "SELECT min(c2.id) FROM catalog c2 WHERE EXISTS (SELECT 1 FROM prices p WHERE p.variant_id=c2.id "
        "AND p.currency=(SELECT currency FROM locations WHERE id=?)) GROUP BY c2.style_code "
        "ORDER BY c2.style_code LIMIT ?) ORDER BY c.style_code",
        (device.identity.store_id, count),
    )
    seen: set[str] = set()
    picked: list[tuple[str, str]] = []
    for code, sku in rows:  # one barcode per item, different styles: like a real basket
        if sku not in seen:
            seen.add(sku)
            picked.append((str(code), str(sku)))
    promo = {
        "id": "demo-linen-week",
        "kind": "percent_off",
        "name": "Linen week −20 %",
        "target": {"skus": [picked[0][1]]},
        "percent": "20",
    }
    device.basket.promotions = lambda: [promo]
    return [c for c, _s in picked]


def demo_corrections(device: Device, session: Session, variant_id: int) -> None:
    """One correction waiting to be sent and one that central rejected (for the queue sheet)."""
    device.stock.correct(session, variant_id, delta=-1, reason=CorrectionReason.DAMAGED)
    rejected = device.stock.correct(session, variant_id, delta=2, reason=CorrectionReason.FOUND)
    device.store.op_dead(rejected, 422, "the item was withdrawn from sale at central")
    device.engine.refresh_status()


def demo_pickups(device: Device, central: DemoCentral, count: int = 4) -> tuple[str, str]:
    """Click-and-collect orders made as the web shop would (`central pickup-demo`), synced; the
    oldest picked onto shelf B-3 and made ready, its signed code synced back. Returns the
    customer's code and a tampered copy of it (the refused-code screenshot)."""
    subprocess.run(
        [*central._cmd(), "pickup-demo", "--store", device.identity.store_code, "--count", str(count)],
        check=True,
        capture_output=True,
    )
    device.engine.sync_once()
    first = device.pickups.queue().by_state("new")[0]
    device.pickups.pick(first, {x.line_no: x.quantity for x in first.lines}, {}, "B-3", None)
    device.pickups.ready(device.pickups.get(first.id), None)
    device.engine.sync_once()
    device.engine.sync_once()
    code = str(device.store.query("SELECT code FROM pickups WHERE id=?", (first.id,))[0][0])
    return code, code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")


def demo_ready_pay_on_pickup(device: Device) -> str:
    """A new pay-on-pickup order of the demo (demo_pickups made some) picked onto shelf C-1 and
    made ready, synced; its customer's code (the pay-at-the-till screenshots)."""
    p = next(x for x in device.pickups.queue().by_state("new") if x.pay_on_pickup)
    device.pickups.pick(p, {x.line_no: x.quantity for x in p.lines}, {}, "C-1", None)
    device.pickups.ready(device.pickups.get(p.id), None)
    device.engine.sync_once()
    device.engine.sync_once()
    return str(device.store.query("SELECT code FROM pickups WHERE id=?", (p.id,))[0][0])


def demo_expired(device: Device, central: DemoCentral, pickup_id: int) -> None:
    """The ready pickup not collected in time: its expiry moved into the past in the demo
    central's database, then the job that expires it (`central pickups-expire`), synced."""
    import sqlite3

    path = central.db.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE fulfilments SET expires_at='2000-01-01 00:00:00.000000' WHERE id=?", (pickup_id,))
        con.commit()
    finally:
        con.close()
    subprocess.run([*central._cmd(), "pickups-expire"], check=True, capture_output=True)
    device.engine.sync_once()


@contextmanager
def demo_printer(device: Device) -> Iterator[object]:
    """This till printing on a fake network printer for a while (the label screenshot)."""
    from pos_app.devices.printer import NetworkPrinter
    from pos_app.devices.printer.fake import FakeNetworkPrinter

    fake = FakeNetworkPrinter().start()
    before = device.receipts.printer
    device.receipts.printer = NetworkPrinter(fake.host, fake.port, timeout=2)
    try:
        yield fake
    finally:
        device.receipts.printer = before
        fake.stop()


def demo_wrong_item(device: Device, pickup_id: int) -> str:
    """A barcode of an item that is not in this pickup order (picking's refusal)."""
    ids = [x.variant_id for x in device.pickups.get(pickup_id).lines]
    rows = device.store.query(
        f"SELECT code FROM barcodes WHERE variant_id NOT IN ({','.join('?' * len(ids))}) ORDER BY variant_id LIMIT 1",
        ids,
    )
    return str(rows[0][0])


DEMO_ADDRESS = {"country": "JP", "postcode": "150-0041", "region": "東京都", "city": "渋谷区", "street": "神南1-19-11",
                "building": "パークウェースクエア 4F"}  # fmt: skip


@dataclass
class DemoAisle:
    customer: str  # a known customer (recent, address kept)
    ship_style: str  # a product shown with its Ship buttons
    ship_variant: int
    unsourced: int  # fulfilment ids in the ship_orders stream
    to_ship: int
    carry_variant: int  # one this store has, to carry out beside the shipped one


def _central_sql(central: DemoCentral, sql: str, args: tuple[object, ...]) -> None:
    """A demo-only change straight into the demo central's SQLite file (its stock), so one order
    comes back unsourced and one is for this store to ship."""
    import sqlite3

    path = central.db.removeprefix("sqlite:///")
    con = sqlite3.connect(path, timeout=10)
    try:
        with con:
            con.execute(sql, args)
    finally:
        con.close()


def demo_aisle(device: Device, session: Session, central: DemoCentral) -> DemoAisle:
    """Endless aisle (docs/endless-aisle.md): Hanako served here before with her address kept;
    one order whose stock went (central: unsourced), one only this store has (to ship here),
    both synced; and one made after the last sync (to be confirmed)."""
    from pos_app.services.basket import Delivery
    from pos_app.services.checkout import Tender, TenderType

    here = device.identity.store_id
    hanako = device.customers.search("Hanako").customers[0]
    device.customers.used(hanako)
    address = device.orders.remember_address(hanako.id, DEMO_ADDRESS)
    rows = device.store.query(
        "SELECT s.variant_id, c.style_code FROM stock s JOIN catalog c ON c.id=s.variant_id WHERE s.location_id=? "
        "AND s.on_hand - s.reserved >= 2 AND c.category != 'delivery' AND EXISTS (SELECT 1 FROM prices p WHERE "
        "p.variant_id=c.id AND p.amount < 9000) AND EXISTS (SELECT 1 FROM stock o WHERE o.variant_id=s.variant_id "
        "AND o.location_id != ? AND o.on_hand - o.reserved > 0) GROUP BY c.style_code ORDER BY c.style_code LIMIT 3",
        (here, here),
    )
    (gone, _s1), (mine, _s2), (later, later_style) = [(int(v), str(st)) for v, st in rows]
    _central_sql(central, "UPDATE stock SET on_hand = reserved WHERE variant_id=?", (gone,))
    _central_sql(central, "UPDATE stock SET on_hand = reserved WHERE variant_id=? AND location_id != ?", (mine, here))
    cash = [Tender(TenderType.CASH, 10**7)]
    svc = device.basket
    for vid, who in ((gone, hanako), (mine, hanako), (later, hanako)):
        if vid == later:
            device.engine.sync_once()
            device.engine.sync_once()  # the first two reach central and come back; this one waits
        basket = svc.new()
        svc.add_ship(basket, vid)
        svc.attach_customer(basket, who)
        svc.set_delivery(basket, Delivery("home", "jp-standard", address, language="ja"))
        svc.complete(session, basket, cash)
    found = {o.lines[0].variant_id: o for o in device.orders.orders().orders if o.lines}
    unsourced, to_ship = found[gone].id, found[mine].id
    assert unsourced is not None and to_ship is not None, found
    return DemoAisle(hanako.name, later_style, later, unsourced, to_ship, mine)


def demo_refused(device: Device, session: Session) -> str:
    """An endless-aisle order central refuses (ship-to-store to a store central no longer has),
    paid in cash and synced: its order_id (the refused-order screenshot)."""
    from pos_app.services.basket import Delivery
    from pos_app.services.checkout import Tender, TenderType

    here = device.identity.store_id
    vid = int(
        device.store.query(
            "SELECT s.variant_id FROM stock s JOIN catalog c ON c.id=s.variant_id WHERE s.location_id != ? "
            "AND s.on_hand - s.reserved > 0 AND c.category != 'delivery' ORDER BY s.variant_id LIMIT 1",
            (here,),
        )[0][0]
    )
    svc = device.basket
    basket = svc.new()
    svc.add_ship(basket, vid)
    svc.attach_customer(basket, device.customers.search("Hanako").customers[0])
    svc.set_delivery(basket, Delivery("store", "jp-store", store_id=999_999, store_name="Aisle Odaiba (closed)"))
    svc.complete(session, basket, [Tender(TenderType.CASH, 10**7)])
    device.engine.sync_once()
    device.engine.sync_once()
    return str(basket.order_id)


def demo_offline(device: Device, central: DemoCentral) -> None:
    """The link drops: central stops, the next sync finds nobody there."""
    central.stop()
    device.engine.sync_once()
    # what the engine keeps when a page will not parse (sync/words.py), shown on the problems sheet
    bad = Said("link.malformed", what="ChangePage", why="Input should be a valid integer at changes.0.seq")
    device.store.record_error("malformed:prices", Said("sync.malformed_kept", stream="prices", detail=bad))
    device.engine.refresh_status()


__all__ = [
    "DemoAisle",
    "DemoCentral",
    "demo_aisle",
    "demo_central",
    "demo_corrections",
    "demo_device",
    "demo_expired",
    "demo_offline",
    "demo_pickups",
    "demo_printer",
    "demo_product",
    "demo_ready_pay_on_pickup",
    "demo_refused",
    "demo_sell",
    "demo_session",
    "demo_wrong_item",
]


def demo_return(device: Device, session: Session) -> tuple[str, str]:
    """The returns screenshots: a cash sale of two units on this till (a shift open for the
    refund), a return of both started as the customer would online (central signs its code,
    synced to the till), and the sale's receipt number. Returns (return code, receipt no)."""
    import orjson

    from pos_app.services.basket import TenderType
    from sync.pricing import Tender

    if device.shifts.current() is None:
        device.shifts.open(session, {"10000": 2, "1000": 10})
    vid, _n = next(
        (int(v), int(n))
        for v, n in device.store.query(
            "SELECT c.id, s.on_hand FROM catalog c JOIN stock s ON s.variant_id = c.id "
            "WHERE s.location_id=? AND s.on_hand > 3 AND c.active=1 ORDER BY c.id LIMIT 1",
            (device.identity.store_id,),
        )
    )
    b = device.basket.new()
    view = device.basket.add(b, vid, 2)
    sale = device.basket.complete(session, b, [Tender(TenderType.CASH, view.total_minor)])
    device.engine.sync_once()
    body = {"sale_id": str(sale.sale_id), "reason": "size", "lines": [{"line_id": "1", "quantity": 2}]}
    with device.new_client() as c, c._request("POST", "/v1/returns", json=body) as r:
        r.read()
        code = str(orjson.loads(r.content)["code"])
    device.engine.sync_once()
    return code, sale.receipt_no


def demo_return_item(device: Device) -> str:
    """A SKU of this store for the no-receipt screenshot."""
    return str(device.store.query("SELECT sku FROM catalog WHERE active=1 ORDER BY id LIMIT 1 OFFSET 3")[0][0])
