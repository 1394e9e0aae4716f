"""Command-line tools of pos-app (no Qt). They reach data, sync and the keyring only through
`pos_app.services` (an import-linter contract); every time they print is local, with its zone."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from pos_app.core.auth import Permission
from pos_app.core.stock import age_text, as_of_text, local_time_text
from pos_app.services import diagnostics, pricing, secrets
from pos_app.services import journal as journal_service
from pos_app.services.app import Device, NotEnrolled
from pos_app.services.enrollment import EnrollmentError, ReenrolmentPlan, enroll_data_dir, parse_enroll_payload
from pos_app.services.errors import ServiceError, ValidationFailed
from pos_app.services.lookup import ProductView
from pos_app.services.sync import Progress, sync_once


def _err(msg: str) -> int:
    print(f"pos-app: {msg}", file=sys.stderr)
    return 2


def _device(data_dir: Path) -> Device:
    try:
        return Device.open(data_dir)
    except NotEnrolled as e:
        raise SystemExit(f"pos-app: {e} Run: pos-app enroll --central URL --code CODE") from None
    except secrets.NoSecureKeyring as e:
        raise SystemExit(f"pos-app: {e}") from None


def _zone(device: Device) -> tzinfo | None:
    home = device.home()
    return ZoneInfo(home.timezone) if home and home.timezone else None


def enroll(data_dir: Path, args: argparse.Namespace) -> int:
    central, code = args.central, args.code
    yes = bool(getattr(args, "yes", False))

    def confirm(plan: ReenrolmentPlan) -> bool:
        print(plan.text())
        if yes:
            return True
        if not sys.stdin.isatty():
            raise EnrollmentError(
                "enrol.confirm_needed",
                "This data directory is already enrolled; enrolling it again needs --yes when there is "
                "no terminal to ask on.",
            )
        return input("Enrol this data directory again? [y/N] ").strip().lower() in ("y", "yes")

    try:
        if code and code.startswith("aisle://"):
            target = parse_enroll_payload(code)
            central, code = target.central_url, target.code
        if not central or not code:
            return _err("give --central URL and --code CODE (or --code with the QR payload)")
        done = enroll_data_dir(data_dir, central, code, args.name, confirm)
    except ServiceError as e:
        return _err(str(e))
    again = " again" if done.plan is not None else ""
    kept = f" {len(done.plan.op_ids)} operation(s) kept in the outbox." if done.plan and done.plan.op_ids else ""
    print(f"Enrolled{again} with central as a device of {done.store_name}.{kept} Next: pos-app sync --once")
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
    try:
        report = sync_once(device)
    finally:
        device.close()
    status = report.status
    waiting = f"{status.pending_ops} operations waiting, {status.dead_ops} rejected"
    stuck = status.stuck_ops
    if stuck:
        waiting += f", {stuck} stuck"
    if report.ok:
        print(f"Synced. {waiting}.")
        for msg in status.errors:
            print(f"  ! {msg}")
        return 0
    if report.outcome == "offline":
        return _err(f"offline: {report.sentence} {waiting}.")
    if report.outcome == "refused":
        print(f"pos-app: {report.sentence} Run: pos-app enroll --central URL --code CODE", file=sys.stderr)
        return 3
    print(f"pos-app: {report.sentence} {waiting}.", file=sys.stderr)
    for msg in status.errors:
        print(f"  ! {msg}", file=sys.stderr)
    return 1


def format_view(view: ProductView, home_code: str, tz: tzinfo | None = None, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    lines = [f"{view.name} — {view.brand}  [{view.style_code}]", f"Price: {view.price_text}"]
    if view.member_price_text:
        lines[-1] += f"   (members {view.member_price_text})"
    width = max(6, *(len(c) for c in view.colours))
    lines.append("")
    when = (
        f"as of {local_time_text(view.stock_as_of, tz)}, {age_text(view.stock_as_of, now)}"
        if view.stock_as_of
        else "never downloaded"
    )
    lines.append(f"Stock at {home_code} ({when}):")
    lines.append(" " * (width + 2) + "".join(s.rjust(6) for s in view.sizes))
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
            zone = row.as_of.astimezone(tz).tzname() or ""
            when = f"as of {as_of_text(row.as_of, now, tz)} {zone}, {age_text(row.as_of, now)}"
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
        if args.offline:
            device.lookup.online = False
        elif not device.stock.refresh_live(style):
            print("(offline: central cannot be reached; showing cached figures with their age)", file=sys.stderr)
        view = device.lookup.product(style, focus)
        assert view is not None
        print(format_view(view, device.identity.store_code, _zone(device)))
        return 0
    finally:
        device.close()


def doctor(data_dir: Path, args: argparse.Namespace) -> int:
    problems = 0
    for check in diagnostics.doctor(data_dir):
        mark = {True: "ok  ", False: "FAIL", None: "warn"}[check.ok]
        problems += check.ok is False
        print(f"[{mark}] {check.label:<20} {check.detail}")
    return 1 if problems else 0


def journal(data_dir: Path, args: argparse.Namespace) -> int:
    if args.action == "show":
        tz = diagnostics.time_zone(data_dir)
        for e in diagnostics.journal_entries(data_dir):
            at = local_time_text(datetime.fromisoformat(e.at), tz)
            print(f"{e.seq:>6} {at} {e.type:<18} {e.data}")
        return 0
    if args.action == "upload":
        queued = journal_service.flush(data_dir)
        device = _device(data_dir)
        try:
            report = sync_once(device)
        finally:
            device.close()
        print(f"{queued} journal batch(es) queued; " + journal_service.verify(data_dir).central_line())
        return 0 if report.ok else _err(f"not sent: {report.sentence}")
    checked = journal_service.verify(data_dir)
    for line in checked.lines():
        print(line)
    if checked.ok:
        print(f"journal ok: {checked.entries} entries, chain intact")
    print(checked.central_line())
    return 0 if checked.ok else 1


def _read_pin(prompt: str) -> str:
    """From the terminal without echo, or one line of stdin when there is none (CI, tests)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


