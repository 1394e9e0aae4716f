"""The signed pickup code a customer shows at the store: ``aisle:p1:<payload>.<signature>``.

Payload: canonical compact JSON (sorted keys, no spaces) — the pickup's id (`p`) and number
(`o`), the store's code (`s`), when it stops being valid (`x`, UTC epoch seconds), when it was
made (`t`) and the id of central's key that signed it (`k`) — base64url without padding.
Signature: Ed25519 over the payload's base64url text, base64url without padding.

Central signs (its key never leaves it, central.pickups); a tablet verifies OFFLINE with the
public keys of the `central_keys` stream. `verify_pickup_code` refuses with a code and one
sentence: a damaged or forged code, an unknown key, another store's code, an expired one. What
only the store's copy of the pickup can say (already collected) is the caller's check.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.receipts.code import _b64, _unb64

PREFIX = "aisle:p1:"


class PickupCodeError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class PickupClaim:
    pickup_id: int
    number: str
    store: str
    expires: int  # UTC epoch seconds
    issued: int
    key: str

    def to_payload(self) -> dict[str, str | int]:
        return {
            "k": self.key,
            "o": self.number,
            "p": self.pickup_id,
            "s": self.store,
            "t": self.issued,
            "x": self.expires,
        }


def sign_pickup_code(claim: PickupClaim, key: Ed25519PrivateKey) -> str:
    text = json.dumps(claim.to_payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    payload = _b64(text.encode())
    return f"{PREFIX}{payload}.{_b64(key.sign(payload.encode('ascii')))}"


def read_pickup_code(code: str) -> PickupClaim:
    """The claim in a code WITHOUT checking its signature."""
    code = code.strip()
    if not code.startswith(PREFIX) or code.count(".") != 1:
        raise PickupCodeError("pickup_code.format", "This is not a pickup code of this retailer.")
    payload, _sig = code[len(PREFIX) :].split(".")
    try:
        d = json.loads(_unb64(payload))
        return PickupClaim(
            pickup_id=int(d["p"]),
            number=str(d["o"]),
            store=str(d["s"]),
            expires=int(d["x"]),
            issued=int(d["t"]),
            key=str(d["k"]),
        )
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise PickupCodeError("pickup_code.format", "This pickup code is damaged; ask for the e-mail again.") from None


def verify_pickup_code(
    code: str,
    keys: Mapping[str, Ed25519PublicKey] | Callable[[str], Ed25519PublicKey | None],
    *,
    store: str,
    now: float,
) -> PickupClaim:
    """The claim once the signature holds with the key it names, for this store, not expired."""
    claim = read_pickup_code(code)
    key = keys(claim.key) if callable(keys) else keys.get(claim.key)
    if key is None:
        raise PickupCodeError(
            "pickup_code.unknown_key",
            "This code was signed with a key this tablet does not know: sync, then scan again.",
        )
    payload, sig = code.strip()[len(PREFIX) :].split(".")
    try:
        key.verify(_unb64(sig), payload.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError):
        raise PickupCodeError("pickup_code.forged", "This pickup code is not genuine (altered or forged).") from None
    if claim.store != store:
        raise PickupCodeError(
            "pickup_code.other_store", f"This order is for pickup at store {claim.store}, not here ({store})."
        )
    if now > claim.expires:
        raise PickupCodeError(
            "pickup_code.expired", f"This pickup code expired; order {claim.number} was not collected in time."
        )
    return claim
