"""The snapshot trailer's sum of row hashes: a whole download is verified by it (no checksum
request and no scan of the table right after it), and a download whose hashes do not add up to
it is thrown away and downloaded again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import orjson

from pos_app.services.app import Device
from sync.protocol import CHECKSUM_MOD, SnapshotTrailer, row_hash
from tests.support.tablet import engine_through

Forward = Callable[[httpx.Request], httpx.Response]


def test_central_sends_the_sum_of_the_row_hashes_in_the_trailer(enrolled: Path) -> None:
    device = Device(enrolled)
    with device.new_client() as client, client.snapshot("stock", None) as blocks:
        lines = [line for block in blocks for line in block]
    trailer = SnapshotTrailer.model_validate_json(lines[-1])
    rows = lines[1:-1]
    assert trailer.rows == len(rows) > 0
    assert trailer.sum == sum(map(row_hash, rows)) % CHECKSUM_MOD
    device.close()


def test_a_whole_download_is_verified_by_its_trailer_without_a_checksum(enrolled: Path) -> None:
    device = Device(enrolled)
    paths: list[str] = []

    def record(request: httpx.Request, forward: Forward) -> httpx.Response:
        paths.append(request.url.path)
        return forward(request)

    engine = engine_through(device, record)
    status = engine.sync_once()
    assert status.online and not status.errors, status
    assert device.bootstrapped()
    assert not [p for p in paths if p.endswith("/checksum")]  # the trailers verified every stream
    with device.new_client() as client:
        for stream in engine.streams:  # and what they verified is what a checksum says
            cs = client.checksum(stream)
            assert device.store.local_checksum(stream) == (cs.count, cs.sum), stream
    engine.client.close()
    device.close()


def wrong_sum_once(stream: str) -> tuple[Callable[[httpx.Request, Forward], httpx.Response], list[int]]:
    """A link that, once, delivers `stream`'s snapshot with a trailer whose sum is off by one."""
    done: list[int] = []

    def handler(request: httpx.Request, forward: Forward) -> httpx.Response:
        response = forward(request)
        if done or not request.url.path.endswith(f"/{stream}/snapshot"):
            return response
        lines = response.read().rstrip(b"\n").split(b"\n")
        response.close()
        trailer = orjson.loads(lines[-1])
        trailer["sum"] = (trailer["sum"] + 1) % CHECKSUM_MOD
        lines[-1] = orjson.dumps(trailer)
        done.append(1)
        body = b"\n".join(lines) + b"\n"
        return httpx.Response(200, headers={"Content-Type": "application/x-ndjson"}, content=body)

    return handler, done


def test_a_trailer_sum_that_does_not_add_up_downloads_the_stream_again(enrolled: Path) -> None:
    device = Device(enrolled)
    handler, done = wrong_sum_once("catalog")
    engine = engine_through(device, handler, batch_rows=500)
    status = engine.sync_once()
    assert done
    assert not device.store.stream_state("catalog").bootstrapped  # nothing of it kept
    assert device.store.local_checksum("catalog") == (0, 0)
    assert any("catalog" in e and "checksum" in e for e in status.errors), status.errors

    status = engine.sync_once()  # the next cycle downloads it again, and it adds up
    assert device.store.stream_state("catalog").bootstrapped
    assert not status.errors, status.errors
    with device.new_client() as client:
        cs = client.checksum("catalog")
    assert device.store.local_checksum("catalog") == (cs.count, cs.sum)
    engine.client.close()
    device.close()


def test_a_resync_whose_trailer_does_not_add_up_keeps_the_old_rows(device: Device) -> None:
    before = device.store.local_checksum("stock")
    handler, done = wrong_sum_once("stock")
    engine = engine_through(device, handler)
    engine.redownload()
    assert done
    state = device.store.stream_state("stock")
    assert state.bootstrapped and state.resync_epoch is None  # the new copy was dropped
    assert device.store.local_checksum("stock") == before  # the old rows are still there
    assert any("stock" in e and "checksum" in e for e in engine.status.errors), engine.status.errors
    assert engine.verify("stock") is True  # and they are central's
    engine.client.close()
