"""The FastAPI application: assembles the routers of central.routes with the lifespan (the
poke hub and the change watcher) and the error handlers. Routes live in central.routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from pydantic.json_schema import models_json_schema
from sqlalchemy import select

from central.changes import high_water
from central.config import Settings
from central.db import Database, is_postgres
from central.deps import BODY_MODELS, StoreScopes
from central.feeds import PageCache
from central.hub import Hub
from central.models import ChangeLog
from central.routes import routers
from sync.protocol import Poke

log = logging.getLogger("aisle.central")


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
        listener = _start_listener(app, database, hub)
        mail = _start_mail(app, database)
        try:
            yield
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
            if mail is not None:  # waits a second or two at most: a send in flight keeps its lease
                await asyncio.to_thread(mail.stop, 2.0)
            hub.close()
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
    app.state.pages = PageCache()
    for router in routers():
        app.include_router(router)
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(ValidationError, _validation)  # type: ignore[arg-type]
    _document_models(app)
    return app


def _start_listener(app: FastAPI, database: Database, hub: Hub) -> asyncio.Task[None] | None:
    """On PostgreSQL: pokes for what other replicas commit, through LISTEN/NOTIFY (central.fanout)
    as fast as for this replica's own writes; a change of a store's locations row (its nearby
    stores) also drops the cached scopes, so every replica sees it at once, not after the TTL."""
    if not is_postgres(database.engine):
        return None
    from central.fanout import Listener, Notice

    scopes: StoreScopes = app.state.scopes

    def seen(notice: Notice) -> None:
        if notice.pairs is None or "locations" in {name for name, _scope in notice.pairs}:
            scopes.clear()

    listener = Listener(database.url, hub, seen)
    app.state.listener = listener
    return asyncio.create_task(listener.run(), name="fanout-listener")


def _start_mail(app: FastAPI, database: Database) -> Any:
    """The mail sender (central.mail), when AISLE_SMTP_URL (or app.state.mail_settings) names
    a server; without one messages wait in the outbox."""
    from central.mail import MailSender, MailSettings

    mail_settings = getattr(app.state, "mail_settings", None) or MailSettings()
    if not mail_settings.smtp_url:
        return None
    sender = MailSender(database, mail_settings)
    app.state.mail_sender = sender
    sender.start()
    return sender


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


async def _validation(request: Request, exc: ValidationError) -> Response:
    # Request bodies and parameters arrive as RequestValidationError (422, above; deps.py turns
    # a body it parses itself into one). A bare ValidationError is central failing to build its
    # own data (a response, a stored result): a bug, logged, answered 500 — never the client's 422.
    log.error("central built invalid data for %s %s", request.method, request.url.path, exc_info=exc)
    return Response(
        orjson.dumps({"detail": "Central had an internal problem; it was logged"}),
        status_code=500,
        media_type="application/json",
    )


# Fields whose wire model refuses 0 with a validator that pydantic's JSON schema cannot show.
# (Better declared on the Field in sync.protocol; until then the document says it here.)
def _document_models(app: FastAPI) -> None:
    """Add the schemas FastAPI does not see: the event stream's `Poke`, and the bodies read from
    their JSON text (central.deps.json_body)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            models = [(m, "validation") for m in BODY_MODELS] + [(Poke, "serialization")]
            _, defs = models_json_schema(models, ref_template="#/components/schemas/{model}")  # type: ignore[arg-type]
            for name, definition in defs.get("$defs", {}).items():
                schemas.setdefault(name, definition)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


async def _watch(database: Database, hub: Hub, every: float, stopping: asyncio.Event) -> None:
    """Poke for changes written outside this process (the CLI, another worker).

    The watcher keeps its own mark in the log, so a newer poke of this process cannot hide an
    older outside change, and names the (stream, scope) pairs of the changes since that this
    process did not publish itself (those were poked for already). A change is looked at one
    tick after it was first seen: a request handler publishes right after its commit, and a
    tick falling between the two must not take the handler's change for an outside one."""
    last = hub.last_seq  # everything up to here is dealt with
    ripe = last  # changes up to here have had a whole tick to be published by this process
    local: set[int] = set()
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), every)
        if stopping.is_set():
            return
        local |= hub.take_local()
        try:
            hw, touched = await run_in_threadpool(_outside_changes, database, last, ripe, local)
        except Exception:  # the database restarts: try again on the next tick
            continue
        if hw < max(last, ripe):  # the log started again (a reseed): everyone pulls everything
            hub.publish(hw, None, local=False)
            last = ripe = hw
            local.clear()
            continue
        if touched is None or touched:
            hub.publish(max(ripe, last), touched, local=False)
        last = max(last, ripe)
        ripe = hw
        local = {seq for seq in local if seq > last}


WATCH_RANGE_LIMIT = 50_000  # more changes than that since the last look: poke for everything


def _outside_changes(
    database: Database, after: int, upto: int, local: set[int]
) -> tuple[int, list[tuple[str, int]] | None]:
    """The high water now, and the (stream, scope) pairs changed in (after, upto] by others."""
    with database.session() as s:
        hw = high_water(s)
        upto = min(upto, hw)
        if upto <= after:
            return hw, []
        if upto - after > WATCH_RANGE_LIMIT:
            # A bulk change another replica wrote and LISTEN/NOTIFY already poked for is in
            # `local` whole: nothing to do. Anything else that large: poke for everything.
            if all(seq in local for seq in range(after + 1, upto + 1)):
                return hw, []
            return hw, None
        rows = s.execute(
            select(ChangeLog.seq, ChangeLog.stream, ChangeLog.scope).where(ChangeLog.seq > after, ChangeLog.seq <= upto)
        ).all()
        return hw, sorted({(stream, scope) for seq, stream, scope in rows if seq not in local})
