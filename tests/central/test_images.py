"""Central's product pictures: a cache bounded by count and bytes and safe between the
threadpool's threads, a style code that always fits the picture, an ETag that follows what is
drawn, and the route's conditional answers (304 for the current tag, "*" or a weak tag)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from central.db import Database
from central.images import SIZE, PictureCache, etag, render
from central.models import Style, Variant
from tests.central.helpers import enrol


def test_the_cache_is_bounded_by_count_and_by_bytes() -> None:
    one = len(render("TS0000001", "T-shirts", "Navy"))
    by_count = PictureCache(max_items=3, max_bytes=10**9)
    for i in range(10):
        by_count.get(f"TS{i:07d}", "T-shirts", "Navy")
    assert by_count.stats()[0] == 3
    by_bytes = PictureCache(max_items=1000, max_bytes=one * 4)
    for i in range(20):
        by_bytes.get(f"TS{i:07d}", "T-shirts", "Navy")
    count, held = by_bytes.stats()
    assert held <= one * 4 * 1.2 and 2 <= count <= 5


def test_the_cache_is_least_recently_used() -> None:
    cache = PictureCache(max_items=2, max_bytes=10**9)
    first = cache.get("A1", "Boots", "Tan")
    cache.get("B1", "Boots", "Tan")
    assert cache.get("A1", "Boots", "Tan") is first  # a hit, and now the most recent
    cache.get("C1", "Boots", "Tan")  # evicts B1, the least recently used
    assert cache.get("A1", "Boots", "Tan") is first
    assert cache.stats()[0] == 2


def test_pictures_drawn_from_many_threads_are_the_same_and_the_cache_stays_whole() -> None:
    cache = PictureCache(max_items=8, max_bytes=10**9)
    keys = [(f"SN{i % 12:07d}", "Sneakers", ["Black", "White", "Rust"][i % 3]) for i in range(240)]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda k: cache.get(*k), keys))
    for key, pic in zip(keys, got, strict=True):
        assert pic.png == render(*key) and pic.etag == etag(pic.png)
    count, held = cache.stats()
    assert count <= 8 and held == sum(len(p.png) for p in cache._items.values())  # the books balance


def test_the_etag_follows_what_is_drawn() -> None:
    cache = PictureCache()
    base = cache.get("JK0000042", "Jackets", "Olive")
    assert cache.get("JK0000042", "Jackets", "Olive").etag == base.etag
    assert PictureCache().get("JK0000042", "Jackets", "Olive").etag == base.etag  # stable, not per process
    others = {
        cache.get("JK0000042", "Jackets", "Navy").etag,  # another colour
        cache.get("JK0000042", "Boots", "Olive").etag,  # another category, another shape
        cache.get("JK0000043", "Jackets", "Olive").etag,  # another code
    }
    assert base.etag not in others and len(others) == 3


def test_a_long_style_code_fits_the_picture() -> None:
    png = render("W" * 32, "T-shirts", "Black")
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size == (SIZE, SIZE)
    background = img.getpixel((0, 0))
    band = range(SIZE - 40, SIZE)
    edges = [img.getpixel((x, y)) for y in band for x in (*range(4), *range(SIZE - 4, SIZE))]
    assert all(p == background for p in edges)  # nothing drawn off the edge: the code is whole
    assert any(img.getpixel((x, y)) != background for y in band for x in range(SIZE))  # and drawn


def test_the_route_answers_conditionally(backend: Database, api: TestClient) -> None:
    headers = enrol(api, backend).headers
    with backend.session() as s:
        code, colour = s.execute(
            select(Style.code, Variant.colour).join(Variant, Variant.style_id == Style.id).limit(1)
        ).one()
    r = api.get(f"/v1/images/{code}/{colour}", headers=headers)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png" and r.content.startswith(b"\x89PNG")
    tag = r.headers["ETag"]
    for inm in (tag, f'"other", {tag}', f"W/{tag}", "*"):
        again = api.get(f"/v1/images/{code}/{colour}", headers={**headers, "If-None-Match": inm})
        assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == tag, inm
    assert api.get(f"/v1/images/{code}/{colour}", headers={**headers, "If-None-Match": '"x"'}).status_code == 200
    assert api.get(f"/v1/images/{code}/Nocolour", headers=headers).status_code == 404
    assert api.get(f"/v1/images/{code}/{colour}").status_code == 401
    doc = api.get("/openapi.json").json()["paths"]["/v1/images/{style_code}/{colour}"]["get"]["responses"]
    assert "image/png" in doc["200"]["content"] and {"304", "401", "404"} <= set(doc)
