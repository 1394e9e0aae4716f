"""The translations of the screens (resources/translations, docs/languages.md): every text of
pos_app/ui that goes through tr() is in each .ts file, translated, with its placeholders and
tags kept. A new tr() text fails here until `make translations` extracts it and it is
translated."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("ja", "de")
PLACEHOLDER = re.compile(r"\{[a-z0-9_]*\}|%n|%\d")
TAG = re.compile(r"</?([a-z]+)")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            out[(name, m.findtext("source") or "")] = m
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_translated_with_its_placeholders_and_tags(lang: str) -> None:
    path = TS_DIR / f"aisle_{lang}.ts"
    assert ET.parse(path).getroot().get("language") == lang
    found = messages(path)
    assert len(found) > 400
    unfinished = [src for (ctx, src), m in found.items() if (t := m.find("translation")) is None
                  or t.get("type") in ("unfinished", "vanished", "obsolete") or not (t.text or "").strip()]  # fmt: skip
    assert unfinished == [], f"{len(unfinished)} texts not translated into {lang}, e.g. {unfinished[:5]}"
    for (ctx, src), m in found.items():
        text = m.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(src)), (lang, ctx, src, text)
        assert sorted(TAG.findall(text)) == sorted(TAG.findall(src)), (lang, ctx, src, text)


def test_the_ts_files_hold_every_tr_text_of_the_screens(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    assert lupdate.exists(), lupdate
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "pos_app" / "ui").glob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *sources, "-ts", str(fresh)], check=True)
    want = set(messages(fresh))
    for lang in LANGUAGES:
        copy = tmp_path / f"aisle_{lang}.ts"
        shutil.copy(TS_DIR / f"aisle_{lang}.ts", copy)
        have = set(messages(copy))
        missing = sorted(want - have)
        assert missing == [], f"run `make translations` and translate: {len(missing)} new in {lang}, e.g. {missing[:3]}"
        gone = sorted(have - want)
        assert gone == [], f"run `make translations`: {len(gone)} texts no screen says any more, e.g. {gone[:3]}"
