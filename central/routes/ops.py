"""The upload side: a device pushes its outbox, several ops per request (central.ops)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from central import ops
from central.deps import DatabaseDep, DeviceDep, HubDep, json_body, json_body_doc
from central.ops import batch
from central.routes import ERRORS
from sync.protocol import PushRequest, PushResponse

router = APIRouter(tags=["sync"])


@router.post(
    "/v1/ops",
    responses={k: v for k, v in ERRORS.items() if k in (401, 422)},
    openapi_extra=json_body_doc(PushRequest),
)
def push_ops(
    device: DeviceDep,  # first: a request without a valid token is a 401, whatever its body
    body: Annotated[PushRequest, Depends(json_body(PushRequest))],
    db: DatabaseDep,
    hub: HubDep,
) -> PushResponse:
    """Apply the ops in order, each as its own savepoint of a transaction shared by a run of them
    (central.ops.batch), and answer per op (200 whenever the request is well formed, even if
    every op was rejected)."""
    caller = ops.Caller(device.device_id, device.store_id)
    return batch.push(db, caller, body.ops, hub.publish)
