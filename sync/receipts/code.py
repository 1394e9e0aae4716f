"""The signed sale reference a receipt's QR carries: ``aisle:r1:<payload>.<signature>``.

Payload: canonical compact JSON (sorted keys, no spaces) of the sale's reference — store,
device, receipt number, time (UTC epoch seconds), total and currency, and the id of the key
that signed it — base64url without padding. Signature: Ed25519 over the payload's base64url
text (what is signed is exactly what is printed), base64url without padding.

Who signs (decision): a tablet prints receipts offline, so it cannot use central's key
(DESIGN.md section 6). Each device makes its own Ed25519 key the first time it prints, keeps
the private half in the OS keyring, and signs with it; the key id is the device's id. Central
learns the public half at enrolment (the returns issue adds it to the enrolment exchange) and
verifies a receipt code with the key of the device named in it. Central-signed codes (pickup,
return) keep their own prefixes.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "aisle:r1:"


class InvalidCode(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class SaleReference:
    store: str
    device: str
    number: str  # receipt number
    at: int  # UTC epoch seconds
    total: int  # minor units
    currency: str
    key: str  # id of the signing key (the device's id)

    def to_payload(self) -> dict[str, str | int]:
        return {
            "c": self.currency,
            "d": self.device,
            "k": self.key,
            "n": self.number,
            "s": self.store,
            "t": self.at,
            "v": self.total,
        }


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_text(key: Ed25519PrivateKey) -> str:
    """The raw 32-byte private key as base64url (what the keyring keeps)."""
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return _b64(raw)


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_unb64(text))


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw 32-byte public key as base64url (what central learns at enrolment)."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return _b64(pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def public_key_from_text(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_unb64(text))


def sign_reference(ref: SaleReference, key: Ed25519PrivateKey) -> str:
    payload = _b64(json.dumps(ref.to_payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
    return f"{PREFIX}{payload}.{_b64(key.sign(payload.encode('ascii')))}"


def read_reference(code: str) -> SaleReference:
    """The reference in a code WITHOUT checking its signature (to find which key to check with)."""
    if not code.startswith(PREFIX) or code.count(".") != 1:
        raise InvalidCode("code.format", "This is not an Aisle receipt code.")
    payload, _sig = code[len(PREFIX) :].split(".")
    try:
        d = json.loads(_unb64(payload))
        return SaleReference(
            store=str(d["s"]),
            device=str(d["d"]),
            number=str(d["n"]),
            at=int(d["t"]),
            total=int(d["v"]),
            currency=str(d["c"]),
            key=str(d["k"]),
        )
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise InvalidCode("code.format", "This receipt code is damaged.") from None


def verify_reference(
    code: str, keys: Mapping[str, Ed25519PublicKey] | Callable[[str], Ed25519PublicKey | None]
) -> SaleReference:
    """The reference in ``code`` once its signature checks out with the key it names."""
    ref = read_reference(code)
    key = keys(ref.key) if callable(keys) else keys.get(ref.key)
    if key is None:
        raise InvalidCode("code.unknown_key", "This receipt was signed by a device this store does not know.")
    payload, sig = code[len(PREFIX) :].split(".")
    try:
        key.verify(_unb64(sig), payload.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError):
        raise InvalidCode("code.signature", "This receipt code was not signed by its device (altered?).") from None
    return ref
