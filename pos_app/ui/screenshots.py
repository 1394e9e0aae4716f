"""`pos-app screenshots --out DIR`: every main screen rendered offscreen with demo data.

It runs a throwaway central (a subprocess, seeded with the demo retailer), enrols a throwaway
device against it over HTTP, syncs, and grabs each screen to PNG. The README's pictures come
from here.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.auth import Session
from pos_app.services.enrollment import record_enrollment
from sync.client import CentralClient
from sync.engine import Progress, SyncStatus

SIZE = (1280, 800)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def demo_central(workdir: Path, products: int = 4000) -> Iterator[tuple[str, str]]:
    """Seed and serve a throwaway central; yields (url, database url)."""
    db = f"sqlite:///{workdir / 'central.db'}"
    cmd = [sys.executable, "-m", "central.cli", "--db", db]
    subprocess.run(
        [*cmd, "seed", "--products", str(products), "--stores", "4", "--seed", "1"], check=True, capture_output=True
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([*cmd, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                CentralClient(url).health()
                break
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the demo central did not start") from None
                time.sleep(0.1)
        yield url, db
    finally:
        proc.terminate()
        proc.wait(10)


def enroll_code(db: str, store: str, url: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "central.cli", "--db", db, "enroll-code", "--store", store, "--central-url", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    m = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", out)
    assert m, out
    return m.group(1)


def _grab(widget: QWidget, path: Path) -> Path:
    widget.resize(*SIZE)
    widget.show()
    for _ in range(5):
        QCoreApplication.processEvents()
        time.sleep(0.02)
    widget.grab().save(str(path))
    return path


def _settle(bridge: object, seconds: float = 3.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if getattr(bridge, "in_flight", 0) == 0:
            for _ in range(3):
                QCoreApplication.processEvents()
            return
        time.sleep(0.01)


def render_all(out: Path) -> list[Path]:
    from pos_app.ui import theme
    from pos_app.ui.bridge import Bridge, SyncBridge
    from pos_app.ui.dialogs import CorrectionDialog, ProblemsDialog
    from pos_app.ui.enroll_view import EnrollView
    from pos_app.ui.main import BootstrapView
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.signin_view import SignInView

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply(app)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="aisle-shots-") as tmp, demo_central(Path(tmp)) as (url, db):
        data = Path(tmp) / "tablet"
        store = LocalStore(data)
        bridge = Bridge()
        enroll = EnrollView(store, bridge)
        enroll.url.setText(url)
        enroll.code.setText("K7QF-3MZP-9XTA")
        enroll.error.setText("This enrolment code is not valid. Check it and type it again.")
        shots.append(_grab(enroll, out / "01-enrol.png"))

        with CentralClient(url) as c:
            resp = c.enroll(enroll_code(db, "TKY01", url), "screenshots")
        record_enrollment(store, resp, url)  # a throwaway device: its token stays in memory
        store.close()
        device = Device(data, token=resp.token)
        boot = BootstrapView()
        boot.show_progress(Progress("catalog", 412_000, 1_000_000, 96_500.0, 6.1))
        shots.append(_grab(boot, out / "02-first-download.png"))
        status = device.engine.sync_once()
        assert device.bootstrapped(), status.message

        signin = SignInView(device.auth, bridge, device.identity.store_name)
        people = device.auth.staff()
        signin.choose(people[-1])
        signin.pin.setText("11")
        shots.append(_grab(signin, out / "03-sign-in.png"))

        session: Session | None = None
        for pin in ("1111", "1112"):  # the demo associates' PINs (central seed prints them)
            try:
                session = device.auth.sign_in(people[-1].id, pin)
                break
            except Exception:
                continue
        assert session is not None
        sync = SyncBridge(device.engine)
        window = MainWindow(device, session, bridge, sync)
        window.resize(*SIZE)
        window.show()
        window.search.setText("linen")
        window._search_now()
        _settle(bridge)
        hits = window.results.hits

        def stocked(code: str) -> int:
            v = device.lookup.product(code)
            return 0 if v is None else sum(c.available > 0 for c in v.cells.values())

        target = max(hits[:20], key=lambda h: stocked(h.code))
        view = device.lookup.product(target.code)
        assert view is not None
        focus = max(view.cells.values(), key=lambda c: c.available).variant_id
        window.open_style(target.code, focus)
        _settle(bridge)
        _settle(bridge)
        window.show_status(device.engine.status)
        shots.append(_grab(window, out / "04-product.png"))

        cell = next(x for x in view.cells.values() if x.variant_id == focus)
        dialog = CorrectionDialog(f"{view.name} — {cell.sku}", cell.available, lambda *_: None, window)
        dialog._step(-1)
        dialog.reasons.buttons()[1].setChecked(True)
        shots.append(_grab(dialog, out / "05-correct-stock.png"))

        device.stock.correct(session, focus, -1, CorrectionReason.DAMAGED, "")
        device.engine.status  # noqa: B018
        # The network goes away: the window keeps working from the cache and says so.
        device.engine._status = SyncStatus(
            online=False, data_as_of=device.store.stream_state("stock").synced_at, message="Cannot reach central"
        )
        device.engine.refresh_status()
        window.open_style(target.code, focus, live=False)
        _settle(bridge)
        window.show_status(device.engine.status)
        shots.append(_grab(window, out / "06-offline-pending.png"))

        device.store.record_error("malformed:prices", "Central sent malformed prices data; kept the cache as it was")
        problems = ProblemsDialog(device.store, True, lambda: None, window)
        shots.append(_grab(problems, out / "07-sync-problems.png"))
        window.close()
        device.close()
        bridge.shutdown()
    return shots
