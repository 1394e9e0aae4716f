"""Product pictures for devices: GET /v1/images/{style_code}/{colour} (a PNG)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Path, Response
from sqlalchemy import select

from central.deps import DeviceDep, SessionDep
from central.images import picture
from central.models import Category, Style, Variant
from central.routes import ERRORS

router = APIRouter(prefix="/v1/images", tags=["images"])

# A picture changes only with the catalog's style, category or colour: a day in a device's
# cache, then revalidated by its ETag (304).
CACHE_CONTROL = "private, max-age=86400"


_CACHE_HEADERS = {
    "ETag": {"description": "The picture's entity tag (a hash of its bytes)", "schema": {"type": "string"}},
    "Cache-Control": {"description": "How long a device may keep it unasked", "schema": {"type": "string"}},
}


@router.get(
    "/{style_code}/{colour}",
    response_class=Response,
    responses={
        200: {
            "description": "The picture, a PNG",
            "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
            "headers": _CACHE_HEADERS,
        },
        304: {"description": "Not modified: the If-None-Match tag is the current one", "headers": _CACHE_HEADERS},
        **{k: v for k, v in ERRORS.items() if k in (401, 404, 422)},
    },
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
    png, tag = picture(style_code, category, colour)
    headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
    if if_none_match is not None and _matches(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    return Response(png, media_type="image/png", headers=headers)


def _matches(if_none_match: str, tag: str) -> bool:
    """RFC 9110 If-None-Match: "*" or any listed tag, compared weakly (W/ prefixes ignored)."""
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or tag in tags
