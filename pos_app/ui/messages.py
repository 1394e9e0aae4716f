"""Sentences made below the UI, worded in the screens' language (issue 12, docs/languages.md).

Services and core raise a code of `pos_app/services/errors.MESSAGES` with its params; the
English sentence (`str(e)`) is the CLI's. A sentence a service returns is an `errors.Said`
(a str with its code and params). A screen shows `error_text(e)` / `text_of(said)` (or
`say(code, …)`):
the code's sentence through Qt's translation (context "Messages"), its `{params}` filled after
translating. `WORDS` repeats every English sentence of MESSAGES as a literal, because
pyside6-lupdate extracts only literals; tests/unit/test_messages.py keeps the two tables equal
and every sentence translated in Japanese and German.

- An error whose English is not its code's sentence (a sentence central made, or a service
  that still passes its own words) is shown as it is: English, never wrong. The sync package's
  sentences are codes of sync/words.py, in MESSAGES too; a `stream` param is worded here.
- Params are formatted values already (money and dates by babel in the store's locale); the
  few that are words are worded here: `needed` (a role), `wait` (from `seconds`), a stock
  correction's reason and direction, what the keyring refused to keep, and a param that is an
  `errors.Said` of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pos_app.services.errors import MESSAGES

CONTEXT = "Messages"

WORDS: dict[str, str] = {
    "scan.bad_check_digit": QT_TRANSLATE_NOOP(
        "Messages",
        "“{code}” is not a valid barcode (wrong check digit). Scan it again or type the number printed under the bars.",
    ),
    "shift.count_denomination": QT_TRANSLATE_NOOP("Messages", "{label} is not a note or coin of {currency}."),
    "shift.count_number": QT_TRANSLATE_NOOP("Messages", "Type how many {denomination} pieces there are, as a number."),
    "shift.count_text": QT_TRANSLATE_NOOP(
        "Messages", "“{typed}” for {denomination} is not a number of pieces; type digits only."
    ),
    "shift.count_negative": QT_TRANSLATE_NOOP(
        "Messages", "A drawer cannot hold {pieces} pieces of {denomination}; count again."
    ),
    "shift.count_too_many": QT_TRANSLATE_NOOP(
        "Messages", "{pieces} pieces of {denomination} is more than a drawer holds; count again."
    ),
    "shift.float_movement": QT_TRANSLATE_NOOP("Messages", "The float is counted when the shift opens."),
    "shift.no_sale_amount": QT_TRANSLATE_NOOP("Messages", "A no-sale moves no money; record a paid in or out instead."),
    "shift.movement_amount": QT_TRANSLATE_NOOP("Messages", "Give an amount above 0."),
    "shift.movement_reason": QT_TRANSLATE_NOOP("Messages", "Choose a reason: {choices}."),
    "shift.note_needed": QT_TRANSLATE_NOOP("Messages", "Say why in the note when the reason is “other”."),
    "shift.variance_reason": QT_TRANSLATE_NOOP(
        "Messages", "The count is off by more than the limit: choose a reason ({choices})."
    ),
    "return.no_line": QT_TRANSLATE_NOOP("Messages", "Line {line_id} is not part of this return."),
    "return.refunding": QT_TRANSLATE_NOOP("Messages", "This return is already being refunded."),
    "return.grade": QT_TRANSLATE_NOOP("Messages", "Grade each item resellable, damaged or wrong item."),
    "return.too_many": QT_TRANSLATE_NOOP("Messages", "Only {quantity} of {sku} can come back on this return."),
    "return.nothing": QT_TRANSLATE_NOOP(
        "Messages", "Nothing is taken back: grade at least one item resellable or damaged."
    ),
    "return.step": QT_TRANSLATE_NOOP("Messages", "A return cannot go from {step} to {to}."),
    "return.over_paid": QT_TRANSLATE_NOOP("Messages", "This return is more than the sale's tenders can take back."),
    "signin.unknown_staff": QT_TRANSLATE_NOOP("Messages", "This person cannot sign in on this store's devices."),
    "signin.locked": QT_TRANSLATE_NOOP("Messages", "Too many wrong PINs. Try again in {wait}."),
    "signin.wrong_pin": QT_TRANSLATE_NOOP("Messages", "Wrong PIN. {left} more tries before a pause."),
    "signin.wrong_pin_one": QT_TRANSLATE_NOOP("Messages", "Wrong PIN. 1 more try before a pause."),
    "signin.wrong_pin_locked": QT_TRANSLATE_NOOP("Messages", "Wrong PIN. Locked for {wait}."),
    "signin.no_pin_key": QT_TRANSLATE_NOOP(
        "Messages", "This device does not hold the PIN key, so no PIN can be checked. Enrol the device again."
    ),
    "approval.role": QT_TRANSLATE_NOOP("Messages", "{name} is not a {needed}, so cannot approve this. Ask a {needed}."),
    "approval.needed": QT_TRANSLATE_NOOP(
        "Messages", "This needs a {needed}. Ask a {needed} to enter their PIN to approve."
    ),
    "permission.needed": QT_TRANSLATE_NOOP("Messages", "This needs a {needed}. Ask a {needed} to sign in and approve."),
    "correction.delta_or_counted": QT_TRANSLATE_NOOP(
        "Messages", "Give either how many more or fewer there are, or how many the shelf has."
    ),
    "correction.no_change": QT_TRANSLATE_NOOP(
        "Messages", "That is what the figures already say, so there is nothing to save."
    ),
    "correction.counted_negative": QT_TRANSLATE_NOOP(
        "Messages", "A shelf cannot hold fewer than 0 pieces; count again."
    ),
    "correction.too_many": QT_TRANSLATE_NOOP("Messages", "That is more than 9,999 pieces; count again."),
    "correction.reason_direction": QT_TRANSLATE_NOOP(
        "Messages", "“{reason}” does not fit {direction}; choose another reason."
    ),
    "correction.note_needed": QT_TRANSLATE_NOOP("Messages", "Say why in the note when the reason is “Other”."),
    "correction.unknown_item": QT_TRANSLATE_NOOP("Messages", "This item is not in the catalog on this device."),
    "outbox.unknown": QT_TRANSLATE_NOOP("Messages", "no operation with that id"),
    "outbox.requeued": QT_TRANSLATE_NOOP("Messages", "requeued: it will be sent with the next sync"),
    "outbox.not_rejected_sent": QT_TRANSLATE_NOOP("Messages", "not a rejected operation: it was already sent"),
    "outbox.not_rejected_waiting": QT_TRANSLATE_NOOP(
        "Messages", "not a rejected operation: it is still waiting to be sent"
    ),
    "central.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "Central cannot be reached ({detail}). Working from the figures on this device."
    ),
    "central.problem": QT_TRANSLATE_NOOP(
        "Messages",
        "Central is there but had a problem, so nothing more was done; the device tries again by itself. ({detail})",
    ),
    "central.refused_token": QT_TRANSLATE_NOOP(
        "Messages", "Central refused this device's token ({detail}). Enrol the device again."
    ),
    "sync.done": QT_TRANSLATE_NOOP("Messages", "Synced."),
    "sync.failed": QT_TRANSLATE_NOOP("Messages", "Sync failed: {detail}"),
    "sale.no_store": QT_TRANSLATE_NOOP("Messages", "This store's details are not on this device yet; sync first."),
    "sale.unknown_item": QT_TRANSLATE_NOOP("Messages", "Item {variant_id} is not in the catalog on this device."),
    "sale.no_tax_rate": QT_TRANSLATE_NOOP(
        "Messages", "There is no tax rate for “{tax_class}” on this device yet; sync first."
    ),
    "sale.underpaid": QT_TRANSLATE_NOOP("Messages", "{due} is still due."),
    "sale.underpaid_cash": QT_TRANSLATE_NOOP("Messages", "{due} is still due ({due_cash} in cash)."),
    "sale.invalid": QT_TRANSLATE_NOOP("Messages", "This sale cannot be recorded: {detail}"),
    "receipt.email_address": QT_TRANSLATE_NOOP(
        "Messages", "“{address}” is not an e-mail address; check it with the customer."
    ),
    "receipt.unknown": QT_TRANSLATE_NOOP("Messages", "There is no receipt {number} on this device."),
    "receipt.unknown_job": QT_TRANSLATE_NOOP("Messages", "There is no print job {job}."),
    "printer.none": QT_TRANSLATE_NOOP(
        "Messages", "This till has no receipt printer set up: e-mail the receipt, or set a printer first."
    ),
    "printer.none_label": QT_TRANSLATE_NOOP("Messages", "This till has no printer set up: set one in Settings first."),
    "receipt.no_sale": QT_TRANSLATE_NOOP("Messages", "There is no sale {sale_id} on this device."),
    "basket.unknown_code": QT_TRANSLATE_NOOP("Messages", "“{code}” is not a barcode or SKU this store knows."),
    "basket.undo_expired": QT_TRANSLATE_NOOP("Messages", "Too late to undo; add the item again."),
    "basket.empty": QT_TRANSLATE_NOOP("Messages", "The basket is empty: scan or add an item first."),
    "basket.no_line": QT_TRANSLATE_NOOP("Messages", "That line is no longer in the basket."),
    "basket.parked_gone": QT_TRANSLATE_NOOP(
        "Messages", "That parked basket is no longer here (resumed or paid on this device)."
    ),
    "discount.approval": QT_TRANSLATE_NOOP(
        "Messages", "{percent} % off is above your limit of {limit} %. A {needed} approves with their PIN."
    ),
    "override.approval": QT_TRANSLATE_NOOP(
        "Messages",
        "This price is {percent} % below the list price, above your limit of {limit} %. A {needed} approves with their PIN.",
    ),
    "discount.over_every_limit": QT_TRANSLATE_NOOP(
        "Messages", "{percent} % off is above every role's limit; nobody on this till can approve it."
    ),
    "override.over_every_limit": QT_TRANSLATE_NOOP(
        "Messages", "{percent} % below the list price is above every role's limit; nobody on this till can approve it."
    ),
    "customer.search_empty": QT_TRANSLATE_NOOP("Messages", "Type a name, a phone number or an e-mail to search."),
    "customer.search_refused": QT_TRANSLATE_NOOP("Messages", "Central refused the search: {detail}"),
    "customer.offline_search": QT_TRANSLATE_NOOP(
        "Messages", "Central cannot be reached: showing the customers this till served recently."
    ),
    "customer.name": QT_TRANSLATE_NOOP("Messages", "Type the customer's name."),
    "customer.name_long": QT_TRANSLATE_NOOP("Messages", "That name is too long (200 characters at most)."),
    "customer.email": QT_TRANSLATE_NOOP(
        "Messages", "“{email}” is not a complete e-mail address: it looks like name@example.com."
    ),
    "customer.phone": QT_TRANSLATE_NOOP("Messages", "“{phone}” is not a phone number. {why}"),
    "customer.contact": QT_TRANSLATE_NOOP(
        "Messages", "Give an e-mail or a phone number, so the customer can be found again."
    ),
    "customer.duplicate_email": QT_TRANSLATE_NOOP(
        "Messages", "{name} already has the e-mail {email}. Attach {name} instead."
    ),
    "device.not_enrolled": QT_TRANSLATE_NOOP("Messages", "This device is not enrolled yet."),
    "device.no_token": QT_TRANSLATE_NOOP(
        "Messages", "The device token is missing from the keyring; enrol the device again."
    ),
    "shift.policy_central": QT_TRANSLATE_NOOP(
        "Messages",
        "Head office sets this store's shift rules (central shift-policy); they cannot be changed on the till.",
    ),
    "enrol.confirm_needed": QT_TRANSLATE_NOOP(
        "Messages", "Re-enrolling changes what happens to operations waiting to be sent; confirm with --yes."
    ),
    "gift.format": QT_TRANSLATE_NOOP("Messages", "This is not a gift card number: it is GC and 11 digits."),
    "gift.check_digit": QT_TRANSLATE_NOOP(
        "Messages", "This gift card number has a typing error: check it against the card."
    ),
    "member_code.format": QT_TRANSLATE_NOOP("Messages", "This is not a member code of this retailer."),
    "member_code.unknown_key": QT_TRANSLATE_NOOP(
        "Messages", "This code was signed with a key this till does not know: sync, then scan again."
    ),
    "member_code.forged": QT_TRANSLATE_NOOP("Messages", "This member code is not genuine (altered or forged)."),
    "pickup_code.format": QT_TRANSLATE_NOOP("Messages", "This is not a pickup code of this retailer."),
    "pickup_code.unknown_key": QT_TRANSLATE_NOOP(
        "Messages", "This code was signed with a key this tablet does not know: sync, then scan again."
    ),
    "pickup_code.forged": QT_TRANSLATE_NOOP("Messages", "This pickup code is not genuine (altered or forged)."),
    "gift.offline_unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "Central cannot be reached and this card was never seen on this till, so its balance cannot be checked.",
    ),
    "gift.inactive": QT_TRANSLATE_NOOP(
        "Messages", "This gift card is not active: it must be sold and activated first."
    ),
    "gift.currency": QT_TRANSLATE_NOOP("Messages", "This gift card holds {card_currency}, not {currency}."),
    "gift.amount": QT_TRANSLATE_NOOP("Messages", "Type the amount to load, more than 0."),
    "gift.no_load": QT_TRANSLATE_NOOP("Messages", "There is no such gift-card load on this till."),
    "gift.voided": QT_TRANSLATE_NOOP("Messages", "This load was voided already."),
    "stored_value.amount": QT_TRANSLATE_NOOP("Messages", "Nothing is due to pay with it."),
    "stored_value.customer": QT_TRANSLATE_NOOP("Messages", "Attach the customer first: store credit is theirs."),
    "stored_value.offline_balance": QT_TRANSLATE_NOOP(
        "Messages", "Central cannot be reached and this till knows of less than that on it: take the rest another way."
    ),
    "stored_value.offline_cap": QT_TRANSLATE_NOOP(
        "Messages", "Central cannot be reached and this till's offline limit for today is used up: take it another way."
    ),
    "stored_value.cancel_gift": QT_TRANSLATE_NOOP(
        "Messages", "The gift spend could not be given back at central now: {detail}"
    ),
    "stored_value.cancel_credit": QT_TRANSLATE_NOOP(
        "Messages", "The credit spend could not be given back at central now: {detail}"
    ),
    "payment.unknown_id": QT_TRANSLATE_NOOP("Messages", "No card payment {id!r} on this till."),
    "payment.no_terminal": QT_TRANSLATE_NOOP("Messages", "No card terminal is set up on this till."),
    "payment.in_progress": QT_TRANSLATE_NOOP("Messages", "A card payment for this basket is already on the terminal."),
    "payment.unsettled": QT_TRANSLATE_NOOP(
        "Messages",
        "The terminal has not said how the last card payment of this basket ended: look at the terminal and record what it shows first.",
    ),
    "payment.amount": QT_TRANSLATE_NOOP("Messages", "A card can pay between {low} and {high} here."),
    "payment.unavailable": QT_TRANSLATE_NOOP("Messages", "{reason}"),
    "payment.not_unknown": QT_TRANSLATE_NOOP("Messages", "The terminal already said how this payment ended."),
    "payment.approval_code": QT_TRANSLATE_NOOP(
        "Messages", "Type the approval code the terminal shows (letters and digits)."
    ),
    "payment.sale_completed": QT_TRANSLATE_NOOP("Messages", "This sale is complete: give money back as a refund."),
    "payment.reverse_failed": QT_TRANSLATE_NOOP(
        "Messages", "A card payment could not be given back yet: try again, or look at the terminal."
    ),
    "refund.no_transaction": QT_TRANSLATE_NOOP(
        "Messages", "This card payment was recorded by hand: give the money back on the terminal itself."
    ),
    "refund.no_payment": QT_TRANSLATE_NOOP("Messages", "No card payment of this sale or transaction on this till."),
    "refund.over": QT_TRANSLATE_NOOP("Messages", "At most {most} can go back to this card."),
    "refund.nothing_left": QT_TRANSLATE_NOOP("Messages", "Nothing is left to give back on this card."),
    "settings.terminal_kind": QT_TRANSLATE_NOOP("Messages", "A terminal is simulated or on the network."),
    "settings.terminal_poiid": QT_TRANSLATE_NOOP(
        "Messages", "Type the terminal's POIID as it shows it, like V400m-123456789."
    ),
    "settings.terminal_url": QT_TRANSLATE_NOOP(
        "Messages", "Type the terminal's address, like https://192.168.1.20:8443/nexo/."
    ),
    "settings.terminal_port": QT_TRANSLATE_NOOP("Messages", "The port of the terminal's address is not a number."),
    "settings.terminal_plain": QT_TRANSLATE_NOOP(
        "Messages", "A terminal on the network is reached over HTTPS (plain HTTP only on this computer, for tests)."
    ),
    "settings.terminal_ca": QT_TRANSLATE_NOOP(
        "Messages", "Choose the CA file the terminal's certificate is checked against."
    ),
    "settings.terminal_key": QT_TRANSLATE_NOOP("Messages", "The key version is a number from 1."),
    "settings.terminal_passphrase": QT_TRANSLATE_NOOP(
        "Messages", "Type the passphrase set on the terminal for this key."
    ),
    "settings.columns": QT_TRANSLATE_NOOP("Messages", "A receipt printer is 42 or 48 columns wide."),
    "settings.unreadable": QT_TRANSLATE_NOOP("Messages", "The device settings in {path} cannot be read ({detail})."),
    "settings.not_object": QT_TRANSLATE_NOOP("Messages", "The device settings in {path} are not a JSON object."),
    "settings.wrong_value": QT_TRANSLATE_NOOP(
        "Messages", "The device settings in {path} have a wrong value ({detail})."
    ),
    "printer.test_none": QT_TRANSLATE_NOOP(
        "Messages", "No receipt printer is set on this till: type its address first."
    ),
    "printer.offline": QT_TRANSLATE_NOOP("Messages", "The printer at {printer} is off or cannot be reached."),
    "printer.paper_out": QT_TRANSLATE_NOOP("Messages", "The printer is out of paper."),
    "printer.cover_open": QT_TRANSLATE_NOOP("Messages", "The printer's cover is open."),
    "printer.test_failed": QT_TRANSLATE_NOOP(
        "Messages", "The printer at {printer} did not take the test page ({problem})."
    ),
    "language.unknown": QT_TRANSLATE_NOOP("Messages", "{value!r} is not a language of Aisle: use one of {choices}."),
    "pricing.float": QT_TRANSLATE_NOOP(
        "Messages", "{where}: {value} is a JSON float; write amounts in minor units and rates as strings"
    ),
    "pricing.json": QT_TRANSLATE_NOOP("Messages", "{where} is not JSON: {detail} (line {line}, column {column})"),
    "pricing.file": QT_TRANSLATE_NOOP("Messages", "cannot read {path}: {detail}"),
    "pricing.not_utf8": QT_TRANSLATE_NOOP("Messages", "{path} is not UTF-8 text"),
    "scan.unknown_barcode": QT_TRANSLATE_NOOP(
        "Messages", "Barcode {code} is not in the catalog. Check the label or search by name."
    ),
    "ship.never_stocked": QT_TRANSLATE_NOOP(
        "Messages", "No store or warehouse has ever had {sku}: it cannot be ordered for delivery."
    ),
    "ship.no_option": QT_TRANSLATE_NOOP("Messages", "Choose how the order is delivered."),
    "ship.no_customer": QT_TRANSLATE_NOOP(
        "Messages", "Attach the customer first: a delivery needs their name and e-mail or phone."
    ),
    "ship.no_delivery": QT_TRANSLATE_NOOP("Messages", "Choose the delivery address and option first."),
    "ship.no_fee_item": QT_TRANSLATE_NOOP(
        "Messages", "The delivery fee item {sku} is not in this till's catalog yet: sync, then try again."
    ),
    "basket.pickup_busy": QT_TRANSLATE_NOOP(
        "Messages", "This basket already collects pickup order {number}: take its payment first, then the next order."
    ),
    "basket.pickup_currency": QT_TRANSLATE_NOOP(
        "Messages", "Pickup order {number} is in {currency}, not this store's money."
    ),
    "basket.pickup_line": QT_TRANSLATE_NOOP(
        "Messages",
        "This line is collected from a pickup order at the order's price: to leave some of it, take the order off the sale (✕) and choose the lines on its handover again.",
    ),
    "basket.park_pickup": QT_TRANSLATE_NOOP(
        "Messages",
        "This basket collects pickup order {number}: take the payment, or clear the basket (the order stays ready on its shelf).",
    ),
    "basket.park_card_open": QT_TRANSLATE_NOOP(
        "Messages", "A card payment of this basket has not ended yet: settle it on the Pay screen before parking."
    ),
    "basket.park_card": QT_TRANSLATE_NOOP(
        "Messages",
        "This basket holds a card payment of {amount}: take the rest to finish the sale, or give the card payment back on the Pay screen, then park it.",
    ),
    "override.reason": QT_TRANSLATE_NOOP("Messages", "A price override needs a reason."),
    "discount.kind": QT_TRANSLATE_NOOP("Messages", "A discount is a percent or an amount."),
    "discount.value": QT_TRANSLATE_NOOP("Messages", "Type the discount as a number."),
    "discount.reason": QT_TRANSLATE_NOOP("Messages", "A discount needs a reason."),
    "points.no_customer": QT_TRANSLATE_NOOP("Messages", "Attach the customer first: the points are theirs."),
    "points.none": QT_TRANSLATE_NOOP("Messages", "The customer has no points to use here."),
    "order.unknown": QT_TRANSLATE_NOOP("Messages", "There is no shipment {number} for this store."),
    "order.not_unsourced": QT_TRANSLATE_NOOP(
        "Messages", "Order {number} is {state}: only an order central could not source takes a decision."
    ),
    "order.no_source": QT_TRANSLATE_NOOP("Messages", "Choose where order {number} ships from."),
    "order.no_refund": QT_TRANSLATE_NOOP("Messages", "Nothing is owed to the customer of order {number}."),
    "order.card_elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "The card payment of order {number} was not taken on this till: refund it in cash, or on the till that sold it.",
    ),
    "order.not_to_ship": QT_TRANSLATE_NOOP("Messages", "Order {number} is not this store's to ship (it is {state})."),
    "order.carrier": QT_TRANSLATE_NOOP("Messages", "Choose the carrier the parcel left with."),
    "order.tracking": QT_TRANSLATE_NOOP(
        "Messages", "The tracking number {tracking!r} is not one: 4 to 40 letters, digits or dashes."
    ),
    "order.no_options": QT_TRANSLATE_NOOP(
        "Messages", "No delivery option is set up for {country}: sync, or ask head office."
    ),
    "order.card_refund_failed": QT_TRANSLATE_NOOP("Messages", "The terminal did not refund the card."),
    "order.tender": QT_TRANSLATE_NOOP("Messages", "Refund in cash or to the card."),
    "order.refunded": QT_TRANSLATE_NOOP(
        "Messages", "The order of receipt {receipt} is paid back already, or central has not refused it."
    ),
    "order.invalid": QT_TRANSLATE_NOOP("Messages", "{where}: {detail}"),
    "pickup.unknown": QT_TRANSLATE_NOOP("Messages", "There is no pickup order {number} at this store."),
    "pickup.wrong_item": QT_TRANSLATE_NOOP(
        "Messages", "{what} is not in order {number}. Put it back and scan the item on the list."
    ),
    "pickup.line_full": QT_TRANSLATE_NOOP(
        "Messages", "Order {number} needs no more of {sku}: all {qty} are in the bag."
    ),
    "pickup.not_picked": QT_TRANSLATE_NOOP(
        "Messages", "Line {line} of order {number} still needs a scan or “missing”."
    ),
    "pickup.nothing_found": QT_TRANSLATE_NOOP(
        "Messages", "Nothing of order {number} was found: it cannot be made ready."
    ),
    "pickup.not_ready": QT_TRANSLATE_NOOP("Messages", "Order {number} is {state}, not ready for handover."),
    "pickup.collected": QT_TRANSLATE_NOOP("Messages", "Order {number} was already collected at {time} by {who}."),
    "pickup.collector_name": QT_TRANSLATE_NOOP("Messages", "Type the name of the person collecting for the customer."),
    "pickup.no_match": QT_TRANSLATE_NOOP(
        "Messages", "No pickup order {number} for a customer called “{name}” at this store."
    ),
    "pickup.nothing_given": QT_TRANSLATE_NOOP("Messages", "Choose at least one line to hand over."),
    "pickup.not_expired": QT_TRANSLATE_NOOP(
        "Messages", "Order {number} is {state}: only an expired order's bag goes back on the shelf."
    ),
    "pickup.restocked": QT_TRANSLATE_NOOP("Messages", "Order {number} is already back on the shelf."),
    "pickup.label_store": QT_TRANSLATE_NOOP("Messages", "This bag label is for store {store}, not this one ({here})."),
    "pickup.label_bad": QT_TRANSLATE_NOOP("Messages", "This is not a bag label this app can read."),
    "pickup.label_unknown": QT_TRANSLATE_NOOP(
        "Messages", "Order {number} is not (or no longer) in this store's pickups."
    ),
    "pickup.unpaid": QT_TRANSLATE_NOOP(
        "Messages", "Order {number} is pay on pickup: take the payment ({total}) first."
    ),
    "pickup.already_handed_over": QT_TRANSLATE_NOOP(
        "Messages", "This till has already handed this pickup order over: clear the basket (nothing is charged)."
    ),
    "pickup.paid_online": QT_TRANSLATE_NOOP(
        "Messages", "Order {number} was paid online: hand it over, there is nothing to pay."
    ),
    "pickup.scan": QT_TRANSLATE_NOOP("Messages", "“{code}” is not a barcode this store knows."),
    "shift.open_on_till": QT_TRANSLATE_NOOP(
        "Messages", "Till {till} already has an open shift (opened {opened}); close it before opening another."
    ),
    "shift.none_open": QT_TRANSLATE_NOOP(
        "Messages", "There is no open shift on till {till}; open one with its float first."
    ),
    "shift.closed": QT_TRANSLATE_NOOP("Messages", "This shift was already closed with Z report {number} at {closed}."),
    "shift.unknown": QT_TRANSLATE_NOOP("Messages", "There is no shift {shift_id} on this device."),
    "shift.not_counted": QT_TRANSLATE_NOOP("Messages", "Count the drawer before closing the shift."),
    "shift.still_open": QT_TRANSLATE_NOOP(
        "Messages",
        "The shift is still open, so its Z report is made when it closes (an X report shows the figures so far).",
    ),
    "shift.no_report": QT_TRANSLATE_NOOP("Messages", "There is no Z report {number} for till {till}."),
    "shift.approval_needed": QT_TRANSLATE_NOOP(
        "Messages", "The count is {difference} off, beyond the limit of {limit}: a manager approves with their PIN."
    ),
    "shift.unsent": QT_TRANSLATE_NOOP(
        "Messages", "Operations not yet at central: {unsent}; sync first, or a manager defers them with a reason."
    ),
    "shift.defer_reason": QT_TRANSLATE_NOOP("Messages", "Say why the shift closes with operations still unsent."),
    "shift.journal_break": QT_TRANSLATE_NOOP(
        "Messages", "The journal is broken at {entry}, so the shift cannot close; call support with this sentence."
    ),
    "shift.no_store": QT_TRANSLATE_NOOP("Messages", "This store's details have not been downloaded yet; sync first."),
    "shift.invalid": QT_TRANSLATE_NOOP("Messages", "The shift's close could not be put together ({detail})."),
    "shift.not_on_shift": QT_TRANSLATE_NOOP("Messages", "Open the shift first; then staff can join it."),
    "shift.movement_kind": QT_TRANSLATE_NOOP("Messages", "{kind!r} is not a cash movement."),
    "enrol.not_aisle": QT_TRANSLATE_NOOP(
        "Messages", "That is not an Aisle enrolment code. Scan the QR code from head office."
    ),
    "enrol.incomplete": QT_TRANSLATE_NOOP(
        "Messages", "The enrolment QR code is incomplete. Ask head office for a new one."
    ),
    "enrol.no_url": QT_TRANSLATE_NOOP(
        "Messages", "Type the address of central, for example https://central.example.com"
    ),
    "enrol.bad_url": QT_TRANSLATE_NOOP("Messages", "“{url}” is not a web address central can be reached at."),
    "enrol.no_code": QT_TRANSLATE_NOOP("Messages", "Type the enrolment code from head office."),
    "enrol.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "Cannot reach central at {url}. Check the address and the network, then try again. ({detail})"
    ),
    "enrol.unreachable_http": QT_TRANSLATE_NOOP(
        "Messages",
        "Cannot reach central at {url}. Check the address and the network, then try again. If central runs without HTTPS on your network, type {plain} ({detail})",
    ),
    "enrol.not_confirmed": QT_TRANSLATE_NOOP("Messages", "Not enrolled again: nothing was changed."),
    "enrol.no_qr": QT_TRANSLATE_NOOP("Messages", "No QR code found in that picture."),
    "printer.test_sent": QT_TRANSLATE_NOOP(
        "Messages", "Test page sent to {printer}: check that the ruler is on one line."
    ),
    "terminal.answered": QT_TRANSLATE_NOOP("Messages", "Terminal {poiid} answered."),
    "terminal.answered_protected": QT_TRANSLATE_NOOP("Messages", "Terminal {poiid} answered (messages protected)."),
    "terminal.none_chosen": QT_TRANSLATE_NOOP("Messages", "No card terminal is chosen."),
    "card.offline_no_store": QT_TRANSLATE_NOOP(
        "Messages", "The terminal cannot reach the card network and cannot store payments: take cash."
    ),
    "card.offline_not_allowed": QT_TRANSLATE_NOOP(
        "Messages", "The terminal is offline and this store takes no card payments offline: take cash."
    ),
    "card.offline_full": QT_TRANSLATE_NOOP(
        "Messages",
        "The terminal is offline and has stored all it may ({total}) until its end-of-day reconciliation: take cash.",
    ),
    "card.offline_most": QT_TRANSLATE_NOOP(
        "Messages", "Offline, a card may pay at most {most}: take the rest in cash."
    ),
    "card.offline_notice": QT_TRANSLATE_NOOP(
        "Messages",
        "The terminal is offline: card payments are stored and sent later (at most {per_sale} a sale, {left} left today).",
    ),
    "central.refused_this": QT_TRANSLATE_NOOP("Messages", "Central refused this."),
    "keyring.insecure": QT_TRANSLATE_NOOP(
        "Messages",
        "No secure keyring is available on this computer, so the device token cannot be stored safely. On Linux start a Secret Service (GNOME Keyring or KWallet) in the session; `make demo` does this for you. Aisle will not store the token in a file. (An insecure keyring that could store it: {found}.)",
    ),
    "keyring.refused": QT_TRANSLATE_NOOP("Messages", "The keyring refused to store the {what}: {detail}"),
    "keyring.unreadable": QT_TRANSLATE_NOOP("Messages", "The keyring could not be read: {detail}"),
    # exchange and counter returns
    "sale.exchange_alone": QT_TRANSLATE_NOOP(
        "Messages", "An exchange credit comes only from a return taken back in this basket."
    ),
    "sale.card_unknown": QT_TRANSLATE_NOOP(
        "Messages", "A card tender must be a payment the terminal approved for this basket."
    ),
    "sale.stored_value_unknown": QT_TRANSLATE_NOOP(
        "Messages", "A store-credit or gift-card tender must be a spend taken for this basket."
    ),
    "return_code.format": QT_TRANSLATE_NOOP("Messages", "This is not a return code or receipt of this retailer."),
    "return.scanned_twice": QT_TRANSLATE_NOOP(
        "Messages", "Return {number} was already completed on this till ({time}): nothing more to refund."
    ),
    "return.taken": QT_TRANSLATE_NOOP(
        "Messages", "Return {number} was already completed at central: nothing more to refund."
    ),
    "return.receipt": QT_TRANSLATE_NOOP("Messages", "Type the receipt number."),
    "return.no_sale": QT_TRANSLATE_NOOP("Messages", "No sale with receipt {number}."),
    "return.offline_receipt": QT_TRANSLATE_NOOP(
        "Messages", "Receipt {number} is from another till and central cannot be reached: try again when online."
    ),
    "return.card_digits": QT_TRANSLATE_NOOP("Messages", "Type the last 4 digits of the card."),
    "return.no_receipt": QT_TRANSLATE_NOOP("Messages", "Returns without a receipt are not available on this till."),
    "return.unknown_item": QT_TRANSLATE_NOOP("Messages", "Scan the item's barcode or type its SKU."),
    "return.not_in_catalog": QT_TRANSLATE_NOOP("Messages", "This item is not in the catalog."),
    "return.no_price": QT_TRANSLATE_NOOP(
        "Messages", "This item has no price at this store: it cannot come back without a receipt."
    ),
    "return.no_receipt_customer": QT_TRANSLATE_NOOP(
        "Messages", "Without a receipt, choose the customer: the refund is store credit."
    ),
    "return.no_customer": QT_TRANSLATE_NOOP("Messages", "No customer matches “{customer}”."),
    "return.card_not_used": QT_TRANSLATE_NOOP(
        "Messages", "This card was not used for the sale: refund to the card it was paid with."
    ),
    "return.over_cash": QT_TRANSLATE_NOOP("Messages", "At most {most} can go back as cash."),
    "return.over_card": QT_TRANSLATE_NOOP("Messages", "At most {most} can go back as card."),
    "return.plan_sum": QT_TRANSLATE_NOOP("Messages", "The refund must add up to what the returned items paid."),
    "return.no_shift": QT_TRANSLATE_NOOP(
        "Messages", "Open this till's shift first: a cash refund comes out of its drawer."
    ),
    "return.done": QT_TRANSLATE_NOOP("Messages", "This return is already completed."),
    "return.card_declined": QT_TRANSLATE_NOOP("Messages", "The terminal refused the card refund."),
    "return.needs_manager": QT_TRANSLATE_NOOP("Messages", "A return without a receipt needs a manager's approval."),
    "return.unknown": QT_TRANSLATE_NOOP("Messages", "No return {key} on this till."),
    "return.nothing_queued": QT_TRANSLATE_NOOP("Messages", "Return {number} has no card refund waiting."),
    "return.exchanged": QT_TRANSLATE_NOOP("Messages", "Exchanged: {credit} of the return paid the new items."),
    "return.exchange_rest": QT_TRANSLATE_NOOP("Messages", "The rest went back: {said}."),
    "return.exchange_unavailable": QT_TRANSLATE_NOOP("Messages", "Exchanges are not available on this till."),
    "return.exchange_no_receipt": QT_TRANSLATE_NOOP(
        "Messages", "A return without a receipt is store credit only: it cannot be an exchange."
    ),
    "return.exchange_currency": QT_TRANSLATE_NOOP(
        "Messages", "The return was paid in {currency}: the exchange must be in the same currency."
    ),
    "return.exchange_over": QT_TRANSLATE_NOOP(
        "Messages", "The return's {credit} pays all of the new items: nothing more to pay."
    ),
    "return.exchange_other_sale": QT_TRANSLATE_NOOP(
        "Messages", "This basket was already paid without this return: start the exchange again."
    ),
    "return.no_customers": QT_TRANSLATE_NOOP("Messages", "Customer search is not available on this till."),
    "return.reason_needed": QT_TRANSLATE_NOOP(
        "Messages", "Choose the reason the customer gives: a return at the counter needs one."
    ),
    "return.reason_unknown": QT_TRANSLATE_NOOP(
        "Messages", "“{reason}” is not a reason of the return policy; choose one of: {known}."
    ),
    "return.no_receipt_limit": QT_TRANSLATE_NOOP(
        "Messages",
        "Without a receipt this customer may return {limit} in {days} days across the stores; {left} is left.",
    ),
    "return.no_receipt_limit_offline": QT_TRANSLATE_NOOP(
        "Messages",
        "Without a receipt this customer may return {limit} in {days} days; {left} is left by this till's count (central cannot be reached; it checks again).",
    ),
    # the sync package's (sync/words.py)
    "link.central_problem": QT_TRANSLATE_NOOP("Messages", "Central had a problem ({status}); will retry"),
    "link.timeout": QT_TRANSLATE_NOOP("Messages", "Central did not answer in time"),
    "link.bad_compression": QT_TRANSLATE_NOOP(
        "Messages", "Central sent an answer that cannot be decoded (bad compression)"
    ),
    "link.unreachable": QT_TRANSLATE_NOOP("Messages", "Cannot reach central at {url} ({kind})"),
    "link.malformed": QT_TRANSLATE_NOOP("Messages", "Central sent a malformed {what} ({why})"),
    "link.page_mismatch": QT_TRANSLATE_NOOP("Messages", "Central sent a page that does not fit the request ({stream})"),
    "link.push_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "Central's answer to a push does not list the ops sent, in order"
    ),
    "link.receipt_not_json": QT_TRANSLATE_NOOP("Messages", "Central's answer to a receipt e-mail is not JSON"),
    "link.receipt_no_id": QT_TRANSLATE_NOOP("Messages", "Central's answer to a receipt e-mail has no message id"),
    "link.refused": QT_TRANSLATE_NOOP("Messages", "Central refused the request ({status})"),
    "link.too_big": QT_TRANSLATE_NOOP("Messages", "Central sent {size} bytes; the limit is {limit}"),
    "link.too_much": QT_TRANSLATE_NOOP("Messages", "Central sent more than {limit} bytes"),
    "link.broke": QT_TRANSLATE_NOOP("Messages", "Connection to central broke ({kind})"),
    "link.line_too_long": QT_TRANSLATE_NOOP("Messages", "Central sent a snapshot line longer than 1 MiB"),
    "link.not_gzip": QT_TRANSLATE_NOOP("Messages", "Central sent a snapshot that is not valid gzip"),
    "link.download_broke": QT_TRANSLATE_NOOP("Messages", "Connection to central broke during download ({kind})"),
    "link.events_bad_compression": QT_TRANSLATE_NOOP(
        "Messages", "Central sent live events that cannot be decoded (bad compression)"
    ),
    "link.live_broke": QT_TRANSLATE_NOOP("Messages", "Live connection to central broke ({kind})"),
    "sync.enrol_again": QT_TRANSLATE_NOOP(
        "Messages", "Central refused this device's token ({detail}); enrol the device again."
    ),
    "sync.stopped": QT_TRANSLATE_NOOP("Messages", "Sync stopped"),
    "sync.downloading": QT_TRANSLATE_NOOP("Messages", "Downloading {stream}…"),
    "sync.malformed_kept": QT_TRANSLATE_NOOP(
        "Messages", "Central sent malformed {stream} data; kept the cache as it was ({detail})"
    ),
    "sync.download_refused": QT_TRANSLATE_NOOP(
        "Messages", "Central refused the {stream} download ({status}: {detail}); sync will try again"
    ),
    "sync.op_refused": QT_TRANSLATE_NOOP("Messages", "Central refused it ({code})"),
    "sync.op_failed": QT_TRANSLATE_NOOP("Messages", "Central could not apply it ({code})"),
    "sync.op_unsendable": QT_TRANSLATE_NOOP("Messages", "this operation cannot be sent: {why}"),
    "sync.op_skipped": QT_TRANSLATE_NOOP("Messages", "not tried: an earlier operation failed"),
    # the card terminal's (pos_app/devices/terminal_words.py)
    "terminal.bad_service_id": QT_TRANSLATE_NOOP(
        "Messages", "A ServiceID is 1 to {most} letters or digits, not {service_id!r}."
    ),
    "terminal.ca_unreadable": QT_TRANSLATE_NOOP("Messages", "The terminal CA file {path!r} cannot be read ({kind})."),
    "terminal.bad_address": QT_TRANSLATE_NOOP(
        "Messages", "{url!r} is not a terminal address (https://host:8443/nexo/)."
    ),
    "terminal.http_status": QT_TRANSLATE_NOOP(
        "Messages", "The terminal answered HTTP {status} instead of a nexo message."
    ),
    "terminal.plain_http": QT_TRANSLATE_NOOP(
        "Messages", "Plain HTTP to a payment terminal is allowed only when set up explicitly (tests)."
    ),
    "terminal.https_needs_ca": QT_TRANSLATE_NOOP(
        "Messages", "An HTTPS terminal needs the CA file its certificate is checked against."
    ),
    "terminal.no_answer": QT_TRANSLATE_NOOP(
        "Messages", "The terminal at {url} does not answer; is it on and on this network?"
    ),
    "terminal.cannot_reach": QT_TRANSLATE_NOOP(
        "Messages", "The terminal at {url} cannot be reached; is it on and on this network?"
    ),
    "terminal.other_device": QT_TRANSLATE_NOOP(
        "Messages", "The device at this address is {names}, not terminal {poiid}."
    ),
    "terminal.certificate_unsigned": QT_TRANSLATE_NOOP(
        "Messages", "The terminal's certificate is not signed by the configured CA; this may not be a genuine terminal."
    ),
    "terminal.bad_currency": QT_TRANSLATE_NOOP("Messages", "{currency!r} is not an ISO 4217 currency code."),
    "terminal.bad_amount": QT_TRANSLATE_NOOP("Messages", "The terminal sent {amount!r} as an amount."),
    "terminal.amount_fraction": QT_TRANSLATE_NOOP(
        "Messages", "The terminal sent {amount} {currency}, which is not a whole number of minor units."
    ),
    "terminal.needs_ids": QT_TRANSLATE_NOOP("Messages", "A terminal needs its POIID and this till's SaleID."),
    "terminal.not_object": QT_TRANSLATE_NOOP("Messages", "The terminal's answer is not a JSON object."),
    "terminal.unprotected_answer": QT_TRANSLATE_NOOP(
        "Messages", "The terminal answered without encryption, so the answer cannot be trusted."
    ),
    "terminal.altered": QT_TRANSLATE_NOOP(
        "Messages", "The terminal's answer was altered on the way (its headers differ)."
    ),
    "terminal.payment_zero": QT_TRANSLATE_NOOP("Messages", "A card payment needs an amount above zero."),
    "terminal.payment_no_reference": QT_TRANSLATE_NOOP("Messages", "A card payment needs the sale's reference."),
    "terminal.status_refused": QT_TRANSLATE_NOOP(
        "Messages", "The terminal could not say how the payment ended ({condition})."
    ),
    "terminal.status_refused_plain": QT_TRANSLATE_NOOP(
        "Messages", "The terminal could not say how the payment ended (no reason given)."
    ),
    "terminal.status_other": QT_TRANSLATE_NOOP(
        "Messages", "The terminal answered the status of payment {got!r} instead of {want!r}."
    ),
    "terminal.status_no_result": QT_TRANSLATE_NOOP(
        "Messages", "The terminal's status answer has no result of the payment in it."
    ),
    "terminal.cancel_refused": QT_TRANSLATE_NOOP("Messages", "The terminal refused the cancel ({condition})."),
    "terminal.cancel_refused_plain": QT_TRANSLATE_NOOP(
        "Messages", "The terminal refused the cancel (no reason given)."
    ),
    "terminal.refund_zero": QT_TRANSLATE_NOOP("Messages", "A refund needs an amount above zero."),
    "terminal.refund_too_much": QT_TRANSLATE_NOOP(
        "Messages", "A refund cannot give back more than was taken on that card."
    ),
    "terminal.totals_refused": QT_TRANSLATE_NOOP("Messages", "The terminal refused the day's totals ({condition})."),
    "terminal.totals_refused_plain": QT_TRANSLATE_NOOP(
        "Messages", "The terminal refused the day's totals (no reason given)."
    ),
    "terminal.empty": QT_TRANSLATE_NOOP("Messages", "The terminal sent an empty answer."),
    "terminal.not_nexo": QT_TRANSLATE_NOOP("Messages", "The terminal's answer is not a nexo SaleToPOIResponse."),
    "terminal.no_header": QT_TRANSLATE_NOOP("Messages", "The terminal's answer has no MessageHeader."),
    "terminal.other_poiid": QT_TRANSLATE_NOOP(
        "Messages", "Terminal {got!r} answered, but this till is set up for {want!r}."
    ),
    "terminal.other_request": QT_TRANSLATE_NOOP(
        "Messages",
        "The terminal's answer belongs to another request ({got_category} {got_id!r}), not to {category} {service_id!r}.",
    ),
    "terminal.missing": QT_TRANSLATE_NOOP("Messages", "The terminal's answer has no {name}."),
    "terminal.no_result": QT_TRANSLATE_NOOP("Messages", "The terminal's answer has no Result."),
    "terminal.approved_no_amount": QT_TRANSLATE_NOOP(
        "Messages", "The terminal approved without saying the amount and currency."
    ),
    "terminal.approved_no_id": QT_TRANSLATE_NOOP("Messages", "The terminal approved without a transaction id."),
    "terminal.not_json": QT_TRANSLATE_NOOP("Messages", "The terminal's answer is not valid JSON."),
    "terminal.no_key": QT_TRANSLATE_NOOP(
        "Messages", "The terminal encrypts its messages but no encryption key is set up for it on this till."
    ),
    "terminal.key_mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "The terminal could not read the till's message: the encryption key or passphrase does not match the terminal's.",
    ),
    "terminal.check_failed": QT_TRANSLATE_NOOP(
        "Messages", "The terminal's answer failed the encryption check — is the passphrase right? ({why})"
    ),
    "terminal.busy_status": QT_TRANSLATE_NOOP(
        "Messages", "The terminal is busy and cannot say how the payment ended yet; try again."
    ),
    "terminal.cancel_unconfirmed": QT_TRANSLATE_NOOP(
        "Messages", "The terminal did not confirm the cancel ({why}); check the terminal."
    ),
    "terminal.totals_missing": QT_TRANSLATE_NOOP(
        "Messages", "The terminal did not send its totals ({why}); try again."
    ),
    "terminal.busy_totals": QT_TRANSLATE_NOOP(
        "Messages", "The terminal is busy; fetch the day's totals again in a moment."
    ),
    "terminal.totals_no_currency": QT_TRANSLATE_NOOP("Messages", "The terminal's totals name no currency."),
    "terminal.approved_other_currency": QT_TRANSLATE_NOOP(
        "Messages", "The terminal approved in {currency}, but the till asked for {want}."
    ),
    "terminal.approved_other_amount": QT_TRANSLATE_NOOP(
        "Messages", "The terminal approved {amount} {currency}, but the till asked for {want} {currency}."
    ),
    "terminal.busy_refund": QT_TRANSLATE_NOOP("Messages", "The terminal is busy; try the refund again in a moment."),
    "terminal.refunded_other_amount": QT_TRANSLATE_NOOP(
        "Messages", "The terminal refunded {amount} {currency}, but the till asked for {want} {currency}."
    ),
    "terminal.totals_bad_count": QT_TRANSLATE_NOOP(
        "Messages", "The terminal's totals have a count that is not a number."
    ),
    "terminal.busy_payment": QT_TRANSLATE_NOOP(
        "Messages", "The terminal is busy with another payment; wait for it to finish and try again."
    ),
    "terminal.unreadable_request": QT_TRANSLATE_NOOP("Messages", "The terminal could not read the till's request."),
    "terminal.duplicate": QT_TRANSLATE_NOOP(
        "Messages", "The terminal has already seen request {service_id!r}; nothing was charged by this one."
    ),
    "terminal.lost_timeout": QT_TRANSLATE_NOOP("Messages", "The terminal did not answer in time."),
    "terminal.lost_closed": QT_TRANSLATE_NOOP(
        "Messages", "The connection to the terminal closed before its answer came."
    ),
    "terminal.lost_sending": QT_TRANSLATE_NOOP(
        "Messages", "The connection to the terminal failed while the request was being sent."
    ),
    "terminal.key_mismatch_short": QT_TRANSLATE_NOOP(
        "Messages", "The terminal could not read the till's message: the encryption key or passphrase does not match."
    ),
    # each queued operation's line (pos_app/local/words.py)
    "op.stock_adjust": QT_TRANSLATE_NOOP("Messages", "Stock correction {delta} of {sku} ({reason})"),
    "op.sale": QT_TRANSLATE_NOOP("Messages", "Sale {receipt}"),
    "op.journal": QT_TRANSLATE_NOOP("Messages", "Journal entries {first}–{last} for central"),
    "op.customer": QT_TRANSLATE_NOOP("Messages", "New customer {name}"),
    "op.order_one": QT_TRANSLATE_NOOP("Messages", "Order to ship 1 item for customer {customer}"),
    "op.order": QT_TRANSLATE_NOOP("Messages", "Order to ship {count} items for customer {customer}"),
    "op.order_decide": QT_TRANSLATE_NOOP("Messages", "Decision of shipment {shipment}"),
    "op.order_refund": QT_TRANSLATE_NOOP("Messages", "Refund of shipment {shipment}"),
    "op.shipment_ship": QT_TRANSLATE_NOOP("Messages", "Shipping of shipment {shipment}"),
    "op.refund_refused": QT_TRANSLATE_NOOP("Messages", "Refund of refused order {order}"),
    "op.pickup_pick": QT_TRANSLATE_NOOP("Messages", "Picking of pickup order {order}"),
    "op.pickup_ready": QT_TRANSLATE_NOOP("Messages", "Pickup order {order} ready"),
    "op.pickup_handover": QT_TRANSLATE_NOOP("Messages", "Handover of pickup order {order}"),
    "op.pickup_restock": QT_TRANSLATE_NOOP("Messages", "Restocking of pickup order {order}"),
    "op.pickup_arrive": QT_TRANSLATE_NOOP("Messages", "Check-in for pickup order {order}"),
    "op.return_one": QT_TRANSLATE_NOOP("Messages", "Return of 1 item ({kind})"),
    "op.return": QT_TRANSLATE_NOOP("Messages", "Return of {count} items ({kind})"),
    "op.return_refund": QT_TRANSLATE_NOOP("Messages", "Queued card refund of return {number} made"),
    "op.shift_close": QT_TRANSLATE_NOOP("Messages", "Z report {number} of till {till}"),
    "op.giftcard_load": QT_TRANSLATE_NOOP("Messages", "Load of gift card {card}"),
    "op.giftcard_void": QT_TRANSLATE_NOOP("Messages", "Void of a load of gift card {card}"),
    "sync.stopped_early": QT_TRANSLATE_NOOP("Messages", "The {stream} download stopped early; it will resume"),
    "sync.lost_rows": QT_TRANSLATE_NOOP(
        "Messages", "The {stream} download lost rows ({received} of {rows}); starting over"
    ),
    "sync.checksum_download": QT_TRANSLATE_NOOP(
        "Messages", "The {stream} download did not match central's checksum; starting over"
    ),
    "sync.bad_row": QT_TRANSLATE_NOOP(
        "Messages", "Central sent a malformed {stream} snapshot row; download stopped ({detail})"
    ),
    "sync.row_per_line": QT_TRANSLATE_NOOP(
        "Messages", "Central sent a malformed {stream} snapshot (one row per line expected)"
    ),
    "sync.no_header": QT_TRANSLATE_NOOP("Messages", "Central sent a {stream} snapshot without a valid header"),
    "sync.other_columns": QT_TRANSLATE_NOOP(
        "Messages", "Central's {stream} snapshot has other columns than this app knows"
    ),
    "sync.bad_trailer": QT_TRANSLATE_NOOP("Messages", "Central's {stream} snapshot ended with a malformed trailer"),
    "sync.older_copy": QT_TRANSLATE_NOOP(
        "Messages",
        "The {stream} data on this device is an older copy; a new one is downloading and replaces it when complete",
    ),
    "sync.cache_differed": QT_TRANSLATE_NOOP(
        "Messages",
        "The {stream} cache differed from central ({here} rows here, {there} there); it was downloaded again",
    ),
    "sync.unexpected_retry": QT_TRANSLATE_NOOP("Messages", "Sync hit an unexpected problem ({kind}); it will retry"),
    "sync.unexpected": QT_TRANSLATE_NOOP("Messages", "Sync hit an unexpected problem"),
}

# A return's kind on its queued operation's line (pos_app/local/words.RETURN_KINDS).
RETURN_KIND_WORDS: dict[str, str] = {
    "receipt": QT_TRANSLATE_NOOP("Messages", "with receipt"),
    "no_receipt": QT_TRANSLATE_NOOP("Messages", "without receipt"),
    "authorized": QT_TRANSLATE_NOOP("Messages", "started online"),
}

# Each stream's name as a screen says it (a `stream` param, the first download's progress).
STREAM_WORDS: dict[str, str] = {
    "locations": QT_TRANSLATE_NOOP("Messages", "stores"),
    "tax": QT_TRANSLATE_NOOP("Messages", "tax rates"),
    "staff": QT_TRANSLATE_NOOP("Messages", "staff"),
    "role_limits": QT_TRANSLATE_NOOP("Messages", "role limits"),
    "card_limits": QT_TRANSLATE_NOOP("Messages", "card limits"),
    "earn_rules": QT_TRANSLATE_NOOP("Messages", "points rules"),
    "tiers": QT_TRANSLATE_NOOP("Messages", "loyalty tiers"),
    "spend_limits": QT_TRANSLATE_NOOP("Messages", "spending limits"),
    "shift_policies": QT_TRANSLATE_NOOP("Messages", "shift rules"),
    "central_keys": QT_TRANSLATE_NOOP("Messages", "central's keys"),
    "pickups": QT_TRANSLATE_NOOP("Messages", "pickups"),
    "balances": QT_TRANSLATE_NOOP("Messages", "customer balances"),
    "promotions": QT_TRANSLATE_NOOP("Messages", "promotions"),
    "names": QT_TRANSLATE_NOOP("Messages", "product names"),
    "catalog": QT_TRANSLATE_NOOP("Messages", "catalog"),
    "prices": QT_TRANSLATE_NOOP("Messages", "prices"),
    "stock": QT_TRANSLATE_NOOP("Messages", "stock"),
    "delivery_options": QT_TRANSLATE_NOOP("Messages", "delivery options"),
    "ship_orders": QT_TRANSLATE_NOOP("Messages", "delivery orders"),
    "return_policy": QT_TRANSLATE_NOOP("Messages", "return policy"),
}


def stream_word(stream: str) -> str:
    """A stream's name in the screens' language (its own name when this table lacks it)."""
    source = STREAM_WORDS.get(stream)
    return stream if source is None else _t(source)


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def wait_words(seconds: int) -> str:
    """How long a lock-out lasts, in the screens' language (services/errors.human_wait's English)."""
    if seconds < 90:
        n = max(1, seconds)
        return (
            QCoreApplication.translate("Messages", "1 second")
            if n == 1
            else QCoreApplication.translate("Messages", "{0} seconds").replace("{0}", str(n))
        )
    return QCoreApplication.translate("Messages", "{0} minutes").replace("{0}", str(round(seconds / 60)))


def _role(name: str) -> str:
    words = {
        "associate": QCoreApplication.translate("Messages", "associate"),
        "supervisor": QCoreApplication.translate("Messages", "supervisor"),
        "manager": QCoreApplication.translate("Messages", "manager"),
    }
    return words.get(name, name)


def _worded(code: str, params: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for k, v in params.items():  # a param that is a sentence of its own (errors.Said)
        if isinstance(v, str) and isinstance(getattr(v, "code", None), str):
            out[k] = words(v.code, getattr(v, "params", None), v)
    if isinstance(out.get("needed"), str):
        out["needed"] = _role(out["needed"])
    if isinstance(out.get("stream"), str):
        out["stream"] = stream_word(out["stream"])
    if code in ("op.return", "op.return_one") and out.get("kind_code") in RETURN_KIND_WORDS:
        out["kind"] = _t(RETURN_KIND_WORDS[out["kind_code"]])
    if code == "op.stock_adjust" and isinstance(out.get("reason_code"), str):
        from pos_app.ui.widgets import reason_word

        out["reason"] = reason_word(out["reason_code"])
    if "wait" in out and isinstance(out.get("seconds"), int):
        out["wait"] = wait_words(out["seconds"])
    if code == "keyring.refused":
        things = {
            "device token": QCoreApplication.translate("Messages", "device token"),
            "PIN key": QCoreApplication.translate("Messages", "PIN key"),
            "terminal passphrase": QCoreApplication.translate("Messages", "terminal passphrase"),
        }
        out["what"] = things.get(str(out.get("what")), out.get("what"))
    if code == "correction.reason_direction":
        from pos_app.ui.widgets import reason_word

        if "reason_code" in out:
            out["reason"] = reason_word(out["reason_code"])
        delta = out.get("delta")
        if isinstance(delta, int):
            more = (
                QCoreApplication.translate("Messages", "{0} (more pieces)")
                if delta > 0
                else QCoreApplication.translate("Messages", "{0} (fewer pieces)")
            )
            out["direction"] = more.replace("{0}", f"{delta:+d}")
    return out


def _fill(template: str, params: Mapping[str, Any]) -> str | None:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def say(code: str, /, **params: Any) -> str:
    """The sentence of `code` in the screens' language, its params filled in."""
    english = MESSAGES.get(code)
    if english is None:
        return code
    source = WORDS.get(code, english)
    worded = _worded(code, params)
    text = _fill(_t(source), worded)
    if text is None:  # a translation that lost a placeholder: the English rather than nothing
        text = _fill(source, worded) or source
    return text


