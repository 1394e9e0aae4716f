"""The customer's online return form (docs/returns.md): `GET /r/{sale_id}/return` (from the
e-receipt) and `GET /o/{token}/return` (from the order page of an order paid at a till), with
the lines still returnable, why the others are not (the policy), a reason and the preferred
refund; `POST` creates the return authorization (central.returns.authorize) and shows the
signed return QR to bring to any store, which is also e-mailed with the instructions.
Server-rendered, no JavaScript; the capability is the unguessable sale id or order token."""

from __future__ import annotations

import base64
from typing import Annotated, Any
from urllib.parse import parse_qs
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.deps import DatabaseDep
from central.models import Customer, CustomerOrder, Location, Order
from central.pickups import language, money_text, qr_png
from central.returns import LOCALES, ReturnError, authorize, aware, policy, sale_state
from central.routes import ERRORS
from central.routes.order_page import Token
from sync.protocol import EMAIL_ANY_CASE_PATTERN

router = APIRouter(tags=["customer pages"], responses={422: ERRORS[422]})
_env = Environment(loader=PackageLoader("central.mail", "templates"), autoescape=select_autoescape(["html"]))
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
HTML: dict[int | str, dict[str, Any]] = {200: {"content": {"text/html": {}}, "description": "the return form"},
        404: {"content": {"text/html": {}}, "description": "no such sale: a page saying so"}}  # fmt: skip

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Return items from receipt {number}",
        "intro": "Choose what you are sending back. Bring the items and the code we give you to any of our stores.",
        "how_many": "How many to return",
        "bought": "{n} bought · {amount}",
        "reason": "Why are you returning it?",
        "refund": "Refund",
        "original": "The way I paid",
        "credit": "Store credit",
        "email": "E-mail for the return code",
        "send": "Get my return code",
        "policy": "Items come back within the return window of their category; final-sale items cannot.",
        "done": "Return {number} is ready. Show this code at the counter; we also e-mailed it to you.",
        "show": "Show this code at the counter",
        "until": "Valid until {date}",
        "nothing": "Choose at least one item to return.",
        "unknown": "We cannot find this purchase. Check the link in your e-mail.",
        "email_bad": "This e-mail address does not look right.",
        "already": "already returned, or on a return you started.",
    },
    "ja": {
        "title": "レシート {number} の返品",
        "intro": "返品する商品をお選びください。発行されるコードと商品を店舗へお持ちください。",
        "how_many": "返品する数量",
        "bought": "{n}点ご購入 · {amount}",
        "reason": "返品の理由",
        "refund": "返金方法",
        "original": "お支払い方法へ返金",
        "credit": "ストアクレジット",
        "email": "返品コードの送信先メール",
        "send": "返品コードを発行",
        "policy": "カテゴリーごとの返品期間内に限ります。セール最終品は返品できません。",
        "done": "返品 {number} を受け付けました。レジでこのコードをご提示ください（メールでもお送りしました）。",
        "show": "レジでこのコードをご提示ください",
        "until": "有効期限 {date}",
        "nothing": "返品する商品を1点以上お選びください。",
        "unknown": "ご購入が見つかりません。メールのリンクをご確認ください。",
        "email_bad": "メールアドレスをご確認ください。",
        "already": "返品済み、または返品手続き中です。",
    },
    "de": {
        "title": "Rückgabe zum Beleg {number}",
        "intro": "Wählen Sie, was Sie zurückgeben. Bringen Sie die Artikel und den Code in eine unserer Filialen.",
        "how_many": "Wie viele zurückgeben",
        "bought": "{n} gekauft · {amount}",
        "reason": "Warum geben Sie es zurück?",
        "refund": "Erstattung",
        "original": "So, wie ich bezahlt habe",
        "credit": "Als Guthaben",
        "email": "E-Mail für den Rückgabecode",
        "send": "Rückgabecode erhalten",
        "policy": "Rückgabe innerhalb der Frist der Kategorie; Schlussverkaufsware ist ausgeschlossen.",
        "done": "Rückgabe {number} ist angelegt. Zeigen Sie diesen Code an der Kasse; wir haben ihn auch gemailt.",
        "show": "Zeigen Sie diesen Code an der Kasse",
        "until": "Gültig bis {date}",
        "nothing": "Wählen Sie mindestens einen Artikel.",
        "unknown": "Wir finden diesen Einkauf nicht. Prüfen Sie den Link in Ihrer E-Mail.",
        "email_bad": "Diese E-Mail-Adresse sieht nicht richtig aus.",
        "already": "bereits zurückgegeben oder in einer offenen Rückgabe.",
    },
}


def _sale_of_token(s: Session, token: str) -> str | None:
    order = s.scalar(select(CustomerOrder).where(CustomerOrder.token == token))
    return None if order is None else order.sale_id


