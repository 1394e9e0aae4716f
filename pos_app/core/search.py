"""Turn what a person types into a safe SQLite FTS5 query.

Every token becomes a quoted prefix term, so FTS syntax characters (`"`, `*`, `-`, `:`, `^`,
parentheses) and keywords (`AND`, `OR`, `NOT`, `NEAR`) are searched as text and never raise.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())[:MAX_TERMS]


def fts_query(text: str) -> str | None:
    """`red sne` -> `"red"* "sne"*`; None when nothing searchable is left."""
    terms = tokens(text)
    if not terms:
        return None
    return " ".join(f'"{t}"*' for t in terms)
