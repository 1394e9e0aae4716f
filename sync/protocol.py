"""Wire models of the Aisle sync protocol, shared by central and the store app.

Download side: every authoritative change is appended to central's change log with a global
sequence number. A stream is one kind of row (catalog, prices, stock, ...); each row travels as a
JSON array in the column order of its `StreamSpec`. A device pulls `after=<cursor>` page by page;
each page says the epoch of the log it came from. Bootstrap is a gzip NDJSON snapshot (header
line, rows, trailer line) that carries the high-water sequence it is consistent with.

Upload side: the device's outbox pushes its ops in order, several per request (`PushRequest`);
central applies each in its own transaction, stores `op_id` with its result so a replay is
answered from the record, and answers per op (`PushResponse`).

Both sides read two registries declared here, so that a new kind of data is one declaration:
- `STREAMS`: one `StreamSpec` per stream (columns and types, key, scope rule, local table, the
  derived local structures it feeds). Central's feeds and the tablet's store both read it.
- `OP_TYPES`: one wire model per device-op type, joined into the discriminated union `Op`.

Integrity: `row_hash` is the CRC-32 of the canonical row bytes; a stream's checksum is the
row count plus the sum of row hashes, which does not depend on row order.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Annotated, Any, Literal
from uuid import UUID

import orjson
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

PROTOCOL_VERSION = 1
MAX_PAGE = 5000
DEFAULT_PAGE = 1000
SNAPSHOT_MEDIA_TYPE = "application/x-ndjson"

Scalar = int | str | None

_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _iso_time_only(value: Any) -> Any:
    """A time on the wire is an ISO 8601 string with its offset, nothing else: pydantic would
    also take "0" (a Unix time) or a time without a zone, even in strict mode."""
    if isinstance(value, str):
        if not _ISO_TIME.match(value):
            raise ValueError("a time must be ISO 8601 with its offset, e.g. 2026-12-01T09:30:00+09:00")
        return datetime.fromisoformat(value)  # strict mode takes no strings once past a validator
    return value


# Every time on the wire: ISO 8601 with an offset (AwareDatetime refuses a naive one).
WireTime = Annotated[AwareDatetime, BeforeValidator(_iso_time_only)]

# Which rows of a stream a device may see: its scope rule names the part of the store's scope
# (central.feeds.Scope) that lists the allowed scope values of the change log.
ScopeRule = Literal["global", "store", "stock_locations", "price_lists"]


@dataclass(frozen=True)
class StreamSpec:
    name: str
    columns: tuple[str, ...]
    types: tuple[type, ...]  # int or str; None is allowed where nullable
    nullable: frozenset[str]
    key: tuple[str, ...]
    scope: ScopeRule = "global"
    # Large streams are snapshotted in key order and resumed with `after_key`; small ones are
    # sent whole (a resume still gets only the rows after its key).
    large: bool = False
    # Local structures the tablet derives from this stream (rebuilt or kept up to date by the
    # store's hooks registered under these names), and the local table it lands in.
    derived: tuple[str, ...] = ()
    table: str = ""

    @property
    def local_table(self) -> str:
        return self.table or self.name

    @property
    def key_index(self) -> tuple[int, ...]:
        return tuple(self.columns.index(k) for k in self.key)

    @cached_property
    def type_signatures(self) -> frozenset[tuple[type, ...]]:
        """Every allowed tuple of value types (nullable columns may be None)."""
        options = [
            (typ, type(None)) if col in self.nullable else (typ,)
            for col, typ in zip(self.columns, self.types, strict=True)
        ]
        return frozenset(itertools.product(*options))

    def validate_row(self, row: Any) -> list[Scalar]:
        """Raise ValueError unless `row` is a well-formed row of this stream."""
        if type(row) is list and tuple(map(type, row)) in self.type_signatures:
            return row  # the fast path a million-row bootstrap takes
        if not isinstance(row, list) or len(row) != len(self.columns):
            raise ValueError(f"{self.name}: row must be an array of {len(self.columns)} values")
        for value, col, typ in zip(row, self.columns, self.types, strict=True):
            if value is None:
                if col not in self.nullable:
                    raise ValueError(f"{self.name}.{col} must not be null")
            elif type(value) is not typ:
                raise ValueError(f"{self.name}.{col} must be {typ.__name__}, got {value!r:.40}")
        return row

    def validate_key(self, key: Any) -> list[Scalar]:
        if not isinstance(key, list) or len(key) != len(self.key):
            raise ValueError(f"{self.name}: key must be an array of {len(self.key)} values")
        for value, col in zip(key, self.key, strict=True):
            typ = self.types[self.columns.index(col)]
            if type(value) is not typ:
                raise ValueError(f"{self.name} key {col} must be {typ.__name__}")
        return key


def _spec(
    name: str,
    cols: list[tuple[str, type, bool]],
    key: tuple[str, ...],
    *,
    scope: ScopeRule = "global",
    large: bool = False,
    derived: tuple[str, ...] = (),
) -> StreamSpec:
    return StreamSpec(
        name=name,
        columns=tuple(c for c, _, _ in cols),
        types=tuple(t for _, t, _ in cols),
        nullable=frozenset(c for c, _, n in cols if n),
        key=key,
        scope=scope,
        large=large,
        derived=derived,
    )


STREAMS: dict[str, StreamSpec] = {
    s.name: s
    for s in [
        _spec(
            "locations",
            [
                ("id", int, False),
                ("code", str, False),
                ("name", str, False),
                ("kind", str, False),  # store | warehouse
                ("currency", str, False),
                ("locale", str, False),
                ("timezone", str, False),
                ("address", str, False),
                ("city", str, False),
                ("country", str, False),
                ("nearby", str, False),  # space-separated location ids this store calls nearby
                # The store's pricing rules (docs/pricing.md, the document's `store` object), so
                # both ends price from this row: tax included | added, per_line | per_rate and
                # its direction, cash rounding (increment in minor units, 0 = none, and its
                # mode), and Japan's qualified-invoice registration number ("" = none).
                ("tax_mode", str, False),
                ("tax_rounding", str, False),
                ("tax_rounding_mode", str, False),
                ("cash_rounding", int, False),
                ("cash_rounding_mode", str, False),
                ("registration_no", str, False),
            ],
            ("id",),
        ),
        _spec(
            "catalog",
            [
                ("id", int, False),
                ("sku", str, False),
                ("style_code", str, False),
                ("name", str, False),
                ("brand", str, False),
                ("category", str, False),
                ("colour", str, False),
                ("size", str, False),
                ("size_order", int, False),
                ("barcodes", str, False),  # space-separated GTIN-13s
                ("tax_class", str, False),
                ("active", int, False),
            ],
            ("id",),
            large=True,
            derived=("barcodes", "styles"),
        ),
        # Names per language of the few things that have them: a style (kind "style", key its
        # code) or a colour (kind "colour", key the colour as the catalog spells it); value a
        # compact JSON object ({"ja": "…"}, orjson's bytes, so the row stays canonical). Its own
        # small stream: ~41k styles and a dozen colours, not a copy on each of 1M catalog rows.
        # Rows with no names are absent. The tablet derives styles.names / local_text from it.
        _spec(
            "names",
            [
                ("kind", str, False),  # style | colour
                ("key", str, False),
                ("value", str, False),
            ],
            ("kind", "key"),
            derived=("local_names",),
        ),
        _spec(
            "prices",
            [
                ("list_id", int, False),
                ("variant_id", int, False),
                ("currency", str, False),
                ("store_id", int, True),  # null: the base list of the currency
                ("customer_group", str, False),  # '' for everyone
                ("amount", int, False),  # minor units
            ],
            ("list_id", "variant_id"),
            scope="price_lists",
            large=True,
        ),
        _spec(
            "stock",
            [
                ("location_id", int, False),
                ("variant_id", int, False),
                ("on_hand", int, False),
                ("reserved", int, False),
            ],
            ("location_id", "variant_id"),
            scope="stock_locations",
            large=True,
            derived=("live_stock",),
        ),
        _spec(
            "staff",
            [
                ("id", int, False),
                ("name", str, False),
                ("role", str, False),
                ("store_id", int, False),
                ("pin_hash", str, False),
                ("active", int, False),
            ],
            ("id",),
            scope="store",
        ),
        _spec(
            "tax",
            [
                ("id", int, False),
                ("country", str, False),
                ("tax_class", str, False),
                ("rate", str, False),  # decimal as text, e.g. "0.19"
                ("name", str, False),
            ],
            ("id",),
        ),
        # The pricing engine's promotion definitions (docs/pricing.md), one row each. Global:
        # a retailer has tens of them, a promotion for every store is one row, and the engine
        # itself filters by `stores` (space-separated store codes, "" = all) and `groups`
        # (customer groups, "" = everyone). `target` / `get_target` are compact JSON with sorted
        # keys ({"categories": [...], "skus": [...]}; "{}" = every line, null = the target);
        # `percent` a decimal string; `starts` / `ends` ISO 8601, without an offset the store's
        # wall clock (ends exclusive); `coupons` space-separated codes.
        _spec(
            "promotions",
            [
                ("id", int, False),
                ("code", str, False),  # the engine's promotion id, on receipts and orders
                ("name", str, False),
                ("kind", str, False),  # percent_off | amount_off | multibuy | buy_x_get_y | spend_save
                ("target", str, False),
                ("get_target", str, True),
                ("percent", str, True),
                ("amount", int, True),
                ("buy", int, False),
                ("pay", int, False),
                ("get", int, False),
                ("threshold", int, False),
                ("max_applications", int, True),
                ("starts", str, True),
                ("ends", str, True),
                ("stores", str, False),
                ("groups", str, False),
                ("coupons", str, False),
                ("stack_group", str, False),
                ("active", int, False),
            ],
            ("id",),
        ),
        # Role limits (docs/pricing.md "Role limits"): the largest manual discount (`kind`
        # "discount") or price override ("override"), in percent of what the line or basket
        # costs before it, that a role may give without a higher role's PIN. Global: head office
        # configures them for every store; six rows. `max_percent` a decimal string ("10"),
        # null = no limit (a manager).
        _spec(
            "role_limits",
            [
                ("role", str, False),  # associate | supervisor | manager
                ("kind", str, False),  # discount | override
                ("max_percent", str, True),
            ],
            ("role", "kind"),
        ),
        # Store-and-forward card caps (docs/terminal.md "Offline"): how much a card terminal of
        # this store may approve while it cannot reach the card network, per sale and in total
        # until that terminal's next reconciliation, in minor units of the store's currency;
        # 0 = no offline card payments. One row per store, store-scoped: a till sees its own.
        _spec(
            "card_limits",
            [
                ("store_id", int, False),
                ("per_sale", int, False),
                ("total", int, False),
            ],
            ("store_id",),
            scope="store",
        ),
        # Click-and-collect orders to be picked up at this store (docs/pickups.md), one row per
        # pickup (a fulfilment of kind "pickup" on central), open and finished alike. `lines` is
        # compact JSON: [{"n": line no, "v": variant id, "sku", "name", "q": quantity, "u": unit
        # price, "p": picked, "m": missing, "c": collected}]; times ISO 8601 UTC; `code` the signed
        # pickup code (aisle:p1:…) once ready; `collected_device` the name of the till. Central
        # deletes a finished pickup's row after central.pickups.PRUNE_DAYS (it keeps the order).
        _spec(
            "pickups",
            [
                ("id", int, False),
                ("number", str, False),
                ("store_id", int, False),
                ("state", str, False),  # new | picking | ready | collected | expired | cancelled
                ("payment", str, False),  # paid | pay_on_pickup
                ("currency", str, False),
                ("total", int, False),
                ("customer", str, False),
                ("lines", str, False),
                ("shelf", str, False),
                ("created_at", str, False),
                ("ready_at", str, True),
                ("expires_at", str, True),
                ("collected_at", str, True),
                ("collected_by", str, False),  # "" = the customer, else the name given
                ("collected_device", str, False),
                ("code", str, True),
                ("updated_at", str, False),
                ("arrived_at", str, True),  # the customer checked in at the store's kiosk
                ("restocked_at", str, True),  # expired and its bag back on the shelf (else: put it back)
                ("refund", int, True),  # minor units owed back to a paid order's channel
            ],
            ("id",),
            scope="store",
        ),
        # Central's public Ed25519 keys (raw 32 bytes, base64url) for the codes it signs, so a
        # tablet checks a pickup QR offline; `use` pickup; retired keys stay with active 0.
        _spec(
            "central_keys",
            [
                ("kid", str, False),
                ("use", str, False),
                ("public_key", str, False),
                ("active", int, False),
            ],
            ("kid",),
        ),
        # Delivery options of the endless aisle (docs/endless-aisle.md), global: a handful of
        # rows. `sku` is the fee's service SKU (a catalog variant of category "delivery", no
        # stock, in no price list: the sale line carries the fee as its unit price); `fee` and
        # `free_over` in minor units of `currency` (free_over null: never free; the fee is 0
        # when the shipped lines' total is at least free_over).
        _spec(
            "delivery_options",
            [
                ("id", str, False),  # e.g. "jp-standard"
                ("country", str, False),  # JP | DE (of the destination)
                ("currency", str, False),
                ("sku", str, False),
                ("name_en", str, False),
                ("name_ja", str, False),
                ("name_de", str, False),
                ("fee", int, False),
                ("free_over", int, True),
                ("days_min", int, False),
                ("days_max", int, False),
                ("active", int, False),
            ],
            ("id",),
        ),
        # Ship fulfilments (endless aisle) this store SOLD (order_store_id) or must SHIP
        # (source_id), one row each. State (central.shipments.TRANSITIONS): unsourced | sourced |
        # shipped | delivered | cancelled. `destination` a short text ("〒150-0001 東京都渋谷区…"
        # or "Store Berlin Mitte"); `lines` compact JSON [{"n", "v", "sku", "name", "q", "u"}];
        # `refund_due` what the selling store owes the customer (minor units, after a cancel, 0
        # once refunded); `order_ref` the tablet's order_id of order.create, so a till matches its
        # own "to be confirmed" order to central's row; carrier/tracking null until shipped.
        _spec(
            "ship_orders",
            [
                ("id", int, False),
                ("number", str, False),
                ("order_ref", str, False),
                ("order_store_id", int, False),
                ("source_id", int, True),
                ("state", str, False),
                ("destination", str, False),
                ("customer", str, False),
                ("lines", str, False),
                ("refund_due", int, False),
                ("carrier", str, True),
                ("tracking", str, True),
                ("created_at", str, False),
                ("updated_at", str, False),
            ],
            ("id",),
            scope="store",
        ),
        # The return policy (central.returns, sync.return_code.Policy), global: kind `window`
        # (match a category or `*`, days), `final` (a SKU or `category:<name>`: final sale) or
        # `reason` (the reason code; `words` its names as compact JSON {"en", "ja", "de"}).
        _spec(
            "return_policy",
            [
                ("id", str, False),
                ("kind", str, False),
                ("match", str, False),
                ("days", int, False),
                ("words", str, False),
            ],
            ("id",),
        ),
        # Stored value (docs/loyalty.md): a customer's points and store-credit balances, one row
        # per account (central.accounts; every change is a ledger entry there, this is the sum).
        # Global so that any till can show and spend them offline up to what it cached; only
        # ids and figures (no name, no contact). `tier` is the points account's tier code.
        # Gift cards are not in it: a card number is a bearer secret, asked live.
        _spec(
            "balances",
            [
                ("customer_id", int, False),
                ("kind", str, False),  # points | credit
                ("currency", str, False),  # PTS for points
                ("balance", int, False),
                ("tier", str, False),
            ],
            ("customer_id", "kind", "currency"),
            large=True,
        ),
        # Earn rules: `points` per `per_amount` minor units paid, per currency, maybe for one
        # store (null: all) and one category ("": all); the most specific wins (sync.loyalty).
        # `redeem_value`: minor units 100 points buy (read from the currency's category-less rule).
        _spec(
            "earn_rules",
            [
                ("id", int, False),
                ("currency", str, False),
                ("store_id", int, True),
                ("category", str, False),
                ("per_amount", int, False),
                ("points", int, False),
                ("redeem_value", int, False),
            ],
            ("id",),
        ),
        # Loyalty tiers: reached with `min_points` earned in 365 days; the earn multiplier
        # (a decimal string) and the benefits' words.
        _spec(
            "tiers",
            [
                ("code", str, False),
                ("name", str, False),
                ("min_points", int, False),
                ("multiplier", str, False),
                ("benefits", str, False),
            ],
            ("code",),
        ),
        # A store's offline cap on stored-value spending per till per day (minor units of the
        # store's currency; no row or 0 = none offline). Store-scoped.
        _spec(
            "spend_limits",
            [
                ("store_id", int, False),
                ("per_day", int, False),
            ],
            ("store_id",),
            scope="store",
        ),
        # A store's shift rules (docs/shifts.md "Blind count"), set by head office: whether the
        # count screen shows the expected amounts before the count is saved (0 = blind) and the
        # cash or card variance beyond which a manager approves the close (minor units of the
        # store's currency; null = the default, 10 major units, JPY 1,000). No row = blind and
        # the default limit. Store-scoped: a till sees its own store's.
        _spec(
            "shift_policies",
            [
                ("store_id", int, False),
                ("show_expected", int, False),
                ("variance_limit", int, True),
            ],
            ("store_id",),
            scope="store",
        ),
    ]
}

# Order a fresh device bootstraps in: small reference data first so the UI can show a store
# (names before catalog: the catalog's finish builds the search structures with them). It is also
# the order of the pulls in every cycle: the pickup streams come before stock, so a new order's
# row (a poke naming pickups and stock) lands after one page, not two (tests/bench/pickup_latency).
BOOTSTRAP_ORDER = (
    "locations",
    "tax",
    "staff",
    "role_limits",
    "card_limits",
    "earn_rules",
    "tiers",
    "spend_limits",
    "shift_policies",
    "central_keys",
    "pickups",
    "balances",
    "promotions",
    "names",
    "catalog",
    "prices",
    "stock",
    "delivery_options",
    "ship_orders",
    "return_policy",
)


def dump_row(row: list[Scalar]) -> bytes:
    return orjson.dumps(row)


def row_hash(row_bytes: bytes) -> int:
    """CRC-32 of the canonical row bytes: it finds divergence (a missed or stale row), which
    is all a checksum here is for; it is not a defence against forgery."""
    return zlib.crc32(row_bytes)


CHECKSUM_MOD = 2**64


class Strict(BaseModel):
    """Every wire model: unknown fields refused, and no coercion (`0` is not a time, `"1"` is not
    a number, `1.0` is not an int) — the same rules on both ends."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Health(Strict):
    status: Literal["ok"]
    time: WireTime
    epoch: str
    protocol: int = PROTOCOL_VERSION
    version: str = Field(default="", description="central's release (sync.version)")
    commit: str = Field(default="", description="the commit central was built from, or unknown")


