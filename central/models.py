"""Central's tables. Authoritative data for the whole retailer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a real BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # store | warehouse
    currency: Mapped[str] = mapped_column(String(3))
    locale: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    # The store's pricing rules (the locations stream carries them; docs/pricing.md `store`).
    tax_mode: Mapped[str] = mapped_column(String(16), default="included", server_default="included")
    tax_rounding: Mapped[str] = mapped_column(String(16), default="per_line", server_default="per_line")
    tax_rounding_mode: Mapped[str] = mapped_column(String(16), default="half_up", server_default="half_up")
    cash_rounding: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # increment, 0 = none
    cash_rounding_mode: Mapped[str] = mapped_column(String(16), default="half_up", server_default="half_up")
    registration_no: Mapped[str] = mapped_column(String(32), default="", server_default="")  # JP: T + 13 digits
    # Endless aisle (central.sourcing): may one order's ship lines leave from several locations?
    # A store rule, not on the wire (only central sources).
    split_shipments: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Click-and-collect (central.pickups): units of a paid pickup order not found at picking are
    # "refund" (the channel pays them back) or "ship_missing" (sourced elsewhere by
    # central.sourcing and sent to the store for pickup later; only what cannot be sourced is
    # refunded). A store rule, not on the wire.
    missing_rule: Mapped[str] = mapped_column(String(16), default="refund", server_default="refund")


class Promotion(Base):
    """A promotion definition, as the `promotions` stream carries it (sync.protocol)."""

    __tablename__ = "promotions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(Text, default="{}")
    get_target: Mapped[str | None] = mapped_column(Text, nullable=True)
    percent: Mapped[str | None] = mapped_column(String(16), nullable=True)
    amount: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    buy: Mapped[int] = mapped_column(Integer, default=0)
    pay: Mapped[int] = mapped_column(Integer, default=0)
    get: Mapped[int] = mapped_column(Integer, default=0)
    threshold: Mapped[int] = mapped_column(BigInteger, default=0)
    max_applications: Mapped[int | None] = mapped_column(Integer, nullable=True)
    starts: Mapped[str | None] = mapped_column(String(40), nullable=True)
    ends: Mapped[str | None] = mapped_column(String(40), nullable=True)
    stores: Mapped[str] = mapped_column(Text, default="")
    groups: Mapped[str] = mapped_column(Text, default="")
    coupons: Mapped[str] = mapped_column(Text, default="")
    stack_group: Mapped[str] = mapped_column(String(32), default="spend")
    active: Mapped[int] = mapped_column(Integer, default=1)


class Nearby(Base):
    """`store_id` calls `nearby_id` nearby: its tablets cache that location's stock."""

    __tablename__ = "location_nearby"
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    nearby_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    department: Mapped[str] = mapped_column(String(50))  # apparel | footwear


class Style(Base):
    __tablename__ = "styles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str] = mapped_column(String(100))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    tax_class: Mapped[str] = mapped_column(String(32), default="standard")
    # The name per language: compact JSON with sorted keys ({"ja": "…"}), "{}" for none.
    names: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class Variant(Base):
    __tablename__ = "variants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    style_id: Mapped[int] = mapped_column(ForeignKey("styles.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    colour: Mapped[str] = mapped_column(String(50))
    size: Mapped[str] = mapped_column(String(20))
    size_order: Mapped[int] = mapped_column(Integer)
    active: Mapped[int] = mapped_column(Integer, default=1)
    # The colour's name per language, as `Style.names`.
    colour_names: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    # The catalog wire row (sync.protocol "catalog"), materialised so a snapshot streams stored
    # bytes instead of joining styles and categories for a million rows; kept by central.changes.
    wire_row: Mapped[str] = mapped_column(Text, default="")
    row_hash: Mapped[int] = mapped_column(BigInteger, default=0)
    # The names stream lists each colour with its names: a skip along this index (a probe per
    # colour) instead of grouping every variant (central.changes.names_rows).
    __table_args__ = (Index("ix_variants_colour", "colour", "colour_names"),)


