"""Wire models of the Aisle sync protocol, shared by central and the store app.

Download side: every authoritative change is appended to central's change log with a global
sequence number. A stream is one kind of row (catalog, prices, stock, ...); each row travels as a
JSON array in the column order of its `StreamSpec`. A device pulls `after=<cursor>` page by page;
each page says the epoch of the log it came from. Bootstrap is a gzip NDJSON snapshot (header
line, rows, trailer line) that carries the high-water sequence it is consistent with.

Upload side: the device's outbox sends one `Op` at a time; central stores `op_id` with its result
so a replay is answered from the record.

Integrity: `row_hash` is the CRC-32 of the canonical row bytes; a stream's checksum is the
row count plus the sum of row hashes, which does not depend on row order.
"""

from __future__ import annotations

import itertools
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Literal
from uuid import UUID

import orjson
from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MAX_PAGE = 5000
DEFAULT_PAGE = 1000
SNAPSHOT_MEDIA_TYPE = "application/x-ndjson"

Scalar = int | str | None


@dataclass(frozen=True)
class StreamSpec:
    name: str
    columns: tuple[str, ...]
    types: tuple[type, ...]  # int or str; None is allowed where nullable
    nullable: frozenset[str]
    key: tuple[str, ...]

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


def _spec(name: str, cols: list[tuple[str, type, bool]], key: tuple[str, ...]) -> StreamSpec:
    return StreamSpec(
        name=name,
        columns=tuple(c for c, _, _ in cols),
        types=tuple(t for _, t, _ in cols),
        nullable=frozenset(c for c, _, n in cols if n),
        key=key,
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
    ]
}

# Order a fresh device bootstraps in: small reference data first so the UI can show a store.
BOOTSTRAP_ORDER = ("locations", "tax", "staff", "catalog", "prices", "stock")


def dump_row(row: list[Scalar]) -> bytes:
    return orjson.dumps(row)


def row_hash(row_bytes: bytes) -> int:
    """CRC-32 of the canonical row bytes: it finds divergence (a missed or stale row), which
    is all a checksum here is for; it is not a defence against forgery."""
    return zlib.crc32(row_bytes)


CHECKSUM_MOD = 2**64


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Health(Strict):
    status: Literal["ok"]
    time: datetime
    epoch: str
    protocol: int = PROTOCOL_VERSION


class EnrollRequest(Strict):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(default="tablet", min_length=1, max_length=80)


class EnrollResponse(Strict):
    device_id: str
    token: str
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


class StockAdjustPayload(Strict):
    variant_id: int = Field(ge=1, le=2**31)
    location_id: int = Field(ge=1, le=2**31)
    delta: int = Field(ge=-9999, le=9999)
    reason: Literal["found", "damaged", "theft", "miscount", "other"]
    note: str = Field(default="", max_length=500)
    staff_id: int | None = Field(default=None, ge=1, le=2**31)
    recorded_at: datetime


class Op(Strict):
    """One outbox operation. New operation types join as a union discriminated by `type`."""

    op_id: UUID
    device_seq: int = Field(ge=1, le=2**62)
    type: Literal["stock.adjust"]
    payload: StockAdjustPayload


class OpResult(Strict):
    op_id: str
    status: Literal["applied", "replayed"]
    result: dict[str, Any]


class LiveStockRow(Strict):
    location_id: int
    location_code: str
    variant_id: int
    on_hand: int
    reserved: int
    available: int


class LiveStock(Strict):
    as_of: datetime
    rows: list[LiveStockRow]


class ChannelAdjustment(Strict):
    reference: str = Field(min_length=1, max_length=100, description="idempotency key")
    location_code: str = Field(min_length=1, max_length=32)
    sku: str = Field(min_length=1, max_length=64)
    delta: int = Field(ge=-100000, le=100000)
    reason: str = Field(min_length=1, max_length=200)


class ChannelAdjustmentResult(Strict):
    reference: str
    location_code: str
    sku: str
    on_hand: int
    available: int
    seq: int


class Problem(Strict):
    detail: str