class EnrollRequest(Strict):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(default="tablet", min_length=1, max_length=80)


class EnrollResponse(Strict):
    device_id: str
    token: str
    pin_key: str = Field(description="the retailer's PIN key (sync.pins): kept in the keyring beside the token")
    store_id: int
    store_code: str
    store_name: str


class DeviceInfo(Strict):
    device_id: str
    name: str
    store_id: int
    store_code: str
    scope_location_ids: list[int]


class Change(Strict):
    seq: int
    key: list[Scalar]
    row: list[Scalar] | None  # None: the row was deleted


class ChangePage(Strict):
    stream: str
    epoch: str
    after: int
    next: int  # the cursor to store with this page
    has_more: bool
    changes: list[Change]


class CursorPruned(Strict):
    """The 410 answer to a change page asked for below the stream's floor: central pruned its
    change log past `after`, so no page can bring this cursor up to date. The device downloads
    the stream again (snapshot, outbox first) and goes on by pages from the snapshot's high
    water (docs/scale.md "Change-log pruning")."""

    detail: str
    code: Literal["log_pruned"]
    stream: str
    epoch: str
    after: int
    floor: int  # pages are whole for a cursor at or above this


class Checksum(Strict):
    stream: str
    epoch: str
    high_water: int
    count: int
    sum: int


