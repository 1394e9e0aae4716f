"""The customer's e-receipt page: `GET /r/{sale_id}` (HTML) and `GET /r/{sale_id}/pdf`.

The customer display shows a QR of this address after the sale; the customer's phone opens it.
Decision (docs/receipts.md "The e-receipt page"): the sale id is the capability. It is a random
UUID made on the till (122 random bits, never shown in a list nor printed in clear), so the
address cannot be guessed; the page holds the receipt only (no customer data), in the store's
language, and is readable without signing in, as an e-mailed receipt would be. A sale the till
has not sent yet answers 404 with a page saying it appears shortly (and reloads itself).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.accounts import points_of_sale
from central.db import Database
from central.deps import DatabaseDep
from central.mail.render import Unrenderable, elements, order_receipt
from central.models import Order
from central.routes import ERRORS
from sync.receipts import Receipt, money
from sync.receipts.layout import when

router = APIRouter(tags=["customer pages"], responses={422: ERRORS[422]})  # a malformed id: one sentence
_env = Environment(loader=PackageLoader("central.mail", "templates"), autoescape=select_autoescape(["html"]))

WORDS = {
    "ja": {
        "title": "レシート {number}",
        "store": "{store}",
        "total": "合計",
        "pdf": "PDFで保存",
        "wait_title": "レシートを準備しています",
        "wait": "お店のレジから届きしだい、ここに表示されます（通常1分以内）。このページは自動で更新されます。",
    },
    "de": {
        "title": "Kassenbon {number}",
        "store": "{store}",
        "total": "Summe",
        "pdf": "Als PDF speichern",
        "wait_title": "Ihr Kassenbon kommt gleich",
        "wait": "Er erscheint hier, sobald die Kasse ihn gesendet hat (meist innerhalb einer Minute). Die Seite lädt sich selbst neu.",
    },
    "en": {
        "title": "Receipt {number}",
        "store": "{store}",
        "total": "Total",
        "pdf": "Save as PDF",
        "wait_title": "Your receipt is on its way",
        "wait": "It appears here as soon as the shop's till has sent it (usually within a minute). This page reloads itself.",
    },
}

WAITING: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "Not at central yet: a page saying it appears shortly (reloads itself)",
        "content": {"text/html": {}},
    }
}

SaleId = Annotated[UUID, Path(description="the sale's id, from the QR on the customer display")]


def _lang(locale: str) -> str:
    lang = locale.split("_")[0].lower()
    return lang if lang in WORDS else "en"


def _waiting() -> HTMLResponse:
    # The store is unknown until the sale arrives: the three languages, one under the other.
    html = _env.get_template("receipt_page.html").render(
        lang="en", waiting=True, pages=[WORDS[k] for k in ("ja", "de", "en")], title=WORDS["en"]["wait_title"]
    )
    return HTMLResponse(html, status_code=404, headers={"Retry-After": "15", "Cache-Control": "no-store"})


def _receipt(db: Database, sale_id: UUID) -> Receipt | None:
    """The sale's receipt, or None while central cannot make it (not arrived yet)."""
    with db.session() as s:
        order = s.scalar(select(Order).where(Order.sale_id == str(sale_id)))
        if order is None:
            return None
        try:
            receipt = order_receipt(s, order)
        except Unrenderable:
            return None
        return with_points(s, receipt, str(sale_id))


def with_points(s: Session, receipt: Receipt, sale_id: str) -> Receipt:
    """The points the sale earned and used as central's ledger has them (docs/loyalty.md)."""
    earned, redeemed = points_of_sale(s, sale_id)
    if not (earned or redeemed):
        return receipt
    return replace(receipt, extra={**receipt.extra, "loyalty": {"earned": earned, "redeemed": redeemed}})


@router.get(
    "/r/{sale_id}",
    summary="The customer's e-receipt page",
    responses={200: {"content": {"text/html": {}}, "description": "the receipt as a page"}, **WAITING},
)
def receipt_page(db: DatabaseDep, sale_id: SaleId) -> HTMLResponse:
    receipt = _receipt(db, sale_id)
    if receipt is None:
        return _waiting()
    words = WORDS[_lang(receipt.store.locale)]
    values = {"store": receipt.store.name, "number": receipt.sale.number}
    html = _env.get_template("receipt_page.html").render(
        lang=_lang(receipt.store.locale),
        waiting=False,
        title=words["title"].format(**values),
        store=receipt.store.name,
        date=when(receipt),
        total_label=words["total"],
        total=money(receipt.paid, receipt),
        elements=elements(receipt),
        pdf_label=words["pdf"],
        pdf_href=f"/r/{sale_id}/pdf",
        # the customer may start a return from here (central/routes/return_page.py, docs/returns.md)
        return_href=f"/r/{sale_id}/return",
        return_label={"ja": "返品する", "de": "Artikel zurückgeben"}.get(_lang(receipt.store.locale), "Return items"),
    )
    return HTMLResponse(html, headers={"Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer"})


@router.get(
    "/r/{sale_id}/pdf",
    summary="The customer's e-receipt as PDF",
    responses={200: {"content": {"application/pdf": {}}, "description": "the receipt as PDF"}, **WAITING},
)
def receipt_pdf(db: DatabaseDep, sale_id: SaleId) -> Response:
    from sync.receipts.pdf import render_pdf

    receipt = _receipt(db, sale_id)
    if receipt is None:
        return _waiting()
    return Response(
        render_pdf(receipt),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="receipt-{receipt.sale.number}.pdf"',
            "Referrer-Policy": "no-referrer",
        },
    )