class Barcode(Base):
    __tablename__ = "barcodes"
    code: Mapped[str] = mapped_column(String(14), primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), index=True)


class PriceList(Base):
    __tablename__ = "price_lists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), nullable=True)
    customer_group: Mapped[str] = mapped_column(String(32), default="")


class Price(Base):
    __tablename__ = "prices"
    list_id: Mapped[int] = mapped_column(ForeignKey("price_lists.id"), primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)  # minor units of the list's currency
    row_hash: Mapped[int] = mapped_column(BigInteger, default=0)


class TaxRate(Base):
    __tablename__ = "tax_rates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String(2))
    tax_class: Mapped[str] = mapped_column(String(32))
    rate: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    __table_args__ = (UniqueConstraint("country", "tax_class"),)


class Stock(Base):
    __tablename__ = "stock"
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    row_hash: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (Index("ix_stock_variant", "variant_id"),)


class StockMovement(Base):
    """The ledger: every change of on-hand stock, as a delta with its reason and source."""

    __tablename__ = "stock_movements"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(32))  # device | channel | seed | admin
    reference: Mapped[str] = mapped_column(String(100), default="")
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_movements_loc_var", "location_id", "variant_id"),)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))  # associate | supervisor | manager
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[int] = mapped_column(Integer, default=1)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class EnrollCode(Base):
    __tablename__ = "enroll_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class ChannelClient(Base):
    __tablename__ = "channel_clients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ChangeLog(Base):
    """Feed of authoritative changes, appended to by writers. `seq` is the sync cursor. Only
    `central prune-log` (central/prune.py) deletes from it: rows a later row of the same stream,
    scope and key supersedes, and rows below a floor (docs/scale.md)."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    stream: Mapped[str] = mapped_column(String(16))
    scope: Mapped[int] = mapped_column(Integer, default=0)  # 0: every device
    key: Mapped[str] = mapped_column(Text)  # JSON array
    row: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON array; null = deleted
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        Index("ix_change_log_stream_seq", "stream", "seq"),
        # key compaction asks "is there a later row of this stream, scope and key?" (prune-log)
        Index("ix_change_log_key", "stream", "scope", "key", "seq"),
    )


class AppliedOp(Base):
    """Idempotency record of device operations: a replay gets the stored result."""

    __tablename__ = "applied_ops"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(32))
    body_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ChannelRef(Base):
    """Idempotency record of channel adjustments, by the caller's reference."""

    __tablename__ = "channel_refs"
    client_id: Mapped[int] = mapped_column(ForeignKey("channel_clients.id"), primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), primary_key=True)
    body_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(Text)


class DeviceSeq(Base):
    """The highest `device_seq` central has seen from each device (device_seq continuity)."""

    __tablename__ = "device_seqs"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    high: Mapped[int] = mapped_column(BigInteger)


