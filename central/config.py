"""Central's settings, from the environment (prefix AISLE_) or arguments."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AISLE_", extra="ignore")

    database_url: str = "sqlite:///central.db"
    public_url: str = "http://127.0.0.1:8765"
    enroll_code_minutes: int = 60
    keepalive_seconds: float = 15.0
    change_watch_seconds: float = 1.0
    scope_cache_seconds: float = 30.0  # a store's nearby stores / price lists: seen this late
    max_page: int = 5000
    stream_send_timeout_seconds: float = 30.0  # an event stream that takes no write this long is dropped
