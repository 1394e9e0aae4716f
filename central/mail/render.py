"""Rendering a message from its event: Jinja2 templates (HTML and plain text) in the message's
language, and the attachments. One renderer per kind in RENDERERS (later kinds add theirs).

A receipt is the store's legal document, so the receipt itself (text, HTML table and PDF) is in
the store's language and layout (sync.receipts, the same one the tablet prints); the e-mail's own
words (subject, greeting) are in the message's language: the customer's when the till said it,
else the store's. Japanese, German and English; anything else falls back to English.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.mail.outbox import Attachment, Rendered
from central.models import Location, MailMessage, Order, Payment, Staff, Style, Variant
from sync.pricing import PricingError, Tender, TenderType, price_basket, read_basket, settle
from sync.receipts import Receipt, ReceiptError, SaleFacts, build_receipt, render_text, store_facts, with_names
from sync.receipts.layout import Pair, Qr, Rule, Text, layout, money, when

LANGUAGES = ("en", "ja", "de")


class NotReady(Exception):
    """The event's data is not at central yet (a receipt asked for before the sale arrived)."""


class Unrenderable(Exception):
    """The message can never be rendered (a store without its legal facts, a broken document)."""


_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "subject": "Your receipt {number} from {store}",
        "hello": "Thank you for shopping at {store}.",
        "intro": "Here is the receipt of your purchase on {date}. A PDF copy is attached.",
        "total": "Total",
        "why": "You receive this e-mail because a receipt by e-mail was asked for at the till.",
    },
    "ja": {
        "subject": "【{store}】レシート {number}",
        "hello": "{store}をご利用いただき、誠にありがとうございます。",
        "intro": "{date}のお買い上げのレシートをお送りします。PDFを添付しております。",
        "total": "合計",
        "why": "このメールは、レジで電子レシートをご希望いただいたためお送りしています。",
    },
    "de": {
        "subject": "Ihr Kassenbon {number} von {store}",
        "hello": "Vielen Dank für Ihren Einkauf bei {store}.",
        "intro": "Hier ist der Kassenbon Ihres Einkaufs vom {date}. Eine PDF-Kopie ist angehängt.",
        "total": "Summe",
        "why": "Sie erhalten diese E-Mail, weil an der Kasse ein Kassenbon per E-Mail gewünscht wurde.",
    },
}


def message_language(asked: str | None, store_locale: str) -> str:
    """The customer's language when given and supported, else the store's, else English."""
    for lang in (asked, store_locale.split("_")[0]):
        if lang and lang.lower()[:2] in LANGUAGES:
            return lang.lower()[:2]
    return "en"


def order_receipt(session: Session, order: Order) -> Receipt:
    """The receipt of a recorded sale, built as the tablet builds it: its pricing input priced
    again by the shared engine (the same digits the tablet printed) and its payments."""
    store = session.get_one(Location, order.store_id)
    try:
        basket, _ = read_basket(orjson.loads(order.pricing))
        priced = price_basket(basket)
    except (PricingError, TypeError, ValueError) as e:
        raise Unrenderable(f"the sale's pricing input does not price: {e!s:.200}") from e
    pays = session.scalars(select(Payment).where(Payment.order_id == order.id).order_by(Payment.id))
    tenders = [Tender(TenderType(p.type), p.amount, p.reference) for p in pays]
    staff = session.scalar(select(Staff.name).where(Staff.id == order.staff_id)) if order.staff_id else None
    completed = order.completed_at
    if completed.tzinfo is None:  # SQLite hands back naive UTC
        completed = completed.replace(tzinfo=UTC)
    sale = SaleFacts(
        number=order.receipt_no,
        at=completed,
        staff=staff or "",
        device=order.receipt_no.split("-")[1],
        sale_id=order.sale_id,
    )
    try:
        settlement = settle(priced.totals.total, tenders, basket.rules.cash_rounding)
        receipt = build_receipt(
            priced,
            store_facts(store),
            sale,
            settlement if settlement.complete else None,
            fulfilments=ways(session, order),
        )
    except (ReceiptError, PricingError) as e:
        raise Unrenderable(f"{getattr(e, 'code', 'receipt')}: {e!s:.200}") from e
    return with_names(receipt, local_names(session, [ln.sku for ln in receipt.lines], receipt.store.language))


def local_names(session: Session, skus: list[str], language: str) -> dict[str, str]:
    """sku → its style's name in `language` (Style.names, what the names stream carries), for
    the skus that have one: the e-receipt names products as the till's printed receipt does."""
    if language == "en" or not skus:
        return {}
    rows = session.execute(
        select(Variant.sku, Style.names).join(Style, Style.id == Variant.style_id).where(Variant.sku.in_(set(skus)))
    ).all()
    out: dict[str, str] = {}
    for sku, names in rows:
        try:
            value = orjson.loads(names or "{}")
        except orjson.JSONDecodeError:
            continue
        name = value.get(language) if isinstance(value, dict) else None
        if isinstance(name, str) and name:
            out[str(sku)] = name
    return out


