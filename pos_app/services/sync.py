"""What the UI and the CLI may know of sync: the engine's status and events, re-exported here so
neither imports `sync.*` (the import-linter contract in pyproject.toml), and one sync cycle
told as what happened: synced, offline, central had a problem, token refused, or failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pos_app.services.errors import MESSAGES
from sync.engine import Changed, Progress, SyncEngine, SyncStatus

if TYPE_CHECKING:
    from pos_app.services.app import Device

SYNCED, OFFLINE, CENTRAL_PROBLEM, REFUSED, FAILED = "synced", "offline", "central_problem", "refused", "failed"


@dataclass(frozen=True)
class SyncReport:
    outcome: str  # synced | offline | central_problem | refused | failed
    code: str  # the ServiceError-style code of the sentence
    sentence: str  # English (the CLI's); the UI words `code` with `params`
    status: SyncStatus
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.outcome == SYNCED


def classify(status: SyncStatus) -> SyncReport:
    """What a finished cycle means for a person: the engine's status says why it failed
    (a refused token, a central that answered with a 5xx, no network, a rejected page)."""
    message = status.message or ""
    if status.needs_enrolment:  # the engine's sentence already says "enrol the device again"
        if message:  # a sync/words.py Said: worded by its own code
            code, params = getattr(message, "code", "central.refused_token"), getattr(message, "params", {})
            return SyncReport(REFUSED, code, message, status, params)
        return _report(REFUSED, "central.refused_token", status, detail="401")
    if status.central_trouble:
        return _report(CENTRAL_PROBLEM, "central.problem", status, detail=message)
    if status.online is False:
        return _report(OFFLINE, "central.unreachable", status, detail=message)
    if message:
        return _report(FAILED, "sync.failed", status, detail=message)
    return _report(SYNCED, "sync.done", status)


def _report(outcome: str, code: str, status: SyncStatus, **params: Any) -> SyncReport:
    return SyncReport(outcome, code, MESSAGES[code].format(**params), status, params)


def sync_once(device: Device) -> SyncReport:
    """One push-and-pull cycle of `device`, told as a SyncReport."""
    status = device.engine.sync_once()
    return classify(status)


__all__ = ["Changed", "Progress", "SyncEngine", "SyncReport", "SyncStatus", "classify", "sync_once"]