def outbox(data_dir: Path, args: argparse.Namespace) -> int:
    if not args.retry:
        states = {"pending": "waiting", "dead": "REJECTED", "stuck": "STUCK"}
        for item in diagnostics.outbox_items(data_dir):
            state = states.get(item.state, item.state)
            print(f"{item.seq:>5} {item.op_id} {state:<9} {item.description}  {item.last_error}".rstrip())
        return 0
    device = _device(data_dir)
    try:
        if args.supervisor is None:
            people = ", ".join(f"{p.id} ({p.name})" for p in device.auth.approvers(Permission.RETRY_DEAD_LETTER))
            return _err(f"sending an operation again needs a supervisor: --supervisor STAFF_ID (one of: {people})")
        try:
            who = device.auth.approve(args.supervisor, _read_pin("Supervisor PIN: "), Permission.RETRY_DEAD_LETTER)
            outcome = device.outbox.retry(who, args.retry)
        except ServiceError as e:
            return _err(str(e))
        sentence = device.outbox.explain(args.retry, outcome)
        print(f"{args.retry}: {sentence}")
        return 0 if outcome == "requeued" else 1
    finally:
        device.close()


def price(path: Path, *, compact: bool = False) -> int:
    """`pos-app price FILE.json`: the priced basket as JSON on stdout; exit 2 on bad input."""
    try:
        priced = pricing.price_file(path)
    except ServiceError as e:
        return _err(f"{e} [{e.code}]")
    print(priced.to_json(indent=None if compact else 2))
    return 0


