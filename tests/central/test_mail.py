"""Central's mail outbox against a real SMTP server on loopback (aiosmtpd), on both backends:
a receipt asked for is delivered once with its text and HTML parts and the PDF; SMTP down is
retried later and delivered once; two senders racing deliver each message once; Japanese and
German words survive the MIME encoding."""

from __future__ import annotations

import json
import threading
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.app import create_app
from central.cli import main as central_main
from central.config import Settings
from central.db import Database
from central.mail import MailSender, MailSettings
from central.models import MailMessage, Style, Variant
from tests.central.helpers import Enrolled, enrol, location_id, stocked_variant
from tests.central.test_sales import push, sale_op
from tests.support.smtp import free_port, smtp_server


def mail_settings(port: int) -> MailSettings:
    return MailSettings(
        smtp_url=f"smtp://127.0.0.1:{port}", mail_poll_seconds=0.1, mail_retry_seconds=0.3, smtp_timeout_seconds=3
    )


def sell(api: TestClient, db: Database, device: Enrolled, store: str, seq: int = 1) -> str:
    loc = location_id(db, store)
    vid, _sku, _ = stocked_variant(db, loc)
    op = sale_op(db, loc, vid, qty=2, seq=seq)
    assert push(api, device, op)[0]["status"] == "applied"
    return str(op["payload"]["sale_id"])


def japanese_name(db: Database, store: str) -> str:
    """The Japanese name of the style `sell` sells at `store` (the names stream's)."""
    vid, _sku, _ = stocked_variant(db, location_id(db, store))
    with db.session() as s:
        names = s.execute(
            select(Style.names).join(Variant, Variant.style_id == Style.id).where(Variant.id == vid)
        ).scalar_one()
    return str(json.loads(names)["ja"])


def ask(api: TestClient, device: Enrolled, sale_id: str, to: str, language: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"email": to} | ({"language": language} if language else {})
    r = api.post(f"/v1/orders/{sale_id}/receipt-email", headers=device.headers, json=body)
    assert r.status_code == 202, r.text
    return dict(r.json())


