"""Command-line tools of pos-app (no Qt)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pos_app.core.stock import as_of_text
from pos_app.local.db import CorruptDatabase, integrity_check
from pos_app.local.store import LocalStore
from pos_app.services import secrets
from pos_app.services.app import Device, NotEnrolled
from pos_app.services.enrollment import EnrollmentError, parse_enroll_payload
from pos_app.services.enrollment import enroll as do_enroll
from pos_app.services.lookup import ProductView
from sync.client import CentralClient, CentralError
from sync.engine import Progress
from sync.protocol import STREAMS


def _err(msg: str) -> int:
    print(f"pos-app: {msg}", file=sys.stderr)
    return 2


def _device(data_dir: Path) -> Device:
    try:
        return Device(data_dir)
    except NotEnrolled as e:
        raise SystemExit(f"pos-app: {e} Run: pos-app enroll --central URL --code CODE") from None
    except secrets.NoSecureKeyring as e:
        raise SystemExit(f"pos-app: {e}") from None


def enroll(data_dir: Path, args: argparse.Namespace) -> int:
    central, code = args.central, args.code
    try:
        if code and code.startswith("aisle://"):
            target = parse_enroll_payload(code)
            central, code = target.central_url, target.code
        if not central or not code:
            return _err("give --central URL and --code CODE (or --code with the QR payload)")
        store = LocalStore(data_dir)
        if store.identity() is not None:
            return _err(f"{data_dir} is already enrolled ({store.identity()}); use another --data-dir")
        name = do_enroll(store, central, code, args.name)
        store.close()
    except (EnrollmentError, secrets.NoSecureKeyring) as e:
        return _err(str(e))
    print(f"Enrolled with central as a device of {name}. Next: pos-app sync --once")
    return 0


def sync(data_dir: Path, args: argparse.Namespace) -> int:
    device = _device(data_dir)
    last = [0.0]

    def show(event: object) -> None:
        if isinstance(event, Progress):
            if event.done:
                print(f"  {event.stream}: {event.rows:,} rows ({event.rate:,.0f} rows/s)", file=sys.stderr)
            elif event.rows - last[0] >= 100000 or last[0] == 0:
                eta = f", about {event.eta_seconds:.0f} s left" if event.eta_seconds else ""
                print(f"  {event.stream}: {event.rows:,} of ~{event.estimated or 0:,} rows{eta}", file=sys.stderr)
                last[0] = event.rows

    device.engine.add_listener(show)
    status = device.engine.sync_once()
    device.close()
    if status.online:
        print(f"Synced. {status.pending_ops} operations waiting, {status.dead_ops} rejected.")
        for msg in status.errors:
            print(f"  ! {msg}")
        return 0 if not status.message else 1
    return _err(f"offline: {status.message}. Working from the cache; {status.pending_ops} operations waiting.")


def format_view(view: ProductView, home_code: str, tz: ZoneInfo | None = None) -> str:
    now = datetime.now(UTC)
    lines = [f"{view.name} — {view.brand}  [{view.style_code}]", f"Price: {view.price_text}"]
    if view.member_price_text:
        lines[-1] += f"   (members {view.member_price_text})"
    width = max(6, *(len(c) for c in view.colours))
    lines.append("")
    lines.append(f"Stock at {home_code}:".ljust(width + 2) + "".join(s.rjust(6) for s in view.sizes))
    for colour in view.colours:
        cells = []
        for size in view.sizes:
            cell = view.cell(colour, size)
            if cell is None:
                cells.append("·".rjust(6))
            else:
                mark = "!" if cell.level.value == "low" else ""
                mark += "*" if cell.pending else ""
                cells.append(f"{cell.available}{mark}".rjust(6))
        lines.append(colour.ljust(width + 2) + "".join(cells))
    lines.append("  (! low stock, * includes corrections not yet confirmed by central)")
    lines.append("")
    lines.append("Elsewhere:")
    for row in view.elsewhere:
        avail = "?" if row.available is None else str(row.available)
        kind = "warehouse" if row.location.kind == "warehouse" else "store"
        if row.live:
            when = "live"
        elif row.as_of is None:
            when = "not known offline"
        else:
            when = "as of " + as_of_text(row.as_of, now, tz)
        lines.append(f"  {row.location.code:<7} {row.location.name:<28} {kind:<9} {avail:>5}   {when}")
    return "\n".join(lines)


def stock(data_dir: Path, args: argparse.Namespace) -> int:
    device = _device(data_dir)
    try:
        text = " ".join(args.query)
        scan = device.lookup.scan(text)
        style, focus = scan.style_code, scan.variant_id
        if style is None:
            hits = device.lookup.search(text, limit=1)
            if not hits:
                return _err(scan.message if scan.message and text.strip().isdigit() else f"nothing matches “{text}”")
            style = hits[0].code
        if not args.offline:
            try:
                with device.new_client() as client:
                    device.stock.refresh_live(client, style)
            except CentralError as e:
                device.lookup.online = False
                print(f"(offline: {e}; showing cached figures)", file=sys.stderr)
        else:
            device.lookup.online = False
        view = device.lookup.product(style, focus)
        assert view is not None
        home = device.lookup.home()
        print(format_view(view, device.identity.store_code, ZoneInfo(home.timezone) if home else None))
        return 0
    finally:
        device.close()


def doctor(data_dir: Path, args: argparse.Namespace) -> int:
    problems = 0

    def line(ok: bool | None, label: str, detail: str) -> None:
        nonlocal problems
        mark = {True: "ok  ", False: "FAIL", None: "warn"}[ok]
        if ok is False:
            problems += 1
        print(f"[{mark}] {label:<20} {detail}")

    line(True, "data directory", str(data_dir))
    try:
        line(True, "keyring", secrets.check_backend())
    except secrets.NoSecureKeyring as e:
        line(False, "keyring", str(e))
    try:
        store = LocalStore(data_dir)
    except CorruptDatabase as e:
        line(False, "database", f"{e}. Start the app to set the cache aside and download it again.")
        return 1
    for name, engine in (("device.db", store.device), ("cache.db", store.cache)):
        issues = integrity_check(engine)
        line(not issues, name, "integrity ok" if not issues else "; ".join(issues[:3]))
    ident = store.identity()
    if ident is None:
        line(False, "enrolment", "not enrolled: pos-app enroll --central URL --code CODE")
        return 1
    line(True, "enrolment", f"device {ident.device_id} of {ident.store_code} ({ident.store_name})")
    for stream in STREAMS:
        st = store.stream_state(stream)
        when = st.synced_at.astimezone().strftime("%Y-%m-%d %H:%M") if st.synced_at else "never"
        line(st.bootstrapped or None, f"stream {stream}", f"cursor {st.cursor}, last pull {when}")
    pending, dead = store.outbox_counts()
    line(dead == 0 or None, "outbox", f"{pending} waiting, {dead} rejected")
    journal = store.journal_verify()
    line(not journal, "journal", "chain intact" if not journal else journal[0])
    try:
        token = secrets.load_token(str(data_dir))
        with CentralClient(ident.central_url, token, timeout=5) as client:
            t0 = datetime.now(UTC)
            health = client.health()
            t1 = datetime.now(UTC)
            client.device()
        skew = (health.time - (t0 + (t1 - t0) / 2)).total_seconds()
        line(True, "central", f"{ident.central_url} answers ({(t1 - t0).total_seconds() * 1000:.0f} ms)")
        line(abs(skew) < 5 or None if abs(skew) < 60 else False, "clock", f"{skew:+.1f} s against central")
    except (CentralError, secrets.NoSecureKeyring) as e:
        line(None, "central", f"{ident.central_url}: {e}")
    store.close()
    return 1 if problems else 0


def journal(data_dir: Path, args: argparse.Namespace) -> int:
    store = LocalStore(data_dir)
    if args.action == "show":
        for e in store.journal_entries():
            print(f"{e.seq:>6} {e.at} {e.type:<18} {e.data}")
        return 0
    problems = store.journal_verify()
    count = sum(1 for _ in store.journal_entries())
    if problems:
        for p in problems:
            print(p)
        return 1
    print(f"journal ok: {count} entries, chain intact")
    return 0


def outbox(data_dir: Path, args: argparse.Namespace) -> int:
    store = LocalStore(data_dir)
    if args.retry:
        store.requeue_dead(args.retry)
        print(f"{args.retry} queued again")
        return 0
    for row in store.outbox_rows():
        state = row["state"] if row["state"] == "pending" else f"REJECTED ({row['dead_status']})"
        print(f"{row['device_seq']:>5} {row['op_id']} {row['type']:<14} {state:<16} {row['last_error'] or ''}")
    return 0
