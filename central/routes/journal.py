"""The devices' journals as central received them: the breaks found in each device's chain
(gap, broken link, altered entry, duplicate, a re-enrolled chain that does not continue the old
one). Channel clients (head office tools) read them; a device never does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.deps import ChannelDep, SessionDep
from central.models import JournalBreak
from central.routes import ERRORS

router = APIRouter(prefix="/v1/journal", tags=["journal"], responses=ERRORS)

BreakKind = Literal["gap", "link", "altered", "duplicate", "relink"]


class JournalBreakOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    device_id: str
    seq: int = Field(description="the device's journal seq where the chain does not hold")
    kind: BreakKind = Field(
        description="gap: entries missing or out of order; link: prev_hash is not the entry before; "
        "altered: the hash does not recompute; duplicate: a seq central already holds; "
        "relink: a re-enrolled device's chain does not continue where its old identity's ended"
    )
    detail: str
    op_id: str = Field(description="the journal.batch op that carried it")
    noticed_at: datetime


class JournalBreakPage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    breaks: list[JournalBreakOut]
    next: int
    has_more: bool


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def list_breaks(session: Session, device: str | None, after: int, limit: int) -> JournalBreakPage:
    q = select(JournalBreak).where(JournalBreak.id > after)
    if device is not None:
        q = q.where(JournalBreak.device_id == device)
    rows = session.scalars(q.order_by(JournalBreak.id).limit(limit + 1)).all()
    page = [
        JournalBreakOut(
            id=b.id,
            device_id=b.device_id,
            seq=b.seq,
            kind=b.kind,
            detail=b.detail,
            op_id=b.op_id,
            noticed_at=_aware(b.noticed_at),
        )
        for b in rows[:limit]
    ]
    return JournalBreakPage(breaks=page, next=page[-1].id if page else after, has_more=len(rows) > limit)


@router.get("/breaks")
def journal_breaks(
    _client: ChannelDep,
    session: SessionDep,
    device: Annotated[str | None, Query(min_length=1, max_length=36, description="only this device")] = None,
    after: Annotated[int, Query(ge=0, le=2**62, description="the `next` of the previous page")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> JournalBreakPage:
    """Where devices' journal chains do not hold, in the order central found them (channel clients)."""
    return list_breaks(session, device, after, limit)
