"""Everything one device needs, built from its data directory: the composition root."""

from __future__ import annotations

import contextlib
import threading
from datetime import datetime
from pathlib import Path

from pos_app.core.auth import Permission
from pos_app.devices.terminal import PaymentTerminal, TerminalError, new_service_id
from pos_app.local.store import Identity, LocalStore
from pos_app.services import secrets
from pos_app.services.accounts import AccountsService
from pos_app.services.auth import AuthService, Session, StaffMember
from pos_app.services.basket import BasketService
from pos_app.services.checkout import CheckoutService, device_code
from pos_app.services.customers import CustomerService
from pos_app.services.errors import NotEnrolled, Said, ServiceError, ValidationFailed
from pos_app.services.images import ImageService
from pos_app.services.language import LanguageService
from pos_app.services.lookup import Location, LookupService
from pos_app.services.orders import OrderService
from pos_app.services.outbox import OutboxService
from pos_app.services.payments import Caps, PaymentService
from pos_app.services.pickups import PickupService
from pos_app.services.receipts import KeyringKeyStore, MemoryKeyStore, ReceiptService, ReceiptSigner
from pos_app.services.returns import ReturnService
from pos_app.services.sale_receipts import SaleReceipts
from pos_app.services.settings import SettingsService, TerminalSettings, build_terminal, check_terminal
from pos_app.services.shifts import ShiftService
from pos_app.services.stock import StockService
from sync.client import CentralClient
from sync.engine import SyncEngine, SyncStatus
from sync.protocol import STREAMS