class SeqGap(Base):
    """A range of device_seq values a device skipped: ops central expected and never saw."""

    __tablename__ = "seq_gaps"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    first: Mapped[int] = mapped_column(BigInteger)
    last: Mapped[int] = mapped_column(BigInteger)
    noticed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Order(Base):
    """An order: a store sale (channel "store", from a tablet's `sale.complete`) for now.

    `priced` is the order as the tablet priced it (its lines, discounts, taxes and totals as
    JSON); central re-prices the pricing input (`pricing`) with its own price lists, tax rates
    and the shared engine, and a difference sets `flagged` with the differences in `checks`."""

    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    sale_id: Mapped[str] = mapped_column(String(36), unique=True)
    channel: Mapped[str] = mapped_column(String(16))  # store
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    op_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    receipt_no: Mapped[str] = mapped_column(String(64), index=True)
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    customer_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    currency: Mapped[str] = mapped_column(String(3))
    completed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    total: Mapped[int] = mapped_column(BigInteger)
    tax: Mapped[int] = mapped_column(BigInteger)
    cash_rounding: Mapped[int] = mapped_column(Integer, default=0)
    pricing: Mapped[str] = mapped_column(Text)  # the pricing input document (JSON)
    priced: Mapped[str] = mapped_column(Text)  # discounts, taxes, totals as the tablet sent them (JSON)
    central_total: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    checks: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of differences
    __table_args__ = (
        Index("ix_orders_store_id", "store_id", "id"),
        Index("ix_orders_customer_id", "customer_id", "completed_at"),  # a customer's receipts (returns)
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[str] = mapped_column(String(64))
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    fulfilment: Mapped[str] = mapped_column(String(16))  # carry_out | ship | pickup
    unit_price: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    promotions: Mapped[int] = mapped_column(BigInteger)
    discounts: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    tax_class: Mapped[str] = mapped_column(String(32))
    tax_rate: Mapped[str] = mapped_column(String(16))
    net: Mapped[int] = mapped_column(BigInteger)
    tax: Mapped[int] = mapped_column(BigInteger)


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    type: Mapped[str] = mapped_column(String(16))  # cash | card | store_credit | gift_card | exchange
    amount: Mapped[int] = mapped_column(BigInteger)
    change: Mapped[int] = mapped_column(BigInteger, default=0)
    reference: Mapped[str | None] = mapped_column(String(100), nullable=True)


class JournalEntryRow(Base):
    """A device's journal entry as it arrived in a `journal.batch` (the device's seq, text and
    hashes unchanged; `data` in the shared canonical JSON). One per (device, seq): a second
    entry with a seq central holds is a break, not stored."""

    __tablename__ = "journal_entries"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(128))
    hash: Mapped[str] = mapped_column(String(128))
    op_id: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JournalHead(Base):
    """The last journal entry central received from a device (the next batch must link to it),
    and, for a re-enrolled device, the identity whose chain it continues."""

    __tablename__ = "journal_heads"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(128))
    entries: Mapped[int] = mapped_column(BigInteger, default=0)
    continues_device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    continues_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class JournalBreak(Base):
    """A place where a device's chain does not hold: `kind` gap | link | altered | duplicate |
    relink, at the device's `seq`, with a sentence."""

    __tablename__ = "journal_breaks"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(300))
    op_id: Mapped[str] = mapped_column(String(36))
    noticed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# --- the mail outbox (central/mail; DESIGN.md section 6) ----------------------------------------


class MailMessage(Base):
    """A customer e-mail, written in the same transaction as the event it tells of (a receipt
    asked for, later an order confirmation), and delivered by central.mail.sender.

    `key` makes the event's message unique (the same receipt to the same address is one
    message). `subject`/`text`/`html` are filled when the message is rendered (at once when the
    event's data is there, else by the sender once it is). States: pending -> sending (claimed
    by one sender until `claimed_until`) -> sent | failed (given up: `last_error` says why)."""

    __tablename__ = "mail_outbox"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)  # the Message-ID header
    key: Mapped[str] = mapped_column(String(400), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # receipt | (order.confirmation …)
    ref: Mapped[str] = mapped_column(String(64))  # the sale id (receipt)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), nullable=True)
    to: Mapped[str] = mapped_column(String(320), index=True)
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str | None] = mapped_column(Text, nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    html: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claim: Mapped[str | None] = mapped_column(String(36), nullable=True)  # the claiming sender's token
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (Index("ix_mail_outbox_due", "state", "next_attempt_at"),)


class MailAttachment(Base):
    __tablename__ = "mail_attachments"
    message_id: Mapped[int] = mapped_column(ForeignKey("mail_outbox.id"), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))  # application/pdf
    data: Mapped[bytes] = mapped_column(LargeBinary)


# --- customers and role limits (docs/customers.md, docs/pricing.md "Role limits") ---------------