def settings(data_dir: Path, args: argparse.Namespace) -> int:
    """`pos-app settings [--printer URL] [--columns 42|48]`: this till's own settings."""
    device = _device(data_dir)
    try:
        if args.printer is not None or args.columns is not None:
            try:
                device.set_printer(
                    device.settings.load().printer if args.printer is None else args.printer, args.columns
                )
            except ServiceError as e:
                return _err(str(e))
        s = device.settings.load()
        print(f"printer  {s.printer or '(none: receipts are kept, not printed)'}")
        print(f"columns  {s.printer_columns}")
        if args.test_printer:
            if device.receipts.printer is None:
                return _err(
                    "no printer is set: --printer tcp://HOST[:9100] | file:///dev/usb/lp0 | serial:///dev/ttyS0"
                )
            status = device.receipts.printer.status()
            print(f"status   {status if status is not None else 'the printer answers no status (it may still print)'}")
        return 0
    finally:
        device.close()


def receipt(data_dir: Path, args: argparse.Namespace) -> int:
    """`pos-app receipt list|show|waiting|print|reprint|gift|email`: the receipts of this till."""
    device = _device(data_dir)
    sr = device.sale_receipts
    try:
        try:
            if args.action == "list":
                for number in device.receipts.recent(args.limit):
                    print(number)
                return 0
            if args.action == "show":
                print(device.receipts.text(_need(args.number, "show")))
                return 0
            if args.action == "waiting":
                for job in device.receipts.waiting():
                    print(
                        f"{job.id:>5} {job.number} {job.kind:<12} tried {job.attempts}x  {job.last_error or ''}".rstrip()
                    )
                for req in sr.emails():
                    if req.state != "taken":
                        print(f"email {req.number} {req.address} {req.state}  {req.last_error or ''}".rstrip())
                made = sr.catch_up()
                for number in made:
                    print(f"{number}: the receipt was missing (the app stopped after the sale): made and queued")
                return 0
            if args.action == "print":  # what waits, now
                printed = device.receipts.flush()
                left = len(device.receipts.waiting())
                print(f"printed {printed}, still waiting {left}")
                return 0 if left == 0 else 1
            number = _need(args.number, args.action)
            if args.staff is None:
                return _err(f"{args.action} is done by someone: --staff STAFF_ID (their PIN is read next)")
            session = device.auth.sign_in(args.staff, _read_pin("PIN: "))
            if args.action == "reprint":
                out = sr.reprint(number, session, reason=args.reason or "asked by support")
            elif args.action == "gift":
                out = device.receipts.gift(number)
            else:
                if not args.address:
                    return _err("email needs the address: pos-app receipt email NUMBER --to ADDRESS")
                req = sr.email(number, args.address, session)
                print(f"{number} → {req.address}: {req.state}{'  ' + req.last_error if req.last_error else ''}")
                return 0 if req.state != "refused" else 1
            print(f"{number}: {'printed' if out.printed else 'waiting (' + (out.problem or '?') + ')'}")
            return 0
        except ServiceError as e:
            return _err(str(e))
    finally:
        device.close()


def _need(number: str | None, action: str) -> str:
    if not number:
        raise ValidationFailed("receipt.number_needed", f"{action} needs a receipt number (pos-app receipt list).")
    return number


