"""Request dependencies: the database, and who is calling (a device or a channel client)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.changes import now
from central.db import Database
from central.feeds import Scope, scope_for_store
from central.hub import Hub
from central.models import ChannelClient, Device, Location
from central.security import digest

bearer = HTTPBearer(auto_error=False, description="Device token from enrolment, or channel token")


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def get_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    with db.session() as s:
        yield s


SessionDep = Annotated[Session, Depends(get_session)]
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


class StoreScopes:
    """Each store's code and scope, kept for `ttl` seconds. A scope changes only when head office
    reconfigures nearby stores or price lists, and working it out was four of the five queries
    of every authenticated device request; a live change reaches each tablet as a poke and a
    pull, so per-request cost is what bounds how fast 50 tablets see it. The device itself (and
    so its revocation) is still read on every request."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._known: dict[int, tuple[float, str, Scope]] = {}

    def get(self, session: Session, store_id: int) -> tuple[str, Scope]:
        hit = self._known.get(store_id)
        if hit is not None and time.monotonic() - hit[0] < self.ttl:
            return hit[1], hit[2]
        code = session.get_one(Location, store_id).code
        scope = scope_for_store(session, store_id)
        self._known[store_id] = (time.monotonic(), code, scope)
        return code, scope


def get_scopes(request: Request) -> StoreScopes:
    scopes: StoreScopes = request.app.state.scopes
    return scopes


def current_device(
    db: Annotated[Database, Depends(get_db)],
    scopes: Annotated[StoreScopes, Depends(get_scopes)],
    creds: Credentials,
) -> DeviceAuth:
    """Authenticate with a session of its own, closed before the handler runs: a long-lived
    response (the event stream) must not hold a pooled connection for hours."""
    if creds is None:
        raise _unauthorized("This device is not enrolled: send its token")
    with db.session() as session:
        device = session.scalar(select(Device).where(Device.token_hash == digest(creds.credentials)))
        if device is None:
            raise _unauthorized("Unknown device token: enrol the device again")
        if device.revoked_at is not None:
            raise _unauthorized("This device was revoked: ask the head office to enrol it again")
        store_code, scope = scopes.get(session, device.store_id)
        stamp = now()
        last = device.last_seen_at
        if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
            last = last.replace(tzinfo=UTC)
        if last is None or (stamp - last).total_seconds() > 60:
            device.last_seen_at = stamp
            session.commit()
        return DeviceAuth(device.id, device.name, device.store_id, store_code, scope)


def current_channel(session: SessionDep, creds: Credentials) -> ChannelClient:
    if creds is None:
        raise _unauthorized("Send a channel token")
    client = session.scalar(select(ChannelClient).where(ChannelClient.token_hash == digest(creds.credentials)))
    if client is None or client.revoked_at is not None:
        raise _unauthorized("Unknown or revoked channel token")
    return client


DeviceDep = Annotated[DeviceAuth, Depends(current_device)]
ChannelDep = Annotated[ChannelClient, Depends(current_channel)]
