"""The one line a person reads for each queued operation, by code (issue 12): the outbox list
of the problems sheet and `pos-app outbox`. `str()` is the English (the CLI's); the screens
word the code with its params (pos_app/ui/messages.py), as they do every other code; the
services' MESSAGES holds this table too. Two sentences are two codes (one item / n items)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sync.words import Said as SyncSaid

OP_MESSAGES: dict[str, str] = {
    "op.stock_adjust": "Stock correction {delta} of {sku} ({reason})",
    "op.sale": "Sale {receipt}",
    "op.journal": "Journal entries {first}–{last} for central",
    "op.customer": "New customer {name}",
    "op.order_one": "Order to ship 1 item for customer {customer}",
    "op.order": "Order to ship {count} items for customer {customer}",
    "op.order_decide": "Decision of shipment {shipment}",
    "op.order_refund": "Refund of shipment {shipment}",
    "op.shipment_ship": "Shipping of shipment {shipment}",
    "op.refund_refused": "Refund of refused order {order}",
    "op.pickup_pick": "Picking of pickup order {order}",
    "op.pickup_ready": "Pickup order {order} ready",
    "op.pickup_handover": "Handover of pickup order {order}",
    "op.pickup_restock": "Restocking of pickup order {order}",
    "op.pickup_arrive": "Check-in for pickup order {order}",
    "op.return_one": "Return of 1 item ({kind})",
    "op.return": "Return of {count} items ({kind})",
    "op.return_refund": "Queued card refund of return {number} made",
    "op.shift_close": "Z report {number} of till {till}",
    "op.giftcard_load": "Load of gift card {card}",
    "op.giftcard_void": "Void of a load of gift card {card}",
}

# A return's kind as its line says it (the `kind` param): the screens word these too.
RETURN_KINDS = {"receipt": "with receipt", "no_receipt": "without receipt", "authorized": "started online"}


class Said(SyncSaid):
    """An operation's line: the English `str`, with the code and params the screens word."""

    TABLE: ClassVar[Mapping[str, str]] = OP_MESSAGES


__all__ = ["OP_MESSAGES", "RETURN_KINDS", "Said"]
