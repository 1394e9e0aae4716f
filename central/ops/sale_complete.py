"""`sale.complete`: a sale made on a tablet becomes an order of channel "store".

A sale has already happened (DESIGN.md section 3): central records it with its lines, payments
and stock movements even when stock goes negative, and never rejects it for its prices. It
re-prices the sale with the shared engine (`sync.pricing`) twice: the pricing input exactly as
the tablet sent it (does the tablet's arithmetic hold?) and the same input with central's own
store rules (its locations row), price lists, tax rates and promotions (did the tablet price
from what central says? a promotion central ended a minute ago, a coupon it does not know).
Every difference is a check stored on the order (`flagged`, `checks`), visible in the order API.
Exactly once comes from the applied-op record written in the same transaction (central.ops).

Cost (docs/performance.md, ingest): what changes only with the change log's locations, tax,
catalog, prices and promotions streams — the store's rules and tax rates, the promotions, a
variant's SKU, tax class and category, its prices — is read once per process while those
streams stand still (`central.changes.lasting_cache`), and a push applies many ops per
transaction (central.ops.batch), a run of carried-out sales at once (`apply_many`: a few
statements for the run). When central's pricing input comes out equal to the one the tablet
sent (the usual case: the tablet priced from what central says), the two prices are one: the
engine is a pure function of its input. Rows are written with Core statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from central.changes import StockMove, adjust_stocks, lasting_cache, location_row, move_stocks, now, written
from central.db import insert_many
from central.models import Category, Location, Order, OrderLine, Payment, Price, PriceList, Style, TaxRate, Variant
from central.ops import stored_value
from central.ops.base import Applied, Caller, OpRejected
from central.promotions import rows as promotion_rows
from sync.pricing import PricedBasket, PricingError, price_basket, read_basket
from sync.pricing_rows import LOCATION_COLUMNS, PROMOTION_COLUMNS, as_mapping, choose, store_document
from sync.protocol import SaleCompleteOp, SaleCompletePayload


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


ORDERS, ORDER_LINES, PAYMENTS = _table(Order), _table(OrderLine), _table(Payment)
# Statements built once: building one costs more than running it on SQLite.
_SALE_KNOWN = select(ORDERS.c.id).where(ORDERS.c.sale_id == bindparam("sale_id"))
_RECEIPT_ELSEWHERE = (
    select(ORDERS.c.sale_id)
    .where(ORDERS.c.receipt_no == bindparam("receipt_no"), ORDERS.c.sale_id != bindparam("sale_id"))
    .limit(1)
)
_VARIANTS = (
    select(Variant.id, Variant.sku, Style.tax_class, Category.name)
    .join(Style, Style.id == Variant.style_id)
    .join(Category, Category.id == Style.category_id)
    .where(Variant.id.in_(bindparam("ids", expanding=True)))
)
_PRICES = (
    select(PriceList.id, PriceList.store_id, PriceList.customer_group, Price.variant_id, Price.amount)
    .join(Price, Price.list_id == PriceList.id)
    .where(PriceList.currency == bindparam("currency"), Price.variant_id.in_(bindparam("ids", expanding=True)))
    .where((PriceList.store_id.is_(None)) | (PriceList.store_id == bindparam("store_id")))
)
_ORDER_INSERT = ORDERS.insert().returning(ORDERS.c.id)
_SALES_KNOWN = select(ORDERS.c.sale_id).where(ORDERS.c.sale_id.in_(bindparam("ids", expanding=True)))
_RECEIPTS_USED = select(ORDERS.c.receipt_no, ORDERS.c.sale_id).where(
    ORDERS.c.receipt_no.in_(bindparam("nos", expanding=True))
)
_LINES_INSERT = ORDER_LINES.insert()
_PAYMENTS_INSERT = PAYMENTS.insert()


# Every row the facts below come from changes only with a change of these streams.
FACT_STREAMS = ("locations", "tax", "catalog", "prices", "promotions")


def _facts(session: Session) -> dict[Any, Any]:
    """Where a store's facts, variants' facts, prices and promotions are kept: across writing
    transactions while none of FACT_STREAMS changed (central.changes.lasting_cache)."""
    return lasting_cache(session, FACT_STREAMS)


@dataclass(frozen=True)
class StoreFacts:
    """What a sale's checks read of its store, once per writing transaction."""

    id: int
    code: str
    currency: str
    timezone: str
    country: str
    rules: dict[str, Any]  # the pricing document's `store` object
    rates: dict[str, str]  # tax class -> percent string, of the store's country


