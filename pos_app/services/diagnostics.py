"""`pos-app doctor`, the journal and the outbox list, for the CLI: what can be read without
signing in (no PIN), through services, so the CLI imports no store, sync or HTTP code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from pos_app.core.stock import age_text, local_time_text
from pos_app.local.db import CorruptDatabase, integrity_check
from pos_app.local.store import LocalStore
from pos_app.services import secrets
from pos_app.services.outbox import OutboxItem, OutboxService
from sync.client import CentralClient, CentralError
from sync.journal import JournalEntry
from sync.protocol import STREAMS


@dataclass(frozen=True)
class Check:
    ok: bool | None  # True ok, False fail, None warn
    label: str
    detail: str


@contextmanager
def _store(data_dir: Path) -> Iterator[LocalStore]:
    store = LocalStore(data_dir)
    try:
        yield store
    finally:
        store.close()


def store_zone(store: LocalStore) -> tzinfo | None:
    """The store's time zone (from the synced locations), None before the first sync."""
    ident = store.identity()
    if ident is None:
        return None
    try:
        rows = store.query("SELECT timezone FROM locations WHERE id=?", (ident.store_id,))
    except Exception:  # no cache tables yet
        return None
    return ZoneInfo(rows[0][0]) if rows and rows[0][0] else None


def doctor(data_dir: Path) -> list[Check]:
    checks = [Check(True, "data directory", str(data_dir))]
    try:
        checks.append(Check(True, "keyring", secrets.check_backend()))
    except secrets.NoSecureKeyring as e:
        checks.append(Check(False, "keyring", str(e)))
    try:
        store = LocalStore(data_dir)
    except CorruptDatabase as e:
        checks.append(Check(False, "database", f"{e}. Start the app to set the cache aside and download it again."))
        return checks
    try:
        for name, engine in (("device.db", store.device), ("cache.db", store.cache)):
            issues = integrity_check(engine)
            checks.append(Check(not issues, name, "integrity ok" if not issues else "; ".join(issues[:3])))
        ident = store.identity()
        if ident is None:
            checks.append(Check(False, "enrolment", "not enrolled: pos-app enroll --central URL --code CODE"))
            return checks
        checks.append(Check(True, "enrolment", f"device {ident.device_id} of {ident.store_code} ({ident.store_name})"))
        tz = store_zone(store)
        now = datetime.now(UTC)
        for stream in STREAMS:
            st = store.stream_state(stream)
            when = f"{local_time_text(st.synced_at, tz)} ({age_text(st.synced_at, now)})" if st.synced_at else "never"
            checks.append(Check(st.bootstrapped or None, f"stream {stream}", f"cursor {st.cursor}, last pull {when}"))
        items = OutboxService(store).items()
        waiting = sum(1 for i in items if i.state == "pending")
        dead = sum(1 for i in items if i.state == "dead")
        stuck = sum(1 for i in items if i.state == "stuck")
        checks.append(
            Check((dead + stuck) == 0 or None, "outbox", f"{waiting} waiting, {dead} rejected, {stuck} stuck")
        )
        errors = store.errors()
        checks.append(Check(not errors or None, "sync errors", "none" if not errors else " | ".join(errors)))
        problems = store.journal_verify()
        checks.append(Check(not problems, "journal", "chain intact" if not problems else problems[0]))
        try:
            token = secrets.load_token(str(data_dir))
            if not secrets.load_pin_key(str(data_dir)):
                checks.append(Check(False, "PIN key", "missing from the keyring: enrol the device again"))
            with CentralClient(ident.central_url, token, timeout=5) as client:
                t0 = datetime.now(UTC)
                health = client.health()
                t1 = datetime.now(UTC)
                client.device()
            skew = (health.time - (t0 + (t1 - t0) / 2)).total_seconds()
            checks.append(
                Check(True, "central", f"{ident.central_url} answers ({(t1 - t0).total_seconds() * 1000:.0f} ms)")
            )
            checks.append(
                Check(
                    (abs(skew) < 5 or None) if abs(skew) < 60 else False,
                    "clock",
                    f"{skew:+.1f} s against central (here {local_time_text(t1, tz)})",
                )
            )
        except (CentralError, secrets.NoSecureKeyring) as e:
            checks.append(Check(None, "central", f"{ident.central_url}: {e}"))
        return checks
    finally:
        store.close()


def journal_entries(data_dir: Path) -> list[JournalEntry]:
    with _store(data_dir) as store:
        return list(store.journal_entries())


def journal_problems(data_dir: Path) -> list[str]:
    with _store(data_dir) as store:
        return store.journal_verify()


def outbox_items(data_dir: Path) -> list[OutboxItem]:
    with _store(data_dir) as store:
        return OutboxService(store).items()


def time_zone(data_dir: Path) -> tzinfo | None:
    with _store(data_dir) as store:
        return store_zone(store)