class SnapshotHeader(Strict):
    stream: str
    epoch: str
    high_water: int
    columns: list[str]
    after_key: list[Scalar] | None = None
    estimated_rows: int | None = None


class SnapshotTrailer(Strict):
    end: Literal[True]
    rows: int
    # Sum (mod CHECKSUM_MOD) of the row hashes of the lines of this response: the client checks
    # it against what it parsed instead of a checksum scan after the download (None: not sent).
    sum: int | None = None


class Poke(Strict):
    """The data of a `hello` or `poke` server-sent event (`streams` left out: any may have changed)."""

    seq: int = Field(ge=0)
    streams: list[str] | None = None


# --- device operations: a registry of op types --------------------------------------------


class StockAdjustPayload(Strict):
    variant_id: int = Field(ge=1, le=2**31 - 1)
    location_id: int = Field(ge=1, le=2**31 - 1)
    delta: int = Field(
        ge=-9999,
        le=9999,
        description="never 0: a correction that changes nothing is not sent",
        json_schema_extra={"not": {"const": 0}},
    )
    reason: Literal["found", "damaged", "theft", "miscount", "other"]
    note: str = Field(default="", max_length=500)
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    approved_by: int | None = Field(default=None, ge=1, le=2**31 - 1, description="the supervisor who approved it")
    recorded_at: WireTime

    @field_validator("delta")
    @classmethod
    def _not_zero(cls, v: int) -> int:
        if v == 0:
            raise ValueError("a stock correction of 0 changes nothing")
        return v


