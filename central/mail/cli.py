"""`central mail [--to ADDRESS] [--show ID [--out FILE]]`: what was sent or waits, and one message."""

from __future__ import annotations

import sys
from pathlib import Path

from central.db import Database
from central.mail import outbox
from central.mail.render import NotReady, Unrenderable, render
from central.models import MailMessage


def mail_command(db: Database, to: str | None, show: int | None, out: str | None) -> int:
    with db.session() as s:
        if show is None:
            rows = outbox.listing(s, to)
            for m in rows:
                when = (
                    f"sent {m.sent_at:%Y-%m-%d %H:%M:%S}"
                    if m.sent_at
                    else f"next {m.next_attempt_at:%Y-%m-%d %H:%M:%S}"
                )
                subject = m.subject or "(not rendered yet)"
                print(f"{m.id:>6}  {m.state:<8} {m.attempts:>2}x  {when}  {m.to:<30} {subject}")
                if m.last_error and m.state != "sent":
                    print(f"        last error: {m.last_error}")
            if not rows:
                print("No mail" + (f" to {to}" if to else ""))
            return 0
        msg = s.get(MailMessage, show)
        if msg is None:
            print(f"No message {show}", file=sys.stderr)
            return 2
        if msg.subject is not None and msg.text is not None and msg.html is not None:
            subject, text, html = msg.subject, msg.text, msg.html
            names = [a.filename for a in outbox.attachments(s, msg.id)]
        else:
            try:
                r = render(s, msg)
            except (NotReady, Unrenderable) as e:
                print(f"Message {show} to {msg.to} ({msg.state}) cannot be shown yet: {e}", file=sys.stderr)
                return 1
            subject, text, html = r.subject, r.text, r.html
            names = [a.filename for a in r.attachments]
    path = Path(out or f"mail-{show}.html")
    path.write_text(html, encoding="utf-8")
    print(f"Message {msg.id} {msg.message_id}  {msg.state}, {msg.attempts} attempt(s)")
    print(f"To: {msg.to}\nSubject: {subject}\nAttachments: {', '.join(names) or 'none'}\n")
    print(text)
    print(f"HTML written to {path.resolve()} (open it in a browser)")
    return 0
