"""What the UI and the CLI may know of sync: the engine's status and events, re-exported here so
neither imports `sync.*` (the import-linter contract in pyproject.toml), and one sync cycle
told as what happened: synced, offline, central had a problem, token refused, or failed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_app.services.errors import MESSAGES
from sync.client import CentralClient, CentralError, ServerError, Unauthorized, Unreachable
from sync.engine import Changed, Progress, SyncEngine, SyncStatus

if TYPE_CHECKING:
    from pos_app.services.app import Device

SYNCED, OFFLINE, CENTRAL_PROBLEM, REFUSED, FAILED = "synced", "offline", "central_problem", "refused", "failed"


@dataclass(frozen=True)
class SyncReport:
    outcome: str  # synced | offline | central_problem | refused | failed
    code: str  # the ServiceError-style code of the sentence
    sentence: str
    status: SyncStatus

    @property
    def ok(self) -> bool:
        return self.outcome == SYNCED


def classify(status: SyncStatus, probe: Callable[[], CentralClient]) -> SyncReport:
    """What a finished cycle means for a person. The engine's status says that a cycle failed;
    when it did, one cheap authenticated request tells a refused token (401), a central that
    answers with a 5xx, and a network that is not there apart."""
    message = status.message or ""
    if getattr(status, "needs_enrolment", False):
        return _report(REFUSED, "central.refused_token", status, detail=message or "401")
    if not message and status.online:
        return SyncReport(SYNCED, "sync.done", "Synced.", status)
    try:
        with probe() as client:
            client.device()
    except Unauthorized as e:
        return _report(REFUSED, "central.refused_token", status, detail=str(e))
    except ServerError as e:
        return _report(CENTRAL_PROBLEM, "central.problem", status, detail=f"HTTP {e.status}")
    except Unreachable as e:
        if status.online is False and "had a problem" in message:
            return _report(CENTRAL_PROBLEM, "central.problem", status, detail=message)
        return _report(OFFLINE, "central.unreachable", status, detail=str(e))
    except CentralError as e:
        return SyncReport(FAILED, "sync.failed", f"Sync failed: {message or e}", status)
    if status.online is False and "had a problem" in message:  # the 5xx was on another request
        return _report(CENTRAL_PROBLEM, "central.problem", status, detail=message)
    return SyncReport(FAILED, "sync.failed", f"Sync failed: {message}", status)


def _report(outcome: str, code: str, status: SyncStatus, **params: str) -> SyncReport:
    return SyncReport(outcome, code, MESSAGES[code].format(**params), status)


def sync_once(device: Device) -> SyncReport:
    """One push-and-pull cycle of `device`, told as a SyncReport."""
    status = device.engine.sync_once()
    return classify(status, device.new_client)


__all__ = ["Changed", "Progress", "SyncEngine", "SyncReport", "SyncStatus", "classify", "sync_once"]
