"""The engine's threads: stop() during a long bootstrap and during a blocked live read, start()
again afterwards, wait_idle(), and a full download again through the engine."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from pos_app.services.app import Device
from tests.support.tablet import a_stocked_variant, engine_through, enqueue_correction

Forward = Callable[[httpx.Request], httpx.Response]


def slow_catalog(request: httpx.Request, forward: Forward) -> httpx.Response:
    """The catalog snapshot trickles in: a long bootstrap."""
    response = forward(request)
    if not request.url.path.endswith("/catalog/snapshot"):
        return response
    body = response.read()
    response.close()

    class Slow(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for i in range(0, len(body), 4096):
                time.sleep(0.005)
                yield body[i : i + 4096]

    return httpx.Response(200, headers={"Content-Type": "application/x-ndjson"}, stream=Slow())


def wait_for(cond: Callable[[], bool], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not cond():
        assert time.monotonic() < deadline, "condition never held"
        time.sleep(0.02)


def test_stop_and_start_during_a_bootstrap(enrolled: Path) -> None:
    device = Device(enrolled)
    engine = engine_through(device, slow_catalog, batch_rows=200)
    engine.start(live=False)
    wait_for(lambda: device.store.stream_state("catalog").bootstrap_rows >= 400)
    began = time.monotonic()
    assert engine.stop(5.0) is True
    assert time.monotonic() - began < 2.0
    assert not any(t.name == "aisle-sync" and t.is_alive() for t in threading.enumerate())
    state = device.store.stream_state("catalog")
    assert not state.bootstrapped and state.bootstrap_rows >= 400  # kept; resumed by the next start
    assert engine.status.bootstrapping is False

    engine.start(live=False)
    wait_for(lambda: device.store.stream_state("stock").bootstrapped, within=60)
    assert engine.wait_idle(30)
    assert engine.stop(5.0) is True
    assert engine.verify("catalog") is True
    engine.client.close()
    device.close()


def test_stop_and_start_during_a_blocked_live_read(device: Device) -> None:
    engine = device.engine
    engine.keepalive_seconds = 30.0  # the live read blocks for up to a minute
    engine.poll_seconds = engine.live_poll_seconds = 600
    for _ in range(2):
        engine.start(live=True)
        wait_for(lambda: engine.status.live)
        assert engine.wait_idle(10)
        time.sleep(0.2)  # the listener is blocked reading the event stream now
        began = time.monotonic()
        assert engine.stop(5.0) is True
        assert time.monotonic() - began < 2.0
        assert not any(t.name in ("aisle-sync", "aisle-live") and t.is_alive() for t in threading.enumerate())
        assert engine.status.live is False


def test_wait_idle_after_a_kick_sees_the_cycle_done(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    device.engine.poll_seconds = 600
    device.engine.start(live=False)
    assert device.engine.wait_idle(10)
    enqueue_correction(device, vid, 1)
    device.engine.kick()
    assert device.engine.wait_idle(10)
    assert device.store.outbox_counts() == (0, 0, 0)
    assert device.engine.stop()


def test_redownload_pushes_first_and_swaps_every_stream_in(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    enqueue_correction(device, vid, 1)
    seen: list[tuple[str, int]] = []
    engine = device.engine

    def during(event: object) -> None:  # the old rows stay readable while the new copy downloads
        stale = getattr(event, "stale_streams", ())
        if "catalog" in stale:
            seen.append(("catalog", device.store.query("SELECT count(*) FROM catalog")[0][0]))

    before = device.store.query("SELECT count(*) FROM catalog")[0][0]
    engine.add_listener(during)
    status = engine.redownload()
    assert status.online and status.pending_ops == 0 and status.stale_streams == ()
    assert seen and all(n == before for _s, n in seen)
    for stream in ("catalog", "prices", "stock", "staff", "locations", "tax"):
        assert engine.verify(stream) is True


def test_the_store_thread_guard_runs_before_every_read_and_write(device: Device) -> None:
    calls: list[str] = []

    def guard() -> None:
        calls.append(threading.current_thread().name)
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("database work on the GUI thread")

    device.store.thread_guard = guard
    with pytest.raises(RuntimeError):
        device.store.query("SELECT 1")
    with pytest.raises(RuntimeError):
        device.store.outbox_counts()
    with pytest.raises(RuntimeError), device.store.tx("device"):
        pass
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(device.store.outbox_counts()), name="worker")
    worker.start()
    worker.join()
    assert done == [(0, 0, 0)] and "worker" in calls
    device.store.thread_guard = None