def terminal(data_dir: Path, args: argparse.Namespace) -> int:
    """`pos-app terminal set|show|test|status|recover|decide|reconcile`: this till's card
    terminal for support (docs/terminal.md). The passphrase is read without echo (or one line of
    stdin) and goes to the keyring."""
    from dataclasses import replace

    from pos_app.services.payments import TerminalError
    from pos_app.services.settings import TerminalSettings

    device = _device(data_dir)
    try:
        t = device.settings.load().terminal
        if args.action == "set":
            kind = args.kind if args.kind is not None else (t.kind or "network")
            changes = {
                k: v
                for k, v in {
                    "kind": "" if kind == "none" else kind,
                    "url": args.url,
                    "poiid": args.poiid,
                    "key_id": args.key_id,
                    "key_version": args.key_version,
                    "ca_file": str(args.ca_file.resolve()) if args.ca_file else None,
                    "allow_plain": True if args.plain else None,
                    "store_and_forward": args.store_and_forward,
                }.items()
                if v is not None
            }
            new = replace(t if kind != "none" else TerminalSettings(), **changes)
            passphrase = _read_pin("Terminal passphrase: ") if args.passphrase else None
            try:
                device.set_terminal(new, passphrase)
            except ServiceError as e:
                return _err(str(e))
            t = device.settings.load().terminal
        if args.action in ("set", "show"):
            print(f"terminal  {t.kind or '(none: card is not offered)'}")
            if t.kind:
                print(f"address   {t.url or '(in process)'}")
                print(f"POIID     {t.poiid}")
                print(f"key       {t.key_id + ' v' + str(t.key_version) if t.key_id else '(no message protection)'}")
                print(f"CA file   {t.ca_file or '-'}")
                caps = device.payments.caps()  # central's, for the store (card_limits)
                offline = f"store-and-forward, central's caps {caps.per_sale} / {caps.total} (minor units)"
                print(f"offline   {offline if t.store_and_forward else 'no store-and-forward'}")
            return 0
        pay = device.payments
        try:
            if args.action == "test":
                print(device.test_terminal())
                return 0
            if args.action == "status":
                rows = pay.unsettled()
                opened = pay.open_sales()
                print(f"unsettled {len(rows)}   open baskets with card payments {len(opened)}")
                for p in rows:
                    print(
                        f"  {p.service_id}  {p.kind:7} {p.state:8} {p.amount:>10} {p.currency}  sale {p.sale_id}  {p.why}: {p.message}"
                    )
                for sale_id, total, taken in opened:
                    print(f"  basket {sale_id}: total {total}, card holds {taken}")
                return 0
            if args.action == "recover":
                out = pay.resolve_open(seconds=args.seconds)
                for key in ("completed", "voided", "waiting"):
                    print(f"{key:10}{len(out[key])}  {' '.join(out[key])}")
                for p in pay.unsettled():
                    print(f"look at the terminal: {p.service_id} ({p.amount} {p.currency}) — then "
                          f"pos-app terminal decide {p.service_id} --staff ID --approved CODE | --not-charged")  # fmt: skip
                device.sale_receipts.catch_up()
                return 0 if not out["waiting"] else 1
            if args.action == "decide":
                if not args.service_id or args.staff is None or (args.approved is None) == (not args.not_charged):
                    return _err("decide SERVICE_ID --staff ID and one of --approved CODE / --not-charged")
                session = device.auth.sign_in(args.staff, _read_pin("PIN: "))
                p = pay.decide(
                    session, args.service_id, approved=args.approved is not None, approval_code=args.approved or ""
                )
                print(f"{p.service_id} recorded {p.state} by staff {session.staff.id}")
                return 0
            if args.action == "reconcile":
                totals = pay.reconcile()
                print(f"batch {totals.reconciliation_id}")
                for c in totals.totals:
                    print(
                        f"  {c.currency}  payments {c.payments_count} = {c.payments_minor}   refunds {c.refunds_count} = {c.refunds_minor}"
                    )
                return 0
        except TerminalError as e:
            return _err(str(e))
        except ServiceError as e:
            return _err(str(e))
        return _err(f"unknown action {args.action}")
    finally:
        device.close()