def store_facts(session: Session, store_id: int) -> StoreFacts:
    cache = _facts(session)
    facts: StoreFacts | None = cache.get(("sale.store", store_id))
    if facts is None:
        loc = session.get_one(Location, store_id)
        rates = {
            tc: percent(r)
            for tc, r in session.execute(select(TaxRate.tax_class, TaxRate.rate).where(TaxRate.country == loc.country))
        }
        facts = StoreFacts(loc.id, loc.code, loc.currency, loc.timezone, loc.country, store_rules(session, loc), rates)
        cache[("sale.store", store_id)] = facts
    return facts


def variant_facts(session: Session, vids: set[int]) -> dict[int, tuple[str, str, str]]:
    """(sku, tax class, category name) of those of `vids` central knows."""
    cache = _facts(session)
    known: dict[int, tuple[str, str, str]] = cache.setdefault("sale.variants", {})
    missing = sorted(v for v in vids if v not in known)
    if missing:
        for vid, sku, tax_class, category in session.execute(_VARIANTS, {"ids": missing}):
            known[vid] = (sku, tax_class, category)
    return {v: known[v] for v in vids if v in known}


def _promotion_rows(session: Session) -> list[dict[str, Any]]:
    cache = _facts(session)
    rows: list[dict[str, Any]] | None = cache.get("sale.promotions")
    if rows is None:
        rows = cache["sale.promotions"] = [as_mapping(PROMOTION_COLUMNS, r) for r in promotion_rows(session)]
    return rows


def store_rules(session: Session, loc: Location) -> dict[str, Any]:
    """The pricing document's `store` object from central's own locations row (the same
    function the tablet applies to its cached row: sync.pricing_rows)."""
    return store_document(as_mapping(LOCATION_COLUMNS, location_row(session, loc)))


def percent(rate: str) -> str:
    """A tax stream rate ("0.19") as the pricing engine's percent string ("19")."""
    return format((Decimal(rate) * 100).normalize(), "f")


def apply(session: Session, caller: Caller, op: SaleCompleteOp) -> Applied:
    p = op.payload
    store, facts = _admit(session, caller, p)
    if session.execute(_SALE_KNOWN, {"sale_id": str(p.sale_id)}).first() is not None:
        # Another op_id for a sale central already has: the sale happened once.
        raise OpRejected(409, f"sale {p.sale_id} is already recorded under another operation")

    other = session.execute(_RECEIPT_ELSEWHERE, {"receipt_no": p.receipt_no, "sale_id": str(p.sale_id)}).scalar()
    checks = _checks(session, store, p, facts, other)
    value: dict[str, Any] | None = None
    if stored_value.involved(p):  # points, store credit, gift cards (central.ops.stored_value)
        value_checks, value = stored_value.settle_sale(session, caller, str(op.op_id), p, facts)
        checks += value_checks
    order_id = session.execute(_ORDER_INSERT, _order_row(caller, op, checks)).scalar_one()
    if p.lines:
        session.execute(_LINES_INSERT, _line_rows(order_id, p))
    if p.tenders:
        session.execute(_PAYMENTS_INSERT, _payment_rows(order_id, p))
    seq = adjust_stocks(
        session,
        [(d.location_id, d.variant_id, d.delta) for d in p.stock],
        reason="sale",
        source="device",
        reference=p.receipt_no,
        device_id=caller.device_id,
        staff_id=p.staff_id,
    )
    applied = _applied(order_id, p, seq, checks)
    if value is not None:
        applied.result.update(value)
        applied.touched.append(stored_value.TOUCHED)
        return Applied(applied.result, max([seq, *written(session)]), applied.touched)
    return applied


