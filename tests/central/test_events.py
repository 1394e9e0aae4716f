"""Live updates (DESIGN.md section 3): "poke, then pull" over server-sent events, against the
real server (uvicorn on loopback), read with httpx streaming and timeouts."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central import cli
from central.db import Database
from central.models import ChangeLog
from sync.protocol import Poke
from tests.central.helpers import Enrolled, channel_token, enrol, stocked_variant
from tests.support.servers import run_central

KEEPALIVE = 0.3


@dataclass(frozen=True)
class Event:
    name: str  # "" for a comment (keepalive)
    data: dict[str, object]


class EventReader:
    """Reads one device's /v1/events on a thread; events arrive on a queue."""

    def __init__(self, client: httpx.Client, device: Enrolled) -> None:
        self.events: queue.Queue[Event | BaseException] = queue.Queue()
        self.keepalives = 0
        self._response_cm = client.stream("GET", "/v1/events", headers=device.headers, timeout=httpx.Timeout(5.0))
        self.response = self._response_cm.__enter__()
        assert self.response.status_code == 200
        assert self.response.headers["content-type"].startswith("text/event-stream")
        assert self.response.headers["cache-control"] == "no-store"
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        name, data = "", b""
        try:
            for line in self.response.iter_lines():
                if line.startswith(":"):
                    self.keepalives += 1
                    self.events.put(Event("", {}))
                elif line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    data = line.removeprefix("data: ").encode()
                elif line == "" and name:
                    assert name in ("hello", "poke"), name  # the events the OpenAPI document names
                    Poke.model_validate_json(data)  # their data is the documented Poke, strictly
                    self.events.put(Event(name, orjson.loads(data)))
                    name, data = "", b""
        except (httpx.StreamClosed, httpx.ReadError, httpx.RemoteProtocolError):
            pass
        except BaseException as e:  # shown by next()
            self.events.put(e)

    def next(self, name: str, within: float) -> Event | None:
        """The next event called `name` within `within` seconds (other events are skipped)."""
        deadline = time.monotonic() + within
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                return None
            if isinstance(event, BaseException):
                raise event
            if event.name == name:
                return event
        return None

    def close(self) -> None:
        self._response_cm.__exit__(None, None, None)
        self._thread.join(5)


@contextlib.contextmanager
def serving(db: Database, watch: float) -> Iterator[httpx.Client]:
    with run_central(db, keepalive=KEEPALIVE, watch=watch) as url, httpx.Client(base_url=url, timeout=10) as client:
        yield client


@pytest.fixture
def central(backend: Database) -> Iterator[httpx.Client]:
    # The change watcher pokes every device when the log grows behind the server's back; here it
    # is slowed down so that it cannot poke (everyone) in the tests of who gets poked.
    with serving(backend, watch=60) as client:
        yield client


@contextlib.contextmanager
def listening(client: httpx.Client, *devices: Enrolled) -> Iterator[list[EventReader]]:
    readers = [EventReader(client, d) for d in devices]
    try:
        for reader in readers:
            assert reader.next("hello", 5) is not None
        yield readers
    finally:
        for reader in readers:
            reader.close()


