"""The customer's order page: `GET /o/{token}` (mobile HTML, docs/pickups.md,
docs/endless-aisle.md).

Opened from the e-mail's link. The token is the capability (32 random characters, made by
central, never listed): the page shows each part of the order — a pickup with its store, opening
hours and, once ready, the signed QR to show at the counter; a shipment with its state, where it
goes and, once shipped, the carrier and the tracking link — their items and one history.
Server-rendered (Jinja2, one template and one render path for a found order and an unknown
token), no JavaScript.
"""

from __future__ import annotations

import base64
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.deps import DatabaseDep
from central.models import CustomerOrder, Fulfilment, FulfilmentLine, Location
from central.pickups import aware, history, hours_of, language, money_text, qr_png, store_paid
from central.routes import ERRORS
from central.ship_mail import CARRIER_NAMES
from central.shipments import destination_of
from sync.address import label_lines
from sync.protocol import tracking_url

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
                   "collected": "Collected", "reminded": "Reminder sent", "expired": "Expired", "cancelled": "Cancelled",
                   "short": "Some items could not be found: refunded", "restocked": "Returned to the shelf",
                   "arrived": "You checked in at the store", "paid": "Paid at the store"},
        "show": "Show this code at the counter",
        "until": "Collect by {date}",
        "items": "Items",
        "missing": "not available",
        "store": "Pickup store",
        "hours": "Opening hours",
        "history": "History",
        "pay": "To pay at pickup: {total}",
        "paid": "Paid",
        "paid_store": "Paid at {store} on {date}: {total}",
        "unknown": "We cannot find this order. Check the link in your e-mail.",
        "ship_states": {"unsourced": "Waiting for stock", "sourced": "Being prepared", "shipped": "On its way",
                        "delivered": "Delivered", "cancelled": "Cancelled"},
        "ship_events": {"created": "Order received", "sourced": "Being prepared", "wait": "Waiting for stock",
                        "split": "Sent in parts", "shipped": "Shipped", "delivered": "Delivered",
                        "cancelled": "Cancelled", "refunded": "Refunded", "retried": "Waiting for stock"},
        "shipment": "Delivery",
        "to_store": "To our store {store}, to collect there",
        "carrier": "Carrier",
        "tracking": "Tracking number",
        "track": "Track your parcel",
        "refund": "Refund due: {amount}",
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
                   "collected": "お受け取り済み", "reminded": "リマインダー送信", "expired": "期限切れ", "cancelled": "キャンセル",
                   "short": "一部の商品をご用意できませんでした（返金）", "restocked": "売場に戻しました",
                   "arrived": "店舗でチェックインされました", "paid": "店頭でお支払い"},
        "show": "カウンターでこのコードをご提示ください",
        "until": "{date}までにお受け取りください",
        "items": "商品",
        "missing": "在庫なし",
        "store": "受け取り店舗",
        "hours": "営業時間",
        "history": "履歴",
        "pay": "お受け取り時のお支払い：{total}",
        "paid": "お支払い済み",
        "paid_store": "{date}に{store}でお支払い済み：{total}",
        "unknown": "ご注文が見つかりません。メールのリンクをご確認ください。",
        "ship_states": {"unsourced": "在庫確認中", "sourced": "発送準備中", "shipped": "配送中",
                        "delivered": "お届け済み", "cancelled": "キャンセル"},
        "ship_events": {"created": "ご注文受付", "sourced": "発送準備中", "wait": "在庫待ち", "split": "分割発送",
                        "shipped": "発送済み", "delivered": "お届け済み", "cancelled": "キャンセル",
                        "refunded": "返金済み", "retried": "在庫待ち"},
        "shipment": "配送",
        "to_store": "{store}へお届け（店舗でお受け取り）",
        "carrier": "配送業者",
        "tracking": "お問い合わせ番号",
        "track": "配送状況を確認する",
        "refund": "返金予定額：{amount}",
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
                   "collected": "Abgeholt", "reminded": "Erinnerung gesendet", "expired": "Abgelaufen", "cancelled": "Storniert",
                   "short": "Einige Artikel fehlten: erstattet", "restocked": "Zurück im Verkaufsraum",
                   "arrived": "Sie haben sich in der Filiale angemeldet", "paid": "In der Filiale bezahlt"},
        "show": "Zeigen Sie diesen Code an der Kasse",
        "until": "Abholen bis {date}",
        "items": "Artikel",
        "missing": "nicht verfügbar",
        "store": "Abholfiliale",
        "hours": "Öffnungszeiten",
        "history": "Verlauf",
        "pay": "Bei Abholung zu zahlen: {total}",
        "paid": "Bezahlt",
        "paid_store": "Bezahlt am {date} bei {store}: {total}",
        "unknown": "Wir finden diese Bestellung nicht. Prüfen Sie den Link in Ihrer E-Mail.",
        "ship_states": {"unsourced": "Wartet auf Ware", "sourced": "Wird vorbereitet", "shipped": "Unterwegs",
                        "delivered": "Zugestellt", "cancelled": "Storniert"},
        "ship_events": {"created": "Bestellung eingegangen", "sourced": "Wird vorbereitet", "wait": "Wartet auf Ware",
                        "split": "In Teilen versandt", "shipped": "Versandt", "delivered": "Zugestellt",
                        "cancelled": "Storniert", "refunded": "Erstattet", "retried": "Wartet auf Ware"},
        "shipment": "Lieferung",
        "to_store": "An unsere Filiale {store}, zur Abholung dort",
        "carrier": "Versanddienst",
        "tracking": "Sendungsnummer",
        "track": "Sendung verfolgen",
        "refund": "Zu erstatten: {amount}",
    },
}  # fmt: skip

