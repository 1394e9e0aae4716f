"""Product pictures: central draws one per style and colour; the tablet caches them on disk
(bounded, least recently used out first) and offline shows what it has."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from pos_app.services.app import Device
from pos_app.services.images import ImageService
from tests.support.servers import free_port


class Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return super().handle_request(request)


def _styles(device: Device, n: int) -> list[tuple[str, str]]:
    rows = device.store.query("SELECT DISTINCT style_code, colour FROM catalog ORDER BY id LIMIT ?", (n,))
    return [(str(s), str(c)) for s, c in rows]


def _url_token(device: Device) -> tuple[str, str]:
    return device.identity.central_url, device._token


def test_central_draws_a_distinct_png_per_colour_with_etag(device: Device) -> None:
    url, token = _url_token(device)
    style = device.store.query("SELECT style_code FROM catalog GROUP BY style_code HAVING count(DISTINCT colour) > 1")
    code = str(style[0][0])
    colours = [str(r[0]) for r in device.store.query("SELECT DISTINCT colour FROM catalog WHERE style_code=?", (code,))]
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=auth) as http:
        a, b = (http.get(f"/v1/images/{code}/{c}") for c in colours[:2])
        for r in (a, b):
            assert r.status_code == 200 and r.headers["content-type"] == "image/png"
            assert r.content.startswith(b"\x89PNG") and r.headers["etag"] and "max-age" in r.headers["cache-control"]
        assert a.content != b.content and a.headers["etag"] != b.headers["etag"]
        again = http.get(f"/v1/images/{code}/{colours[0]}")
        assert again.content == a.content  # deterministic
        cached = http.get(f"/v1/images/{code}/{colours[0]}", headers={"If-None-Match": a.headers["etag"]})
        assert cached.status_code == 304 and not cached.content
        assert http.get(f"/v1/images/NOPE0000/{colours[0]}").status_code == 404
        assert http.get(f"/v1/images/{code}/Sunset").status_code == 404
    with httpx.Client(base_url=url) as anon:
        assert anon.get(f"/v1/images/{code}/{colours[0]}").status_code == 401
        bad = anon.get(f"/v1/images/{code}/{colours[0]}", headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401


def test_the_tablet_caches_pictures_on_disk_and_evicts_the_least_recently_used(device: Device, tmp_path: Path) -> None:
    url, token = _url_token(device)
    (s1, c1), (s2, c2), (s3, c3), (s4, c4) = _styles(device, 4)
    counting = Counting()
    images = ImageService(tmp_path / "img", url, token, transport=counting)
    first = images.get(s1, c1)
    assert first is not None and first.startswith(b"\x89PNG") and counting.requests == 1
    assert images.get(s1, c1) == first and counting.requests == 1  # from disk
    size = len(first)
    images.close()

    # a new service on the same directory (an app restart) still has it, without the network
    counting = Counting()
    images = ImageService(tmp_path / "img", url, token, transport=counting, max_bytes=int(size * 3.5))
    assert images.get(s1, c1) == first and counting.requests == 0
    assert images.get(s2, c2) and images.get(s3, c3) and counting.requests == 2
    assert images.get(s1, c1) == first  # used again: now s2 is the least recently used
    assert images.get(s4, c4) and counting.requests == 3
    assert images.cached(s2, c2) is None, "the least recently used went first"
    assert all(images.cached(s, c) for s, c in ((s1, c1), (s3, c3), (s4, c4)))
    assert images.cached_bytes <= images.max_bytes
    assert len(list((tmp_path / "img").glob("*.png"))) == 3
    assert images.get("NOPE0000", "Black") is None and images.get("NOPE0000", "Black") is None
    assert counting.requests == 4  # a missing picture is not asked for on every call
    images.close()


@pytest.mark.parametrize("down", ["refused", "timeout"])
def test_offline_the_tablet_shows_what_it_has_and_never_raises(device: Device, tmp_path: Path, down: str) -> None:
    url, token = _url_token(device)
    (s1, c1), (s2, c2) = _styles(device, 2)
    online = ImageService(tmp_path / "img", url, token)
    have = online.get(s1, c1)
    online.close()
    assert have is not None

    class Down(httpx.BaseTransport):
        calls = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            Down.calls += 1
            if down == "timeout":
                raise httpx.ReadTimeout("no answer", request=request)
            raise httpx.ConnectError("refused", request=request)

    transport = Down()
    offline = ImageService(tmp_path / "img", f"http://127.0.0.1:{free_port()}", token, transport=transport)
    assert offline.get(s1, c1) == have
    assert offline.get(s2, c2) is None
    assert offline.get(s2, c2) is None and Down.calls == 1  # not asked again at once
    offline.close()
    # a real closed port, no fake transport
    dead = ImageService(tmp_path / "img2", f"http://127.0.0.1:{free_port()}", token, timeout=0.5)
    assert dead.get(s1, c1) is None
    dead.close()