class OpBase(Strict):
    op_id: UUID
    device_seq: int = Field(ge=1, le=2**62)


class StockAdjustOp(OpBase):
    type: Literal["stock.adjust"]
    payload: StockAdjustPayload


# --- sale.complete: a sale made on a tablet (docs/checkout.md) ------------------------------

Minor = Annotated[int, Field(ge=0, le=10**13, description="minor units of the sale's currency")]
TenderKind = Literal["cash", "card", "store_credit", "gift_card", "exchange"]
RECEIPT_NO_PATTERN = r"^[A-Z0-9]{1,32}-[A-Z0-9]{1,8}-[0-9]{6,12}$"


class SaleLine(Strict):
    """A priced line as the tablet's pricing engine left it (sync.pricing PricedLine)."""

    line_id: str = Field(min_length=1, max_length=64, description="the pricing input's line id")
    variant_id: int = Field(ge=1, le=2**31 - 1)
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=9999)
    fulfilment: Literal["carry_out", "ship", "pickup"] = Field(
        description='"ship": an endless-aisle line paid here and shipped by central (order.create); "pickup": a '
        "line of a pay-on-pickup order collected with this sale, at the order's price (pickup.handover carries "
        "the sale_id; central releases the reservation); neither has a stock delta"
    )
    unit_price: Minor
    amount: Minor
    promotions: Minor = Field(description="what promotions saved on this line")
    discounts: Minor = Field(description="manual line and basket discounts on this line")
    total: Minor
    tax_class: str = Field(min_length=1, max_length=32)
    tax_rate: str = Field(pattern=r"^[0-9]{1,3}(\.[0-9]{1,4})?$", description="percent, a decimal string")
    net: Minor
    tax: Minor


class SaleDiscount(Strict):
    """A promotion that applied (with its id) or a manual discount (with its reason)."""

    kind: Literal["promotion", "manual"]
    promotion: str | None = Field(default=None, max_length=64, description="the promotion's id")
    name: str = Field(default="", max_length=200)
    coupon: str | None = Field(default=None, max_length=64)
    reason: str | None = Field(default=None, max_length=200)
    line_id: str | None = Field(default=None, max_length=64, description="a manual line discount's line")
    amount: Minor


class SaleTax(Strict):
    tax_class: str = Field(min_length=1, max_length=32)
    rate: str = Field(pattern=r"^[0-9]{1,3}(\.[0-9]{1,4})?$")
    net: Minor
    tax: Minor
    gross: Minor


class SaleTotals(Strict):
    amount: Minor = Field(description="before promotions and discounts")
    promotions: Minor
    discounts: Minor
    net: Minor
    tax: Minor
    total: Minor = Field(description="what the customer pays, before cash rounding")
    cash_rounding: int = Field(ge=-1000, le=1000, description="added by rounding the cash part")


class SaleTender(Strict):
    type: TenderKind
    amount: Minor = Field(description="handed over (cash) or charged")
    change: Minor = Field(default=0, description="cash given back (only from cash: central flags any other)")
    reference: str | None = Field(default=None, max_length=100)


class SaleStockDelta(Strict):
    variant_id: int = Field(ge=1, le=2**31 - 1)
    location_id: int = Field(ge=1, le=2**31 - 1)
    delta: int = Field(ge=-9999, le=9999, json_schema_extra={"not": {"const": 0}})

    @field_validator("delta")
    @classmethod
    def _not_zero(cls, v: int) -> int:
        if v == 0:
            raise ValueError("a stock delta of 0 changes nothing")
        return v


class SaleCompletePayload(Strict):
    """A completed sale: who, when, the pricing engine's input (central re-prices it with the
    same code) and its output (lines, discounts, taxes, totals), the tenders and stock deltas."""

    sale_id: UUID = Field(description="made when the basket was opened; one sale per id")
    receipt_no: str = Field(pattern=RECEIPT_NO_PATTERN, description="<store code>-<device code>-<counter>")
    store_id: int = Field(ge=1, le=2**31 - 1)
    staff_id: int = Field(ge=1, le=2**31 - 1)
    customer_id: int | None = Field(default=None, ge=1, le=2**62)
    completed_at: WireTime
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    pricing: dict[str, Any] = Field(description="the pricing input document (docs/pricing.md), without tenders")
    lines: list[SaleLine] = Field(min_length=1, max_length=1000)
    discounts: list[SaleDiscount] = Field(default_factory=list, max_length=2000)
    taxes: list[SaleTax] = Field(min_length=1, max_length=50)
    totals: SaleTotals
    tenders: list[SaleTender] = Field(min_length=1, max_length=20)
    stock: list[SaleStockDelta] = Field(default_factory=list, max_length=1000)


class SaleCompleteOp(OpBase):
    type: Literal["sale.complete"]
    payload: SaleCompletePayload


# --- journal.batch: a run of the device's journal entries, in order (sync.journal) ----------

JOURNAL_BATCH_MAX = 100


class JournalWireEntry(Strict):
    """One journal entry exactly as the device holds it. Nothing in it is trusted: central
    recomputes `hash` with the shared canonical JSON and checks the links, so the limits are
    wide (a tampered journal must still be reportable) and only keep the request bounded."""

    seq: int = Field(ge=-(2**62), le=2**62)
    at: str = Field(max_length=64)
    type: str = Field(max_length=64)
    data: dict[str, Any]
    prev_hash: str = Field(max_length=128)
    hash: str = Field(max_length=128)