def _admit(
    session: Session, caller: Caller, p: SaleCompletePayload
) -> tuple[StoreFacts, dict[int, tuple[str, str, str]]]:
    """The store's and the variants' facts of a sale central may record; OpRejected otherwise."""
    if p.store_id != caller.store_id:
        raise OpRejected(403, "a device may only record sales of its own store")
    store = store_facts(session, p.store_id)
    variant_ids = {ln.variant_id for ln in p.lines} | {d.variant_id for d in p.stock}
    facts = variant_facts(session, variant_ids)
    if len(facts) != len(variant_ids):
        raise OpRejected(404, f"unknown variant {min(variant_ids - set(facts))}")
    if any(d.location_id != p.store_id for d in p.stock):
        raise OpRejected(403, "a sale moves the stock of its own store only")
    return store, facts


def _applied(order_id: int, p: SaleCompletePayload, seq: int, checks: list[dict[str, Any]]) -> Applied:
    result: dict[str, Any] = {"order_id": order_id, "receipt_no": p.receipt_no, "seq": seq, "flagged": bool(checks)}
    return Applied(result, seq, [("stock", p.store_id)] if seq else [])


def _order_row(caller: Caller, op: SaleCompleteOp, checks: list[dict[str, Any]]) -> dict[str, Any]:
    """The order's row; `checks` as _checks made them (its `_central_total` taken out here)."""
    p = op.payload
    central_total = next((c["central"] for c in checks if c["check"] == "_central_total"), p.totals.total)
    checks[:] = [c for c in checks if c["check"] != "_central_total"]
    return dict(
        sale_id=str(p.sale_id),
        channel="store",
        store_id=p.store_id,
        device_id=caller.device_id,
        op_id=str(op.op_id),
        receipt_no=p.receipt_no,
        staff_id=p.staff_id,
        customer_id=p.customer_id,
        currency=p.currency,
        completed_at=p.completed_at,
        received_at=now(),
        total=p.totals.total,
        tax=p.totals.tax,
        cash_rounding=p.totals.cash_rounding,
        pricing=orjson.dumps(p.pricing, option=orjson.OPT_SORT_KEYS).decode(),
        priced=orjson.dumps(
            {
                "discounts": [d.model_dump(mode="json") for d in p.discounts],
                "taxes": [t.model_dump(mode="json") for t in p.taxes],
                "totals": p.totals.model_dump(mode="json"),
            }
        ).decode(),
        central_total=central_total if isinstance(central_total, int) else None,
        flagged=int(bool(checks)),
        checks=orjson.dumps(checks).decode(),
    )


def _line_rows(order_id: int, p: SaleCompletePayload) -> list[dict[str, Any]]:
    return [
        {
            "order_id": order_id,
            "line_no": i,
            "line_id": ln.line_id,
            "variant_id": ln.variant_id,
            "sku": ln.sku,
            "quantity": ln.quantity,
            "fulfilment": ln.fulfilment,
            "unit_price": ln.unit_price,
            "amount": ln.amount,
            "promotions": ln.promotions,
            "discounts": ln.discounts,
            "total": ln.total,
            "tax_class": ln.tax_class,
            "tax_rate": ln.tax_rate,
            "net": ln.net,
            "tax": ln.tax,
        }
        for i, ln in enumerate(p.lines, start=1)
    ]


def _payment_rows(order_id: int, p: SaleCompletePayload) -> list[dict[str, Any]]:
    return [
        {"order_id": order_id, "type": t.type, "amount": t.amount, "change": t.change, "reference": t.reference}
        for t in p.tenders
    ]


# --- a run of sales at once (central.ops.batch) --------------------------------------------------


def batchable(op: SaleCompleteOp) -> bool:
    """A sale `apply_many` may take: every line carried out. A sale with any other fulfilment
    goes through `apply` alone, whatever that fulfilment adds there; so does a sale with stored
    value (a customer's points, store credit, a gift card: central.ops.stored_value)."""
    return all(ln.fulfilment == "carry_out" for ln in op.payload.lines) and not stored_value.involved(op.payload)


