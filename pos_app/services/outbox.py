"""Operations waiting to be sent, the ones central rejected (dead) or that kept failing (stuck),
and sending one again — which needs a supervisor, from the screen and from the CLI alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_app.core.auth import Permission, needed_role
from pos_app.local.store import LocalStore
from pos_app.services.auth import Session, StaffMember
from pos_app.services.errors import MESSAGES, PermissionNeeded

RETRYABLE = ("dead", "stuck")


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


def _describe(type_: str, payload: dict[str, Any], skus: dict[int, str]) -> str:
    if type_ == "stock.adjust":
        vid = int(payload.get("variant_id", 0))
        delta = int(payload.get("delta", 0))
        what = skus.get(vid, f"item {vid}")
        sign = "+" if delta > 0 else "−"
        return f"Stock correction {sign}{abs(delta)} of {what} ({payload.get('reason', '?')})"
    return type_


class OutboxService:
    def __init__(self, store: LocalStore, kick: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.kick = kick

    def items(self, state: str | None = None) -> list[OutboxItem]:
        rows = self.store.outbox_rows(state)
        vids = sorted(
            {
                int(r["payload"]["variant_id"])
                for r in rows
                if r["type"] == "stock.adjust" and "variant_id" in r["payload"]
            }
        )
        skus: dict[int, str] = {}
        if vids:
            marks = ",".join("?" * len(vids))
            skus = {
                int(i): str(s) for i, s in self.store.query(f"SELECT id, sku FROM catalog WHERE id IN ({marks})", vids)
            }
        return [
            OutboxItem(
                op_id=str(r["op_id"]),
                seq=int(r["device_seq"]),
                type=str(r["type"]),
                state=str(r["state"]),
                attempts=int(r.get("attempts") or 0),
                last_error=str(r.get("last_error") or ""),
                description=_describe(str(r["type"]), r["payload"], skus),
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
        requeue = getattr(self.store, "requeue", None)
        if requeue is not None:  # the engine's generic outbox (hooks run in its transaction)
            outcome = str(requeue(op_id))
        else:  # older store: check the state here, then requeue
            state = self.state_of(op_id)
            if state is None:
                outcome = "unknown"
            elif state not in RETRYABLE:
                outcome = "not-rejected"
            else:
                self.store.requeue_dead(op_id)
                outcome = "requeued"
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
            return MESSAGES["outbox.not_rejected_waiting" if state == "pending" else "outbox.not_rejected_sent"]
        return MESSAGES.get(f"outbox.{outcome}", outcome)
