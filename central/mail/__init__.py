"""Central's mail outbox (DESIGN.md section 6): customer e-mails written in the same transaction
as their event, rendered from Jinja2 templates (an HTML and a plain-text part, in the customer's
language or the store's), and delivered over SMTP by a sender with retries and backoff.

- `outbox.enqueue(session, ...)` is the hook every event calls inside its own writing
  transaction (a receipt asked for now; order confirmations, pickups and refunds later): the
  message is a row, unique per (kind, reference, address), so asking twice is one message.
- `render.RENDERERS[kind]` turns a message's event into subject, text, HTML and attachments
  (a receipt: the store's receipt as text and HTML, and its PDF). A message whose event data is
  not at central yet (a receipt asked for before the tablet's sale arrived) waits for it.
- `sender.MailSender` claims one due message at a time with a conditional UPDATE (so two
  central processes never send the same message), sends it, and marks it sent; a failure is
  retried with exponential backoff, a permanent one (5xx) gives up at once.
"""

from central.mail.outbox import enqueue, receipt_key
from central.mail.sender import MailSender
from central.mail.settings import MailSettings

__all__ = ["MailSender", "MailSettings", "enqueue", "receipt_key"]
