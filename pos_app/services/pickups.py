"""Click-and-collect at the store (docs/pickups.md): the pickup queue, picking with a scan per
unit, ready, and the handover after the customer's QR (checked OFFLINE with central's public key)
or a search by order number and name.

The pickups are the `pickups` stream as central has them; what this till did and central has
not confirmed yet (`pickup_actions`) is laid over them, so the queue is right offline and a
refusal shows central's sentence. Every action is its op, its action row and a journal entry in
ONE device.db transaction. Call everything here from a worker.

Also here: the bag label (`label_bytes`, spooled through the receipts spool by `print_label`)
with its order QR (`aisle:o1:<store>:<number>`, an unsigned reference that opens the order on a
staff tablet and collects nothing), the expired bag put back on the shelf (`restock`), and the
kiosk's check-in (`check_in`: the customer's code verified offline, then `pickup.arrive`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import orjson

from pos_app.core.money import Money, format_money
from pos_app.local import pickups as local
from pos_app.local.store import Identity, LocalStore, now_iso
from pos_app.services.errors import Said, ValidationFailed
from sync.pickup_code import PREFIX, PickupCodeError, read_pickup_code, verify_pickup_code
from sync.protocol import (
    PickupArrivePayload,
    PickupHandoverPayload,
    PickupPickPayload,
    PickupReadyPayload,
    PickupRestockPayload,
)
from sync.receipts.code import public_key_from_text
from sync.receipts.escpos import (
    ALIGN,
    BOLD_OFF,
    BOLD_ON,
    CUT,
    DOTS,
    DOUBLE_OFF,
    DOUBLE_ON,
    GS,
    INIT,
    KANJI,
    KANJI_OFF,
    LATIN,
    qr_raster,
)

# The bag label's QR: which order this bag is, for a staff tablet's scanner. Deliberately NOT the
# customer's signed pickup code: a label lying on a shelf must not be a way to collect the bag,
# so scanning it opens the order like a search by number (the handover still needs "ID checked").
LABEL_PREFIX = "aisle:o1:"
# A customer who checked in at the kiosk is shown as waiting for this long (or until handed over).
WAITING_MINUTES = 30

STATES = ("new", "picking", "ready", "collected", "expired", "cancelled")


# The kiosk's sentences: for the customer, not for staff (kind words, what to do next).
KIOSK_WORDS = {
    "pickup_code.format": "We could not read this code. Please try again, or show it at the counter.",
    "pickup_code.forged": "This code is not one of ours. Please show your e-mail at the counter.",
    "pickup_code.unknown_key": "We cannot check this code just now. Please show it at the counter.",
    "pickup_code.other_store": "This order is for pickup at {store}, not here. Please check your e-mail.",
    "pickup_code.expired": "This code has expired. Please ask at the counter — we will help.",
    "pickup.unknown": "We cannot find this order here yet. Please show your e-mail at the counter.",
    "pickup.collected": "This order has already been collected. Please ask at the counter if that is wrong.",
    "pickup.not_ready": "Your order is not ready yet: we will e-mail you when it is.",
}


def error(code: str, **params: Any) -> ValidationFailed:
    return ValidationFailed(code, **params)


class Scan(Protocol):
    variant_id: int | None
    message: str


@dataclass(frozen=True)
class PickupLine:
    line_no: int
    variant_id: int
    sku: str
    name: str
    quantity: int
    unit_price: int
    picked: int
    missing: int
    collected: int

    @property
    def open(self) -> int:
        return self.quantity - self.picked - self.missing


@dataclass(frozen=True)
class Pickup:
    id: int
    number: str
    state: str
    payment: str
    currency: str
    total: int
    customer: str
    lines: tuple[PickupLine, ...]
    shelf: str
    created_at: str
    ready_at: str | None
    expires_at: str | None
    collected_at: str | None
    collected_by: str
    collected_device: str
    arrived_at: str | None = None  # the customer checked in at the kiosk
    restocked_at: str | None = None  # an expired bag confirmed back on the shelf
    refund: int = 0  # minor units owed back to the channel (paid orders: missing, expired)
    pending: bool = False  # this till did something central has not confirmed yet
    refused: str = ""  # central's sentence for this till's last refused action
    notes: tuple[str, ...] = field(default=())

    @property
    def pay_on_pickup(self) -> bool:
        return self.payment == "pay_on_pickup"

    @property
    def needs_restock(self) -> bool:
        """Expired and its bag not confirmed back on the shelf yet: staff have a job to do."""
        return self.state == "expired" and not self.restocked_at

    def waiting_since(self, now: datetime) -> bool:
        """The customer checked in at the kiosk within WAITING_MINUTES and it is not handed over."""
        if self.state != "ready" or not self.arrived_at:
            return False
        return now - datetime.fromisoformat(self.arrived_at) <= timedelta(minutes=WAITING_MINUTES)

    @property
    def units(self) -> int:
        return sum(x.quantity for x in self.lines)

    @property
    def first_name(self) -> str:
        """How the kiosk thanks the customer: the first word of a Latin name ("Hanako Yamada" →
        "Hanako"); a name in Japanese (family name first) whole, with 様."""
        name = self.customer.strip()
        if any(ord(c) > 0x2E7F for c in name):
            return f"{name} 様"
        return name.split()[0] if name else ""


@dataclass(frozen=True)
class PickupQueue:
    counts: dict[str, int]
    pickups: tuple[Pickup, ...]

    def by_state(self, state: str) -> tuple[Pickup, ...]:
        return tuple(p for p in self.pickups if p.state == state)

    def waiting(self, now: datetime | None = None) -> tuple[Pickup, ...]:
        """Ready orders whose customer checked in at the kiosk, who arrived first first."""
        at = now or datetime.now(UTC)
        return tuple(sorted((p for p in self.pickups if p.waiting_since(at)), key=lambda p: p.arrived_at or ""))

    @property
    def to_restock(self) -> tuple[Pickup, ...]:
        return tuple(p for p in self.pickups if p.needs_restock)


@dataclass(frozen=True)
class PickupSale:
    """A pay-on-pickup order about to be paid through the normal checkout (docs/pickups.md
    "Paying at the till"): the lines collected (line no, variant, quantity, the order's unit
    price) go into the basket as pickup lines, and `handover()` is the pickup.handover payload
    the sale's own transaction completes with its sale_id."""

    pickup_id: int
    number: str
    customer: str
    currency: str
    lines: tuple[tuple[int, int, int, int], ...]  # (line no, variant id, quantity, unit price)
    found_by: str
    id_checked: bool
    collector_name: str
    staff_id: int | None
    store_id: int

    @property
    def due(self) -> int:
        return sum(q * u for _n, _v, q, u in self.lines)

    def handover(self) -> dict[str, Any]:
        return {
            "pickup_id": self.pickup_id,
            "store_id": self.store_id,
            "collected_by": "someone_else" if self.collector_name else "customer",
            "collector_name": self.collector_name,
            "lines": [{"line_no": n, "quantity": q} for n, _v, q, _u in self.lines],
            "found_by": self.found_by,
            "id_checked": self.id_checked,
            "staff_id": self.staff_id,
        }


