"""The customer's order page: `GET /o/{token}` (mobile HTML, docs/pickups.md).

Opened from the e-mail's link. The token is the capability (32 random characters, made by
central, never listed): the page shows the order's status and history, its items, the store
with its opening hours and, once the order is ready, the signed pickup QR to show at the
counter. Server-rendered (Jinja2), no JavaScript. Later: tracking of ship lines.
"""

from __future__ import annotations

import base64
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from central.deps import DatabaseDep
from central.models import CustomerOrder, FulfilmentLine, Location
from central.pickups import aware, history, hours_of, language, money_text, pickup_of_order, qr_png
from central.routes import ERRORS

router = APIRouter(tags=["customer pages"], responses={422: ERRORS[422]})
_env = Environment(loader=PackageLoader("central.mail", "templates"), autoescape=select_autoescape(["html"]))

WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Order {number}",
        "states": {
            "new": "Received",
            "picking": "Being prepared",
            "ready": "Ready for pickup",
            "collected": "Collected",
            "expired": "Not collected in time",
            "cancelled": "Cancelled",
        },
        "events": {"created": "Order received", "picked": "Being prepared", "ready": "Ready for pickup",
                   "collected": "Collected", "reminded": "Reminder sent", "expired": "Expired", "cancelled": "Cancelled"},
        "show": "Show this code at the counter",
        "until": "Collect by {date}",
        "items": "Items",
        "missing": "not available",
        "store": "Pickup store",
        "hours": "Opening hours",
        "history": "History",
        "pay": "To pay at pickup: {total}",
        "paid": "Paid",
        "unknown": "We cannot find this order. Check the link in your e-mail.",
    },
    "ja": {
        "title": "ご注文 {number}",
        "states": {
            "new": "ご注文受付",
            "picking": "ご用意しています",
            "ready": "お受け取りいただけます",
            "collected": "お受け取り済み",
            "expired": "お受け取り期限切れ",
            "cancelled": "キャンセル",
        },
        "events": {"created": "ご注文受付", "picked": "ご用意中", "ready": "お受け取り準備完了",
                   "collected": "お受け取り済み", "reminded": "リマインダー送信", "expired": "期限切れ", "cancelled": "キャンセル"},
        "show": "カウンターでこのコードをご提示ください",
        "until": "{date}までにお受け取りください",
        "items": "商品",
        "missing": "在庫なし",
        "store": "受け取り店舗",
        "hours": "営業時間",
        "history": "履歴",
        "pay": "お受け取り時のお支払い：{total}",
        "paid": "お支払い済み",
        "unknown": "ご注文が見つかりません。メールのリンクをご確認ください。",
    },
    "de": {
        "title": "Bestellung {number}",
        "states": {
            "new": "Eingegangen",
            "picking": "Wird vorbereitet",
            "ready": "Abholbereit",
            "collected": "Abgeholt",
            "expired": "Nicht rechtzeitig abgeholt",
            "cancelled": "Storniert",
        },
        "events": {"created": "Bestellung eingegangen", "picked": "Wird vorbereitet", "ready": "Abholbereit",
                   "collected": "Abgeholt", "reminded": "Erinnerung gesendet", "expired": "Abgelaufen", "cancelled": "Storniert"},
        "show": "Zeigen Sie diesen Code an der Kasse",
        "until": "Abholen bis {date}",
        "items": "Artikel",
        "missing": "nicht verfügbar",
        "store": "Abholfiliale",
        "hours": "Öffnungszeiten",
        "history": "Verlauf",
        "pay": "Bei Abholung zu zahlen: {total}",
        "paid": "Bezahlt",
        "unknown": "Wir finden diese Bestellung nicht. Prüfen Sie den Link in Ihrer E-Mail.",
    },
}  # fmt: skip

Token = Annotated[str, Path(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="from the e-mail")]
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@router.get(
    "/o/{token}",
    summary="The customer's order page",
    responses={
        200: {"content": {"text/html": {}}, "description": "the order as a page"},
        404: {"content": {"text/html": {}}, "description": "no such order: a page saying so"},
    },
)
def order_page(db: DatabaseDep, token: Token) -> HTMLResponse:
    with db.session() as s:
        order = s.scalar(select(CustomerOrder).where(CustomerOrder.token == token))
        if order is None:
            html = _env.get_template("pickup_order_page.html").render(
                lang="en", found=False, title="Order", pages=[WORDS[k]["unknown"] for k in ("ja", "de", "en")]
            )
            return HTMLResponse(html, status_code=404, headers=HEADERS)
        f = pickup_of_order(s, order)
        store = s.get_one(Location, f.location_id)
        lang = language(order.language, store.locale)
        w = WORDS[lang]
        tz = ZoneInfo(store.timezone)
        locale = {"ja": "ja_JP", "de": "de_DE"}.get(lang, "en_US")

        def local(at: object) -> str:
            a = aware(at)  # type: ignore[arg-type]
            return "" if a is None else a.astimezone(tz).strftime("%Y-%m-%d %H:%M")

        lines = s.scalars(
            select(FulfilmentLine).where(FulfilmentLine.fulfilment_id == f.id).order_by(FulfilmentLine.line_no)
        )
        items = [
            {
                "name": x.name,
                "qty": x.quantity - x.missing,
                "missing": x.missing,
                "price": money_text(x.unit_price * x.quantity, order.currency, locale),
            }
            for x in lines
        ]
        qr = None
        if f.state == "ready" and f.code:
            qr = "data:image/png;base64," + base64.b64encode(qr_png(f.code)).decode()
        expires = aware(f.expires_at)
        html = _env.get_template("pickup_order_page.html").render(
            lang=lang,
            found=True,
            title=w["title"].format(number=order.number),
            state=f.state,
            state_label=w["states"][f.state],
            qr=qr,
            code=f.code if qr else "",
            show=w["show"],
            until=w["until"].format(date=expires.astimezone(tz).strftime("%Y-%m-%d")) if expires and qr else "",
            items_label=w["items"],
            missing_label=w["missing"],
            items=items,
            payment=w["pay"].format(total=money_text(order.total, order.currency, locale))
            if order.payment == "pay_on_pickup"
            else w["paid"],
            store_label=w["store"],
            store=store.name,
            address=f"{store.address}, {store.city}",
            hours_label=w["hours"],
            hours=hours_of(s, store.id, lang),
            history_label=w["history"],
            history=[(local(e.at), w["events"].get(e.event, e.event)) for e in reversed(history(s, f))],
        )
    return HTMLResponse(html, headers=HEADERS)
