"""The download side: change pages, snapshots and checksums of every stream (sync.protocol.STREAMS)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import orjson
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from central.deps import (
    Credentials,
    DatabaseDep,
    DeviceDep,
    ScopesDep,
    SessionDep,
    SettingsDep,
    authenticate,
    mark_seen,
)
from central.feeds import LogPruned, PageCache, change_page_json, checksum, gzip_stream, snapshot_lines
from central.routes import ERRORS
from sync.protocol import MAX_PAGE, SNAPSHOT_MEDIA_TYPE, STREAMS, ChangePage, Checksum, CursorPruned, Scalar

StreamName = Enum("StreamName", {name: name for name in STREAMS}, type=str)  # type: ignore[misc]

router = APIRouter(prefix="/v1/sync", tags=["sync"], responses=ERRORS)


@router.get(
    "/{stream}/changes",
    response_model=ChangePage,
    responses={
        410: {
            "model": CursorPruned,
            "description": "`after` is below the stream's floor (central pruned its change log past it): "
            "download the stream again (snapshot) and go on from its high water",
        }
    },
)
def changes(
    stream: StreamName,
    request: Request,
    db: DatabaseDep,
    scopes: ScopesDep,
    creds: Credentials,
    settings: SettingsDep,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000,
) -> Response:
    """A page of changes after the cursor. Every poked tablet asks for one, so it is the request
    that bounds how fast a live change reaches 50 tablets: the device (read each time, for
    revocation) and the page share one session and one worker thread, and the page goes out as
    its JSON without FastAPI's second validation and encoding of the response model, and the
    tablets poked by the same change share one encoding of it (central.feeds.PageCache)."""
    pages: PageCache = request.app.state.pages
    gone: CursorPruned | None = None
    with db.session() as session:
        device = authenticate(session, scopes, creds)
        try:
            page = change_page_json(session, device.scope, stream.value, after, min(limit, settings.max_page), pages)
        except LogPruned as e:  # below the floor: the device downloads the stream again
            gone, page = e.answer, b""
    mark_seen(db, device)
    if gone is not None:
        return Response(gone.model_dump_json(), status_code=410, media_type="application/json")
    return Response(page, media_type="application/json")


def parse_after_key(stream: str, raw: str) -> list[Scalar]:
    """The resume key of a snapshot: strict JSON (orjson: no leading zeros, no NaN) of the
    stream's key types (no coercion: "1" is not 1, 1.0 is not an int)."""
    try:
        return STREAMS[stream].validate_key(orjson.loads(raw))
    except (orjson.JSONDecodeError, ValueError) as e:
        raise HTTPException(422, f"after_key: {e}") from None


@router.get(
    "/{stream}/snapshot",
    responses={
        200: {
            "description": "gzip NDJSON: a SnapshotHeader line, one JSON array per row, a SnapshotTrailer line",
            "content": {SNAPSHOT_MEDIA_TYPE: {"schema": {"type": "string"}}},
        },
    },
    response_class=StreamingResponse,
)
def snapshot(
    stream: StreamName,
    device: DeviceDep,
    db: DatabaseDep,
    after_key: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^\[.*\]$",
            description="JSON array of the stream's key (strict JSON of the key's types): resume after this key",
        ),
    ] = None,
) -> StreamingResponse:
    key = None if after_key is None else parse_after_key(stream.value, after_key)
    lines = snapshot_lines(db.engine, device.scope, stream.value, key)
    return StreamingResponse(
        iterate_in_threadpool(gzip_stream(lines)),
        media_type=SNAPSHOT_MEDIA_TYPE,
        headers={"Content-Encoding": "gzip"},
    )


@router.get("/{stream}/checksum")
def stream_checksum(stream: StreamName, device: DeviceDep, session: SessionDep) -> Checksum:
    return checksum(session, device.scope, stream.value)
