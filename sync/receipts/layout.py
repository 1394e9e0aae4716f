"""A receipt in the store's words, laid out for a given width — one layout, three renderers.

`layout(receipt, columns)` gives a list of elements (text, left/right pairs, rules, the QR)
in the store's language: Japanese for a JP store, German for a DE store, English otherwise.
The plain-text, ESC/POS and PDF renderers only draw these elements, so what is printed, what
is logged and what central mails say the same thing.

Money is formatted with babel from the amount's own minor units (``Decimal(minor).scaleb(-e)``,
no quantization left for babel to do, so its half-even rounding never applies). Widths count
East Asian wide characters as two columns, as a receipt printer's Kanji font does.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_currency, format_decimal

from sync.loyalty import masked_card, redeemed_points
from sync.receipts.model import Receipt, ReceiptLine

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Receipt",
        "gift": "Gift receipt",
        "reprint": "Reprint",
        "receipt_no": "Receipt",
        "staff": "Served by",
        "device": "Till",
        "registration": "VAT no.",
        "subtotal": "Subtotal",
        "savings": "You saved",
        "discount": "Discount",
        "total": "Total",
        "tax_incl": "incl. tax {rate} %",
        "tax_added": "Tax {rate} %",
        "cash_rounding": "Cash rounding",
        "change": "Change",
        "cash": "Cash",
        "card": "Card",
        "store_credit": "Store credit",
        "gift_card": "Gift card",
        "exchange": "Exchange credit",
        "points_used": "Points used",
        "points_earned": "Points earned",
        "items": "{n} items",
        "ship_note": "Delivered to {where}",
        "pickup_note": "Collected, order {number}",
        "qr": "Scan for returns",
        "thanks": "Thank you for shopping with us",
        "gift_note": "Gift receipt: exchange or return within the store's policy",
        "test_page": "Aisle - printer test page",
        "test_ruler": "Ruler, {columns} columns (must not wrap):",
    },
    "de": {
        "title": "Kassenbon",
        "gift": "Geschenkbon",
        "reprint": "Kopie",
        "receipt_no": "Bon-Nr.",
        "staff": "Es bediente Sie",
        "device": "Kasse",
        "registration": "USt-IdNr.",
        "subtotal": "Zwischensumme",
        "savings": "Gespart",
        "discount": "Rabatt",
        "total": "Summe",
        "tax_incl": "MwSt {rate} %",
        "tax_added": "MwSt {rate} %",
        "tax_word": "MwSt",
        "net": "Netto",
        "gross": "Brutto",
        "cash_rounding": "Rundung",
        "change": "Rückgeld",
        "cash": "Bar",
        "card": "Karte",
        "store_credit": "Guthaben",
        "exchange": "Umtauschgutschrift",
        "gift_card": "Geschenkkarte",
        "points_used": "Eingelöste Punkte",
        "points_earned": "Gesammelte Punkte",
        "items": "{n} Artikel",
        "ship_note": "Lieferung an {where}",
        "pickup_note": "Abgeholt, Bestellung {number}",
        "qr": "Für Umtausch und Rückgabe",
        "thanks": "Vielen Dank für Ihren Einkauf",
        "gift_note": "Geschenkbon: Umtausch im Rahmen unserer Bedingungen",
        "test_page": "Aisle - Testseite des Druckers",
        "test_ruler": "Lineal, {columns} Zeichen (darf nicht umbrechen):",
    },
    "ja": {
        "title": "領収書",
        "invoice": "適格簡易請求書",
        "gift": "ギフトレシート",
        "reprint": "再発行",
        "receipt_no": "レシート番号",
        "staff": "担当",
        "device": "レジ",
        "registration": "登録番号",
        "subtotal": "小計",
        "savings": "割引合計",
        "discount": "値引",
        "total": "合計",
        "tax_incl": "{rate}%対象",
        "tax_added": "消費税 {rate}%",
        "tax_of": "内消費税等",
        "cash_rounding": "端数調整",
        "change": "お釣り",
        "cash": "現金",
        "card": "クレジット",
        "store_credit": "ストアクレジット",
        "exchange": "交換充当",
        "gift_card": "ギフトカード",
        "points_used": "ご利用ポイント",
        "points_earned": "獲得ポイント",
        "items": "{n}点",
        "ship_note": "配送先：{where}",
        "pickup_note": "店頭受け取り（ご注文 {number}）",
        "reduced_note": "※は軽減税率対象商品です",
        "qr": "返品の際にお使いください",
        "thanks": "ご来店ありがとうございました",
        "gift_note": "ギフトレシート:交換・返品にお使いいただけます",
        "test_page": "Aisle プリンター テスト印刷",
        "test_ruler": "目盛り {columns}桁（折り返さないこと）:",
    },
}

DATE_PATTERNS = {"ja": "yyyy年M月d日 HH:mm z", "de": "dd.MM.yyyy HH:mm z", "en": "yyyy-MM-dd HH:mm z"}


def language(receipt: Receipt) -> str:
    lang = receipt.store.language
    return lang if lang in LABELS else "en"


def labels(receipt: Receipt) -> dict[str, str]:
    return LABELS[language(receipt)]


def money(minor: int, receipt: Receipt) -> str:
    """One formatted amount from its (already rounded) minor units."""
    value = Decimal(minor).scaleb(-receipt.exponent)
    text = format_currency(value, receipt.currency, locale=receipt.store.locale, decimal_quantization=False)
    return str(text).replace("\u00a0", " ").replace("\u202f", " ")


def rate_text(rate: Decimal, receipt: Receipt) -> str:
    return str(format_decimal(rate.normalize(), locale=receipt.store.locale))


def when(receipt: Receipt) -> str:
    local = receipt.sale.at.astimezone(ZoneInfo(receipt.store.timezone))
    text = format_datetime(local, DATE_PATTERNS[language(receipt)], locale=receipt.store.locale)
    return str(text).replace("\u00a0", " ").replace("\u202f", " ")


# -- widths -------------------------------------------------------------------------------


def cols(text: str) -> int:
    """Printer columns of ``text``: wide and full-width characters count two, combining marks none."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def clip(text: str, width: int) -> str:
    out, n = [], 0
    for ch in text:
        w = cols(ch)
        if n + w > width:
            break
        out.append(ch)
        n += w
    return "".join(out)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns, at spaces where it can."""
    lines: list[str] = []
    rest = text
    while cols(rest) > width:
        head = clip(rest, width)
        cut = head.rfind(" ")
        if cut > 0 and not any(cols(c) == 2 for c in head):
            head = head[:cut]
        lines.append(head.rstrip())
        rest = rest[len(head) :].lstrip()
    lines.append(rest)
    return lines


def pad_pair(left: str, right: str, width: int) -> list[str]:
    """``left`` and ``right`` on one line of ``width`` columns (left wraps when it must)."""
    gap = width - cols(left) - cols(right)
    if gap >= 1:
        return [left + " " * gap + right]
    room = max(width - cols(right) - 1, 1)
    parts = wrap(left, room)
    last = parts[-1]
    return [*parts[:-1], last + " " * (width - cols(last) - cols(right)) + right]


# -- elements -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    align: str = "left"  # left | center | right
    bold: bool = False
    double: bool = False  # double width and height (title, total)


@dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: str
    bold: bool = False
    double: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True, slots=True)
class Qr:
    data: str
    caption: str = ""


Element = Text | Pair | Rule | Qr


def layout(receipt: Receipt) -> list[Element]:
    """The receipt as elements, in the store's language."""
    lang = language(receipt)
    lab = LABELS[lang]
    r = receipt
    out: list[Element] = []
    if r.reprint:
        out.append(Text(f"*** {lab['reprint']} ***", "center", bold=True))
    out.append(Text(r.store.name, "center", bold=True, double=True))
    out.extend(Text(a, "center") for a in r.store.address)
    if r.store.phone:
        out.append(Text(r.store.phone, "center"))
    if lang == "ja" and not r.gift:
        out.append(Text(lab["invoice"], "center", bold=True))
    if r.store.registration and not r.gift:
        out.append(Text(f"{lab['registration']} {r.store.registration}", "center"))
    out.append(Text(lab["gift"] if r.gift else lab["title"], "center", bold=True))
    out.append(Rule())
    out.append(Text(when(r)))
    out.append(Pair(lab["receipt_no"], r.sale.number))
    out.append(Pair(lab["staff"], r.sale.staff))
    out.append(Pair(lab["device"], r.sale.device))
    out.append(Rule())
    for ln in r.lines:
        qty = f"{ln.quantity} x " if ln.quantity != 1 else ""
        note = _way(ln, lab)
        if r.gift:
            out.append(Text(f"{qty}{ln.name}"))
            if note:
                out.append(Text(f"  {note}"))
            continue
        mark = f" {ln.mark}" if ln.mark else ""
        name = f"{ln.mark}{ln.name}" if lang == "ja" and ln.mark else ln.name
        right = money(ln.amount, r) + ("" if lang == "ja" else mark)
        if ln.quantity != 1:
            out.append(Text(name))
            out.append(Pair(f"  {ln.quantity} x {money(ln.unit_price, r)}", right))
        else:
            out.append(Pair(name, right))
        for sv in ln.savings:
            points = redeemed_points(sv.label) if sv.kind == "discount" else 0
            label = (
                sv.label
                if sv.kind == "promotion"
                else f"{lab.get('points_used', 'Points used')}: {points:,}"
                if points
                else f"{lab['discount']}: {sv.label}"
            )
            out.append(Pair(f"  {label}", money(-sv.amount, r)))
        if note:  # not carried out now: delivered, or a pickup order collected
            out.append(Text(f"  {note}"))
    out.append(Rule())
    n_items = sum(ln.quantity for ln in r.lines)
    if r.gift:
        out.append(Text(lab["items"].format(n=n_items)))
        out.append(Rule())
        out.append(Text(lab["gift_note"], "center"))
    else:
        _totals(r, lab, lang, n_items, out)
    if r.card_slip and not r.gift:
        out.append(Rule())
        out.extend(Text(s) for s in r.card_slip)
    if r.code:
        out.append(Qr(r.code, lab["qr"]))
    out.append(Rule())
    out.extend(Text(f, "center") for f in r.store.footer)
    out.append(Text(lab["thanks"], "center"))
    return out


