"""sync.version: the release and the commit for `--version` and `/health`, found without a
failure whatever is missing (docs/packaging.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sync import version as v

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def _fresh() -> None:
    for f in (v.version, v.commit, v._build_info):
        f.cache_clear()


def test_in_a_checkout_the_commit_is_git_head(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AISLE_COMMIT", raising=False)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True)
    assert v.commit() == head.stdout.strip() and len(v.commit()) == 12
    assert v.describe("pos-app") == f"pos-app {v.version()} (commit {v.commit()})"


def test_a_packaged_app_reads_its_build_info_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("AISLE_COMMIT", raising=False)
    (tmp_path / v.BUILD_INFO).write_text(json.dumps({"version": "1.2.3", "commit": "abc123def456"}))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # what PyInstaller sets
    assert (v.version(), v.commit()) == ("1.2.3", "abc123def456")
    v.commit.cache_clear()
    monkeypatch.setenv("AISLE_COMMIT", "f00dfeedbeef")
    assert v.commit() == "f00dfeedbeef"


def test_nothing_to_go_by_is_unknown_not_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AISLE_COMMIT", raising=False)
    (tmp_path / v.BUILD_INFO).write_text("{not json")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert v.commit() == "unknown" and v.version()  # the installed distribution's version


def test_the_commands_print_it(capsys: pytest.CaptureFixture[str]) -> None:
    from central.cli import main as central_main
    from pos_app.cli import main as app_main

    for main, prog in ((app_main, "pos-app"), (central_main, "central")):
        with pytest.raises(SystemExit) as e:
            main(["--version"])
        assert e.value.code == 0
        assert capsys.readouterr().out == f"{prog} {v.version()} (commit {v.commit()})\n"
