"""The receipt of each sale this till completes: made, kept, printed (the drawer opens for
cash), reprinted, and e-mailed through central — never in the way of the sale itself.

`issue(sale, session)` runs right after `CheckoutService.complete` committed, in the same
worker call. The sale is already final then: whatever the printer or the network do, it stays
complete. Should the app die between the sale's commit and the receipt being kept,
`catch_up()` (called when the device opens, and by `issue` itself) makes the missing receipts
from the sales in device.db — their stored priced basket and payments — so every completed
sale has its receipt and a reprint works. A caught-up receipt is kept and queued, but the drawer
is not kicked: it would spring open long after the customer left.

E-mail receipts (`email(number, address)`) wait in this till's receipts.db until central has
taken them (`POST /v1/orders/{sale_id}/receipt-email`; central then waits for the sale itself if
it has not arrived yet). Offline the request waits; `send_emails()` runs at the start of every
sync cycle. An address central refuses (4xx) is set aside with its reason, never retried blind.
Each request and reprint is journaled (the address masked: the journal travels to central
as an audit trail, the address itself only in the request).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from pos_app.local.store import LocalStore
from pos_app.services.auth import Session
from pos_app.services.checkout import CheckoutService, CompletedSale
from pos_app.services.errors import ValidationFailed
from pos_app.services.language import language_of
from pos_app.services.local_names import local_names, store_language
from pos_app.services.payments import card_slip
from pos_app.services.receipts import PrintOutcome, ReceiptService, ReprintRequest
from sync.client import CentralClient, CentralError, Rejected, Unreachable
from sync.pricing.result import priced_from_dict
from sync.protocol import EMAIL_ANY_CASE_PATTERN
from sync.receipts import Receipt, SaleFacts, build_receipt, store_facts, with_names

# The address rule central applies too (one pattern, sync.protocol): asked here first, so a
# typo is said at the counter, not later.
EMAIL = re.compile(EMAIL_ANY_CASE_PATTERN)
LANGUAGES = ("ja", "en", "de")

SCHEMA = """
CREATE TABLE IF NOT EXISTS email_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL,
    sale_id TEXT NOT NULL,
    address TEXT NOT NULL,
    language TEXT,
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'taken', 'refused')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    message_id TEXT,
    created TEXT NOT NULL,
    taken_at TEXT,
    UNIQUE (number, address)
);
"""


def _now() -> datetime:
    return datetime.now(UTC)


def mask(address: str) -> str:
    """a***@example.com: enough for an audit, not an address book."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


@dataclass(frozen=True, slots=True)
class EmailRequest:
    id: int
    number: str
    address: str
    state: str  # waiting | taken | refused
    attempts: int
    last_error: str | None


