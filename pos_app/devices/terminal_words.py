"""The card terminal's sentences for staff, by code (issue 12, docs/languages.md), kept beside
the driver package so that naming them does not load it (httpx: the first screen stays light).
`str(error)` is the English (the CLI's, `pos-app payments`, the log); the screens word the code
with its params (pos_app/ui/messages.py) as they do every other code, the services' MESSAGES
holding this table too. A `TerminalError`'s class `code` stays its kind (what the services
decide by); its sentence's own code is its Said's. The terminal's words to the customer (a
decline's reason) are the terminal's own and stay as it sent them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sync.words import Said as SyncSaid
from sync.words import said_of

TERMINAL_MESSAGES: dict[str, str] = {
    "terminal.bad_service_id": "A ServiceID is 1 to {most} letters or digits, not {service_id!r}.",
    "terminal.ca_unreadable": "The terminal CA file {path!r} cannot be read ({kind}).",
    "terminal.bad_address": "{url!r} is not a terminal address (https://host:8443/nexo/).",
    "terminal.http_status": "The terminal answered HTTP {status} instead of a nexo message.",
    "terminal.plain_http": "Plain HTTP to a payment terminal is allowed only when set up explicitly (tests).",
    "terminal.https_needs_ca": "An HTTPS terminal needs the CA file its certificate is checked against.",
    "terminal.no_answer": "The terminal at {url} does not answer; is it on and on this network?",
    "terminal.cannot_reach": "The terminal at {url} cannot be reached; is it on and on this network?",
    "terminal.other_device": "The device at this address is {names}, not terminal {poiid}.",
    "terminal.certificate_unsigned": "The terminal's certificate is not signed by the configured CA; this may not be a genuine terminal.",
    "terminal.bad_currency": "{currency!r} is not an ISO 4217 currency code.",
    "terminal.bad_amount": "The terminal sent {amount!r} as an amount.",
    "terminal.amount_fraction": "The terminal sent {amount} {currency}, which is not a whole number of minor units.",
    "terminal.needs_ids": "A terminal needs its POIID and this till's SaleID.",
    "terminal.not_object": "The terminal's answer is not a JSON object.",
    "terminal.unprotected_answer": "The terminal answered without encryption, so the answer cannot be trusted.",
    "terminal.altered": "The terminal's answer was altered on the way (its headers differ).",
    "terminal.payment_zero": "A card payment needs an amount above zero.",
    "terminal.payment_no_reference": "A card payment needs the sale's reference.",
    "terminal.status_refused": "The terminal could not say how the payment ended ({condition}).",
    "terminal.status_refused_plain": "The terminal could not say how the payment ended (no reason given).",
    "terminal.status_other": "The terminal answered the status of payment {got!r} instead of {want!r}.",
    "terminal.status_no_result": "The terminal's status answer has no result of the payment in it.",
    "terminal.cancel_refused": "The terminal refused the cancel ({condition}).",
    "terminal.cancel_refused_plain": "The terminal refused the cancel (no reason given).",
    "terminal.refund_zero": "A refund needs an amount above zero.",
    "terminal.refund_too_much": "A refund cannot give back more than was taken on that card.",
    "terminal.totals_refused": "The terminal refused the day's totals ({condition}).",
    "terminal.totals_refused_plain": "The terminal refused the day's totals (no reason given).",
    "terminal.empty": "The terminal sent an empty answer.",
    "terminal.not_nexo": "The terminal's answer is not a nexo SaleToPOIResponse.",
    "terminal.no_header": "The terminal's answer has no MessageHeader.",
    "terminal.other_poiid": "Terminal {got!r} answered, but this till is set up for {want!r}.",
    "terminal.other_request": "The terminal's answer belongs to another request ({got_category} {got_id!r}), not to {category} {service_id!r}.",
    "terminal.missing": "The terminal's answer has no {name}.",
    "terminal.no_result": "The terminal's answer has no Result.",
    "terminal.approved_no_amount": "The terminal approved without saying the amount and currency.",
    "terminal.approved_no_id": "The terminal approved without a transaction id.",
    "terminal.not_json": "The terminal's answer is not valid JSON.",
    "terminal.no_key": "The terminal encrypts its messages but no encryption key is set up for it on this till.",
    "terminal.key_mismatch": "The terminal could not read the till's message: the encryption key or passphrase does not match the terminal's.",
    "terminal.check_failed": "The terminal's answer failed the encryption check — is the passphrase right? ({why})",
    "terminal.busy_status": "The terminal is busy and cannot say how the payment ended yet; try again.",
    "terminal.cancel_unconfirmed": "The terminal did not confirm the cancel ({why}); check the terminal.",
    "terminal.totals_missing": "The terminal did not send its totals ({why}); try again.",
    "terminal.busy_totals": "The terminal is busy; fetch the day's totals again in a moment.",
    "terminal.totals_no_currency": "The terminal's totals name no currency.",
    "terminal.approved_other_currency": "The terminal approved in {currency}, but the till asked for {want}.",
    "terminal.approved_other_amount": "The terminal approved {amount} {currency}, but the till asked for {want} {currency}.",
    "terminal.busy_refund": "The terminal is busy; try the refund again in a moment.",
    "terminal.refunded_other_amount": "The terminal refunded {amount} {currency}, but the till asked for {want} {currency}.",
    "terminal.totals_bad_count": "The terminal's totals have a count that is not a number.",
    "terminal.busy_payment": "The terminal is busy with another payment; wait for it to finish and try again.",
    "terminal.unreadable_request": "The terminal could not read the till's request.",
    "terminal.duplicate": "The terminal has already seen request {service_id!r}; nothing was charged by this one.",
    "terminal.lost_timeout": "The terminal did not answer in time.",
    "terminal.lost_closed": "The connection to the terminal closed before its answer came.",
    "terminal.lost_sending": "The connection to the terminal failed while the request was being sent.",
    "terminal.key_mismatch_short": "The terminal could not read the till's message: the encryption key or passphrase does not match.",
}


class Said(SyncSaid):
    """A terminal sentence: the English `str`, with the code and params the screens word."""

    TABLE: ClassVar[Mapping[str, str]] = TERMINAL_MESSAGES


def refusal(code: str, plain: str, condition: str | None) -> Said:
    """A refusal with the terminal's ErrorCondition, or the sentence for none given."""
    return Said(code, condition=condition) if condition else Said(plain)


__all__ = ["TERMINAL_MESSAGES", "Said", "refusal", "said_of"]
