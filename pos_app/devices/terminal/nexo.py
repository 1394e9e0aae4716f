"""nexo Terminal API messages (as Adyen terminals speak them) and the client logic shared by the
network driver and the in-process simulated terminal.

`NexoClient` implements the `PaymentTerminal` contract over one abstract exchange: send a
``{"SaleToPOIRequest": ...}`` dict, get a ``{"SaleToPOIResponse": ...}`` dict. It builds the
requests, checks every answer (envelope, category, ServiceID, SaleID, POIID, amount, currency)
and turns it into an outcome. It never logs a message: only the fields of the outcome leave it.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal
from urllib.parse import parse_qs

from babel.numbers import get_currency_precision

from pos_app.devices.terminal import protection
from pos_app.devices.terminal.base import (
    AmountMismatch,
    Approved,
    Cancelled,
    CurrencyTotals,
    Declined,
    DuplicateServiceId,
    InProgress,
    InvalidRequest,
    MalformedResponse,
    PaymentOutcome,
    ProtectionFailure,
    ReconciliationTotals,
    Refunded,
    RefundOutcome,
    ServiceIdMismatch,
    StatusOutcome,
    TerminalBusy,
    TerminalError,
    TerminalRefused,
    TerminalTransaction,
    Unknown,
    WrongTerminal,
    check_service_id,
    new_service_id,
)
from pos_app.devices.terminal_words import Said, refusal, said_of

PROTOCOL_VERSION = "3.0"
ERROR_CONDITIONS = frozenset(
    {
        "Aborted", "Busy", "Cancel", "DeviceOut", "InProgress", "InsertedCard", "InvalidCard", "LoggedOut",
        "MessageFormat", "NotAllowed", "NotFound", "PaymentRestriction", "Refusal", "UnavailableDevice",
        "UnavailableService", "UnreachableHost", "WrongPIN",
    }
)  # fmt: skip

# What may be said to the customer when a payment fails with that ErrorCondition.
DECLINE_REASONS = {
    "Refusal": "The card was declined — please use another card or another way to pay.",
    "InvalidCard": "This card cannot be used — please use another card.",
    "WrongPIN": "The PIN was not correct — please try again.",
    "PaymentRestriction": "This card cannot be used for this purchase — please use another card.",
    "NotAllowed": "The terminal does not allow this payment — please use another way to pay.",
    "UnreachableHost": "The terminal cannot reach the card network right now — please try again or pay another way.",
    "UnavailableService": "Card payments are not available right now — please try again or pay another way.",
    "UnavailableDevice": "The card reader is not available right now — please try again or pay another way.",
    "DeviceOut": "The card reader is not available right now — please try again or pay another way.",
    "LoggedOut": "The terminal is not ready for payments — please pay another way.",
    "InsertedCard": "Please remove the card and try again.",
}
GENERIC_DECLINE = "The payment did not go through — please try again or use another way to pay."


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def exponent(currency: str) -> int:
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise InvalidRequest(Said("terminal.bad_currency", currency=currency))
    return int(get_currency_precision(currency))


def to_major(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-exponent(currency))


def to_minor(amount: Any, currency: str) -> int:
    """A nexo amount (a JSON number in major units) -> minor units; refuses what is not whole."""
    try:
        d = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise MalformedResponse(Said("terminal.bad_amount", amount=amount)) from None
    if not d.is_finite():
        raise MalformedResponse(Said("terminal.bad_amount", amount=amount))
    minor = d.scaleb(exponent(currency))
    if minor != minor.to_integral_value():
        raise MalformedResponse(Said("terminal.amount_fraction", amount=amount, currency=currency))
    return int(minor)


def json_amount(amount_minor: int, currency: str) -> int | float:
    """Major units as a JSON number (10.99; 500 for yen). A float prints shortest-exact for any
    till amount (below 2^53 minor units)."""
    major = to_major(amount_minor, currency)
    return int(major) if major == major.to_integral_value() else float(major)


def header(category: str, service_id: str, sale_id: str, poiid: str, message_type: str = "Request") -> dict[str, Any]:
    return {
        "ProtocolVersion": PROTOCOL_VERSION,
        "MessageClass": "Service",
        "MessageCategory": category,
        "MessageType": message_type,
        "ServiceID": service_id,
        "SaleID": sale_id,
        "POIID": poiid,
    }


def payment_request(
    *, service_id: str, sale_id: str, poiid: str, amount_minor: int, currency: str, sale_reference: str
) -> dict[str, Any]:
    return {
        "SaleToPOIRequest": {
            "MessageHeader": header("Payment", service_id, sale_id, poiid),
            "PaymentRequest": {
                "SaleData": {"SaleTransactionID": {"TransactionID": sale_reference, "TimeStamp": now_iso()}},
                "PaymentTransaction": {
                    "AmountsReq": {"Currency": currency, "RequestedAmount": json_amount(amount_minor, currency)}
                },
            },
        }
    }


def status_request(*, service_id: str, sale_id: str, poiid: str, of_service_id: str, category: str) -> dict[str, Any]:
    return {
        "SaleToPOIRequest": {
            "MessageHeader": header("TransactionStatus", service_id, sale_id, poiid),
            "TransactionStatusRequest": {
                "ReceiptReprintFlag": True,
                "DocumentQualifier": ["CashierReceipt", "CustomerReceipt"],
                "MessageReference": {"MessageCategory": category, "ServiceID": of_service_id, "SaleID": sale_id},
            },
        }
    }


def abort_request(*, service_id: str, sale_id: str, poiid: str, of_service_id: str, reason: str) -> dict[str, Any]:
    return {
        "SaleToPOIRequest": {
            "MessageHeader": header("Abort", service_id, sale_id, poiid),
            "AbortRequest": {
                "MessageReference": {
                    "MessageCategory": "Payment",
                    "ServiceID": of_service_id,
                    "SaleID": sale_id,
                    "POIID": poiid,
                },
                "AbortReason": reason,
            },
        }
    }


def reversal_request(
    *, service_id: str, sale_id: str, poiid: str, original: TerminalTransaction, amount_minor: int | None, currency: str
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "OriginalPOITransaction": {
            "SaleID": sale_id,
            "POIID": poiid,
            "POITransactionID": {"TransactionID": original.transaction_id, "TimeStamp": original.timestamp},
        },
        "ReversalReason": "MerchantCancel",
    }
    if amount_minor is not None:
        body["ReversedAmount"] = json_amount(amount_minor, currency)
        body["SaleData"] = {"SaleToAcquirerData": f"currency={currency}"}
    return {
        "SaleToPOIRequest": {"MessageHeader": header("Reversal", service_id, sale_id, poiid), "ReversalRequest": body}
    }


def reconciliation_request(*, service_id: str, sale_id: str, poiid: str) -> dict[str, Any]:
    return {
        "SaleToPOIRequest": {
            "MessageHeader": header("Reconciliation", service_id, sale_id, poiid),
            "ReconciliationRequest": {"ReconciliationType": "SaleReconciliation"},
        }
    }


# --- reading answers ----------------------------------------------------------------------------


def _dig(obj: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(p)
    return obj


def _str(v: Any) -> str:
    return v if isinstance(v, str) else ""


def receipt_lines(receipts: Any, qualifier: str) -> tuple[str, ...]:
    """The printable lines of the receipt with that DocumentQualifier. Adyen sends each line as
    ``key=…&name=…&value=…`` (URL-encoded); a plain text line is kept as it is."""
    if not isinstance(receipts, list):
        return ()
    for r in receipts:
        if isinstance(r, dict) and r.get("DocumentQualifier") == qualifier:
            lines: list[str] = []
            for t in _dig(r, "OutputContent", "OutputText") or []:
                text = _str(_dig(t, "Text"))
                if "=" in text and ("name=" in text or "value=" in text or text.startswith("key=")):
                    q = parse_qs(text, keep_blank_values=True)
                    name, value = q.get("name", [""])[0], q.get("value", [""])[0]
                    lines.append(f"{name}: {value}" if name and value else (name or value))
                else:
                    lines.append(text)
            return tuple(lines)
    return ()


def _transaction(obj: Any) -> TerminalTransaction | None:
    tid = _dig(obj, "TransactionID")
    if not isinstance(tid, str) or not tid:
        return None
    return TerminalTransaction(tid, _str(_dig(obj, "TimeStamp")))


def _additional(response: Any) -> dict[str, str]:
    text = _dig(response, "AdditionalResponse")
    if not isinstance(text, str):
        return {}
    return {k: v[0] for k, v in parse_qs(text).items()}


class NexoClient:
    """The `PaymentTerminal` contract over `_exchange` (implemented by the network driver and the
    in-process simulated terminal)."""

    supports_store_and_forward = False

    #: True when the transport authenticates the terminal (TLS with its certificate checked), so
    #: a clear "could not read your message" answer can be believed to come from the terminal.
    authenticated_transport = False

    def __init__(
        self,
        *,
        poiid: str,
        sale_id: str,
        key: protection.NexoKey | None = None,
        payment_timeout: float = 150.0,
        request_timeout: float = 15.0,
    ) -> None:
        if not poiid or not sale_id:
            raise InvalidRequest(Said("terminal.needs_ids"))
        self.key = key
        self.poiid = poiid
        self.sale_id = sale_id
        self.payment_timeout = payment_timeout
        self.request_timeout = request_timeout
        self._asked: dict[str, tuple[int, str]] = {}  # ServiceID -> (amount, currency) asked in this process
        self._lock = threading.Lock()

    # Subclasses: send the wire message and return the answer's parsed JSON (None for an empty
    # answer), or raise: a TerminalError with safe_to_retry when the request cannot have reached
    # the terminal, MalformedResponse for an answer that is not JSON, Lost when none came back.
    def _send(self, wire: dict[str, Any], timeout: float) -> Any:
        raise NotImplementedError

    def _exchange(self, request: dict[str, Any], timeout: float) -> dict[str, Any] | None:
        wire = protection.protect(request, self.key) if self.key is not None else request
        answer = self._send(wire, timeout)
        if answer is None:
            return None
        return self._open(answer)

    def _open(self, message: Any) -> dict[str, Any]:
        if not isinstance(message, dict):
            raise MalformedResponse(Said("terminal.not_object"))
        if self.key is None:
            if protection.is_protected(message):
                raise ProtectionFailure(Said("terminal.no_key"))
            return message
        if not protection.is_protected(message):
            env = message.get("SaleToPOIResponse")
            bodies = [v for k, v in env.items() if k != "MessageHeader"] if isinstance(env, dict) else []
            if any(_dig(b, "Response", "ErrorCondition") == "MessageFormat" for b in bodies):
                raise ProtectionFailure(
                    Said("terminal.key_mismatch"),
                    safe_to_retry=self.authenticated_transport,
                )
            raise ProtectionFailure(Said("terminal.unprotected_answer"))
        try:
            inner = protection.unprotect(message, self.key)
        except protection.ProtectionError as e:
            raise ProtectionFailure(Said("terminal.check_failed", why=said_of(e))) from None
        clear = _dig(message, "SaleToPOIResponse", "MessageHeader")
        if clear != _dig(inner, "SaleToPOIResponse", "MessageHeader"):
            raise ProtectionFailure(Said("terminal.altered"))
        return inner

    def close(self) -> None:
        pass

    def __enter__(self) -> NexoClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- contract -------------------------------------------------------------------------------

    def start_payment(
        self, *, service_id: str, amount_minor: int, currency: str, sale_reference: str, timeout: float | None = None
    ) -> PaymentOutcome:
        check_service_id(service_id)
        if not isinstance(amount_minor, int) or amount_minor <= 0:
            raise InvalidRequest(Said("terminal.payment_zero"))
        exponent(currency)
        if not sale_reference:
            raise InvalidRequest(Said("terminal.payment_no_reference"))
        with self._lock:
            self._asked.setdefault(service_id, (amount_minor, currency))  # the first ask is the real one
        req = payment_request(
            service_id=service_id,
            sale_id=self.sale_id,
            poiid=self.poiid,
            amount_minor=amount_minor,
            currency=currency,
            sale_reference=sale_reference,
        )
        try:
            resp = self._exchange(req, timeout or self.payment_timeout)
            body = self._body(resp, "Payment", service_id, "PaymentResponse")
            return self._payment_outcome(body, service_id, (amount_minor, currency), raise_refusals=True)
        except Lost as e:
            return Unknown(service_id, e.why, str(e))
        except TerminalError as e:
            if e.safe_to_retry:
                raise
            return Unknown(service_id, "unreadable", str(e), error=e)

    def status(
        self,
        service_id: str,
        *,
        category: Literal["Payment", "Reversal"] = "Payment",
        expected_amount_minor: int | None = None,
        expected_currency: str | None = None,
    ) -> StatusOutcome:
        check_service_id(service_id)
        own = new_service_id()
        req = status_request(
            service_id=own, sale_id=self.sale_id, poiid=self.poiid, of_service_id=service_id, category=category
        )
        try:
            resp = self._exchange(req, self.request_timeout)
        except Lost as e:
            return Unknown(service_id, e.why, str(e))
        body = self._body(resp, "TransactionStatus", own, "TransactionStatusResponse")
        result, condition = self._result(body)
        if result != "Success":
            if condition == "InProgress":
                return InProgress(service_id)
            if condition == "NotFound":
                return Unknown(service_id, "not_found", "The terminal has no record of this payment.")
            if condition == "Busy":
                raise TerminalBusy(Said("terminal.busy_status"))
            raise TerminalRefused(
                refusal("terminal.status_refused", "terminal.status_refused_plain", condition),
                condition=condition,
            )
        ref = _dig(body, "MessageReference")
        if isinstance(ref, dict) and ref.get("ServiceID") not in (None, service_id):
            raise ServiceIdMismatch(Said("terminal.status_other", got=ref.get("ServiceID"), want=service_id))
        repeated = _dig(body, "RepeatedMessageResponse")
        inner_header = _dig(repeated, "MessageHeader")
        if isinstance(inner_header, dict) and inner_header.get("ServiceID") not in (None, service_id):
            raise ServiceIdMismatch(Said("terminal.status_other", got=inner_header.get("ServiceID"), want=service_id))
        name = "PaymentResponse" if category == "Payment" else "ReversalResponse"
        inner = _dig(repeated, "RepeatedResponseMessageBody", name)
        if not isinstance(inner, dict):
            raise MalformedResponse(Said("terminal.status_no_result"))
        expected = None
        if expected_amount_minor is not None and expected_currency is not None:
            expected = (expected_amount_minor, expected_currency)
        else:
            with self._lock:
                expected = self._asked.get(service_id)
        if category == "Reversal":
            return self._refund_outcome(inner, service_id, None, None)
        return self._payment_outcome(inner, service_id, expected, raise_refusals=False)

    def abort(self, service_id: str, *, reason: str = "MerchantAbort") -> None:
        """Ask the terminal to stop the payment ``service_id``. Returns when the terminal took
        the request; the payment's own answer (or its status) says how it ended — it may still
        be approved if the customer was faster."""
        check_service_id(service_id)
        own = new_service_id()
        req = abort_request(
            service_id=own, sale_id=self.sale_id, poiid=self.poiid, of_service_id=service_id, reason=reason
        )
        try:
            resp = self._exchange(req, self.request_timeout)
        except Lost as e:
            raise TerminalRefused(Said("terminal.cancel_unconfirmed", why=said_of(e))) from None
        if resp is None:  # Adyen terminals answer an abort with an empty 200
            return
        body = self._body(resp, "Abort", own, "AbortResponse", required=False)
        if body is None:
            return
        result, condition = self._result(body)
        if result != "Success":
            raise TerminalRefused(
                refusal("terminal.cancel_refused", "terminal.cancel_refused_plain", condition), condition=condition
            )

    def refund(
        self,
        *,
        service_id: str,
        original: TerminalTransaction,
        amount_minor: int,
        currency: str,
        original_amount_minor: int | None = None,
        timeout: float | None = None,
    ) -> RefundOutcome:
        """Give back ``amount_minor`` of the card payment ``original`` (a ReversalRequest; a
        partial one carries ReversedAmount). ``original_amount_minor``, when given, lets the
        driver send a full reversal without an amount and refuse more than was taken."""
        check_service_id(service_id)
        if amount_minor <= 0:
            raise InvalidRequest(Said("terminal.refund_zero"))
        exponent(currency)
        if original_amount_minor is not None and amount_minor > original_amount_minor:
            raise InvalidRequest(Said("terminal.refund_too_much"))
        partial = original_amount_minor is None or amount_minor < original_amount_minor
        req = reversal_request(
            service_id=service_id,
            sale_id=self.sale_id,
            poiid=self.poiid,
            original=original,
            amount_minor=amount_minor if partial else None,
            currency=currency,
        )
        try:
            resp = self._exchange(req, timeout or self.payment_timeout)
            body = self._body(resp, "Reversal", service_id, "ReversalResponse")
            return self._refund_outcome(body, service_id, original, (amount_minor, currency))
        except Lost as e:
            return Unknown(service_id, e.why, str(e))
        except TerminalError as e:
            if e.safe_to_retry:
                raise
            return Unknown(service_id, "unreadable", str(e), error=e)

    def reconcile(self, *, service_id: str) -> ReconciliationTotals:
        check_service_id(service_id)
        req = reconciliation_request(service_id=service_id, sale_id=self.sale_id, poiid=self.poiid)
        try:
            resp = self._exchange(req, self.request_timeout)
        except Lost as e:
            raise TerminalRefused(Said("terminal.totals_missing", why=said_of(e)), safe_to_retry=True) from None
        body = self._body(resp, "Reconciliation", service_id, "ReconciliationResponse")
        result, condition = self._result(body)
        if result != "Success":
            if condition == "Busy":
                raise TerminalBusy(Said("terminal.busy_totals"))
            raise TerminalRefused(
                refusal("terminal.totals_refused", "terminal.totals_refused_plain", condition), condition=condition
            )
        per: dict[str, dict[str, int]] = {}
        for group in _dig(body, "TransactionTotals") or []:
            currency = _str(_dig(group, "PaymentCurrency"))
            if not currency:
                raise MalformedResponse(Said("terminal.totals_no_currency"))
            acc = per.setdefault(currency, {"pc": 0, "pm": 0, "rc": 0, "rm": 0})
            for t in _dig(group, "PaymentTotals") or []:
                kind = _dig(t, "TransactionType")
                count = _dig(t, "TransactionCount")
                if not isinstance(count, int):
                    raise MalformedResponse(Said("terminal.totals_bad_count"))
                amount = to_minor(_dig(t, "TransactionAmount") or 0, currency)
                if kind == "Debit":
                    acc["pc"] += count
                    acc["pm"] += amount
                elif kind in ("ReverseDebit", "Credit"):
                    acc["rc"] += count
                    acc["rm"] += amount
        return ReconciliationTotals(
            service_id,
            _str(_dig(body, "POIReconciliationID")),
            tuple(CurrencyTotals(c, v["pc"], v["pm"], v["rc"], v["rm"]) for c, v in sorted(per.items())),
        )

    # --- checks ---------------------------------------------------------------------------------

    def _body(
        self, resp: dict[str, Any] | None, category: str, service_id: str, name: str, *, required: bool = True
    ) -> Any:
        if resp is None:
            raise MalformedResponse(Said("terminal.empty"))
        envelope = resp.get("SaleToPOIResponse") if isinstance(resp, dict) else None
        if not isinstance(envelope, dict):
            raise MalformedResponse(Said("terminal.not_nexo"))
        h = envelope.get("MessageHeader")
        if not isinstance(h, dict):
            raise MalformedResponse(Said("terminal.no_header"))
        if h.get("POIID") != self.poiid:
            raise WrongTerminal(
                Said("terminal.other_poiid", got=h.get("POIID"), want=self.poiid),
                safe_to_retry=False,
            )
        if h.get("ServiceID") != service_id or h.get("SaleID") != self.sale_id or h.get("MessageCategory") != category:
            raise ServiceIdMismatch(
                Said(
                    "terminal.other_request",
                    got_category=h.get("MessageCategory"),
                    got_id=h.get("ServiceID"),
                    category=category,
                    service_id=service_id,
                )
            )
        body = envelope.get(name)
        if not isinstance(body, dict):
            if not required:
                return None
            raise MalformedResponse(Said("terminal.missing", name=name))
        return body

    @staticmethod
    def _result(body: Any) -> tuple[str, str]:
        result = _dig(body, "Response", "Result")
        if result not in ("Success", "Failure", "Partial"):
            raise MalformedResponse(Said("terminal.no_result"))
        return result, _str(_dig(body, "Response", "ErrorCondition"))

    def _payment_outcome(
        self, body: Any, service_id: str, expected: tuple[int, str] | None, *, raise_refusals: bool
    ) -> PaymentOutcome:
        result, condition = self._result(body)
        receipts = _dig(body, "PaymentReceipt")
        merchant = receipt_lines(receipts, "CashierReceipt")
        customer = receipt_lines(receipts, "CustomerReceipt")
        poi_tx = _transaction(_dig(body, "POIData", "POITransactionID"))
        if result == "Failure":
            if condition == "Aborted":
                return Cancelled(service_id, "till", "The payment was cancelled from the till.")
            if condition == "Cancel":
                return Cancelled(service_id, "terminal", "The payment was cancelled on the terminal.")
            if raise_refusals:
                if condition in ("Busy", "InProgress"):
                    raise TerminalBusy(Said("terminal.busy_payment"))
                if condition == "MessageFormat":
                    extra = _additional(_dig(body, "Response")).get("message", "")
                    if "crypt" in extra.lower() or "hmac" in extra.lower() or "key" in extra.lower():
                        raise ProtectionFailure(
                            Said("terminal.key_mismatch_short"),
                            safe_to_retry=self.authenticated_transport,
                        )
                    raise TerminalRefused(Said("terminal.unreadable_request"), condition=condition)
                if (
                    condition == "NotAllowed"
                    and "duplicate" in _additional(_dig(body, "Response")).get("message", "").lower()
                ):
                    raise DuplicateServiceId(Said("terminal.duplicate", service_id=service_id))
            return Declined(
                service_id,
                condition or "Refusal",
                DECLINE_REASONS.get(condition, GENERIC_DECLINE),
                poi_tx,
                merchant,
                customer,
            )
        # Success or Partial: an approval. Check it is for what we asked, then keep only the
        # fields the contract allows.
        pr = _dig(body, "PaymentResult")
        amounts = _dig(pr, "AmountsResp")
        currency = _str(_dig(amounts, "Currency"))
        if not currency or _dig(amounts, "AuthorizedAmount") is None:
            raise MalformedResponse(Said("terminal.approved_no_amount"))
        amount_minor = to_minor(_dig(amounts, "AuthorizedAmount"), currency)
        if expected is not None:
            want_amount, want_currency = expected
            if currency != want_currency:
                raise AmountMismatch(
                    Said("terminal.approved_other_currency", currency=currency, want=want_currency), safe_to_retry=False
                )
            if amount_minor != want_amount and not (result == "Partial" and 0 < amount_minor < want_amount):
                raise AmountMismatch(
                    Said(
                        "terminal.approved_other_amount",
                        amount=to_major(amount_minor, currency),
                        currency=currency,
                        want=to_major(want_amount, currency),
                    ),
                    safe_to_retry=False,
                )
        if poi_tx is None:
            raise MalformedResponse(Said("terminal.approved_no_id"))
        card = _dig(pr, "PaymentInstrumentData", "CardData")
        masked = _str(_dig(card, "MaskedPan")) or _str(_dig(card, "MaskedPAN"))
        additional = _additional(_dig(body, "Response"))
        approval = _str(_dig(pr, "PaymentAcquirerData", "ApprovalCode")) or additional.get("authCode", "")
        offline = _dig(pr, "OnlineFlag") is False
        return Approved(
            service_id=service_id,
            amount_minor=amount_minor,
            currency=currency,
            masked_pan=mask(masked),
            brand=_str(_dig(card, "PaymentBrand")),
            approval_code=approval,
            transaction=poi_tx,
            merchant_receipt=merchant,
            customer_receipt=customer,
            stored_offline=offline,
        )

    def _refund_outcome(
        self, body: Any, service_id: str, original: TerminalTransaction | None, expected: tuple[int, str] | None
    ) -> RefundOutcome:
        result, condition = self._result(body)
        receipts = _dig(body, "PaymentReceipt")
        merchant, customer = receipt_lines(receipts, "CashierReceipt"), receipt_lines(receipts, "CustomerReceipt")
        poi_tx = _transaction(_dig(body, "POIData", "POITransactionID"))
        if result == "Failure":
            if condition == "Busy":
                raise TerminalBusy(Said("terminal.busy_refund"))
            return Declined(
                service_id,
                condition or "Refusal",
                DECLINE_REASONS.get(condition, GENERIC_DECLINE),
                poi_tx,
                merchant,
                customer,
            )
        currency = expected[1] if expected else _additional(_dig(body, "Response")).get("currency", "")
        reversed_amount = _dig(body, "ReversedAmount")
        if expected is not None and reversed_amount is not None:
            got = to_minor(reversed_amount, currency)
            if got != expected[0]:
                raise AmountMismatch(
                    Said(
                        "terminal.refunded_other_amount",
                        amount=to_major(got, currency),
                        currency=currency,
                        want=to_major(expected[0], currency),
                    ),
                    safe_to_retry=False,
                )
        amount = (
            expected[0]
            if expected
            else (to_minor(reversed_amount, currency) if currency and reversed_amount is not None else 0)
        )
        orig = (
            original
            or _transaction(_dig(body, "OriginalPOITransaction", "POITransactionID"))
            or TerminalTransaction("", "")
        )
        return Refunded(service_id, amount, currency, orig, poi_tx, merchant, customer)


def mask(pan: str) -> str:
    """Keep a masked PAN as masked: at most the first 6 and last 4 digits survive, whatever the
    terminal sent (a full number is never passed on)."""
    digits = [c for c in pan if c.isdigit()]
    if not pan:
        return ""
    if len(digits) >= 11 and "*" not in pan and "X" not in pan.upper():
        return "".join(digits[:6]) + "*" * (len(digits) - 10) + "".join(digits[-4:])
    return pan.replace(" ", "")


def decode_answer(data: bytes) -> Any:
    """An HTTP answer body -> its JSON (None when empty); MalformedResponse when it is not JSON."""
    if not data.strip():
        return None
    try:
        return json.loads(data)
    except ValueError:
        raise MalformedResponse(Said("terminal.not_json")) from None


class Lost(Exception):
    """The request may have reached the terminal but no usable answer came back (timeout,
    dropped connection). ``why``: timeout | dropped."""

    def __init__(self, why: str, message: str) -> None:
        super().__init__(message)
        self.why = why
