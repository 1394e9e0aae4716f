"""Live updates: "poke, then pull" over server-sent events (central.hub)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from central.deps import DeviceDep, HubDep, SettingsDep
from central.hub import CLOSING, EventStreamResponse
from central.routes import ERRORS
from sync.protocol import Poke

router = APIRouter(tags=["sync"])

EVENT_STREAM_DESCRIPTION = (
    "Server-sent events. On connect, `event: hello` whose `data` is a Poke with the newest sequence "
    "(`streams` left out); then `event: poke` with a Poke when something this device may see "
    "changed (`streams` names them; left out: any may have); `: keepalive` comments in between. "
    "The stream ends when the server stops; reconnect with backoff."
)


def _event(name: str, poke: Poke) -> bytes:
    return b"event: %s\ndata: %s\n\n" % (name.encode(), poke.model_dump_json(exclude_none=True).encode())


@router.get(
    "/v1/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": EVENT_STREAM_DESCRIPTION,
            "content": {
                "text/event-stream": {
                    "schema": {"type": "string"},
                    # OpenAPI 3.2's shape for an event stream, as FastAPI's own SSE support writes it
                    "itemSchema": {
                        "type": "object",
                        "required": ["event", "data"],
                        "properties": {
                            "event": {"type": "string", "enum": ["hello", "poke"]},
                            "data": {
                                "type": "string",
                                "contentMediaType": "application/json",
                                "contentSchema": {"$ref": "#/components/schemas/Poke"},
                            },
                        },
                    },
                    "example": 'event: hello\ndata: {"seq":41}\n\nevent: poke\ndata: {"seq":42,"streams":["stock"]}\n\n',
                }
            },
        },
        **ERRORS,
    },
)
async def events(
    request: Request,
    device: DeviceDep,
    hub: HubDep,
    settings: SettingsDep,
    once: Annotated[bool, Query(description="send the hello event and close")] = False,
) -> StreamingResponse:
    sub = hub.subscribe(device.scope)

    async def gen() -> AsyncIterator[bytes]:
        try:
            yield _event("hello", Poke(seq=hub.last_seq))
            if once:
                return
            while not sub.closed and not await request.is_disconnected():
                try:
                    poke = await asyncio.wait_for(sub.queue.get(), settings.keepalive_seconds)
                except TimeoutError:
                    yield b": keepalive\n\n"
                    continue
                if poke is CLOSING:
                    return
                streams = None if poke.streams is None else sorted(poke.streams)
                yield _event("poke", Poke(seq=poke.seq, streams=streams))
        finally:
            hub.unsubscribe(sub)

    return EventStreamResponse(
        gen(),
        settings.stream_send_timeout_seconds,
        f"device {device.device_id} ({device.name})",
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