@dataclass(frozen=True)
class CheckIn:
    """The kiosk's answer: the customer's order (None when refused) and the sentence to show."""

    pickup: Pickup | None
    sentence: str


_COLUMNS = (
    "id, number, state, payment, currency, total, customer, lines, shelf, created_at, ready_at, "
    "expires_at, collected_at, collected_by, collected_device, arrived_at, restocked_at, refund"
)


def _pickup(row: tuple[Any, ...]) -> Pickup:
    lines = tuple(
        PickupLine(x["n"], x["v"], x["sku"], x["name"], x["q"], x["u"], x["p"], x["m"], x["c"])
        for x in orjson.loads(row[7])
    )
    return Pickup(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], lines, *row[8:15], row[15], row[16], row[17] or 0
    )


def _later(a: str, b: str | None) -> bool:
    return b is None or datetime.fromisoformat(a) > datetime.fromisoformat(b)


def _overlay(p: Pickup, actions: list[local.PickupAction]) -> Pickup:
    """What this till did, on top of central's row, until central's row shows it."""
    refused = ""
    for a in actions:
        if a.status == "rejected":
            refused = a.detail or Said("central.refused_this")
            continue
        refused = ""
        if a.status != "pending":
            continue
        if a.kind == "pick" and p.state in ("new", "picking"):
            picks = {x["line_no"]: x for x in a.data["lines"]}
            lines = tuple(
                replace(x, picked=picks[x.line_no]["picked"], missing=picks[x.line_no]["missing"])
                if x.line_no in picks
                else x
                for x in p.lines
            )
            p = replace(p, state="picking", lines=lines, shelf=a.data.get("shelf") or p.shelf, pending=True)
        elif a.kind == "ready" and p.state in ("new", "picking"):
            p = replace(p, state="ready", ready_at=a.at, pending=True)
        elif a.kind == "restock" and p.needs_restock:
            p = replace(p, restocked_at=a.at, pending=True)
        elif a.kind == "arrive" and p.state == "ready" and _later(a.at, p.arrived_at):
            p = replace(p, arrived_at=a.at, pending=True)
        elif a.kind == "handover" and p.state == "ready":
            given = {x["line_no"]: x["quantity"] for x in a.data["lines"]}
            lines = tuple(replace(x, collected=given.get(x.line_no, 0)) for x in p.lines)
            p = replace(
                p,
                state="collected",
                lines=lines,
                collected_at=a.at,
                collected_by=a.data.get("collector_name", ""),
                collected_device="this till",
                pending=True,
            )
    return replace(p, refused=refused)


