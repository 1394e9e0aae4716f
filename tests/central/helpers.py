"""Small helpers shared by central's tests: enrol a device, issue a channel token, read a snapshot."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.cli import issue_enroll_code
from central.db import Database
from central.models import ChangeLog, ChannelClient, Location, Stock, StockMovement, Variant
from central.security import digest, new_token
from sync.protocol import SnapshotHeader, SnapshotTrailer

Client = TestClient | httpx.Client


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    token: str
    store_id: int
    store_code: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def enrol(client: Client, db: Database, store: str = "TKY01", name: str = "till") -> Enrolled:
    code = issue_enroll_code(db, store, 10)
    r = client.post("/v1/enroll", json={"code": code, "device_name": name})
    assert r.status_code == 201, r.text
    body = r.json()
    return Enrolled(body["device_id"], body["token"], body["store_id"], body["store_code"])


def channel_token(db: Database, name: str = "webshop") -> dict[str, str]:
    """What `central channel-token --name NAME` does: a new token, only its digest stored."""
    token = new_token()
    with db.transaction() as s:
        s.add(ChannelClient(name=name, token_hash=digest(token)))
    return {"Authorization": f"Bearer {token}"}


def location_id(db: Database, code: str) -> int:
    with db.session() as s:
        value = s.scalar(select(Location.id).where(Location.code == code))
    assert value is not None, code
    return value


def stocked_variant(db: Database, location: int) -> tuple[int, str, int]:
    """(variant id, sku, on hand) of a variant the location holds some of."""
    with db.session() as s:
        row = s.execute(
            select(Variant.id, Variant.sku, Stock.on_hand)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.location_id == location, Stock.on_hand > 0)
            .order_by(Variant.id)
            .limit(1)
        ).one()
    return row[0], row[1], row[2]


def on_hand(db: Database, location: int, variant: int) -> int | None:
    with db.session() as s:
        stock = s.get(Stock, (location, variant))
        return None if stock is None else stock.on_hand


def count_movements(db: Database, **where: Any) -> int:
    with db.session() as s:
        q = select(func.count()).select_from(StockMovement).filter_by(**where)
        return s.scalar(q) or 0


def count_changes(db: Database, stream: str) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.stream == stream)) or 0


@dataclass(frozen=True)
class Snapshot:
    raw: bytes  # the bytes on the wire (gzip)
    header: SnapshotHeader
    lines: list[bytes]  # one JSON array per row, without the newline
    trailer: SnapshotTrailer

    @property
    def rows(self) -> list[list[Any]]:
        return [orjson.loads(line) for line in self.lines]


def snapshot(client: Client, headers: dict[str, str], stream: str, after_key: list[Any] | None = None) -> Snapshot:
    """GET a snapshot and take it apart, from the raw (still compressed) bytes."""
    params = {} if after_key is None else {"after_key": orjson.dumps(after_key).decode()}
    with client.stream("GET", f"/v1/sync/{stream}/snapshot", headers=headers, params=params) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("application/x-ndjson")
        assert r.headers["content-encoding"] == "gzip"
        raw = b"".join(r.iter_raw())
    body = gzip.decompress(raw)
    assert body.endswith(b"\n")
    lines = body[:-1].split(b"\n")
    header = SnapshotHeader.model_validate_json(lines[0])
    trailer = SnapshotTrailer.model_validate_json(lines[-1])
    return Snapshot(raw, header, lines[1:-1], trailer)
