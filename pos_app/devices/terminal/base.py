"""The payment-terminal contract: what a till may ask a card terminal, and what it may hear back.

Money is in minor units (cents, yen) with an ISO 4217 currency. Every request carries a
ServiceID that the CALLER chose with `new_service_id()` and wrote down locally before asking,
so that after a timeout, a dropped answer or a restart it can ask `status(service_id)` instead
of charging again. The recovery rule (docs/terminal.md):

    outcome = terminal.start_payment(...)
    if isinstance(outcome, Unknown):          # timeout, dropped answer, unreadable answer
        outcome = terminal.status(service_id)  # poll while it is InProgress; never a second start

`start_payment` / `refund` RAISE a `TerminalError` only when the terminal certainly did not act
on the request (unreachable before sending, busy, wrong terminal, bad certificate, the terminal
could not read our message, a ServiceID it has seen before): `error.safe_to_retry` is then True.
Anything that happens after the request may have reached the terminal comes back as `Unknown`
with the typed error in `Unknown.error`.

Card data: outcomes carry the masked PAN, brand, approval code and the terminal's transaction
id, and the receipt lines the terminal printed for the merchant and the customer — nothing else.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from pos_app.devices.terminal_words import Said

SERVICE_ID_MAX = 10  # nexo MessageHeader.ServiceID: max 10 characters, unique per SaleID
_SERVICE_ID_ALPHABET = string.ascii_uppercase + string.digits


def new_service_id() -> str:
    """A fresh ServiceID: 10 random characters of [A-Z0-9] (36^10 ≈ 3.7e15 values), so two
    tills or two restarts never repeat one for the same SaleID in practice."""
    return "".join(secrets.choice(_SERVICE_ID_ALPHABET) for _ in range(SERVICE_ID_MAX))


def check_service_id(service_id: str) -> None:
    if not (1 <= len(service_id) <= SERVICE_ID_MAX) or not service_id.isascii() or not service_id.isalnum():
        raise InvalidRequest(Said("terminal.bad_service_id", most=SERVICE_ID_MAX, service_id=service_id))


# --- errors -------------------------------------------------------------------------------------


class TerminalError(Exception):
    """A terminal problem staff can act on. ``code`` is stable (the UI words it, translated);
    ``str(error)`` is one sentence for staff in English. ``safe_to_retry``: True when the terminal
    certainly did not act on the request (no money moved); False when it may have: recover with
    `status(service_id)`."""

    code = "terminal.error"
    safe_to_retry = False

    def __init__(self, message: str, *, safe_to_retry: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        if safe_to_retry is not None:
            self.safe_to_retry = safe_to_retry


class InvalidRequest(TerminalError):
    """The till asked something the contract does not allow (a bad ServiceID, amount, currency)."""

    code = "terminal.invalid_request"
    safe_to_retry = True


class TerminalUnreachable(TerminalError):
    code = "terminal.unreachable"
    safe_to_retry = True


class TerminalBusy(TerminalError):
    code = "terminal.busy"
    safe_to_retry = True


class WrongTerminal(TerminalError):
    """The device at the address is another terminal than the configured POIID."""

    code = "terminal.wrong_poiid"
    safe_to_retry = True


class CertificateMismatch(TerminalError):
    """The terminal's TLS certificate is not signed by the configured CA (or is unreadable)."""

    code = "terminal.certificate"
    safe_to_retry = True


class ProtectionFailure(TerminalError):
    """The shared key does not match: the terminal could not read our message, or its answer
    failed the HMAC check (then ``safe_to_retry`` is False: it may have acted)."""

    code = "terminal.key"


class MalformedResponse(TerminalError):
    code = "terminal.malformed"


class ServiceIdMismatch(TerminalError):
    """The answer is for another request (another ServiceID, SaleID or message category)."""

    code = "terminal.other_service_id"


class AmountMismatch(TerminalError):
    """The terminal answered for another amount or currency than the till asked."""

    code = "terminal.amount_mismatch"


class DuplicateServiceId(TerminalError):
    """The terminal refused the request: it has seen this ServiceID before for another request.
    Nothing was charged by this request; ask `status` of that ServiceID to learn what the
    earlier one did, and use a new ServiceID for anything new."""

    code = "terminal.duplicate_service_id"
    safe_to_retry = True


class TerminalRefused(TerminalError):
    """The terminal refused a non-payment request (abort, reconciliation, status) with a
    nexo ErrorCondition (``condition``)."""

    code = "terminal.refused"
    safe_to_retry = True

    def __init__(self, message: str, *, condition: str = "", safe_to_retry: bool | None = None) -> None:
        super().__init__(message, safe_to_retry=safe_to_retry)
        self.condition = condition


