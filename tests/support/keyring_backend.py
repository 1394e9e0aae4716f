"""An in-memory keyring the tests select explicitly (DESIGN.md section 5).

It is a real `keyring.backend.KeyringBackend`, so the app's code path is the production one;
only where the secret is kept differs. Subprocess tests select it with PYTHON_KEYRING_BACKEND.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        # Subprocesses of one test share secrets through a file the test owns.
        self.path = Path(os.environ["AISLE_TEST_KEYRING_FILE"]) if "AISLE_TEST_KEYRING_FILE" in os.environ else None

    def _load(self) -> None:
        if self.path and self.path.exists():
            self.secrets = {tuple(k.split("\x00", 1)): v for k, v in json.loads(self.path.read_text()).items()}  # type: ignore[misc]

    def _save(self) -> None:
        if self.path:
            self.path.write_text(json.dumps({"\x00".join(k): v for k, v in self.secrets.items()}))

    def get_password(self, service: str, username: str) -> str | None:
        self._load()
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._load()
        self.secrets[(service, username)] = password
        self._save()

    def delete_password(self, service: str, username: str) -> None:
        self._load()
        self.secrets.pop((service, username), None)
        self._save()