class Customer(Base):
    """A customer of the retailer (any store serves them). `id` is derived from the UUID the
    tablet (or the seed) made (`sync.protocol.customer_id_for`), so a customer created offline
    is known by its id before central hears of it. `email` is lower case, `phone` E.164; `name_key`
    is the name and reading folded to lower case for search. A customer created offline with
    an e-mail another customer already has is kept as an alias (`merged_into` that customer):
    sales made with its id still find who it is."""

    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    client_id: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kana: Mapped[str] = mapped_column(String(200), default="")
    name_key: Mapped[str] = mapped_column(String(401), default="")
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(16), default="", index=True)
    customer_group: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), nullable=True)
    created_device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    merged_into: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class RoleLimit(Base):
    """The `role_limits` stream: the largest manual discount or price override (`kind`), in
    percent, a role gives without an approver; `max_percent` null = no limit."""

    __tablename__ = "role_limits"
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # discount | override
    max_percent: Mapped[str | None] = mapped_column(String(16), nullable=True)


class CardLimit(Base):
    """The `card_limits` stream: a store's store-and-forward caps for card payments taken while
    the terminal is offline, per sale and per terminal until its next reconciliation, in minor
    units of the store's currency. No row, or 0, = no offline card payments."""

    __tablename__ = "card_limits"
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True, autoincrement=False)
    per_sale: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    total: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class ShiftPolicyRow(Base):
    """The `shift_policies` stream: a store's shift rules (central/shift_policy.py). No row = a
    blind count and the default variance limit."""

    __tablename__ = "shift_policies"
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True, autoincrement=False)
    show_expected: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 0 = blind
    variance_limit: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


# --- customer orders and their fulfilments: click-and-collect (central/pickups.py, docs/pickups.md)
# An order is what the customer bought (from a channel, later from a till's endless aisle); each
# fulfilment is one way part of it reaches them (kind "pickup" at a store; "ship" joins later),
# with its own state machine and history; its lines are the order's lines it carries.


class CustomerOrder(Base):
    __tablename__ = "customer_orders"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # what the customer and staff say
    channel: Mapped[str] = mapped_column(String(16))  # web | store
    channel_client_id: Mapped[int | None] = mapped_column(ForeignKey("channel_clients.id"), nullable=True)
    reference: Mapped[str] = mapped_column(String(100))  # the channel's own id (idempotency key)
    body_hash: Mapped[str] = mapped_column(String(64))
    customer_name: Mapped[str] = mapped_column(String(200))
    customer_email: Mapped[str] = mapped_column(String(254), default="")
    customer_phone: Mapped[str] = mapped_column(String(16), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    payment: Mapped[str] = mapped_column(String(16))  # paid | pay_on_pickup
    currency: Mapped[str] = mapped_column(String(3))
    total: Mapped[int] = mapped_column(BigInteger)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the order page's capability
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Endless-aisle orders (channel "store", order.create): the store and sale that took the
    # money (reference is the tablet's order_id), the customer, the delivery option and the fee
    # the till charged; `checks` JSON list of what central found different (a fee mismatch),
    # flagged, never refused.
    store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), nullable=True)
    sale_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    customer_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    delivery_option: Mapped[str | None] = mapped_column(String(40), nullable=True)
    delivery_fee: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    checks: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    __table_args__ = (
        UniqueConstraint("channel_client_id", "reference"),
        # order.create finds an order by the tablet's order_id (channel "store", no channel client)
        Index("ix_customer_orders_channel_reference", "channel", "reference"),
    )