def _totals(r: Receipt, lab: dict[str, str], lang: str, n_items: int, out: list[Element]) -> None:
    saved = r.promotions + r.discounts
    out.append(Pair(f"{lab['subtotal']} ({lab['items'].format(n=n_items)})", money(r.amount, r)))
    if saved:
        out.append(Pair(lab["savings"], money(-saved, r)))
    if r.tax_mode == "added":
        for t in r.taxes:
            out.append(Pair(lab["tax_added"].format(rate=rate_text(t.rate, r)), money(t.tax, r)))
    out.append(Pair(lab["total"], money(r.total, r), bold=True, double=True))
    if lang == "ja":
        # Qualified (simplified) invoice: per rate, the amount subject to it and its tax.
        for t in r.taxes:
            head = lab["tax_incl"].format(rate=rate_text(t.rate, r)) + (" ※" if t.mark else "")
            out.append(Pair(f"  {head}", money(t.gross, r)))
            out.append(Pair(f"    {lab['tax_of']}", money(t.tax, r)))
        if any(t.mark for t in r.taxes) or any(ln.mark for ln in r.lines):
            out.append(Text(lab["reduced_note"]))
    elif r.tax_mode == "included":
        if lang == "de":
            out.append(Text(f"{lab['tax_word']:<8} {lab['net']:>10} {lab['tax_word']:>8} {lab['gross']:>9}"))
            for t in r.taxes:
                out.append(
                    Text(
                        f"{t.mark} {rate_text(t.rate, r):>4} % {_num(t.net, r):>10} {_num(t.tax, r):>8} {_num(t.gross, r):>9}"
                    )
                )
        else:
            for t in r.taxes:
                head = lab["tax_incl"].format(rate=rate_text(t.rate, r))
                out.append(Pair(f"  {t.mark} {head}", money(t.tax, r)))
    out.append(Rule())
    if r.cash_rounding:
        out.append(Pair(lab["cash_rounding"], money(r.cash_rounding, r)))
    for tn in r.tenders:
        name = lab.get(tn.type, tn.type)
        out.append(Pair(name, money(tn.amount, r)))
        if tn.reference and tn.type in ("store_credit", "gift_card"):  # a spend id; a card is a bearer secret
            if tn.type == "gift_card":
                out.append(Text(f"  {masked_card(tn.reference.split(':', 1)[0])}"))
        elif tn.reference:
            out.append(Text(f"  {tn.reference}"))
    if r.tenders:
        out.append(Pair(lab["change"], money(r.change, r), bold=True))
    loyalty = r.extra.get("loyalty")  # points of the customer's sale (docs/loyalty.md)
    if isinstance(loyalty, dict):
        if loyalty.get("redeemed"):
            out.append(Pair(lab.get("points_used", "Points used"), f"{int(loyalty['redeemed']):,}"))
        if loyalty.get("earned"):
            out.append(Pair(lab.get("points_earned", "Points earned"), f"{int(loyalty['earned']):,}"))


def _num(minor: int, r: Receipt) -> str:
    """An amount without its currency sign (the German VAT table's columns)."""
    value = Decimal(minor).scaleb(-r.exponent)
    pattern = "#,##0" + ("." + "0" * r.exponent if r.exponent else "")
    return str(format_decimal(value, pattern, locale=r.store.locale))


def _way(ln: ReceiptLine, lab: dict[str, str]) -> str:
    """ "Delivered to 〒150-0001 …" / "Collected, order 000123" for a line not carried out now."""
    if ln.fulfilment == "ship" and ln.where:
        return lab["ship_note"].format(where=ln.where)
    if ln.fulfilment == "pickup" and ln.where:
        return lab["pickup_note"].format(number=ln.where)
    return ""
