"""The app's first screen is made before the data layer loads (docs/packaging.md, "Start").

Importing the Shell must not load SQLAlchemy, httpx, pydantic (the protocol's models) or the
local store: they were two thirds of the start's imports, and the enrolment screen needs none.
A new import at the top of a first-screen module that drags them in fails here, not in a
figure of the packaged app's start nobody reads."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "httpx", "pydantic", "escpos", "sync.engine", "pos_app.local.store", "pos_app.services.app")


def loaded_after(module: str) -> list[str]:
    code = f"import sys, {module}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_the_shell_and_its_first_screens_load_without_the_data_layer() -> None:
    assert loaded_after("pos_app.ui.main") == []
    assert loaded_after("pos_app.cli") == []


def test_the_screens_after_the_first_are_loaded_by_the_worker_list() -> None:
    # LATER is what a worker imports while the first screen shows; it must be the real modules
    # (a renamed module would make sign-in import on the GUI thread again).
    code = "import sys; from pos_app.ui.main import load_later; load_later(); print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