class PickupService:
    def __init__(
        self,
        store: LocalStore,
        identity: Identity,
        scan: Callable[[str], Scan],
        kick: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.identity = identity
        self.scan = scan
        self.kick = kick
        self.clock = clock

    # --- reading ---------------------------------------------------------------------------------

    def queue(self) -> PickupQueue:
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM pickups WHERE store_id=? ORDER BY id", (self.identity.store_id,)
        )
        with self.store.raw("device") as con:
            acts = local.actions(con)
        by_pickup: dict[int, list[local.PickupAction]] = {}
        for a in acts:
            by_pickup.setdefault(a.pickup_id, []).append(a)
        pickups = tuple(_overlay(_pickup(r), by_pickup.get(int(r[0]), [])) for r in rows)
        counts = {s: 0 for s in STATES}
        for p in pickups:
            counts[p.state] = counts.get(p.state, 0) + 1
        return PickupQueue(counts, pickups)

    def counts(self) -> dict[str, int]:
        return self.queue().counts

    def waiting(self) -> int:
        """Orders waiting for the store: new ones to pick and ready ones to hand over (the main
        window's count)."""
        counts = self.counts()
        return counts["new"] + counts["ready"]

    @staticmethod
    def is_code(code: str) -> bool:
        """Whether a scanned text is meant as a pickup code (forged or not): no disk, so the UI
        may ask it on the GUI thread to decide where a scan goes."""
        return code.strip().startswith(PREFIX)

    def money(self, p: Pickup) -> str:
        """The order's total as the store writes money (the pay-on-pickup amount)."""
        return self._money(p.total, p.currency)

    def _money(self, minor: int, currency: str) -> str:
        return format_money(Money(minor, currency), self.locale())

    def locale(self) -> str:
        """This store's locale (how it writes money)."""
        rows = self.store.query("SELECT locale FROM locations WHERE id=?", (self.identity.store_id,))
        return str(rows[0][0]) if rows and rows[0][0] else "en_US"

    def get(self, pickup_id: int) -> Pickup:
        for p in self.queue().pickups:
            if p.id == pickup_id:
                return p
        raise error("pickup.unknown", number=str(pickup_id))

    def _zone(self) -> ZoneInfo:
        rows = self.store.query("SELECT timezone FROM locations WHERE id=?", (self.identity.store_id,))
        return ZoneInfo(str(rows[0][0])) if rows else ZoneInfo("UTC")

    def local_time(self, iso: str | None) -> str:
        if not iso:
            return ""
        return datetime.fromisoformat(iso).astimezone(self._zone()).strftime("%H:%M")

    def local_day_time(self, iso: str | None) -> str:
        """ "9 Dec 18:00" in the store's zone (how long a pickup code is good for)."""
        if not iso:
            return ""
        t = datetime.fromisoformat(iso).astimezone(self._zone())
        return f"{t.day} {t:%b %H:%M}"

    # --- picking -----------------------------------------------------------------------------------

    def scan_item(self, pickup: Pickup, code: str, picked: dict[int, int]) -> int:
        """The line a scanned item belongs to (one more unit of it); `picked` is what the bag
        holds so far per line. A wrong item is refused with a sentence."""
        found = self.scan(code)
        if found.variant_id is None:
            problem = getattr(found, "problem", "") or "pickup.scan"
            raise ValidationFailed(problem, **(getattr(found, "params", None) or {"code": code}))
        lines = [x for x in pickup.lines if x.variant_id == found.variant_id]
        if not lines:
            what = self.store.query("SELECT sku, name FROM catalog WHERE id=?", (found.variant_id,))
            label = f"{what[0][1]} ({what[0][0]})" if what else code
            raise error("pickup.wrong_item", what=label, number=pickup.number)
        for line in lines:
            if picked.get(line.line_no, 0) < line.quantity - line.missing:
                return line.line_no
        raise error("pickup.line_full", number=pickup.number, sku=lines[0].sku, qty=lines[0].quantity)

    def _write(self, kind: str, pickup_id: int, payload: dict[str, Any], journal: dict[str, Any]) -> str:
        op_id = str(uuid.uuid4())
        at = now_iso()
        with self.store.tx("device") as con:
            self.store.enqueue(con, f"pickup.{kind}", payload, op_id)
            local.add(con, op_id, pickup_id, kind, payload, at)
            self.store.journal_append(con, f"pickup.{kind}", {"pickup_id": pickup_id, "op_id": op_id, **journal})
        self.kick()
        return op_id

    def pick(
        self, pickup: Pickup, picked: dict[int, int], missing: dict[int, int], shelf: str, staff_id: int | None
    ) -> str:
        """Record the bag's content: `picked` units per line (each confirmed by `scan_item`) and
        `missing` ones; the shelf or bin the bag goes to."""
        lines = [
            {"line_no": x.line_no, "picked": picked.get(x.line_no, 0), "missing": missing.get(x.line_no, 0)}
            for x in pickup.lines
        ]
        payload = PickupPickPayload.model_validate(
            {
                "pickup_id": pickup.id,
                "store_id": self.identity.store_id,
                "lines": lines,
                "shelf": shelf.strip()[:40],
                "staff_id": staff_id,
                "picked_at": self.clock(),
            },
            strict=False,
        ).model_dump(mode="json", exclude_none=True)
        return self._write("pick", pickup.id, payload, {"shelf": shelf.strip()[:40], "staff_id": staff_id})

    def ready(self, pickup: Pickup, staff_id: int | None) -> str:
        for x in pickup.lines:
            if x.open > 0:
                raise error("pickup.not_picked", line=x.line_no, number=pickup.number)
        if not any(x.picked for x in pickup.lines):
            raise error("pickup.nothing_found", number=pickup.number)
        payload = PickupReadyPayload.model_validate(
            {
                "pickup_id": pickup.id,
                "store_id": self.identity.store_id,
                "staff_id": staff_id,
                "ready_at": self.clock(),
            },
            strict=False,
        ).model_dump(mode="json", exclude_none=True)
        return self._write("ready", pickup.id, payload, {"staff_id": staff_id})

    # --- the bag label ---------------------------------------------------------------------------------

    def _store_row(self) -> tuple[str, str]:
        rows = self.store.query("SELECT name, locale FROM locations WHERE id=?", (self.identity.store_id,))
        return (str(rows[0][0]), str(rows[0][1] or "")) if rows else (self.identity.store_name, "")

    def label_bytes(self, pickup: Pickup, shelf: str | None = None, columns: int = 48) -> bytes:
        name, locale = self._store_row()
        p = replace(pickup, shelf=(shelf if shelf is not None else pickup.shelf).strip()[:40])
        return render_label(p, self.identity.store_code, name, locale.startswith("ja"), columns)

    def print_label(self, pickup: Pickup, spool: Any, shelf: str | None = None) -> Any:
        """Spool the bag label on this till's printer (`ReceiptService.issue_label`): printed now
        if the printer takes it, else it waits in the spool; never blocks longer than one try."""
        return spool.issue_label(f"pickup:{pickup.number}", self.label_bytes(pickup, shelf, spool.columns))

    @staticmethod
    def is_label(code: str) -> bool:
        return code.strip().startswith(LABEL_PREFIX)

    def from_label(self, code: str) -> Pickup:
        """The order a scanned bag label names (this store's, still in the stream)."""
        parts = code.strip()[len(LABEL_PREFIX) :].split(":")
        if len(parts) != 2 or not parts[1].isdigit():
            raise error("pickup.label_bad")
        store, number = parts
        if store != self.identity.store_code:
            raise error("pickup.label_store", store=store, here=self.identity.store_code)
        for p in self.queue().pickups:
            if p.number == number:
                return p
        raise error("pickup.label_unknown", number=number)

    # --- expiry: the bag back on the shelf ----------------------------------------------------------

    def restock(self, pickup: Pickup, staff_id: int | None) -> str:
        """Staff confirm an expired order's bag is back on the sales floor: central then releases
        its stock and records the refund of a paid order."""
        fresh = self.get(pickup.id)
        if fresh.state != "expired":
            raise error("pickup.not_expired", number=fresh.number, state=fresh.state)
        if fresh.restocked_at:
            raise error("pickup.restocked", number=fresh.number)
        payload = PickupRestockPayload.model_validate(
            {
                "pickup_id": pickup.id,
                "store_id": self.identity.store_id,
                "staff_id": staff_id,
                "restocked_at": self.clock(),
            },
            strict=False,
        ).model_dump(mode="json", exclude_none=True)
        return self._write("restock", pickup.id, payload, {"staff_id": staff_id, "shelf": fresh.shelf})

    # --- the kiosk ------------------------------------------------------------------------------------

    def check_in(self, code: str) -> CheckIn:
        """The customer's own code scanned at the kiosk: verified offline like a handover's; on
        success `pickup.arrive` tells central (and so the staff tablets) they are waiting. A code
        that is refused is said in the customer's words, never staff's."""
        try:
            p = self.verify_code(code)
        except ValidationFailed as e:
            words = KIOSK_WORDS.get(e.code)
            if words is None:
                raise
            store = ""
            if e.code == "pickup_code.other_store":
                try:
                    claim_store = read_pickup_code(code).store
                except PickupCodeError:
                    claim_store = "?"
                rows = self.store.query("SELECT name FROM locations WHERE code=?", (claim_store,))
                store = str(rows[0][0]) if rows else claim_store
            return CheckIn(None, words.format(store=store))
        payload = PickupArrivePayload.model_validate(
            {"pickup_id": p.id, "store_id": self.identity.store_id, "arrived_at": self.clock()}, strict=False
        ).model_dump(mode="json", exclude_none=True)
        self._write("arrive", p.id, payload, {"found_by": "kiosk"})
        return CheckIn(p, f"Thank you, {p.first_name} — someone is coming with order {p.number}.")

    # --- handover ----------------------------------------------------------------------------------

    def _refuse_if_gone(self, p: Pickup) -> None:
        if p.state == "collected":
            who = "this till" if p.collected_device == "this till" else f"till {p.collected_device or '?'}"
            raise error("pickup.collected", number=p.number, time=self.local_time(p.collected_at), who=who)
        if p.state != "ready":
            raise error("pickup.not_ready", number=p.number, state=p.state)

    def verify_code(self, code: str) -> Pickup:
        """The pickup of a customer's QR, checked offline: central's signature (keys from the
        central_keys stream), this store, not expired, and not collected already."""
        keys = {
            str(k): public_key_from_text(str(pk))
            for k, pk in self.store.query("SELECT kid, public_key FROM central_keys")
        }
        try:
            claim = verify_pickup_code(code, keys, store=self.identity.store_code, now=self.clock().timestamp())
        except PickupCodeError as e:
            raise ValidationFailed(e.code, str(e)) from None
        p = next((p for p in self.queue().pickups if p.id == claim.pickup_id), None)
        if p is None:
            raise error("pickup.unknown", number=claim.number)
        self._refuse_if_gone(p)
        return p

    def find(self, number: str, name: str) -> Pickup:
        """A pickup by its number and the customer's name (any part, any case): staff check ID."""
        want = number.strip().lstrip("#").lstrip("0")
        needle = name.strip().casefold()
        for p in self.queue().pickups:
            if p.number.lstrip("0") == want and needle and needle in p.customer.casefold():
                self._refuse_if_gone(p)
                return p
        raise error("pickup.no_match", number=number.strip(), name=name.strip())

    def handover(
        self,
        pickup: Pickup,
        *,
        staff_id: int | None,
        found_by: str,
        collector_name: str = "",
        lines: dict[int, int] | None = None,
        id_checked: bool = False,
        sale_id: str | None = None,
    ) -> str:
        """Hand the bag over (all picked units unless `lines` says which), to the customer, or
        to `collector_name` for them."""
        fresh = self.get(pickup.id)
        self._refuse_if_gone(fresh)
        given = lines if lines is not None else {x.line_no: x.picked for x in fresh.lines}
        if not any(given.values()):
            raise error("pickup.nothing_given")
        if fresh.pay_on_pickup and sale_id is None:  # the money goes through the checkout: for_payment
            due = sum(x.unit_price * given.get(x.line_no, 0) for x in fresh.lines)
            raise error("pickup.unpaid", number=fresh.number, total=self._money(due, fresh.currency))
        someone = bool(collector_name.strip())
        payload = PickupHandoverPayload.model_validate(
            {
                "pickup_id": pickup.id,
                "store_id": self.identity.store_id,
                "collected_by": "someone_else" if someone else "customer",
                "collector_name": collector_name.strip(),
                "lines": [{"line_no": n, "quantity": q} for n, q in sorted(given.items())],
                "found_by": found_by,
                "id_checked": id_checked,
                "sale_id": sale_id,
                "staff_id": staff_id,
                "handed_over_at": self.clock(),
            },
            strict=False,
        ).model_dump(mode="json", exclude_none=True)
        journal = {"collected_by": collector_name.strip() or "customer", "found_by": found_by, "staff_id": staff_id}
        return self._write("handover", pickup.id, payload, journal)

    def for_payment(
        self,
        pickup: Pickup,
        *,
        staff_id: int | None,
        found_by: str,
        collector_name: str = "",
        lines: dict[int, int] | None = None,
        id_checked: bool = False,
    ) -> PickupSale:
        """A pay-on-pickup order's collected lines for the checkout ("Take payment"): checked as
        a handover is (ready, not collected, something given, who collects); nothing is written
        — the handover happens when the sale completes, in its transaction."""
        fresh = self.get(pickup.id)
        self._refuse_if_gone(fresh)
        if not fresh.pay_on_pickup:
            raise error("pickup.paid_online", number=fresh.number)
        given = lines if lines is not None else {x.line_no: x.picked for x in fresh.lines}
        taken = tuple(
            (x.line_no, x.variant_id, min(given.get(x.line_no, 0), x.picked), x.unit_price)
            for x in fresh.lines
            if min(given.get(x.line_no, 0), x.picked) > 0
        )
        if not taken:
            raise error("pickup.nothing_given")
        if found_by not in ("code", "search"):
            raise ValueError(f"found_by {found_by!r}")
        return PickupSale(
            fresh.id,
            fresh.number,
            fresh.customer,
            fresh.currency,
            taken,
            found_by,
            id_checked or found_by == "code",
            collector_name.strip()[:200],
            staff_id,
            self.identity.store_id,
        )


