"""Request dependencies: the database, and who is calling (a device or a channel client)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.changes import now
from central.config import Settings
from central.db import Database
from central.feeds import Scope, scope_for_store
from central.hub import Hub
from central.models import ChannelClient, Device, Location
from central.security import digest

M = TypeVar("M", bound=BaseModel)

bearer = HTTPBearer(auto_error=False, description="Device token from enrolment, or channel token")


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    with db.session() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_session)]
DatabaseDep = Annotated[Database, Depends(get_db)]
HubDep = Annotated[Hub, Depends(get_hub)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class DeviceAuth:
    device_id: str
    name: str
    store_id: int
    store_code: str
    scope: Scope
    seen_stale: bool = False  # last_seen_at is older than a minute: mark_seen writes it


class StoreScopes:
    """Each store's code and scope, kept for `ttl` seconds. A scope changes only when head office
    reconfigures nearby stores or price lists, and working it out was four of the five queries
    of every authenticated device request; a live change reaches each tablet as a poke and a
    pull, so per-request cost is what bounds how fast 50 tablets see it. The device itself (and
    so its revocation) is still read on every request. Bounded (`MAX_STORES`, then it starts
    again) and, on PostgreSQL, dropped whenever any replica changes a locations row
    (central.app `_start_listener`), so replicas do not disagree for the TTL."""

    MAX_STORES = 20_000

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._known: dict[int, tuple[float, str, Scope]] = {}

    def clear(self) -> None:
        self._known = {}

    def get(self, session: Session, store_id: int) -> tuple[str, Scope]:
        hit = self._known.get(store_id)
        if hit is not None and time.monotonic() - hit[0] < self.ttl:
            return hit[1], hit[2]
        code = session.get_one(Location, store_id).code
        scope = scope_for_store(session, store_id)
        if len(self._known) >= self.MAX_STORES:
            self._known = {}
        self._known[store_id] = (time.monotonic(), code, scope)
        return code, scope


async def get_scopes(request: Request) -> StoreScopes:
    scopes: StoreScopes = request.app.state.scopes
    return scopes


def authenticate(session: Session, scopes: StoreScopes, creds: HTTPAuthorizationCredentials | None) -> DeviceAuth:
    """The device of this token (read on every request: a revocation counts at once), in one
    query by the token's unique index; its store's scope from the cache. Raises 401."""
    if creds is None:
        raise _unauthorized("This device is not enrolled: send its token")
    found = session.execute(
        select(Device.id, Device.name, Device.store_id, Device.revoked_at, Device.last_seen_at).where(
            Device.token_hash == digest(creds.credentials)
        )
    ).first()
    if found is None:
        raise _unauthorized("Unknown device token: enrol the device again")
    device_id, name, store_id, revoked_at, last = found
    if revoked_at is not None:
        raise _unauthorized("This device was revoked: ask the head office to enrol it again")
    store_code, scope = scopes.get(session, store_id)
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=UTC)
    stale = last is None or (now() - last).total_seconds() > 60
    return DeviceAuth(device_id, name, store_id, store_code, scope, stale)


def mark_seen(db: Database, device: DeviceAuth) -> None:
    """Record when the device was last heard from (at most once a minute): a write of its own,
    the writer lock first, after the reading session is closed."""
    if device.seen_stale:
        with db.transaction() as w:
            w.execute(update(Device).where(Device.id == device.device_id).values(last_seen_at=now()))


def current_device(
    db: Annotated[Database, Depends(get_db)],
    scopes: Annotated[StoreScopes, Depends(get_scopes)],
    creds: Credentials,
) -> DeviceAuth:
    """Authenticate with a session of its own, closed before the handler runs: a long-lived
    response (the event stream) must not hold a pooled connection for hours."""
    with db.session() as session:
        device = authenticate(session, scopes, creds)
    mark_seen(db, device)
    return device


def current_channel(session: SessionDep, creds: Credentials) -> ChannelClient:
    if creds is None:
        raise _unauthorized("Send a channel token")
    client = session.scalar(select(ChannelClient).where(ChannelClient.token_hash == digest(creds.credentials)))
    if client is None or client.revoked_at is not None:
        raise _unauthorized("Unknown or revoked channel token")
    return client


DeviceDep = Annotated[DeviceAuth, Depends(current_device)]
ScopesDep = Annotated[StoreScopes, Depends(get_scopes)]
ChannelDep = Annotated[ChannelClient, Depends(current_channel)]


def json_body(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency reading the request body as `model` from its JSON text.

    The wire models are strict (sync.protocol.Strict): validated from JSON, a UUID or a time is
    a string of the right form; FastAPI validates a body from the parsed Python objects, where
    strict mode wants UUID and datetime instances. Pair it with `json_body_doc(model)`."""

    async def read(request: Request) -> M:
        raw = await request.body()
        try:
            return model.model_validate_json(raw)
        except ValidationError as e:
            errors = [{**err, "loc": ("body", *err["loc"])} for err in e.errors(include_url=False)]
            raise RequestValidationError(errors) from None

    return read


def json_body_doc(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` of a route taking `json_body(model)` (central.app adds the schema)."""
    BODY_MODELS.append(model)
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


BODY_MODELS: list[type[BaseModel]] = []
