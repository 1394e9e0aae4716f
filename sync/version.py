"""What is running: the release (the `aisle` distribution's version) and the commit it was built
from, for `pos-app --version`, central's `/health` and support.

The commit is looked up once per process, first found wins: `AISLE_COMMIT` in the environment (a
deployment may set it); `build-info.json` beside the code of a packaged app (written by
packaging/aisle.spec at build time: a frozen app has no .git); `git rev-parse` in a checkout;
else "unknown". Never an exception: a version string must not stop anything from starting.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

BUILD_INFO = "build-info.json"


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[1]


@cache
def version() -> str:
    info = _build_info()
    if info.get("version"):
        return str(info["version"])
    try:
        return metadata.version("aisle")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@cache
def commit() -> str:
    if os.environ.get("AISLE_COMMIT"):
        return os.environ["AISLE_COMMIT"][:40]
    info = _build_info()
    if info.get("commit"):
        return str(info["commit"])
    root = _root()
    if (root / ".git").exists():
        try:
            out = subprocess.run(
                ["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                capture_output=True,
                text=True,
                timeout=5,
                check=True,
            )
            return out.stdout.strip() or "unknown"
        except (OSError, subprocess.SubprocessError):
            return "unknown"
    return "unknown"


@cache
def _build_info() -> dict[str, object]:
    path = _root() / BUILD_INFO
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe(program: str) -> str:
    """`pos-app 0.1.0 (commit 8546d5c1a2b3)`."""
    return f"{program} {version()} (commit {commit()})"


class VersionAction(argparse.Action):
    """`--version` that looks the commit up only when asked (not at every start)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kw: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="the release and its commit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        print(describe(parser.prog))
        parser.exit()