class JournalLink(Strict):
    """Where a chain continues from when the device was enrolled again under a new id: the
    old identity and the last entry batched under it."""

    device_id: str = Field(min_length=1, max_length=36)
    seq: int = Field(ge=0, le=2**62)
    hash: str = Field(max_length=128)


class JournalBatchPayload(Strict):
    device_id: str = Field(min_length=1, max_length=36, description="the identity the batch was made under")
    entries: list[JournalWireEntry] = Field(min_length=1, max_length=JOURNAL_BATCH_MAX)
    continues: JournalLink | None = Field(default=None, description="only in the first batch under a new identity")


class JournalBatchOp(OpBase):
    type: Literal["journal.batch"]
    payload: JournalBatchPayload


# --- customer.create: a customer made at the till, online or offline (docs/customers.md) -----

# Country calling codes of the stores' countries: a national phone number ("090-1234-5678" in a
# Tokyo store) is written in E.164 with its store's code ("+819012345678").
CALLING_CODES: dict[str, str] = {"JP": "81", "DE": "49", "US": "1", "CH": "41", "AT": "43", "GB": "44", "FR": "33"}
E164_PATTERN = r"^\+[1-9][0-9]{6,14}$"
_E164 = re.compile(E164_PATTERN)
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")
# An address's local part: anything but "@", controls, spaces and <>,;" — spelled out rather than
# with \s, which Python's re and the JSON Schema (ECMA) regex of the document read differently
# (Python's also matches U+001C-1F and U+0085): one pattern must mean the same on both ends.
EMAIL_LOCAL = '[^@\\x00-\\x20\\x7f-\\x9f<>,;"\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]'
EMAIL_PATTERN = r"^" + EMAIL_LOCAL + r"{1,64}@(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
# The same, any case (what a person types; central's receipt e-mail route accepts it as typed),
# without the look-ahead (pydantic's regex engine has none: the field's max_length bounds it).
EMAIL_ANY_CASE_PATTERN = (
    r"^" + EMAIL_LOCAL + r"{1,64}@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_EMAIL = re.compile(EMAIL_PATTERN)
# What the op's fields accept (the JSON schema says the same): empty, or the normalised form.
PHONE_WIRE_PATTERN = r"^$|^\+[1-9][0-9]{6,14}$"
EMAIL_WIRE_PATTERN = r"^$|^" + EMAIL_LOCAL[:-1] + r"A-Z]{1,64}@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"


def normalise_email(raw: str) -> str:
    """An e-mail address as both ends store and compare it: trimmed, lower case ("" stays "").
    Raises ValueError with a sentence when it is not an address."""
    email = raw.strip().lower()
    if email and not _EMAIL.match(email):
        raise ValueError("That e-mail address is not complete: it looks like name@example.com.")
    return email


def normalise_phone(raw: str, country: str) -> str:
    """A phone number in E.164 ("+819012345678"; "" stays ""): spaces, dashes, dots and
    brackets dropped; a national number (leading 0) gets the store country's calling code.
    Raises ValueError with a sentence when it cannot be a phone number."""
    text = raw.strip()
    if not text:
        return ""
    if not _PHONE_CHARS.match(text):
        raise ValueError("A phone number has only digits (and + - ( ) spaces).")
    digits = re.sub(r"[^0-9]", "", text)
    if text.startswith("+"):
        number = "+" + digits
    elif text.startswith("00"):
        number = "+" + digits[2:]
    elif digits.startswith("0") and country in CALLING_CODES:
        number = "+" + CALLING_CODES[country] + digits[1:]
    else:
        raise ValueError("Give the phone number with its area code (starting with 0) or as +country code.")
    if not _E164.match(number):
        raise ValueError("That phone number is too short or too long.")
    return number


def customer_id_for(client_id: UUID) -> int:
    """A customer's id is the first 62 bits of the UUID its tablet (or the seed) made, so a
    customer created offline has its id at once and a sale can carry it before central has
    heard of the customer (docs/customers.md: why, and what a collision does)."""
    return (client_id.int >> 66) or 1


class CustomerCreatePayload(Strict):
    """A new customer: a name and at least one way to find them again (e-mail or phone), both
    already normalised (`normalise_email`, `normalise_phone`). Central makes the customer
    `customer_id_for(client_id)`, once whatever the retries. Every rule is in the JSON schema
    (patterns, and `anyOf` for "an e-mail or a phone"), so a schema-valid op is accepted."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "anyOf": [
                {"properties": {"email": {"minLength": 1}}, "required": ["email"]},
                {"properties": {"phone": {"minLength": 1}}, "required": ["phone"]},
            ]
        },
    )

    client_id: UUID = Field(description="made by the tablet; the customer's id is derived from it")
    name: str = Field(min_length=1, max_length=200, pattern=r"\S", description="not only spaces")
    kana: str = Field(default="", max_length=200, description="the reading (フリガナ), optional")
    email: str = Field(default="", max_length=254, pattern=EMAIL_WIRE_PATTERN, description="lower case, or empty")
    phone: str = Field(default="", max_length=16, pattern=PHONE_WIRE_PATTERN, description="E.164, e.g. +819012345678")
    store_id: int = Field(ge=1, le=2**31 - 1)
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    created_at: WireTime

    @model_validator(mode="after")
    def _findable(self) -> CustomerCreatePayload:
        if not self.email and not self.phone:
            raise ValueError("a customer needs an e-mail or a phone number")
        return self


class CustomerCreateOp(OpBase):
    type: Literal["customer.create"]
    payload: CustomerCreatePayload


class CustomerOut(Strict):
    """A customer as central's customer routes answer (`merged_into` never shown: an alias
    answers as the customer it was linked to)."""

    id: int
    name: str
    kana: str
    email: str
    phone: str
    group: str = Field(description='the customer group of price lists and promotions ("" = none)')
    created_at: WireTime


class CustomerList(Strict):
    customers: list[CustomerOut]
    more: bool = Field(description="more customers match than the page holds: type more")


# --- pickup.pick / .ready / .handover / .restock / .arrive: click-and-collect at the store -----
# (docs/pickups.md). Central decides each transition (central.pickups); a refused one comes back
# as a rejected op with a sentence the tablet shows ("already collected at 14:02 by till 2").

PickupId = Annotated[int, Field(ge=1, le=2**62, description="the pickup's id (the pickups stream's key)")]
StoreId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class PickupPickLine(Strict):
    line_no: int = Field(ge=1, le=1000)
    picked: int = Field(ge=0, le=9999, description="units found and scanned")
    missing: int = Field(ge=0, le=9999, description="units not found")


class PickupPickPayload(Strict):
    """Lines picked (each unit confirmed by a scan on the tablet) or marked missing, and where
    the bag is kept. new -> picking; a line may be picked again until the pickup is ready."""

    pickup_id: PickupId
    store_id: StoreId
    lines: list[PickupPickLine] = Field(min_length=1, max_length=1000)
    shelf: str = Field(default="", max_length=40, description="shelf or bin of the bag")
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    picked_at: WireTime


class PickupPickOp(OpBase):
    type: Literal["pickup.pick"]
    payload: PickupPickPayload


class PickupReadyPayload(Strict):
    """Every line is picked or missing and the bag is on its shelf: central e-mails the customer."""

    pickup_id: PickupId
    store_id: StoreId
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    ready_at: WireTime


class PickupReadyOp(OpBase):
    type: Literal["pickup.ready"]
    payload: PickupReadyPayload


class PickupHandoverLine(Strict):
    line_no: int = Field(ge=1, le=1000)
    quantity: int = Field(ge=0, le=9999, description="units handed over (0: the customer did not take it)")


class PickupHandoverPayload(Strict):
    """The bag handed over: to the customer or to someone else (their name recorded), which
    lines, how the order was found (the customer's QR, or the number and name with an ID check),
    and the sale that took the money of a pay-on-pickup order."""

    pickup_id: PickupId
    store_id: StoreId
    collected_by: Literal["customer", "someone_else"]
    collector_name: str = Field(default="", max_length=200, description="who collected, when not the customer")
    lines: list[PickupHandoverLine] = Field(min_length=1, max_length=1000)
    found_by: Literal["code", "search"]
    id_checked: bool = False
    sale_id: UUID | None = Field(default=None, description="the checkout sale of a pay-on-pickup order")
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    handed_over_at: WireTime


class PickupHandoverOp(OpBase):
    type: Literal["pickup.handover"]
    payload: PickupHandoverPayload


class PickupRestockPayload(Strict):
    """An expired pickup's bag is back on the sales floor (staff confirmed it on the tablet):
    central releases its reservation and records a paid order's refund."""

    pickup_id: PickupId
    store_id: StoreId
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    restocked_at: WireTime


class PickupRestockOp(OpBase):
    type: Literal["pickup.restock"]
    payload: PickupRestockPayload


class PickupArrivePayload(Strict):
    """The customer scanned their pickup code at the store's kiosk (verified there offline):
    central sets the pickup's arrived time and the staff tablets show them waiting."""

    pickup_id: PickupId
    store_id: StoreId
    arrived_at: WireTime


class PickupArriveOp(OpBase):
    type: Literal["pickup.arrive"]
    payload: PickupArrivePayload


# --- shift.close: a till's shift and its Z report (docs/shifts.md) --------------------------
# The whole shift travels in its close: the float, every cash movement, the count and the Z
# report, so central stores the day as the till printed it (GET /v1/shifts).


class ShiftMovement(Strict):
    kind: Literal["float", "paid_in", "paid_out", "drop", "no_sale"]
    amount: int = Field(ge=0, le=2**53, description="minor units; 0 for a no-sale")
    reason: str = Field(max_length=40)
    note: str = Field(default="", max_length=500)
    staff_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    approved_by: int | None = Field(default=None, ge=1, le=2**31 - 1)
    at: WireTime


class ShiftCountRow(Strict):
    denomination: int = Field(ge=1, le=10**9, description="minor units")
    pieces: int = Field(ge=0, le=99_999)


class ShiftClosePayload(Strict):
    """A closed shift: which till, its gapless Z number per till, who worked it, its cash
    movements, the blind count, and the Z report as printed (a JSON object, docs/shifts.md)."""

    shift_id: UUID = Field(description="made by the till when the shift opened")
    store_id: int = Field(ge=1, le=2**31 - 1)
    till: str = Field(min_length=1, max_length=40)
    number: int = Field(ge=1, le=2**62, description="the Z report's number, gapless per till")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    opened_at: WireTime
    closed_at: WireTime
    opened_by: int = Field(ge=1, le=2**31 - 1)
    closed_by: int = Field(ge=1, le=2**31 - 1)
    staff: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(max_length=200)
    movements: list[ShiftMovement] = Field(max_length=10_000)
    counts: list[ShiftCountRow] = Field(max_length=100)
    expected_cash: int = Field(ge=-(2**53), le=2**53)
    counted_cash: int = Field(ge=0, le=2**53)
    report: str = Field(
        max_length=1_000_000,
        description="the Z report as a JSON object (totals by tender, tax rate, category, staff …); text, so "
        "its hash and storage never depend on how a JSON library reads its numbers",
    )


class ShiftCloseOp(OpBase):
    type: Literal["shift.close"]
    payload: ShiftClosePayload


# --- order.create / order.decide / order.refund / shipment.ship: the endless aisle ----------
# (docs/endless-aisle.md). A ship line is paid in the sale (SaleLine.fulfilment "ship", no stock
# delta) and becomes a customer order on central through order.create, sent in the same local
# transaction right after the sale.complete. Central sources it (warehouse first, else the
# closest location with stock, split if the store allows), reserves the stock and mails the
# confirmation; what it cannot source comes back in the ship_orders stream as "unsourced" for
# staff to decide (order.decide); a cancel leaves a refund the selling store pays out
# (order.refund). A store that ships marks it shipped with shipment.ship.

FulfilmentId = Annotated[int, Field(ge=1, le=2**62, description="the fulfilment's id (the ship_orders stream's key)")]
OptionalStaffId = Annotated[int | None, Field(default=None, ge=1, le=2**31 - 1)]

# Carriers a shipment may name, with the customer's tracking page ({} = the tracking number).
CARRIERS: dict[str, str | None] = {
    "yamato": "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01={}",
    "sagawa": "https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo={}",
    "japanpost": "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={}&locale=ja",
    "dhl": "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={}",
    "dpd": "https://tracking.dpd.de/status/de_DE/parcel/{}",
    "hermes": "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation/#{}",
    "other": None,
}
Carrier = Literal["yamato", "sagawa", "japanpost", "dhl", "dpd", "hermes", "other"]
TRACKING_PATTERN = r"^[A-Za-z0-9-]{4,40}$"


def tracking_url(carrier: str | None, tracking: str | None) -> str | None:
    """The carrier's public tracking page for this parcel, or None (carrier "other" or unknown)."""
    template = CARRIERS.get(carrier or "")
    if template is None or not tracking:
        return None
    return template.format(tracking)


class Address(Strict):
    """A delivery address as typed, normalised by sync.address.normalise_address (central checks
    it again and refuses the op with that function's sentence, e.g. a JP postcode not NNN-NNNN).
    Only JP and DE: any other country is refused with a sentence."""

    country: str = Field(min_length=1, max_length=2, description="ISO 3166 alpha-2: JP or DE")
    postcode: str = Field(max_length=16, description="JP NNN-NNNN, DE five digits")
    region: str = Field(default="", max_length=40, description="JP: the prefecture (required); DE: the Land (optional)")
    city: str = Field(max_length=100)
    street: str = Field(max_length=200)
    building: str = Field(default="", max_length=200)
    recipient: str = Field(default="", max_length=200, description="empty: the contact's name")


class OrderContact(Strict):
    """Who to tell: normalised as customers are (sync.protocol.normalise_email / normalise_phone)."""

    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    email: str = Field(default="", max_length=254, pattern=EMAIL_WIRE_PATTERN, description="lower case, or empty")
    phone: str = Field(default="", max_length=16, pattern=PHONE_WIRE_PATTERN, description="E.164, or empty")


class HomeDestination(Strict):
    kind: Literal["home"]
    address: Address


class StoreDestination(Strict):
    """Ship to a store; delivered there it becomes a pickup (docs/pickups.md) at that store."""

    kind: Literal["store"]
    store_id: StoreId


Destination = Annotated[HomeDestination | StoreDestination, Field(discriminator="kind")]


class OrderDelivery(Strict):
    option: str = Field(min_length=1, max_length=40, description="delivery_options.id")
    fee: Minor = Field(description="the fee the tablet charged (central flags a difference, never refuses)")
    fee_line_id: str | None = Field(default=None, max_length=64, description="the sale's fee line (None: no fee line)")


class OrderLineRef(Strict):
    line_id: str = Field(min_length=1, max_length=64, description="the sale's line (fulfilment ship)")
    variant_id: int = Field(ge=1, le=2**31 - 1)
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=9999)


