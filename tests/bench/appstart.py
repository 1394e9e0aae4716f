"""App start, measured in a fresh process: what `pos-app` does up to a usable main window.

    python -m tests.bench.appstart DATA_DIR SPAWN_MONOTONIC

The parent notes `time.monotonic()` just before spawning this process (CLOCK_MONOTONIC is one
clock for every process on Linux), so the marks include the interpreter start and the imports.
The path is `pos_app.ui.main.run_gui`'s: QApplication and theme, the device opened on a worker,
`Shell` (opens the `Device`, starts its sync engine with the live stream, shows the sign-in
view), a manager signs in with the demo PIN, `Shell._signed_in` builds the real `MainWindow`;
then events are processed until it is exposed and a first search ("linen") is on screen. The
run then waits for the sync engine's first background cycle, so the peak memory includes it.
"""

from __future__ import annotations

import os
import sys
import time

SPAWN = float(sys.argv[2])
marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks[name] = round(time.monotonic() - SPAWN, 4)


mark("interpreter")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import resource  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pos_app.services import secrets  # noqa: E402
from pos_app.ui import theme  # noqa: E402
from pos_app.ui.main import Shell  # noqa: E402

mark("imports")


def status_mb() -> dict[str, float]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key = line.split(":")[0]
        if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
            out[key] = round(int(line.split()[1]) / 1024, 1)
    return out


def pump(until: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if until():  # type: ignore[operator]
            return True
        time.sleep(0.001)
    return False


def main() -> int:
    data_dir = Path(sys.argv[1])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Aisle")
    theme.apply(app)
    secrets.check_backend()
    mark("qapplication")
    shell = Shell(data_dir)  # opens the device on a worker, as the app does
    shell.show()
    assert pump(lambda: shell.signin is not None and shell.currentWidget() is shell.signin, 30)
    assert shell.device is not None and shell.device.bootstrapped()
    mark("signin_view")
    device = shell.device
    manager = next(p for p in device.auth.staff() if p.role.name == "MANAGER")
    session = device.auth.sign_in(manager.id, "3333")
    mark("signed_in")
    shell._signed_in(session)
    win = shell.main
    assert win is not None
    handle = shell.windowHandle()
    pump(lambda: win.isVisible() and handle is not None and handle.isExposed(), 30)
    mark("shown")
    win.search.setText("linen")
    win._search_now()
    ok = pump(lambda: win.results.rowCount() > 0, 30)
    mark("usable")
    at_usable = status_mb()
    first_cycle = pump(lambda: device.engine.status.last_sync_at is not None, 600)
    mark("first_sync_cycle_done")
    result = {
        "usable": marks["usable"],
        "marks": marks,
        "hits": win.results.rowCount(),
        "search_ok": ok,
        "first_cycle_ok": first_cycle,
        "rss_at_usable_mb": at_usable,
        "rss_at_end_mb": status_mb(),
        # VmHWM: this process image's peak RSS. ru_maxrss would also count the parent's RSS at
        # fork time (Linux keeps it across execve).
        "peak_rss_mb": status_mb()["VmHWM"],
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sync_message": device.engine.status.message,
    }
    shell.close()
    QCoreApplication.processEvents()
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