def _pieces(text: str | None, what: str, printed: dict[str, int]) -> dict[str, str]:
    """`10000=2,1000=5` -> {minor units: pieces as typed}; the pieces are checked by the service
    (a count typed as text is its sentence). A denomination is as printed on it (0.50) or in
    minor units (50)."""
    if not text or not text.strip():
        raise ValidationFailed("shift.count_missing", f"Give the {what} as DENOMINATION=PIECES, e.g. 1000=5,100=12.")
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        denom, eq, pieces = part.partition("=")
        denom = denom.strip()
        if not eq or not denom:
            raise ValidationFailed(
                "shift.count_syntax", f"“{part.strip()}” is not DENOMINATION=PIECES (e.g. 1000=5) in the {what}."
            )
        key = str(printed.get(denom, denom))
        if key in out:
            raise ValidationFailed("shift.count_twice", f"{denom} is given twice in the {what}; give each once.")
        out[key] = pieces
    if not out:
        raise ValidationFailed("shift.count_missing", f"Give the {what} as DENOMINATION=PIECES, e.g. 1000=5,100=12.")
    return out


def shift(data_dir: Path, args: argparse.Namespace) -> int:
    """`pos-app shift status|open|x|count|close|z`: the till's shift for support and a manager
    without the screen (docs/shifts.md). The person's PIN (and a manager's, for a close beyond the
    variance limit or with unsent operations) is read like `receipt reprint --staff ID`."""
    device = _device(data_dir)
    shifts = device.shifts
    try:
        try:
            if args.action == "status":
                return _shift_status(device)
            if args.action == "x":
                print(shifts.text(shifts.x_report()), end="")
                return 0
            if args.action == "z":
                if args.number is None or not args.number.isdigit():
                    return _err(
                        "z needs the report's number: pos-app shift z NUMBER (pos-app shift status lists the last)"
                    )
                report = shifts.z_report(int(args.number))
                if args.pdf is not None:
                    args.pdf.write_bytes(shifts.pdf(report))
                    print(f"Z report {report['number']} written to {args.pdf}")
                else:
                    print(shifts.text(report), end="")
                if args.print:
                    if not shifts.print_report(report):
                        return _err("the report was not printed: no printer is set or it does not answer")
                    print(f"Z report {report['number']} printed")
                return 0
            if args.staff is None:
                return _err(f"{args.action} is done by someone: --staff STAFF_ID (their PIN is read next)")
            printed = {text: minor for minor, text in shifts.denominations()}
            if args.action == "open":
                entries = _pieces(args.float, "float (--float)", printed)
                session = device.auth.sign_in(args.staff, _read_pin("PIN: "))
                s = shifts.open(session, entries)
                print(f"Shift open on till {s.till} with a float of {shifts.money(s.float_total)} ({s.shift_id})")
                return 0
            if args.action == "count":
                entries = _pieces(args.pieces, "count", printed)
                session = device.auth.sign_in(args.staff, _read_pin("PIN: "))
                saved = shifts.save_count(session, entries)
                print(f"Counted {shifts.money(saved.count.total)}")
                for v in saved.variances:
                    print(f"  {v.tender}: expected {shifts.money(v.expected)}, counted {shifts.money(v.counted)}, "
                          f"variance {shifts.money(v.difference)}")  # fmt: skip
                if saved.needs_manager:
                    print(f"  beyond the limit of {shifts.money(saved.limit)}: the close needs --reason CODE and "
                          "--manager STAFF_ID")  # fmt: skip
                return 0
            if args.action == "close":
                session = device.auth.sign_in(args.staff, _read_pin("PIN: "))
                last = shifts.last_closed() if shifts.current() is None else None
                if last is not None:  # closed already: the service names its Z report
                    shifts.close(session, shift_id=last.shift_id)
                manager = None
                if args.manager is not None:
                    manager = (args.manager, _read_pin("Manager PIN: "))
                report = shifts.close(
                    session,
                    reason=args.reason,
                    note=args.note or "",
                    approver=manager,
                    defer_reason=args.defer_reason,
                    deferrer=manager,
                )
                print(shifts.text(report), end="")
                print(f"Shift closed with Z report {report['number']}")
                if args.print and not shifts.print_report(report):
                    return _err(
                        "the shift is closed but its report was not printed: no printer is set or it does not answer"
                    )
                return 0
            return _err(f"unknown action {args.action}")
        except ServiceError as e:
            return _err(str(e))
    finally:
        device.close()