def apply_many(session: Session, caller: Caller, ops: list[SaleCompleteOp]) -> list[Applied | OpRejected]:
    """`apply` for a run of `batchable` sales, with the outcome each would have had applied one
    after the other in this order (a sale the run already recorded is known to the next; a
    receipt number it used counts for the next), in a few statements for the whole run:
    order ids and change-log sequences follow the run's order. An op's rejection is returned
    in its place and nothing of it is written. Any exception means nothing of the run may be
    kept: the caller rolls it back and applies its ops one by one (which names the op)."""
    sale_ids = [str(op.payload.sale_id) for op in ops]
    known = set(session.scalars(_SALES_KNOWN, {"ids": sale_ids}))
    receipts: dict[str, list[str]] = {}
    for receipt_no, sale_id in session.execute(_RECEIPTS_USED, {"nos": sorted({op.payload.receipt_no for op in ops})}):
        receipts.setdefault(receipt_no, []).append(sale_id)
    variant_facts(session, {v for op in ops for v in _variant_ids(op.payload)})  # one read for the run
    answers: list[OpRejected | None] = []  # None: recorded, in `planned`
    planned: list[tuple[SaleCompleteOp, dict[str, Any], list[dict[str, Any]]]] = []
    for op, sale_id in zip(ops, sale_ids, strict=True):
        p = op.payload
        try:
            store, facts = _admit(session, caller, p)
            if sale_id in known:
                raise OpRejected(409, f"sale {p.sale_id} is already recorded under another operation")
        except OpRejected as e:
            answers.append(e)
            continue
        used = receipts.setdefault(p.receipt_no, [])
        checks = _checks(session, store, p, facts, next((s for s in used if s != sale_id), None))
        planned.append((op, _order_row(caller, op, checks), checks))
        answers.append(None)
        known.add(sale_id)
        used.append(sale_id)
    if not planned:
        return [a for a in answers if a is not None]
    order_ids = insert_many(session, ORDERS, [row for _, row, _ in planned])
    lines = [ln for (op, _, _), oid in zip(planned, order_ids, strict=True) for ln in _line_rows(oid, op.payload)]
    if lines:
        session.execute(_LINES_INSERT, lines)
    pays = [t for (op, _, _), oid in zip(planned, order_ids, strict=True) for t in _payment_rows(oid, op.payload)]
    if pays:
        session.execute(_PAYMENTS_INSERT, pays)
    moves = [
        StockMove(d.location_id, d.variant_id, d.delta, "sale", "device", p.receipt_no, caller.device_id, p.staff_id)
        for p in (op.payload for op, _, _ in planned)
        for d in p.stock
    ]
    seqs = iter(move_stocks(session, moves))
    recorded = iter(zip(planned, order_ids, strict=True))
    out: list[Applied | OpRejected] = []
    for a in answers:
        if a is not None:
            out.append(a)
            continue
        (op, _, checks), order_id = next(recorded)
        seq = 0
        for _ in op.payload.stock:
            seq = next(seqs)
        out.append(_applied(order_id, op.payload, seq, checks))
    return out


def _variant_ids(p: SaleCompletePayload) -> set[int]:
    return {ln.variant_id for ln in p.lines} | {d.variant_id for d in p.stock}


# --- what central checks ----------------------------------------------------------------------


def _diff(out: list[dict[str, Any]], check: str, subject: str, tablet: Any, central: Any) -> None:
    if tablet != central:
        out.append({"check": check, "subject": subject, "tablet": tablet, "central": central})


# Categories of service SKUs that never move stock (the delivery fee: docs/endless-aisle.md).
NO_STOCK_CATEGORIES = frozenset({"delivery"})


