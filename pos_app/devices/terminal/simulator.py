"""A faithful terminal simulator: the state and behaviour of an Adyen terminal behind the nexo
Terminal API, with scripted faults. `sim_server` puts it on the network (loopback HTTPS or HTTP,
endpoint /nexo/); `SimulatedTerminal` calls it in process. Both go through `handle_wire`, which
opens the protected request with the terminal's key, exactly as a terminal does.

State is per (SaleID, ServiceID): a status request for a finished payment answers its stored
result, a repeated ServiceID with a different request is refused, an in-flight payment answers
InProgress and can be aborted. Faults are queued with `script()` and each applies to the next
request of its kind (docs/terminal.md lists them).
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from pos_app.devices.terminal import protection
from pos_app.devices.terminal.nexo import PROTOCOL_VERSION, json_amount, now_iso, to_major, to_minor
from pos_app.devices.terminal.protection import NexoKey, ProtectionError

# fault kind -> the message categories it applies to
FAULTS: dict[str, frozenset[str]] = {
    "decline": frozenset({"Payment"}),
    "cancel": frozenset({"Payment"}),
    "busy": frozenset({"Payment", "TransactionStatus", "Reversal", "Reconciliation"}),
    "no_response": frozenset({"Payment", "Reversal"}),
    "drop": frozenset({"Payment", "Reversal"}),
    "delay": frozenset({"Payment", "Reversal"}),
    "slow": frozenset({"Payment"}),
    "in_progress": frozenset({"Payment"}),
    "not_found": frozenset({"TransactionStatus"}),
    "late_abort": frozenset({"Abort"}),
    "duplicate": frozenset({"Payment"}),
    "other_service_id": frozenset({"Payment", "TransactionStatus", "Reversal", "Reconciliation"}),
    "amount_mismatch": frozenset({"Payment"}),
    "currency_mismatch": frozenset({"Payment"}),
    "malformed": frozenset({"Payment", "TransactionStatus", "Reversal", "Reconciliation"}),
    "wrong_poiid": frozenset({"Payment", "TransactionStatus", "Reversal", "Reconciliation"}),
    "bad_hmac": frozenset({"Payment", "TransactionStatus", "Reversal", "Reconciliation"}),
    "offline": frozenset({"Payment"}),
}
FAULT_HELP = {
    "decline": "the next payment is declined (value: an ErrorCondition, default Refusal)",
    "cancel": "the customer cancels the next payment on the terminal",
    "busy": "the next request is answered Busy (nothing starts)",
    "no_response": "the next payment is approved but its answer never comes (the connection is held)",
    "drop": "the next payment is approved but the connection closes without an answer",
    "delay": "the next payment is approved and answered after VALUE seconds (past the till's timeout)",
    "slow": "the customer takes VALUE seconds at the next payment (status says InProgress; abort works)",
    "in_progress": "the next payment's first VALUE status requests answer InProgress",
    "not_found": "the next status request answers NotFound",
    "late_abort": "the next abort arrives too late: the payment is approved anyway",
    "duplicate": "the next payment is refused as a duplicate ServiceID",
    "other_service_id": "the next answer carries another ServiceID",
    "amount_mismatch": "the next payment is approved for VALUE minor units more (default 1)",
    "currency_mismatch": "the next payment is approved in another currency",
    "malformed": "the next answer is not JSON",
    "wrong_poiid": "the next answer comes from another POIID",
    "bad_hmac": "the next answer's HMAC is wrong",
    "offline": "the terminal cannot reach its acquirer for the next payment (store-and-forward if enabled)",
}


class SimulatorError(ValueError):
    pass


@dataclass
class Fault:
    kind: str
    value: float | str | None = None

    @classmethod
    def parse(cls, text: str) -> Fault:
        """``kind`` or ``kind:value`` (``delay:5``, ``in_progress:3``, ``decline:WrongPIN``)."""
        kind, _, value = text.partition(":")
        if kind not in FAULTS:
            raise SimulatorError(f"Unknown fault {kind!r}; one of: {', '.join(sorted(FAULTS))}.")
        v: float | str | None = None
        if value:
            try:
                v = float(value)
            except ValueError:
                v = value
        return cls(kind, v)


@dataclass
class Reply:
    """What the terminal does with one HTTP request: answer ``body`` (or ``raw`` bytes) after
    ``delay`` seconds, or hold the connection open without answering, or drop it."""

    body: dict[str, Any] | None = None
    raw: bytes | None = None
    delay: float = 0.0
    hold: bool = False
    drop: bool = False


@dataclass
class _Record:
    category: str
    request: str  # the request body as canonical JSON (to tell a repeat from another request)
    header: dict[str, Any] = field(default_factory=dict)
    response: dict[str, Any] | None = None  # the stored <Category>Response body
    done: threading.Event = field(default_factory=threading.Event)
    aborted: threading.Event = field(default_factory=threading.Event)
    ignore_abort: bool = False
    status_in_progress: int = 0
    currency: str = ""
    amount_minor: int = 0
    refunded_minor: int = 0
    transaction_id: str = ""


class TerminalSimulator:
    def __init__(
        self,
        *,
        poiid: str = "V400m-123456789",
        key: NexoKey | None = None,
        store_and_forward: bool = False,
        masked_pan: str = "541333******0011",
        brand: str = "mc",
        pan_field: str = "MaskedPan",
        hold_seconds: float = 30.0,
    ) -> None:
        self.poiid = poiid
        self.key = key
        self.store_and_forward = store_and_forward
        self.masked_pan = masked_pan
        self.brand = brand
        self.pan_field = pan_field
        self.hold_seconds = hold_seconds
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()
        self._records: dict[tuple[str, str], _Record] = {}
        self._by_tx: dict[str, _Record] = {}
        self._in_flight: _Record | None = None
        self._batch = 1
        self._totals: dict[str, dict[str, int]] = {}
        self._counter = 0
        self.requests_seen = 0
        self.stopping = threading.Event()

    # --- scripting ------------------------------------------------------------------------------

    def script(self, *faults: Fault | str) -> None:
        with self._lock:
            for f in faults:
                self._faults.append(f if isinstance(f, Fault) else Fault.parse(f))

    def pending_faults(self) -> list[str]:
        with self._lock:
            return [f.kind if f.value is None else f"{f.kind}:{f.value}" for f in self._faults]

    def records(self) -> list[dict[str, Any]]:
        """What the terminal did, per (SaleID, ServiceID) — for tests and support to check that
        no ServiceID moved money twice and what each basket (SaleTransactionID) was charged."""
        out = []
        with self._lock:
            for (sale_id, service_id), rec in self._records.items():
                try:
                    req = json.loads(rec.request)
                except ValueError:
                    req = {}
                resp = (rec.response or {}) if rec.done.is_set() else {}
                answer = resp.get("Response") or {}
                poi_tx = ((resp.get("POIData") or {}).get("POITransactionID") or {}).get("TransactionID")
                out.append({
                    "sale_id": sale_id,
                    "service_id": service_id,
                    "category": rec.category,
                    "sale_reference": ((req.get("SaleData") or {}).get("SaleTransactionID") or {}).get("TransactionID"),
                    "original": ((req.get("OriginalPOITransaction") or {}).get("POITransactionID") or {}).get("TransactionID"),
                    "done": rec.done.is_set(),
                    "result": answer.get("Result"),
                    "condition": answer.get("ErrorCondition"),
                    "amount_minor": rec.amount_minor,
                    "currency": rec.currency,
                    "transaction_id": rec.transaction_id or poi_tx,
                    "refunded_minor": rec.refunded_minor,
                })  # fmt: skip
        return out

    def reset(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take(self, category: str) -> dict[str, Fault]:
        """The faults the next request of ``category`` consumes: the earliest of each kind."""
        taken: dict[str, Fault] = {}
        with self._lock:
            for f in list(self._faults):
                if category in FAULTS[f.kind] and f.kind not in taken:
                    taken[f.kind] = f
                    self._faults.remove(f)
        return taken

    # --- the wire -------------------------------------------------------------------------------

    def handle_bytes(self, data: bytes) -> Reply:
        try:
            message = json.loads(data)
        except ValueError:
            return Reply(raw=b"")  # a terminal answers nothing it can use to unparseable input
        if not isinstance(message, dict):
            return Reply(raw=b"")
        return self.handle_wire(message)

    def handle_wire(self, message: dict[str, Any]) -> Reply:
        """One request as it arrived on the wire (protected or not) -> the reply."""
        self.requests_seen += 1
        envelope = message.get("SaleToPOIRequest")
        if not isinstance(envelope, dict) or not isinstance(envelope.get("MessageHeader"), dict):
            return Reply(raw=b"")
        clear_header = envelope["MessageHeader"]
        if self.key is not None:
            if not protection.is_protected(message):
                return self._refuse_clear(clear_header, "message=Crypto+error:+message+not+encrypted")
            try:
                inner = protection.unprotect(message, self.key)
            except ProtectionError as e:
                text = "message=Crypto+error:+" + str(e).replace(" ", "+")
                return self._refuse_clear(clear_header, text)
            if inner.get("SaleToPOIRequest", {}).get("MessageHeader") != clear_header:
                return self._refuse_clear(clear_header, "message=Crypto+error:+header+mismatch")
            message = inner
        reply, faults = self.handle(message)
        if reply.body is not None and self.key is not None:
            plaintext = json.dumps(reply.body, ensure_ascii=False, separators=(",", ":")).encode()
            reply.body = protection.protect(reply.body, self.key, plaintext=plaintext)
            if "bad_hmac" in faults:
                reply.body["SaleToPOIResponse"]["SecurityTrailer"]["Hmac"] = "A" * 43 + "="
        return reply

    def _refuse_clear(self, h: dict[str, Any], text: str) -> Reply:
        """A request the terminal cannot read: an unprotected MessageFormat failure."""
        category = str(h.get("MessageCategory", "Payment"))
        body = {"Response": {"Result": "Failure", "ErrorCondition": "MessageFormat", "AdditionalResponse": text}}
        return Reply(body=self._envelope(h, category, body))

    def _envelope(self, h: dict[str, Any], category: str, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "SaleToPOIResponse": {
                "MessageHeader": {
                    "ProtocolVersion": PROTOCOL_VERSION,
                    "MessageClass": "Service",
                    "MessageCategory": category,
                    "MessageType": "Response",
                    "ServiceID": h.get("ServiceID"),
                    "SaleID": h.get("SaleID"),
                    "POIID": self.poiid,
                },
                f"{category}Response": body,
            }
        }

    # --- behaviour ------------------------------------------------------------------------------

    def handle(self, message: dict[str, Any]) -> tuple[Reply, dict[str, Fault]]:
        envelope = message.get("SaleToPOIRequest") or {}
        h = envelope.get("MessageHeader") or {}
        category = str(h.get("MessageCategory", ""))
        faults = self._take(category)
        if h.get("POIID") != self.poiid:
            body = {"Response": {"Result": "Failure", "ErrorCondition": "NotAllowed", "AdditionalResponse": "message=Wrong+POIID"}}
            return Reply(body=self._envelope(h, category, body)), faults
        if "busy" in faults:
            body = {"Response": {"Result": "Failure", "ErrorCondition": "Busy"}}
            return self._finish(Reply(body=self._envelope(h, category, body)), h, faults), faults
        if category == "Payment":
            reply = self._payment(h, envelope.get("PaymentRequest") or {}, faults)
        elif category == "TransactionStatus":
            reply = self._status(h, envelope.get("TransactionStatusRequest") or {}, faults)
        elif category == "Abort":
            reply = self._abort(h, envelope.get("AbortRequest") or {}, faults)
        elif category == "Reversal":
            reply = self._reversal(h, envelope.get("ReversalRequest") or {}, faults)
        elif category == "Reconciliation":
            reply = self._reconciliation(h, faults)
        else:
            body = {"Response": {"Result": "Failure", "ErrorCondition": "MessageFormat"}}
            reply = Reply(body=self._envelope(h, category or "Payment", body))
        return self._finish(reply, h, faults), faults

    def _finish(self, reply: Reply, h: dict[str, Any], faults: dict[str, Fault]) -> Reply:
        if reply.body is not None:
            rh = reply.body["SaleToPOIResponse"]["MessageHeader"]
            if "other_service_id" in faults:
                rh["ServiceID"] = "X" + str(h.get("ServiceID", ""))[:9][::-1]
            if "wrong_poiid" in faults:
                rh["POIID"] = "V400m-999999999"
            if "malformed" in faults:
                reply.raw, reply.body = b'{"SaleToPOIResponse": {"MessageHeader": ', None
        if "no_response" in faults:
            reply.hold = True
        elif "drop" in faults:
            reply.drop = True
        elif "delay" in faults:
            reply.delay = float(faults["delay"].value or 5.0)
        return reply

    def _next_tx(self) -> tuple[str, str]:
        with self._lock:
            self._counter += 1
            n = self._counter
        return f"SIM{n:06d}.{secrets.randbelow(10**16):016d}", now_iso()

    def _payment(self, h: dict[str, Any], req: dict[str, Any], faults: dict[str, Fault]) -> Reply:
        sale_id, service_id = str(h.get("SaleID")), str(h.get("ServiceID"))
        fingerprint = json.dumps(req, sort_keys=True)
        amounts = (req.get("PaymentTransaction") or {}).get("AmountsReq") or {}
        currency = str(amounts.get("Currency"))
        try:
            amount_minor = to_minor(amounts.get("RequestedAmount"), currency)
        except Exception:
            bad = {"Response": {"Result": "Failure", "ErrorCondition": "MessageFormat"}}
            return Reply(body=self._envelope(h, "Payment", bad))

        def refuse(condition: str, text: str | None = None) -> Reply:
            resp: dict[str, Any] = {"Result": "Failure", "ErrorCondition": condition}
            if text:
                resp["AdditionalResponse"] = text
            return Reply(body=self._envelope(h, "Payment", {"Response": resp}))

        with self._lock:
            existing = self._records.get((sale_id, service_id))
            duplicate = "duplicate" in faults or (existing is not None and existing.request != fingerprint)
            if duplicate:
                return refuse("NotAllowed", "message=Duplicate+ServiceID")
            if existing is not None:  # the same request again: the same answer
                if existing.done.is_set() and existing.response is not None:
                    return Reply(body=self._envelope(h, "Payment", existing.response))
                return refuse("InProgress")
            if self._in_flight is not None:
                return refuse("Busy", "message=Another+transaction+in+progress")
            rec = _Record("Payment", fingerprint, dict(h), currency=currency, amount_minor=amount_minor)
            rec.status_in_progress = int(float(faults["in_progress"].value or 1)) if "in_progress" in faults else 0
            self._records[(sale_id, service_id)] = rec
            self._in_flight = rec
        body: dict[str, Any] | None = None
        try:
            if "slow" in faults:
                rec.aborted.wait(float(faults["slow"].value or 5.0))
            if rec.aborted.is_set() and not rec.ignore_abort:
                body = {"Response": {"Result": "Failure", "ErrorCondition": "Aborted"}}
            elif "cancel" in faults:
                body = {"Response": {"Result": "Failure", "ErrorCondition": "Cancel"}}
            elif "decline" in faults:
                condition = str(faults["decline"].value or "Refusal")
                tx, ts = self._next_tx()
                body = {
                    "Response": {"Result": "Failure", "ErrorCondition": condition, "AdditionalResponse": "refusalReason=Refused"},
                    "POIData": {"POITransactionID": {"TransactionID": tx, "TimeStamp": ts}},
                    "PaymentReceipt": self._receipts(["DECLINED"], amount_minor, currency),
                }
            elif "offline" in faults and not self.store_and_forward:
                body = {"Response": {"Result": "Failure", "ErrorCondition": "UnreachableHost"}}
            else:
                if "amount_mismatch" in faults:
                    amount_minor += int(float(faults["amount_mismatch"].value or 1))
                if "currency_mismatch" in faults:
                    currency = "USD" if currency != "USD" else "EUR"
                body = self._approve(req, amount_minor, currency, rec, offline="offline" in faults)
        finally:
            with self._lock:
                rec.response = body
                rec.done.set()
                if self._in_flight is rec:
                    self._in_flight = None
        assert body is not None
        return Reply(body=self._envelope(h, "Payment", body))

    def _approve(self, req: dict[str, Any], amount_minor: int, currency: str, rec: _Record, *, offline: bool) -> dict[str, Any]:
        tx, ts = self._next_tx()
        approval = f"{secrets.randbelow(10**6):06d}"
        with self._lock:
            rec.transaction_id, rec.amount_minor, rec.currency = tx, amount_minor, currency
            self._by_tx[tx] = rec
            t = self._totals.setdefault(currency, {"pc": 0, "pm": 0, "rc": 0, "rm": 0})
            t["pc"] += 1
            t["pm"] += amount_minor
            batch = self._batch
        return {
            "Response": {
                "Result": "Success",
                "AdditionalResponse": f"tid=75102737&authCode={approval}&pspReference={tx.split('.')[-1]}",
            },
            "SaleData": req.get("SaleData") or {},
            "POIData": {"POITransactionID": {"TransactionID": tx, "TimeStamp": ts}, "POIReconciliationID": str(batch)},
            "PaymentResult": {
                "PaymentType": "Normal",
                "OnlineFlag": not offline,
                "AmountsResp": {"Currency": currency, "AuthorizedAmount": json_amount(amount_minor, currency)},
                "PaymentAcquirerData": {"ApprovalCode": approval, "AcquirerPOIID": self.poiid, "MerchantID": "AisleSimulator"},
                "PaymentInstrumentData": {
                    "PaymentInstrumentType": "Card",
                    "CardData": {"PaymentBrand": self.brand, self.pan_field: self.masked_pan, "EntryMode": ["Contactless"]},
                },
            },
            "PaymentReceipt": self._receipts(["APPROVED", f"AUTH CODE {approval}"], amount_minor, currency),
        }

    def _receipts(self, status: list[str], amount_minor: int, currency: str) -> list[dict[str, Any]]:
        def doc(qualifier: str, copy: str) -> dict[str, Any]:
            lines = [
                ("Card", self.masked_pan[-8:].replace("*", "•")),
                ("Brand", self.brand.upper()),
                ("Amount", f"{to_major(amount_minor, currency)} {currency}"),
                *((s, "") for s in status),
                (copy, ""),
            ]
            texts = [{"Text": f"key=k{i}&name={n.replace(' ', '+')}&value={v.replace(' ', '+')}", "EndOfLineFlag": True} for i, (n, v) in enumerate(lines)]
            return {"DocumentQualifier": qualifier, "RequiredSignatureFlag": False, "OutputContent": {"OutputFormat": "Text", "OutputText": texts}}

        return [doc("CashierReceipt", "MERCHANT COPY"), doc("CustomerReceipt", "CARDHOLDER COPY")]

    def _status(self, h: dict[str, Any], req: dict[str, Any], faults: dict[str, Fault]) -> Reply:
        ref = req.get("MessageReference") or {}
        key = (str(ref.get("SaleID") or h.get("SaleID")), str(ref.get("ServiceID")))
        category = str(ref.get("MessageCategory") or "Payment")

        def fail(condition: str) -> Reply:
            return Reply(body=self._envelope(h, "TransactionStatus", {"Response": {"Result": "Failure", "ErrorCondition": condition}}))

        if "not_found" in faults:
            return fail("NotFound")
        with self._lock:
            rec = self._records.get(key)
            if rec is None or rec.category != category:
                return fail("NotFound")
            if not rec.done.is_set() or rec.response is None:
                return fail("InProgress")
            if rec.status_in_progress > 0:
                rec.status_in_progress -= 1
                return fail("InProgress")
            stored = rec.response
            orig = rec.header
        repeated = {
            "MessageHeader": {**orig, "MessageType": "Response", "POIID": self.poiid},
            "RepeatedResponseMessageBody": {f"{category}Response": stored},
        }
        body = {"Response": {"Result": "Success"}, "MessageReference": {"SaleID": key[0], "ServiceID": key[1], "MessageCategory": category}, "RepeatedMessageResponse": repeated}
        return Reply(body=self._envelope(h, "TransactionStatus", body))

    def _abort(self, h: dict[str, Any], req: dict[str, Any], faults: dict[str, Fault]) -> Reply:
        ref = req.get("MessageReference") or {}
        with self._lock:
            rec = self._records.get((str(ref.get("SaleID") or h.get("SaleID")), str(ref.get("ServiceID"))))
        if rec is not None and not rec.done.is_set():
            if "late_abort" in faults:
                rec.ignore_abort = True
            rec.aborted.set()
        return Reply(body=None)  # Adyen terminals answer an AbortRequest with an empty 200

    def _reversal(self, h: dict[str, Any], req: dict[str, Any], faults: dict[str, Fault]) -> Reply:
        sale_id, service_id = str(h.get("SaleID")), str(h.get("ServiceID"))
        fingerprint = json.dumps(req, sort_keys=True)
        tx_id = ((req.get("OriginalPOITransaction") or {}).get("POITransactionID") or {}).get("TransactionID")

        def fail(condition: str, text: str | None = None) -> Reply:
            resp: dict[str, Any] = {"Result": "Failure", "ErrorCondition": condition}
            if text:
                resp["AdditionalResponse"] = text
            return Reply(body=self._envelope(h, "Reversal", {"Response": resp}))

        with self._lock:
            existing = self._records.get((sale_id, service_id))
            if existing is not None:
                if existing.request != fingerprint:
                    return fail("NotAllowed", "message=Duplicate+ServiceID")
                if existing.response is not None:
                    return Reply(body=self._envelope(h, "Reversal", existing.response))
            original = self._by_tx.get(str(tx_id))
            if original is None:
                return fail("NotFound", "message=Original+transaction+not+found")
            remaining = original.amount_minor - original.refunded_minor
            if "ReversedAmount" in req:
                try:
                    amount = to_minor(req["ReversedAmount"], original.currency)
                except Exception:
                    return fail("MessageFormat")
            else:
                amount = remaining
            if amount <= 0 or amount > remaining:
                return fail("NotAllowed", "message=Amount+exceeds+what+is+left+on+the+original+transaction")
            original.refunded_minor += amount
            t = self._totals.setdefault(original.currency, {"pc": 0, "pm": 0, "rc": 0, "rm": 0})
            t["rc"] += 1
            t["rm"] += amount
            currency = original.currency
        tx, ts = self._next_tx()
        body = {
            "Response": {"Result": "Success", "AdditionalResponse": f"currency={currency}"},
            "POIData": {"POITransactionID": {"TransactionID": tx, "TimeStamp": ts}},
            "OriginalPOITransaction": req.get("OriginalPOITransaction"),
            "ReversedAmount": json_amount(amount, currency),
            "PaymentReceipt": self._receipts(["REFUND APPROVED"], amount, currency),
        }
        rec = _Record("Reversal", fingerprint, dict(h), response=body, currency=currency, amount_minor=amount)
        rec.done.set()
        with self._lock:
            self._records[(sale_id, service_id)] = rec
        return Reply(body=self._envelope(h, "Reversal", body))

    def _reconciliation(self, h: dict[str, Any], faults: dict[str, Fault]) -> Reply:
        """The totals of the batch since the last reconciliation, which closes that batch."""
        with self._lock:
            totals, self._totals = self._totals, {}
            batch, self._batch = self._batch, self._batch + 1
        groups = []
        for currency, t in sorted(totals.items()):
            payment_totals = [
                {"TransactionType": "Debit", "TransactionCount": t["pc"], "TransactionAmount": json_amount(t["pm"], currency)},
            ]
            if t["rc"]:
                payment_totals.append(
                    {"TransactionType": "ReverseDebit", "TransactionCount": t["rc"], "TransactionAmount": json_amount(t["rm"], currency)}
                )
            groups.append({"PaymentInstrumentType": "Card", "PaymentCurrency": currency, "PaymentTotals": payment_totals})
        body = {
            "Response": {"Result": "Success"},
            "ReconciliationType": "SaleReconciliation",
            "POIReconciliationID": str(batch),
            "TransactionTotals": groups,
        }
        return Reply(body=self._envelope(h, "Reconciliation", body))
