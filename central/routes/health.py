"""Health, device enrolment and "who am I"."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import update

from central.changes import now, writing
from central.db import get_epoch, get_pin_key
from central.deps import DeviceDep, SessionDep
from central.models import Device, EnrollCode, Location
from central.routes import ERRORS
from central.security import digest, new_token, normalise_code
from sync.protocol import DeviceInfo, EnrollRequest, EnrollResponse, Health, Problem
from sync.version import commit, version

router = APIRouter()


@router.get("/health", tags=["ops"])
def health(session: SessionDep) -> Health:
    return Health(status="ok", time=now(), epoch=get_epoch(session), version=version(), commit=commit())


@router.post(
    "/v1/enroll",
    status_code=status.HTTP_201_CREATED,
    tags=["devices"],
    responses={400: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}},
)
def enroll(body: EnrollRequest, session: SessionDep) -> EnrollResponse:
    token = new_token()
    with writing(session):
        code = session.get(EnrollCode, digest(normalise_code(body.code)))
        if code is None:
            raise HTTPException(403, "This enrolment code is not valid. Check it and type it again.")
        if code.used_at is not None:
            raise HTTPException(403, "This enrolment code was already used. Ask for a new one.")
        expires = code.expires_at if code.expires_at.tzinfo else code.expires_at.replace(tzinfo=now().tzinfo)
        if expires < now():
            raise HTTPException(403, "This enrolment code has expired. Ask for a new one.")
        device = Device(
            id=str(uuid.uuid4()),
            name=body.device_name,
            store_id=code.store_id,
            token_hash=digest(token),
            created_at=now(),
        )
        # Claim the code with one conditional UPDATE: of concurrent enrolments with the same code
        # (eight tablets scanning one QR code) only the first may win. The writer lock already
        # serialises them; the condition keeps that true without it.
        claimed = session.connection().execute(
            update(EnrollCode)
            .where(EnrollCode.code_hash == code.code_hash, EnrollCode.used_at.is_(None))
            .values(used_at=now(), device_id=device.id)
        )
        if claimed.rowcount != 1:
            raise HTTPException(403, "This enrolment code was already used. Ask for a new one.")
        session.add(device)
        store = session.get_one(Location, code.store_id)
        pin_key = get_pin_key(session)
    return EnrollResponse(
        device_id=device.id,
        token=token,
        pin_key=pin_key,
        store_id=store.id,
        store_code=store.code,
        store_name=store.name,
    )


@router.get("/v1/device", tags=["devices"], responses=ERRORS)
def device_info(device: DeviceDep) -> DeviceInfo:
    return DeviceInfo(
        device_id=device.device_id,
        name=device.name,
        store_id=device.store_id,
        store_code=device.store_code,
        scope_location_ids=list(device.scope.stock_locations),
    )