def _shift_status(device: Device) -> int:
    shifts = device.shifts
    names = {p.id: p.name for p in device.auth.staff()}

    def who(staff_id: int) -> str:
        return f"{names.get(staff_id, 'staff')} (#{staff_id})"

    s = shifts.current()
    policy = shifts.policy()
    whose = "head office's" if shifts.central_policy() is not None else "this till's"
    rules = (
        f"rules     {'expected shown' if policy.show_expected else 'blind count'}, a manager above a variance of "
        f"{shifts.money(shifts.limit())} ({whose})"
    )
    if s is None:
        last = shifts.last_closed()
        print(f"till      {shifts.till()}: no open shift")
        if last is not None:
            print(f"last      Z report {last.z_number}, closed {shifts.local(last.closed_at)}")
        print(rules)
        return 0
    print(f"till      {s.till}")
    print(f"shift     {s.shift_id}  {s.state}")
    print(f"opened    {shifts.local(s.opened_at)} by {who(s.opened_by)}")
    print(f"staff     {', '.join(who(i) for i in s.staff)}")
    print(f"float     {shifts.money(s.float_total)}")
    print(rules)
    print("movements")
    for m in shifts.movements(s.shift_id):
        note = f" — {m.note}" if m.note else ""
        print(f"  {m.seq:>3} {shifts.local(m.at)}  {m.kind:<8} {shifts.money(m.amount):>12}  {m.reason}{note}  "
              f"{who(m.staff_id)}")  # fmt: skip
    x = shifts.x_report()
    print(f"receipts  {x['receipts']} ({shifts.money(x['sales_total'])})")
    expected = x["cash"]["expected"]
    if expected is not None:  # the store shows it before the count
        print(f"expected  {shifts.money(expected)} in the drawer")
    else:
        print("expected  hidden until the count is saved (blind count)")
    counted = shifts.counted(s.shift_id)
    if counted is not None:
        print(f"counted   {shifts.money(counted.total)} (pos-app shift close --staff ID)")
    return 0


ORDER_STATES = {
    "to_confirm": "TO BE CONFIRMED",
    "refused": "REFUSED",
    "unsourced": "NO STOCK FOUND",
    "sourced": "being prepared",
    "shipped": "shipped",
    "delivered": "delivered",
    "cancelled": "cancelled",
}


def orders(data_dir: Path, args: argparse.Namespace) -> int:
    """`pos-app orders`: this store's endless-aisle orders as the orders screen has them, each
    time in the store's zone: central's rows (ship_orders) and this till's orders central has not
    confirmed yet. Exit 0; 1 when one needs staff (to decide, a refund owed, one to ship here, a
    refusal), so support scripts can ask."""
    device = _device(data_dir)
    try:
        found = device.orders.orders()
        tz = _zone(device)
        now = datetime.now(UTC)
        wanted = set(args.state or ())
        needs = 0
        shown = [o for o in found.orders if not wanted or o.state in wanted]
        for o in shown:
            number = o.number or "------"
            when = local_time_text(datetime.fromisoformat(o.created_at), tz) if o.created_at else "?"
            bits = [ORDER_STATES.get(o.state, o.state)]
            if o.source and o.state != "unsourced":
                bits.append(f"from {o.source}")
            if o.ship_here and o.state == "sourced":
                bits.append("THIS STORE SHIPS IT")
            if o.refund_due:
                bits.append(f"refund due {o.refund_text}")
            if o.tracking:
                bits.append(f"{o.carrier} {o.tracking}")
            if o.pending:
                bits.append("not sent to central yet")
            if o.receipt_no:
                bits.append(f"receipt {o.receipt_no}")
            needy = (
                (o.sold_here and (o.state == "unsourced" or o.refund_due > 0))
                or (o.ship_here and o.state == "sourced")
                or o.state == "refused"
            )
            needs += needy
            fid = "" if o.id is None else f" [{o.id}]"
            print(f"{'!' if needy else ' '} {number}{fid} {o.customer} · {when} · {' · '.join(bits)}")
            items = ", ".join(f"{x.quantity} × {x.sku} {x.name}" for x in o.lines)
            print(f"    {items} → {o.destination}")
            if o.refused:
                print(f"    central: {o.refused}")
        counts = {k: v for k, v in found.counts.items() if v}
        summary = ", ".join(f"{v} {ORDER_STATES.get(k, k).lower()}" for k, v in counts.items()) or "none"
        as_of = device.orders.as_of()
        fresh = f"central's rows as of {as_of_text(as_of, now, tz)}" if as_of else "central's rows never synced"
        print(f"{len(shown)} order(s) shown ({summary}); {needs} need staff · {fresh}")
        return 1 if needs else 0
    finally:
        device.close()