# --- outcomes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TerminalTransaction:
    """The terminal's own id of a transaction (nexo POIData.POITransactionID): what a refund
    refers to. ``timestamp`` is the terminal's ISO 8601 string, kept as sent."""

    transaction_id: str
    timestamp: str


ReceiptLines = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Approved:
    service_id: str
    amount_minor: int
    currency: str
    masked_pan: str  # e.g. "541333******0011" — never more
    brand: str  # e.g. "mc", "visa"
    approval_code: str
    transaction: TerminalTransaction
    merchant_receipt: ReceiptLines = ()
    customer_receipt: ReceiptLines = ()
    stored_offline: bool = False  # approved by store-and-forward, to be sent by the terminal later
    kind: Literal["approved"] = "approved"


@dataclass(frozen=True, slots=True)
class Declined:
    service_id: str
    condition: str  # nexo ErrorCondition: Refusal, InvalidCard, WrongPIN, PaymentRestriction, ...
    reason: str  # one sentence that may be said to the customer
    transaction: TerminalTransaction | None = None
    merchant_receipt: ReceiptLines = ()
    customer_receipt: ReceiptLines = ()
    kind: Literal["declined"] = "declined"


@dataclass(frozen=True, slots=True)
class Cancelled:
    service_id: str
    by: Literal["till", "terminal"]  # an AbortRequest of ours (Aborted), or on the terminal (Cancel)
    reason: str
    kind: Literal["cancelled"] = "cancelled"


@dataclass(frozen=True, slots=True)
class Unknown:
    """The till cannot tell what the terminal did. ``why``: timeout | dropped | unreadable |
    not_found | cannot_say. Recover with `status(service_id)`; if the terminal cannot say
    either, staff look at the terminal and record what it shows."""

    service_id: str
    why: str
    message: str
    error: TerminalError | None = None
    kind: Literal["unknown"] = "unknown"


@dataclass(frozen=True, slots=True)
class InProgress:
    """Status only: the terminal is still working on it (the customer is at the terminal)."""

    service_id: str
    kind: Literal["in_progress"] = "in_progress"


@dataclass(frozen=True, slots=True)
class Refunded:
    service_id: str
    amount_minor: int
    currency: str
    original: TerminalTransaction
    transaction: TerminalTransaction | None
    merchant_receipt: ReceiptLines = ()
    customer_receipt: ReceiptLines = ()
    kind: Literal["refunded"] = "refunded"


PaymentOutcome = Approved | Declined | Cancelled | Unknown
StatusOutcome = Approved | Declined | Cancelled | Unknown | InProgress | Refunded  # Refunded: category="Reversal"
RefundOutcome = Refunded | Declined | Unknown


@dataclass(frozen=True, slots=True)
class CurrencyTotals:
    currency: str
    payments_count: int = 0
    payments_minor: int = 0
    refunds_count: int = 0
    refunds_minor: int = 0


@dataclass(frozen=True, slots=True)
class ReconciliationTotals:
    service_id: str
    reconciliation_id: str  # nexo POIReconciliationID: the terminal's batch
    totals: tuple[CurrencyTotals, ...] = field(default_factory=tuple)

    def for_currency(self, currency: str) -> CurrencyTotals:
        for t in self.totals:
            if t.currency == currency:
                return t
        return CurrencyTotals(currency)


@runtime_checkable
class PaymentTerminal(Protocol):
    """One card terminal. Calls block until the terminal answers (a payment waits for the
    customer); run them off the UI thread. `abort` may be called from another thread while
    `start_payment` waits. Implementations: `SimulatedTerminal` (in process) and
    `NexoTerminal` (the network driver)."""

    poiid: str
    sale_id: str
    supports_store_and_forward: bool

    def start_payment(
        self, *, service_id: str, amount_minor: int, currency: str, sale_reference: str, timeout: float | None = None
    ) -> PaymentOutcome: ...

    def status(
        self,
        service_id: str,
        *,
        category: Literal["Payment", "Reversal"] = "Payment",
        expected_amount_minor: int | None = None,
        expected_currency: str | None = None,
    ) -> StatusOutcome: ...

    def abort(self, service_id: str, *, reason: str = "MerchantAbort") -> None: ...

    def refund(
        self,
        *,
        service_id: str,
        original: TerminalTransaction,
        amount_minor: int,
        currency: str,
        original_amount_minor: int | None = None,
        timeout: float | None = None,
    ) -> RefundOutcome: ...

    def reconcile(self, *, service_id: str) -> ReconciliationTotals: ...

    def close(self) -> None: ...
