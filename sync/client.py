"""HTTP client of central's API (httpx). Errors come out as exceptions with a message a person
can act on; nothing here retries — the engine decides when to try again."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar
from urllib.parse import quote
from uuid import UUID

import httpx
import orjson
from pydantic import BaseModel, ValidationError

from sync.protocol import (
    ChangePage,
    Checksum,
    DeviceInfo,
    EnrollRequest,
    EnrollResponse,
    Health,
    LiveStock,
    Op,
    PushRequest,
    PushResponse,
)
from sync.protocol import CursorPruned as PrunedAnswer
from sync.words import Said, said_of

MAX_PAGE_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
M = TypeVar("M", bound=BaseModel)


class CentralError(Exception):
    """Something went wrong talking to central; `str(e)` is for people (English), and when the
    sentence is a `Said` (sync/words.py) `code` and `params` say it in the screens' words."""

    @property
    def code(self) -> str | None:
        return getattr(said_of(self), "code", None)

    @property
    def params(self) -> dict[str, Any] | None:
        return getattr(said_of(self), "params", None)


class Unreachable(CentralError):
    """Network down, timeout or a 5xx: try again later."""


class ServerError(Unreachable):
    """Central answered with a 5xx: it is there but could not do it now. Unlike a dead network,
    a 5xx counts towards setting an op aside as stuck."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Rejected(CentralError):
    """Central understood and said no (4xx): retrying the same request will not help."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class Unauthorized(Rejected):
    pass


class CursorPruned(Rejected):
    """410 with the reason `log_pruned`: central pruned the stream's change log past the cursor
    asked for; only a new copy (snapshot) brings the stream up to date."""

    def __init__(self, status: int, detail: str, floor: int) -> None:
        super().__init__(status, detail)
        self.floor = floor


class MalformedResponse(CentralError):
    """Central's answer is not what the protocol allows: nothing of it is used."""


class CentralClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"User-Agent": "aisle-pos/0.1"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._open: set[httpx.Response] = set()
        self._open_lock = threading.Lock()
        self.http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=5.0),
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self.http.close()

    def interrupt(self) -> None:
        """Break every response this client is reading now (from another thread): a blocked read
        returns at once with an error instead of waiting for its timeout."""
        with self._open_lock:
            open_now = list(self._open)
        for r in open_now:
            stream = r.extensions.get("network_stream")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _request(self, method: str, url: str, **kw: Any) -> Iterator[httpx.Response]:
        try:
            with self.http.stream(method, url, **kw) as r, self._tracked(r):
                if r.status_code >= 500:
                    raise ServerError(r.status_code, Said("link.central_problem", status=r.status_code))
                if r.status_code >= 400:
                    r.read()
                    detail = _detail(r)
                    if r.status_code == 410:
                        pruned = _pruned(r)
                        if pruned is not None:
                            raise CursorPruned(410, pruned.detail, pruned.floor)
                    cls = Unauthorized if r.status_code == 401 else Rejected
                    raise cls(r.status_code, detail)
                yield r
        except httpx.TimeoutException:
            raise Unreachable(Said("link.timeout")) from None
        except httpx.DecodingError:
            raise MalformedResponse(Said("link.bad_compression")) from None
        except (httpx.HTTPError, httpx.StreamError) as e:  # transport failures, and any other httpx error
            raise Unreachable(Said("link.unreachable", url=self.base_url, kind=type(e).__name__)) from None

    @contextmanager
    def _tracked(self, r: httpx.Response) -> Iterator[None]:
        with self._open_lock:
            self._open.add(r)
        try:
            yield
        finally:
            with self._open_lock:
                self._open.discard(r)

    def _json(self, model: type[M], method: str, url: str, **kw: Any) -> M:
        with self._request(method, url, **kw) as r:
            body = _read_limited(r, MAX_PAGE_BYTES)
        try:
            return model.model_validate_json(body)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err.get("loc", ()))
            why = f"{err['msg']}{' at ' + where if where else ''}"
            raise MalformedResponse(Said("link.malformed", what=model.__name__, why=why)) from None

    # --- endpoints --------------------------------------------------------------------------

    def health(self) -> Health:
        return self._json(Health, "GET", "/health")

    def enroll(self, code: str, device_name: str) -> EnrollResponse:
        body = EnrollRequest(code=code, device_name=device_name).model_dump()
        return self._json(EnrollResponse, "POST", "/v1/enroll", json=body)

    def device(self) -> DeviceInfo:
        return self._json(DeviceInfo, "GET", "/v1/device")

    def changes(self, stream: str, after: int, limit: int) -> ChangePage:
        page = self._json(ChangePage, "GET", f"/v1/sync/{stream}/changes", params={"after": after, "limit": limit})
        if page.stream != stream or len(page.changes) > limit or page.next < after:
            raise MalformedResponse(Said("link.page_mismatch", stream=stream))
        return page

    def checksum(self, stream: str) -> Checksum:
        return self._json(Checksum, "GET", f"/v1/sync/{stream}/checksum")

    @contextmanager
    def snapshot(self, stream: str, after_key: list[Any] | None) -> Iterator[Iterator[list[bytes]]]:
        """The snapshot's lines (without their newlines), in lists: one list per decompressed
        chunk of the response, split by one `bytes.split` instead of a Python step per line."""
        params = {} if after_key is None else {"after_key": orjson.dumps(after_key).decode()}
        with self._request(
            "GET", f"/v1/sync/{stream}/snapshot", params=params, timeout=httpx.Timeout(60.0, connect=5.0)
        ) as r:
            yield _line_blocks(r)

    def push(self, ops: list[Op]) -> PushResponse:
        """Send ops in device order; central answers per op (`PushResponse`)."""
        body = PushRequest(ops=ops).model_dump_json()
        answer = self._json(PushResponse, "POST", "/v1/ops", content=body, headers={"Content-Type": "application/json"})
        sent = [str(op.op_id) for op in ops]
        if [o.op_id for o in answer.results] != sent[: len(answer.results)] or len(answer.results) != len(sent):
            raise MalformedResponse(Said("link.push_mismatch"))
        return answer

    def live_stock(self, *, style: str | None = None, variant_id: int | None = None) -> LiveStock:
        url = f"/v1/stock/live/style/{quote(style, safe='')}" if style else f"/v1/stock/live/variant/{variant_id}"
        return self._json(LiveStock, "GET", url, timeout=4.0)

    def receipt_email(self, sale_id: UUID, email: str, language: str | None = None) -> dict[str, Any]:
        """Ask central to e-mail a sale's receipt (202: taken; it waits for the sale if needed).
        The answer's `message_id`, `state`, `created`, `waiting_for_sale`."""
        body: dict[str, Any] = {"email": email}
        if language:
            body["language"] = language
        with self._request("POST", f"/v1/orders/{sale_id}/receipt-email", json=body) as r:
            raw = _read_limited(r, 64 * 1024)
        try:
            answer = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise MalformedResponse(Said("link.receipt_not_json")) from None
        if not isinstance(answer, dict) or not isinstance(answer.get("message_id"), str):
            raise MalformedResponse(Said("link.receipt_no_id"))
        return answer

    @contextmanager
    def events(self, read_timeout: float) -> Iterator[Iterator[tuple[str, bytes]]]:
        """Server-sent events as (event, data) pairs; comments (keepalives) yield ('', b'')."""
        with self._request("GET", "/v1/events", timeout=httpx.Timeout(read_timeout, connect=5.0)) as r:
            yield _sse(r)