class SaleReceipts:
    def __init__(
        self,
        store: LocalStore,
        checkout: CheckoutService,
        receipts: ReceiptService,
        client_factory: Callable[[], CentralClient] | None = None,
        *,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.store = store
        self.checkout = checkout
        self.receipts = receipts
        self.client_factory = client_factory
        self.clock = clock
        self._db = receipts._db  # the same receipts.db and its settings (WAL, synchronous=FULL)
        # what the receipt service prints by itself (the test page) speaks the store's language
        receipts.language = lambda: store_language(store, checkout.identity.store_id)
        with self._db() as con:
            con.executescript(SCHEMA)

    # --- making receipts ------------------------------------------------------------------------

    def _staff_name(self, staff_id: int) -> str:
        rows = self.store.query("SELECT name FROM staff WHERE id=?", (staff_id,))
        return str(rows[0][0]) if rows else str(staff_id)

    def _facts(self, number: str, at: datetime, staff: str, sale_id: UUID | str) -> SaleFacts:
        return SaleFacts(number=number, at=at, staff=staff, device=number.split("-")[1], sale_id=str(sale_id))

    def receipt_of(self, sale: CompletedSale, staff: str) -> Receipt:
        """The receipt of a sale just completed (its priced basket and settlement in hand)."""
        if sale.priced is None or sale.settlement is None:
            return self._rebuilt(str(sale.sale_id))
        return self._with_points(
            self._localized(
                build_receipt(
                    sale.priced,
                    store_facts(self.checkout.store_row()),
                    self._facts(sale.receipt_no, sale.completed_at, staff, sale.sale_id),
                    sale.settlement,
                    card_slip=card_slip(self.store, sale.sale_id),
                    fulfilments=self._ways(str(sale.sale_id)),
                )
            ),
            str(sale.sale_id),
        )

    def _localized(self, receipt: Receipt) -> Receipt:
        """The lines named in the store's language where the names stream has a name (the
        style's; the catalog's name otherwise), as the basket showed them."""
        lang = language_of(receipt.store.locale)
        skus = sorted({ln.sku for ln in receipt.lines})
        if lang == "en" or not skus:
            return receipt
        ids = dict(self.store.query(f"SELECT sku, id FROM catalog WHERE sku IN ({','.join('?' * len(skus))})", skus))
        names = local_names(self.store, ids.values(), lang)
        return with_names(receipt, {sku: names[vid][0] for sku, vid in ids.items() if vid in names})

    def _with_points(self, receipt: Receipt, sale_id: str) -> Receipt:
        """The points the customer's sale earned and used, printed under the tenders (docs/loyalty.md)."""
        rows = self.store.query("SELECT earned, redeemed FROM sale_points WHERE sale_id=?", (sale_id,), "device")
        if not rows or not (rows[0][0] or rows[0][1]):
            return receipt
        return replace(
            receipt, extra={**receipt.extra, "loyalty": {"earned": int(rows[0][0]), "redeemed": int(rows[0][1])}}
        )

    def _ways(self, sale_id: str) -> dict[str, tuple[str, str]]:
        """The sale's lines not carried out now: line id → ("ship", where) / ("pickup", order no)."""
        rows = self.store.query(
            "SELECT line_id, fulfilment, fulfilment_ref FROM sale_lines WHERE sale_id=? AND fulfilment IS NOT NULL",
            (sale_id,),
            "device",
        )
        return {str(i): (str(k), str(r or "")) for i, k, r in rows}

    def _rebuilt(self, sale_id: str) -> Receipt:
        """A receipt from what device.db holds of a sale (after a restart)."""
        with self.store.raw("device") as con:
            row = con.execute(
                "SELECT receipt_no, staff_id, completed_at, priced, cash_rounding, change FROM sales WHERE sale_id=?",
                (sale_id,),
            ).fetchone()
            pays = con.execute(
                "SELECT type, amount, reference FROM sale_payments WHERE sale_id=? ORDER BY seq", (sale_id,)
            ).fetchall()
        if row is None:
            raise ValidationFailed("receipt.no_sale", sale_id=sale_id)
        number, staff_id, completed_at, priced_json, cash_rounding, change = row
        payment = {
            "tenders": [{"type": t, "amount": a, "reference": r} for t, a, r in pays],
            "change": int(change),
            "cash_rounding": int(cash_rounding),
            "complete": True,
        }
        priced = priced_from_dict({**json.loads(priced_json), "payment": payment})
        return self._with_points(
            self._localized(
                build_receipt(
                    priced,
                    store_facts(self.checkout.store_row()),
                    self._facts(number, datetime.fromisoformat(completed_at), self._staff_name(int(staff_id)), sale_id),
                    card_slip=card_slip(self.store, sale_id),
                    fulfilments=self._ways(sale_id),
                )
            ),
            sale_id,
        )

    def issue(self, sale: CompletedSale, session: Session, *, gift: bool = False) -> PrintOutcome:
        """Keep and print the receipt of a sale just completed; kick the drawer when cash was
        taken. A double tap (the same sale again) prints nothing more. Never raises for the
        printer: the outcome says why the paper waits."""
        cash = any(t.get("type") == "cash" for t in sale.tenders)
        if self.receipts.has(sale.receipt_no):
            return self.receipts.issue(self.receipts.receipt(sale.receipt_no))  # answers with the first job
        outcome = self.receipts.issue(self.receipt_of(sale, session.staff.name), open_drawer=cash, gift=gift)
        self.catch_up()
        return outcome

    def missing(self, limit: int = 200) -> list[tuple[str, str]]:
        """(sale id, receipt number) of the latest sales that have no kept receipt."""
        rows = self.store.query(
            "SELECT sale_id, receipt_no FROM sales ORDER BY receipt_counter DESC LIMIT ?", (limit,), "device"
        )
        return [(str(s), str(n)) for s, n in rows if not self.receipts.has(str(n))]

    def catch_up(self) -> list[str]:
        """Make and queue the receipts of completed sales that have none (the app died between
        a sale's commit and its receipt); oldest first. Returns their numbers."""
        done = []
        for sale_id, number in reversed(self.missing()):
            self.receipts.issue(self._rebuilt(sale_id))
            done.append(number)
        return done

    def page_url(self, sale_id: UUID | str) -> str:
        """The customer's e-receipt page at central (the QR on the customer display): the sale's
        random id is the capability (docs/receipts.md "The e-receipt page")."""
        return f"{self.checkout.identity.central_url.rstrip('/')}/r/{sale_id}"

    def reprint(self, number: str, session: Session, *, gift: bool = False, reason: str = "") -> PrintOutcome:
        return self.receipts.reprint(number, staff=f"{session.staff.id}:{session.staff.name}", gift=gift, reason=reason)

    def journal_reprint(self, request: ReprintRequest) -> None:
        """The ReceiptService's on_reprint hook: the reprint is journaled before it prints."""
        with self.store.tx("device") as con:
            self.store.journal_append(
                con,
                "receipt.reprint",
                {"number": request.number, "staff": request.staff, "gift": request.gift, "reason": request.reason},
            )

    # --- e-mail ---------------------------------------------------------------------------------

    def email(self, number: str, address: str, session: Session, *, language: str | None = None) -> EmailRequest:
        """Ask central to e-mail this receipt (queued here first: offline it waits). The same
        receipt to the same address again is the same request."""
        address = address.strip()
        if not EMAIL.match(address) or len(address) > 254:
            raise ValidationFailed("receipt.email_address", address=address)
        if language is not None and language not in LANGUAGES:
            language = None
        sale_id = self.receipts.receipt(number).sale.sale_id  # raises for an unknown number
        with self.store.tx("device") as con:
            self.store.journal_append(
                con, "receipt.email", {"number": number, "to": mask(address), "staff_id": session.staff.id}
            )
        with self._db() as con:
            con.execute(
                "INSERT INTO email_requests(number, sale_id, address, language, created) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(number, address) DO NOTHING",
                (number, sale_id, address, language, self.clock().isoformat()),
            )
        self.send_emails()
        with self._db() as con:
            row = con.execute("SELECT * FROM email_requests WHERE number=? AND address=?", (number, address)).fetchone()
        return self._request(row)

    @staticmethod
    def _request(row: sqlite3.Row) -> EmailRequest:
        return EmailRequest(row["id"], row["number"], row["address"], row["state"], row["attempts"], row["last_error"])

    def emails(self, state: str | None = None) -> list[EmailRequest]:
        with self._db() as con:
            rows = con.execute(
                "SELECT * FROM email_requests WHERE (? IS NULL OR state = ?) ORDER BY id", (state, state)
            ).fetchall()
        return [self._request(r) for r in rows]

    def send_emails(self) -> int:
        """Hand the waiting e-mail requests to central, in order; returns how many it took.
        Stops at the first network failure (they wait for the next cycle)."""
        if self.client_factory is None:
            return 0
        with self._db() as con:
            waiting = con.execute("SELECT * FROM email_requests WHERE state='waiting' ORDER BY id").fetchall()
        if not waiting:
            return 0
        taken = 0
        client = self.client_factory()
        try:
            for row in waiting:
                try:
                    answer = client.receipt_email(UUID(row["sale_id"]), row["address"], row["language"])
                except Rejected as e:
                    self._mark(row["id"], "refused", str(e.detail)[:300])
                    continue
                except (Unreachable, CentralError) as e:
                    self._mark(row["id"], "waiting", str(e)[:300])
                    break
                self._mark(row["id"], "taken", None, str(answer.get("message_id") or ""))
                taken += 1
        finally:
            client.close()
        return taken

    def _mark(self, rid: int, state: str, error: str | None, message_id: str | None = None) -> None:
        with self._db() as con:
            con.execute(
                "UPDATE email_requests SET state=?, attempts=attempts+1, last_error=?, message_id=COALESCE(?, message_id),"
                " taken_at=CASE WHEN ?='taken' THEN ? ELSE taken_at END WHERE id=?",
                (state, error, message_id, state, self.clock().isoformat(), rid),
            )

    def summary(self) -> dict[str, Any]:
        """What waits: print jobs and e-mails (for the screen's notice and `pos-app receipt`)."""
        return {
            "print_waiting": len(self.receipts.waiting()),
            "email_waiting": sum(1 for r in self.emails("waiting")),
            "email_refused": sum(1 for r in self.emails("refused")),
        }


__all__ = ["EmailRequest", "SaleReceipts", "mask"]
