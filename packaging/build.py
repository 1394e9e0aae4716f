"""`make package`: build the store app as one directory, dist/aisle/ (docs/packaging.md).

1. build/package/build-info.json: the release and the commit (a frozen app has no .git);
2. the icon set rendered from resources/icons/aisle.svg (hicolor sizes) with Qt's SVG renderer;
3. PyInstaller with packaging/aisle.spec;
4. share/applications/aisle.desktop and share/icons/hicolor/… into dist/aisle/, as a
   distribution package or an installer would place them under /opt/aisle.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "package"
DIST = ROOT / "dist" / "aisle"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def build_info() -> Path:
    from sync.version import commit, version

    BUILD.mkdir(parents=True, exist_ok=True)
    path = BUILD / "build-info.json"
    path.write_text(json.dumps({"version": version(), "commit": commit()}), "utf-8")
    return path


def icons() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = QSvgRenderer(str(ROOT / "resources" / "icons" / "aisle.svg"))
    made = []
    for n in SIZES:
        image = QImage(n, n, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        svg.render(painter)
        painter.end()
        out = BUILD / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "aisle.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            raise SystemExit(f"could not write {out}")
        made.append(out)
    return made


def pyinstaller() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(ROOT / "dist"),
            "--workpath",
            str(BUILD / "work"),
            str(ROOT / "packaging" / "aisle.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def desktop_files() -> None:
    apps = DIST / "share" / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "packaging" / "aisle.desktop", apps / "aisle.desktop")
    shutil.copytree(BUILD / "icons", DIST / "share" / "icons", dirs_exist_ok=True)
    scalable = DIST / "share" / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "resources" / "icons" / "aisle.svg", scalable / "aisle.svg")


def main() -> int:
    build_info()
    icons()
    pyinstaller()
    desktop_files()
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file())
    print(f"Built {DIST} ({size / 2**20:.0f} MB): {DIST / 'pos-app'} --version")
    return 0


if __name__ == "__main__":
    sys.exit(main())
