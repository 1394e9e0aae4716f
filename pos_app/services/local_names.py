"""Product names in the store's language, for the basket's lines and the printed receipt.

The catalog names every variant in Latin letters (`catalog.name`, `catalog.colour`); the small
`names` stream adds names per language for styles and colours (sync/protocol.py), which the
tablet keeps in `styles.names` and the `names` table. A line shows the style's name and its
colour's name in the store's language when there is one, else the catalog's (docs/languages.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from pos_app.services.language import language_of


def _pick(value: Any, lang: str) -> str:
    if not value or value == "{}":
        return ""
    try:
        names = orjson.loads(value)
    except orjson.JSONDecodeError:
        return ""
    text = names.get(lang) if isinstance(names, dict) else None
    return text if isinstance(text, str) else ""


def store_language(store: Any, store_id: int) -> str:
    """The store's language by its locale (ja for Tokyo, de for Berlin, en otherwise)."""
    rows = store.query("SELECT locale FROM locations WHERE id=?", (store_id,))
    return language_of(str(rows[0][0]) if rows and rows[0][0] else None)


def local_names(store: Any, variant_ids: Iterable[int], language: str) -> dict[int, tuple[str, str]]:
    """Variant id → (name, colour) in `language`; each falls back to the catalog's own. English
    is the catalog's language: no lookup."""
    vids = sorted({int(v) for v in variant_ids})
    if not vids:
        return {}
    marks = ",".join("?" * len(vids))
    rows = store.query(
        "SELECT c.id, c.name, c.colour, s.names, n.value FROM catalog c "
        "LEFT JOIN styles s ON s.code = c.style_code "
        "LEFT JOIN names n ON n.kind = 'colour' AND n.key = c.colour "
        f"WHERE c.id IN ({marks})",
        vids,
    )
    out: dict[int, tuple[str, str]] = {}
    for vid, name, colour, style_names, colour_names in rows:
        if language == "en":
            out[int(vid)] = (str(name), str(colour))
        else:
            out[int(vid)] = (_pick(style_names, language) or str(name), _pick(colour_names, language) or str(colour))
    return out


__all__ = ["local_names", "store_language"]
