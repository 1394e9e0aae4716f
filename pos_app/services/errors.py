"""Errors the services raise for people to act on: a code, its parameters, an English sentence.

The UI words an error by its `code` and `params` (issue 12 translates them); `str(e)` is the
English sentence, used by the CLI and as the fallback. Every sentence below the UI comes from
`MESSAGES` here, so a translation is a table, not a hunt through the services.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pos_app.core.auth import PermissionDenied, Role

MESSAGES: dict[str, str] = {
    # sign-in and approval
    "signin.unknown_staff": "This person cannot sign in on this store's devices.",
    "signin.locked": "Too many wrong PINs. Try again in {wait}.",
    "signin.wrong_pin": "Wrong PIN. {left} more {tries} before a pause.",
    "signin.wrong_pin_locked": "Wrong PIN. Locked for {wait}.",
    "signin.no_pin_key": "This device does not hold the PIN key, so no PIN can be checked. Enrol the device again.",
    "approval.role": "{name} is not a {needed}, so cannot approve this. Ask a {needed}.",
    "approval.needed": "This needs a {needed}. Ask a {needed} to enter their PIN to approve.",
    "permission.needed": "This needs a {needed}. Ask a {needed} to sign in and approve.",
    # stock corrections
    "correction.delta_or_counted": "Give either how many more or fewer there are, or how many the shelf has.",
    "correction.no_change": "That is what the figures already say, so there is nothing to save.",
    "correction.counted_negative": "A shelf cannot hold fewer than 0 pieces; count again.",
    "correction.too_many": "That is more than 9,999 pieces; count again.",
    "correction.reason_direction": "“{reason}” does not fit {direction}; choose another reason.",
    "correction.note_needed": "Say why in the note when the reason is “Other”.",
    "correction.unknown_item": "This item is not in the catalog on this device.",
    # outbox
    "outbox.unknown": "no operation with that id",
    "outbox.requeued": "requeued: it will be sent with the next sync",
    "outbox.not_rejected_sent": "not a rejected operation: it was already sent",
    "outbox.not_rejected_waiting": "not a rejected operation: it is still waiting to be sent",
    # central
    "central.unreachable": "Central cannot be reached ({detail}). Working from the figures on this device.",
    "central.problem": "Central is there but had a problem, so nothing more was done; the device tries again by itself. ({detail})",
    "central.refused_token": "Central refused this device's token ({detail}). Enrol the device again.",
    "sync.done": "Synced.",
    "sync.failed": "Sync failed: {detail}",
    # device
    "sale.no_store": "This store's details are not on this device yet; sync first.",
    "sale.unknown_item": "Item {variant_id} is not in the catalog on this device.",
    "sale.no_tax_rate": "There is no tax rate for “{tax_class}” on this device yet; sync first.",
    "sale.underpaid": "{due} is still due.",
    "sale.underpaid_cash": "{due} is still due ({due_cash} in cash).",
    "sale.invalid": "This sale cannot be recorded: {detail}",
    "sale.exchange_alone": "An exchange credit comes only from a return taken back in this basket.",
    # receipts
    "receipt.email_address": "“{address}” is not an e-mail address; check it with the customer.",
    "receipt.no_sale": "There is no sale {sale_id} on this device.",
    # the basket (sell screen)
    "basket.unknown_code": "“{code}” is not a barcode or SKU this store knows.",
    "basket.undo_expired": "Too late to undo; add the item again.",
    "basket.empty": "The basket is empty: scan or add an item first.",
    "basket.no_line": "That line is no longer in the basket.",
    "basket.parked_gone": "That parked basket is no longer here (resumed or paid on this device).",
    "discount.approval": "{percent} % off is above your limit of {limit} %. A {needed} approves with their PIN.",
    "override.approval": "This price is {percent} % below the list price, above your limit of {limit} %. A {needed} approves with their PIN.",
    "discount.over_every_limit": "{percent} % off is above every role's limit; nobody on this till can approve it.",
    "override.over_every_limit": "{percent} % below the list price is above every role's limit; nobody on this till can approve it.",
    # customers
    "customer.search_empty": "Type a name, a phone number or an e-mail to search.",
    "customer.search_refused": "Central refused the search: {detail}",
    "customer.offline_search": "Central cannot be reached: showing the customers this till served recently.",
    "customer.name": "Type the customer's name.",
    "customer.name_long": "That name is too long (200 characters at most).",
    "customer.email": "“{email}” is not a complete e-mail address: it looks like name@example.com.",
    "customer.phone": "“{phone}” is not a phone number. {why}",
    "customer.contact": "Give an e-mail or a phone number, so the customer can be found again.",
    "customer.duplicate_email": "{name} already has the e-mail {email}. Attach {name} instead.",
    # returns: exchanges (docs/returns.md)
    "return.exchanged": "Exchanged: {credit} of the return paid the new items.",
    "return.exchange_rest": "The rest went back: {said}.",
    "return.exchange_unavailable": "Exchanges are not available on this till.",
    "return.exchange_no_receipt": "A return without a receipt is store credit only: it cannot be an exchange.",
    "return.exchange_currency": "The return was paid in {currency}: the exchange must be in the same currency.",
    "return.exchange_over": "The return's {credit} pays all of the new items: nothing more to pay.",
    "return.exchange_other_sale": "This basket was already paid without this return: start the exchange again.",
    # returns: the reason of a counter return (the policy's `reason` rules)
    "return.reason_needed": "Choose the reason the customer gives: a return at the counter needs one.",
    "return.reason_unknown": "“{reason}” is not a reason of the return policy; choose one of: {known}.",
    # returns: the no-receipt limit per customer (central counts it across tills)
    "return.no_receipt_limit": "Without a receipt this customer may return {limit} in {days} days across the stores; {left} is left.",
    "return.no_receipt_limit_offline": "Without a receipt this customer may return {limit} in {days} days; {left} is left by this till's count (central cannot be reached; it checks again).",
    "device.not_enrolled": "This device is not enrolled yet.",
    "device.no_token": "The device token is missing from the keyring; enrol the device again.",
    "shift.policy_central": "Head office sets this store's shift rules (central shift-policy); they cannot be changed on the till.",
    "enrol.confirm_needed": "Re-enrolling changes what happens to operations waiting to be sent; confirm with --yes.",
}


class ServiceError(Exception):
    """An error a person can act on. `code` names it, `params` fill its sentence."""

    # `code` and `message` are positional-only, so a parameter of the same name (the unknown
    # barcode's `code`) goes into `params` instead of a TypeError.
    def __init__(self, code: str, message: str | None = None, /, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = params
        if message is None:
            template = MESSAGES.get(code, code)
            try:
                message = template.format(**params)
            except (KeyError, IndexError):
                message = template
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class SignInError(ServiceError):
    def __init__(
        self, code: str, message: str | None = None, /, *, locked_until: datetime | None = None, **params: Any
    ) -> None:
        super().__init__(code, message, **params)
        self.locked_until = locked_until


class PermissionNeeded(ServiceError, PermissionDenied):  # PermissionDenied: older callers
    def __init__(self, code: str, needed: Role, message: str | None = None, /, **params: Any) -> None:
        params.setdefault("needed", needed.name.lower())
        super().__init__(code, message, **params)
        self.needed = needed


class ValidationFailed(ServiceError):
    pass


class CentralUnavailable(ServiceError):
    """Central could not be asked: the network (`central.unreachable`) or central itself
    (`central.problem`, a 5xx) — worded differently, because the fix differs."""


def human_wait(seconds: int) -> str:
    if seconds < 90:
        n = max(1, seconds)
        return f"{n} second{'s' if n != 1 else ''}"
    return f"{round(seconds / 60)} minutes"


__all__ = [
    "MESSAGES",
    "CentralUnavailable",
    "PermissionNeeded",
    "ServiceError",
    "SignInError",
    "ValidationFailed",
    "human_wait",
]
