"""Returns, shared by central and the tablet (docs/returns.md): the signed return code, the
return policy and the refund arithmetic. Pure (stdlib + cryptography), like sync.pricing, because
both ends must reach the same figures and central may not import pos_app.

The code: ``aisle:t1:<payload>.<signature>``, signed by central's Ed25519 key (the key of the
`central_keys` stream that also signs pickup codes; the prefix tells the kinds apart). Payload:
canonical compact JSON (sorted keys, no spaces), base64url without padding:

- ``a`` the return authorization's id (UUID), ``n`` its number (what people say: R-…),
- ``o`` the sale's id, ``r`` its receipt number, ``s`` the store code it was sold at,
- ``c`` currency, ``l`` lines ``[line_id, variant_id, sku, quantity, amount]`` (amount: what
  those units paid, minor units), ``p`` tenders ``[type, amount, reference]`` (at most this much
  goes back to each, split as the sale was paid), ``f`` the preferred refund
  (``original`` | ``store_credit``), ``w`` the reason code,
- ``x`` valid until (UTC epoch seconds), ``t`` made at, ``k`` the signing key's id.

The signature is Ed25519 over the payload's base64url text, base64url without padding.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.receipts.code import _b64, _unb64

PREFIX = "aisle:t1:"
GRADES = ("resellable", "damaged", "wrong_item")
REFUNDS = ("original", "store_credit")
NO_RECEIPT_DAYS = 30  # the no-receipt limit counts a customer's returns without a receipt in this many days


def no_receipt_limit(currency: str) -> int:
    """What a customer may return without a receipt in NO_RECEIPT_DAYS, in minor units: JPY
    20,000, or 150.00 of a two-decimal currency (counted by central across tills)."""
    return 20000 if currency == "JPY" else 15000


DEFAULT_DAYS = 30


class ReturnCodeError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class CodeLine:
    line_id: str
    variant_id: int
    sku: str
    quantity: int
    amount: int  # what these units paid (minor units)


@dataclass(frozen=True, slots=True)
class CodeTender:
    type: str  # cash | card | store_credit | gift_card
    amount: int  # at most this much goes back to it
    reference: str  # the card's terminal transaction id ("" for cash)


@dataclass(frozen=True, slots=True)
class ReturnClaim:
    authorization: str
    number: str
    sale_id: str
    receipt_no: str
    store: str
    currency: str
    lines: tuple[CodeLine, ...]
    tenders: tuple[CodeTender, ...]
    refund: str
    reason: str
    expires: int
    issued: int
    key: str

    @property
    def total(self) -> int:
        return sum(x.amount for x in self.lines)

    def to_payload(self) -> dict[str, object]:
        return {
            "a": self.authorization,
            "c": self.currency,
            "f": self.refund,
            "k": self.key,
            "l": [[x.line_id, x.variant_id, x.sku, x.quantity, x.amount] for x in self.lines],
            "n": self.number,
            "o": self.sale_id,
            "p": [[t.type, t.amount, t.reference] for t in self.tenders],
            "r": self.receipt_no,
            "s": self.store,
            "t": self.issued,
            "w": self.reason,
            "x": self.expires,
        }


def sign_return_code(claim: ReturnClaim, key: Ed25519PrivateKey) -> str:
    text = json.dumps(claim.to_payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    payload = _b64(text.encode())
    return f"{PREFIX}{payload}.{_b64(key.sign(payload.encode('ascii')))}"


def is_return_code(text: str) -> bool:
    return text.strip().startswith(PREFIX)


def read_return_code(code: str) -> ReturnClaim:
    """The claim in a code WITHOUT checking its signature."""
    code = code.strip()
    if not code.startswith(PREFIX) or code.count(".") != 1:
        raise ReturnCodeError("return_code.format", "This is not a return code of this retailer.")
    payload, _sig = code[len(PREFIX) :].split(".")
    try:
        d = json.loads(_unb64(payload))
        return ReturnClaim(
            authorization=str(d["a"]),
            number=str(d["n"]),
            sale_id=str(d["o"]),
            receipt_no=str(d["r"]),
            store=str(d["s"]),
            currency=str(d["c"]),
            lines=tuple(CodeLine(str(a), int(b), str(c), int(q), int(m)) for a, b, c, q, m in d["l"]),
            tenders=tuple(CodeTender(str(t), int(m), str(r)) for t, m, r in d["p"]),
            refund=str(d["f"]),
            reason=str(d["w"]),
            expires=int(d["x"]),
            issued=int(d["t"]),
            key=str(d["k"]),
        )
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ReturnCodeError("return_code.format", "This return code is damaged; ask for the e-mail again.") from None


def verify_return_code(
    code: str,
    keys: Mapping[str, Ed25519PublicKey] | Callable[[str], Ed25519PublicKey | None],
    *,
    currency: str,
    now: float,
) -> ReturnClaim:
    """The claim once the signature holds with the key it names, in this store's currency and
    not expired. Any store of the retailer in the sale's currency may take the return back."""
    claim = read_return_code(code)
    key = keys(claim.key) if callable(keys) else keys.get(claim.key)
    if key is None:
        raise ReturnCodeError(
            "return_code.unknown_key",
            "This code was signed with a key this tablet does not know: sync, then scan again.",
        )
    payload, sig = code.strip()[len(PREFIX) :].split(".")
    try:
        key.verify(_unb64(sig), payload.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError):
        raise ReturnCodeError("return_code.forged", "This return code is not genuine (altered or forged).") from None
    if claim.currency != currency:
        raise ReturnCodeError(
            "return_code.currency",
            f"This return was paid in {claim.currency}: take it back at a store that sells in it.",
        )
    if now > claim.expires:
        raise ReturnCodeError(
            "return_code.expired", f"Return {claim.number} expired; the customer can start a new one."
        )
    return claim


