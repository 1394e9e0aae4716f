"""`central`: run, seed and administer the reference central service."""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from central.changes import adjust_stock, now
from central.config import Settings
from central.db import Database, migrate
from central.models import ChannelClient, Device, EnrollCode, Location, SeqGap, Variant
from central.security import digest, new_enroll_code, new_token
from sync.version import VersionAction

ENROLL_SCHEME = "aisle://enroll"


def enroll_uri(central_url: str, code: str) -> str:
    return f"{ENROLL_SCHEME}?{urlencode({'central': central_url, 'code': code})}"


MAX_CODE_MINUTES = 7 * 24 * 60  # a week: a code is for enrolling a tablet soon, not a standing key


def code_minutes(value: str) -> int:
    """argparse type of --minutes: a whole number of minutes from 1 to a week."""
    try:
        minutes = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--minutes must be a whole number of minutes, not {value!r}") from None
    if not 1 <= minutes <= MAX_CODE_MINUTES:
        raise argparse.ArgumentTypeError(
            f"--minutes must be between 1 and {MAX_CODE_MINUTES} (a week); {minutes} would make a code "
            + ("that is already expired" if minutes < 1 else "that stays valid too long")
        )
    return minutes


def issue_enroll_code(db: Database, store_code: str, minutes: int) -> str:
    if not 1 <= minutes <= MAX_CODE_MINUTES:
        raise ValueError(f"an enrolment code is valid for 1 to {MAX_CODE_MINUTES} minutes, not {minutes}")
    with db.transaction() as s:
        store = s.scalar(select(Location).where(Location.code == store_code))
        if store is None or store.kind != "store":
            known = ", ".join(s.scalars(select(Location.code).where(Location.kind == "store")))
            raise SystemExit(f"No store with code {store_code}. Stores: {known or 'none (seed first)'}")
        code = new_enroll_code()
        s.add(
            EnrollCode(
                code_hash=digest(code),
                store_id=store.id,
                expires_at=now() + timedelta(minutes=minutes),
            )
        )
    return code


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    p = argparse.ArgumentParser(prog="central", description=__doc__)
    p.add_argument("--version", action=VersionAction)
    db_help = "database URL (AISLE_DATABASE_URL); before or after the sub-command"
    p.add_argument("--db", default=settings.database_url, help=db_help)
    # The same option on every sub-command (`central seed --db URL`, as people type it). Its
    # default is SUPPRESS so that, when left out there, the value given before is kept.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    sub = p.add_subparsers(dest="cmd", required=True)

    def command(name: str, **kw: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kw)

    command("migrate", help="create or upgrade the schema")

    sp = command("seed", help="load the deterministic demo retailer")
    sp.add_argument("--products", type=int, default=5000, help="sellable variants (SKUs)")
    sp.add_argument("--stores", type=int, default=4)
    sp.add_argument("--seed", type=int, default=1)
    sp.add_argument("--reset", action="store_true", help="replace an existing catalog")

    sv = command("serve", help="serve the HTTP API")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8765)
    sv.add_argument("--public-url", default=None, help="URL devices use (for enrolment QR codes)")
    sv.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes of central on one socket (default AISLE_SERVE_WORKERS, else 1); 2 per 2 cores on PostgreSQL",
    )

    ec = command("enroll-code", help="issue a one-time device enrolment code")
    ec.add_argument("--store", required=True)
    ec.add_argument(
        "--minutes",
        type=code_minutes,
        default=settings.enroll_code_minutes,
        help=f"how long the code is valid (1 to {MAX_CODE_MINUTES})",
    )
    ec.add_argument("--qr", help="also write a QR code PNG carrying the central URL and code")
    ec.add_argument("--central-url", default=settings.public_url)

    rv = command("revoke-device", help="revoke a device token")
    rv.add_argument("device_id")
    command("devices", help="list enrolled devices")
    gp = command("gaps", help="list device_seq ranges central expected from a device and never saw")
    gp.add_argument("--device", help="only this device")
    jb = command("journal-breaks", help="list where devices' journal chains do not hold (gap, link, altered, ...)")
    jb.add_argument("--device", help="only this device")

    ct = command("channel-token", help="issue a token for a channel system (web shop, ERP)")
    ct.add_argument("--name", required=True)

    ad = command("adjust", help="apply a stock delta as head office (ledgered)")
    ad.add_argument("--location", required=True)
    ad.add_argument("--sku", required=True)
    ad.add_argument("--delta", type=int, required=True)
    ad.add_argument("--reason", default="head office correction")

    ml = command("mail", help="list the e-mails central sent or is waiting to send, or show one")
    ml.add_argument("--to", help="only messages to this address")
    ml.add_argument("--show", type=int, metavar="ID", help="print one message (text part) and write its HTML")
    ml.add_argument("--out", help="with --show: write the HTML here (default mail-ID.html)")

    pd = command("pickup-demo", help="create demo click-and-collect orders as the web shop would (docs/pickups.md)")
    pd.add_argument("--store", required=True, help="the pickup store's code, e.g. TKY01")
    pd.add_argument("--count", type=int, default=1, help="how many orders (1-50)")
    pd.add_argument("--email", default="customer@example.com", help="where the ready e-mails go")
    cl = command(
        "card-limits",
        help="show or set a store's offline (store-and-forward) card caps, minor units; 0 = no offline card",
    )
    cl.add_argument("--store", help="the store's code, e.g. TKY01 (without: every store)")
    cl.add_argument("--per-sale", type=int, help="set: the most one offline card payment may be")
    cl.add_argument("--total", type=int, help="set: the most a terminal approves offline until its reconciliation")
    from central.shift_policy import add_parser as shift_policy_parser

    shift_policy_parser(
        command("shift-policy", help="show or set a store's shift rules: blind count, the variance a manager approves")
    )
    from central.accounts_cli import add_parser as accounts_parser

    accounts_parser(command("accounts", help="stored value: show a customer's or card's balance, issue a gift card, overspends"))
    rl = command(
        "role-limits",
        help="show or set how far each role may discount or override a price without a higher role's PIN",
    )
    rl.add_argument("--role", help="set: associate, supervisor or manager")
    rl.add_argument("--kind", help="set: discount or override")
    rl.add_argument("--max-percent", help="set: a percent 0-100 (e.g. 10 or 12.5), or none for no limit")
    dr = command("day-report", help="every store's sales of a day: by hour, tender, top items and staff")
    dr.add_argument("--date", help="the stores' local date, YYYY-MM-DD (default today)")
    dr.add_argument("--store", help="one store's code")
    command("pickups-expire", help="send due pickup reminders and expire pickups not collected in time")
    command("orders-source", help="source again the endless-aisle shipments staff chose to wait for")
    sd = command(
        "ship-demo",
        help="the warehouse side of the endless aisle: list open shipments, mark one shipped or delivered",
    )
    sd.add_argument("--ship", type=int, metavar="ID", help="mark this shipment (fulfilment id) shipped")
    sd.add_argument(
        "--carrier", default="yamato", help="with --ship: yamato, sagawa, japanpost, dhl, dpd, hermes, other"
    )
    sd.add_argument("--tracking", help="with --ship: the tracking number (default: a made-up one)")
    sd.add_argument("--deliver", type=int, metavar="ID", help="mark this shipment delivered")
    sd.add_argument("--create", type=int, metavar="N", help="make N demo orders as a till of --store would (1-50)")
    sd.add_argument("--store", help="with --create: the selling store's code, e.g. TKY01")
    sd.add_argument("--email", default="customer@example.com", help="with --create: where the e-mails go")

    pl = command(
        "prune-log",
        help="delete change-log rows older than the retention that a later row supersedes; "
        "with --floor every row older than it (devices below the floor download again); docs/scale.md",
    )
    pl.add_argument("--keep-days", default="30", help="the retention in whole days, 0 or more (default 30)")
    pl.add_argument(
        "--floor",
        action="store_true",
        help="also delete every older row but each stream's newest, recording the floor per stream in meta",
    )
    pl.add_argument("--dry-run", action="store_true", help="count what would go; change nothing")
    pl.add_argument("--batch", default="2000", help="rows per transaction (1-100000, default 2000)")

    rt = command(
        "returns",
        help="returns: list the latest, show one with its refunds and stock, or the unmatched: refunded at a "
        "till, refused by central (docs/returns.md)",
    )
    rt.add_argument("action", choices=["list", "show", "unmatched"], nargs="?", default="list")
    rt.add_argument("key", nargs="?", help="show: a return's id, its authorization number (R-…) or a receipt number")
    rt.add_argument("--store", help="list: one store's code")
    rt.add_argument("--limit", type=int, default=30)
    rt.add_argument("--days", type=int, default=90, help="unmatched: journal entries received in these days")

    args = p.parse_args(argv)
    db = Database(args.db)
    try:
        migrate(db.engine)
        return _run(args, db, settings)
    finally:
        db.dispose()