def _checks(
    session: Session,
    store: StoreFacts,
    p: SaleCompletePayload,
    facts: dict[int, tuple[str, str, str]],
    other: str | None,
) -> list[dict[str, Any]]:
    """What differs between the sale as sent and central's view of it; `other`: another sale
    central has under the same receipt number."""
    out: list[dict[str, Any]] = []
    _diff(out, "currency", "sale", p.currency, store.currency)
    # Tenders: what was paid (less change) covers the total with its cash rounding.
    _diff(out, "tenders.change", "sale", sum(t.change for t in p.tenders if t.type != "cash"), 0)
    paid = sum(t.amount - t.change for t in p.tenders)
    _diff(out, "tenders.paid", "sale", paid, p.totals.total + p.totals.cash_rounding)
    # Stock: each carried-out unit leaves the store once. A ship line leaves from wherever
    # central sources it (order.create), and a service SKU (the delivery fee) has no stock.
    sold: dict[int, int] = {}
    for ln in p.lines:
        if ln.fulfilment != "carry_out" or facts[ln.variant_id][2] in NO_STOCK_CATEGORIES:
            continue
        sold[ln.variant_id] = sold.get(ln.variant_id, 0) - ln.quantity
    moved: dict[int, int] = {}
    for d in p.stock:
        moved[d.variant_id] = moved.get(d.variant_id, 0) + d.delta
    _diff(
        out,
        "stock",
        "sale",
        {str(k): v for k, v in sorted(moved.items())},
        {str(k): v for k, v in sorted(sold.items())},
    )
    if other is not None:
        out.append(
            {"check": "receipt_no.duplicate", "subject": p.receipt_no, "tablet": str(p.sale_id), "central": other}
        )

    as_sent = _price(out, "pricing.as_sent", p.pricing)
    if as_sent is not None:
        _compare(out, "as_sent", p, as_sent)
    try:
        ours = _central_document(session, store, p, facts)
    except (KeyError, TypeError, ValueError) as e:
        out.append({"check": "pricing.central", "subject": "input", "tablet": None, "central": f"{e!s:.200}"})
        return out
    # The engine is a pure function of its input: the same input prices the same.
    central = as_sent if as_sent is not None and ours == p.pricing else _price(out, "pricing.central", ours)
    if central is not None:
        _compare(out, "central", p, central)
        # Which promotions saved what, and what became of each coupon: the tablet's own
        # promotions (a cached one central has since ended or never had) against central's.
        tablet_promos = {d.promotion: d.amount for d in p.discounts if d.kind == "promotion" and d.promotion}
        _diff(out, "central.promotions", "sale", tablet_promos, {u.id: u.saving for u in central.promotions})
        if as_sent is not None:
            _diff(
                out,
                "central.coupons",
                "sale",
                {c.subject: c.reason for c in as_sent.coupons},
                {c.subject: c.reason for c in central.coupons},
            )
        out.append({"check": "_central_total", "subject": "sale", "tablet": None, "central": central.totals.total})
    return out


def _price(out: list[dict[str, Any]], check: str, doc: dict[str, Any]) -> PricedBasket | None:
    try:
        basket, _tenders = read_basket(doc)
        return price_basket(basket)
    except PricingError as e:
        out.append({"check": check, "subject": "input", "tablet": None, "central": f"{e.code}: {e.message:.200}"})
    except (TypeError, ValueError, ArithmeticError) as e:  # a document the reader did not foresee
        out.append({"check": check, "subject": "input", "tablet": None, "central": f"{e!s:.200}"})
    return None


def _compare(out: list[dict[str, Any]], how: str, p: SaleCompletePayload, priced: PricedBasket) -> None:
    lines = {pl.id: pl for pl in priced.lines}
    for ln in p.lines:
        pl = lines.get(ln.line_id)
        if pl is None:
            out.append({"check": f"{how}.line", "subject": ln.line_id, "tablet": ln.total, "central": None})
            continue
        _diff(out, f"{how}.line.unit_price", ln.line_id, ln.unit_price, pl.unit_price)
        _diff(out, f"{how}.line.quantity", ln.line_id, ln.quantity, pl.quantity)
        _diff(out, f"{how}.line.total", ln.line_id, ln.total, pl.total)
        _diff(out, f"{how}.line.tax", ln.line_id, ln.tax, pl.tax)
    if len(lines) != len(p.lines):
        _diff(out, f"{how}.lines", "sale", len(p.lines), len(lines))
    taxes = {f"{t.tax_class} {t.rate}": t.tax for t in p.taxes}
    _diff(out, f"{how}.taxes", "sale", taxes, {f"{t.tax_class} {percent_str(t.rate)}": t.tax for t in priced.taxes})
    _diff(out, f"{how}.total", "sale", p.totals.total, priced.totals.total)
    _diff(out, f"{how}.tax", "sale", p.totals.tax, priced.totals.tax)