# --- the policy ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """One row of the `return_policy` stream: kind ``window`` (match a category, ``*`` the
    default; days the return window), ``final`` (match a SKU or ``category:<name>``: never
    returnable) or ``reason`` (match the reason code; words its names per language)."""

    id: str
    kind: str
    match: str
    days: int
    words: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Policy:
    rules: tuple[PolicyRule, ...]

    def days(self, category: str) -> int:
        by = {r.match: r.days for r in self.rules if r.kind == "window"}
        return by.get(category, by.get("*", DEFAULT_DAYS))

    def final(self, sku: str, category: str) -> bool:
        marks = {r.match for r in self.rules if r.kind == "final"}
        return sku in marks or f"category:{category}" in marks

    def reasons(self) -> list[tuple[str, Mapping[str, str]]]:
        return [(r.match, r.words) for r in self.rules if r.kind == "reason"]

    def reason_words(self, code: str, lang: str) -> str:
        for r in self.rules:
            if r.kind == "reason" and r.match == code:
                return r.words.get(lang) or r.words.get("en") or code
        return code

    def refusal(self, *, sku: str, category: str, sold_at: datetime, at: datetime) -> tuple[str, str] | None:
        """Why this item cannot come back now, as (code, one sentence), or None."""
        if self.final(sku, category):
            return "return.final_sale", f"{sku} was a final sale and cannot be returned."
        days = self.days(category)
        until = sold_at + timedelta(days=days)
        if at > until:
            return (
                "return.window",
                f"The {days}-day return window for {category or 'this item'} ended on {until.date().isoformat()}.",
            )
        return None


def policy_of(rows: Sequence[Sequence[object]]) -> Policy:
    """A Policy from stream rows (id, kind, match, days, words as compact JSON)."""
    out = []
    for rid, kind, match, days, words in rows:
        w = json.loads(str(words or "{}"))
        out.append(PolicyRule(str(rid), str(kind), str(match), int(str(days)), {str(k): str(v) for k, v in w.items()}))
    return Policy(tuple(out))


# --- refund arithmetic -------------------------------------------------------------------------------


def units_amount(line_total: int, sold: int, before: int, quantity: int) -> int:
    """What `quantity` more units of a line paid when `before` came back already: the line's
    total spread over its units so that all units together give back exactly the total."""
    if quantity < 0 or before < 0 or before + quantity > sold:
        raise ValueError("more units than were sold")
    return line_total * (before + quantity) // sold - line_total * before // sold


def allocate(amount: int, room: Sequence[tuple[str, int, int]]) -> list[int]:
    """Split a refund of `amount` over the sale's tenders as they were paid. `room` holds per
    tender (key, paid, still refundable). Shares follow what each paid (largest remainder, ties
    to the earlier tender); a tender never gets more than its room, and what it cannot take goes
    to the others the same way. ValueError when all of them together cannot take it."""
    if amount < 0:
        raise ValueError("a refund is not negative")
    if amount > sum(max(r, 0) for _k, _p, r in room):
        raise ValueError("more than the sale's tenders can take back")
    out = [0] * len(room)
    left = amount
    open_ = [i for i, (_k, _p, r) in enumerate(room) if r > 0]
    while left > 0 and open_:
        weights = [max(room[i][1], 1) for i in open_]
        total_w = sum(weights)
        shares = [left * w // total_w for w in weights]
        rest = left - sum(shares)
        order = sorted(range(len(open_)), key=lambda j: (-(left * weights[j] % total_w), j))
        for j in order[:rest]:
            shares[j] += 1
        for j, i in enumerate(open_):
            give = min(shares[j], room[i][2] - out[i])
            out[i] += give
            left -= give
        open_ = [i for i in open_ if room[i][2] - out[i] > 0]
    return out
