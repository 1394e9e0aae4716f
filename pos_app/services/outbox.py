"""Operations waiting to be sent, the ones central rejected (dead) or that kept failing (stuck),
and sending one again — which needs a supervisor, from the screen and from the CLI alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pos_app.core.auth import Permission, needed_role
from pos_app.local.ops import describe_op
from pos_app.local.store import LocalStore
from pos_app.services.auth import Session, StaffMember
from pos_app.services.errors import MESSAGES, PermissionNeeded, Said


@dataclass(frozen=True)
class OutboxItem:
    op_id: str
    seq: int
    type: str
    state: str  # pending | dead | stuck
    attempts: int
    last_error: str
    description: str  # one line a person reads: "Stock correction −1 of JKT-0042-TAN-M (damaged)"
    created_at: str = ""


class OutboxService:
    def __init__(self, store: LocalStore, kick: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.kick = kick

    def items(self, state: str | None = None) -> list[OutboxItem]:
        rows = self.store.outbox_rows(state)
        skus: dict[int, str] = {}

        def sku_of(variant_id: int) -> str:  # looked up once per variant, only when described
            if variant_id not in skus:
                found = self.store.query("SELECT sku FROM catalog WHERE id=?", (variant_id,))
                skus[variant_id] = str(found[0][0]) if found else f"item {variant_id}"
            return skus[variant_id]

        return [
            OutboxItem(
                op_id=str(r["op_id"]),
                seq=int(r["device_seq"]),
                type=str(r["type"]),
                state=str(r["state"]),
                attempts=int(r.get("attempts") or 0),
                last_error=r.get("last_error") or "",  # a sync/words.py Said where it was kept as one
                description=describe_op(str(r["type"]), r["payload"], sku_of),
                created_at=str(r.get("created_at") or ""),
            )
            for r in rows
        ]

    def state_of(self, op_id: str) -> str | None:
        """pending | dead | stuck | sent, or None: this device never had that operation."""
        rows = self.store.query("SELECT state FROM outbox WHERE op_id=?", (op_id,), "device")
        if rows:
            state = str(rows[0][0])
            return "sent" if state == "done" else state
        sent = self.store.query("SELECT status FROM stock_corrections WHERE op_id=?", (op_id,), "device")
        return "sent" if sent and sent[0][0] == "sent" else None

    def retry(self, approver: StaffMember | Session, op_id: str) -> str:
        """Send a rejected or stuck operation again: "requeued" | "unknown" | "not-rejected".
        Needs Permission.RETRY_DEAD_LETTER; journaled with who asked and what happened."""
        who = approver.staff if isinstance(approver, Session) else approver
        if not who.may(Permission.RETRY_DEAD_LETTER):
            raise PermissionNeeded("approval.needed", needed_role(Permission.RETRY_DEAD_LETTER), op_id=op_id)
        outcome = self.store.requeue(op_id)  # the op type's hooks run in its transaction
        if outcome == "unknown" and self.state_of(op_id) == "sent":
            outcome = "not-rejected"
        with self.store.tx("device") as con:
            self.store.journal_append(con, "outbox.retry", {"op_id": op_id, "staff_id": who.id, "outcome": outcome})
        if outcome == "requeued":
            self.kick()
        return outcome

    def explain(self, op_id: str, outcome: str) -> str:
        """The English sentence for a retry's outcome (code `outbox.<outcome>`)."""
        if outcome == "not-rejected":
            state = self.state_of(op_id)
            return Said("outbox.not_rejected_waiting" if state == "pending" else "outbox.not_rejected_sent")
        return Said(f"outbox.{outcome}") if f"outbox.{outcome}" in MESSAGES else outcome