def percent_str(rate: Decimal) -> str:
    return format(rate.normalize(), "f")


def _central_document(
    session: Session, store: StoreFacts, p: SaleCompletePayload, facts: dict[int, tuple[str, str, str]]
) -> dict[str, Any]:
    """The tablet's pricing input with central's store rules, price lists, tax rates and
    promotions put in; the time, customer group, coupons, manual discounts and overrides stay
    as sent (docs/checkout.md)."""
    doc = dict(p.pricing)
    doc["store"] = dict(store.rules)
    at = datetime.fromisoformat(str(doc["at"]))
    if at.tzinfo is None:  # the store's wall clock, as the engine reads it
        at = at.replace(tzinfo=ZoneInfo(store.timezone))
    coupons = doc.get("coupons") or []
    group = doc.get("customer_group")
    ours = choose(
        _promotion_rows(session),
        store=store.code,
        timezone=store.timezone,
        at=at,
        customer_group=group if isinstance(group, str) else None,
        coupons=[str(c) for c in coupons],
    )
    if ours:
        doc["promotions"] = ours
    else:
        doc.pop("promotions", None)
    line_variant = {ln.line_id: ln.variant_id for ln in p.lines}
    vids = sorted(set(line_variant.values()))
    sku = {vid: facts[vid][0] for vid in vids}
    rates = store.rates
    doc["price_lists"] = price_lists(session, store, vids, sku)
    listed = {s for entry in doc["price_lists"] for s in entry["prices"]}
    lines = []
    for raw in doc.get("lines") or []:
        line = dict(raw)
        vid = line_variant.get(str(line.get("id")))
        if vid is not None:
            _sku, tax_class, category = facts[vid]
            line["sku"] = _sku
            line["tax_class"] = tax_class
            line["category"] = category  # what category promotions look at
            line["tax_rate"] = rates[tax_class]
            if _sku in listed:  # the price comes from central's lists; a SKU no list has (the
                line.pop("unit_price", None)  # delivery fee) keeps the line's own price
        lines.append(line)
    doc["lines"] = lines
    doc.pop("tenders", None)
    return doc


def price_lists(
    session: Session, store: StoreFacts | Location, vids: list[int], sku: dict[int, str]
) -> list[dict[str, Any]]:
    """Central's price lists of the store's currency (base, its own override, customer groups)
    for these variants, in the pricing document's form (list ids "list-<id>"). A variant's
    prices are read once per writing transaction."""
    cache: dict[int, list[tuple[int, int | None, str, int]]] = _facts(session).setdefault(("sale.prices", store.id), {})
    missing = [v for v in vids if v not in cache]
    if missing:
        for v in missing:
            cache[v] = []
        params = {"currency": store.currency, "ids": missing, "store_id": store.id}
        for lid, store_id, group, vid, amount in session.execute(_PRICES, params):
            cache[vid].append((lid, store_id, group, amount))
    rows = sorted((lid, vid, store_id, group, amount) for vid in vids for lid, store_id, group, amount in cache[vid])
    lists: dict[int, dict[str, Any]] = {}
    for lid, vid, store_id, group, amount in rows:
        entry = lists.get(lid)
        if entry is None:
            entry = lists[lid] = _list_entry(lid, store_id, group, store.code)
        entry["prices"][sku[vid]] = amount
    return list(lists.values())


def _list_entry(lid: int, store_id: int | None, group: str, store_code: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": f"list-{lid}", "prices": {}}
    if group:
        entry.update(kind="group", group=group)
    elif store_id is not None:
        entry.update(kind="store", store=store_code)
    else:
        entry["kind"] = "base"
    return entry
