"""Local tables. Stream tables mirror `sync.protocol.STREAMS` plus `h`, the row hash used for
checksums; `styles` and its FTS5 indexes are derived from `catalog` and `names` for search."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from sync.protocol import STREAMS

SCHEMA_VERSION = 1

cache_metadata = MetaData()
device_metadata = MetaData()
metadata = cache_metadata


def _stream_table(name: str) -> Table:
    spec = STREAMS[name]
    cols = []
    for col, typ in zip(spec.columns, spec.types, strict=True):
        sqltype = Integer() if typ is int else Text()
        cols.append(
            Column(col, sqltype, primary_key=col in spec.key, nullable=col in spec.nullable, autoincrement=False)
        )
    cols.append(Column("h", Integer, nullable=False))
    # Composite keys: WITHOUT ROWID keeps one B-tree in key order instead of table + index.
    return Table(name, metadata, *cols, sqlite_with_rowid=len(spec.key) == 1)


stream_tables = {name: _stream_table(name) for name in STREAMS}

meta = Table("meta", device_metadata, Column("key", String, primary_key=True), Column("value", Text))

stream_state = Table(
    "stream_state",
    metadata,
    Column("stream", String, primary_key=True),
    Column("epoch", String),
    Column("cursor", Integer, nullable=False, default=0),
    Column("bootstrapped", Integer, nullable=False, default=0),
    Column("bootstrap_hw", Integer),
    Column("bootstrap_after_key", Text),  # JSON array
    Column("bootstrap_rows", Integer, nullable=False, default=0),
    Column("synced_at", String),  # ISO UTC of the last successful pull
    # A resync in progress: the epoch being downloaded beside the old rows (into the shadow
    # table), whose progress is kept in bootstrap_hw / _after_key / _rows. The old rows and
    # cursor stay usable until the swap.
    Column("resync_epoch", String),
    # 0 while every batch of the copy being downloaded suited its derived structures' fast
    # rebuild (each one's `plain` check, pos_app/local/store.py); 1 once one did not; NULL when
    # not known (a download begun by an older app), which takes the exact way too.
    Column("bootstrap_plain_failed", Integer),
)

barcodes = Table(
    "barcodes",
    metadata,
    Column("code", String, primary_key=True),
    Column("variant_id", Integer, nullable=False),
    sqlite_with_rowid=False,
)

styles = Table(
    "styles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("brand", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("colours", Text, nullable=False),
    Column("skus", Text, nullable=False),
    Column("first_variant", Integer, nullable=False),
    Column("variants", Integer, nullable=False),
    Column("names", Text),  # the style's names per language (its `names` stream value)
    # Every local-language name of the style and its colours, space-separated ("… リネン… 紺 黒"):
    # what the trigram index `styles_tri` and the short-query path search.
    Column("local_text", Text),
    Column("colour_list", Text),  # its colours as a JSON array: what a names change looks up
    # The last variant id when the style's variants are exactly the ids first_variant..last_variant
    # and all active (search reads its price and stock figures as key ranges); NULL otherwise.
    Column("last_variant", Integer),
)

live_stock = Table(
    "live_stock",
    metadata,
    Column("location_id", Integer, primary_key=True, autoincrement=False),
    Column("variant_id", Integer, primary_key=True, autoincrement=False),
    Column("on_hand", Integer, nullable=False),
    Column("reserved", Integer, nullable=False),
    Column("fetched_at", String, nullable=False),
)

outbox = Table(
    "outbox",
    device_metadata,
    Column("op_id", String, primary_key=True),
    Column("device_seq", Integer, nullable=False, unique=True),
    Column("type", String, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", String, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", String),
    Column("last_error", Text),
    Column("last_error_code", String),  # a sync/words.py code and its params (JSON): worded on screen
    Column("last_error_params", Text),
    Column("state", String, nullable=False, default="pending"),  # pending | dead | stuck | done
    Column("dead_status", Integer),
    # Sent without an answer heard (central may have applied it): resolved before a pull of the
    # streams the op touches (pos_app.local.ops).
    Column("in_doubt", Integer, nullable=False, default=0, server_default="0"),
    # Attempts central answered with a 5xx (a dead network does not count): STUCK_AFTER -> stuck.
    Column("server_failures", Integer, nullable=False, default=0, server_default="0"),
    Column("done_at", String),  # state done: kept a while so "send again" can say it was sent
)

stock_corrections = Table(
    "stock_corrections",
    device_metadata,
    Column("op_id", String, primary_key=True),
    Column("variant_id", Integer, nullable=False),
    Column("location_id", Integer, nullable=False),
    Column("delta", Integer, nullable=False),
    Column("reason", String, nullable=False),
    Column("note", Text, nullable=False),
    Column("staff_id", Integer),
    Column("recorded_at", String, nullable=False),
    Column("status", String, nullable=False),  # pending | sent | rejected
    Column("server_seq", Integer),
)

# A sale (pos_app/services/checkout.py): the sale, its lines and payments join the outbox op
# `sale.complete` by op_id, written with it, the journal entry and the receipt counter in ONE
# device.db transaction. Its stock effect is rows in stock_corrections keyed "<op_id>:<n>"
# (reason "sale"), so the product view counts sold units as pending like any correction.
sales = Table(
    "sales",
    device_metadata,
    Column("sale_id", String, primary_key=True),
    Column("op_id", String, nullable=False, unique=True),
    Column("receipt_no", String, nullable=False, unique=True),
    Column("receipt_counter", Integer, nullable=False),
    Column("store_id", Integer, nullable=False),
    Column("staff_id", Integer, nullable=False),
    Column("customer_id", Integer),
    Column("completed_at", String, nullable=False),
    Column("currency", String, nullable=False),
    Column("total", Integer, nullable=False),
    Column("tax", Integer, nullable=False),
    Column("cash_rounding", Integer, nullable=False),
    Column("change", Integer, nullable=False),
    Column("priced", Text, nullable=False),  # the priced basket (PricedBasket.to_json) for receipts
    Column("status", String, nullable=False),  # pending | sent | rejected
    Column("server_seq", Integer),
    Column("order_id", Integer),
    Column("flagged", Integer),
)

sale_lines = Table(
    "sale_lines",
    device_metadata,
    Column("sale_id", String, primary_key=True),
    Column("line_no", Integer, primary_key=True, autoincrement=False),
    Column("line_id", String, nullable=False),
    Column("variant_id", Integer, nullable=False),
    Column("sku", String, nullable=False),
    Column("name", String, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("tax_class", String, nullable=False),
    Column("tax_rate", String, nullable=False),
    Column("tax", Integer, nullable=False),
    # Not carried out now (for the receipt): "ship" with `fulfilment_ref` the destination on one
    # line, "pickup" with the pay-on-pickup order's number; NULL: carried out (older rows too).
    Column("fulfilment", String, nullable=True),
    Column("fulfilment_ref", String, nullable=True),
)

sale_payments = Table(
    "sale_payments",
    device_metadata,
    Column("sale_id", String, primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("type", String, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("change", Integer, nullable=False),
    Column("reference", String),
)

journal = Table(
    "journal",
    device_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String, nullable=False),
    Column("type", String, nullable=False),
    Column("data", Text, nullable=False),
    Column("prev_hash", String, nullable=False),
    Column("hash", String, nullable=False),
)

signin_failures = Table(
    "signin_failures",
    device_metadata,
    Column("staff_id", Integer, primary_key=True, autoincrement=False),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", String, nullable=False),
)

sync_errors = Table(
    "sync_errors",
    device_metadata,
    Column("kind", String, primary_key=True),
    Column("at", String, nullable=False),
    Column("message", Text, nullable=False),  # its English (the CLI's and the doctor's)
    Column("code", String),  # a sync/words.py code and its params (JSON): the screens word it
    Column("params", Text),
)

# FTS5 over styles: external content, prefix indexes so that "lin" and "li" are cheap.
# Secondary indexes of the catalog: dropped while a catalog bootstrap loads (a sorted build at
# the end is several times cheaper than maintaining them row by row) and made again after.
CATALOG_INDEXES = {
    "ix_catalog_style": "CREATE INDEX IF NOT EXISTS ix_catalog_style ON catalog(style_code)",
    "ix_catalog_sku": "CREATE INDEX IF NOT EXISTS ix_catalog_sku ON catalog(sku)",
}
# Indexes of device.db made at every open (IF NOT EXISTS), so a device.db made before one was
# added gets it too (`create_all` only makes the indexes of tables it creates). A shift's
# report sums the sales in its receipt-counter range (docs/shifts.md): without this index each
# of its queries scans every sale the till ever made.
DEVICE_INDEXES: dict[str, str] = {
    "ix_sales_receipt_counter": "CREATE INDEX IF NOT EXISTS ix_sales_receipt_counter ON sales(receipt_counter)",
}
# Secondary indexes per local table (name -> DDL), dropped during a bootstrap and made again.
TABLE_INDEXES: dict[str, dict[str, str]] = {"catalog": CATALOG_INDEXES}

# Search indexes of `styles`, kept in step by triggers when a page changes a few styles; a
# bulk rebuild (a catalog bootstrap) drops the triggers, writes the rows, and has each index
# build itself with its 'rebuild' command instead (STYLE_TRIGGERS are then made again).
STYLE_TRIGGERS = {
    "styles_ai": """CREATE TRIGGER IF NOT EXISTS styles_ai AFTER INSERT ON styles BEGIN
        INSERT INTO styles_fts(rowid, name, brand, category, code, colours, skus)
        VALUES (new.id, new.name, new.brand, new.category, new.code, new.colours, new.skus);
    END""",
    "styles_ad": """CREATE TRIGGER IF NOT EXISTS styles_ad AFTER DELETE ON styles BEGIN
        INSERT INTO styles_fts(styles_fts, rowid, name, brand, category, code, colours, skus)
        VALUES ('delete', old.id, old.name, old.brand, old.category, old.code, old.colours, old.skus);
    END""",
    "styles_tri_ai": """CREATE TRIGGER IF NOT EXISTS styles_tri_ai AFTER INSERT ON styles BEGIN
        INSERT INTO styles_tri(rowid, local_text) VALUES (new.id, coalesce(new.local_text, ''));
    END""",
    "styles_tri_ad": """CREATE TRIGGER IF NOT EXISTS styles_tri_ad AFTER DELETE ON styles BEGIN
        INSERT INTO styles_tri(styles_tri, rowid, local_text) VALUES ('delete', old.id, coalesce(old.local_text, ''));
    END""",
    # A names change rewrites local_text in place (the catalog columns stay as they are).
    "styles_tri_au": """CREATE TRIGGER IF NOT EXISTS styles_tri_au AFTER UPDATE OF local_text ON styles BEGIN
        INSERT INTO styles_tri(styles_tri, rowid, local_text) VALUES ('delete', old.id, coalesce(old.local_text, ''));
        INSERT INTO styles_tri(rowid, local_text) VALUES (new.id, coalesce(new.local_text, ''));
    END""",
}

FTS_DDL = [
    *CATALOG_INDEXES.values(),
    "DROP INDEX IF EXISTS ix_barcodes_variant",  # caches of 2026-11: barcodes now go by their code
    """CREATE VIRTUAL TABLE IF NOT EXISTS styles_fts USING fts5(
        name, brand, category, code, colours, skus,
        content='styles', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='1 2 3')""",
    # Names in other scripts (kanji, kana): a trigram index finds any substring of 3+ characters
    # (Japanese has no spaces between words); shorter queries scan `styles.local_text`.
    """CREATE VIRTUAL TABLE IF NOT EXISTS styles_tri USING fts5(
        local_text, content='styles', content_rowid='id', tokenize='trigram')""",
    *STYLE_TRIGGERS.values(),
    # The words of the catalog, per column, straight from the index: the typo vocabulary.
    "CREATE VIRTUAL TABLE IF NOT EXISTS styles_vocab USING fts5vocab(styles_fts, 'col')",
]

# Customers this till served recently or found in a search, and those it created (docs/customers.md).
# In device.db: a customer created here joins its `customer.create` outbox op by op_id, written in
# the same transaction. `id` is the customer's id (sync.protocol.customer_id_for of client_id, or
# central's for one found in a search); `central_id` the customer central says it is (another id
# when an offline-made customer was linked to one with the same e-mail). status: synced (central
# has it) | pending (its op waits) | rejected. Personal data: only the last RECENT_KEPT
# (pos_app.local.customers) are kept, besides those still waiting to be sent.
customers = Table(
    "customers",
    device_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("central_id", Integer, nullable=False),
    Column("client_id", String),
    Column("name", Text, nullable=False),
    Column("kana", Text, nullable=False, default=""),
    Column("email", Text, nullable=False, default=""),
    Column("phone", Text, nullable=False, default=""),
    Column("customer_group", Text, nullable=False, default=""),
    Column("status", String, nullable=False),  # synced | pending | rejected
    Column("op_id", String),
    Column("used_at", String, nullable=False),  # attached, created or found: the recent list's order
)

# Card payments (pos_app/services/payments.py, docs/terminal.md "With the checkout"). One row per
# request that may move money on the terminal — a payment or a refund (a nexo reversal) — keyed
# by its ServiceID, written and committed BEFORE the terminal is asked, its answer written as
# soon as it arrives. state: intent (written, not yet sent) | asked (being sent: it may have
# reached the terminal) | approved | declined | cancelled | unknown (the terminal could not say:
# recovered by a status request, else decided by staff) | not_charged (never reached the
# terminal, or staff saw nothing charged) | refunded (a refund row the terminal carried out).
# Card data: masked PAN, brand, approval code, the terminal's transaction id and its receipt
# lines only. The rows join the sale (`sales`) by sale_id.
payment_intents = Table(
    "payment_intents",
    device_metadata,
    Column("service_id", String, primary_key=True),
    Column("sale_id", String, nullable=False, index=True),
    Column("kind", String, nullable=False),  # payment | refund
    Column("original", String),  # refund: the service_id of the payment it gives money back on
    Column("amount", Integer, nullable=False),  # asked, minor units
    Column("approved_amount", Integer),  # what the terminal authorised / refunded
    Column("currency", String, nullable=False),
    Column("poiid", String, nullable=False),
    Column("state", String, nullable=False),
    Column("why", String),  # unknown: timeout | dropped | not_found | unreachable ...; declined: ErrorCondition
    Column("message", Text),  # one sentence for staff / the customer
    Column("masked_pan", String),
    Column("brand", String),
    Column("approval_code", String),
    Column("transaction_id", String),
    Column("transaction_at", String),
    Column("stored_offline", Integer, nullable=False, default=0, server_default="0"),
    Column("merchant_receipt", Text),  # JSON array of lines
    Column("customer_receipt", Text),
    Column("staff_id", Integer),
    Column("decided_by", Integer),  # staff who recorded what the terminal showed
    Column("created_at", String, nullable=False),
    Column("answered_at", String),
)

# The basket a card payment was taken for, kept so a restart can finish the sale (the card
# payments cover it) or void it with the money given back (docs/terminal.md "Recovery").
# state: open | voided (a completed sale is the `sales` row with this sale_id).
payment_sales = Table(
    "payment_sales",
    device_metadata,
    Column("sale_id", String, primary_key=True),
    Column("basket", Text, nullable=False),  # SaleBasket as JSON (pricing input, variants, customer)
    Column("staff_id", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("currency", String, nullable=False),
    Column("state", String, nullable=False),
    Column("updated_at", String, nullable=False),
)

# The terminal's end-of-day totals (ReconciliationRequest), kept for the shift close.
terminal_reconciliations = Table(
    "terminal_reconciliations",
    device_metadata,
    Column("service_id", String, primary_key=True),
    Column("poiid", String, nullable=False),
    Column("reconciliation_id", String, nullable=False),
    Column("at", String, nullable=False),
    Column("staff_id", Integer),
    Column(
        "totals", Text, nullable=False
    ),  # JSON: [{currency, payments_count, payments_minor, refunds_count, refunds_minor}]
)

# Shifts (pos_app/services/shifts.py, docs/shifts.md). A shift belongs to a till (a drawer) of
# this device; at most one shift per till is not closed (the partial unique index). Its sales
# are the receipts counted after `first_counter` up to `last_counter` (taken in the close's
# transaction), so a sale belongs to exactly one shift whatever the clocks say.
# state: open | counted (the blind count is saved) | closed (Z report made, op queued).
shifts = Table(
    "shifts",
    device_metadata,
    Column("shift_id", String, primary_key=True),
    Column("till", String, nullable=False),
    Column("store_id", Integer, nullable=False),
    Column("currency", String, nullable=False),
    Column("state", String, nullable=False),
    Column("opened_at", String, nullable=False),
    Column("opened_by", Integer, nullable=False),
    Column("float_total", Integer, nullable=False),
    Column("first_counter", Integer, nullable=False),  # receipt_counter at open (exclusive)
    Column("last_counter", Integer),  # at close (inclusive)
    Column("counted_at", String),
    Column("counted_by", Integer),
    Column("closed_at", String),
    Column("closed_by", Integer),
    Column("z_number", Integer),
    Column("variance_reason", String),
    Column("variance_note", Text),
    Column("approved_by", Integer),  # the manager whose PIN allowed a variance beyond the limit
    Column("deferred_reason", Text),  # the manager's reason to close with unsent operations
    Column("deferred_by", Integer),
    Column("op_id", String),  # the shift.close op
    Index("ux_shifts_open_till", "till", unique=True, sqlite_where=text("state <> 'closed'")),
)

shift_staff = Table(
    "shift_staff",
    device_metadata,
    Column("shift_id", String, primary_key=True),
    Column("staff_id", Integer, primary_key=True, autoincrement=False),
    Column("joined_at", String, nullable=False),
)

# Cash moved outside a sale: the float (one row), paid in, paid out, safe drops and no-sale
# openings (amount 0), each with its reason code; journaled in the same transaction.
shift_cash = Table(
    "shift_cash",
    device_metadata,
    Column("shift_id", String, primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String, nullable=False),  # float | paid_in | paid_out | drop | no_sale
    Column("amount", Integer, nullable=False),
    Column("reason", String, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("staff_id", Integer, nullable=False),
    Column("approved_by", Integer),
    Column("at", String, nullable=False),
)

# Pieces per denomination: the float (kind "float") and the blind count at the end ("close").
shift_counts = Table(
    "shift_counts",
    device_metadata,
    Column("shift_id", String, primary_key=True),
    Column("kind", String, primary_key=True),
    Column("denomination", Integer, primary_key=True, autoincrement=False),
    Column("pieces", Integer, nullable=False),
)

# X and Z reports as made (the JSON the screen, the printer, the PDF and central read). Z
# numbers are gapless per till: taken in the close's transaction. X reports are not numbered.
shift_reports = Table(
    "shift_reports",
    device_metadata,
    Column("till", String, primary_key=True),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("shift_id", String, nullable=False, unique=True),
    Column("made_at", String, nullable=False),
    Column("report", Text, nullable=False),
    Column("printed_at", String),
)

# Click-and-collect actions taken on this till (pos_app/local/pickups.py): one row per
# pickup.pick / pickup.ready / pickup.handover op, written with it, so the queue shows what this
# till did before central confirms it (offline too) and a refusal with central's sentence.
pickup_actions = Table(
    "pickup_actions",
    device_metadata,
    Column("op_id", String, primary_key=True),
    Column("pickup_id", Integer, nullable=False, index=True),
    Column("kind", String, nullable=False),  # pick | ready | handover
    Column("data", Text, nullable=False),  # the op's payload (JSON)
    Column("status", String, nullable=False),  # pending | sent | rejected
    Column("detail", Text),  # central's sentence when rejected
    Column("at", String, nullable=False),
)

# Endless aisle (pos_app/local/orders.py, docs/endless-aisle.md "The tablet"). The delivery
# addresses this till captured, one per customer (the last used), so a known customer's address
# is one tap; personal data, pruned with the recent customers they belong to.
customer_addresses = Table(
    "customer_addresses",
    device_metadata,
    Column("customer_id", Integer, primary_key=True, autoincrement=False),
    Column("address", Text, nullable=False),  # JSON: sync.address's normalised fields
    Column("used_at", String, nullable=False),
)

# This till's endless-aisle orders: one row per order.create op, written in the sale's
# transaction, so the orders screen shows them "to be confirmed" until central's ship_orders
# rows arrive (offline too), and a refusal with central's sentence.
aisle_orders = Table(
    "aisle_orders",
    device_metadata,
    Column("order_id", String, primary_key=True),
    Column("sale_id", String, nullable=False, index=True),
    Column("op_id", String, nullable=False, unique=True),
    Column("receipt_no", String, nullable=False),
    Column("payload", Text, nullable=False),  # the order.create payload (JSON)
    Column("summary", Text, nullable=False),  # JSON: customer, destination text, lines (n, v, sku, name, q, u)
    Column("status", String, nullable=False),  # pending | sent | rejected
    Column("number", String),  # central's order number, from its answer
    Column("detail", Text),  # central's sentence when rejected
    Column("created_at", String, nullable=False),
    # A refused order's money paid back at this till (order.refund_refused): its op, pending |
    # sent | rejected, the amount, and central's sentence when rejected.
    Column("refund_op", String, nullable=True),
    Column("refund_status", String, nullable=True),
    Column("refund_amount", Integer, nullable=True),
    Column("refund_detail", Text, nullable=True),
)

# What staff did to a ship fulfilment on this till: order.decide / order.refund / shipment.ship,
# one row per op, written with it (like pickup_actions).
order_actions = Table(
    "order_actions",
    device_metadata,
    Column("op_id", String, primary_key=True),
    Column("fulfilment_id", Integer, nullable=False, index=True),
    Column("kind", String, nullable=False),  # decide | refund | ship
    Column("data", Text, nullable=False),  # the op's payload (JSON)
    Column("status", String, nullable=False),  # pending | sent | rejected
    Column("detail", Text),
    Column("at", String, nullable=False),
)

# Stored value on this till (docs/loyalty.md, pos_app/services/accounts.py). A spend is a
# store-credit or gift-card tender taken for a basket: `online` (central debited it at once
# under spend_id), `offline` (allowed up to the cached balance and the store's per-day cap; central
# debits it when the sale arrives), `cancelled` (given back before the sale) or `used` (in a
# completed sale). `day` is the store's local date: the per-day cap counts the offline ones.
stored_value_spends = Table(
    "stored_value_spends",
    device_metadata,
    Column("spend_id", String, primary_key=True),
    Column("sale_id", String, nullable=False, index=True),
    Column("kind", String, nullable=False),  # credit | gift
    Column("owner", String, nullable=False),  # the customer id or the card number
    Column("currency", String, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("state", String, nullable=False),
    Column("day", String, nullable=False),
    Column("left_after", Integer),  # what the account held after it (central's answer, or the estimate)
    Column("created_at", String, nullable=False),
)

# Gift cards this till has seen (looked up, sold, spent): their balance as last known, so one
# can be spent offline up to it. A card never seen here cannot be checked offline.
gift_cards_seen = Table(
    "gift_cards_seen",
    device_metadata,
    Column("card_no", String, primary_key=True),
    Column("currency", String, nullable=False),
    Column("balance", Integer, nullable=False),
    Column("status", String, nullable=False),
    Column("seen_at", String, nullable=False),
)

# Points a sale of this till earns and redeems, as the till computed them (sync.loyalty): shown
# as pending while the sale is not at central (sales.status 'pending'), and on the receipt.
sale_points = Table(
    "sale_points",
    device_metadata,
    Column("sale_id", String, primary_key=True),
    Column("customer_id", Integer, nullable=False, index=True),
    Column("earned", Integer, nullable=False),
    Column("redeemed", Integer, nullable=False),
)

# Gift-card loads (sold or topped up) of this till with their giftcard.load / .void ops.
gift_card_loads = Table(
    "gift_card_loads",
    device_metadata,
    Column("load_id", String, primary_key=True),
    Column("card_no", String, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("currency", String, nullable=False),
    Column("tender", String, nullable=False),
    Column("op_id", String, nullable=False),
    Column("void_op_id", String),
    Column("state", String, nullable=False),  # loaded | voided
    Column("at", String, nullable=False),
)
# Returns taken back at this till (pos_app/local/returns.py, docs/returns.md): one row per
# return.complete op, written with it, so the till knows a return code it already completed
# (offline too) and shows central's sentence when another till won.
till_returns = Table(
    "till_returns",
    device_metadata,
    Column("return_id", String, primary_key=True),
    Column("op_id", String, nullable=False, unique=True),
    Column("kind", String, nullable=False),  # authorized | receipt | no_receipt
    Column("authorization_id", String, index=True),
    Column("number", String, nullable=False),  # R-… (or the receipt number)
    Column("sale_id", String, index=True),
    Column("receipt_no", String, nullable=False),
    Column("currency", String, nullable=False),
    Column("total", Integer, nullable=False),
    Column("lines", Text, nullable=False),  # JSON: line_id, variant_id, sku, name, resellable, damaged, amount
    Column("refunds", Text, nullable=False),  # JSON: type, amount, reference, state (paid | queued)
    Column("status", String, nullable=False),  # pending | sent | rejected
    Column("detail", Text),
    Column("staff_id", Integer),
    Column("approved_by", Integer),
    Column("customer_id", Integer),
    Column("created_at", String, nullable=False),
)
