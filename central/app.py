"""The FastAPI application: health, enrolment, sync feed, live stock, ops and the channel API."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import Enum
from typing import Annotated, Any

import orjson
from fastapi import Body, FastAPI, HTTPException, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import iterate_in_threadpool

from central.changes import adjust_stock, high_water, now
from central.config import Settings
from central.db import Database, get_epoch
from central.deps import ChannelDep, DeviceDep, SessionDep, StoreScopes
from central.feeds import change_page, checksum, gzip_stream, snapshot_lines
from central.hub import Hub
from central.models import ChangeLog, ChannelRef, Device, EnrollCode, Location, Stock, Style, Variant
from central.ops import OpRejected, apply_op
from central.security import digest, new_token, normalise_code
from sync.protocol import (
    STREAMS,
    ChangePage,
    ChannelAdjustment,
    ChannelAdjustmentResult,
    Checksum,
    DeviceInfo,
    EnrollRequest,
    EnrollResponse,
    Health,
    LiveStock,
    LiveStockRow,
    Op,
    OpResult,
    Problem,
)

StreamName = Enum("StreamName", {name: name for name in STREAMS}, type=str)  # type: ignore[misc]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem},
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    database = db or Database(settings.database_url)
    hub = Hub()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with database.session() as s:
            hub.bind(asyncio.get_running_loop(), high_water(s))
        stopping = asyncio.Event()
        watcher = asyncio.create_task(_watch(database, hub, settings.change_watch_seconds, stopping))
        try:
            yield
        finally:
            # Let the watcher finish its database call: cancelling would leave a connection
            # checked out on a worker thread while the pool is disposed.
            stopping.set()
            await watcher

    app = FastAPI(
        title="Aisle central",
        version="1",
        summary="Order management, catalog, stock and sync for Aisle store devices",
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.hub = hub
    app.state.settings = settings
    app.state.scopes = StoreScopes(settings.scope_cache_seconds)

    @app.get("/health", tags=["ops"])
    def health(session: SessionDep) -> Health:
        return Health(status="ok", time=now(), epoch=get_epoch(session))

    @app.post(
        "/v1/enroll",
        status_code=status.HTTP_201_CREATED,
        tags=["devices"],
        responses={400: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}},
    )
    def enroll(body: EnrollRequest, session: SessionDep) -> EnrollResponse:
        code = session.get(EnrollCode, digest(normalise_code(body.code)))
        if code is None:
            raise HTTPException(403, "This enrolment code is not valid. Check it and type it again.")
        if code.used_at is not None:
            raise HTTPException(403, "This enrolment code was already used. Ask for a new one.")
        expires = code.expires_at if code.expires_at.tzinfo else code.expires_at.replace(tzinfo=now().tzinfo)
        if expires < now():
            raise HTTPException(403, "This enrolment code has expired. Ask for a new one.")
        token = new_token()
        device = Device(
            id=str(uuid.uuid4()),
            name=body.device_name,
            store_id=code.store_id,
            token_hash=digest(token),
            created_at=now(),
        )
        # Claim the code with one conditional UPDATE: of concurrent enrolments with the same
        # code (eight tablets scanning one QR code) only the first may win; the check above
        # alone lets them all through.
        claimed = session.connection().execute(
            update(EnrollCode)
            .where(EnrollCode.code_hash == code.code_hash, EnrollCode.used_at.is_(None))
            .values(used_at=now(), device_id=device.id)
        )
        if claimed.rowcount != 1:
            session.rollback()
            raise HTTPException(403, "This enrolment code was already used. Ask for a new one.")
        session.add(device)
        store = session.get_one(Location, code.store_id)
        session.commit()
        return EnrollResponse(
            device_id=device.id,
            token=token,
            store_id=store.id,
            store_code=store.code,
            store_name=store.name,
        )

    @app.get("/v1/device", tags=["devices"], responses=ERRORS)
    def device_info(device: DeviceDep) -> DeviceInfo:
        return DeviceInfo(
            device_id=device.device_id,
            name=device.name,
            store_id=device.store_id,
            store_code=device.store_code,
            scope_location_ids=list(device.scope.stock_locations),
        )

    @app.get("/v1/sync/{stream}/changes", tags=["sync"], responses=ERRORS)
    def changes(
        stream: StreamName,
        device: DeviceDep,
        session: SessionDep,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    ) -> ChangePage:
        page = change_page(session, device.scope, stream.value, after, min(limit, settings.max_page))
        return page

    @app.get(
        "/v1/sync/{stream}/snapshot",
        tags=["sync"],
        responses={
            200: {
                "description": "gzip NDJSON: a SnapshotHeader line, one JSON array per row, a SnapshotTrailer line",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            },
            **ERRORS,
        },
        response_class=StreamingResponse,
    )
    def snapshot(
        stream: StreamName,
        device: DeviceDep,
        after_key: Annotated[str | None, Query(max_length=200, description="JSON array: resume after this key")] = None,
    ) -> StreamingResponse:
        key = None
        if after_key is not None:
            try:
                key = STREAMS[stream.value].validate_key(orjson.loads(after_key))
            except (orjson.JSONDecodeError, ValueError) as e:
                raise HTTPException(422, f"after_key: {e}") from None
        lines = snapshot_lines(database.engine, device.scope, stream.value, key)
        return StreamingResponse(
            iterate_in_threadpool(gzip_stream(lines)),
            media_type="application/x-ndjson",
            headers={"Content-Encoding": "gzip"},
        )

    @app.get("/v1/sync/{stream}/checksum", tags=["sync"], responses=ERRORS)
    def stream_checksum(stream: StreamName, device: DeviceDep, session: SessionDep) -> Checksum:
        return checksum(session, device.scope, stream.value)

    @app.get(
        "/v1/events",
        tags=["sync"],
        response_class=StreamingResponse,
        responses={
            200: {
                "description": (
                    'Server-sent events: `hello` with {"seq": N} on connect; `poke` with {"seq": N, '
                    '"streams": [names]} when something this device may see changed ("streams" left out: '
                    "any stream may have); comments as keepalive"
                ),
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            },
            **ERRORS,
        },
    )
    async def events(
        request: Request,
        device: DeviceDep,
        once: Annotated[bool, Query(description="send the hello event and close")] = False,
    ) -> StreamingResponse:
        sub = hub.subscribe(device.scope)

        async def gen() -> AsyncIterator[bytes]:
            try:
                yield b"event: hello\ndata: %s\n\n" % orjson.dumps({"seq": hub.last_seq})
                if once:
                    return
                while not await request.is_disconnected():
                    try:
                        poke = await asyncio.wait_for(sub.queue.get(), settings.keepalive_seconds)
                    except TimeoutError:
                        yield b": keepalive\n\n"
                        continue
                    yield b"event: poke\ndata: %s\n\n" % orjson.dumps(poke.payload())
            finally:
                hub.unsubscribe(sub)

        return StreamingResponse(
            gen(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    @app.get("/v1/stock/live/style/{style}", tags=["stock"], responses=ERRORS)
    def live_stock_style(
        device: DeviceDep, session: SessionDep, style: Annotated[str, Path(min_length=1, max_length=32)]
    ) -> LiveStock:
        """Stock of every variant of a style in every location, as of now (unknown style: no rows)."""
        q = (
            select(Stock, Location.code)
            .join(Location, Location.id == Stock.location_id)
            .join(Variant, Variant.id == Stock.variant_id)
            .join(Style, Style.id == Variant.style_id)
            .where(Style.code == style)
        )
        return LiveStock(as_of=now(), rows=[_live_row(stock, code) for stock, code in session.execute(q)])

    @app.get("/v1/stock/live/variant/{variant_id}", tags=["stock"], responses=ERRORS)
    def live_stock_variant(
        device: DeviceDep, session: SessionDep, variant_id: Annotated[int, Path(ge=1, le=2**31)]
    ) -> LiveStock:
        """Stock of one variant in every location, as of now."""
        q = select(Stock, Location.code).join(Location, Location.id == Stock.location_id)
        q = q.where(Stock.variant_id == variant_id)
        return LiveStock(as_of=now(), rows=[_live_row(stock, code) for stock, code in session.execute(q)])

    @app.post("/v1/ops", tags=["sync"], responses=ERRORS)
    def push_op(op: Op, device: DeviceDep, session: SessionDep) -> OpResult:
        try:
            result, touched = apply_op(session, device.device_id, device.store_id, op)
        except OpRejected as e:
            raise HTTPException(e.status, e.detail) from None
        if touched:
            seq = int(result.result.get("seq", 0))
            hub.publish(seq, touched)
        return result

    @app.get("/v1/channel/availability", tags=["channel"], responses=ERRORS)
    def channel_availability(
        client: ChannelDep,
        session: SessionDep,
        sku: Annotated[str, Query(min_length=1, max_length=64)],
    ) -> list[LiveStockRow]:
        variant = session.scalar(select(Variant).where(Variant.sku == sku))
        if variant is None:
            raise HTTPException(404, f"Unknown SKU {sku}")
        q = (
            select(Stock, Location.code)
            .join(Location, Location.id == Stock.location_id)
            .where(Stock.variant_id == variant.id)
            .order_by(Location.code)
        )
        return [_live_row(stock, code) for stock, code in session.execute(q)]

    @app.post("/v1/channel/adjustments", tags=["channel"], responses=ERRORS)
    def channel_adjust(
        body: Annotated[ChannelAdjustment, Body()],
        client: ChannelDep,
        session: SessionDep,
        response: Response,
    ) -> ChannelAdjustmentResult:
        """Apply a stock delta with a reason. Idempotent by `reference` per channel client."""
        h = digest(body.model_dump_json())
        key = (client.id, body.reference)
        done = session.get(ChannelRef, key)
        if done is not None:
            return _channel_replay(done, h)
        loc = session.scalar(select(Location).where(Location.code == body.location_code))
        if loc is None:
            raise HTTPException(404, f"Unknown location {body.location_code}")
        variant = session.scalar(select(Variant).where(Variant.sku == body.sku))
        if variant is None:
            raise HTTPException(404, f"Unknown SKU {body.sku}")
        seq, stock = adjust_stock(
            session,
            location_id=loc.id,
            variant_id=variant.id,
            delta=body.delta,
            reason=body.reason,
            source=f"channel:{client.name}",
            reference=body.reference,
        )
        result = ChannelAdjustmentResult(
            reference=body.reference,
            location_code=loc.code,
            sku=variant.sku,
            on_hand=stock.on_hand,
            available=stock.on_hand - stock.reserved,
            seq=seq,
        )
        session.add(
            ChannelRef(
                client_id=client.id,
                reference=body.reference,
                body_hash=h,
                result=result.model_dump_json(),
            )
        )
        try:
            session.commit()
        except IntegrityError:
            # The same reference raced in on another connection (a retry overtaking the first
            # request): this transaction is void, answer from the winner's record.
            session.rollback()
            done = session.get(ChannelRef, key)
            if done is None:
                raise
            return _channel_replay(done, h)
        hub.publish(seq, [("stock", loc.id)])
        return result

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_: Request, exc: RequestValidationError) -> Response:
        # 422 is documented as a Problem ({"detail": "..."}) like every other error, not as
        # FastAPI's list of error objects: one sentence naming the first bad field.
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        message = str(first.get("msg", "invalid request"))
        return Response(
            orjson.dumps({"detail": f"{where}: {message}" if where else message}),
            status_code=422,
            media_type="application/json",
        )

    @app.exception_handler(ValidationError)
    async def _validation(_: Request, exc: ValidationError) -> Response:
        return Response(
            orjson.dumps({"detail": str(exc.errors()[0]["msg"])}),
            status_code=422,
            media_type="application/json",
        )

    return app


def _channel_replay(done: ChannelRef, body_hash: str) -> ChannelAdjustmentResult:
    if done.body_hash != body_hash:
        raise HTTPException(409, "This reference was already used for another adjustment")
    return ChannelAdjustmentResult.model_validate_json(done.result)


def _live_row(stock: Stock, code: str) -> LiveStockRow:
    return LiveStockRow(
        location_id=stock.location_id,
        location_code=code,
        variant_id=stock.variant_id,
        on_hand=stock.on_hand,
        reserved=stock.reserved,
        available=stock.on_hand - stock.reserved,
    )


async def _watch(database: Database, hub: Hub, every: float, stopping: asyncio.Event) -> None:
    """Poke for changes written outside this process (the CLI, another worker).

    The watcher keeps its own mark in the log, so a newer poke of this process cannot hide an
    older outside change, and names the (stream, scope) pairs of the changes since that this
    process did not publish itself (those were poked for already)."""
    last = hub.last_seq
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), every)
        if stopping.is_set():
            return
        local = hub.take_local()
        try:
            seq, touched = await run_in_threadpool(_outside_changes, database, last, local)
        except Exception:  # the database restarts: try again on the next tick
            continue
        if seq < last:  # the log started again (a reseed): everyone pulls everything
            hub.publish(seq, None, local=False)
        elif touched is None or touched:
            hub.publish(seq, touched, local=False)
        last = seq


WATCH_RANGE_LIMIT = 50_000  # more changes than that since the last look: poke for everything


def _outside_changes(database: Database, after: int, local: set[int]) -> tuple[int, list[tuple[str, int]] | None]:
    """The high water, and the (stream, scope) pairs changed in (after, high water] by others."""
    with database.session() as s:
        hw = high_water(s)
        if hw <= after:
            return hw, []
        if hw - after > WATCH_RANGE_LIMIT:
            return hw, None
        rows = s.execute(
            select(ChangeLog.seq, ChangeLog.stream, ChangeLog.scope).where(ChangeLog.seq > after, ChangeLog.seq <= hw)
        ).all()
        return hw, sorted({(stream, scope) for seq, stream, scope in rows if seq not in local})