def _run(args: argparse.Namespace, db: Database, settings: Settings) -> int:
    if args.cmd == "migrate":
        print("schema is up to date")
    elif args.cmd == "seed":
        from central.seed import seed

        started = time.perf_counter()
        try:
            summary = seed(
                db,
                args.products,
                args.stores,
                args.seed,
                args.reset,
                progress=lambda m: print(f"  {m}", file=sys.stderr),
            )
        except (RuntimeError, ValueError) as e:
            print(f"central seed: {e}", file=sys.stderr)
            return 2
        took = time.perf_counter() - started
        print(
            f"Seeded {summary.variants:,} variants in {summary.styles:,} styles, "
            f"{summary.barcodes:,} barcodes, {summary.prices:,} prices, "
            f"{summary.stock_rows:,} stock rows in {took:.1f} s."
        )
        print("\nLocations:")
        for code, name, kind in summary.locations:
            print(f"  {code:<7} {name:<28} {kind}")
        print("\nDemo staff (store, name, role, PIN):")
        for store, name, role, pin in summary.staff:
            print(f"  {store:<7} {name:<20} {role:<11} {pin}")
        print(f"\n{summary.promotions} promotions. Demo coupons (code, stores, promotion):")
        for stores, coupon, title in summary.coupons:
            print(f"  {coupon:<10} {stores:<16} {title}")
    elif args.cmd == "serve":
        from central.app import create_app

        if args.public_url:
            settings.public_url = args.public_url
        settings.database_url = args.db
        from central.server import make_server

        app = create_app(settings, db)
        if args.workers is not None and not 1 <= args.workers <= 64:
            print(f"central serve: --workers must be between 1 and 64, not {args.workers}", file=sys.stderr)
            return 2
        make_server(app, args.host, args.port, workers=args.workers).run()
    elif args.cmd == "enroll-code":
        code = issue_enroll_code(db, args.store, args.minutes)
        uri = enroll_uri(args.central_url, code)
        print(f"Enrolment code for {args.store}: {code}  (valid {args.minutes} min, one use)")
        print(f"Central: {args.central_url}")
        print(f"QR payload: {uri}")
        if args.qr:
            import qrcode

            qrcode.make(uri).save(args.qr)
            print(f"QR code written to {args.qr}")
    elif args.cmd == "revoke-device":
        with db.transaction() as s:
            device = s.get(Device, args.device_id)
            if device is None:
                print(f"No device {args.device_id}", file=sys.stderr)
                return 2
            device.revoked_at = now()
        print(f"Device {args.device_id} revoked")
    elif args.cmd == "devices":
        with db.session() as s:
            for d in s.scalars(select(Device).order_by(Device.created_at)):
                state = "revoked" if d.revoked_at else "active"
                print(f"{d.id}  store {d.store_id:<3} {d.name:<20} {state}  last seen {d.last_seen_at}")
    elif args.cmd == "gaps":
        with db.session() as s:
            q = select(SeqGap).order_by(SeqGap.device_id, SeqGap.first)
            if args.device:
                q = q.where(SeqGap.device_id == args.device)
            gaps = s.scalars(q).all()
        for g in gaps:
            seqs = str(g.first) if g.first == g.last else f"{g.first}-{g.last}"
            print(f"{g.device_id}  seq {seqs:<15} noticed {g.noticed_at:%Y-%m-%d %H:%M:%S}")
        if not gaps:
            print("No gaps" + (f" for device {args.device}" if args.device else ""))
    elif args.cmd == "journal-breaks":
        from central.routes.journal import list_breaks

        with db.session() as s:
            breaks, after = [], 0
            while True:
                page = list_breaks(s, args.device, after, 500)
                breaks.extend(page.breaks)
                if not page.has_more:
                    break
                after = page.next
        for b in breaks:
            print(f"{b.device_id}  entry {b.seq:<8} {b.kind:<9} {b.detail}  (noticed {b.noticed_at:%Y-%m-%d %H:%M:%S})")
        if not breaks:
            print("No journal breaks" + (f" for device {args.device}" if args.device else ""))
    elif args.cmd == "channel-token":
        token = new_token()
        with db.transaction() as s:
            s.add(ChannelClient(name=args.name, token_hash=digest(token)))
        print(token)
    elif args.cmd == "adjust":
        with db.transaction() as s:
            loc = s.scalar(select(Location).where(Location.code == args.location))
            var = s.scalar(select(Variant).where(Variant.sku == args.sku))
            if loc is None or var is None:
                print("Unknown location or SKU", file=sys.stderr)
                return 2
            seq, stock = adjust_stock(
                s,
                location_id=loc.id,
                variant_id=var.id,
                delta=args.delta,
                reason=args.reason,
                source="admin",
                reference=str(uuid.uuid4()),
            )
        print(f"{args.sku} at {args.location}: on hand {stock.on_hand} (change {seq})")
    elif args.cmd in ("pickup-demo", "pickups-expire"):
        from central.pickups import pickup_command

        return pickup_command(db, args)
    elif args.cmd in ("orders-source", "ship-demo"):
        from central.shipments import ship_command

        return ship_command(db, args)
    elif args.cmd == "prune-log":
        return prune_command(db, args)
    elif args.cmd == "returns":
        from central.returns import returns_command

        return returns_command(db, args)
    elif args.cmd == "card-limits":
        from central.card_limits import card_limits_command

        return card_limits_command(db, args)
    elif args.cmd == "shift-policy":
        from central.shift_policy import shift_policy_command

        return shift_policy_command(db, args)
    elif args.cmd == "day-report":
        from central.reports import day_report_command

        return day_report_command(db, args.date, args.store)
    elif args.cmd == "role-limits":
        from central.customers import role_limits_command

        return role_limits_command(db, args)
    elif args.cmd == "accounts":
        from central.accounts_cli import accounts_command

        return accounts_command(db, args)
    elif args.cmd == "mail":
        from central.mail.cli import mail_command

        return mail_command(db, args.to, args.show, args.out)
    return 0


def _whole(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def prune_command(db: Database, args: argparse.Namespace) -> int:
    from central.prune import MAX_KEEP_DAYS, prune_log

    days = _whole(args.keep_days, 0, MAX_KEEP_DAYS)
    if days is None:
        print(
            f"central prune-log: --keep-days must be a whole number of days from 0 to {MAX_KEEP_DAYS}, "
            f"not {args.keep_days!r}",
            file=sys.stderr,
        )
        return 2
    batch = _whole(args.batch, 1, 100_000)
    if batch is None:
        print(f"central prune-log: --batch must be a whole number of rows from 1 to 100000, not {args.batch!r}", file=sys.stderr)
        return 2
    report = prune_log(
        db,
        keep_days=days,
        floor=args.floor,
        dry_run=args.dry_run,
        batch=batch,
        progress=lambda m: print(f"  {m}", file=sys.stderr),
    )
    for line in report.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
