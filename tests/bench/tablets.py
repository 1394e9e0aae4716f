"""A host for a share of the benchmark's tablet fleet: one `Device` per data directory, each with
its sync engine started with the live poke stream (`SyncEngine.start(live=True)`), as the app
does once a device is bootstrapped.

    python -m tests.bench.tablets SPEC.json     (SPEC: [{"dir": ..., "token": ..., "pin_key": ...}, ...])

It prints a JSON status line (how many engines are live and through their first sync cycle)
whenever that changes, and at least every 5 s, until "stop" arrives on stdin.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from pathlib import Path


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    from pos_app.services.app import Device

    spec = json.loads(Path(sys.argv[1]).read_text())
    devices = [Device(Path(t["dir"]), token=t["token"], pin_key=t["pin_key"]) for t in spec]
    for d in devices:
        d.engine.start(live=True)
    stop = threading.Event()

    def reader() -> None:
        for line in sys.stdin:
            if line.strip() == "stop":
                break
        stop.set()

    threading.Thread(target=reader, daemon=True).start()
    started = time.monotonic()
    last_line, last_at = "", 0.0
    while not stop.is_set():
        live = sum(bool(d.engine.status.live) for d in devices)
        cycled = sum(d.engine.status.last_sync_at is not None for d in devices)
        errors = sorted({d.engine.status.message for d in devices if d.engine.status.message})
        state = {
            "tablets": len(devices),
            "live": live,
            "first_cycle_done": cycled,
            "errors": errors[:3],
            "ready": live == len(devices) and cycled == len(devices),
        }
        line = json.dumps(state)
        if line != last_line or time.monotonic() - last_at > 5:
            print(json.dumps({**state, "seconds": round(time.monotonic() - started, 1)}), flush=True)
            last_line, last_at = line, time.monotonic()
        stop.wait(0.25)
    for d in devices:
        d.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