def returns(data_dir: Path, args: argparse.Namespace) -> int:
    """`pos-app returns [list | show KEY]`: the returns this till took back, newest first, each
    time in the store's zone, with its refunds (a queued card refund said) and whether central
    has it (sent, waiting, or refused with central's sentence). Exit 1 when one needs staff
    (refused by central, or a card refund still queued)."""
    device = _device(data_dir)
    try:
        tz = _zone(device)
        found = device.returns.latest(200)
        if args.action == "retry":  # a queued card refund, now the terminal is back
            if not args.key or args.staff is None:
                print("pos-app returns retry: give the return and --staff STAFF_ID", file=sys.stderr)
                return 2
            try:
                session = device.auth.sign_in(args.staff, _read_pin("PIN: "))
                refunds = device.returns.retry_card(session, args.key)
            except ServiceError as e:
                print(str(e), file=sys.stderr)
                return 2
            left = [x for x in refunds if x["state"] == "queued"]
            print("Card refund made." if not left else "The terminal still cannot refund the card: it stays queued.")
            return 1 if left else 0
        if args.action == "show":
            if not args.key:
                print("pos-app returns show: give the return's number, receipt number or id", file=sys.stderr)
                return 2
            one = device.returns.get(args.key)
            if one is None:
                one = next((r for r in found if r.receipt_no == args.key.strip().upper()), None)
            if one is None:
                print(f"No return {args.key} on this till.", file=sys.stderr)
                return 2
            found = [one]
        needs = 0
        for r in found:
            when = local_time_text(datetime.fromisoformat(r.created_at), tz)
            money = ", ".join(
                f"{device.returns.money(x['amount'], r.currency)} {x['type']}{' (QUEUED)' if x['state'] == 'queued' else ''}"
                for x in r.refunds
            )
            status = {"pending": "not sent to central yet", "sent": "at central", "rejected": "REFUSED by central"}
            needy = r.status == "rejected" or any(x["state"] == "queued" for x in r.refunds)
            needs += needy
            print(f"{'!' if needy else ' '} {r.number} · {r.kind} · receipt {r.receipt_no or '—'} · {when} · "
                  f"{device.returns.money(r.total, r.currency)} → {money or 'nothing'} · {status.get(r.status, r.status)}")  # fmt: skip
            if args.action == "show":
                print(f"    id {r.return_id} · sale {r.sale_id or '—'} · staff {r.staff_id}"
                      + (f" · approved by {r.approved_by}" if r.approved_by else ""))  # fmt: skip
                code, words = device.returns.reason(r)
                print(f"    reason: {words} ({code})" if code else "    reason: none given")
                for x in r.lines:
                    print(f"    {x['sku']} {x['name']}: {x['resellable']} resellable, {x['damaged']} damaged, "
                          f"{device.returns.money(x['amount'], r.currency)}")  # fmt: skip
            if r.detail:
                print(f"    central: {r.detail}")
        if args.action == "list":
            print(f"{len(found)} return(s); {needs} need staff")
        return 1 if needs else 0
    finally:
        device.close()
