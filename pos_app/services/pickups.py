"""Click-and-collect at the store (docs/pickups.md): the pickup queue, picking with a scan per
unit, ready, and the handover after the customer's QR (checked OFFLINE with central's public key)
or a search by order number and name.

The pickups are the `pickups` stream as central has them; what this till did and central has
not confirmed yet (`pickup_actions`) is laid over them, so the queue is right offline and a
refusal shows central's sentence. Every action is its op, its action row and a journal entry in
ONE device.db transaction. Call everything here from a worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import orjson

from pos_app.core.money import Money, format_money
from pos_app.local import pickups as local
from pos_app.local.store import Identity, LocalStore, now_iso
from pos_app.services.errors import ValidationFailed
from sync.pickup_code import PREFIX, PickupCodeError, verify_pickup_code
from sync.protocol import PickupHandoverPayload, PickupPickPayload, PickupReadyPayload
from sync.receipts.code import public_key_from_text

STATES = ("new", "picking", "ready", "collected", "expired", "cancelled")

# Sentences of this module's codes (services/errors.MESSAGES is another engineer's file; the
# lead may move these there).
MESSAGES = {
    "pickup.unknown": "There is no pickup order {number} at this store.",
    "pickup.wrong_item": "{what} is not in order {number}. Put it back and scan the item on the list.",
    "pickup.line_full": "Order {number} needs no more of {sku}: all {qty} are in the bag.",
    "pickup.not_picked": "Line {line} of order {number} still needs a scan or “missing”.",
    "pickup.nothing_found": "Nothing of order {number} was found: it cannot be made ready.",
    "pickup.not_ready": "Order {number} is {state}, not ready for handover.",
    "pickup.collected": "Order {number} was already collected at {time} by {who}.",
    "pickup.collector_name": "Type the name of the person collecting for the customer.",
    "pickup.no_match": "No pickup order {number} for a customer called “{name}” at this store.",
    "pickup.nothing_given": "Choose at least one line to hand over.",
}


def error(code: str, **params: Any) -> ValidationFailed:
    return ValidationFailed(code, MESSAGES[code].format(**params), **params)


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
    pending: bool = False  # this till did something central has not confirmed yet
    refused: str = ""  # central's sentence for this till's last refused action
    notes: tuple[str, ...] = field(default=())

    @property
    def pay_on_pickup(self) -> bool:
        return self.payment == "pay_on_pickup"


@dataclass(frozen=True)
class PickupQueue:
    counts: dict[str, int]
    pickups: tuple[Pickup, ...]

    def by_state(self, state: str) -> tuple[Pickup, ...]:
        return tuple(p for p in self.pickups if p.state == state)


_COLUMNS = (
    "id, number, state, payment, currency, total, customer, lines, shelf, created_at, ready_at, "
    "expires_at, collected_at, collected_by, collected_device"
)


def _pickup(row: tuple[Any, ...]) -> Pickup:
    lines = tuple(
        PickupLine(x["n"], x["v"], x["sku"], x["name"], x["q"], x["u"], x["p"], x["m"], x["c"])
        for x in orjson.loads(row[7])
    )
    return Pickup(row[0], row[1], row[2], row[3], row[4], row[5], row[6], lines, *row[8:15])


def _overlay(p: Pickup, actions: list[local.PickupAction]) -> Pickup:
    """What this till did, on top of central's row, until central's row shows it."""
    refused = ""
    for a in actions:
        if a.status == "rejected":
            refused = a.detail or "Central refused this."
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
        rows = self.store.query("SELECT locale FROM locations WHERE id=?", (self.identity.store_id,))
        return format_money(Money(p.total, p.currency), str(rows[0][0]) if rows and rows[0][0] else "en_US")

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
            raise ValidationFailed("pickup.scan", found.message or f"“{code}” is not a barcode this store knows.")
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
