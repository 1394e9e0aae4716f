"""Where a device keeps its data, and whether a directory holds one yet.

Light on purpose (no database, no network libraries): the app's first screen is decided from
it before the data layer is loaded (docs/packaging.md, "Start").
"""

from __future__ import annotations

import os
from pathlib import Path

# The device's two databases (pos_app.local.store.LocalStore): an enrolled device has both.
DEVICE_FILES = ("cache.db", "device.db")


def default_data_dir() -> Path:
    env = os.environ.get("POS_APP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "aisle-pos"


def holds_device(data_dir: Path) -> bool:
    """Whether `data_dir` has a device's databases: without them it is a new device that can
    only be enrolled (opening it would make empty databases, and the answer would be the same)."""
    return any((data_dir / name).exists() for name in DEVICE_FILES)
