"""Turn what a person types into a safe SQLite FTS5 query.

Every token becomes a quoted prefix term, so FTS syntax characters (`"`, `*`, `-`, `:`, `^`,
parentheses) and keywords (`AND`, `OR`, `NOT`, `NEAR`) are searched as text and never raise.
Names in kanji and kana go to a trigram index (`trigram_query`); when nothing matches, each
token may be corrected to the closest word of the catalog (`Vocabulary`).
"""

from __future__ import annotations

import bisect
import re

from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

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


# --- names in other scripts (kanji, kana, hangul, full-width forms) --------------------------

TRIGRAM = 3  # the trigram index finds substrings of at least this many characters


def other_script(text: str) -> bool:
    """Whether `text` holds characters of scripts written without spaces between words (CJK
    symbols and punctuation onwards: kana, kanji, hangul, full-width forms), which the local
    names' trigram index searches instead of the word index."""
    return any(ord(ch) >= 0x3000 for ch in text)


def substrings(text: str) -> list[str]:
    """What must each appear in a local name: the typed pieces between spaces and punctuation."""
    return tokens(text)


def trigram_query(pieces: list[str]) -> str | None:
    """`["リネン", "紺"]` -> `"リネン"` (pieces of 3+ characters as quoted substrings, AND-ed);
    None when every piece is too short for the trigram index (they go by a scan instead)."""
    long = [p for p in pieces if len(p) >= TRIGRAM]
    if not long:
        return None
    return " ".join('"' + p.replace('"', '""') + '"' for p in long)


# --- one typo --------------------------------------------------------------------------------

MIN_CORRECTED = 4  # shorter tokens are still being typed, or too short to guess from


class Vocabulary:
    """The catalog's words (names, brands, categories, colours), for correcting one typo per
    token: "lenin" -> "linen", "shrit" -> "shirt". Built once per catalog version by its owner.

    A token is corrected to the word at the smallest optimal-string-alignment distance (an
    adjacent swap is one edit) — at most 1 for four letters, 2 from five — ties going to the
    word that shares the most of its beginning (Jaro-Winkler), then to the most frequent word.
    Tokens that are words, or the beginning of one, are kept."""

    def __init__(self, words: dict[str, int]) -> None:
        # most frequent first: rapidfuzz keeps the first of equal scores
        self.words = sorted(words, key=lambda w: (-words[w], w))
        self.frequency = dict(words)
        self._sorted = sorted(words)

    def __len__(self) -> int:
        return len(self.words)

    def known(self, token: str) -> bool:
        i = bisect.bisect_left(self._sorted, token)
        return i < len(self._sorted) and self._sorted[i].startswith(token)

    def correct(self, token: str) -> str | None:
        """The word `token` was probably meant to be; None when it is fine or nothing is close."""
        if len(token) < MIN_CORRECTED or not token.isalpha() or self.known(token):
            return None
        limit = 1 if len(token) <= MIN_CORRECTED else 2
        close = process.extract(token, self.words, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not close:
            return None
        best = min(close, key=lambda c: (c[1], -JaroWinkler.similarity(token, c[0]), -self.frequency[c[0]], c[0]))
        return str(best[0])

    def correct_text(self, text: str) -> str | None:
        """`lenin shrit` -> `linen shirt`; None when no token changes."""
        terms = tokens(text)
        fixed = [self.correct(t) or t for t in terms]
        return " ".join(fixed) if fixed != terms else None


def showing_results_for(corrected: str) -> str:
    return f"Showing results for “{corrected}”"
