"""The mail settings, from the environment (prefix AISLE_): the sender is off without a URL."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AISLE_", extra="ignore")

    # smtp://host:port (plain), smtp+starttls://user:password@host:587, smtps://host:465.
    # Empty: central keeps writing messages to the outbox but sends none.
    smtp_url: str = ""
    mail_from: str = "Aisle <receipts@aisle.invalid>"
    mail_poll_seconds: float = 2.0  # how often the sender looks for due messages
    mail_retry_seconds: float = 30.0  # the first retry's delay; doubled each time
    mail_retry_max_seconds: float = 3600.0
    mail_max_attempts: int = 10  # then the message is `failed`
    mail_wait_days: float = 7.0  # a message whose event data never arrives gives up after this
    smtp_timeout_seconds: float = 10.0
