"""Everything one device needs, built from its data directory: the composition root."""

from __future__ import annotations

import os
from pathlib import Path

from pos_app.core.auth import Permission
from pos_app.local.store import Identity, LocalStore
from pos_app.services import secrets
from pos_app.services.auth import AuthService, Session
from pos_app.services.lookup import LookupService
from pos_app.services.stock import StockService
from sync.client import CentralClient
from sync.engine import SyncEngine


class NotEnrolled(Exception):
    pass


def default_data_dir() -> Path:
    env = os.environ.get("POS_APP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "aisle-pos"


class Device:
    """An enrolled device: local store, identity, token, sync engine and services."""

    def __init__(
        self,
        data_dir: Path,
        *,
        keepalive_seconds: float = 15.0,
        poll_seconds: float = 30.0,
        token: str | None = None,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.store, self.recovery_note = LocalStore.open_or_recover(self.data_dir)
        identity = self.store.identity()
        if identity is None:
            raise NotEnrolled("This device is not enrolled yet.")
        self.identity: Identity = identity
        # `token` is for throwaway devices (screenshots); real ones read the OS keyring.
        token = token or secrets.load_token(str(self.data_dir))
        if not token:
            raise NotEnrolled("The device token is missing from the keyring; enrol the device again.")
        self._token = token
        self.engine = SyncEngine(
            self.new_client, self.store, keepalive_seconds=keepalive_seconds, poll_seconds=poll_seconds
        )
        self.lookup = LookupService(self.store, identity.store_id)
        self.auth = AuthService(self.store, identity.store_id)
        self.stock = StockService(self.store, identity.store_id, self.lookup, kick=self.engine.kick)

    def new_client(self) -> CentralClient:
        return CentralClient(self.identity.central_url, self._token)

    def redownload(self, session: Session) -> None:
        """A manager's "download everything again": the outbox goes first and is kept."""
        session.require(Permission.REBOOTSTRAP)
        self.engine.push_now()
        with self.store.tx("device") as con:
            self.store.journal_append(con, "cache.redownload", {"staff_id": session.staff.id})
        self.store.reset_all_streams()
        self.engine.kick()

    def bootstrapped(self) -> bool:
        return all(self.store.stream_state(s).bootstrapped for s in ("catalog", "stock", "staff"))

    def close(self) -> None:
        self.engine.stop()
        self.engine.client.close()
        self.store.close()