def wait_for(cond: Any, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def parts(msg: EmailMessage) -> tuple[str, str, list[tuple[str, bytes]]]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    atts = [(str(a.get_filename()), a.get_content()) for a in msg.iter_attachments()]
    return str(text.get_content()), str(html.get_content()), atts  # type: ignore[attr-defined]


def test_a_receipt_asked_for_is_delivered_once_with_text_html_and_pdf_by_the_lifespan_sender(
    backend: Database, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    app = create_app(settings, backend)
    app.state.mail_settings = mail_settings(port)
    with smtp_server(port) as sink:
        with TestClient(app) as api:
            device = enrol(api, backend, "TKY01")
            sale_id = sell(api, backend, device, "TKY01")
            first = ask(api, device, sale_id, "hanako@example.jp", "ja")
            assert first["created"] is True and first["waiting_for_sale"] is False
            again = ask(api, device, sale_id, "Hanako@example.jp", "ja")  # asked twice: one message
            assert again["created"] is False and again["message_id"] == first["message_id"]
            wait_for(lambda: len(sink.messages) == 1)
            started = time.monotonic()
        assert time.monotonic() - started < 2.5  # the lifespan stops the sender at once
        time.sleep(0.3)
    assert len(sink.messages) == 1
    msg, raw = sink.messages[0], sink.raw[0]
    # The Japanese subject travels as an RFC 2047 encoded word and decodes back.
    header = next(line for line in raw.split(b"\r\n") if line.startswith(b"Subject:"))
    assert header.isascii() and b"=?utf-8?" in header.lower()
    assert msg["Subject"] == "【Aisle Shibuya】レシート " + msg["Subject"].split(" ")[-1]
    assert msg["Message-ID"] == first["message_id"] and msg["To"] == "hanako@example.jp"
    text, html, atts = parts(msg)
    assert "ご利用いただき" in text and "登録番号 T7010001088960" in text and "合計" in text
    assert japanese_name(backend, "TKY01") in text  # the product named as the till's paper names it
    assert '<html lang="ja">' in html and "ご利用いただき" in html
    assert len(atts) == 1 and atts[0][0].endswith(".pdf") and atts[0][1].startswith(b"%PDF")
    with backend.session() as s:
        row = s.scalars(select(MailMessage)).one()
        assert (row.state, row.attempts, row.sent_at is not None) == ("sent", 1, True)
    # central mail lists it and shows it as a file a browser opens
    assert central_main(["--db", backend.url, "mail", "--to", "hanako@example.jp"]) == 0
    assert "sent" in capsys.readouterr().out
    out = tmp_path / "m.html"
    assert central_main(["--db", backend.url, "mail", "--show", str(row.id), "--out", str(out)]) == 0
    assert "レシート" in capsys.readouterr().out and "ご利用いただき" in out.read_text(encoding="utf-8")


def test_smtp_down_is_retried_later_and_delivered_once_and_a_request_may_come_before_the_sale(
    api: TestClient, backend: Database
) -> None:
    port = free_port()  # nothing listens there yet: connection refused
    sender = MailSender(backend, mail_settings(port))
    device = enrol(api, backend, "BER01")
    loc = location_id(backend, "BER01")
    vid, _sku, _ = stocked_variant(backend, loc)
    op = sale_op(backend, loc, vid, qty=1)
    sale_id = str(op["payload"]["sale_id"])
    early = ask(api, device, sale_id, "kunde@example.de")  # before the tablet's sale arrived
    assert early["waiting_for_sale"] is True
    assert sender.send_due() == 1  # claimed, not ready: back to wait, no attempt counted
    with backend.session() as s:
        row = s.scalars(select(MailMessage)).one()
        assert (row.state, row.attempts, row.subject) == ("pending", 0, None)
        s.execute(MailMessage.__table__.update().values(next_attempt_at=row.created_at))
        s.commit()
    assert push(api, device, op)[0]["status"] == "applied"
    assert sender.send_due() == 1  # rendered now; SMTP is down
    with backend.session() as s:
        row = s.scalars(select(MailMessage)).one()
        assert row.state == "pending" and row.attempts == 1 and "Connection" in (row.last_error or "")
        assert row.subject is not None and "Kassenbon" in row.subject  # the store's language: German
    assert sender.send_due() == 0  # not due yet: backoff
    with smtp_server(port) as sink:
        time.sleep(0.35)
        assert sender.send_due() == 1
        assert sender.send_due() == 0
        time.sleep(0.4)
        assert sender.send_due() == 0
    assert len(sink.messages) == 1
    msg = sink.messages[0]
    assert msg["Subject"].startswith("Ihr Kassenbon BER01-") and "Vielen Dank für Ihren Einkauf" in parts(msg)[0]
    with backend.session() as s:
        row = s.scalars(select(MailMessage)).one()
        assert (row.state, row.attempts) == ("sent", 2)


def test_two_senders_racing_deliver_each_message_once(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    sale_id = sell(api, backend, device, "TKY01")
    addresses = [f"c{n}@example.com" for n in range(6)]
    for a in addresses:
        ask(api, device, sale_id, a, "en")
    port = free_port()
    with smtp_server(port) as sink:
        senders = [MailSender(backend, mail_settings(port)) for _ in range(2)]
        go = threading.Barrier(2)

        def run(sender: MailSender) -> None:
            go.wait()
            sender.send_due()

        threads = [threading.Thread(target=run, args=(s,)) for s in senders]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        time.sleep(0.2)
    assert sorted(str(m["To"]) for m in sink.messages) == sorted(addresses)
    assert len({m["Message-ID"] for m in sink.messages}) == len(addresses)
    assert all(m["Subject"].startswith("Your receipt TKY01-") for m in sink.messages)
    with backend.session() as s:
        assert set(s.scalars(select(MailMessage.state))) == {"sent"}
        assert set(s.scalars(select(MailMessage.attempts))) == {1}


def test_a_device_may_not_mail_another_stores_sale(api: TestClient, backend: Database) -> None:
    tokyo = enrol(api, backend, "TKY01")
    berlin = enrol(api, backend, "BER01", name="berlin till")
    sale_id = sell(api, backend, tokyo, "TKY01")
    r = api.post(f"/v1/orders/{sale_id}/receipt-email", headers=berlin.headers, json={"email": "x@example.com"})
    assert r.status_code == 409, r.text  # the message would name another store's sale
    bad = api.post(f"/v1/orders/{uuid.uuid4()}/receipt-email", headers=tokyo.headers, json={"email": "a\r\nBcc: b"})
    assert bad.status_code == 422
