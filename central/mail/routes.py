"""POST /v1/orders/{sale_id}/receipt-email: a device of the store asks central to e-mail a
sale's receipt (docs/architecture.md "Mail").

Decision: an explicit request rather than a field of `sale.complete`. The sale payload is the
sale's immutable record, hashed for idempotency: a new field changes the hash of every sale
op, so a sale central applied before the change and replayed after it would be refused (409).
An address is also asked for after the sale as often as before it. The request is idempotent
(the same sale and address is one message) and may come before the sale itself has reached
central: the message then waits, and is rendered and sent once the order is there.
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from central.deps import DatabaseDep, DeviceDep
from central.mail.outbox import Rendered, enqueue, receipt_key
from central.mail.render import NotReady, Unrenderable, message_language, render
from central.models import Location, MailMessage
from central.routes import ERRORS
from sync.protocol import EMAIL_ANY_CASE_PATTERN

router = APIRouter(prefix="/v1/orders", tags=["orders"], responses=ERRORS)



class ReceiptEmailRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254, pattern=EMAIL_ANY_CASE_PATTERN, description="the customer's address")
    language: Literal["ja", "en", "de"] | None = Field(
        default=None, description="the customer's language for the e-mail's words; the store's when left out"
    )


class ReceiptEmailAccepted(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message_id: str = Field(description="the e-mail's Message-ID header")
    state: str = Field(description="pending | sending | sent | failed")
    created: bool = Field(description="false: this sale's receipt was already asked for this address")
    waiting_for_sale: bool = Field(description="the sale has not reached central yet; the e-mail goes once it has")


@router.post("/{sale_id}/receipt-email", status_code=202)
def receipt_email(
    request: Request,
    db: DatabaseDep,
    device: DeviceDep,
    sale_id: Annotated[UUID, Path(description="the sale id the tablet made when the basket was opened")],
    body: ReceiptEmailRequest,
) -> ReceiptEmailAccepted:
    """E-mail the receipt of one of this store's sales (the outbox row commits with the request;
    the sender delivers it)."""
    to = body.email.strip()
    with db.session() as s:
        store = s.get_one(Location, device.store_id)
        lang = message_language(body.language, store.locale)
        probe = MailMessage(kind="receipt", ref=str(sale_id), store_id=device.store_id, to=to, language=lang)
        rendered: Rendered | None
        try:  # rendered here, before the writer lock: a PDF takes a while
            rendered = render(s, probe)
        except NotReady:
            rendered = None
        except Unrenderable as e:
            raise HTTPException(409, f"Central cannot make this sale's receipt: {e}") from None
        s.expunge_all()
    with db.transaction() as w:
        msg, created = enqueue(
            w,
            kind="receipt",
            ref=str(sale_id),
            to=to,
            language=lang,
            store_id=device.store_id,
            key=receipt_key(str(sale_id), to),
            rendered=rendered,
        )
        if msg.store_id != device.store_id:
            raise HTTPException(404, f"No order for sale {sale_id}")
        out = ReceiptEmailAccepted(
            message_id=msg.message_id, state=msg.state, created=created, waiting_for_sale=msg.subject is None
        )
    sender = getattr(request.app.state, "mail_sender", None)
    if sender is not None:
        sender.kick()
    return out
