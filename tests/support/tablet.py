"""Helpers for tests that drive a tablet's sync engine against a real central."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from pos_app.services.app import Device
from pos_app.services.auth import Session
from sync.client import CentralClient
from sync.engine import SyncEngine


def a_stocked_variant(device: Device) -> tuple[int, int]:
    row = device.store.query(
        "SELECT variant_id, on_hand FROM stock WHERE location_id=? AND on_hand > 0 ORDER BY variant_id LIMIT 1",
        (device.identity.store_id,),
    )
    return int(row[0][0]), int(row[0][1])


def cached_on_hand(device: Device, variant_id: int) -> int:
    q = "SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?"
    return int(device.store.query(q, (device.identity.store_id, variant_id))[0][0])


def associate(device: Device) -> Session:
    person = next(p for p in device.auth.staff() if p.role.name == "ASSOCIATE")
    for pin in ("1111", "1112"):
        try:
            return device.auth.sign_in(person.id, pin)
        except Exception:
            continue
    raise AssertionError("demo PINs did not work")


Handler = Callable[[httpx.Request, Callable[[httpx.Request], httpx.Response]], httpx.Response]


class Link(httpx.HTTPTransport):
    """The real central through a link a test controls: `handler(request, forward)` may pass the
    request on (`forward`), change the answer, or fail."""

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.handler(request, super().handle_request)


def engine_through(device: Device, handler: Handler, **kw: Any) -> SyncEngine:
    def client() -> CentralClient:
        return CentralClient(device.identity.central_url, device._token, transport=Link(handler))

    return SyncEngine(client, device.store, **kw)


def stock_adjust_payload(device: Device, variant_id: int, delta: int = 1) -> dict[str, Any]:
    from central.changes import now

    return {
        "variant_id": variant_id,
        "location_id": device.identity.store_id,
        "delta": delta,
        "reason": "found" if delta > 0 else "damaged",
        "note": "",
        "staff_id": None,
        "recorded_at": now().isoformat(),
    }


def enqueue_correction(device: Device, variant_id: int, delta: int = 1) -> str:
    """A stock correction with its outbox op, as the stock service writes it."""
    payload = stock_adjust_payload(device, variant_id, delta)
    with device.store.tx("device") as con:
        op_id, _seq = device.store.enqueue(con, "stock.adjust", payload)
        con.execute(
            "INSERT INTO stock_corrections(op_id, variant_id, location_id, delta, reason, note, staff_id, "
            "recorded_at, status) VALUES (?, ?, ?, ?, ?, '', NULL, ?, 'pending')",
            (op_id, variant_id, payload["location_id"], delta, payload["reason"], payload["recorded_at"]),
        )
    return op_id


def correction_status(device: Device, op_id: str) -> str:
    return str(device.store.query("SELECT status FROM stock_corrections WHERE op_id=?", (op_id,), "device")[0][0])
