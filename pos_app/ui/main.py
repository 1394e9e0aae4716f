"""Start the GUI: enrol if needed, first download with progress, sign in, main window."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.services import secrets
from pos_app.services.errors import NotEnrolled
from pos_app.services.language import language_of, pinned
from pos_app.services.paths import holds_device
from pos_app.ui import i18n, theme
from pos_app.ui.enroll_view import EnrollView
from pos_app.ui.messages import error_text, stream_word
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.scanner import ScannerFilter

if TYPE_CHECKING:
    from pos_app.services.app import Device
    from pos_app.services.auth import Session
    from pos_app.services.sync import Progress, SyncStatus
    from pos_app.ui.bridge import SyncBridge
    from pos_app.ui.kiosk_view import KioskView
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.signin_view import SignInView

# What the screens after the first need: the data layer (SQLAlchemy, the protocol's models,
# httpx), the devices and the main window, about two thirds of the start's imports. The first
# screen (enrolment, or "Opening…" while the device opens) is shown without them, and a worker
# loads them meanwhile (docs/packaging.md, "Start").
LATER = ("pos_app.services.app", "pos_app.services.enrollment", "pos_app.ui.main_window", "pos_app.ui.signin_view")


def load_later() -> None:
    """Import LATER (on a worker: the files are read off the GUI thread)."""
    for name in LATER:
        importlib.import_module(name)


NO_DISPLAY = """pos-app: there is no display to open a window on.
  - On a desktop, run it from a graphical session.
  - On a server: xvfb-run -a pos-app   (a virtual screen), or
  - render the screens to pictures: pos-app screenshots --out screenshots/
"""


class BootstrapView(QWidget):
    """The first download: what, how many, how fast, how long still."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 64, 40, 40)
        title = QLabel(self.tr("Getting this device ready"))
        title.setObjectName("title")
        self.what = QLabel(self.tr("Downloading the catalog, prices and stock…"))
        self.what.setObjectName("subtitle")
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setMinimumHeight(theme.TOUCH)
        self.detail = QLabel("")
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.setObjectName("primary")
        self.retry.hide()
        for w in (title, self.what, self.bar, self.detail, self.error, self.retry):
            lay.addWidget(w)
        lay.addStretch(1)

    def show_progress(self, p: Progress) -> None:
        self.what.setText(self.tr("Downloading {0}…").replace("{0}", stream_word(p.stream)))
        if p.estimated:
            self.bar.setRange(0, p.estimated)
            self.bar.setValue(min(p.rows, p.estimated))
        eta = ""
        if p.eta_seconds is not None:
            eta = self.tr(" · about {0} s left").replace("{0}", str(int(p.eta_seconds) + 1))
        self.detail.setText(
            self.tr("{rows} of {total} rows · {rate} rows/s")
            .replace("{rows}", f"{p.rows:,}")
            .replace("{total}", f"{p.estimated or 0:,}")
            .replace("{rate}", f"{p.rate:,.0f}")
            + eta
        )

    def show_failure(self, status: SyncStatus) -> None:
        self.error.setText(
            self.tr("Could not finish the download: {0}. Nothing is lost; it continues where it stopped.").replace(
                "{0}", error_text(status.message) if status.message else self.tr("central is not reachable")
            )
        )
        self.retry.show()


log = logging.getLogger("aisle.ui")


