"""A real headless browser (Debian's chromium) reading a page as a customer's phone would."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import pytest


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            raise RuntimeError("chromium is missing: scripts/system-deps.sh installs it")
        pytest.skip("chromium is not installed (scripts/system-deps.sh installs it)")
    return path


def dump_dom(url: str, *, width: int = 390, height: int = 844, timeout: float = 60) -> str:
    """The DOM after the page loaded and ran, at a phone's size."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        out = subprocess.run(
            [
                chromium(),
                "--headless=new",
                "--no-sandbox",  # root in a container has no user namespace for the sandbox
                "--disable-gpu",
                "--no-first-run",
                "--disable-dev-shm-usage",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    if out.returncode != 0:
        raise RuntimeError(f"chromium failed ({out.returncode}): {out.stderr.decode(errors='replace')[-800:]}")
    return out.stdout.decode("utf-8")
