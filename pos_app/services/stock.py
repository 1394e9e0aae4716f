"""Stock corrections by staff ("found 2 more", "the shelf has 14") and live stock elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from pos_app.core.auth import LARGE_CORRECTION, Permission, needed_role
from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore, now_iso
from pos_app.services.auth import Session, StaffMember
from pos_app.services.errors import PermissionNeeded, ValidationFailed
from pos_app.services.lookup import LookupService
from sync.client import CentralClient, CentralError

MAX_PIECES = 9999


def _direction_words(delta: int) -> str:
    return f"{delta:+d} (more pieces)" if delta > 0 else f"{delta:+d} (fewer pieces)"


class StockService:
    def __init__(
        self,
        store: LocalStore,
        store_id: int,
        lookup: LookupService,
        kick: Callable[[], None] = lambda: None,
        client_factory: Callable[[], CentralClient] | None = None,
    ) -> None:
        self.store = store
        self.store_id = store_id
        self.lookup = lookup
        self.kick = kick
        self.client_factory = client_factory

    def on_hand(self, variant_id: int) -> int:
        """What this device says is on hand here: the cache plus corrections central has not
        reflected yet. A counted figure ("the shelf has 14") is measured against this."""
        return self.lookup.on_hand_here(variant_id)

    def correct(
        self,
        session: Session,
        variant_id: int,
        *,
        delta: int | None = None,
        counted: int | None = None,
        reason: CorrectionReason,
        note: str = "",
        approver: StaffMember | None = None,
    ) -> str:
        """Record a correction and its outbox op in one transaction; returns the op id.

        Exactly one of `delta` (how many more or fewer) and `counted` (how many the shelf has).
        A change over LARGE_CORRECTION pieces needs a supervisor: the session's own role, or an
        `approver` from `AuthService.approve` (journaled with both people)."""
        session.require(Permission.CORRECT_STOCK)
        if (delta is None) == (counted is None):
            raise ValidationFailed("correction.delta_or_counted")
        if not self.store.query("SELECT 1 FROM catalog WHERE id=?", (variant_id,)):
            raise ValidationFailed("correction.unknown_item", variant_id=variant_id)
        if counted is not None:
            if counted < 0:
                raise ValidationFailed("correction.counted_negative", counted=counted)
            delta = counted - self.on_hand(variant_id)
        assert delta is not None
        if delta == 0:
            raise ValidationFailed("correction.no_change", counted=counted)
        if abs(delta) > MAX_PIECES:
            raise ValidationFailed("correction.too_many", delta=delta)
        if not reason.allowed_for(delta):
            raise ValidationFailed(
                "correction.reason_direction",
                reason=reason.label,
                reason_code=reason.value,
                delta=delta,
                direction=_direction_words(delta),
            )
        note = note.strip()
        if reason is CorrectionReason.OTHER and not note:
            raise ValidationFailed("correction.note_needed")
        approved_by: int | None = None
        if abs(delta) > LARGE_CORRECTION and not session.may(Permission.LARGE_STOCK_CORRECTION):
            if approver is None or not approver.may(Permission.LARGE_STOCK_CORRECTION):
                raise PermissionNeeded("approval.needed", needed_role(Permission.LARGE_STOCK_CORRECTION), delta=delta)
            approved_by = approver.id
        recorded = now_iso()
        payload = {
            "variant_id": variant_id,
            "location_id": self.store_id,
            "delta": delta,
            "reason": reason.value,
            "note": note,
            "staff_id": session.staff.id,
            "approved_by": approved_by,
            "recorded_at": recorded,
        }
        with self.store.tx("device") as con:
            op_id, _seq = self.store.enqueue(con, "stock.adjust", payload)
            con.execute(
                "INSERT INTO stock_corrections(op_id, variant_id, location_id, delta, reason, note, staff_id, "
                "recorded_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                (op_id, variant_id, self.store_id, delta, reason.value, note, session.staff.id, recorded),
            )
            self.store.journal_append(con, "stock.correction", {"op_id": op_id, "counted": counted, **payload})
        self.kick()
        return op_id

    def refresh_live(self, style_code: str) -> bool:
        """Ask central for this style's stock everywhere and cache it with its time. True:
        central answered; False: it could not be asked (offline), the cached figures stand
        and say their age."""
        if self.client_factory is None:
            self.lookup.online = False
            return False
        try:
            with self.client_factory() as client:
                live = client.live_stock(style=style_code)
        except CentralError:
            self.lookup.online = False
            return False
        self.lookup.store_live_stock(
            [(r.location_id, r.variant_id, r.on_hand, r.reserved) for r in live.rows],
            live.as_of if live.as_of.tzinfo else live.as_of.replace(tzinfo=UTC),
        )
        self.lookup.online = True
        return True
