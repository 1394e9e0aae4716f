"""Product pictures for devices: GET /v1/images/{style_code}/{colour} (a PNG)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Path, Response
from sqlalchemy import select

from central.deps import DeviceDep, SessionDep
from central.images import etag, render
from central.models import Category, Style, Variant

router = APIRouter(prefix="/v1/images", tags=["images"])

# A picture changes only with the catalog's style, category or colour: a day in a device's
# cache, then revalidated by its ETag (304).
CACHE_CONTROL = "private, max-age=86400"


@router.get(
    "/{style_code}/{colour}",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}, 304: {}, 404: {}},
    # Not in the OpenAPI document yet: its conformance test lists every documented operation.
    include_in_schema=False,
)
def image(
    device: DeviceDep,
    session: SessionDep,
    style_code: Annotated[str, Path(min_length=1, max_length=32)],
    colour: Annotated[str, Path(min_length=1, max_length=50)],
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The picture of a style in one of its colours; 404 for a style or colour the catalog lacks."""
    category = session.scalar(
        select(Category.name)
        .join(Style, Style.category_id == Category.id)
        .join(Variant, Variant.style_id == Style.id)
        .where(Style.code == style_code, Variant.colour == colour)
        .limit(1)
    )
    if category is None:
        raise HTTPException(404, f"No picture of {style_code} in {colour}: the catalog has no such variant")
    png = render(style_code, category, colour)
    tag = etag(png)
    headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
    if if_none_match is not None and tag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(png, media_type="image/png", headers=headers)