class Shell(QStackedWidget):
    """Start-up (the device opened on a worker: it reads the keyring and device.db), enrolment,
    first download, sign-in and the main window, one at a time."""

    def __init__(
        self,
        data_dir: Path,
        ops: Ops | None = None,
        customer_display: bool = False,
        kiosk: bool = False,
        **device_args: Any,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.customer_display = customer_display  # a second window for the customer (sell screen)
        # The customer-facing pickup kiosk (pos_app/ui/kiosk_view.py): no sign-in, no enrolment
        # screen, nothing but "Scan your pickup code".
        self.kiosk = kiosk
        self.kiosk_view: KioskView | None = None
        self.ops = ops or Ops()
        self.device_args = device_args
        self.device: Device | None = None
        self.sync: SyncBridge | None = None
        self.main: MainWindow | None = None
        self.signin: SignInView | None = None
        self.enroll: EnrollView | None = None
        self.status: SyncStatus | None = None  # the engine's, once it reports
        # Until the store is known (enrolment, opening): AISLE_LANGUAGE, or this computer's locale.
        self.store_language = pinned() or language_of(QLocale.system().name())
        i18n.install(self.store_language)
        self.setWindowTitle("Aisle")
        self.resize(1280, 800)
        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(self._scanned)
        self.starting = QLabel(self.tr("Opening…"))
        self.starting.setObjectName("page")
        self.starting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.starting)
        self._open_device()

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(widget)
        log.info("screen: %s", type(widget).__name__)  # end-to-end tests wait for these lines

    def show_problem(self, text: str) -> None:
        current = self.currentWidget()
        if current is not None and current is not self and hasattr(current, "show_problem"):
            current.show_problem(text)
        else:
            QMessageBox.warning(self, "Aisle", text)

    def _scanned(self, code: str) -> None:
        current = self.currentWidget()
        if isinstance(current, EnrollView):
            current.apply_payload(code)
            return
        if current is None or isinstance(current, QLabel | BootstrapView):  # opening, first download
            return
        # The screens below exist only once their modules are loaded (LATER): look-ups, not loads.
        from pos_app.ui.kiosk_view import KioskView
        from pos_app.ui.main_window import MainWindow
        from pos_app.ui.signin_view import SignInView

        if isinstance(current, MainWindow | KioskView):
            current.scanned(code)
        elif isinstance(current, SignInView):
            current.show_problem(self.tr("Sign in first, then scan."))

    def _open_device(self) -> None:
        data_dir, args = self.data_dir, self.device_args

        def op() -> tuple[Device, str, Any]:  # on a worker: the keyring, device.db, the store's locale
            if not holds_device(data_dir):
                raise NotEnrolled()  # a new device: the enrolment screen, before the data layer loads
            from pos_app.services.app import Device

            device = Device.open(data_dir, **args)
            return device, device.language.store_language(), device.settings.display()

        QueryOp(parent=self, op=op, success=self._device_opened).failure(self._not_opened).run_in_background(self.ops)
        CollectionOp(parent=self, op=load_later).run_in_background(self.ops)

    def _not_opened(self, error: BaseException) -> bool:
        if isinstance(error, NotEnrolled) and self.kiosk:  # enrolling is staff's job, not a customer's
            log.info("kiosk: not enrolled, waiting for staff")  # end-to-end tests wait for this line
            self.starting.setText(
                self.tr(
                    "This pickup kiosk is not set up yet. Staff: enrol it with “pos-app enroll”, then start it again."
                )
            )
            self.starting.setWordWrap(True)
            return True
        if isinstance(error, NotEnrolled):
            self._show_enrol(error_text(error) if error.code == "device.no_token" else "")
            return True
        return False

    def _show_enrol(self, why: str) -> None:
        if self.enroll is None:
            data_dir = self.data_dir

            def enrol(url: str, code: str, confirm: Any) -> str:
                # an enrolled directory again: the view shows the plan and asks (confirm)
                from pos_app.services.enrollment import enroll_data_dir

                return enroll_data_dir(data_dir, url, code, confirm=confirm).store_name

            self.enroll = EnrollView(enrol, self.ops)
            self.enroll.enrolled.connect(lambda _name: self._open_device())
            self.addWidget(self.enroll)
        self.enroll.error.setText(why)
        self.setCurrentWidget(self.enroll)

    def _device_opened(self, opened: tuple[Device, str, Any]) -> None:
        device, self.store_language, display = opened
        theme.apply_display(display)  # this till's text size and contrast (settings.json `display`)
        i18n.install(self.store_language)  # before the screens of the store are made
        self.device = device
        from pos_app.ui.bridge import SyncBridge

        self.sync = SyncBridge(device.engine, self)
        self.sync.status.connect(self._status)
        QueryOp(parent=self, op=device.bootstrapped, success=self._bootstrapped_known).run_in_background(self.ops)

    def _status(self, status: SyncStatus) -> None:
        self.status = status
        if self.signin is not None:
            self.signin.bar.show_status(status)

    def _bootstrapped_known(self, done: bool) -> None:
        if done:
            self._start_engine()
            self._show_home()
            return
        boot = BootstrapView()
        self.addWidget(boot)
        self.setCurrentWidget(boot)
        assert self.sync is not None
        self.sync.progress.connect(boot.show_progress)
        device = self.device
        assert device is not None

        def finished(result: tuple[SyncStatus, bool]) -> None:
            status, ready = result
            if ready:
                self._start_engine()
                self._show_home()
            else:
                boot.show_failure(status)

        def attempt() -> None:
            boot.retry.hide()
            boot.error.setText("")
            CollectionOp(
                parent=boot, op=lambda: (device.engine.sync_once(), device.bootstrapped()), success=finished
            ).run_in_background(self.ops)

        boot.retry.clicked.connect(attempt)
        attempt()

    def _start_engine(self) -> None:
        assert self.device is not None
        CollectionOp(parent=self, op=self.device.start_sync).run_in_background(self.ops)

    def _show_home(self) -> None:
        """After start-up: the kiosk, or the sign-in screen."""
        if not self.kiosk:
            self._show_signin()
            return
        assert self.device is not None
        if self.kiosk_view is None:
            from pos_app.ui.kiosk_view import KioskView

            self.kiosk_view = KioskView(self.device, self.ops)
            self.addWidget(self.kiosk_view)
        self.setCurrentWidget(self.kiosk_view)

    def _show_signin(self) -> None:
        device = self.device
        assert device is not None
        if self.signin is None:
            from pos_app.ui.signin_view import SignInView

            self.signin = SignInView(device.auth, self.ops, device.identity.store_name)
            self.signin.signed_in.connect(self._signed_in)
            self.addWidget(self.signin)
            QueryOp(parent=self.signin, op=device.home, success=self._home_read).run_in_background(self.ops)
        else:
            self.signin.reload()
        if self.status is not None:
            self.signin.bar.show_status(self.status)
        self.setCurrentWidget(self.signin)
        note = device.recovery_note
        if note:
            device.recovery_note = None
            QMessageBox.warning(self, self.tr("Local data was repaired"), note)

    def _home_read(self, home: Any) -> None:
        if self.signin is not None and home is not None:
            from zoneinfo import ZoneInfo

            self.signin.bar.tz = ZoneInfo(home.timezone)
            if self.status is not None:
                self.signin.bar.show_status(self.status)

    def _signed_in(self, session: Session) -> None:
        device = self.device
        assert device is not None
        # Their language (settings.json, on a worker), installed before their screens are made.
        QueryOp(
            parent=self,
            op=lambda: device.language.for_staff(session.staff.id),
            success=lambda language: self._open_main(session, language),
        ).run_in_background(self.ops)

    def _open_main(self, session: Session, language: str) -> None:
        assert self.device is not None and self.sync is not None
        i18n.install(language)
        if self.main is not None:
            self.removeWidget(self.main)
            self.main.deleteLater()
        from pos_app.ui.main_window import MainWindow

        self.main = MainWindow(self.device, session, self.ops, self.sync)
        self.main.sign_out.clicked.connect(lambda: self._sign_out(session))
        self.main.language_chosen.connect(lambda language: self._open_main(session, language))  # made again in it
        self.addWidget(self.main)
        self.setCurrentWidget(self.main)
        if self.customer_display:
            self.main.open_customer_display()

    def _sign_out(self, session: Session) -> None:
        assert self.device is not None
        auth = self.device.auth
        # The screen changes at once (the next person may be waiting); the journal line is
        # written on the writer thread.
        CollectionOp(parent=self, op=lambda: auth.sign_out(session)).run_in_background(self.ops)
        i18n.install(self.store_language)
        self._show_signin()

    def closeEvent(self, event: object) -> None:
        if self.device is not None:
            self.device.close()
        self.ops.shutdown()


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def run_gui(data_dir: Path, customer_display: bool | None = None, kiosk: bool = False) -> int:
    """`customer_display`: open the customer-facing window too (default: the environment's
    POS_APP_CUSTOMER_DISPLAY=1; `pos-app run --customer-display` sets it). `kiosk`: the
    customer-facing pickup kiosk instead of the staff app (`pos-app run --kiosk`), full screen."""
    if customer_display is None:
        customer_display = os.environ.get("POS_APP_CUSTOMER_DISPLAY", "") in ("1", "true", "yes")
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Aisle")
    theme.apply(app)
    try:
        secrets.check_backend()
    except secrets.NoSecureKeyring as e:
        print(f"pos-app: {e}", file=sys.stderr, flush=True)
        QMessageBox.critical(None, "Aisle", error_text(e))
        return 3
    shell = Shell(data_dir, customer_display=customer_display and not kiosk, kiosk=kiosk)
    app.installEventFilter(shell.scanner)
    if kiosk:
        shell.setWindowTitle("Aisle — pickup kiosk")
        shell.showFullScreen()
    else:
        shell.show()
    shell.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    return int(app.exec())