class Fulfilment(Base):
    __tablename__ = "fulfilments"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # pickup | ship
    # kind "ship" (the endless aisle, central.shipments): location_id is the store that sold it;
    # source_id where it leaves from (None while unsourced); destination JSON {"kind": "home",
    # "address": {...}} | {"kind": "store", "store_id": n}; carrier / tracking once shipped;
    # refund_due what the selling store owes the customer after a cancel (less what was paid
    # out: `refunded`); waiting: staff chose "wait" (central orders-source retries it);
    # pickup_id the pickup opened at the destination store when a ship-to-store arrived.
    source_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), nullable=True, index=True)
    destination: Mapped[str | None] = mapped_column(Text, nullable=True)
    carrier: Mapped[str | None] = mapped_column(String(16), nullable=True)
    tracking: Mapped[str | None] = mapped_column(String(40), nullable=True)
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    refund_due: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    refunded: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    waiting: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pickup_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    state: Mapped[str] = mapped_column(String(16))  # central.pickups.TRANSITIONS
    shelf: Mapped[str] = mapped_column(String(40), default="")
    ready_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    collected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    collected_by: Mapped[str] = mapped_column(String(200), default="")  # "" = the customer
    collected_device: Mapped[str] = mapped_column(String(80), default="")  # the till's name
    code: Mapped[str | None] = mapped_column(Text, nullable=True)  # the signed pickup code, once ready
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The customer scanned their code at the store's kiosk (pickup.arrive): staff see them waiting.
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # An expired pickup's bag confirmed back on the shelf (pickup.restock): its stock released then.
    restocked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Left the store's `pickups` stream (finished long enough ago: central.pickups.PRUNE_DAYS).
    pruned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (Index("ix_fulfilments_location_state", "location_id", "state"),)


class PickupRefund(Base):
    """Money a pickup owes back to the channel that took it (a paid order's missing units, an
    expired order once its bag is back): the web shop refunds its own payment and reads these
    in `GET /v1/channel/pickups/{reference}`."""

    __tablename__ = "pickup_refunds"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("fulfilments.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)  # minor units of the order's currency
    reason: Mapped[str] = mapped_column(String(16))  # missing | expired
    lines: Mapped[str] = mapped_column(Text)  # JSON [{"line_no", "sku", "qty", "amount"}]
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FulfilmentLine(Base):
    __tablename__ = "fulfilment_lines"
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("fulfilments.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    sale_line_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # a ship line's sale line
    picked: Mapped[int] = mapped_column(Integer, default=0)
    missing: Mapped[int] = mapped_column(Integer, default=0)
    collected: Mapped[int] = mapped_column(Integer, default=0)


class FulfilmentEvent(Base):
    """A fulfilment's history: each transition (or a pick) with who and when."""

    __tablename__ = "fulfilment_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("fulfilments.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(16))  # the state after the event
    event: Mapped[str] = mapped_column(String(32))  # created | picked | ready | collected | reminded | ...
    actor: Mapped[str] = mapped_column(String(120))  # channel:webshop | device:<id> | central
    detail: Mapped[str] = mapped_column(Text, default="")


class DeliveryOption(Base):
    """A way an endless-aisle order reaches the customer and its fee (the `delivery_options`
    stream): the fee is charged as a sale line of the service SKU `sku` (a catalog variant of
    category "delivery", no stock, in no price list)."""

    __tablename__ = "delivery_options"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    sku: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(100))
    name_ja: Mapped[str] = mapped_column(String(100))
    name_de: Mapped[str] = mapped_column(String(100))
    fee: Mapped[int] = mapped_column(BigInteger)
    free_over: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    days_min: Mapped[int] = mapped_column(Integer)
    days_max: Mapped[int] = mapped_column(Integer)
    active: Mapped[int] = mapped_column(Integer, default=1)


class RefusedOrderRefund(Base):
    """Money a till paid back for an endless-aisle order central refused (order.create was
    rejected: no customer order, nothing ships): `order_ref` the tablet's order_id, `sale_id`
    the sale that paid it (order.refund_refused)."""

    __tablename__ = "refused_order_refunds"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    order_ref: Mapped[str] = mapped_column(String(36), index=True)
    sale_id: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    tender: Mapped[str] = mapped_column(String(8))  # cash | card
    reference: Mapped[str] = mapped_column(String(100), default="")
    device_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ShipRefund(Base):
    """A refund paid out at the selling store's till for a cancelled ship fulfilment (order.refund)."""

    __tablename__ = "ship_refunds"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("fulfilments.id"), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    tender: Mapped[str] = mapped_column(String(8))  # cash | card
    reference: Mapped[str] = mapped_column(String(100), default="")
    device_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SigningKey(Base):
    """Central's Ed25519 keys for the codes it signs (pickup QR). The public halves travel to
    the tablets in the `central_keys` stream; the private half never leaves central."""

    __tablename__ = "signing_keys"
    kid: Mapped[str] = mapped_column(String(16), primary_key=True)
    use: Mapped[str] = mapped_column(String(16))  # pickup
    private_key: Mapped[str] = mapped_column(String(64))  # raw 32 bytes, base64url
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[int] = mapped_column(Integer, default=1)


