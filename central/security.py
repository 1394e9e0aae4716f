"""Tokens and one-time codes. Only SHA-256 digests are stored; the secrets leave once."""

from __future__ import annotations

import hashlib
import secrets

# Crockford base32 without I, L, O, U: nothing a person can misread on a screen.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_enroll_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code: str) -> str:
    """Accept what people type: lower case, spaces, O for 0, I/L for 1; dashes optional."""
    cleaned = code.strip().upper().replace(" ", "").replace("-", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != 12:
        return cleaned
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:]}"
