"""`pos-app`: the store app (GUI by default) and its command-line tools."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pos_app.services.app import default_data_dir


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="pos-app", description="Aisle, the in-store staff app")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where this device keeps its data (POS_APP_DATA_DIR); one directory per device",
    )
    sub = p.add_subparsers(dest="cmd")
    sub.add_parser("run", help="open the app (the default)")
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
    args = p.parse_args(argv)
    data_dir = (args.data_dir or default_data_dir()).expanduser().resolve()
    os.environ["POS_APP_DATA_DIR"] = str(data_dir)
    cmd = args.cmd or "run"
    if cmd == "price":  # needs no device: pure pricing of the file
        from pos_app import commands

        return commands.price(args.file, compact=args.compact)
    if cmd == "run":
        from pos_app.ui.main import run_gui

        return run_gui(data_dir)
    if cmd == "screenshots":
        from pos_app.ui.screenshots import render_all

        for path in render_all(args.out):
            print(path)
        return 0
    from pos_app import commands

    handler = getattr(commands, cmd)
    return int(handler(data_dir, args))


if __name__ == "__main__":
    sys.exit(main())