class Device:
    """An enrolled device: local store, identity, token, sync engine and services."""

    def __init__(
        self,
        data_dir: Path,
        *,
        keepalive_seconds: float = 15.0,
        poll_seconds: float = 30.0,
        token: str | None = None,
        pin_key: str | None = None,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.store, self.recovery_note = LocalStore.open_or_recover(self.data_dir)
        identity = self.store.identity()
        if identity is None:
            raise NotEnrolled()
        self.identity: Identity = identity
        # `token` is for throwaway devices (screenshots); real ones read the OS keyring.
        throwaway = token is not None
        token = token or secrets.load_token(str(self.data_dir))
        if not token:
            raise NotEnrolled("device.no_token")
        self._token = token
        # The retailer's PIN key: without it no PIN can be checked (a copied cache.db is useless).
        self.pin_key = pin_key or secrets.load_pin_key(str(self.data_dir))
        self.engine = SyncEngine(
            self.new_client,
            self.store,
            keepalive_seconds=keepalive_seconds,
            poll_seconds=poll_seconds,
            before_push=self._before_push,  # the journal travels with every cycle
        )
        self.lookup = LookupService(self.store, identity.store_id)
        self.auth = AuthService(self.store, identity.store_id, pin_key=self.pin_key)
        self.stock = StockService(
            self.store, identity.store_id, self.lookup, kick=self.engine.kick, client_factory=self.new_client
        )
        self.outbox = OutboxService(self.store, kick=self.engine.kick)
        # Product pictures: a bounded disk cache under the data directory, filled from central on
        # demand (call `images.get` from a worker; it never raises for the network).
        self.checkout = CheckoutService(self.store, identity, kick=self.engine.kick)
        # Customers: searched live, the recent ones and those made here kept in device.db.
        self.customers = CustomerService(self.store, identity, self.new_client, kick=self.engine.kick)
        # Stored value: points, tier, store credit, gift cards (docs/loyalty.md).
        self.accounts = AccountsService(self.store, identity, self.new_client, kick=self.engine.kick)
        self.pickups = PickupService(self.store, identity, self.lookup.scan, kick=self.engine.kick)
        # Baskets on the sell screen (parked ones in parked.json beside device.db).
        self.basket = BasketService(
            self.checkout, self.data_dir, scan=self.lookup.scan, customer_used=self.customers.used
        )
        self.images = ImageService.in_data_dir(self.data_dir, identity.central_url, token)
        # This till's own settings (its printer) and the receipts of its sales: kept in
        # receipts.db, printed through the configured printer, e-mailed through central.
        self.settings = SettingsService(self.data_dir)
        # The screens' language: the store's, or what a staff member chose on this till.
        self.language = LanguageService(self.store, identity.store_id, self.settings)
        self.receipts = ReceiptService(
            self.data_dir,
            self.settings.printer(),
            signer=ReceiptSigner(identity.device_id, MemoryKeyStore() if throwaway else KeyringKeyStore(self.data_dir)),
            columns=self.settings.load().printer_columns,
        )
        self.sale_receipts = SaleReceipts(self.store, self.checkout, self.receipts, self.new_client)
        self.receipts.on_reprint = self.sale_receipts.journal_reprint
        # The card terminal (settings.json + its passphrase in the keyring), made when first
        # asked for; card payments, their recovery and refunds (docs/terminal.md).
        self._terminal: PaymentTerminal | None = None
        self._terminal_made = False
        self._terminal_lock = threading.Lock()
        self._throwaway = throwaway
        self.payments = PaymentService(self.store, self.checkout, self.terminal, staff=self._staff, caps=self._caps)
        self.basket.payments = self.payments
        # Endless aisle: delivery options, addresses, the store's ship orders and staff's actions.
        self.orders = OrderService(self.store, identity, self.payments, kick=self.engine.kick)
        self.shifts = ShiftService(
            self.store, identity, self.auth, receipts=self.receipts, payments=self.payments, kick=self.engine.kick
        )
        self.accounts.drawer = lambda s, kind, amount, reason, note: self.shifts.move(s, kind, amount, reason, note)
        self.returns = ReturnService(
            self.store,
            identity,
            self.payments,
            self.new_client,
            kick=self.engine.kick,
            till=self.shifts.till,
            auth=self.auth,
            lookup=self.lookup,
            customers=self.customers,
            baskets=self.basket,
        )

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        keepalive_seconds: float = 15.0,
        poll_seconds: float = 30.0,
        token: str | None = None,
        pin_key: str | None = None,
    ) -> Device:
        """Open an enrolled device (reads the keyring and device.db: call it from a worker).
        Raises NotEnrolled or secrets.NoSecureKeyring (both ServiceError). `token` and
        `pin_key` are for throwaway devices (screenshots); real ones read the keyring."""
        return cls(
            data_dir, keepalive_seconds=keepalive_seconds, poll_seconds=poll_seconds, token=token, pin_key=pin_key
        )

    def _before_push(self) -> None:
        """Start of every sync cycle: the journal's last entries become a batch op, and the
        e-mail receipts asked for meanwhile go to central."""
        self.store.journal_flush()
        self.sale_receipts.send_emails()

    def set_printer(
        self,
        url: str,
        columns: int | None = None,
        *,
        session: Session | None = None,
        approver: StaffMember | None = None,
    ) -> None:
        """Change this till's printer (validated; "" for none) and use it at once. From the
        settings screen (a session and the approving supervisor) the change is journaled."""
        changes: dict[str, object] = {"printer": url.strip()}
        if columns is not None:
            changes["printer_columns"] = columns
        s = self.settings.update(**changes)
        self.receipts.printer = self.settings.printer()
        self.receipts.columns = s.printer_columns
        if session is not None:
            self._journal_settings(
                "settings.printer", {"printer": s.printer, "columns": s.printer_columns}, session, approver
            )

    def _journal_settings(
        self, kind: str, data: dict[str, object], session: Session, approver: StaffMember | None
    ) -> None:
        with self.store.tx("device") as con:
            self.store.journal_append(
                con,
                kind,
                {**data, "staff_id": session.staff.id, "approved_by": None if approver is None else approver.id},
            )

    def print_test_page(self) -> str:
        """Print a test page on this till's printer now; one sentence for staff. Raises
        ValidationFailed (its sentence) when the printer did not take it."""
        s = self.settings.load()
        problem = self.receipts.test_page(
            (
                f"{self.identity.store_name}",
                f"Till {device_code(self.identity.device_id)}",
                f"Printer {s.printer}",
                datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            )
        )
        if problem is None:
            return Said("printer.test_sent", printer=s.printer)
        if problem == "printer.none":
            raise ValidationFailed("printer.test_none")  # the test page's own words for it
        if problem in ("printer.offline", "printer.paper_out", "printer.cover_open"):
            raise ValidationFailed(problem, printer=s.printer)
        raise ValidationFailed("printer.test_failed", printer=s.printer, problem=problem)

    # --- the card terminal -------------------------------------------------------------------

    def terminal_sale_id(self) -> str:
        """This till's nexo SaleID (ServiceIDs are unique per SaleID)."""
        return f"AISLE-{device_code(self.identity.device_id)}"

    def terminal(self) -> PaymentTerminal | None:
        """The configured card terminal, made once (None: none set up)."""
        with self._terminal_lock:
            if not self._terminal_made:
                t = self.settings.load().terminal
                passphrase = None
                if t.kind and t.key_id:
                    passphrase = secrets.load_terminal_passphrase(str(self.data_dir), t.poiid)
                self._terminal = build_terminal(t, sale_id=self.terminal_sale_id(), passphrase=passphrase)
                self._terminal_made = True
            return self._terminal

    def set_terminal(
        self,
        terminal: TerminalSettings,
        passphrase: str | None = None,
        *,
        session: Session | None = None,
        approver: StaffMember | None = None,
    ) -> None:
        """Change this till's terminal (validated; kind "" for none); a passphrase given goes to
        the keyring (kept there when None). Used at once. From the settings screen (a session
        and the approving supervisor) the change is journaled — never the passphrase."""
        s = self.settings.set_terminal(terminal)
        if passphrase:
            secrets.save_terminal_passphrase(str(self.data_dir), terminal.poiid.strip(), passphrase)
        with self._terminal_lock:
            if self._terminal is not None:
                self._terminal.close()
            self._terminal, self._terminal_made = None, False
        if session is not None:
            t = s.terminal
            self._journal_settings(
                "settings.terminal",
                {"kind": t.kind, "url": t.url, "poiid": t.poiid, "key_id": t.key_id, "key_version": t.key_version,
                 "ca_file": t.ca_file, "store_and_forward": t.store_and_forward,
                 "passphrase_changed": bool(passphrase)},
                session,
                approver,
            )  # fmt: skip

    def terminal_passphrase_kept(self, poiid: str) -> bool:
        """Whether the keyring holds a passphrase for this terminal (it is never shown back)."""
        return bool(poiid.strip()) and bool(secrets.load_terminal_passphrase(str(self.data_dir), poiid.strip()))

    def test_terminal(self, terminal: TerminalSettings | None = None, passphrase: str | None = None) -> str:
        """Ask the terminal about a payment that never was: an answer proves the address, the
        certificate, the POIID and the key. Without arguments the saved terminal; with them the
        settings as typed (not saved; the passphrase typed, else the one kept for that POIID).
        One sentence for staff; raises TerminalError or ValidationFailed (a bad setting)."""
        if terminal is None:
            t = self.terminal()
            protected = bool(self.settings.load().terminal.key_id)
            if t is None:
                return Said("payment.no_terminal")
            t.status(new_service_id())
            return Said("terminal.answered_protected" if protected else "terminal.answered", poiid=t.poiid)
        typed = check_terminal(terminal)
        if not typed.kind:
            return Said("terminal.none_chosen")
        if typed.key_id and not passphrase:
            passphrase = secrets.load_terminal_passphrase(str(self.data_dir), typed.poiid)
            if not passphrase:
                raise ValidationFailed("settings.terminal_passphrase")
        probe = build_terminal(typed, sale_id=self.terminal_sale_id(), passphrase=passphrase)
        assert probe is not None
        try:
            probe.status(new_service_id())
        finally:
            probe.close()
        return Said("terminal.answered_protected" if typed.key_id else "terminal.answered", poiid=probe.poiid)

    def _caps(self) -> Caps:
        """Central's store-and-forward caps for this store (the `card_limits` stream). Never
        synced, or no row for the store: Caps() — no card payment while the terminal is offline."""
        rows = self.store.query(
            "SELECT per_sale, total FROM card_limits WHERE store_id=?", (self.checkout.identity.store_id,)
        )
        return Caps(per_sale=int(rows[0][0]), total=int(rows[0][1])) if rows else Caps()

    def _staff(self, staff_id: int) -> StaffMember | None:
        return next((p for p in self.auth.staff() if p.id == staff_id), None)

    def start_sync(self, live: bool = True) -> None:
        """Start syncing (a worker's call): first the card payments and receipts a crash may
        have left unsettled or unmade, then the retry thread of the print queue, then the engine."""
        with contextlib.suppress(ServiceError, TerminalError):  # the terminal's word, before anything else
            self.payments.resolve_open(seconds=10.0)
        with contextlib.suppress(ServiceError):  # the store not cached yet: nothing was sold either
            self.sale_receipts.catch_up()
        self.receipts.start()
        self.engine.start(live=live)

    def status(self) -> SyncStatus:
        """The engine's status (no disk: fine on the UI thread)."""
        return self.engine.status

    def cache_as_of(self) -> datetime | None:
        """When the oldest stream of the cache was last pulled (reads the disk: a worker), for
        "as of HH:MM" before the engine has pulled anything since start."""
        times = [s.synced_at for s in map(self.store.stream_state, STREAMS) if s.synced_at]
        return min(times, default=None)

    def home(self) -> Location | None:
        return self.lookup.home()

    def new_client(self) -> CentralClient:
        return CentralClient(self.identity.central_url, self._token)

    def redownload(self, session: Session) -> None:
        """A manager's "download everything again": the outbox goes first and is kept; the
        engine downloads beside the old rows and swaps at the end. Synchronous: a worker's job."""
        session.require(Permission.REBOOTSTRAP)
        with self.store.tx("device") as con:
            self.store.journal_append(con, "cache.redownload", {"staff_id": session.staff.id})
        self.engine.redownload()

    def bootstrapped(self) -> bool:
        return all(self.store.stream_state(s).bootstrapped for s in ("catalog", "stock", "staff"))

    def close(self) -> None:
        if self._terminal is not None:
            self._terminal.close()
        self.receipts.close()
        self.engine.stop()
        self.engine.client.close()
        self.images.close()
        self.store.close()