class OrderCreatePayload(Strict):
    """The ship lines of a sale as a customer order: central sources, reserves and mails. Once per
    order_id whatever the retries."""

    order_id: UUID = Field(description="made by the tablet: the customer order's client id (idempotency)")
    sale_id: UUID = Field(description="the sale that paid it (its sale.complete is before this op)")
    store_id: StoreId
    staff_id: OptionalStaffId
    customer_id: int = Field(ge=1, le=2**62)
    created_at: WireTime
    language: Literal["ja", "en", "de"]
    contact: OrderContact
    destination: Destination
    delivery: OrderDelivery
    lines: list[OrderLineRef] = Field(min_length=1, max_length=1000)


class OrderCreateOp(OpBase):
    type: Literal["order.create"]
    payload: OrderCreatePayload


class OrderDecidePayload(Strict):
    """Staff's choice for an unsourced ship fulfilment: ship it from `location_id` (choice
    "source"), wait for stock (central's job retries), or cancel it (its lines' amount becomes a
    refund due from the store that sold it)."""

    fulfilment_id: FulfilmentId
    store_id: StoreId
    staff_id: OptionalStaffId
    choice: Literal["source", "wait", "cancel"]
    location_id: int | None = Field(default=None, ge=1, le=2**31 - 1, description='required for "source"')
    decided_at: WireTime