def words(code: str | None, params: Mapping[str, Any] | None, english: str) -> str:
    """`english` in the screens' language when it is the sentence of `code` with `params`;
    else `english` as it is (a sentence this table does not hold)."""
    if code is None or code not in MESSAGES:
        return english
    params = dict(params or {})
    if _fill(MESSAGES[code], params) != english:
        return english
    return say(code, **params)


def error_text(error: BaseException | str) -> str:
    """What a screen shows for an error made for people (a ServiceError and its kin), or for a
    sentence a service returned (errors.Said, or a plain str shown as it is). An error whose
    sentence is a Said of another code (a terminal's, kept by the service that passed it on
    under its kind, `terminal.unreachable`) is worded by that Said's code."""
    inner = error.args[0] if isinstance(error, BaseException) and error.args else None
    own = getattr(inner, "code", None)
    if isinstance(inner, str) and isinstance(own, str) and own in MESSAGES and own != getattr(error, "code", None):
        return words(own, getattr(inner, "params", None), inner)
    return words(getattr(error, "code", None), getattr(error, "params", None), str(error))


text_of = error_text  # for a returned sentence: reads better at the call

__all__ = ["CONTEXT", "STREAM_WORDS", "WORDS", "error_text", "say", "stream_word", "text_of", "wait_words", "words"]
