"""Pricing for the tablet: the shared engine (`sync.pricing`) behind a services face.

The UI and the CLI may not import `sync` (an import-linter contract), so they price through
here; engine refusals (`PricingError`) become `ValidationFailed` with the same code, params and
English sentence, so the screen words them like every other service error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pos_app.services.errors import ValidationFailed
from sync.pricing import Basket, PricedBasket, PricingError, price_basket, price_document

__all__ = ["Basket", "PricedBasket", "price", "price_document_text", "price_file"]


def _refused(e: PricingError) -> ValidationFailed:
    return ValidationFailed(e.code, e.message, **e.params)


def price(basket: Basket) -> PricedBasket:
    """Price a basket built by the basket service (raises ValidationFailed on refused input)."""
    try:
        return price_basket(basket)
    except PricingError as e:
        raise _refused(e) from None


def price_document_text(text: str, where: str = "input") -> PricedBasket:
    """Price a basket described in JSON (the `pos-app price` schema, docs/pricing.md)."""
    try:
        data: Any = json.loads(text, parse_float=_no_float)
    except _FloatFound as e:
        raise ValidationFailed("pricing.float", where=where, value=e.args[0]) from None
    except json.JSONDecodeError as e:
        raise ValidationFailed("pricing.json", where=where, detail=e.msg, line=e.lineno, column=e.colno) from None
    try:
        return price_document(data)
    except PricingError as e:
        raise _refused(e) from None


def price_file(path: Path) -> PricedBasket:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ValidationFailed("pricing.file", path=str(path), detail=str(e.strerror or e)) from None
    except UnicodeDecodeError:
        raise ValidationFailed("pricing.not_utf8", path=str(path)) from None
    return price_document_text(text, str(path))


class _FloatFound(ValueError):
    pass


def _no_float(s: str) -> Any:
    raise _FloatFound(s)