class OrderDecideOp(OpBase):
    type: Literal["order.decide"]
    payload: OrderDecidePayload


class OrderRefundPayload(Strict):
    """The refund of a cancelled ship fulfilment, paid out at the till (cash, or a referenced
    card refund through PaymentService.refund)."""

    fulfilment_id: FulfilmentId
    store_id: StoreId
    staff_id: OptionalStaffId
    amount: int = Field(ge=1, le=10**13, description="minor units")
    tender: Literal["cash", "card"]
    reference: str | None = Field(default=None, max_length=100, description="the card refund's reference")
    refunded_at: WireTime


class OrderRefundOp(OpBase):
    type: Literal["order.refund"]
    payload: OrderRefundPayload


class OrderRefusedRefundPayload(Strict):
    """The money of an endless-aisle order central refused (its order.create was rejected, so
    nothing ships) paid back at the till that sold it: cash, or a referenced card refund. The
    order is the tablet's `order_id`, its sale the sale that paid it; central records it and
    refuses more than the sale charged for the order's lines and fee."""

    order_id: UUID
    sale_id: UUID
    store_id: StoreId
    staff_id: OptionalStaffId
    amount: int = Field(ge=1, le=10**13, description="minor units")
    tender: Literal["cash", "card"]
    reference: str | None = Field(default=None, max_length=100, description="the card refund's reference")
    refunded_at: WireTime


class OrderRefusedRefundOp(OpBase):
    type: Literal["order.refund_refused"]
    payload: OrderRefusedRefundPayload


class ShipmentShipPayload(Strict):
    """Ship-from-store: the parcel left with a carrier (the customer gets the shipped e-mail)."""

    fulfilment_id: FulfilmentId
    store_id: StoreId
    staff_id: OptionalStaffId
    carrier: Carrier
    tracking: str = Field(pattern=TRACKING_PATTERN, description="4-40 letters, digits or -")
    shipped_at: WireTime


class ShipmentShipOp(OpBase):
    type: Literal["shipment.ship"]
    payload: ShipmentShipPayload


# --- stored value: gift-card loads and their voids, and the accounts API (docs/loyalty.md) ---
# A gift card is activated by its first load (sold at a till) and topped up by later ones; the
# customer paid for the load in cash or by card. A load paid and then voided takes the amount
# back off the card (refused with one sentence when the card was spent meanwhile).

CARD_NO_PATTERN = r"^GC[0-9]{11}$"


class GiftCardLoadPayload(Strict):
    load_id: UUID = Field(description="made by the till; the ledger entry's reference topup:<load_id>")
    card_no: str = Field(pattern=CARD_NO_PATTERN, description="GC + 10 digits + the Damm check digit")
    store_id: StoreId
    staff_id: int = Field(ge=1, le=2**31 - 1)
    amount: int = Field(ge=1, le=10**9)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    tender: Literal["cash", "card"]
    tender_reference: str | None = Field(default=None, max_length=100)
    loaded_at: WireTime


class GiftCardLoadOp(OpBase):
    type: Literal["giftcard.load"]
    payload: GiftCardLoadPayload


class GiftCardVoidPayload(Strict):
    load_id: UUID = Field(description="the load being voided")
    card_no: str = Field(pattern=CARD_NO_PATTERN)
    store_id: StoreId
    staff_id: int = Field(ge=1, le=2**31 - 1)
    amount: int = Field(ge=1, le=10**9)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    voided_at: WireTime


class GiftCardVoidOp(OpBase):
    type: Literal["giftcard.void"]
    payload: GiftCardVoidPayload


class CreditBalance(Strict):
    currency: str
    balance: int


class CustomerAccounts(Strict):
    """A customer's stored value as central has it now (GET /v1/accounts/customers/{id})."""

    customer_id: int
    points: int
    tier: str = Field(description="the tier's code, '' = none")
    tier_name: str
    benefits: str
    multiplier: str
    credit: list[CreditBalance]
    redeem_value: int = Field(description="minor units 100 points buy in the caller's store (channel: 0)")


class GiftCardView(Strict):
    number: str
    currency: str
    balance: int
    status: Literal["inactive", "active", "blocked"]


