"""Product pictures on the tablet: fetched from central on demand, kept in a bounded disk cache.

`ImageService.get(style, colour)` answers from disk first (the file's time is set on every use),
then asks central; offline it returns what it has and None otherwise, never raising for the
network. The cache holds at most `max_bytes` (64 MB by default); when a new picture would pass
that, the least recently used files go first. After a network failure the service does not
ask again for `retry_seconds`, so a page of thumbnails does not wait for each to time out.
Call it from a worker, never the UI thread (it reads files and may wait on the network).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

MAX_BYTES = 64 * 1024 * 1024
NOT_FOUND_SECONDS = 600.0  # a picture central does not have is not asked for again this long


class ImageService:
    def __init__(
        self,
        cache_dir: Path,
        central_url: str,
        token: str,
        *,
        max_bytes: int = MAX_BYTES,
        timeout: float = 3.0,
        retry_seconds: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.dir = cache_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.retry_seconds = retry_seconds
        self._http = httpx.Client(
            base_url=central_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "User-Agent": "aisle-pos/0.1"},
            timeout=timeout,
            transport=transport,
        )
        self._lock = threading.Lock()
        self._offline_until = 0.0
        self._missing: dict[str, float] = {}
        self._sizes = {p.name: p.stat().st_size for p in self.dir.glob("*.png")}
        for stale in self.dir.glob("*.tmp"):
            stale.unlink(missing_ok=True)

    @classmethod
    def in_data_dir(cls, data_dir: Path, central_url: str, token: str, max_bytes: int = MAX_BYTES) -> ImageService:
        """The cache under the device's data directory (`<data_dir>/images`)."""
        return cls(data_dir / "images", central_url, token, max_bytes=max_bytes)

    def close(self) -> None:
        self._http.close()

    @property
    def cached_bytes(self) -> int:
        with self._lock:
            return sum(self._sizes.values())

    @staticmethod
    def _name(style: str, colour: str) -> str:
        return hashlib.sha256(f"{style}\0{colour}".encode()).hexdigest()[:32] + ".png"

    def cached(self, style: str, colour: str) -> bytes | None:
        """The picture if it is on disk (no network)."""
        path = self.dir / self._name(style, colour)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        now = time.time()
        with contextlib.suppress(FileNotFoundError):
            os.utime(path, (now, now))  # the access time the eviction goes by (noatime-proof)
        return data

    def get(self, style: str, colour: str) -> bytes | None:
        """PNG bytes of `style` in `colour`, or None (offline and not cached, or unknown)."""
        data = self.cached(style, colour)
        if data is not None:
            return data
        name = self._name(style, colour)
        now = time.monotonic()
        with self._lock:
            if now < self._offline_until or self._missing.get(name, 0.0) > now:
                return None
        try:
            r = self._http.get(f"/v1/images/{quote(style, safe='')}/{quote(colour, safe='')}")
        except httpx.HTTPError:
            with self._lock:
                self._offline_until = time.monotonic() + self.retry_seconds
            return None
        if r.status_code == 404:
            with self._lock:
                self._missing[name] = time.monotonic() + NOT_FOUND_SECONDS
            return None
        if r.status_code != 200 or r.headers.get("content-type") != "image/png":
            return None
        with self._lock:
            self._offline_until = 0.0
        self._store(name, r.content)
        return r.content

    def _store(self, name: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        tmp = self.dir / f"{name}.{threading.get_ident()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, self.dir / name)
        with self._lock:
            self._sizes[name] = len(data)
            self._evict()

    def _evict(self) -> None:
        """Least recently used first, until the cache fits (the lock is held)."""
        total = sum(self._sizes.values())
        if total <= self.max_bytes:
            return
        used: list[tuple[float, str]] = []
        for name in self._sizes:
            try:
                used.append(((self.dir / name).stat().st_mtime, name))
            except FileNotFoundError:
                used.append((0.0, name))
        for _when, name in sorted(used):
            if total <= self.max_bytes:
                break
            (self.dir / name).unlink(missing_ok=True)
            total -= self._sizes.pop(name)
