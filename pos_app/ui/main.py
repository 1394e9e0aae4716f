"""Start the GUI: enrol if needed, first download with progress, sign in, main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
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

from pos_app.local.store import LocalStore
from pos_app.services import secrets
from pos_app.services.app import Device
from pos_app.services.auth import Session
from pos_app.ui import theme
from pos_app.ui.bridge import Bridge, SyncBridge
from pos_app.ui.enroll_view import EnrollView
from pos_app.ui.main_window import MainWindow
from pos_app.ui.scanner import ScannerFilter
from pos_app.ui.signin_view import SignInView
from sync.engine import Progress, SyncStatus

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
        lay.setContentsMargins(96, 96, 96, 96)
        title = QLabel(self.tr("Getting this device ready"))
        title.setObjectName("title")
        self.what = QLabel(self.tr("Downloading the catalog, prices and stock…"))
        self.what.setObjectName("subtitle")
        self.bar = QProgressBar()
        self.bar.setMinimumHeight(theme.TOUCH)
        self.detail = QLabel("")
        self.detail.setObjectName("hint")
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
        names = {
            "catalog": self.tr("catalog"),
            "prices": self.tr("prices"),
            "stock": self.tr("stock"),
            "staff": self.tr("staff"),
            "locations": self.tr("stores"),
            "tax": self.tr("tax rates"),
        }
        self.what.setText(self.tr("Downloading {0}…").replace("{0}", names.get(p.stream, p.stream)))
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
                "{0}", status.message or self.tr("central is not reachable")
            )
        )
        self.retry.show()


log = logging.getLogger("aisle.ui")


class Shell(QStackedWidget):
    def __init__(self, data_dir: Path, store: LocalStore, note: str | None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.store = store
        self.note = note
        self.bridge = Bridge()
        self.device: Device | None = None
        self.sync: SyncBridge | None = None
        self.main: MainWindow | None = None
        self.signin: SignInView | None = None
        self.setWindowTitle("Aisle")
        self.resize(1280, 800)
        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(self._scanned)
        if store.identity() is None:
            self.enroll = EnrollView(store, self.bridge)
            self.enroll.enrolled.connect(lambda _name: self._open_device())
            self.addWidget(self.enroll)
            log.info("screen: %s", type(self.enroll).__name__)
        else:
            self._open_device()

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(widget)
        log.info("screen: %s", type(widget).__name__)  # end-to-end tests wait for these lines

    def _scanned(self, code: str) -> None:
        current = self.currentWidget()
        if isinstance(current, EnrollView):
            current.apply_payload(code)
        elif isinstance(current, MainWindow):
            current.scanned(code)

    def _open_device(self) -> None:
        self.store.close()
        self.device = Device(self.data_dir)
        self.sync = SyncBridge(self.device.engine, self)
        if self.device.bootstrapped():
            self.device.engine.start()
            self._show_signin()
            return
        boot = BootstrapView()
        self.addWidget(boot)
        self.setCurrentWidget(boot)
        self.sync.progress.connect(boot.show_progress)

        def finished(status: SyncStatus) -> None:
            assert self.device is not None
            if self.device.bootstrapped():
                self.device.engine.start()
                self._show_signin()
            else:
                boot.show_failure(status)

        def attempt() -> None:
            boot.retry.hide()
            boot.error.setText("")
            assert self.device is not None
            self.bridge.run(self.device.engine.sync_once, done=finished)

        boot.retry.clicked.connect(attempt)
        attempt()

    def _show_signin(self) -> None:
        assert self.device is not None
        if self.signin is None:
            self.signin = SignInView(self.device.auth, self.bridge, self.device.identity.store_name)
            self.signin.signed_in.connect(self._signed_in)
            self.addWidget(self.signin)
        self.signin.reload()
        self.setCurrentWidget(self.signin)
        if self.note:
            QMessageBox.warning(self, self.tr("Local data was repaired"), self.note)
            self.note = None

    def _signed_in(self, session: Session) -> None:
        assert self.device is not None and self.sync is not None
        if self.main is not None:
            self.removeWidget(self.main)
            self.main.deleteLater()
        self.main = MainWindow(self.device, session, self.bridge, self.sync)
        self.main.sign_out.clicked.connect(lambda: self._sign_out(session))
        self.addWidget(self.main)
        self.setCurrentWidget(self.main)

    def _sign_out(self, session: Session) -> None:
        assert self.device is not None
        self.device.auth.sign_out(session)
        self._show_signin()

    def closeEvent(self, event: object) -> None:
        if self.device is not None:
            self.device.close()
        self.bridge.shutdown()


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def run_gui(data_dir: Path) -> int:
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
        QMessageBox.critical(None, "Aisle", str(e))
        return 3
    store, note = LocalStore.open_or_recover(data_dir)
    shell = Shell(data_dir, store, note)
    app.installEventFilter(shell.scanner)
    shell.show()
    shell.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    return int(app.exec())
