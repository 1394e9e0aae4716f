"""The dependency rule of DESIGN.md section 1, checked on the import statements themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imports(package: str) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.extend([(path, node.module)])
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{p.relative_to(ROOT)} imports {m}"
        for p, m in imports(package)
        if any(m == f or m.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        (
            "pos_app/core",
            (
                "PySide6",
                "sqlalchemy",
                "httpx",
                "pos_app.local",
                "pos_app.services",
                "pos_app.ui",
                "pos_app.devices",
                "sync",
                "central",
            ),
        ),
        ("central", ("pos_app", "PySide6")),
        ("sync", ("pos_app", "PySide6", "central")),
        ("pos_app/local", ("PySide6", "pos_app.services", "pos_app.ui", "central")),
        ("pos_app/services", ("PySide6", "pos_app.ui", "central")),
        ("pos_app/devices", ("PySide6.QtWidgets", "pos_app.ui", "central")),
    ],
)
def test_layer_rules(package: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(package, forbidden) == []


def test_qt_widgets_only_in_ui() -> None:
    bad = [
        f"{p.relative_to(ROOT)}"
        for pkg in ("pos_app", "sync", "central")
        for p, m in imports(pkg)
        if m.startswith("PySide6.QtWidgets") and "pos_app/ui" not in str(p)
    ]
    assert bad == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The rule is not vacuous: a planted import is found."""
    planted = ROOT / "pos_app" / "core" / "_planted_for_test.py"
    planted.write_text("import sqlalchemy\n")
    try:
        assert offenders("pos_app/core", ("sqlalchemy",)) == ["pos_app/core/_planted_for_test.py imports sqlalchemy"]
    finally:
        planted.unlink()