def _context(s: Session, sale_id: str, lang_hint: str | None, action: str) -> dict[str, Any]:
    st = sale_state(s, sale_id)
    lang = language(lang_hint, st.store.locale)
    w = WORDS[lang]
    loc = LOCALES[lang]
    email = ""
    if st.order.customer_id is not None:
        email = s.scalar(select(Customer.email).where(Customer.id == st.order.customer_id)) or ""
    lines = [
        {"id": x.line_id, "name": x.name, "sku": x.sku, "open": x.open,
         "bought": w["bought"].format(n=x.sold, amount=money_text(x.total, st.order.currency, loc)),
         "why": x.refusal[1] if x.refusal else "" if x.open else f"{x.sku}: {w['already']}"}
        for x in st.lines
    ]  # fmt: skip
    return {
        "lang": lang,
        "w": w,
        "title": w["title"].format(number=st.order.receipt_no),
        "lines": lines,
        "any_open": any(x.open for x in st.lines),
        "reasons": [(c, ws.get(lang) or ws.get("en") or c) for c, ws in policy(s).reasons()],
        "credit": st.order.customer_id is not None,
        "email": email,
        "action": action,
    }


def _unknown(lang: str = "en") -> HTMLResponse:
    w = WORDS[lang]
    html = _env.get_template("return_page.html").render(
        lang=lang, w=w, title=w["unknown"], error="", done="", lines=[], any_open=False, action=""
    )
    return HTMLResponse(html, status_code=404, headers=HEADERS)


def _form(db: Any, sale_id: str | None, action: str, error: str = "", lang: str | None = None) -> HTMLResponse:
    if sale_id is None:
        return _unknown()
    with db.session() as s:
        try:
            ctx = _context(s, sale_id, lang, action)
        except ReturnError:
            return _unknown()
    html = _env.get_template("return_page.html").render(**ctx, error=error, done="")
    return HTMLResponse(html, headers=HEADERS)  # a refusal is the form again, with its sentence


async def _submit(db: Any, request: Request, sale_id: str | None, action: str) -> HTMLResponse:
    if sale_id is None:
        return _unknown()
    raw = (await request.body())[:20000].decode("utf-8", errors="replace")
    form = {k: v[0] for k, v in parse_qs(raw).items()}
    picks = []
    for key, value in form.items():
        if key.startswith("q-") and value.isdigit() and int(value) > 0:
            picks.append((key[2:], int(value)))
    email = form.get("email", "").strip().lower()
    import re

    with db.session() as s:
        try:
            lang = language(None, sale_state(s, sale_id).store.locale)
        except ReturnError:
            return _unknown()
    w = WORDS[lang]
    if email and not re.match(EMAIL_ANY_CASE_PATTERN, email):
        return _form(db, sale_id, action, w["email_bad"])
    if not picks:
        return _form(db, sale_id, action, w["nothing"])
    try:
        with db.transaction() as s:
            a = authorize(s, sale_id=sale_id, picks=picks, reason=form.get("reason", ""),
                          refund=form.get("refund", "original"), source="web", email=email, lang=lang)  # fmt: skip
            zone = ZoneInfo(s.get_one(Location, s.get_one(Order, a.order_id).store_id).timezone)
            number, code, until = a.number, a.code, aware(a.expires_at).astimezone(zone).strftime("%Y-%m-%d")
    except ReturnError as e:
        return _form(db, sale_id, action, e.detail)
    qr = "data:image/png;base64," + base64.b64encode(qr_png(code)).decode("ascii")
    html = _env.get_template("return_page.html").render(
        lang=lang, w=w, title=w["title"].format(number=number), error="",
        done=w["done"].format(number=number), qr=qr, code=code, until=w["until"].format(date=until),
    )  # fmt: skip
    return HTMLResponse(html, status_code=201, headers=HEADERS)


SaleId = Annotated[UUID, Path(description="the sale's id (the e-receipt's capability)")]


@router.get("/r/{sale_id}/return", summary="The customer's return form (from the e-receipt)", responses=HTML)
def receipt_return_form(db: DatabaseDep, sale_id: SaleId) -> HTMLResponse:
    return _form(db, str(sale_id), f"/r/{sale_id}/return")


@router.post("/r/{sale_id}/return", summary="Start a return from the e-receipt", responses=HTML, status_code=201)
async def receipt_return(db: DatabaseDep, sale_id: SaleId, request: Request) -> HTMLResponse:
    return await _submit(db, request, str(sale_id), f"/r/{sale_id}/return")


@router.get("/o/{token}/return", summary="The customer's return form (from the order page)", responses=HTML)
def order_return_form(db: DatabaseDep, token: Token) -> HTMLResponse:
    with db.session() as s:
        sale = _sale_of_token(s, token)
    return _form(db, sale, f"/o/{token}/return")


@router.post("/o/{token}/return", summary="Start a return from the order page", responses=HTML, status_code=201)
async def order_return(db: DatabaseDep, token: Token, request: Request) -> HTMLResponse:
    with db.session() as s:
        sale = _sale_of_token(s, token)
    return await _submit(db, request, sale, f"/o/{token}/return")