def high_water(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0


def test_once_returns_just_the_hello_event(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    r = api.get("/v1/events", headers=device.headers, params={"once": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert r.text == 'event: hello\ndata: {"seq":0}\n\n'


def test_the_openapi_document_describes_the_events_it_sends(api: TestClient, backend: Database) -> None:
    doc = api.get("/openapi.json").json()
    content = doc["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]["text/event-stream"]
    item = content["itemSchema"]
    assert item["properties"]["event"]["enum"] == ["hello", "poke"]
    data = item["properties"]["data"]
    assert data["contentMediaType"] == "application/json"
    poke = doc["components"]["schemas"][data["contentSchema"]["$ref"].rsplit("/", 1)[1]]
    assert poke["required"] == ["seq"] and set(poke["properties"]) == {"seq", "streams"}
    assert poke["additionalProperties"] is False
    assert poke["properties"]["seq"] == {"minimum": 0, "title": "Seq", "type": "integer"}
    device = enrol(api, backend)
    hello = api.get("/v1/events", headers=device.headers, params={"once": "true"}).text
    assert hello.startswith("event: hello\ndata: ")
    Poke.model_validate_json(hello.split("data: ", 1)[1].strip())
    # The example in the document is what a reader of the stream will meet.
    for chunk in content["example"].strip().split("\n\n"):
        name, payload = chunk.split("\n")
        assert name.removeprefix("event: ") in ("hello", "poke")
        Poke.model_validate_json(payload.removeprefix("data: "))


def test_a_channel_adjustment_pokes_the_devices_that_can_see_it(central: httpx.Client, backend: Database) -> None:
    tky01, tky02, ber01 = (enrol(central, backend, code) for code in ("TKY01", "TKY02", "BER01"))
    _, sku, _ = stocked_variant(backend, tky01.store_id)
    webshop = channel_token(backend)
    with listening(central, tky01, tky02, ber01) as (own, nearby, elsewhere):
        r = central.post(
            "/v1/channel/adjustments",
            headers=webshop,
            json={"reference": "w-1", "location_code": "TKY01", "sku": sku, "delta": -1, "reason": "web order"},
        )
        assert r.status_code == 200
        seq = r.json()["seq"]
        for reader in (own, nearby):  # TKY02 caches TKY01's stock: it is poked too
            poke = reader.next("poke", 5)
            assert poke is not None and poke.data == {"seq": seq, "streams": ["stock"]}  # pull stock only
        # Berlin cannot see Tokyo's stock: keepalives only, no poke.
        assert elsewhere.next("poke", 4 * KEEPALIVE) is None
        assert elsewhere.keepalives >= 2  # the stream was alive all along

    # Poke, then pull: the poked device's pull brings the change.
    page = central.get("/v1/sync/stock/changes", headers=tky01.headers, params={"after": seq - 1}).json()
    assert [c["seq"] for c in page["changes"]] == [seq]


def test_hello_carries_the_newest_sequence_and_keepalives_flow(central: httpx.Client, backend: Database) -> None:
    device = enrol(central, backend)
    webshop = channel_token(backend)
    _, sku, _ = stocked_variant(backend, device.store_id)
    body = {"reference": "w-2", "location_code": "TKY01", "sku": sku, "delta": 2, "reason": "return"}
    assert central.post("/v1/channel/adjustments", headers=webshop, json=body).status_code == 200
    reader = EventReader(central, device)
    try:
        hello = reader.next("hello", 5)
        assert hello is not None and hello.data == {"seq": high_water(backend)} != {"seq": 0}
        assert reader.next("", 5 * KEEPALIVE) == Event("", {})  # a keepalive comment
    finally:
        reader.close()


def test_a_change_made_outside_the_server_pokes_through_the_watcher(backend: Database) -> None:
    """`central adjust` writes the database directly; the server notices the log grew."""
    with serving(backend, watch=0.2) as central:
        device = enrol(central, backend)
        _, sku, _ = stocked_variant(backend, device.store_id)
        with listening(central, device) as (reader,):
            assert cli.main(["--db", backend.url, "adjust", "--location", "TKY01", "--sku", sku, "--delta", "3"]) == 0
            poke = reader.next("poke", 5)
    assert poke is not None and poke.data == {"seq": high_water(backend), "streams": ["stock"]}


def test_the_watcher_is_not_fooled_by_a_newer_poke_of_the_server(backend: Database) -> None:
    """A price written outside the server, then at once a stock adjustment through it: the
    server's own poke (newer, naming stock only) must not hide the price from the watcher."""
    from central.changes import set_price
    from central.models import PriceList

    with serving(backend, watch=1.0) as central:
        device = enrol(central, backend)
        _, sku, _ = stocked_variant(backend, device.store_id)
        webshop = channel_token(backend)
        with backend.session() as s:
            jpy = s.scalar(select(PriceList.id).where(PriceList.currency == "JPY", PriceList.store_id.is_(None)))
            variant = stocked_variant(backend, device.store_id)[0]
        with listening(central, device) as (reader,):
            with backend.transaction() as s:  # as `central` CLI or another worker would
                set_price(s, jpy, variant, 4321)  # type: ignore[arg-type]
            body = {"reference": "w-9", "location_code": "TKY01", "sku": sku, "delta": -1, "reason": "web order"}
            assert central.post("/v1/channel/adjustments", headers=webshop, json=body).status_code == 200
            named: set[str] = set()
            deadline = time.monotonic() + 4
            while "prices" not in named and (left := deadline - time.monotonic()) > 0:
                poke = reader.next("poke", left)
                if poke is not None:
                    named.update(poke.data.get("streams", ["(all)"]))  # type: ignore[arg-type]
    assert {"stock", "prices"} <= named


def test_open_event_streams_do_not_hold_database_connections(central: httpx.Client, backend: Database) -> None:
    """Every tablet keeps /v1/events open for hours: a stream must not pin a pooled connection,
    or the 31st tablet would starve the API (pool 10 + overflow 20 on PostgreSQL)."""
    device = enrol(central, backend)
    pool = backend.engine.pool
    with contextlib.ExitStack() as stack:
        for _ in range(40):
            r = stack.enter_context(central.stream("GET", "/v1/events", headers=device.headers))
            assert r.status_code == 200
            assert next(r.iter_lines()).startswith("event: hello")
        started = time.monotonic()
        assert central.get("/v1/device", headers=device.headers).status_code == 200
        assert central.get("/v1/sync/stock/changes", headers=device.headers).status_code == 200
        assert time.monotonic() - started < 5
        assert pool.checkedout() <= 1  # type: ignore[attr-defined]


def test_pokes_waiting_for_a_slow_reader_merge_into_one() -> None:
    """A device that has not read its poke yet gets one, with the newest sequence and every
    stream named since; a poke that names none ("anything may have changed") wins."""
    from central.feeds import Scope
    from central.hub import Poke, Subscriber

    sub = Subscriber(Scope(store_id=1, stock_locations=(1, 2), price_lists=(5,)))
    assert sub.wanted((("stock", 2), ("prices", 9))) == frozenset({"stock"})  # 9: another store's price list
    assert sub.wanted((("stock", 7),)) == frozenset()
    sub.offer(10, frozenset({"stock"}))
    sub.offer(12, frozenset({"prices"}))
    assert sub.queue.get_nowait() == Poke(12, frozenset({"stock", "prices"}))
    sub.offer(13, frozenset({"stock"}))
    sub.offer(14, None)
    assert sub.queue.get_nowait().payload() == {"seq": 14}


def test_the_watcher_does_not_poke_again_for_what_the_server_poked_for(backend: Database) -> None:
    with serving(backend, watch=0.2) as central:
        device = enrol(central, backend)
        _, sku, _ = stocked_variant(backend, device.store_id)
        webshop = channel_token(backend)
        with listening(central, device) as (reader,):
            body = {"reference": "w-10", "location_code": "TKY01", "sku": sku, "delta": 1, "reason": "return"}
            assert central.post("/v1/channel/adjustments", headers=webshop, json=body).status_code == 200
            assert reader.next("poke", 5) is not None
            assert reader.next("poke", 1.0) is None  # five watcher ticks: nothing new from outside
