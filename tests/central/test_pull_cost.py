"""Central's work per poked tablet: a change page is three statements (the device by its token,
the epoch with the high water, the changes) once the store's scope is cached, and the device is
still read on every request, so a revocation counts at the very next page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from central.db import Database
from central.models import Device, Meta
from sync.protocol import ChangePage
from tests.central.helpers import enrol


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        seen.append(sql)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_a_change_page_is_three_statements_and_a_revocation_counts_at_once(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    first = api.get("/v1/sync/stock/changes", params={"after": 0, "limit": 5}, headers=device.headers)
    assert first.status_code == 200, first.text
    page = ChangePage.model_validate_json(first.content)  # the wire model, exactly
    with statements(backend) as seen:
        again = api.get("/v1/sync/stock/changes", params={"after": page.next}, headers=device.headers)
    assert again.status_code == 200 and again.headers["content-type"] == "application/json"
    assert ChangePage.model_validate_json(again.content).after == page.next
    queries = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 3, queries

    with backend.transaction() as s:
        s.get_one(Device, device.device_id).revoked_at = datetime.now(UTC)
    refused = api.get("/v1/sync/stock/changes", params={"after": page.next}, headers=device.headers)
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]


def test_a_reseed_is_seen_by_the_next_page(api: TestClient, backend: Database) -> None:
    """The epoch is read with every page, never cached: a new one (a reseed by the CLI, another
    process) reaches the tablet with its next pull, which then downloads again."""
    device = enrol(api, backend)
    before = ChangePage.model_validate_json(api.get("/v1/sync/stock/changes", headers=device.headers).content)
    with backend.transaction() as s:
        s.get_one(Meta, "epoch").value = "reseeded"
    after = ChangePage.model_validate_json(api.get("/v1/sync/stock/changes", headers=device.headers).content)
    assert before.epoch != "reseeded" and after.epoch == "reseeded"
