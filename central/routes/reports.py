"""The day's figures for head office (central/reports.py): `GET /v1/reports/day` as JSON (a
channel token: every store or `store=`; a device: its own store only) and the head-office page
`GET /ho/day` in a browser.

Decision (docs/shifts.md "Head office"): the page asks for a channel token through HTTP Basic
authentication (any user name, the token as the password): the browser's own sign-in prompt,
no session store, no token in the address (where it would land in history and logs), and the
same credential as the API. Server-rendered HTML with inline SVG bars: no JavaScript.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from central.deps import SessionDep
from central.models import ChannelClient, Location
from central.reports import StoreDay, money_text, stores_day
from central.routes import ERRORS
from central.routes.orders import reader
from central.security import digest

router = APIRouter(tags=["reports"], responses=ERRORS)
_env = Environment(loader=PackageLoader("central.mail", "templates"), autoescape=select_autoescape(["html"]))
REALM = 'Basic realm="Aisle head office", charset="UTF-8"'

Day = Annotated[
    str | None,
    Query(
        alias="date",
        pattern=r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        description="the stores' local date, YYYY-MM-DD; default today",
    ),
]
StoreCode = Annotated[str | None, Query(min_length=1, max_length=32, description="one store's code")]


def _stores(session: SessionDep, day_text: str | None, store: str | None, store_id: int | None) -> list[StoreDay]:
    try:
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError:
        raise HTTPException(404, f"There is no day {day_text} in the calendar") from None
    if store is not None:
        loc = session.scalar(select(Location).where(Location.code == store, Location.kind == "store"))
        if loc is None:
            raise HTTPException(404, f"Unknown store {store}")
        if store_id is not None and loc.id != store_id:
            raise HTTPException(403, "A device reads the figures of its own store only")
        store_id = loc.id
    return stores_day(session, day, store_id)


@router.get("/v1/reports/day")
def day_report(
    session: SessionDep,
    store_id: Annotated[int | None, Depends(reader)],
    day: Day = None,
    store: StoreCode = None,
) -> dict[str, Any]:
    """Each store's sales of one local day: by hour, tender, top items and staff (minor units)."""
    return {"stores": [s.to_json() for s in _stores(session, day, store, store_id)]}


basic = HTTPBasic(
    auto_error=False,
    realm="Aisle head office",
    description="Head office: any user name, a channel token as the password",
)


def _head_office(session: SessionDep, creds: Annotated[HTTPBasicCredentials | None, Depends(basic)]) -> ChannelClient:
    token = creds.password if creds is not None else ""
    client = session.scalar(select(ChannelClient).where(ChannelClient.token_hash == digest(token))) if token else None
    if client is None or client.revoked_at is not None:
        raise HTTPException(
            401,
            "Sign in with a channel token as the password (central channel-token --name head-office).",
            headers={"WWW-Authenticate": REALM},
        )
    return client


def _bars(buckets: list[Any], currency: str, locale: str) -> list[dict[str, Any]]:
    top = max((b.total for b in buckets), default=0) or 1
    return [
        {
            "label": b.label,
            "count": b.count,
            "money": money_text(b.total, currency, locale),
            "pct": round(100 * b.total / top),
        }
        for b in buckets
    ]


# The page answers HTML; its refusals before the page (no credential, a malformed date) are the
# API's JSON sentences, documented as such beside the HTML.
PAGE_ANSWERS: dict[int | str, dict[str, Any]] = {
    401: {**ERRORS[401], "content": {"application/json": {}}},
    422: {**ERRORS[422], "content": {"application/json": {}}},
    404: {"description": "No store with that code: a page saying so", "content": {"text/html": {}}},
}


@router.get("/ho/day", response_class=HTMLResponse, responses=PAGE_ANSWERS)
def head_office_page(
    session: SessionDep,
    _client: Annotated[ChannelClient, Depends(_head_office)],
    day: Day = None,
    store: StoreCode = None,
) -> HTMLResponse:
    """Head office's page: every store's day (or one store's) as bar tables."""
    try:
        stores = _stores(session, day, store, None)
    except HTTPException as e:
        html = _env.get_template("head_office_day.html").render(stores=[], day="", problem=str(e.detail))
        return HTMLResponse(html, status_code=e.status_code)
    locales = {str(c): str(v) for c, v in session.execute(select(Location.code, Location.locale))}
    view = [
        {
            "store": s.store,
            "name": s.name,
            "day": s.day.isoformat(),
            "sales": s.sales,
            "total": money_text(s.total, s.currency, locales.get(s.store, "en_US")),
            "sections": [
                (title, _bars(buckets, s.currency, locales.get(s.store, "en_US")))
                for title, buckets in (
                    ("Sales by hour", s.hours),
                    ("Tender mix", s.tenders),
                    ("Top items", s.top_items),
                    ("Staff", s.staff),
                )
            ],
        }
        for s in stores
    ]
    html = _env.get_template("head_office_day.html").render(stores=view, day=day or "")
    return HTMLResponse(html)