def ways(session: Session, order: Order) -> dict[str, tuple[str, str]]:
    """The sale's lines not carried out at the till, as the tablet's receipt marks them: a ship
    line "Delivered to" its part's destination (the endless-aisle order of this sale), a pickup
    line "Collected, order" the pay-on-pickup order this sale paid."""
    from central.models import CustomerOrder, Fulfilment, OrderLine
    from central.shipments import destination_of
    from sync.address import one_line

    kinds = dict(
        session.execute(
            select(OrderLine.line_id, OrderLine.fulfilment).where(
                OrderLine.order_id == order.id, OrderLine.fulfilment != "carry_out"
            )
        ).all()
    )
    if not kinds:
        return {}
    orders = list(session.scalars(select(CustomerOrder).where(CustomerOrder.sale_id == order.sale_id)))
    picked = next((o.number for o in orders if o.channel != "store"), "")
    where = ""
    shipped = next((o for o in orders if o.channel == "store"), None)
    if shipped is not None:
        part = session.scalars(
            select(Fulfilment)
            .where(Fulfilment.order_id == shipped.id, Fulfilment.kind == "ship")
            .order_by(Fulfilment.id)
        ).first()
        if part is not None:
            dest = destination_of(part)
            if dest.get("kind") == "store":
                there = session.get(Location, dest.get("store_id"))
                where = there.name if there is not None else ""
            else:
                where = one_line(dest.get("address") or {})
    return {str(i): (k, picked if k == "pickup" else where) for i, k in kinds.items()}


def elements(receipt: Receipt) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for el in layout(receipt):
        if isinstance(el, Text):
            out.append({"kind": "text", "text": el.text, "align": el.align, "bold": el.bold or el.double})
        elif isinstance(el, Pair):
            out.append({"kind": "pair", "left": el.left, "right": el.right, "bold": el.bold or el.double})
        elif isinstance(el, Rule):
            out.append({"kind": "rule"})
        elif isinstance(el, Qr):  # the signed code is the tablet's; central's copy has none
            out.append({"kind": "text", "text": el.caption, "align": "center", "bold": False})
    return out


def render_receipt(session: Session, msg: MailMessage) -> Rendered:
    order = session.scalar(select(Order).where(Order.sale_id == msg.ref))
    if order is None:
        raise NotReady("waiting for the sale to reach central")
    if msg.store_id is not None and order.store_id != msg.store_id:
        raise Unrenderable("the sale belongs to another store than the device that asked")
    receipt = order_receipt(session, order)
    from sync.receipts.pdf import render_pdf  # fpdf2 and the fonts: only when a receipt is mailed

    lang = message_language(msg.language, receipt.store.locale)
    words = WORDS[lang]
    values = {"store": receipt.store.name, "number": receipt.sale.number, "date": when(receipt)}
    subject = words["subject"].format(**values)
    context: dict[str, Any] = {
        "lang": lang,
        "subject": subject,
        "hello": words["hello"].format(**values),
        "intro": words["intro"].format(**values),
        "why": words["why"],
        "total_label": words["total"],
        "total": money(receipt.paid, receipt),
        "receipt_text": render_text(receipt, 42),
        "elements": elements(receipt),
        "store": receipt.store,
    }
    return Rendered(
        subject=subject,
        text=_env.get_template("receipt.txt").render(context),
        html=_env.get_template("receipt.html").render(context),
        attachments=(Attachment(f"receipt-{receipt.sale.number}.pdf", "application/pdf", render_pdf(receipt)),),
    )


RENDERERS: dict[str, Callable[[Session, MailMessage], Rendered]] = {"receipt": render_receipt}


def _pickup(session: Session, msg: MailMessage) -> Rendered:
    from central.pickups import render_pickup_mail  # central.pickups enqueues through the outbox

    return render_pickup_mail(session, msg)


RENDERERS["pickup.ready"] = RENDERERS["pickup.reminder"] = _pickup


def _ship(session: Session, msg: MailMessage) -> Rendered:
    from central.ship_mail import render_ship_mail  # central.shipments enqueues through the outbox

    return render_ship_mail(session, msg)


RENDERERS["order.confirmation"] = RENDERERS["shipment.shipped"] = RENDERERS["refund.done"] = _ship


def _return(session: Session, msg: MailMessage) -> Rendered:
    from central.returns import render_return_mail  # central.returns enqueues through the outbox

    return render_return_mail(session, msg)


RENDERERS["return.instructions"] = RENDERERS["return.refunded"] = _return


def render(session: Session, msg: MailMessage) -> Rendered:
    return RENDERERS[msg.kind](session, msg)
