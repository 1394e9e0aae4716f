"""`pos-app`: the store app (GUI by default) and its command-line tools."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pos_app.services.paths import default_data_dir
from sync.version import VersionAction


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="pos-app", description="Aisle, the in-store staff app")
    p.add_argument("--version", action=VersionAction)
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where this device keeps its data (POS_APP_DATA_DIR); one directory per device",
    )
    sub = p.add_subparsers(dest="cmd")
    r = sub.add_parser("run", help="open the app (the default)")
    r.add_argument(
        "--customer-display",
        action="store_true",
        default=None,
        help="open the customer-facing window too, for a second screen (or POS_APP_CUSTOMER_DISPLAY=1)",
    )
    r.add_argument(
        "--kiosk",
        action="store_true",
        help="run as the customer-facing pickup kiosk by the counter: scan your pickup code, no staff sign-in",
    )
    e = sub.add_parser("enroll", help="enrol this device with a one-time code from central")
    e.add_argument("--central", help="central URL, e.g. https://central.example.com")
    e.add_argument("--code", help="the enrolment code, or the aisle://enroll?… QR payload")
    e.add_argument("--name", default=None, help="a name for this device")
    e.add_argument("--yes", action="store_true", help="enrol an already enrolled data directory again without asking")
    s = sub.add_parser("sync", help="synchronise with central")
    s.add_argument("--once", action="store_true", help="one cycle, then exit (the only mode for now)")
    st = sub.add_parser("stock", help="availability of an item, as the product screen shows it")
    st.add_argument("query", nargs="+", help="barcode, SKU or words of the name")
    st.add_argument("--offline", action="store_true", help="use the cache only")
    sub.add_parser("doctor", help="check configuration, keyring, databases, central and clock")
    sc = sub.add_parser("screenshots", help="render each main screen offscreen to PNG")
    sc.add_argument("--out", type=Path, required=True)
    sc.add_argument(
        "--language", choices=("en", "ja", "de"), default="en", help="the screens' language (default English)"
    )
    sc.add_argument("--text-size", type=int, choices=(100, 125, 150), default=100, help="text size in per cent")
    sc.add_argument("--high-contrast", action="store_true", help="the high-contrast colours")
    j = sub.add_parser("journal", help="the device's hash-chained journal")
    j.add_argument(
        "action",
        choices=["verify", "show", "upload"],
        help="verify: name edited, deleted or reordered entries and say what central holds; "
        "upload: queue the entries not yet sent and sync",
    )
    ob = sub.add_parser("outbox", help="operations waiting to be sent, and rejected ones")
    ob.add_argument("--retry", metavar="OP_ID", help="send a rejected or stuck operation again (needs a supervisor)")
    ob.add_argument(
        "--supervisor",
        type=int,
        metavar="STAFF_ID",
        help="the supervisor approving --retry; their PIN is read from the terminal (or one line of stdin)",
    )
    pr = sub.add_parser("price", help="price a basket described in a JSON file and print it as JSON (docs/pricing.md)")
    pr.add_argument("file", type=Path, help="the basket: lines, the store's rules, promotions, coupons, tenders")
    pr.add_argument("--compact", action="store_true", help="one line of canonical JSON instead of indented")
    ts = sub.add_parser("terminal-sim", help="serve the nexo payment-terminal simulator on loopback (docs/terminal.md)")
    ts.add_argument("--port", type=int, required=True)
    ts.add_argument("--host", default="127.0.0.1")
    ts.add_argument("--poiid", default="V400m-123456789", help="the terminal's POIID (also its certificate's CN)")
    ts.add_argument("--key-passphrase", default=None, help="turn on message protection with this passphrase")
    ts.add_argument("--key-id", default=None, help="the key identifier (with --key-passphrase)")
    ts.add_argument("--key-version", type=int, default=1)
    ts.add_argument("--plain", action="store_true", help="plain HTTP instead of HTTPS (loopback tests only)")
    ts.add_argument("--cert-dir", type=Path, default=None, help="where the CA and terminal certificate are kept")
    ts.add_argument(
        "--fault", action="append", default=[], metavar="KIND[:VALUE]", help="queue a fault for the next requests"
    )
    ts.add_argument(
        "--store-and-forward",
        action="store_true",
        help="the terminal approves offline when it cannot reach its acquirer",
    )
    ps = sub.add_parser("printer-sim", help="a receipt printer on TCP that files what it prints (text and bytes)")
    ps.add_argument("--port", type=int, default=9100)
    ps.add_argument("--host", default="127.0.0.1")
    ps.add_argument("--out", type=Path, required=True, help="where each printed job is filed: NNNN.txt and NNNN.escpos")
    se = sub.add_parser("settings", help="this till's own settings: its receipt printer")
    se.add_argument(
        "--printer",
        metavar="URL",
        help="tcp://HOST[:9100], file:///dev/usb/lp0, serial:///dev/ttyS0?baud=19200, or '' for none",
    )
    se.add_argument("--columns", type=int, choices=(42, 48), help="characters per line: 48 (80 mm, 576 dots) or 42")
    se.add_argument("--test-printer", action="store_true", help="ask the printer for its status")
    tm = sub.add_parser(
        "terminal", help="this till's card terminal: set up, test, unsettled payments, recovery, end of day"
    )
    tm.add_argument("action", choices=["set", "show", "test", "status", "recover", "decide", "reconcile"])
    tm.add_argument("service_id", nargs="?", help="decide: the payment's ServiceID (from status)")
    tm.add_argument("--kind", choices=["network", "simulated", "none"], help="set: how the terminal is reached")
    tm.add_argument("--url", help="set: https://HOST:8443/nexo/")
    tm.add_argument("--poiid", help="set: the terminal's POIID (its certificate's name)")
    tm.add_argument("--key-id", help="set: the message protection's key identifier")
    tm.add_argument("--key-version", type=int, help="set: the key version")
    tm.add_argument("--passphrase", action="store_true", help="set: read the key passphrase (to the keyring)")
    tm.add_argument("--ca-file", type=Path, help="set: the CA the terminal's certificate is checked against")
    tm.add_argument("--plain", action="store_true", help="set: plain HTTP to a simulator on this computer")
    tm.add_argument(
        "--store-and-forward", action="store_true", default=None, help="set: the terminal may approve offline"
    )
    tm.add_argument("--seconds", type=float, default=30.0, help="recover: how long to poll a payment in progress")
    tm.add_argument("--staff", type=int, metavar="STAFF_ID", help="decide: who looked at the terminal (PIN read next)")
    tm.add_argument("--approved", metavar="CODE", help="decide: the terminal shows it approved with this code")
    tm.add_argument("--not-charged", action="store_true", help="decide: the terminal shows nothing charged")
    rc = sub.add_parser("receipt", help="the receipts of this till: list, show, what waits, reprint, gift, e-mail")
    rc.add_argument("action", choices=["list", "show", "waiting", "print", "reprint", "gift", "email"])
    rc.add_argument("number", nargs="?", help="the receipt number, e.g. TKY01-07-000123")
    rc.add_argument("--to", dest="address", help="email: the customer's address")
    rc.add_argument(
        "--staff", type=int, metavar="STAFF_ID", help="who asks (reprint, gift, email); the PIN is read next"
    )
    rc.add_argument("--reason", help="reprint: why (journaled)")
    rc.add_argument("--limit", type=int, default=30, help="list: how many of the latest")
    sh = sub.add_parser("shift", help="the till's shift: status, open, X report, count, close, Z reports")
    sh.add_argument("action", choices=["status", "open", "x", "count", "close", "z"])
    sh.add_argument(
        "pieces", nargs="?", help="count: DENOMINATION=PIECES,… (e.g. 10000=2,1000=5); z: the report's number"
    )
    sh.add_argument("--float", metavar="DENOM=PIECES,…", help="open: the counted float, e.g. 10000=2,1000=5,100=20")
    sh.add_argument("--staff", type=int, metavar="STAFF_ID", help="open, count, close: who; the PIN is read next")
    sh.add_argument("--reason", help="close: why the count is off beyond the limit (miscount, wrong_change, …)")
    sh.add_argument("--note", help="close: a note with the reason (needed for 'other')")
    sh.add_argument("--defer-reason", help="close: why it closes with operations unsent (needs --manager)")
    sh.add_argument(
        "--manager",
        type=int,
        metavar="STAFF_ID",
        help="close: the manager approving; their PIN is read after --staff's",
    )
    sh.add_argument("--pdf", type=Path, metavar="FILE", help="z: write the report as PDF instead of text")
    sh.add_argument("--print", action="store_true", help="z, close: print the report on the receipt printer")
    od = sub.add_parser(
        "orders", help="endless-aisle orders of this store: to decide, to ship, to be confirmed (docs/endless-aisle.md)"
    )
    od.add_argument(
        "--state",
        action="append",
        choices=["to_confirm", "refused", "unsourced", "sourced", "shipped", "delivered", "cancelled"],
        help="only these states (repeatable); default all",
    )
    rt = sub.add_parser("returns", help="returns taken back at this till: list, show (docs/returns.md)")
    rt.add_argument("action", choices=["list", "show", "retry"], nargs="?", default="list")
    rt.add_argument("key", nargs="?", help="show, retry: the return's number (R-…), receipt number or id")
    rt.add_argument(
        "--staff", type=int, metavar="STAFF_ID", help="retry: who makes the queued card refund (PIN read next)"
    )
    args = p.parse_args(argv)
    if args.cmd == "shift":
        args.number = args.pieces
    data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
    os.environ["POS_APP_DATA_DIR"] = str(data_dir)
    cmd = args.cmd or "run"
    if cmd == "terminal-sim":  # a stand-in device on the network, not this device's data
        from pos_app.devices.terminal.sim_server import run as run_terminal_sim

        return run_terminal_sim(
            port=args.port, host=args.host, poiid=args.poiid, passphrase=args.key_passphrase, key_id=args.key_id,
            key_version=args.key_version, plain=args.plain, cert_dir=args.cert_dir or data_dir / "terminal-sim",
            faults=args.fault, store_and_forward=args.store_and_forward,
        )  # fmt: skip
    if cmd == "printer-sim":  # a stand-in printer on the network, not this device's data
        from pos_app.devices.printer.fake import serve

        serve(args.port, args.out, args.host)
        return 0
    if cmd == "price":  # needs no device: pure pricing of the file
        from pos_app import commands

        return commands.price(args.file, compact=args.compact)
    if cmd == "run":
        from pos_app.ui.main import run_gui

        return run_gui(
            data_dir, customer_display=getattr(args, "customer_display", None), kiosk=getattr(args, "kiosk", False)
        )
    if cmd == "screenshots":
        from pos_app.ui.screenshots import render_all

        for path in render_all(
            args.out, language=args.language, text_size=args.text_size, high_contrast=args.high_contrast
        ):
            print(path)
        return 0
    from pos_app import commands

    handler = getattr(commands, cmd)
    return int(handler(data_dir, args))


if __name__ == "__main__":
    sys.exit(main())