Token = Annotated[str, Path(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="from the e-mail")]
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
TEMPLATE = "order_page.html"


def _page(s: Session, order: CustomerOrder) -> dict[str, Any]:
    """What the template shows of a found order: one card per fulfilment and one history."""
    fulfilments = list(s.scalars(select(Fulfilment).where(Fulfilment.order_id == order.id).order_by(Fulfilment.id)))
    home = s.get_one(Location, order.store_id or fulfilments[0].location_id)
    lang = language(order.language, home.locale)
    w = WORDS[lang]
    tz = ZoneInfo(home.timezone)
    locale = {"ja": "ja_JP", "de": "de_DE"}.get(lang, "en_US")

    def local(at: object) -> str:
        a = aware(at)  # type: ignore[arg-type]
        return "" if a is None else a.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    def money(amount: int) -> str:
        return money_text(amount, order.currency, locale)

    cards: list[dict[str, Any]] = []
    events: list[tuple[Any, int, str]] = []
    for f in fulfilments:
        lines = s.scalars(
            select(FulfilmentLine).where(FulfilmentLine.fulfilment_id == f.id).order_by(FulfilmentLine.line_no)
        )
        card: dict[str, Any] = {
            "id": f.id,
            "kind": f.kind,
            "state": f.state,
            "items": [
                {
                    "name": x.name,
                    "qty": x.quantity - x.missing,
                    "missing": x.missing,
                    "price": money(x.unit_price * x.quantity),
                }
                for x in lines
            ],
        }
        if f.kind == "pickup":
            store = s.get_one(Location, f.location_id)
            expires = aware(f.expires_at)
            qr = (
                "data:image/png;base64," + base64.b64encode(qr_png(f.code)).decode()
                if f.state == "ready" and f.code
                else None
            )
            card |= {
                "state_label": w["states"].get(f.state, f.state),
                "heading": w["store"],
                "qr": qr,
                "code": f.code if qr else "",
                "until": w["until"].format(date=expires.astimezone(tz).strftime("%Y-%m-%d")) if expires and qr else "",
                "place": store.name,
                "address": [f"{store.address}, {store.city}"],
                "hours": hours_of(s, store.id, lang),
            }
            names = w["events"]
        else:
            dest = destination_of(f)
            there = s.get(Location, dest.get("store_id")) if dest.get("kind") == "store" else None
            card |= {
                "state_label": w["ship_states"].get(f.state, f.state),
                "heading": w["shipment"],
                "place": w["to_store"].format(store=there.name) if there is not None else "",
                "address": label_lines(dest.get("address", {}), order.customer_name, lang)
                if dest.get("kind") == "home"
                else [],
                "carrier": CARRIER_NAMES[lang].get(f.carrier or "", f.carrier or ""),
                "tracking": f.tracking or "",
                "track_url": tracking_url(f.carrier, f.tracking),
                "refund": w["refund"].format(amount=money(f.refund_due - f.refunded))
                if f.refund_due > f.refunded
                else "",
            }
            names = w["ship_events"]
        cards.append(card)  # a ship-to-store parcel shows as delivered, then its pickup with the QR
        events += [(aware(e.at), e.id, names.get(e.event, e.event)) for e in history(s, f)]
    seen: set[tuple[str, str]] = set()
    merged = []
    for at, _id, what in sorted(events, key=lambda x: (x[0], x[1]), reverse=True):
        if (local(at), what) not in seen:  # "Order received" once for an order in two parts
            seen.add((local(at), what))
            merged.append((local(at), what))
    return {
        "lang": lang,
        "title": w["title"].format(number=order.number),
        "cards": cards,
        "payment": _payment(s, order, w, money, local),
        "w": w,
        "history": merged,
        # paid at a till (the endless aisle): the customer may start a return online (central/routes/return_page.py)
        "return_url": f"/o/{order.token}/return" if order.sale_id else "",
        "return_label": {"ja": "返品する", "de": "Artikel zurückgeben"}.get(lang, "Return items"),
    }


def _payment(s: Session, order: CustomerOrder, w: dict[str, Any], money: Any, local: Any) -> str:
    """Paid online; paid at a store's till (where, when, how much); or what is still to pay."""
    if order.payment != "pay_on_pickup":
        return str(w["paid"])
    paid = store_paid(s, order)
    if paid is None:
        return str(w["pay"].format(total=money(order.total)))
    total = money(paid["amount"]) if paid["amount"] is not None else ""
    return str(w["paid_store"].format(store=paid["store_name"], date=local(paid["at"])[:10], total=total))


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
            context: dict[str, Any] = {"lang": "en", "found": False, "title": "Order"}
            context["pages"] = [WORDS[k]["unknown"] for k in ("ja", "de", "en")]
        else:
            context = {"found": True, **_page(s, order)}
    html = _env.get_template(TEMPLATE).render(context)
    return HTMLResponse(html, status_code=200 if context["found"] else 404, headers=HEADERS)
