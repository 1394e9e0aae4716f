"""Errors the services raise for people to act on: a code, its parameters, an English sentence.

The UI words an error by its `code` and `params` (pos_app/ui/messages.py, translated in
resources/translations); `str(e)` is the English sentence, used by the CLI and as the fallback.
Every sentence below the UI comes from `MESSAGES` here (core's codes from core/messages.py), so
a translation is a table, not a hunt through the services: raise `ValidationFailed("code",
**params)`, never a sentence of your own (tests/unit/test_messages.py scans for them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pos_app.core.auth import PermissionDenied, Role
from pos_app.core.messages import MESSAGES as CORE_MESSAGES
from pos_app.devices.terminal_words import TERMINAL_MESSAGES
from pos_app.local.words import OP_MESSAGES
from sync.words import SYNC_MESSAGES
from sync.words import Said as SyncSaid

MESSAGES: dict[str, str] = {
    **CORE_MESSAGES,  # the pure domain's codes (pos_app/core/messages.py)
    **SYNC_MESSAGES,  # the sync package's (sync/words.py): the screens word them the same way
    **OP_MESSAGES,  # each queued operation's line (pos_app/local/words.py)
    **TERMINAL_MESSAGES,  # the card terminal's (pos_app/devices/terminal_words.py)
    # sign-in and approval
    "signin.unknown_staff": "This person cannot sign in on this store's devices.",
    "signin.locked": "Too many wrong PINs. Try again in {wait}.",
    "signin.wrong_pin": "Wrong PIN. {left} more tries before a pause.",
    "signin.wrong_pin_one": "Wrong PIN. 1 more try before a pause.",
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
    "sale.card_unknown": "A card tender must be a payment the terminal approved for this basket.",
    "sale.stored_value_unknown": "A store-credit or gift-card tender must be a spend taken for this basket.",
    # receipts
    "receipt.email_address": "“{address}” is not an e-mail address; check it with the customer.",
    "receipt.no_sale": "There is no sale {sale_id} on this device.",
    "receipt.unknown": "There is no receipt {number} on this device.",
    "receipt.unknown_job": "There is no print job {job}.",
    "printer.none": "This till has no receipt printer set up: e-mail the receipt, or set a printer first.",
    "printer.none_label": "This till has no printer set up: set one in Settings first.",
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
    # returns: finding the sale, checking and completing (services/returns.py; central's
    # refusals `return.central` / `return.taken`, the terminal's and the sync package's code
    # sentences keep their own words)
    "return_code.format": "This is not a return code or receipt of this retailer.",
    "return.scanned_twice": "Return {number} was already completed on this till ({time}): nothing more to refund.",
    "return.taken": "Return {number} was already completed at central: nothing more to refund.",
    "return.receipt": "Type the receipt number.",
    "return.no_sale": "No sale with receipt {number}.",
    "return.offline_receipt": "Receipt {number} is from another till and central cannot be reached: try again when online.",
    "return.card_digits": "Type the last 4 digits of the card.",
    "return.no_receipt": "Returns without a receipt are not available on this till.",
    "return.unknown_item": "Scan the item's barcode or type its SKU.",
    "return.not_in_catalog": "This item is not in the catalog.",
    "return.no_price": "This item has no price at this store: it cannot come back without a receipt.",
    "return.no_receipt_customer": "Without a receipt, choose the customer: the refund is store credit.",
    "return.no_customer": "No customer matches “{customer}”.",
    "return.card_not_used": "This card was not used for the sale: refund to the card it was paid with.",
    "return.over_cash": "At most {most} can go back as cash.",
    "return.over_card": "At most {most} can go back as card.",
    "return.plan_sum": "The refund must add up to what the returned items paid.",
    "return.no_shift": "Open this till's shift first: a cash refund comes out of its drawer.",
    "return.done": "This return is already completed.",
    "return.card_declined": "The terminal refused the card refund.",
    "return.needs_manager": "A return without a receipt needs a manager's approval.",
    "return.unknown": "No return {key} on this till.",
    "return.nothing_queued": "Return {number} has no card refund waiting.",
    # returns: exchanges (docs/returns.md)
    "return.exchanged": "Exchanged: {credit} of the return paid the new items.",
    "return.exchange_rest": "The rest went back: {said}.",
    "return.exchange_unavailable": "Exchanges are not available on this till.",
    "return.exchange_no_receipt": "A return without a receipt is store credit only: it cannot be an exchange.",
    "return.exchange_currency": "The return was paid in {currency}: the exchange must be in the same currency.",
    "return.exchange_over": "The return's {credit} pays all of the new items: nothing more to pay.",
    "return.exchange_other_sale": "This basket was already paid without this return: start the exchange again.",
    # returns: the reason of a counter return (the policy's `reason` rules)
    "return.no_customers": "Customer search is not available on this till.",
    "return.reason_needed": "Choose the reason the customer gives: a return at the counter needs one.",
    "return.reason_unknown": "“{reason}” is not a reason of the return policy; choose one of: {known}.",
    # returns: the no-receipt limit per customer (central counts it across tills)
    "return.no_receipt_limit": "Without a receipt this customer may return {limit} in {days} days across the stores; {left} is left.",
    "return.no_receipt_limit_offline": "Without a receipt this customer may return {limit} in {days} days; {left} is left by this till's count (central cannot be reached; it checks again).",
    "device.not_enrolled": "This device is not enrolled yet.",
    "device.no_token": "The device token is missing from the keyring; enrol the device again.",
    "shift.policy_central": "Head office sets this store's shift rules (central shift-policy); they cannot be changed on the till.",
    "enrol.confirm_needed": "Re-enrolling changes what happens to operations waiting to be sent; confirm with --yes.",
    # gift cards and store credit (services/accounts.py; gift.format and gift.check_digit are
    # sync/loyalty.py's sentences, worded here too)
    "gift.format": "This is not a gift card number: it is GC and 11 digits.",
    "gift.check_digit": "This gift card number has a typing error: check it against the card.",
    # sync/member_code.py's and sync/pickup_code.py's sentences without params, worded here too
    # (their damaged-code sentences share the code, so they stay English: docs/languages.md)
    "member_code.format": "This is not a member code of this retailer.",
    "member_code.unknown_key": "This code was signed with a key this till does not know: sync, then scan again.",
    "member_code.forged": "This member code is not genuine (altered or forged).",
    "pickup_code.format": "This is not a pickup code of this retailer.",
    "pickup_code.unknown_key": "This code was signed with a key this tablet does not know: sync, then scan again.",
    "pickup_code.forged": "This pickup code is not genuine (altered or forged).",
    "gift.offline_unknown": "Central cannot be reached and this card was never seen on this till, so its balance cannot be checked.",
    "gift.inactive": "This gift card is not active: it must be sold and activated first.",
    "gift.currency": "This gift card holds {card_currency}, not {currency}.",
    "gift.amount": "Type the amount to load, more than 0.",
    "gift.no_load": "There is no such gift-card load on this till.",
    "gift.voided": "This load was voided already.",
    "stored_value.amount": "Nothing is due to pay with it.",
    "stored_value.customer": "Attach the customer first: store credit is theirs.",
    "stored_value.offline_balance": "Central cannot be reached and this till knows of less than that on it: take the rest another way.",
    "stored_value.offline_cap": "Central cannot be reached and this till's offline limit for today is used up: take it another way.",
    "stored_value.cancel_gift": "The gift spend could not be given back at central now: {detail}",
    "stored_value.cancel_credit": "The credit spend could not be given back at central now: {detail}",
    # card payments (services/payments.py)
    "payment.unknown_id": "No card payment {id!r} on this till.",
    "payment.no_terminal": "No card terminal is set up on this till.",
    "payment.in_progress": "A card payment for this basket is already on the terminal.",
    "payment.unsettled": "The terminal has not said how the last card payment of this basket ended: look at the terminal and record what it shows first.",
    "payment.amount": "A card can pay between {low} and {high} here.",
    "payment.unavailable": "{reason}",  # the availability's own sentence (an errors.Said)
    "payment.not_unknown": "The terminal already said how this payment ended.",
    "payment.approval_code": "Type the approval code the terminal shows (letters and digits).",
    "payment.sale_completed": "This sale is complete: give money back as a refund.",
    "payment.reverse_failed": "A card payment could not be given back yet: try again, or look at the terminal.",
    "refund.no_transaction": "This card payment was recorded by hand: give the money back on the terminal itself.",
    "refund.no_payment": "No card payment of this sale or transaction on this till.",
    "refund.over": "At most {most} can go back to this card.",
    "refund.nothing_left": "Nothing is left to give back on this card.",
    # the device's settings (services/settings.py, services/app.py)
    "settings.terminal_kind": "A terminal is simulated or on the network.",
    "settings.terminal_poiid": "Type the terminal's POIID as it shows it, like V400m-123456789.",
    "settings.terminal_url": "Type the terminal's address, like https://192.168.1.20:8443/nexo/.",
    "settings.terminal_port": "The port of the terminal's address is not a number.",
    "settings.terminal_plain": "A terminal on the network is reached over HTTPS (plain HTTP only on this computer, for tests).",
    "settings.terminal_ca": "Choose the CA file the terminal's certificate is checked against.",
    "settings.terminal_key": "The key version is a number from 1.",
    "settings.terminal_passphrase": "Type the passphrase set on the terminal for this key.",
    "settings.columns": "A receipt printer is 42 or 48 columns wide.",
    "settings.unreadable": "The device settings in {path} cannot be read ({detail}).",
    "settings.not_object": "The device settings in {path} are not a JSON object.",
    "settings.wrong_value": "The device settings in {path} have a wrong value ({detail}).",
    "printer.test_none": "No receipt printer is set on this till: type its address first.",
    "printer.offline": "The printer at {printer} is off or cannot be reached.",
    "printer.paper_out": "The printer is out of paper.",
    "printer.cover_open": "The printer's cover is open.",
    "printer.test_failed": "The printer at {printer} did not take the test page ({problem}).",
    "language.unknown": "{value!r} is not a language of Aisle: use one of {choices}.",
    # pricing a basket from a file (pos-app price)
    "pricing.float": "{where}: {value} is a JSON float; write amounts in minor units and rates as strings",
    "pricing.json": "{where} is not JSON: {detail} (line {line}, column {column})",
    "pricing.file": "cannot read {path}: {detail}",
    "pricing.not_utf8": "{path} is not UTF-8 text",
    # a scan (services/lookup.py; scan.bad_check_digit is core's)
    "scan.unknown_barcode": "Barcode {code} is not in the catalog. Check the label or search by name.",
    # the basket: delivery, pickups, parking, discounts, points (services/basket.py)
    "ship.never_stocked": "No store or warehouse has ever had {sku}: it cannot be ordered for delivery.",
    "ship.no_option": "Choose how the order is delivered.",
    "ship.no_customer": "Attach the customer first: a delivery needs their name and e-mail or phone.",
    "ship.no_delivery": "Choose the delivery address and option first.",
    "ship.no_fee_item": "The delivery fee item {sku} is not in this till's catalog yet: sync, then try again.",
    "basket.pickup_busy": "This basket already collects pickup order {number}: take its payment first, then the next order.",
    "basket.pickup_currency": "Pickup order {number} is in {currency}, not this store's money.",
    "basket.pickup_line": "This line is collected from a pickup order at the order's price: to leave some of it, take the order off the sale (✕) and choose the lines on its handover again.",
    "basket.park_pickup": "This basket collects pickup order {number}: take the payment, or clear the basket (the order stays ready on its shelf).",
    "basket.park_card_open": "A card payment of this basket has not ended yet: settle it on the Pay screen before parking.",
    "basket.park_card": "This basket holds a card payment of {amount}: take the rest to finish the sale, or give the card payment back on the Pay screen, then park it.",
    "override.reason": "A price override needs a reason.",
    "discount.kind": "A discount is a percent or an amount.",
    "discount.value": "Type the discount as a number.",
    "discount.reason": "A discount needs a reason.",
    "points.no_customer": "Attach the customer first: the points are theirs.",
    "points.none": "The customer has no points to use here.",
    # shipments of the endless aisle (services/orders.py)
    "order.unknown": "There is no shipment {number} for this store.",
    "order.not_unsourced": "Order {number} is {state}: only an order central could not source takes a decision.",
    "order.no_source": "Choose where order {number} ships from.",
    "order.no_refund": "Nothing is owed to the customer of order {number}.",
    "order.card_elsewhere": "The card payment of order {number} was not taken on this till: refund it in cash, or on the till that sold it.",
    "order.not_to_ship": "Order {number} is not this store's to ship (it is {state}).",
    "order.carrier": "Choose the carrier the parcel left with.",
    "order.tracking": "The tracking number {tracking!r} is not one: 4 to 40 letters, digits or dashes.",
    "order.no_options": "No delivery option is set up for {country}: sync, or ask head office.",
    "order.card_refund_failed": "The terminal did not refund the card.",
    "order.tender": "Refund in cash or to the card.",
    "order.refunded": "The order of receipt {receipt} is paid back already, or central has not refused it.",
    "order.invalid": "{where}: {detail}",
    # click-and-collect (services/pickups.py)
    "pickup.unknown": "There is no pickup order {number} at this store.",
    "pickup.wrong_item": "{what} is not in order {number}. Put it back and scan the item on the list.",
    "pickup.line_full": "Order {number} needs no more of {sku}: all {qty} are in the bag.",
    "pickup.not_picked": "Line {line} of order {number} still needs a scan or “missing”.",
    "pickup.nothing_found": "Nothing of order {number} was found: it cannot be made ready.",
    "pickup.not_ready": "Order {number} is {state}, not ready for handover.",
    "pickup.collected": "Order {number} was already collected at {time} by {who}.",
    "pickup.collector_name": "Type the name of the person collecting for the customer.",
    "pickup.no_match": "No pickup order {number} for a customer called “{name}” at this store.",
    "pickup.nothing_given": "Choose at least one line to hand over.",
    "pickup.not_expired": "Order {number} is {state}: only an expired order's bag goes back on the shelf.",
    "pickup.restocked": "Order {number} is already back on the shelf.",
    "pickup.label_store": "This bag label is for store {store}, not this one ({here}).",
    "pickup.label_bad": "This is not a bag label this app can read.",
    "pickup.label_unknown": "Order {number} is not (or no longer) in this store's pickups.",
    "pickup.unpaid": "Order {number} is pay on pickup: take the payment ({total}) first.",
    "pickup.already_handed_over": "This till has already handed this pickup order over: clear the basket (nothing is charged).",
    "pickup.paid_online": "Order {number} was paid online: hand it over, there is nothing to pay.",
    "pickup.scan": "“{code}” is not a barcode this store knows.",
    # shifts (services/shifts.py; the count's and the movements' codes are core's)
    "shift.open_on_till": "Till {till} already has an open shift (opened {opened}); close it before opening another.",
    "shift.none_open": "There is no open shift on till {till}; open one with its float first.",
    "shift.closed": "This shift was already closed with Z report {number} at {closed}.",
    "shift.unknown": "There is no shift {shift_id} on this device.",
    "shift.not_counted": "Count the drawer before closing the shift.",
    "shift.still_open": "The shift is still open, so its Z report is made when it closes (an X report shows the figures so far).",
    "shift.no_report": "There is no Z report {number} for till {till}.",
    "shift.approval_needed": "The count is {difference} off, beyond the limit of {limit}: a manager approves with their PIN.",
    "shift.unsent": "Operations not yet at central: {unsent}; sync first, or a manager defers them with a reason.",
    "shift.defer_reason": "Say why the shift closes with operations still unsent.",
    "shift.journal_break": "The journal is broken at {entry}, so the shift cannot close; call support with this sentence.",
    "shift.no_store": "This store's details have not been downloaded yet; sync first.",
    "shift.invalid": "The shift's close could not be put together ({detail}).",
    "shift.not_on_shift": "Open the shift first; then staff can join it.",
    "shift.movement_kind": "{kind!r} is not a cash movement.",
    # enrolment (services/enrollment.py)
    "enrol.not_aisle": "That is not an Aisle enrolment code. Scan the QR code from head office.",
    "enrol.incomplete": "The enrolment QR code is incomplete. Ask head office for a new one.",
    "enrol.no_url": "Type the address of central, for example https://central.example.com",
    "enrol.bad_url": "“{url}” is not a web address central can be reached at.",
    "enrol.no_code": "Type the enrolment code from head office.",
    "enrol.unreachable": "Cannot reach central at {url}. Check the address and the network, then try again. ({detail})",
    "enrol.unreachable_http": "Cannot reach central at {url}. Check the address and the network, then try again. If central runs without HTTPS on your network, type {plain} ({detail})",
    "enrol.not_confirmed": "Not enrolled again: nothing was changed.",
    "enrol.no_qr": "No QR code found in that picture.",
    # sentences services return (errors.Said)
    "printer.test_sent": "Test page sent to {printer}: check that the ruler is on one line.",
    "terminal.answered": "Terminal {poiid} answered.",
    "terminal.answered_protected": "Terminal {poiid} answered (messages protected).",
    "terminal.none_chosen": "No card terminal is chosen.",
    "card.offline_no_store": "The terminal cannot reach the card network and cannot store payments: take cash.",
    "card.offline_not_allowed": "The terminal is offline and this store takes no card payments offline: take cash.",
    "card.offline_full": "The terminal is offline and has stored all it may ({total}) until its end-of-day reconciliation: take cash.",
    "card.offline_most": "Offline, a card may pay at most {most}: take the rest in cash.",
    "card.offline_notice": "The terminal is offline: card payments are stored and sent later (at most {per_sale} a sale, {left} left today).",
    "central.refused_this": "Central refused this.",
    # the keyring (services/secrets.py)
    "keyring.insecure": "No secure keyring is available on this computer, so the device token cannot be stored safely. On Linux start a Secret Service (GNOME Keyring or KWallet) in the session; `make demo` does this for you. Aisle will not store the token in a file. (An insecure keyring that could store it: {found}.)",
    "keyring.refused": "The keyring refused to store the {what}: {detail}",
    "keyring.unreadable": "The keyring could not be read: {detail}",
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


class Said(SyncSaid):
    """A sentence a service returns rather than raises ("Test page sent to …"): the English
    `str` the CLI prints, with the `code` and `params` the UI words it by (ui/messages.py)."""

    TABLE = MESSAGES


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


class NotEnrolled(ServiceError):
    """The data directory holds no enrolled device (or its token is gone from the keyring)."""

    def __init__(self, code: str = "device.not_enrolled", message: str | None = None) -> None:
        super().__init__(code, message)


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
    "Said",
    "ServiceError",
    "SignInError",
    "ValidationFailed",
    "human_wait",
]
