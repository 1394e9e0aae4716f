"""The sender: delivers due outbox messages over SMTP, one claimed message at a time.

Exactly once per message between senders: a message is claimed by a conditional UPDATE (only
a pending, due message, or one whose claim's lease ran out, can be claimed, and only by one),
sent, and marked sent by the claim's holder. A temporary failure (connection refused, a 4xx,
a timeout) puts it back with exponential backoff; a permanent one (5xx) fails it at once. SMTP
itself is at-least-once: a sender killed between the server's "250 OK" and the mark sends it
again after the lease; the stable Message-ID header lets mail systems recognise the copy.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
import uuid
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

from sqlalchemy.orm import Session

from central.changes import now
from central.db import Database
from central.mail import outbox
from central.mail.outbox import Rendered
from central.mail.render import NotReady, Unrenderable, render
from central.mail.settings import MailSettings
from central.models import MailMessage

log = logging.getLogger("aisle.central.mail")


class Permanent(Exception):
    """The server refused the message for good (5xx)."""


def build_email(msg: MailMessage, r: Rendered, sender: str) -> EmailMessage:
    """The MIME message: multipart/alternative text + HTML, the attachments beside it."""
    em = EmailMessage()
    em["Subject"] = r.subject
    em["From"] = sender
    em["To"] = msg.to
    em["Date"] = formatdate(localtime=False)
    em["Message-ID"] = msg.message_id
    em.set_content(r.text)
    em.add_alternative(r.html, subtype="html")
    for a in r.attachments:
        main, _, sub = a.content_type.partition("/")
        em.add_attachment(a.data, maintype=main, subtype=sub, filename=a.filename)
    return em


def smtp_send(url: str, em: EmailMessage, timeout: float) -> None:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    scheme = parts.scheme
    client: smtplib.SMTP
    if scheme == "smtps":
        client = smtplib.SMTP_SSL(host, parts.port or 465, timeout=timeout, context=ssl.create_default_context())
    elif scheme in ("smtp", "smtp+starttls"):
        client = smtplib.SMTP(host, parts.port or (587 if scheme == "smtp+starttls" else 25), timeout=timeout)
    else:
        raise Permanent(f"unknown SMTP URL scheme {scheme!r}")
    with client:
        if scheme == "smtp+starttls":
            client.starttls(context=ssl.create_default_context())
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        try:
            client.send_message(em)
        except smtplib.SMTPRecipientsRefused as e:
            codes = [code for code, _ in e.recipients.values()]
            if all(c >= 500 for c in codes):
                raise Permanent(f"recipient refused: {e.recipients}") from e
            raise
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as e:
            if e.smtp_code >= 500:
                raise Permanent(f"{e.smtp_code} {e.smtp_error!r}") from e
            raise


class MailSender:
    """Sends due messages on a thread of its own (`start`/`stop`), or one pass (`send_due`)."""

    def __init__(self, db: Database, settings: MailSettings) -> None:
        self.db = db
        self.settings = settings
        self.token = str(uuid.uuid4())
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # --- one message ---------------------------------------------------------------------------

    def backoff(self, attempts: int) -> timedelta:
        s = self.settings
        return timedelta(seconds=min(s.mail_retry_seconds * 2 ** max(attempts - 1, 0), s.mail_retry_max_seconds))

    def send_one(self) -> bool:
        """Claim and deliver one due message; False when none was due."""
        pk = outbox.claim_next(self.db, self.token)
        if pk is None:
            return False
        with self.db.session() as s:
            msg = s.get_one(MailMessage, pk)
            rendered: Rendered | None = None
            try:
                rendered = _rendered(s, msg)
            except NotReady as e:
                self._not_ready(msg, str(e))
                return True
            except Unrenderable as e:
                outbox.settle(self.db, pk, self.token, state="failed", error=str(e))
                return True
            attempts = msg.attempts
        if self._stop.is_set():  # stopping: leave it for the next start (not counted)
            outbox.settle(self.db, pk, self.token, state="pending", rendered=rendered, count_attempt=False)
            return False
        try:
            smtp_send(
                self.settings.smtp_url,
                build_email(msg, rendered, self.settings.mail_from),
                self.settings.smtp_timeout_seconds,
            )
        except Permanent as e:
            log.warning("mail %s refused for good: %s", pk, e)
            outbox.settle(self.db, pk, self.token, state="failed", error=str(e)[:500], rendered=rendered)
        except (TimeoutError, OSError, smtplib.SMTPException) as e:
            error = f"{type(e).__name__}: {e!s:.300}"
            if attempts >= self.settings.mail_max_attempts:
                outbox.settle(self.db, pk, self.token, state="failed", error=error, rendered=rendered)
            else:
                retry_at = now() + self.backoff(attempts)
                log.info("mail %s not sent (%s); retry at %s", pk, error, retry_at)
                outbox.settle(
                    self.db, pk, self.token, state="pending", error=error, retry_at=retry_at, rendered=rendered
                )
        else:
            outbox.settle(self.db, pk, self.token, state="sent", rendered=rendered)
        return True

    def _not_ready(self, msg: MailMessage, why: str) -> None:
        created = msg.created_at if msg.created_at.tzinfo else msg.created_at.replace(tzinfo=now().tzinfo)
        if now() - created > timedelta(days=self.settings.mail_wait_days):
            outbox.settle(self.db, msg.id, self.token, state="failed", error=f"{why}: gave up")
            return
        retry_at = now() + timedelta(seconds=max(self.settings.mail_poll_seconds, self.settings.mail_retry_seconds))
        outbox.settle(self.db, msg.id, self.token, state="pending", error=why, retry_at=retry_at, count_attempt=False)

    def send_due(self, limit: int = 100) -> int:
        """Deliver what is due now (one pass); returns how many messages were handled."""
        n = 0
        while n < limit and not self._stop.is_set() and self.send_one():
            n += 1
        return n

    # --- the thread ------------------------------------------------------------------------------

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="mail-sender", daemon=True)
        self._thread.start()

    def kick(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop and wait up to `timeout` seconds; a send in flight is not waited for beyond that
        (its claim's lease lets a later start, or another central, send it)."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.send_due()
            except Exception:  # the database restarts, a bug: log, and try again later
                log.exception("mail sender pass failed")
            self._wake.wait(self.settings.mail_poll_seconds)
            self._wake.clear()


def _rendered(session: Session, msg: MailMessage) -> Rendered:
    if msg.subject is not None and msg.text is not None and msg.html is not None:
        atts = tuple(outbox.Attachment(a.filename, a.content_type, a.data) for a in outbox.attachments(session, msg.id))
        return Rendered(msg.subject, msg.text, msg.html, atts)
    return render(session, msg)