class StoreHours(Base):
    """A store's opening hours as words per language ({"en": "10:00-21:00 daily", "ja": ...})."""

    __tablename__ = "store_hours"
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    hours: Mapped[str] = mapped_column(Text)


class ShiftReport(Base):
    """A till's closed shift with its Z report, from the tablet's `shift.close` (docs/shifts.md):
    the Z number is gapless per till, `report` the Z report as the till printed it (JSON),
    `movements` and `counts` the float, cash movements and blind count (JSON)."""

    __tablename__ = "shift_reports"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    shift_id: Mapped[str] = mapped_column(String(36), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[str] = mapped_column(String(36))
    till: Mapped[str] = mapped_column(String(40))
    number: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_by: Mapped[int] = mapped_column(Integer)
    closed_by: Mapped[int] = mapped_column(Integer)
    sales_total: Mapped[int] = mapped_column(BigInteger)
    expected_cash: Mapped[int] = mapped_column(BigInteger)
    counted_cash: Mapped[int] = mapped_column(BigInteger)
    staff: Mapped[str] = mapped_column(Text)  # JSON list of staff ids
    movements: Mapped[str] = mapped_column(Text)
    counts: Mapped[str] = mapped_column(Text)
    report: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("store_id", "till", "number", name="uq_shift_reports_till_number"),
        Index("ix_shift_reports_store_id", "store_id", "id"),
    )


class ReturnPolicyRule(Base):
    """The return policy (the `return_policy` stream, sync.return_code.Policy): kind `window`
    (match a category or `*`, days), `final` (match a SKU or `category:<name>`), `reason` (match
    the reason code, words its names as JSON {"en", "ja", "de"})."""

    __tablename__ = "return_policy"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    match: Mapped[str] = mapped_column(String(100))
    days: Mapped[int] = mapped_column(Integer, default=0)
    words: Mapped[str] = mapped_column(Text, default="{}")


class ReturnAuthorization(Base):
    """A return the customer started (the order page, the channel API) or a till asked for a
    receipt (source `store`): the lines and units expected, what each tender may take back, and
    the signed code (sync.return_code). State: authorized | completed | expired. `return_id` is
    the return that claimed it (the first till wins, central.returns.claim)."""

    __tablename__ = "return_authorizations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    sale_id: Mapped[str] = mapped_column(String(36), index=True)
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("orders.id"))
    source: Mapped[str] = mapped_column(String(16))  # web | channel | store
    reason: Mapped[str] = mapped_column(String(40))
    refund: Mapped[str] = mapped_column(String(16))  # original | store_credit
    lines: Mapped[str] = mapped_column(Text)  # JSON [[line_id, variant_id, sku, qty, amount]]
    tenders: Mapped[str] = mapped_column(Text)  # JSON [[type, amount, reference]]
    code: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    return_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    claimed_device: Mapped[str | None] = mapped_column(String(36), nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReturnRecord(Base):
    """A return taken back at a till (`return.complete`): its lines with their grades, the
    refunds per tender and the stock movements central made of it."""

    __tablename__ = "returns"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the till's return id
    authorization_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    sale_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # authorized | receipt | no_receipt
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    approved_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    customer_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    currency: Mapped[str] = mapped_column(String(3))
    total: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(40), default="")
    completed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # an exchange: the sale made in the same basket, paid by this return's `exchange` refund
    exchange_sale_id: Mapped[str | None] = mapped_column(String(36), nullable=True, unique=True)
    __table_args__ = (Index("ix_returns_store_id", "store_id", "received_at"),)


