"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepted."""

from __future__ import annotations

import email
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.servers import free_port


class Sink:
    """aiosmtpd handler keeping every message it accepted."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        data = envelope.original_content or envelope.content
        with self.lock:
            self.raw.append(data)
            self.messages.append(email.message_from_bytes(data, policy=default_policy))  # type: ignore[arg-type]
        return "250 OK"


@contextmanager
def smtp_server(port: int) -> Iterator[Sink]:
    # aiosmtpd's Controller(port=0) does not report the port it got: the caller finds one first.
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


__all__ = ["Sink", "free_port", "smtp_server"]
