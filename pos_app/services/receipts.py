"""Receipts on the tablet: sign, keep, print, wait for the printer, reprint.

A printer that is off, out of paper or gone never blocks or loses a sale: `issue()` stores the
receipt and a print job in the device's own spool (``receipts.db`` in the data directory, a
SQLite file of this service, beside — not inside — the local store) before it tries the
printer, and answers at once whether it printed. Waiting jobs print in order when the printer
is back (`flush()`, by hand or by the retry thread `start()`); staff see them (`waiting()`);
any past receipt reprints (`reprint()`, marked "Reprint" / "再発行" / "Kopie"), after the
``on_reprint`` hook has journaled who asked (the sale service passes its journal writer).

The QR's sale reference is signed with this device's own Ed25519 key (`ReceiptSigner`),
made on first use and kept in the OS keyring; its public half is `public_key` (central learns
it at enrolment — the returns issue). See docs/receipts.md.

The drawer is kicked through the printer with the receipt's first attempt only: a drawer that
springs open an hour later, when the printer comes back, is worse than none, so a failed first
attempt says ``drawer_opened=False`` and staff open it with the key (or `open_drawer()`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pos_app.devices.printer.base import PrinterError, Transport
from pos_app.services.errors import ValidationFailed
from sync.receipts.code import (
    SaleReference,
    new_private_key,
    private_key_from_text,
    private_key_text,
    public_key_text,
    sign_reference,
)
from sync.receipts.escpos import (
    ALIGN,
    BOLD_OFF,
    BOLD_ON,
    CUT,
    DRAWER_KICK,
    INIT,
    KANJI,
    KANJI_OFF,
    LATIN,
    encode_text,
    printable,
    render_escpos,
)
from sync.receipts.layout import LABELS, clip
from sync.receipts.model import Receipt
from sync.receipts.text import render_text

SCHEMA = """
CREATE TABLE IF NOT EXISTS receipts (
    number TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS print_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL REFERENCES receipts(number),
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'gift', 'reprint', 'gift_reprint')),
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'printed', 'cancelled')),
    open_drawer INTEGER NOT NULL DEFAULT 0,
    drawer_opened INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    requested_by TEXT,
    created TEXT NOT NULL,
    printed_at TEXT
);
CREATE INDEX IF NOT EXISTS print_jobs_waiting ON print_jobs(state, id);
-- Other printouts through the same spool (a pickup's bag label): their ESC/POS bytes are made
-- by their own service and kept as sent; printed after the waiting receipts, in order.
CREATE TABLE IF NOT EXISTS label_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ref TEXT NOT NULL,
    data BLOB NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'printed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created TEXT NOT NULL,
    printed_at TEXT
);
CREATE INDEX IF NOT EXISTS label_jobs_waiting ON label_jobs(state, id);
"""


# -- the device's signing key -------------------------------------------------------------


class KeyStore(Protocol):
    def load(self) -> str | None: ...

    def save(self, text: str) -> None: ...


class KeyringKeyStore:
    """The private key in the OS keyring (the same secure-backend rules as the device token)."""

    def __init__(self, data_dir: str | Path) -> None:
        self.username = f"receipt-key:{data_dir}"

    def load(self) -> str | None:
        import keyring

        from pos_app.services import secrets

        secrets.check_backend()
        return keyring.get_password(secrets.SERVICE, self.username)

    def save(self, text: str) -> None:
        import keyring

        from pos_app.services import secrets

        secrets.check_backend()
        keyring.set_password(secrets.SERVICE, self.username, text)


class MemoryKeyStore:
    def __init__(self, text: str | None = None) -> None:
        self.text = text

    def load(self) -> str | None:
        return self.text

    def save(self, text: str) -> None:
        self.text = text


class ReceiptSigner:
    """Signs sale references with this device's Ed25519 key; ``key_id`` is the device's id."""

    def __init__(self, key_id: str, store: KeyStore) -> None:
        self.key_id = key_id
        self._store = store
        self._loaded: Any = None
        self._lock = threading.Lock()

    @property
    def _key(self) -> Any:
        """Loaded (or made and kept) on first use, so opening a device does not touch the keyring."""
        with self._lock:
            if self._loaded is None:
                text = self._store.load()
                if text is None:
                    text = private_key_text(new_private_key())
                    self._store.save(text)
                self._loaded = private_key_from_text(text)
            return self._loaded

    @property
    def public_key(self) -> str:
        return public_key_text(self._key)

    def sign(self, receipt: Receipt) -> str:
        ref = SaleReference(
            store=receipt.store.code,
            device=receipt.sale.device,
            number=receipt.sale.number,
            at=int(receipt.sale.at.timestamp()),
            total=receipt.total,
            currency=receipt.currency,
            key=self.key_id,
        )
        return sign_reference(ref, self._key)


# -- the spool ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    number: str
    kind: str  # receipt | gift | reprint | gift_reprint
    state: str  # waiting | printed | cancelled
    attempts: int
    last_error: str | None  # printer.offline | printer.paper_out | printer.cover_open | printer.io …
    requested_by: str | None
    created: datetime
    printed_at: datetime | None


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    number: str
    job_id: int
    printed: bool
    problem: str | None  # why it waits (a code the UI words), None when printed
    drawer_opened: bool = False


@dataclass(frozen=True, slots=True)
class ReprintRequest:
    """What the journal hook receives before a reprint is queued."""

    number: str
    staff: str
    gift: bool
    reason: str
    at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


class ReceiptService:
    def __init__(
        self,
        data_dir: str | Path,
        printer: Transport | None,
        *,
        signer: ReceiptSigner | None = None,
        columns: int = 48,
        on_reprint: Callable[[ReprintRequest], None] | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.path = Path(data_dir) / "receipts.db"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.printer = printer
        self.signer = signer
        self.columns = columns
        self.on_reprint = on_reprint
        self.clock = clock
        # The store's language for what this service prints itself (the test page); receipts
        # carry their store's locale. Set by SaleReceipts, which knows the store.
        self.language: Callable[[], str] = lambda: "en"
        self._print_lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        with self._db() as con:
            con.executescript(SCHEMA)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")  # a receipt written is a receipt kept
            con.execute("PRAGMA foreign_keys=ON")
            con.row_factory = sqlite3.Row
            yield con
        finally:
            con.close()

    # -- issuing ---------------------------------------------------------------------------
    def issue(self, receipt: Receipt, *, open_drawer: bool = False, gift: bool = False) -> PrintOutcome:
        """Keep the receipt (signed), queue it (and a gift receipt), try the printer once.
        With no printer (a till that prints nothing) the receipt is only kept: `job_id` 0,
        problem ``printer.none``; it can still be reprinted once a printer is set, or e-mailed.

        Idempotent by receipt number: issuing the same sale again (a double tap) queues
        nothing new and answers with the first job."""
        if self.printer is None:
            return self.keep(receipt)
        if self.signer is not None and receipt.code is None:
            receipt = receipt.with_code(self.signer.sign(receipt))
        now = self.clock().isoformat()
        with self._db() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                seen = con.execute(
                    "SELECT id, state, last_error FROM print_jobs WHERE number = ? AND kind = 'receipt'",
                    (receipt.sale.number,),
                ).fetchone()
                if seen is None:
                    con.execute(
                        "INSERT INTO receipts(number, created, document) VALUES (?, ?, ?)",
                        (receipt.sale.number, now, json.dumps(receipt.to_dict(), ensure_ascii=False)),
                    )
                    cur = con.execute(
                        "INSERT INTO print_jobs(number, kind, open_drawer, created) VALUES (?, 'receipt', ?, ?)",
                        (receipt.sale.number, int(open_drawer), now),
                    )
                    job_id = int(cur.lastrowid or 0)
                    if gift:
                        con.execute(
                            "INSERT INTO print_jobs(number, kind, created) VALUES (?, 'gift', ?)",
                            (receipt.sale.number, now),
                        )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        if seen is not None:
            return PrintOutcome(receipt.sale.number, seen["id"], seen["state"] == "printed", seen["last_error"])
        self.flush()
        job = self.job(job_id)
        with self._db() as con:
            opened = con.execute("SELECT drawer_opened FROM print_jobs WHERE id = ?", (job_id,)).fetchone()[0]
        return PrintOutcome(receipt.sale.number, job_id, job.state == "printed", job.last_error, bool(opened))

    def keep(self, receipt: Receipt) -> PrintOutcome:
        """Keep the receipt (signed) without printing it (idempotent by number)."""
        if self.signer is not None and receipt.code is None:
            receipt = receipt.with_code(self.signer.sign(receipt))
        with self._db() as con:
            con.execute(
                "INSERT INTO receipts(number, created, document) VALUES (?, ?, ?) ON CONFLICT(number) DO NOTHING",
                (receipt.sale.number, self.clock().isoformat(), json.dumps(receipt.to_dict(), ensure_ascii=False)),
            )
        return PrintOutcome(receipt.sale.number, 0, False, "printer.none")

    def has(self, number: str) -> bool:
        with self._db() as con:
            return con.execute("SELECT 1 FROM receipts WHERE number = ?", (number,)).fetchone() is not None

    def reprint(self, number: str, *, staff: str, gift: bool = False, reason: str = "") -> PrintOutcome:
        """Print a past receipt again (marked as a reprint). The hook journals it first: if
        journaling fails, nothing is printed."""
        self.receipt(number)  # raises for an unknown number
        if self.printer is None:
            raise ValidationFailed("printer.none")
        if self.on_reprint is not None:
            self.on_reprint(ReprintRequest(number, staff, gift, reason, self.clock()))
        with self._db() as con:
            cur = con.execute(
                "INSERT INTO print_jobs(number, kind, requested_by, created) VALUES (?, ?, ?, ?)",
                (number, "gift_reprint" if gift else "reprint", staff, self.clock().isoformat()),
            )
            job_id = int(cur.lastrowid or 0)
        self.flush()
        job = self.job(job_id)
        return PrintOutcome(number, job_id, job.state == "printed", job.last_error)

    def gift(self, number: str) -> PrintOutcome:
        """A gift receipt (no prices) of a receipt just issued; asked again, it is a reprint."""
        self.receipt(number)
        if self.printer is None:
            raise ValidationFailed("printer.none")
        with self._db() as con:
            had = con.execute(
                "SELECT 1 FROM print_jobs WHERE number = ? AND kind IN ('gift', 'gift_reprint')", (number,)
            ).fetchone()
            cur = con.execute(
                "INSERT INTO print_jobs(number, kind, created) VALUES (?, ?, ?)",
                (number, "gift_reprint" if had else "gift", self.clock().isoformat()),
            )
            job_id = int(cur.lastrowid or 0)
        self.flush()
        job = self.job(job_id)
        return PrintOutcome(number, job_id, job.state == "printed", job.last_error)

    def issue_label(self, ref: str, data: bytes) -> PrintOutcome:
        """Spool a label's ESC/POS bytes (e.g. ``pickup:000123``) and try the printer once; a
        printer that is away keeps it waiting (the retry thread prints it later). Never blocks
        on the printer longer than one attempt; refuses only when the till has no printer."""
        if self.printer is None:
            raise ValidationFailed("printer.none_label")
        with self._db() as con:
            cur = con.execute(
                "INSERT INTO label_jobs(ref, data, created) VALUES (?, ?, ?)", (ref, data, self.clock().isoformat())
            )
            job_id = int(cur.lastrowid or 0)
        self.flush()
        with self._db() as con:
            row = con.execute("SELECT state, last_error FROM label_jobs WHERE id = ?", (job_id,)).fetchone()
        return PrintOutcome(ref, job_id, row["state"] == "printed", row["last_error"])

    def labels_waiting(self) -> list[tuple[int, str, str | None]]:
        """(job id, ref, why it waits) of the labels not printed yet, oldest first."""
        with self._db() as con:
            rows = con.execute("SELECT id, ref, last_error FROM label_jobs WHERE state = 'waiting' ORDER BY id")
            return [(r["id"], r["ref"], r["last_error"]) for r in rows]

    def _flush_labels(self) -> tuple[int, str | None]:
        printed = 0
        for job_id, _ref, _why in self.labels_waiting():
            with self._db() as con:
                data = con.execute("SELECT data FROM label_jobs WHERE id = ?", (job_id,)).fetchone()["data"]
                con.execute("UPDATE label_jobs SET attempts = attempts + 1 WHERE id = ?", (job_id,))
            problem = self._send(bytes(data))
            with self._db() as con:
                if problem is None:
                    con.execute(
                        "UPDATE label_jobs SET state = 'printed', printed_at = ?, last_error = NULL WHERE id = ?",
                        (self.clock().isoformat(), job_id),
                    )
                else:
                    con.execute(
                        "UPDATE label_jobs SET last_error = ? WHERE state = 'waiting' AND id >= ?", (problem, job_id)
                    )
                    return printed, problem
            printed += 1
        return printed, None

    def open_drawer(self) -> bool:
        """Kick the drawer alone (a no-sale; the caller journals it). False: the printer is away."""
        if self.printer is None:
            return False
        try:
            self.printer.send(INIT + DRAWER_KICK)
        except PrinterError:
            return False
        return True

    def test_page(self, lines: list[str] | tuple[str, ...] = (), language: str | None = None) -> str | None:
        """Print a test page now (the settings screen's "Print a test page"): a heading, the
        caller's lines, and a ruler exactly `columns` wide, so staff see at once whether 42 or
        48 is right (a ruler that wraps is too wide). In the receipts' language (`language`,
        else the store's, `self.language()`) and with the receipts' code page, so a Tokyo
        till's page shows that Kanji print (a sample line in Japanese) before a customer's
        receipt does. Not queued: a test page that comes out an hour later is worse than none.
        Returns None when printed, else the problem's code (printer.none | printer.offline |
        printer.paper_out | printer.cover_open | printer.io)."""
        if self.printer is None:
            return "printer.none"
        width = self.columns
        lang = language or self.language()
        lab = LABELS.get(lang, LABELS["en"])
        ja = lang == "ja"
        enc = "cp932" if ja else "cp858"
        ruler = "".join(str(i % 10) for i in range(1, width + 1))

        def text(line: str) -> bytes:
            return encode_text(clip(printable(line, enc), width), enc) + b"\n"

        out = bytearray(INIT + (KANJI if ja else LATIN) + ALIGN["center"] + BOLD_ON)
        out += text(lab["test_page"]) + BOLD_OFF + ALIGN["left"]
        for line in lines:
            out += text(line)
        if ja:
            out += text(lab["title"] + " " + lab["total"] + " ￥1,234")  # Kanji and the yen sign
        out += text("") + text(lab["test_ruler"].format(columns=width)) + text(ruler)
        out += text("-" * width) + (KANJI_OFF if ja else b"") + CUT
        with self._print_lock:
            return self._send(bytes(out))

    # -- reading ---------------------------------------------------------------------------
    def receipt(self, number: str) -> Receipt:
        with self._db() as con:
            row = con.execute("SELECT document FROM receipts WHERE number = ?", (number,)).fetchone()
        if row is None:
            raise ValidationFailed("receipt.unknown", number=number)
        return Receipt.from_dict(json.loads(row["document"]))

    def text(self, number: str, columns: int | None = None) -> str:
        return render_text(self.receipt(number), columns or self.columns)

    def recent(self, limit: int = 50) -> list[str]:
        with self._db() as con:
            rows = con.execute("SELECT number FROM receipts ORDER BY created DESC, number DESC LIMIT ?", (limit,))
            return [r["number"] for r in rows]

    def _job(self, row: sqlite3.Row) -> PrintJob:
        return PrintJob(
            id=row["id"],
            number=row["number"],
            kind=row["kind"],
            state=row["state"],
            attempts=row["attempts"],
            last_error=row["last_error"],
            requested_by=row["requested_by"],
            created=datetime.fromisoformat(row["created"]),
            printed_at=datetime.fromisoformat(row["printed_at"]) if row["printed_at"] else None,
        )

    def job(self, job_id: int) -> PrintJob:
        with self._db() as con:
            row = con.execute("SELECT * FROM print_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise ValidationFailed("receipt.unknown_job", job=job_id)
        return self._job(row)

    def waiting(self) -> list[PrintJob]:
        """What waits for the printer, oldest first (staff see it, e.g. on the problems sheet)."""
        with self._db() as con:
            rows = con.execute("SELECT * FROM print_jobs WHERE state = 'waiting' ORDER BY id").fetchall()
        return [self._job(r) for r in rows]

    def cancel(self, job_id: int) -> None:
        """Drop a waiting job (the customer left; the receipt itself stays and can be reprinted)."""
        with self._db() as con:
            con.execute("UPDATE print_jobs SET state = 'cancelled' WHERE id = ? AND state = 'waiting'", (job_id,))

    # -- printing --------------------------------------------------------------------------
    def _bytes(self, job: PrintJob, kick: bool) -> bytes:
        r = self.receipt(job.number)
        if job.kind in ("gift", "gift_reprint"):
            r = r.as_gift()
        if job.kind in ("reprint", "gift_reprint"):
            r = r.as_reprint()
        return render_escpos(r, columns=self.columns, open_drawer=kick)

    def flush(self) -> int:
        """Print what waits, in order, until the printer refuses; returns how many printed.
        Never raises for printer trouble: the job keeps waiting with the reason."""
        if self.printer is None:
            return 0
        printed = 0
        with self._print_lock:
            for job in self.waiting():
                with self._db() as con:
                    row = con.execute("SELECT open_drawer FROM print_jobs WHERE id = ?", (job.id,)).fetchone()
                    kick = bool(row["open_drawer"]) and job.attempts == 0
                    # the drawer opens with the first attempt or never (see the module's note)
                    con.execute(
                        "UPDATE print_jobs SET attempts = attempts + 1, open_drawer = 0 WHERE id = ?", (job.id,)
                    )
                problem = self._send(self._bytes(job, kick))
                opened = kick and problem is None
                if kick and problem in ("printer.paper_out", "printer.cover_open"):
                    opened = self.open_drawer()  # no paper, but the drawer still hangs off the printer
                with self._db() as con:
                    if problem is None:
                        con.execute(
                            "UPDATE print_jobs SET state = 'printed', printed_at = ?, last_error = NULL,"
                            " drawer_opened = ? WHERE id = ?",
                            (self.clock().isoformat(), int(opened), job.id),
                        )
                    else:
                        con.execute(
                            "UPDATE print_jobs SET last_error = ?, drawer_opened = ? WHERE id = ?",
                            (problem, int(opened), job.id),
                        )
                        # the jobs behind it wait for the same reason (they print in order)
                        con.execute(
                            "UPDATE print_jobs SET last_error = ? WHERE state = 'waiting' AND id > ?",
                            (problem, job.id),
                        )
                if problem is not None:
                    return printed
                printed += 1
            printed += self._flush_labels()[0]  # labels after the receipts (a customer waits at the till)
        return printed

    def _send(self, data: bytes) -> str | None:
        assert self.printer is not None
        try:
            status = self.printer.status()
            if status is not None and status.problem is not None:
                return status.problem
            self.printer.send(data)
        except PrinterError as e:
            return e.code
        except OSError:
            return "printer.io"
        return None

    # -- retrying --------------------------------------------------------------------------
    def start(self, interval: float = 15.0) -> None:
        """Retry waiting jobs every ``interval`` seconds on a thread of this service."""
        if self._thread is not None:
            return
        self._stop.clear()

        def run() -> None:
            while not self._stop.is_set():
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop.is_set():
                    return
                if self.waiting() or self.labels_waiting():
                    self.flush()

        self._thread = threading.Thread(target=run, name="receipt-printer", daemon=True)
        self._thread.start()

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None


__all__ = [
    "KeyStore",
    "KeyringKeyStore",
    "MemoryKeyStore",
    "PrintJob",
    "PrintOutcome",
    "ReceiptService",
    "ReceiptSigner",
    "ReprintRequest",
]