class SpendRequest(Strict):
    """Spend stored value now (a till's tender, online): idempotent by `spend_id`. The sale's
    `sale.complete` later carries the same spend id in its tender's reference."""

    spend_id: UUID
    sale_id: UUID
    kind: Literal["credit", "gift"]
    customer_id: int | None = Field(default=None, ge=1, le=2**62)
    card_no: str | None = Field(default=None, max_length=40)
    amount: int = Field(ge=1, le=10**9)
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class SpendResult(Strict):
    spend_id: str
    balance: int = Field(description="what is left on the account")


class LedgerLine(Strict):
    at: WireTime
    amount: int
    balance_after: int
    reason: str
    ref: str
# --- return.complete: a return taken back at a till (docs/returns.md) ----------------------------


class ReturnLineIn(Strict):
    """A line taken back: its units by grade (a wrong item is not taken back and not sent)."""

    line_id: str = Field(min_length=1, max_length=64, description="the sale line's id")
    variant_id: int = Field(ge=1, le=2**31 - 1)
    sku: str = Field(min_length=1, max_length=64)
    resellable: int = Field(ge=0, le=9999, description="units back on this store's shelf")
    damaged: int = Field(ge=0, le=9999, description="units to the store's quarantine location")
    amount: Minor = Field(description="what these units paid, given back")


class ReturnRefundOut(Strict):
    type: TenderKind
    amount: int = Field(ge=1, le=10**13)
    reference: str = Field(default="", max_length=100, description="the sale's card transaction (card)")
    state: Literal["paid", "queued"] = Field(description='"queued": a card refund the terminal could not make yet')


class ReturnCompletePayload(Strict):
    return_id: UUID = Field(description="made by the till when the return opened")
    kind: Literal["authorized", "receipt", "no_receipt"]
    authorization_id: UUID | None = Field(default=None, description="the return authorization (its code)")
    sale_id: UUID | None = Field(default=None, description="the sale (None without a receipt)")
    store_id: StoreId
    staff_id: OptionalStaffId
    approved_by: int | None = Field(default=None, ge=1, le=2**31 - 1, description="the manager (no receipt)")
    customer_id: int | None = Field(default=None, ge=1, le=2**62)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    reason: str = Field(default="", max_length=40)
    completed_at: WireTime
    exchange_sale_id: UUID | None = Field(
        default=None,
        description="an exchange: the sale made in the same basket, whose `exchange` tender is this return's "
        "`exchange` refund (sent before this op, in the same device transaction)",
    )
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=200)
    refunds: list[ReturnRefundOut] = Field(max_length=20)


class ReturnCompleteOp(OpBase):
    type: Literal["return.complete"]
    payload: ReturnCompletePayload


class ReturnRefundPayload(Strict):
    """A card refund of a return that was queued (the terminal could not make it then) made now."""

    return_id: UUID
    store_id: StoreId
    staff_id: OptionalStaffId
    amount: int = Field(ge=1, le=10**13)
    reference: str = Field(min_length=1, max_length=100, description="the sale's card transaction")
    refunded_at: WireTime


class ReturnRefundOp(OpBase):
    type: Literal["return.refund"]
    payload: ReturnRefundPayload


# One wire model per op type, keyed by its `type`. A new op type is a payload, an `OpBase`
# subclass with its `type` literal and a line here (plus central's handler module and the
# device's on-done hooks, each in their own registry).
OP_TYPES: dict[str, type[OpBase]] = {
    "stock.adjust": StockAdjustOp,
    "sale.complete": SaleCompleteOp,
    "journal.batch": JournalBatchOp,
    "customer.create": CustomerCreateOp,
    "pickup.pick": PickupPickOp,
    "pickup.ready": PickupReadyOp,
    "pickup.handover": PickupHandoverOp,
    "pickup.restock": PickupRestockOp,
    "pickup.arrive": PickupArriveOp,
    "shift.close": ShiftCloseOp,
    "order.create": OrderCreateOp,
    "order.decide": OrderDecideOp,
    "order.refund": OrderRefundOp,
    "shipment.ship": ShipmentShipOp,
    "order.refund_refused": OrderRefusedRefundOp,
    "giftcard.load": GiftCardLoadOp,
    "giftcard.void": GiftCardVoidOp,
    "return.complete": ReturnCompleteOp,
    "return.refund": ReturnRefundOp,
}

Op = Annotated[
    StockAdjustOp
    | SaleCompleteOp
    | JournalBatchOp
    | CustomerCreateOp
    | PickupPickOp
    | PickupReadyOp
    | PickupHandoverOp
    | PickupRestockOp
    | PickupArriveOp
    | ShiftCloseOp
    | OrderCreateOp
    | OrderDecideOp
    | OrderRefundOp
    | ShipmentShipOp
    | OrderRefusedRefundOp
    | GiftCardLoadOp
    | GiftCardVoidOp
    | ReturnCompleteOp
    | ReturnRefundOp,
    Field(discriminator="type"),
]
OP_ADAPTER: TypeAdapter[Op] = TypeAdapter(Op)

MAX_PUSH_OPS = 200


class PushRequest(Strict):
    """Ops in device order; central applies each in its own transaction and answers per op."""

    ops: list[Op] = Field(min_length=1, max_length=MAX_PUSH_OPS)


OpStatus = Literal["applied", "replayed", "rejected", "failed", "skipped"]


class OpOutcome(Strict):
    """What became of one op of a push.

    - applied / replayed: done (a replay answers from the stored result); remove it locally.
    - rejected: a deterministic failure (`code` 4xx, 409 for an op_id reused with another body);
      sending it again unchanged will fail again: dead-letter it.
    - failed: central could not apply it now (`code` 5xx); retry later.
    - skipped: not tried because an earlier op of the push failed; send it again after that one.
    """

    op_id: str
    status: OpStatus
    code: int = Field(ge=100, le=599)
    result: dict[str, Any] | None = None
    detail: str | None = None


class PushResponse(Strict):
    results: list[OpOutcome]
    # device_seq values central expected but never saw (reported once, when first noticed)
    gaps: list[int] = Field(default_factory=list)


class LiveStockRow(Strict):
    location_id: int
    location_code: str
    variant_id: int
    on_hand: int
    reserved: int
    available: int


class LiveStock(Strict):
    as_of: WireTime
    rows: list[LiveStockRow]


class ChannelAdjustment(Strict):
    reference: str = Field(min_length=1, max_length=100, description="idempotency key")
    location_code: str = Field(min_length=1, max_length=32)
    sku: str = Field(min_length=1, max_length=64)
    delta: int = Field(ge=-100000, le=100000, description="never 0", json_schema_extra={"not": {"const": 0}})
    reason: str = Field(min_length=1, max_length=200)

    @field_validator("delta")
    @classmethod
    def _not_zero(cls, v: int) -> int:
        if v == 0:
            raise ValueError("an adjustment of 0 changes nothing")
        return v


class ChannelAdjustmentResult(Strict):
    reference: str
    location_code: str
    sku: str
    on_hand: int
    available: int
    seq: int


class Problem(Strict):
    detail: str
