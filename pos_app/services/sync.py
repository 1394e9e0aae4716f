"""What the UI and the CLI may know of sync: the engine's status and events, re-exported here so
neither imports `sync.*` (the import-linter contract in pyproject.toml)."""

from __future__ import annotations

from sync.engine import Changed, Progress, SyncEngine, SyncStatus

__all__ = ["Changed", "Progress", "SyncEngine", "SyncStatus"]
