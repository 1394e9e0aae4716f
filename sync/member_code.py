"""The customer's member QR (docs/loyalty.md): ``aisle:m1:<payload>.<signature>``, shown on the
web shop's account page (the channel API gives it) and scanned at the till to attach them.

Payload: canonical compact JSON (sorted keys) — the customer's id (`c`), name (`n`), customer
group (`g`, for the members' prices offline), when it was made (`t`) and the id of central's key
that signed it (`k`) — base64url without padding; the signature is Ed25519 over the payload's
text, as the pickup code (sync/pickup_code.py). Central signs; a till verifies OFFLINE with the
`central_keys` stream. A member code does not expire (a card in the customer's wallet); a
customer whose id was merged is attached as the one it was merged into by central later.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.receipts.code import _b64, _unb64

PREFIX = "aisle:m1:"


class MemberCodeError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class MemberClaim:
    customer_id: int
    name: str
    group: str
    issued: int  # UTC epoch seconds
    key: str

    def to_payload(self) -> dict[str, str | int]:
        return {"c": self.customer_id, "g": self.group, "k": self.key, "n": self.name, "t": self.issued}


def sign_member_code(claim: MemberClaim, key: Ed25519PrivateKey) -> str:
    text = json.dumps(claim.to_payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    payload = _b64(text.encode())
    return f"{PREFIX}{payload}.{_b64(key.sign(payload.encode('ascii')))}"


def is_member_code(text: str) -> bool:
    return text.strip().startswith(PREFIX)


def verify_member_code(
    code: str, keys: Mapping[str, Ed25519PublicKey] | Callable[[str], Ed25519PublicKey | None]
) -> MemberClaim:
    """The claim once the signature holds with the key it names; MemberCodeError otherwise."""
    code = code.strip()
    if not code.startswith(PREFIX) or code.count(".") != 1:
        raise MemberCodeError("member_code.format", "This is not a member code of this retailer.")
    payload, sig = code[len(PREFIX) :].split(".")
    try:
        d = json.loads(_unb64(payload))
        claim = MemberClaim(int(d["c"]), str(d["n"]), str(d.get("g", "")), int(d["t"]), str(d["k"]))
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise MemberCodeError(
            "member_code.format", "This member code is damaged; ask the customer to show it again."
        ) from None
    key = keys(claim.key) if callable(keys) else keys.get(claim.key)
    if key is None:
        raise MemberCodeError(
            "member_code.unknown_key", "This code was signed with a key this till does not know: sync, then scan again."
        )
    try:
        key.verify(_unb64(sig), payload.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError):
        raise MemberCodeError("member_code.forged", "This member code is not genuine (altered or forged).") from None
    return claim