# --- the bag label, expiry and the kiosk -----------------------------------------------------------


def label_code(store: str, number: str) -> str:
    return f"{LABEL_PREFIX}{store}:{number}"


def render_label(p: Pickup, store: str, store_name: str, japanese: bool, columns: int = 48) -> bytes:
    """ESC/POS bytes of a bag label: the order number big, the customer, the shelf, the item
    count (and what is missing) and the order QR; cut. Kanji mode (Shift_JIS) in a Japanese
    store, PC858 elsewhere, as the receipts."""
    enc = "cp932" if japanese else "cp858"

    def t(text: str) -> bytes:
        return text.encode(enc, errors="replace") + b"\n"

    missing = sum(x.missing for x in p.lines)
    bagged = sum(x.picked for x in p.lines) if any(x.picked for x in p.lines) else p.units - missing
    big = GS + b"!\x33"  # four times wide and high: read across the stock room
    out = bytearray(INIT + (KANJI if japanese else LATIN) + ALIGN["center"])
    out += BOLD_ON + t(("受け取り " if japanese else "PICKUP ") + store_name[: columns - 10]) + BOLD_OFF
    out += big + t(p.number) + DOUBLE_OFF
    out += DOUBLE_ON + BOLD_ON + t(p.customer[: columns // 2]) + BOLD_OFF + DOUBLE_OFF
    if p.shelf:
        out += DOUBLE_ON + t(("棚 " if japanese else "Shelf ") + p.shelf) + DOUBLE_OFF
    items = f"{bagged} 点" if japanese else f"{bagged} item{'s' if bagged != 1 else ''}"
    if missing:
        items += f"（欠品 {missing}）" if japanese else f" ({missing} missing)"
    out += t(items)
    if p.pay_on_pickup:
        out += BOLD_ON + t("店頭でお支払い" if japanese else "PAY ON PICKUP") + BOLD_OFF
    out += qr_raster(label_code(store, p.number), 6, DOTS.get(columns, 576)) + b"\n"
    out += t("スタッフ用：受け取り画面でスキャン" if japanese else "Staff: scan on the pickup page")
    out += ALIGN["left"]
    if japanese:
        out += KANJI_OFF
    return bytes(out + CUT)
