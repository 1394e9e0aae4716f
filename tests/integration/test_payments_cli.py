"""`pos-app terminal` for support, and the card-data scan: after card sales (approved, declined,
recovered, refunded) nothing that looks like a full card number is in device.db, cache.db,
receipts.db, settings.json or the logs."""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import running_simulator
from pos_app.services.app import Device
from tests.support.tablet import a_stocked_variant, associate


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return code, out.out, out.err


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_numbers(data: bytes) -> list[str]:
    """Luhn-valid runs of 13-19 digits (a separator of one space or dash allowed, as printed).

    A run inside a hex hash or a UUID (letters or digits either side) is not a card number: a
    64-hex journal hash holds a Luhn-valid run of 13 or more digits about once in 200 hashes.
    """
    found = []
    for m in re.finditer(rb"(?<![0-9A-Za-z])(?:\d[ -]?){12,18}\d(?![0-9A-Za-z])", data):
        digits = re.sub(rb"[ -]", b"", m.group()).decode()
        if 13 <= len(digits) <= 19 and luhn(digits):
            found.append(digits)
    return found


def test_the_scan_finds_a_full_card_number() -> None:  # the scan itself can fail
    assert card_numbers(b'{"pan": "5413330089020011"}') == ["5413330089020011"]
    assert card_numbers(b"4111 1111 1111 1111") == ["4111111111111111"]
    assert card_numbers(b"541333******0011 4111-1111") == []
    assert card_numbers(b'"hash":"cd69ab6086104080612f"') == []  # a digit run inside a hex hash


def test_terminal_cli_and_no_card_number_is_stored(
    device: Device, tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # a terminal that would give the till a full PAN if the till kept one: it is masked by the driver
    sim = TerminalSimulator(key=NexoKey("cli passphrase", "CliKey", 1), masked_pan="5413330089020011")
    sim.hold_seconds = 0.3
    data = str(device.data_dir)
    with running_simulator(sim) as server:
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "set", "--kind", "network", "--url",
                             server.url, "--poiid", sim.poiid, "--key-id", "CliKey", "--key-version", "1",
                             "--plain", "--passphrase", stdin="cli passphrase\n")  # fmt: skip
        assert code == 0, err
        assert "V400m-123456789" in out and "CliKey v1" in out
        device.set_terminal(device.settings.load().terminal)  # this process's device reads it again
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "test")
        assert code == 0 and "answered" in out, err
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "set", "--url", "ftp://nowhere")
        assert code == 2 and "address" in err

        session = associate(device)
        device.payments.poll_interval = 0.05
        device.payments.recover_seconds = 1.0
        vid, _ = a_stocked_variant(device)
        for faults in ((), ("decline",), ("drop",), ("drop", "not_found", "not_found")):
            b = device.basket.new()
            device.basket.add(b, vid)
            sim.script(*faults)
            p = device.basket.pay_card(session, b)
            if p.state == "approved":
                sale = device.basket.complete(session, b, [])
                device.sale_receipts.issue(sale, session)
                assert p.masked_pan == "541333******0011"  # re-masked by the driver
        device.payments.refund(session, sale.sale_id, 10)

        code, out, err = cli(capsys, "--data-dir", data, "terminal", "status")
        assert code == 0 and "unsettled 1" in out
        sid = next(p.service_id for p in device.payments.unsettled())
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "recover", "--seconds", "0.2")
        assert code == 1 and f"decide {sid}" in out
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "decide", sid, "--staff",
                             str(session.staff.id), "--approved", "123456", stdin="1111\n")  # fmt: skip
        if code != 0:  # the other associate's PIN
            code, out, err = cli(capsys, "--data-dir", data, "terminal", "decide", sid, "--staff",
                                 str(session.staff.id), "--approved", "123456", stdin="1112\n")  # fmt: skip
        assert code == 0 and "approved" in out, err
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "recover")
        assert code == 0 and "completed 1" in out, out  # the card covers that basket: its sale is made
        code, out, err = cli(capsys, "--data-dir", data, "terminal", "reconcile")
        assert code == 0 and "JPY  payments 3" in out and "refunds 1 = 10" in out, out

    device.store.journal_flush()
    # the terminal's own transaction ids (Adyen's pspReference is 16 digits) are not card numbers
    ids = {d for (tx,) in device.store.query("SELECT transaction_id FROM payment_intents WHERE transaction_id IS NOT NULL", (), "device")
           for d in re.findall(r"\d{13,19}", tx)}  # fmt: skip

    # nor are the catalog's barcodes (EAN-13 and friends: public product data in cache.db)
    ids |= {str(c) for (c,) in device.store.query("SELECT code FROM barcodes", ())}
    # nor are customer ids (62-bit numbers derived from a UUID, sync.protocol.customer_id_for) that
    # the global `balances` stream holds (docs/loyalty.md): about one in ten is Luhn-valid
    ids |= {str(c) for (c,) in device.store.query("SELECT customer_id FROM balances", ())}

    def card_numbers_here(blob: bytes) -> list[str]:
        return [n for n in card_numbers(blob) if n not in ids]

    scanned = 0
    for path in sorted(Path(data).rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".db":  # every value of every table (what the WAL holds too)
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                for table in tables:
                    for row in con.execute(f'SELECT * FROM "{table}"'):
                        for value in row:
                            blob = value if isinstance(value, bytes) else str(value).encode()
                            assert card_numbers_here(blob) == [], (path.name, table, value)
            finally:
                con.close()
            scanned += 1
        elif path.suffix in (".json", ".log", ".txt"):
            assert card_numbers_here(path.read_bytes()) == [], path
            scanned += 1
    assert scanned >= 4
    assert card_numbers_here(caplog.text.encode()) == []
    assert card_numbers_here((out + err).encode()) == []