class ReturnLine(Base):
    __tablename__ = "return_lines"
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), primary_key=True)
    line_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sale_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    resellable: Mapped[int] = mapped_column(Integer)
    damaged: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_return_lines_sale_line", "sale_id", "line_id"),)


class ReturnRefund(Base):
    """Money given back for a return: `state` paid, or queued (a card refund the till could not
    make yet; the till sends return.refund... once it did: central reconciles)."""

    __tablename__ = "return_refunds"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), index=True)
    sale_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    type: Mapped[str] = mapped_column(String(16))  # cash | card | store_credit | gift_card | exchange
    amount: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(16))  # paid | queued


# --- stored value: loyalty points, store credit, gift cards (central/accounts.py, docs/loyalty.md)
# An account is (kind, owner, currency); every change of its balance is one ledger entry (never
# an overwritten figure). `balance` is the sum of its entries, kept in the same transaction.


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # points | credit | gift
    owner: Mapped[str] = mapped_column(String(32))  # the customer id (points, credit) or the card number (gift)
    currency: Mapped[str] = mapped_column(String(3))  # PTS for points
    customer_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    balance: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    status: Mapped[str] = mapped_column(
        String(8), default="active", server_default="active"
    )  # inactive | active | blocked
    tier: Mapped[str] = mapped_column(String(16), default="", server_default="")  # points: the tier's code
    row_hash: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")  # its `balances` row's
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (
        UniqueConstraint("kind", "owner", "currency", name="uq_accounts_kind_owner_currency"),
        Index("ix_accounts_customer_kind", "customer_id", "kind", "currency"),
    )


class LedgerEntry(Base):
    """One change of one account's balance. Unique (account, op_id, ref): the same op posted
    again is the same entry. `lines` (points earned on a sale): JSON {line_id: [quantity,
    points]} so a return takes back what those lines earned; `expires_at`: when earned points
    expire (oldest spent first)."""

    __tablename__ = "ledger_entries"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    amount: Mapped[int] = mapped_column(BigInteger)
    balance_after: Mapped[int] = mapped_column(BigInteger)
    op_id: Mapped[str] = mapped_column(String(100))
    ref: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lines: Mapped[str] = mapped_column(Text, default="", server_default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        UniqueConstraint("account_id", "op_id", "ref", name="uq_ledger_entries_account_op_ref"),
        Index("ix_ledger_entries_account_id", "account_id", "id"),
        Index("ix_ledger_entries_ref", "ref"),
    )


class Overspend(Base):
    """An offline spend central had to take below zero (the tablet could not know): head office
    sees it (`central accounts overspends`, GET /v1/accounts/overspends) until it is settled."""

    __tablename__ = "overspends"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id"), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    shortfall: Mapped[int] = mapped_column(BigInteger)  # how far below zero the entry took it
    store_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")


class EarnRule(Base):
    """Points earned: `points` per `per_amount` minor units paid, per currency, optionally for
    one store and/or one category (the most specific rule wins; docs/loyalty.md)."""

    __tablename__ = "earn_rules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), nullable=True)
    category: Mapped[str] = mapped_column(String(100), default="", server_default="")  # "" = every category
    per_amount: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(Integer)
    redeem_value: Mapped[int] = mapped_column(
        Integer, default=0, server_default="0"
    )  # minor units 100 points buy (currency rule only)


class Tier(Base):
    """A loyalty tier: reached with `min_points` earned in the last 365 days; its earn multiplier
    (a decimal string) and benefits (words for the till and the customer)."""

    __tablename__ = "tiers"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    min_points: Mapped[int] = mapped_column(BigInteger)
    multiplier: Mapped[str] = mapped_column(String(16), default="1", server_default="1")
    benefits: Mapped[str] = mapped_column(String(300), default="", server_default="")


class SpendLimit(Base):
    """A store's offline cap on spending stored value (points' money value, store credit, gift
    cards) per device per day, in minor units of the store's currency; no row or 0 = no offline
    spending."""

    __tablename__ = "spend_limits"
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True, autoincrement=False)
    per_day: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
