"""The endless aisle's customer e-mails (docs/endless-aisle.md): order confirmation (the order
page link, lines, delivery option, address), shipped (carrier and tracking link), refund done.
HTML and text from one pair of templates (ship_mail.html / .txt), in the customer's language
(ja, en, de). Queued by central.shipments in the event's transaction; rendered when sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.mail.outbox import Rendered
from central.models import CustomerOrder, DeliveryOption, Fulfilment, Location, MailMessage
from central.pickups import language, money_text, order_url
from central.shipments import destination_of, lines_of
from sync.address import label_lines
from sync.protocol import tracking_url

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "mail" / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)

CARRIER_NAMES: dict[str, dict[str, str]] = {
    "en": {"yamato": "Yamato Transport", "sagawa": "Sagawa Express", "japanpost": "Japan Post", "dhl": "DHL",
           "dpd": "DPD", "hermes": "Hermes", "other": "our carrier"},
    "ja": {"yamato": "ヤマト運輸", "sagawa": "佐川急便", "japanpost": "日本郵便", "dhl": "DHL", "dpd": "DPD",
           "hermes": "Hermes", "other": "配送業者"},
    "de": {"yamato": "Yamato Transport", "sagawa": "Sagawa Express", "japanpost": "Japan Post", "dhl": "DHL",
           "dpd": "DPD", "hermes": "Hermes", "other": "unserem Versanddienst"},
}  # fmt: skip

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "order.confirmation_subject": "Your order {number} from {store}",
        "shipment.shipped_subject": "Your order {number} is on its way",
        "refund.done_subject": "Refund for your order {number}",
        "hello": "Hello {name},",
        "order.confirmation": "Thank you for your order {number} at {store}. We will e-mail you when it ships.",
        "shipment.shipped": "Your order {number} has left with {carrier}. Tracking number: {tracking}.",
        "refund.done": "We have refunded {amount} for the items below, which we could not deliver.",
        "unsourced": "Some items are not in stock anywhere yet: the store will contact you about them.",
        "items": "Items",
        "delivery": "Delivery",
        "days": "{min}-{max} days",
        "free": "free",
        "to_home": "Delivery address",
        "to_store": "We send it to our store {store}, where you collect it; we e-mail you when it is there.",
        "track": "Track your parcel",
        "page": "Your order page",
        "total": "Total",
    },
    "ja": {
        "order.confirmation_subject": "【{store}】ご注文 {number} を承りました",
        "shipment.shipped_subject": "ご注文 {number} を発送しました",
        "refund.done_subject": "ご注文 {number} の返金について",
        "hello": "{name} 様",
        "order.confirmation": "{store}でのご注文 {number} をありがとうございます。発送しましたらメールでお知らせします。",
        "shipment.shipped": "ご注文 {number} を{carrier}で発送しました。お問い合わせ番号：{tracking}",
        "refund.done": "お届けできなかった下記の商品の代金 {amount} を返金いたしました。",
        "unsourced": "一部の商品は現在在庫がございません。店舗よりご連絡いたします。",
        "items": "商品",
        "delivery": "配送方法",
        "days": "{min}〜{max}日",
        "free": "無料",
        "to_home": "お届け先",
        "to_store": "{store}へお届けし、店舗でお受け取りいただけます。到着しましたらメールでお知らせします。",
        "track": "配送状況を確認する",
        "page": "ご注文ページ",
        "total": "合計",
    },
    "de": {
        "order.confirmation_subject": "Ihre Bestellung {number} bei {store}",
        "shipment.shipped_subject": "Ihre Bestellung {number} ist unterwegs",
        "refund.done_subject": "Erstattung zu Ihrer Bestellung {number}",
        "hello": "Guten Tag {name},",
        "order.confirmation": "Vielen Dank für Ihre Bestellung {number} bei {store}. Wir schreiben Ihnen, sobald sie versandt ist.",
        "shipment.shipped": "Ihre Bestellung {number} ist mit {carrier} unterwegs. Sendungsnummer: {tracking}.",
        "refund.done": "Wir haben Ihnen {amount} für die folgenden Artikel erstattet, die wir nicht liefern konnten.",
        "unsourced": "Einige Artikel sind noch nirgends vorrätig: die Filiale meldet sich bei Ihnen.",
        "items": "Artikel",
        "delivery": "Versand",
        "days": "{min}-{max} Tage",
        "free": "kostenlos",
        "to_home": "Lieferadresse",
        "to_store": "Wir senden sie an unsere Filiale {store}, wo Sie sie abholen; wir schreiben Ihnen, wenn sie da ist.",
        "track": "Sendung verfolgen",
        "page": "Ihre Bestellseite",
        "total": "Summe",
    },
}

LOCALES = {"ja": "ja_JP", "de": "de_DE", "en": "en_US"}


def _order_and_fulfilments(session: Session, msg: MailMessage) -> tuple[CustomerOrder, list[Fulfilment]]:
    if msg.kind == "order.confirmation":
        order = session.get_one(CustomerOrder, int(msg.ref))
        q = select(Fulfilment).where(Fulfilment.order_id == order.id, Fulfilment.kind == "ship").order_by(Fulfilment.id)
        return order, list(session.scalars(q))
    f = session.get_one(Fulfilment, int(msg.ref.split(":")[0]))
    return session.get_one(CustomerOrder, f.order_id), [f]


def render_ship_mail(session: Session, msg: MailMessage) -> Rendered:
    order, fulfilments = _order_and_fulfilments(session, msg)
    assert order.store_id is not None
    store = session.get_one(Location, order.store_id)
    lang = language(msg.language, store.locale)
    w = WORDS[lang]
    locale = LOCALES[lang]

    def money(amount: int) -> str:
        return money_text(amount, order.currency, locale)

    first = fulfilments[0]
    dest = destination_of(first)
    lines = [(x.name, x.quantity, money(x.unit_price * x.quantity)) for f in fulfilments for x in lines_of(session, f)]
    carrier = CARRIER_NAMES[lang].get(first.carrier or "other", first.carrier or "")
    refunded = first.refunded if msg.kind == "refund.done" else 0
    values = {
        "number": order.number,
        "store": store.name,
        "name": order.customer_name,
        "carrier": carrier,
        "tracking": first.tracking or "",
        "amount": money(refunded),
    }
    subject = w[f"{msg.kind}_subject"].format(**values)
    option = session.get(DeliveryOption, order.delivery_option or "")
    delivery = ""
    if msg.kind == "order.confirmation" and option is not None:
        name = {"ja": option.name_ja, "de": option.name_de}.get(lang) or option.name_en
        fee = money(order.delivery_fee or 0) if order.delivery_fee else w["free"]
        delivery = f"{name} ({w['days'].format(min=option.days_min, max=option.days_max)}): {fee}"
    address: list[str] = []
    to_store = ""
    if dest.get("kind") == "home":
        address = label_lines(dest.get("address", {}), order.customer_name, lang)
    elif dest.get("kind") == "store":
        there = session.get(Location, dest.get("store_id"))
        to_store = w["to_store"].format(store=there.name if there is not None else dest.get("store_id"))
    context: dict[str, Any] = {
        "lang": lang,
        "subject": subject,
        "hello": w["hello"].format(**values),
        "intro": w[msg.kind].format(**values),
        "unsourced": w["unsourced"]
        if any(f.state == "unsourced" for f in fulfilments) and msg.kind == "order.confirmation"
        else "",
        "items_label": w["items"],
        "lines": lines,
        "delivery_label": w["delivery"],
        "delivery": delivery,
        "total_label": w["total"],
        "total": money(order.total) if msg.kind == "order.confirmation" else "",
        "address_label": w["to_home"],
        "address": address,
        "to_store": to_store,
        "track_label": w["track"],
        "track_url": tracking_url(first.carrier, first.tracking) if msg.kind == "shipment.shipped" else None,
        "page_label": w["page"],
        "page_url": order_url(order),
    }
    return Rendered(
        subject=subject,
        text=_env.get_template("ship_mail.txt").render(context),
        html=_env.get_template("ship_mail.html").render(context),
    )
