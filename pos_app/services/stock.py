"""Stock corrections by staff ("found 2 more", "1 damaged") and live stock elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from pos_app.core.auth import LARGE_CORRECTION, Permission
from pos_app.core.stock import CorrectionReason, StockCorrection
from pos_app.local.store import LocalStore, now_iso
from pos_app.services.auth import Session
from pos_app.services.lookup import LookupService
from sync.client import CentralClient


class StockService:
    def __init__(
        self,
        store: LocalStore,
        store_id: int,
        lookup: LookupService,
        kick: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self.store_id = store_id
        self.lookup = lookup
        self.kick = kick

    def correct(self, session: Session, variant_id: int, delta: int, reason: CorrectionReason, note: str = "") -> str:
        """Record a correction and its outbox op in one transaction; returns the op id."""
        session.require(Permission.CORRECT_STOCK)
        if abs(delta) > LARGE_CORRECTION:
            session.require(Permission.LARGE_STOCK_CORRECTION)
        correction = StockCorrection(variant_id, self.store_id, delta, reason, note.strip())
        correction.validate()
        if not self.store.query("SELECT 1 FROM catalog WHERE id=?", (variant_id,)):
            raise ValueError("This item is not in the catalog on this device.")
        recorded = now_iso()
        payload = {
            "variant_id": variant_id,
            "location_id": self.store_id,
            "delta": delta,
            "reason": reason.value,
            "note": correction.note,
            "staff_id": session.staff.id,
            "recorded_at": recorded,
        }
        with self.store.tx("device") as con:
            op_id, _seq = self.store.enqueue(con, "stock.adjust", payload)
            con.execute(
                "INSERT INTO stock_corrections(op_id, variant_id, location_id, delta, reason, note, staff_id, "
                "recorded_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                (op_id, variant_id, self.store_id, delta, reason.value, correction.note, session.staff.id, recorded),
            )
            self.store.journal_append(con, "stock.correction", {"op_id": op_id, **payload})
        self.kick()
        return op_id

    def refresh_live(self, client: CentralClient, style_code: str) -> int:
        """Ask central for this style's stock everywhere; cache it with its time. Returns rows."""
        live = client.live_stock(style=style_code)
        self.lookup.store_live_stock(
            [(r.location_id, r.variant_id, r.on_hand, r.reserved) for r in live.rows],
            live.as_of if live.as_of.tzinfo else live.as_of.replace(tzinfo=UTC),
        )
        return len(live.rows)