def _detail(r: httpx.Response) -> str:
    try:
        body = r.json()
        detail = body.get("detail") if isinstance(body, dict) else None
        if isinstance(detail, str):
            return detail
        if isinstance(detail, list) and detail and isinstance(detail[0], dict):
            return str(detail[0].get("msg", "invalid request"))
    except ValueError:
        pass
    return Said("link.refused", status=r.status_code)


def _pruned(r: httpx.Response) -> PrunedAnswer | None:
    """The 410 of a change page below the floor, when this answer is one."""
    try:
        return PrunedAnswer.model_validate_json(r.content)
    except ValidationError:
        return None


def _read_limited(r: httpx.Response, limit: int) -> bytes:
    declared = r.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise MalformedResponse(Said("link.too_big", size=f"{int(declared):,}", limit=f"{limit:,}"))
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise MalformedResponse(Said("link.too_much", limit=f"{limit:,}"))
            chunks.append(chunk)
    except httpx.DecodingError:
        raise MalformedResponse(Said("link.bad_compression")) from None
    except (httpx.HTTPError, httpx.StreamError) as e:
        raise Unreachable(Said("link.broke", kind=type(e).__name__)) from None
    return b"".join(chunks)


def _line_blocks(r: httpx.Response) -> Iterator[list[bytes]]:
    buf = b""
    try:
        for chunk in r.iter_bytes():
            if buf:
                chunk = buf + chunk
            cut = chunk.rfind(b"\n")
            if cut < 0:
                if len(chunk) > MAX_LINE_BYTES:
                    raise MalformedResponse(Said("link.line_too_long"))
                buf = chunk
                continue
            buf = chunk[cut + 1 :]
            yield chunk[:cut].split(b"\n")
    except httpx.DecodingError:
        raise MalformedResponse(Said("link.not_gzip")) from None
    except (httpx.HTTPError, httpx.StreamError) as e:
        raise Unreachable(Said("link.download_broke", kind=type(e).__name__)) from None
    if buf:
        yield [buf]


def _sse(r: httpx.Response) -> Iterator[tuple[str, bytes]]:
    event, data = "message", b""
    try:
        for raw in r.iter_lines():
            line = raw.encode()
            if not line:
                if data:
                    yield event, data
                event, data = "message", b""
            elif line.startswith(b":"):
                yield "", b""
            elif line.startswith(b"event:"):
                event = line[6:].strip().decode()
            elif line.startswith(b"data:"):
                data += line[5:].strip()
    except httpx.DecodingError:
        raise MalformedResponse(Said("link.events_bad_compression")) from None
    except (httpx.HTTPError, httpx.StreamError) as e:
        raise Unreachable(Said("link.live_broke", kind=type(e).__name__)) from None
