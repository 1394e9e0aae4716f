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


def screenshot(url: str, out: str, *, width: int = 390, height: int = 1400, timeout: float = 60) -> None:
    """A PNG of the page as a phone shows it (chromium --screenshot)."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        done = subprocess.run(
            [
                chromium(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                url,
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0 or not os.path.exists(out):
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr.decode(errors='replace')[-800:]}")


def decode_qr_screenshot(url: str, **kw: int) -> str | None:
    """The text of the first QR code in a screenshot of the page (zxing-cpp), or None."""
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="shot-") as d:
        path = os.path.join(d, "page.png")
        screenshot(url, path, **kw)
        found = zxingcpp.read_barcodes(Image.open(path))
    qrs = [r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode]
    return qrs[0] if qrs else None
